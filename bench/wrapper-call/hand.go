package main

// The baseline: the same call exported by hand, the way one writes cgo
// without a generator (no panic recovery, no status).

/*
#include <stdint.h>
*/
import "C"

import "mochigo.bench/trivial"

//export bench_hand_add
func bench_hand_add(a, b C.int64_t) C.int64_t {
	return C.int64_t(trivial.Add(int64(a), int64(b)))
}
