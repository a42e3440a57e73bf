// RUN: mochi-go-translate --emit-c-header %s | FileCheck %s
// The header stands alone in C99 and C++17.
// RUN: mochi-go-translate --emit-c-header %s -o %t.h
// RUN: cc -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -x c %t.h
// RUN: c++ -std=c++17 -Wall -Wextra -Werror -pedantic -fsyntax-only -x c++ %t.h

cabi.library @"example.com/kv" version "v1.2.0" prefix "mochigo_kv" {
  cabi.handle_type @Store : !go.named<"example.com/kv.Store"> boxed
  cabi.handle_type @Reader : !go.named<"io.Reader">
  cabi.record @Entry : !go.named<"example.com/kv.Entry"> [#cabi.value<"Key" : !go.string as !cabi.string>, #cabi.value<"Meta" : !go.named<"example.com/kv.Meta"> as !cabi.record<"Meta">>, #cabi.value<"Err" : !go.error as !cabi.error>, #cabi.value<"Owner" : !go.ptr<named<"example.com/kv.Store">> as !cabi.handle<"Store">>]
  cabi.record @Meta : !go.named<"example.com/kv.Meta"> [#cabi.value<"Size" : !go.int as si64>, #cabi.value<"Flags" : !go.uint8 as ui8>]
  cabi.record @Empty : !go.struct<> []
  cabi.package @"example.com/kv" name "kv" qualifier "" {
    cabi.export @mochigo_kv_Open func "Open" [#cabi.value<"path" : !go.string as !cabi.string>, #cabi.value<"int" : !go.int as si64>, #cabi.value<"" : !go.bool as i1>] -> [#cabi.value<"r0" : !go.ptr<named<"example.com/kv.Store">> as !cabi.handle<"Store">>] error {doc = "Open opens the store at path.\nIt creates it when needed."}
    cabi.export @mochigo_kv_Store_Entries method "Store.Entries" [#cabi.value<"s" : !go.ptr<named<"example.com/kv.Store">> as !cabi.handle<"Store">>, #cabi.value<"_" : !go.float64 as f64>, #cabi.value<"s" : !go.float32 as f32>] -> [#cabi.value<"r0" : !go.slice<named<"example.com/kv.Entry">> as !cabi.list<!cabi.record<"Entry">>>, #cabi.value<"byKey" : !go.map<string, slice<int16>> as !cabi.map<!cabi.string, !cabi.list<si16>>>] {doc = "Entries ends with a backslash \\"}
    cabi.export @mochigo_kv_Size func "Size" [#cabi.value<"m" : !go.named<"example.com/kv.Meta"> as !cabi.record<"Meta">>] -> [#cabi.value<"r0" : !go.uint as ui64>]
    cabi.export @mochigo_kv_Version const_get "Version" [] -> [#cabi.value<"r0" : !go.untyped_string as !cabi.string>]
  }
}

// CHECK: /* mochigo_kv.h: the C interface of the Go module example.com/kv v1.2.0.
// CHECK: #ifndef MOCHIGO_KV_H
// CHECK-NEXT: #define MOCHIGO_KV_H
// CHECK-EMPTY:
// CHECK-NEXT: #include <stdbool.h>
// CHECK-NEXT: #include <stddef.h>
// CHECK-NEXT: #include <stdint.h>
// CHECK-EMPTY:
// CHECK-NEXT: #ifdef __cplusplus
// CHECK-NEXT: extern "C" {
// CHECK-NEXT: #endif
// CHECK: #define MOCHIGO_KV_OK 0
// CHECK-NEXT: #define MOCHIGO_KV_ERROR 1
// CHECK-NEXT: #define MOCHIGO_KV_PANIC 2
// CHECK-NEXT: #define MOCHIGO_KV_BAD_HANDLE 3
// CHECK-NEXT: #define MOCHIGO_KV_BAD_ARGUMENT 4
// CHECK-NEXT: // Channel operations: not ready within the timeout (at once for try_*), and
// CHECK-NEXT: // a closed channel.
// CHECK-NEXT: #define MOCHIGO_KV_TIMEOUT 5
// CHECK-NEXT: #define MOCHIGO_KV_CLOSED 6
// CHECK-EMPTY:
// CHECK-NEXT: typedef struct mochigo_kv_string {
// CHECK-NEXT:   char *data;
// CHECK-NEXT:   int64_t len;
// CHECK-NEXT: } mochigo_kv_string;
// CHECK-EMPTY:
// CHECK-NEXT: typedef struct mochigo_kv_bytes {
// CHECK-NEXT:   uint8_t *data;
// CHECK-NEXT:   int64_t len;
// CHECK-NEXT: } mochigo_kv_bytes;
// CHECK-EMPTY:
// CHECK-NEXT: typedef uint64_t mochigo_kv_handle;
// CHECK-NEXT: typedef mochigo_kv_handle mochigo_kv_Store;
// CHECK-NEXT: typedef mochigo_kv_handle mochigo_kv_Reader;

// Records in dependency order (Meta before Entry, which names it); a
// handle field has its handle type's typedef; an empty record gets a member.
// CHECK-EMPTY:
// CHECK-NEXT: typedef struct mochigo_kv_Meta {
// CHECK-NEXT:   int64_t Size;
// CHECK-NEXT:   uint8_t Flags;
// CHECK-NEXT: } mochigo_kv_Meta;
// CHECK-EMPTY:
// CHECK-NEXT: typedef struct mochigo_kv_Entry {
// CHECK-NEXT:   mochigo_kv_string Key;
// CHECK-NEXT:   mochigo_kv_Meta Meta;
// CHECK-NEXT:   mochigo_kv_string Err;
// CHECK-NEXT:   mochigo_kv_Store Owner;
// CHECK-NEXT: } mochigo_kv_Entry;
// CHECK-EMPTY:
// CHECK-NEXT: typedef struct mochigo_kv_Empty {
// CHECK-NEXT:   uint8_t unused_;
// CHECK-NEXT: } mochigo_kv_Empty;
// CHECK-EMPTY:
// CHECK-NEXT: typedef struct mochigo_kv_list_Entry {
// CHECK-NEXT:   mochigo_kv_Entry *data;
// CHECK-NEXT:   int64_t len;
// CHECK-NEXT: } mochigo_kv_list_Entry;
// CHECK-EMPTY:
// CHECK-NEXT: typedef struct mochigo_kv_list_int16 {
// CHECK-NEXT:   int16_t *data;
// CHECK-NEXT:   int64_t len;
// CHECK-NEXT: } mochigo_kv_list_int16;
// CHECK-EMPTY:
// CHECK-NEXT: typedef struct mochigo_kv_map_string_list_int16 {
// CHECK-NEXT:   mochigo_kv_string *keys;
// CHECK-NEXT:   mochigo_kv_list_int16 *values;
// CHECK-NEXT:   int64_t len;
// CHECK-NEXT: } mochigo_kv_map_string_list_int16;

// Prototypes: the Go declaration, the doc's first line, what frees each
// result; a C keyword, an empty name, `_` and a repeated name are replaced.
// CHECK-LABEL: // func example.com/kv.Open
// CHECK-NEXT: // Open opens the store at path.
// CHECK-NEXT: // MOCHIGO_KV_ERROR: the Go function returned an error.
// CHECK-NEXT: // r0: release with mochigo_kv_handle_release.
// CHECK-NEXT: int32_t mochigo_kv_Open(mochigo_kv_string path, int64_t p1, bool p2, mochigo_kv_Store *r0, mochigo_kv_string *err);
// CHECK-EMPTY:
// CHECK-NEXT: // method example.com/kv.Store.Entries
// CHECK-NEXT: // Entries ends with a backslash{{$}}
// CHECK-NEXT: // r0: free with mochigo_kv_free_list_Entry.
// CHECK-NEXT: // byKey: free with mochigo_kv_free_map_string_list_int16.
// CHECK-NEXT: int32_t mochigo_kv_Store_Entries(mochigo_kv_Store s, double p1, float s_, mochigo_kv_list_Entry *r0, mochigo_kv_map_string_list_int16 *byKey, mochigo_kv_string *err);
// CHECK-EMPTY:
// CHECK-NEXT: // func example.com/kv.Size
// CHECK-NEXT: int32_t mochigo_kv_Size(mochigo_kv_Meta m, uint64_t *r0, mochigo_kv_string *err);
// CHECK-EMPTY:
// CHECK-NEXT: // const example.com/kv.Version
// CHECK-NEXT: // r0: free with mochigo_kv_free_string.
// CHECK-NEXT: int32_t mochigo_kv_Version(mochigo_kv_string *r0, mochigo_kv_string *err);

// Free functions of the owning forms of results and record fields only (no
// free for Meta, which owns nothing, nor Empty).
// CHECK-EMPTY:
// CHECK-NEXT: // Frees what a mochigo_kv_string owns
// CHECK-NEXT: void mochigo_kv_free_string(mochigo_kv_string *v);
// CHECK-NEXT: // Frees
// CHECK-NEXT: void mochigo_kv_free_Entry(mochigo_kv_Entry *v);
// CHECK-NEXT: // Frees
// CHECK-NEXT: void mochigo_kv_free_list_Entry(mochigo_kv_list_Entry *v);
// CHECK-NEXT: // Frees
// CHECK-NEXT: void mochigo_kv_free_list_int16(mochigo_kv_list_int16 *v);
// CHECK-NEXT: // Frees
// CHECK-NEXT: void mochigo_kv_free_map_string_list_int16(mochigo_kv_map_string_list_int16 *v);
// CHECK-EMPTY:
// CHECK: int32_t mochigo_kv_handle_release(mochigo_kv_handle h, mochigo_kv_string *err);
// CHECK: int64_t mochigo_kv_handle_live(void);
// CHECK-EMPTY:
// CHECK-NEXT: #ifdef __cplusplus
// CHECK-NEXT: }
// CHECK-NEXT: #endif
// CHECK-EMPTY:
// CHECK-NEXT: #endif /* MOCHIGO_KV_H */
