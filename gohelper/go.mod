module mochi-go/gohelper

go 1.23
