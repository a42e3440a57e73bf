// RUN: mochi-go-translate --emit-publish-c-program %s | FileCheck %s
// The program compiles against the header of the same library.
// RUN: rm -rf %t && mkdir %t
// RUN: mochi-go-translate --emit-c-header %s -o %t/mochigo_m.h
// RUN: mochi-go-translate --emit-publish-c-program %s -o %t/p.c
// RUN: %cc -std=c11 -Wall -Werror -fsyntax-only -I %t %t/p.c

// The C program of the c-program gate (lib/Publish/CProgram.cpp), from a
// cabi.library alone: a record, a map, a handle type with a `new` export
// (its arguments are new zero values, released after the call), a handle
// type without one (0: a panic or a bad-handle status is then accepted),
// an error result.

module {
  cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" {
    cabi.record @Point : !go.named<"example.com/m.Point"> [#cabi.value<"X" : !go.float64 as f64>, #cabi.value<"Tags" : !go.map<string, bool> as !cabi.map<!cabi.string, i1>>]
    cabi.handle_type @Box : !go.named<"example.com/m.Box"> boxed
    cabi.handle_type @Func_1 : !go.func<(int64) -> (int64)>
    cabi.package @"example.com/m" name "m" qualifier "" {
      cabi.export @mochigo_m_Box_new new "Box.new" [] -> [#cabi.value<"r0" : !go.ptr<named<"example.com/m.Box">> as !cabi.handle<"Box">>]
      cabi.export @mochigo_m_Move func "Move" [#cabi.value<"ps" : !go.slice<named<"example.com/m.Point">> as !cabi.list<!cabi.record<"Point">>>, #cabi.value<"b" : !go.ptr<named<"example.com/m.Box">> as !cabi.handle<"Box">>] -> [#cabi.value<"r0" : !go.named<"example.com/m.Point"> as !cabi.record<"Point">>] error
      cabi.export @mochigo_m_Apply func "Apply" [#cabi.value<"f" : !go.func<(int64) -> (int64)> as !cabi.handle<"Func_1">>, #cabi.value<"n" : !go.int64 as si64>] -> [#cabi.value<"r0" : !go.int64 as si64>]
    }
  }
}

// CHECK: #include "mochigo_m.h"
// CHECK: static void show_map_string_bool(FILE *f, const mochigo_m_map_string_bool *v, int out) {
// CHECK:   qsort(items, (size_t)v->len, sizeof(char *), compare_strings);
// CHECK: static void show_Point(FILE *f, const mochigo_m_Point *v, int out) {
// CHECK-NEXT:   fputc('{', f);
// CHECK-NEXT:   fputs("X:", f);
// CHECK-NEXT:   show_float64(f, &v->X, out);
// CHECK-NEXT:   fputs(" Tags:", f);
// CHECK-NEXT:   show_map_string_bool(f, &v->Tags, out);

// CHECK-LABEL: static void call_mochigo_m_Move_zero(void) {
// CHECK-NEXT:   mochigo_m_list_Point a0 = (mochigo_m_list_Point){NULL, 0};
// CHECK-NEXT:   mochigo_m_Box t0 = 0;
// CHECK-NEXT:   if (mochigo_m_Box_new(&t0, NULL) != MOCHIGO_M_OK)
// CHECK:        } else if (st == MOCHIGO_M_ERROR) {
// CHECK-NOT:    MOCHIGO_M_PANIC
// CHECK:        release_handle(&t0);
// CHECK-LABEL: static void call_mochigo_m_Move_sample(void) {
// CHECK-NEXT:   mochigo_m_string t0[2] = {(mochigo_m_string){"-", 1}, (mochigo_m_string){"x y", 3}};
// CHECK-NEXT:   bool t1[2] = {true, true};
// CHECK:        mochigo_m_list_Point a0 = (mochigo_m_list_Point){t4, 2};
// CHECK-NEXT:   mochigo_m_Box t5 = 0;
// CHECK-NEXT:   if (mochigo_m_Box_new(&t5, NULL) != MOCHIGO_M_OK)
// CHECK:        mochigo_m_Box a1 = t5;
// CHECK:        int32_t st = mochigo_m_Move(a0, a1, &r0, &err);
// CHECK-NEXT:   if (mochigo_m_Move(a0, a1, NULL, NULL) != st)
// CHECK:        mochigo_m_free_Point(&r0);
// CHECK-NEXT:   } else if (st == MOCHIGO_M_ERROR) {
// CHECK-NOT:    MOCHIGO_M_PANIC
// CHECK:        release_handle(&t5);
// CHECK-NEXT:   calls++;

// CHECK-LABEL: static void call_mochigo_m_Apply_sample(void) {
// CHECK-NEXT:   mochigo_m_Func_1 a0 = 0;
// CHECK-NEXT:   int64_t a1 = 2;
// CHECK-NOT:    MOCHIGO_M_ERROR
// CHECK:        } else if (st == MOCHIGO_M_PANIC || st == MOCHIGO_M_BAD_HANDLE) {

// CHECK-LABEL: int main(void) {
// CHECK-NEXT:   call_mochigo_m_Move_zero();
// CHECK-NEXT:   call_mochigo_m_Move_sample();
// CHECK-NEXT:   call_mochigo_m_Apply_zero();
// CHECK-NEXT:   call_mochigo_m_Apply_sample();
// CHECK-NEXT:   int64_t live = mochigo_m_handle_live();
