module example.com/bridgefix

go 1.21
