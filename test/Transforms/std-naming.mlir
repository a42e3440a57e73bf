// RUN: mochi-go-opt %s -split-input-file --typemap --handle-pool --cgo-export | FileCheck %s

// A standard-library surface of one package (mochi-go-ingest -std strings)
// is named like a module's root package: the default prefix comes from the
// package, handle types and C symbols have no package directory, the Mochi
// qualifier is empty. Types from other packages keep their package name.
// CHECK-LABEL: cabi.library @std version "go1.23.5" prefix "mochigo_strings" {
// CHECK-NEXT: cabi.handle_type @Replacer : !go.named<"strings.Replacer"> boxed
// CHECK-NEXT: cabi.handle_type @io_Writer : !go.named<"io.Writer">{{$}}
// CHECK-NEXT: cabi.package @strings name "strings" qualifier "" {
// CHECK-NEXT: cabi.export @mochigo_strings_Replacer_new new "Replacer.new"
// CHECK-NEXT: cabi.export @mochigo_strings_NewReplacer func "NewReplacer" [#cabi.value<"oldnew" : !go.slice<string> as !cabi.list<!cabi.string>>] -> [#cabi.value<"r0" : !go.ptr<named<"strings.Replacer">> as !cabi.handle<"Replacer">>] variadic
// CHECK-NEXT: cabi.export @mochigo_strings_ToUpper func "ToUpper"
// CHECK-NEXT: cabi.export @mochigo_strings_Replacer_Replace method "Replacer.Replace"
// CHECK-NEXT: cabi.export @mochigo_strings_Replacer_WriteString method "Replacer.WriteString" [#cabi.value<"r" : !go.ptr<named<"strings.Replacer">> as !cabi.handle<"Replacer">>, #cabi.value<"w" : !go.named<"io.Writer"> as !cabi.handle<"io_Writer">>, #cabi.value<"s" : !go.string as !cabi.string>]
// The methods of an interface from another package are named after its
// handle type.
// CHECK-NEXT: cabi.export @mochigo_strings_io_Writer_Write method "io_Writer.Write" [#cabi.value<"recv" : !go.named<"io.Writer"> as !cabi.handle<"io_Writer">>, #cabi.value<"p1" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.int as si64>] error
// CHECK-NEXT: }
// CHECK-NEXT: }
go.module @std version "go1.23.5" {
  go.package @strings name "strings" {
    go.type @Replacer struct {
      go.field "r" : hidden
    }
    go.func @NewReplacer(oldnew: ...string) -> (_: ptr<named<"strings.Replacer">>)
    go.func @ToUpper(s: string) -> (_: string)
    go.method @Replacer.Replace recv(r: ptr<named<"strings.Replacer">>) (s: string) -> (_: string)
    go.method @Replacer.WriteString recv(r: ptr<named<"strings.Replacer">>) (w: named<"io.Writer">, s: string) -> (n: int, err: error)
  }
  go.external_type "io.Writer" : interface<Write: func<(slice<byte>) -> (int, error)>>
}

// -----

// A package path of several elements: the prefix takes its last one, and
// the package is still the root (no `net_url_` in the names).
// CHECK-LABEL: cabi.library @std version "go1.23.5" prefix "mochigo_url" {
// CHECK-NEXT: cabi.handle_type @URL : !go.named<"net/url.URL"> boxed
// CHECK-NEXT: cabi.package @"net/url" name "url" qualifier "" {
// CHECK-NEXT: cabi.export @mochigo_url_URL_new new "URL.new"
// CHECK-NEXT: cabi.export @mochigo_url_URL_Path_get field_get "URL.Path"
// CHECK-NEXT: cabi.export @mochigo_url_URL_Path_set field_set "URL.set_Path"
// CHECK-NEXT: cabi.export @mochigo_url_Parse func "Parse"
// CHECK-NEXT: cabi.export @mochigo_url_URL_String method "URL.String"
// CHECK-NEXT: }
// CHECK-NEXT: }
go.module @std version "go1.23.5" {
  go.package @"net/url" name "url" {
    go.type @URL struct {
      go.field "Path" : string
      go.field "u" : hidden
    }
    go.func @Parse(rawURL: string) -> (_: ptr<named<"net/url.URL">>, _: error)
    go.method @URL.String recv(u: ptr<named<"net/url.URL">>) () -> (_: string)
  }
}

// -----

// Several packages under `std` (not something mochi-go-ingest -std writes):
// no package stands for the root, so every name keeps its package.
// CHECK-LABEL: cabi.library @std version "go1.23.5" prefix "mochigo_std" {
// CHECK-NEXT: cabi.package @strings name "strings" qualifier "strings" {
// CHECK-NEXT: cabi.export @mochigo_std_strings_ToUpper func "ToUpper"
// CHECK-NEXT: }
// CHECK-NEXT: cabi.package @"net/url" name "url" qualifier "net.url" {
// CHECK-NEXT: cabi.export @mochigo_std_net_url_PathEscape func "PathEscape"
// CHECK-NEXT: }
// CHECK-NEXT: }
go.module @std version "go1.23.5" {
  go.package @strings name "strings" {
    go.func @ToUpper(s: string) -> (_: string)
  }
  go.package @"net/url" name "url" {
    go.func @PathEscape(s: string) -> (_: string)
  }
}
