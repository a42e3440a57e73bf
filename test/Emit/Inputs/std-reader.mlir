// A standard-library surface of two packages (the declarations as
// mochi-go-ingest -std writes them): strings.NewReader makes a reader, and
// io.Reader, an interface from outside the surface, is a handle type whose
// method Read the library exports as io_Reader.Read.
go.module @std version "go1.23.0" {
  go.package @bufio name "bufio" {
    go.type @Reader struct {
      go.field "buf" : hidden
    }
    go.func @NewReader(rd: named<"io.Reader">) -> (_: ptr<named<"bufio.Reader">>)
    go.method @Reader.ReadString recv(b: ptr<named<"bufio.Reader">>) (delim: byte) -> (_: string, _: error)
  }
  go.package @strings name "strings" {
    go.type @Reader struct {
      go.field "s" : hidden
    }
    go.func @NewReader(s: string) -> (_: ptr<named<"strings.Reader">>)
    go.method @Reader.Len recv(r: ptr<named<"strings.Reader">>) () -> (_: int)
  }
  go.external_type "io.Reader" : interface<Read: func<(slice<byte>) -> (int, error)>>
}
