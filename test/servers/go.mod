module mochi-go/testservers

go 1.23

require golang.org/x/mod v0.7.0
