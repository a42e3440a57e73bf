module example.com/fixture/kitchen

go 1.23
