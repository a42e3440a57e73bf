// A wrapper library over Go standard-library packages (no module to fetch),
// for go-wrapper-builds.test. The go.module gives the underlying types of
// the named types the conversions need.
go.module @std version "" {
  go.external_type "net/url.Values" : map<string, slice<string>>
  go.external_type "net.IP" : slice<byte>
  go.external_type "time.Duration" : int64
}

cabi.library @std version "" prefix "mochigo_std" {
  cabi.handle_type @Replacer : !go.named<"strings.Replacer"> boxed
  cabi.handle_type @Buffer : !go.named<"bytes.Buffer"> boxed
  cabi.handle_type @Time : !go.named<"time.Time"> boxed
  cabi.handle_type @Addr : !go.named<"net/netip.Addr"> boxed
  cabi.record @Point : !go.named<"image.Point"> [#cabi.value<"X" : !go.int as si64>, #cabi.value<"Y" : !go.int as si64>]
  cabi.record @Rectangle : !go.named<"image.Rectangle"> [#cabi.value<"Min" : !go.named<"image.Point"> as !cabi.record<"Point">>, #cabi.value<"Max" : !go.named<"image.Point"> as !cabi.record<"Point">>]

  cabi.package @strings name "strings" qualifier "strings" {
    cabi.export @mochigo_std_strings_Repeat func "Repeat" [#cabi.value<"s" : !go.string as !cabi.string>, #cabi.value<"count" : !go.int as si64>] -> [#cabi.value<"r0" : !go.string as !cabi.string>] {doc = "Repeat returns a new string consisting of count copies of the string s.\n\nIt panics if count is negative."}
    cabi.export @mochigo_std_strings_Split func "Split" [#cabi.value<"s" : !go.string as !cabi.string>, #cabi.value<"sep" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.slice<string> as !cabi.list<!cabi.string>>]
    cabi.export @mochigo_std_strings_Join func "Join" [#cabi.value<"elems" : !go.slice<string> as !cabi.list<!cabi.string>>, #cabi.value<"sep" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
    cabi.export @mochigo_std_strings_ToUpper func "ToUpper" [#cabi.value<"s" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
    cabi.export @mochigo_std_strings_NewReplacer func "NewReplacer" [#cabi.value<"oldnew" : !go.slice<string> as !cabi.list<!cabi.string>>] -> [#cabi.value<"r0" : !go.ptr<named<"strings.Replacer">> as !cabi.handle<"Replacer">>] variadic
    cabi.export @mochigo_std_strings_Replacer_Replace method "Replacer.Replace" [#cabi.value<"r" : !go.ptr<named<"strings.Replacer">> as !cabi.handle<"Replacer">>, #cabi.value<"s" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
  }
  cabi.package @strconv name "strconv" qualifier "strconv" {
    cabi.export @mochigo_std_strconv_Atoi func "Atoi" [#cabi.value<"s" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.int as si64>] error
    cabi.export @mochigo_std_strconv_IntSize const_get "IntSize" [] -> [#cabi.value<"r0" : !go.untyped_int as si64>]
  }
  cabi.package @bytes name "bytes" qualifier "bytes" {
    cabi.export @mochigo_std_bytes_ToUpper func "ToUpper" [#cabi.value<"s" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.slice<byte> as !cabi.bytes>]
    cabi.export @mochigo_std_bytes_Equal func "Equal" [#cabi.value<"a" : !go.slice<byte> as !cabi.bytes>, #cabi.value<"b" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.bool as i1>]
    cabi.export @mochigo_std_bytes_NewBufferString func "NewBufferString" [#cabi.value<"s" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.ptr<named<"bytes.Buffer">> as !cabi.handle<"Buffer">>]
    cabi.export @mochigo_std_bytes_Buffer_WriteString method "Buffer.WriteString" [#cabi.value<"b" : !go.ptr<named<"bytes.Buffer">> as !cabi.handle<"Buffer">>, #cabi.value<"s" : !go.string as !cabi.string>] -> [#cabi.value<"n" : !go.int as si64>] error
    cabi.export @mochigo_std_bytes_Buffer_Len method "Buffer.Len" [#cabi.value<"b" : !go.ptr<named<"bytes.Buffer">> as !cabi.handle<"Buffer">>] -> [#cabi.value<"r0" : !go.int as si64>]
    cabi.export @mochigo_std_bytes_Buffer_String method "Buffer.String" [#cabi.value<"b" : !go.ptr<named<"bytes.Buffer">> as !cabi.handle<"Buffer">>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
  }
  cabi.package @image name "image" qualifier "image" {
    cabi.export @mochigo_std_image_Pt func "Pt" [#cabi.value<"X" : !go.int as si64>, #cabi.value<"Y" : !go.int as si64>] -> [#cabi.value<"r0" : !go.named<"image.Point"> as !cabi.record<"Point">>]
    cabi.export @mochigo_std_image_Point_Add method "Point.Add" [#cabi.value<"p" : !go.named<"image.Point"> as !cabi.record<"Point">>, #cabi.value<"q" : !go.named<"image.Point"> as !cabi.record<"Point">>] -> [#cabi.value<"r0" : !go.named<"image.Point"> as !cabi.record<"Point">>]
    cabi.export @mochigo_std_image_Rect func "Rect" [#cabi.value<"x0" : !go.int as si64>, #cabi.value<"y0" : !go.int as si64>, #cabi.value<"x1" : !go.int as si64>, #cabi.value<"y1" : !go.int as si64>] -> [#cabi.value<"r0" : !go.named<"image.Rectangle"> as !cabi.record<"Rectangle">>]
  }
  cabi.package @time name "time" qualifier "time" {
    cabi.export @mochigo_std_time_Unix func "Unix" [#cabi.value<"sec" : !go.int64 as si64>, #cabi.value<"nsec" : !go.int64 as si64>] -> [#cabi.value<"r0" : !go.named<"time.Time"> as !cabi.handle<"Time">>]
    cabi.export @mochigo_std_time_Time_Year method "Time.Year" [#cabi.value<"t" : !go.named<"time.Time"> as !cabi.handle<"Time">>] -> [#cabi.value<"r0" : !go.int as si64>]
    cabi.export @mochigo_std_time_Time_UTC method "Time.UTC" [#cabi.value<"t" : !go.named<"time.Time"> as !cabi.handle<"Time">>] -> [#cabi.value<"r0" : !go.named<"time.Time"> as !cabi.handle<"Time">>]
    cabi.export @mochigo_std_time_Time_Format method "Time.Format" [#cabi.value<"t" : !go.named<"time.Time"> as !cabi.handle<"Time">>, #cabi.value<"layout" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
    cabi.export @mochigo_std_time_Duration_String method "Duration.String" [#cabi.value<"d" : !go.named<"time.Duration"> as si64>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
    cabi.export @mochigo_std_time_RFC3339 const_get "RFC3339" [] -> [#cabi.value<"r0" : !go.untyped_string as !cabi.string>]
    cabi.export @mochigo_std_time_Second const_get "Second" [] -> [#cabi.value<"r0" : !go.named<"time.Duration"> as si64>]
  }
  cabi.package @math name "math" qualifier "math" {
    cabi.export @mochigo_std_math_Sqrt func "Sqrt" [#cabi.value<"x" : !go.float64 as f64>] -> [#cabi.value<"r0" : !go.float64 as f64>]
    cabi.export @mochigo_std_math_Float32bits func "Float32bits" [#cabi.value<"f" : !go.float32 as f32>] -> [#cabi.value<"r0" : !go.uint32 as ui32>]
    cabi.export @mochigo_std_math_MaxUint64 const_get "MaxUint64" [] -> [#cabi.value<"r0" : !go.untyped_int as ui64>]
  }
  cabi.package @"net/url" name "url" qualifier "net.url" {
    cabi.export @mochigo_std_net_url_ParseQuery func "ParseQuery" [#cabi.value<"query" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.named<"net/url.Values"> as !cabi.map<!cabi.string, !cabi.list<!cabi.string>>>] error
    cabi.export @mochigo_std_net_url_Values_Encode method "Values.Encode" [#cabi.value<"v" : !go.named<"net/url.Values"> as !cabi.map<!cabi.string, !cabi.list<!cabi.string>>>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
  }
  cabi.package @net name "net" qualifier "net" {
    cabi.export @mochigo_std_net_IPv4 func "IPv4" [#cabi.value<"a" : !go.byte as ui8>, #cabi.value<"b" : !go.byte as ui8>, #cabi.value<"c" : !go.byte as ui8>, #cabi.value<"d" : !go.byte as ui8>] -> [#cabi.value<"r0" : !go.named<"net.IP"> as !cabi.bytes>]
    cabi.export @mochigo_std_net_IP_String method "IP.String" [#cabi.value<"ip" : !go.named<"net.IP"> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
  }
  cabi.package @"net/netip" name "netip" qualifier "net.netip" {
    cabi.export @mochigo_std_net_netip_AddrFrom16 func "AddrFrom16" [#cabi.value<"addr" : !go.array<16 x byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.named<"net/netip.Addr"> as !cabi.handle<"Addr">>]
    cabi.export @mochigo_std_net_netip_Addr_As16 method "Addr.As16" [#cabi.value<"ip" : !go.named<"net/netip.Addr"> as !cabi.handle<"Addr">>] -> [#cabi.value<"a16" : !go.array<16 x byte> as !cabi.bytes>]
    cabi.export @mochigo_std_net_netip_Addr_String method "Addr.String" [#cabi.value<"ip" : !go.named<"net/netip.Addr"> as !cabi.handle<"Addr">>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
  }
  cabi.package @"crypto/sha256" name "sha256" qualifier "crypto.sha256" {
    cabi.export @mochigo_std_crypto_sha256_Sum256 func "Sum256" [#cabi.value<"data" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.array<32 x byte> as !cabi.bytes>]
  }
  cabi.package @errors name "errors" qualifier "errors" {
    cabi.export @mochigo_std_errors_New func "New" [#cabi.value<"text" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.error as !cabi.error>]
    cabi.export @mochigo_std_errors_Unwrap func "Unwrap" [#cabi.value<"err" : !go.error as !cabi.error>] -> [#cabi.value<"r0" : !go.error as !cabi.error>]
  }
  cabi.package @io name "io" qualifier "io" {
    cabi.export @mochigo_std_io_EOF var_get "EOF" [] -> [#cabi.value<"r0" : !go.error as !cabi.error>]
  }
  cabi.package @os name "os" qualifier "os" {
    cabi.export @mochigo_std_os_Args var_get "Args" [] -> [#cabi.value<"r0" : !go.slice<string> as !cabi.list<!cabi.string>>]
    cabi.export @mochigo_std_os_SetArgs var_set "Args" [#cabi.value<"v" : !go.slice<string> as !cabi.list<!cabi.string>>] -> []
  }
}
