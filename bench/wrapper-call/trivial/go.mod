module mochigo.bench/trivial

go 1.21
