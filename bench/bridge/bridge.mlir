// The GoSurface of bench/bridge/mod, written by hand (the benchmark runs
// without ingesting).
go.module @"mochigo.bench/bridge" version "v0.0.0" {
  go.package @"mochigo.bench/bridge" name "bridge" {
    go.func @Add(a: int64, b: int64) -> (_: int64)
    go.func @Apply(f: func<(int64) -> (int64)>, x: int64) -> (_: int64)
    go.func @Pipe(capacity: int) -> (_: chan<int64>)
  }
}
