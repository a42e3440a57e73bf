// Command tool is a main package: not part of the surface.
package main

func main() {}
