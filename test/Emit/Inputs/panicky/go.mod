module example.com/panicky

go 1.21
