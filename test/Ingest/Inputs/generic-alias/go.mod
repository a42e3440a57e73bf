module example.com/ga

go 1.24
