//===- GoRuntime.cpp - the runtime package rt of a Go wrapper ------------===//
//
// Part of mochi-go. The Go package rt that every wrapper package of a
// library shares: the handle pool, string and list copying, panic capture,
// the result transaction (rt.Tx), and the exported free and handle
// functions. docs/CAbi.md is the contract.
//
//===----------------------------------------------------------------------===//

#include "GoWrapper.h"

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <fmt/format.h>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::emit;
using namespace mochigo::emit::gowrap;

/// The package rt, with @P@ for the prefix and @TYPES@ for the C type
/// section. It is gofmt-clean as it stands.
static const char kRuntime[] =
    R"GO(// Package rt is the runtime of the wrapper library @P@: the handle pool,
// string and list copying, panic capture, and the exported free and handle
// functions. See docs/CAbi.md.
package rt

/*
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

@TYPES@*/
import "C"

import (
	"fmt"
	"reflect"
	"sync"
	"time"
	"unsafe"
)

// Handle is an index into the handle pool; 0 is nil.
type Handle uint64

// BadHandle is the error of a handle that is not live, or that holds a value
// of another type (status 3).
type BadHandle struct{ Msg string }

func (e *BadHandle) Error() string { return e.Msg }

// BadArgument is the error of a malformed argument (status 4).
type BadArgument struct{ Msg string }

func (e *BadArgument) Error() string { return e.Msg }

// BadArgumentf makes a BadArgument error.
func BadArgumentf(format string, args ...any) error {
	return &BadArgument{fmt.Sprintf(format, args...)}
}

// Arg puts the name of a parameter before the message of the error of its
// conversion, keeping the kind of error.
func Arg(name string, err error) error {
	switch e := err.(type) {
	case *BadHandle:
		return &BadHandle{name + ": " + e.Msg}
	case *BadArgument:
		return &BadArgument{name + ": " + e.Msg}
	}
	return fmt.Errorf("%s: %w", name, err)
}

var mu sync.Mutex

var pool = map[Handle]any{}

var next Handle = 1

func isNil(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	switch r.Kind() {
	case reflect.Chan, reflect.Func, reflect.Interface, reflect.Map,
		reflect.Pointer, reflect.Slice, reflect.UnsafePointer:
		return r.IsNil()
	}
	return false
}

// New stores a pointer, interface, func or chan value; nil gives handle 0.
// Handles are never reused.
func New(v any) Handle {
	if isNil(v) {
		return 0
	}
	mu.Lock()
	defer mu.Unlock()
	h := next
	next++
	pool[h] = v
	return h
}

// NewValue stores a copy of v behind a pointer, so that T and *T share one
// handle type and methods with pointer receivers see one value.
func NewValue[T any](v T) Handle {
	p := new(T)
	*p = v
	return New(p)
}

func typeName[T any]() string {
	return reflect.TypeOf((*T)(nil)).Elem().String()
}

func lookup[T any](h Handle) (any, error) {
	mu.Lock()
	v, ok := pool[h]
	mu.Unlock()
	if !ok {
		return nil, &BadHandle{fmt.Sprintf("handle %d is not live (want %s)", h, typeName[T]())}
	}
	return v, nil
}

func wrongType[T any](h Handle, v any) error {
	return &BadHandle{fmt.Sprintf("handle %d holds %T, not %s", h, v, typeName[T]())}
}

// Ptr fetches the *T a handle holds; handle 0 is nil.
func Ptr[T any](h Handle) (*T, error) {
	if h == 0 {
		return nil, nil
	}
	v, err := lookup[*T](h)
	if err != nil {
		return nil, err
	}
	p, ok := v.(*T)
	if !ok {
		return nil, wrongType[*T](h, v)
	}
	return p, nil
}

// Val fetches a copy of the T a handle points to; handle 0 is an error.
func Val[T any](h Handle) (T, error) {
	var zero T
	if h == 0 {
		return zero, &BadHandle{fmt.Sprintf("handle 0 is nil, not a %s", typeName[T]())}
	}
	v, err := lookup[*T](h)
	if err != nil {
		return zero, err
	}
	p, ok := v.(*T)
	if !ok {
		return zero, wrongType[*T](h, v)
	}
	return *p, nil
}

// Iface fetches the value a handle holds as a T (an interface, func, chan or
// any other value kept as it is); handle 0 is the zero T.
func Iface[T any](h Handle) (T, error) {
	var zero T
	if h == 0 {
		return zero, nil
	}
	v, err := lookup[T](h)
	if err != nil {
		return zero, err
	}
	t, ok := v.(T)
	if !ok {
		// A bidirectional channel is accepted where a directional one of
		// the same element is wanted, as Go assigns it.
		want := reflect.TypeOf((*T)(nil)).Elem()
		rv := reflect.ValueOf(v)
		if want.Kind() == reflect.Chan && rv.Kind() == reflect.Chan &&
			rv.Type().ChanDir() == reflect.BothDir && rv.Type().Elem() == want.Elem() {
			return rv.Convert(want).Interface().(T), nil
		}
		return zero, wrongType[T](h, v)
	}
	return t, nil
}

// Release drops a handle.
func Release(h Handle) error {
	mu.Lock()
	defer mu.Unlock()
	if _, ok := pool[h]; !ok {
		return &BadHandle{fmt.Sprintf("handle %d is not live", h)}
	}
	delete(pool, h)
	return nil
}

// Live is the number of live handles.
func Live() int {
	mu.Lock()
	defer mu.Unlock()
	return len(pool)
}

// Len checks a C (data, len) pair and gives the length.
func Len(p unsafe.Pointer, n int64) (int, error) {
	if n < 0 {
		return 0, BadArgumentf("negative length %d", n)
	}
	if p == nil && n > 0 {
		return 0, BadArgumentf("NULL data with length %d", n)
	}
	if uint64(n) > uint64(^uint(0)>>1) {
		return 0, BadArgumentf("length %d is too large", n)
	}
	return int(n), nil
}

// GoString copies C bytes into a Go string.
func GoString(p unsafe.Pointer, n int64) (string, error) {
	l, err := Len(p, n)
	if err != nil || l == 0 {
		return "", err
	}
	return string(unsafe.Slice((*byte)(p), l)), nil
}

// GoBytes copies C bytes into a new Go byte slice; no bytes give nil.
func GoBytes(p unsafe.Pointer, n int64) ([]byte, error) {
	l, err := Len(p, n)
	if err != nil || l == 0 {
		return nil, err
	}
	b := make([]byte, l)
	copy(b, unsafe.Slice((*byte)(p), l))
	return b, nil
}

// CString copies a Go string into malloc'd memory, with a NUL after it.
func CString(s string) (unsafe.Pointer, int64) {
	p := C.malloc(C.size_t(len(s)) + 1)
	b := unsafe.Slice((*byte)(p), len(s)+1)
	copy(b, s)
	b[len(s)] = 0
	return p, int64(len(s))
}

// CBytes copies Go bytes into malloc'd memory; no bytes give NULL.
func CBytes(b []byte) (unsafe.Pointer, int64) {
	if len(b) == 0 {
		return nil, 0
	}
	p := C.malloc(C.size_t(len(b)))
	copy(unsafe.Slice((*byte)(p), len(b)), b)
	return p, int64(len(b))
}

// Alloc gives zeroed C memory for n values of the given size.
func Alloc(n int, size uintptr) unsafe.Pointer {
	p := C.calloc(C.size_t(n), C.size_t(size))
	if p == nil {
		panic("out of memory")
	}
	return p
}

// Tx collects what converting the results of one call allocates (C memory
// and handles), so that a panic in the middle of the conversion frees and
// releases all of it; a wrapper writes its results to the caller only after
// Commit.
type Tx struct {
	mem     []unsafe.Pointer
	handles []Handle
	done    bool
}

// CString is rt.CString, tracked.
func (t *Tx) CString(s string) (unsafe.Pointer, int64) {
	p, n := CString(s)
	t.mem = append(t.mem, p)
	return p, n
}

// CBytes is rt.CBytes, tracked.
func (t *Tx) CBytes(b []byte) (unsafe.Pointer, int64) {
	p, n := CBytes(b)
	if p != nil {
		t.mem = append(t.mem, p)
	}
	return p, n
}

// Alloc is rt.Alloc, tracked.
func (t *Tx) Alloc(n int, size uintptr) unsafe.Pointer {
	p := Alloc(n, size)
	t.mem = append(t.mem, p)
	return p
}

// New is rt.New, tracked.
func (t *Tx) New(v any) Handle {
	h := New(v)
	if h != 0 {
		t.handles = append(t.handles, h)
	}
	return h
}

// NewValueIn is rt.NewValue, tracked by t.
func NewValueIn[T any](t *Tx, v T) Handle {
	p := new(T)
	*p = v
	return t.New(p)
}

// Commit hands what was converted to the caller.
func (t *Tx) Commit() {
	t.done = true
	t.mem, t.handles = nil, nil
}

// Abort, deferred by a wrapper before it converts its results, frees the
// memory and releases the handles of a conversion that did not commit.
func (t *Tx) Abort() {
	if t.done {
		return
	}
	for _, p := range t.mem {
		C.free(p)
	}
	for _, h := range t.handles {
		Release(h)
	}
	t.mem, t.handles = nil, nil
}

func setErr(errp unsafe.Pointer, msg string) {
	if errp == nil {
		return
	}
	e := (*C.@P@_string)(errp)
	d, n := CString(msg)
	e.data = (*C.char)(d)
	e.len = C.int64_t(n)
}

// ClearErr zeroes *err when err is not NULL.
func ClearErr(errp unsafe.Pointer) {
	if errp != nil {
		*(*C.@P@_string)(errp) = C.@P@_string{}
	}
}

// Fail writes the message of a conversion error to *err and gives its
// status: 3 for a bad handle, 4 for a bad argument.
func Fail(err error, errp unsafe.Pointer) int32 {
	setErr(errp, err.Error())
	switch err.(type) {
	case *BadHandle:
		return 3
	case *BadArgument:
		return 4
	}
	return 1
}

// Error writes the message of the error a Go function returned to *err and
// gives status 1.
func Error(err error, errp unsafe.Pointer) int32 {
	setErr(errp, err.Error())
	return 1
}

// Catch, deferred by every wrapper, turns a panic into status 2 with the
// message "panic: <value>" in *err.
func Catch(status unsafe.Pointer, errp unsafe.Pointer) {
	if r := recover(); r != nil {
		*(*int32)(status) = 2
		setErr(errp, fmt.Sprintf("panic: %v", r))
	}
}

// The statuses of the channel operations beyond 0 to 4: the operation could
// not proceed within its timeout (at once, for the try forms), or the
// channel is closed (a receive on a closed, drained channel; a send on or
// a close of a closed channel).
const (
	StatusTimeout = 5
	StatusClosed  = 6
)

func timeout(errp unsafe.Pointer, ms int64) int32 {
	if ms == 0 {
		setErr(errp, "channel not ready")
	} else {
		setErr(errp, fmt.Sprintf("channel not ready after %d ms", ms))
	}
	return StatusTimeout
}

func closed(errp unsafe.Pointer) int32 {
	setErr(errp, "channel closed")
	return StatusClosed
}

func nilChan(errp unsafe.Pointer) int32 {
	return Fail(&BadHandle{"handle 0 is a nil channel"}, errp)
}

// isClosedPanic tells the panic of a send on, or close of, a closed channel.
func isClosedPanic(r any) bool {
	e, ok := r.(error)
	return ok && (e.Error() == "send on closed channel" ||
		e.Error() == "close of closed channel")
}

// Send sends v on ch, waiting at most ms milliseconds (< 0: as long as it
// takes; 0: only if it can proceed at once). It gives 0, StatusTimeout or
// StatusClosed, with the message in *errp.
func Send[T any](ch chan<- T, v T, ms int64, errp unsafe.Pointer) (status int32) {
	if ch == nil {
		return nilChan(errp)
	}
	defer func() {
		if r := recover(); r != nil {
			if !isClosedPanic(r) {
				panic(r)
			}
			status = closed(errp)
		}
	}()
	switch {
	case ms < 0:
		ch <- v
	case ms == 0:
		select {
		case ch <- v:
		default:
			return timeout(errp, ms)
		}
	default:
		t := time.NewTimer(time.Duration(ms) * time.Millisecond)
		defer t.Stop()
		select {
		case ch <- v:
		case <-t.C:
			return timeout(errp, ms)
		}
	}
	return 0
}

// Recv receives from ch, waiting like Send. A closed, drained channel gives
// StatusClosed, never a zero value.
func Recv[T any](ch <-chan T, ms int64, errp unsafe.Pointer) (T, int32) {
	var zero T
	if ch == nil {
		return zero, nilChan(errp)
	}
	var v T
	var ok bool
	switch {
	case ms < 0:
		v, ok = <-ch
	case ms == 0:
		select {
		case v, ok = <-ch:
		default:
			return zero, timeout(errp, ms)
		}
	default:
		t := time.NewTimer(time.Duration(ms) * time.Millisecond)
		defer t.Stop()
		select {
		case v, ok = <-ch:
		case <-t.C:
			return zero, timeout(errp, ms)
		}
	}
	if !ok {
		return zero, closed(errp)
	}
	return v, 0
}

// Close closes ch; a closed channel gives StatusClosed.
func Close[T any](ch chan<- T, errp unsafe.Pointer) (status int32) {
	if ch == nil {
		return nilChan(errp)
	}
	defer func() {
		if r := recover(); r != nil {
			if !isClosedPanic(r) {
				panic(r)
			}
			status = closed(errp)
		}
	}()
	close(ch)
	return 0
}

// TakeString copies the message a C callback wrote to *errp, frees it and
// zeroes it.
func TakeString(errp unsafe.Pointer) string {
	e := (*C.@P@_string)(errp)
	if e.data == nil {
		return ""
	}
	s := C.GoStringN(e.data, C.int(e.len))
	C.free(unsafe.Pointer(e.data))
	*e = C.@P@_string{}
	return s
}

// FreeC frees memory a C callback allocated with malloc.
func FreeC(p unsafe.Pointer) { C.free(p) }

// CallbackError is the error of a C callback that returned a non-zero
// status, with its message.
func CallbackError(status int32, msg string) error {
	if msg == "" {
		return fmt.Errorf("callback failed with status %d", status)
	}
	return &callbackError{msg}
}

type callbackError struct{ msg string }

func (e *callbackError) Error() string { return e.msg }

//export @P@_handle_release
func @P@_handle_release(h C.@P@_handle, err *C.@P@_string) (status C.int32_t) {
	defer Catch(unsafe.Pointer(&status), unsafe.Pointer(err))
	ClearErr(unsafe.Pointer(err))
	if e := Release(Handle(h)); e != nil {
		return C.int32_t(Fail(e, unsafe.Pointer(err)))
	}
	return 0
}

//export @P@_handle_live
func @P@_handle_live() C.int64_t {
	return C.int64_t(Live())
}
)GO";

namespace {
std::string replaceAll(std::string s, StringRef from, StringRef to) {
  size_t pos = 0;
  while ((pos = s.find(from.data(), pos, from.size())) != std::string::npos) {
    s.replace(pos, from.size(), to.data(), to.size());
    pos += to.size();
  }
  return s;
}
} // namespace

void mochigo::emit::gowrap::printRuntime(const Library &lib, raw_ostream &out) {
  const std::string &p = lib.prefix;
  // rt/rt.go with the free functions of every owning form.
  out << "//--- rt/rt.go\n";
  out << "// Code generated by mochi-go. DO NOT EDIT.\n\n";
  std::string rt = replaceAll(kRuntime, "@TYPES@", lib.typeSection());
  out << replaceAll(rt, "@P@", p);
  for (Type form : lib.freeForms) {
    std::string ct = "C." + lib.cType(form);
    std::string fn = lib.freeName(form);
    out << "\n//export " << fn << "\nfunc " << fn << "(v *" << ct
        << ") {\n\tif v == nil {\n\t\treturn\n\t}\n";
    auto freeElems = [&](Type elem, StringRef field, StringRef var) {
      if (!lib.ownsMemory(elem))
        return;
      out << "\tif v." << field << " != nil && v.len > 0 {\n\t\t" << var
          << " := unsafe.Slice(v." << field << ", int(v.len))\n\t\tfor i := "
          << "range " << var << " {\n\t\t\t" << lib.freeName(elem) << "(&"
          << var << "[i])\n\t\t}\n\t}\n";
    };
    if (isa<cabi::StringType, cabi::BytesType>(form)) {
      out << "\tC.free(unsafe.Pointer(v.data))\n";
    } else if (auto l = dyn_cast<cabi::ListType>(form)) {
      freeElems(l.getElem(), "data", "xs");
      out << "\tC.free(unsafe.Pointer(v.data))\n";
    } else if (auto m = dyn_cast<cabi::MapType>(form)) {
      freeElems(m.getKey(), "keys", "ks");
      freeElems(m.getValue(), "values", "vs");
      out << "\tC.free(unsafe.Pointer(v.keys))\n"
          << "\tC.free(unsafe.Pointer(v.values))\n";
    } else if (cabi::RecordOp rec = lib.record(form)) {
      for (cabi::ValueAttr f : values(rec.getFields()))
        if (lib.ownsMemory(f.getAbiType()))
          out << "\t" << lib.freeName(f.getAbiType()) << "(&v." << f.getName()
              << ")\n";
    }
    out << "\t*v = " << ct << "{}\n}\n";
  }
}
