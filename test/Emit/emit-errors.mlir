// RUN: rm -f %t.go.txt %t.h.txt
// RUN: not mochi-go-translate --emit-go-wrapper --split-input-file %s -o %t.go.txt 2>&1 | FileCheck %s --check-prefixes=CHECK,GO
// RUN: not mochi-go-translate --emit-c-header --split-input-file %s -o %t.h.txt 2>&1 | FileCheck %s --check-prefixes=CHECK,NOGO

// The printers refuse what they cannot print (and write no output file).
// RUN: test ! -e %t.go.txt && test ! -e %t.h.txt

// CHECK: error: expected exactly one cabi.library, found 0
go.module @"example.com/m" version "v1.0.0" {
}

// -----

// CHECK: error: expected exactly one cabi.library, found 2
cabi.library @"example.com/a" version "v1.0.0" prefix "mochigo_a" {
}
cabi.library @"example.com/b" version "v1.0.0" prefix "mochigo_b" {
}

// -----

// Without a go.module, a named type whose conversion needs its underlying
// type is refused (the header does not need it).
// NOGO-NOT: error: the underlying type
// GO: error: the underlying type of github.com/google/uuid.UUID is not known (no go.module declares it)
cabi.library @"github.com/google/uuid" version "v1.3.0" prefix "mochigo_uuid" {
  cabi.package @"github.com/google/uuid" name "uuid" qualifier "" {
    cabi.export @mochigo_uuid_Parse func "Parse" [#cabi.value<"s" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.named<"github.com/google/uuid.UUID"> as !cabi.bytes>] error
  }
}

// -----

// NOGO-NOT: error: cannot carry
// GO: error: cannot carry []int as a string
cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" {
  cabi.package @"example.com/m" name "m" qualifier "" {
    cabi.export @mochigo_m_F func "F" [#cabi.value<"s" : !go.slice<int> as !cabi.string>] -> []
  }
}

// -----

// C names must not collide: a record named like a built-in type...
// CHECK: error: C name 'mochigo_m_string' is already defined by the string type
cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" {
  cabi.record @string : !go.named<"example.com/m.S"> [#cabi.value<"X" : !go.int as si64>]
}

// -----

// ... or an export named like a handle type.
// CHECK: error: C name 'mochigo_m_Time' is already defined by handle type 'Time'
cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" {
  cabi.handle_type @Time : !go.named<"time.Time"> boxed
  cabi.package @"example.com/m" name "m" qualifier "" {
    cabi.export @mochigo_m_Time func "Time" [] -> [#cabi.value<"r0" : !go.named<"time.Time"> as !cabi.handle<"Time">>]
  }
}

// -----

// A record field that a C header macro would replace.
// CHECK: error: record field 'NULL' cannot be a C struct member name
cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" {
  cabi.record @R : !go.named<"example.com/m.R"> [#cabi.value<"NULL" : !go.int as si64>]
}
