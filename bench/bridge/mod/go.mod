module mochigo.bench/bridge

go 1.21
