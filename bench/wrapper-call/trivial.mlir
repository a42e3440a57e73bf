// The GoSurface of bench/wrapper-call/trivial, written by hand (the
// benchmark runs without the corpus proxy).
go.module @"mochigo.bench/trivial" version "v0.0.0" {
  go.package @"mochigo.bench/trivial" name "trivial" {
    go.func @Add(a: int64, b: int64) -> (_: int64)
  }
}
