package main

// The baseline: a trivial function behind a hand-written //export, a bare
// cgo call (no panic recovery, no status, no handles).

/*
#include <stdint.h>
*/
import "C"

import "mochigo.bench/bridge"

//export bench_bare_add
func bench_bare_add(a, b C.int64_t) C.int64_t {
	return C.int64_t(bridge.Add(int64(a), int64(b)))
}
