// RUN: mochi-go-opt %s -split-input-file -verify-diagnostics

// Operations the importer must never produce, each refused by a verifier.

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.var' op refers to named type 'example.com/m.Missing' which is not declared in package 'example.com/m' (dangling type reference)}}
    go.var @V : ptr<named<"example.com/m.Missing">>
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    go.type @List<T: any> struct {
    }
    // expected-error @+1 {{'go.var' op instantiates 'example.com/m.List' with 2 type arguments, it has 1 type parameters}}
    go.var @V : named<"example.com/m.List", [int, string]>
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.var' op instantiates external type 'iter.Seq' with 0 type arguments, it has 1 type parameters}}
    go.var @V : named<"iter.Seq">
  }
  go.external_type "iter.Seq" : func<(func<(typeparam<"V">) -> (bool)>)> {num_type_params = 1 : i64}
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    go.type @T : int
    // expected-error @+1 {{'go.method' op declares a method on non-local type 'time.Duration' (methods belong to package 'example.com/m')}}
    go.method @Duration.String recv(d: named<"time.Duration">) () -> (_: string)
  }
  go.external_type "time.Duration" : int64
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    go.type @T : int
    go.type @U : int
    // expected-error @+1 {{'go.method' op symbol names receiver type 'U' but the receiver is 'T'}}
    go.method @U.String recv(t: named<"example.com/m.T">) () -> (_: string)
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.method' op receiver must be a named type or a pointer to one, got []int}}
    go.method @T.String recv(t: slice<int>) () -> (_: string)
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{invalid map key type []int: must be comparable}}
    go.var @M : map<slice<int>, int>
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    go.type @T struct {
      // expected-error @+1 {{'go.field' op embedded field 'Base' must be named after its type 'Time'}}
      go.field "Base" : named<"time.Time"> embedded
    }
  }
  go.external_type "time.Time" : struct<wall: hidden>
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    go.type @T struct {
      // expected-error @+1 {{'go.field' op unexported field 'mu' must have type hidden}}
      go.field "mu" : int
    }
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    go.type @T struct {
      // expected-error @+1 {{'go.field' op exported field 'X' must have a recorded type, not hidden}}
      go.field "X" : hidden
    }
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    go.type @T struct {
      go.field "X" : int
      // expected-error @+1 {{'go.field' op duplicate field 'X'}}
      go.field "X" : string
    }
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.func' op uses type parameter 'T' that is not declared in scope}}
    go.func @F(x: typeparam<"T">)
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.func' op declares type parameter 'T' twice}}
    go.func @F<T: any, T: comparable>(x: typeparam<"T">)
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.const' op int constant must be a decimal integer, got '0x10'}}
    go.const @C : untyped_int = int "0x10"
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.const' op a string value cannot have type int}}
    go.const @C : int = string "x"
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.const' op bool constant must be 'true' or 'false', got 'yes'}}
    go.const @C : bool = bool "yes"
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.type' op underlying type struct{X int} must be written with the 'struct' or 'interface' form}}
    go.type @T : struct<X: int>
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.type' op underlying type cannot be time.Time}}
    go.type @T : named<"time.Time">
  }
  go.external_type "time.Time" : struct<wall: hidden>
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  // expected-note @+1 {{see existing symbol definition here}}
  go.package @"example.com/m" name "m" {
  }
  // expected-error @+1 {{redefinition of symbol named 'example.com/m'}}
  go.package @"example.com/m" name "m" {
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  // expected-error @+1 {{'go.external_type' op needs a qualified name 'pkg.Name', got 'Duration'}}
  go.external_type "Duration" : int64
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.func' op has 1 parameter names for 2 parameters}}
    "go.func"() <{sym_name = "F", type_params = [], function_type = !go.func<(int, int)>, arg_names = ["a"], result_names = []}> : () -> ()
  }
}

// -----

go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    // expected-error @+1 {{'go.interface_method' op is not a declaration and cannot appear in a go.package}}
    go.interface_method "Read"(p: slice<byte>) -> (n: int, err: error)
  }
}
