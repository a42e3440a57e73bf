//===- GoWrapper.cpp - the Go wrapper module of a wrapper library ---------===//
//
// Part of mochi-go. Prints the Go module that `go build -buildmode=c-archive`
// turns into the wrapper library: go.mod, main.go, the runtime package rt
// (handle pool, copying, panic capture, free functions) and one wrapper
// package per cabi.package, in split-file form. docs/CAbi.md is the contract.
//
//===----------------------------------------------------------------------===//

#include "GoTypes.h"

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/Emit/Emit.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"
#include "mochi-go/Ingest/StdSurface.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::emit;
namespace go = mochigo::gosurface;

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

std::string typeKey(Type t) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << t;
  return s;
}

/// Is `t` the Go type byte (or uint8)?
bool isByte(Type t) {
  auto b = dyn_cast<go::BasicType>(t);
  return b && (b.getKind() == go::BasicKind::Byte ||
               b.getKind() == go::BasicKind::Uint8);
}

bool isScalarForm(Type form) {
  return isa<IntegerType>(form) || form.isF32() || form.isF64();
}

/// Go's spelling of a type, escaped to sit inside a Go string literal.
std::string goQuoted(Type t) {
  std::string q = quoteString(go::goTypeString(t));
  std::string out;
  for (char c : StringRef(q).drop_front().drop_back()) {
    out += c;
    if (c == '%')
      out += '%';
  }
  return out;
}

/// The Go expression of a converted C value: `expr`, which returns an error
/// too when `fallible`.
struct Conv {
  std::string expr;
  bool fallible = false;
};

/// One `w/<dir>/wrap.go`.
class WrapFile {
public:
  WrapFile(const Library &lib, cabi::PackageOp pkg, std::string dir)
      : lib(lib), pkg(pkg), dir(std::move(dir)) {}
  LogicalResult print(raw_ostream &os);

private:
  std::string alias(StringRef path);
  std::optional<std::string> spell(Type t);
  std::optional<std::string> spellFunc(go::FuncType f);
  std::optional<Conv> convIn(Type goT, Type form, const std::string &c);
  std::optional<std::string> convOut(Type goT, Type form, const std::string &v,
                                     bool nested);
  std::optional<std::string> helper(Type goT, Type form, bool in);
  bool helperIn(const std::string &name, Type goT, Type form, std::string &out);
  bool helperOut(const std::string &name, Type goT, Type form,
                 std::string &out);
  /// The underlying type of `goT` when the conversion needs it; fails with
  /// an error naming the type when it is not known.
  std::optional<Type> needUnderlying(Type goT);
  bool printExport(cabi::ExportOp e, std::string &out);
  std::nullopt_t fail(const Twine &msg) {
    if (!failed)
      cur->emitError(msg);
    failed = true;
    return std::nullopt;
  }
  bool failBool(const Twine &msg) {
    fail(msg);
    return false;
  }
  std::string cT(Type form, bool nested = true) {
    return "C." + lib.cType(form, nested);
  }

  const Library &lib;
  cabi::PackageOp pkg;
  std::string dir;
  /// Import path -> alias of the Go packages the wrapper names.
  std::map<std::string, std::string> imports;
  unsigned nextAlias = 0;
  bool usesErrors = false;
  std::map<std::string, std::string> helperNames;
  std::vector<std::string> helperText;
  /// Aliases of anonymous struct and interface types, and their text.
  std::map<std::string, std::string> anonNames;
  std::vector<std::string> anonText;
  std::string anonAlias(const std::string &key, StringRef keyword,
                        const std::vector<std::vector<std::string>> &lines);
  Operation *cur = nullptr;
  bool failed = false;
};

std::string WrapFile::alias(StringRef path) {
  auto [it, inserted] = imports.try_emplace(path.str(), "");
  if (inserted)
    it->second = "p" + std::to_string(nextAlias++);
  return it->second;
}

/// Lay out lines of cells as gofmt's tabwriter does (padding 1, spaces):
/// every cell but a line's last is a column cell; a column spans the run of
/// consecutive lines that have a cell in it.
void alignCells(const std::vector<std::vector<std::string>> &lines,
                std::vector<std::vector<size_t>> &widths, size_t col,
                size_t begin, size_t end) {
  auto runes = [](const std::string &s) {
    return static_cast<size_t>(llvm::count_if(s, [](char c) {
      return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
  };
  size_t i = begin;
  while (i < end) {
    if (lines[i].size() <= col + 1) {
      ++i;
      continue;
    }
    size_t j = i, width = 0;
    for (; j < end && lines[j].size() > col + 1; ++j)
      width = std::max(width, runes(lines[j][col]) + 1);
    for (size_t k = i; k < j; ++k)
      widths[k][col] = width - runes(lines[k][col]);
    alignCells(lines, widths, col + 1, i, j);
    i = j;
  }
}

std::string
WrapFile::anonAlias(const std::string &key, StringRef keyword,
                    const std::vector<std::vector<std::string>> &lines) {
  std::string name = "anon" + std::to_string(anonText.size());
  anonNames[key] = name;
  std::vector<std::vector<size_t>> pads;
  for (const auto &l : lines)
    pads.emplace_back(l.size(), 0);
  alignCells(lines, pads, 0, 0, lines.size());
  std::string text = "type " + name + " = " + keyword.str() + " {\n";
  for (auto [l, pad] : llvm::zip(lines, pads)) {
    text += "\t";
    for (size_t c = 0; c < l.size(); ++c) {
      text += l[c];
      if (c + 1 < l.size())
        text += std::string(pad[c], ' ');
    }
    text += "\n";
  }
  text += "}\n";
  anonText.push_back(std::move(text));
  return name;
}

std::optional<std::string> WrapFile::spellFunc(go::FuncType f) {
  std::string s = "func(";
  for (auto [i, t] : llvm::enumerate(f.getInputs())) {
    if (i)
      s += ", ";
    Type pt = t;
    if (f.getVariadic() && i + 1 == f.getInputs().size()) {
      s += "...";
      pt = cast<go::SliceType>(t).getElem();
    }
    std::optional<std::string> ps = spell(pt);
    if (!ps)
      return std::nullopt;
    s += *ps;
  }
  s += ")";
  ArrayRef<Type> results = f.getResults();
  if (results.size() == 1) {
    std::optional<std::string> r = spell(results[0]);
    if (!r)
      return std::nullopt;
    s += " " + *r;
  } else if (!results.empty()) {
    s += " (";
    for (auto [i, t] : llvm::enumerate(results)) {
      if (i)
        s += ", ";
      std::optional<std::string> r = spell(t);
      if (!r)
        return std::nullopt;
      s += *r;
    }
    s += ")";
  }
  return s;
}

std::optional<std::string> WrapFile::spell(Type t) {
  if (auto b = dyn_cast<go::BasicType>(t)) {
    switch (b.getKind()) {
    case go::BasicKind::UntypedBool:
      return std::string("bool");
    case go::BasicKind::UntypedInt:
      return std::string("int");
    case go::BasicKind::UntypedRune:
      return std::string("rune");
    case go::BasicKind::UntypedFloat:
      return std::string("float64");
    case go::BasicKind::UntypedComplex:
      return std::string("complex128");
    case go::BasicKind::UntypedString:
      return std::string("string");
    case go::BasicKind::UntypedNil:
    case go::BasicKind::Invalid:
      return fail("the Go type " + go::goTypeString(t) +
                  " cannot be spelled in a wrapper");
    default:
      return go::stringifyBasicKind(b.getKind()).str();
    }
  }
  if (isa<go::ErrorType>(t))
    return std::string("error");
  if (isa<go::AnyType>(t))
    return std::string("any");
  if (auto n = dyn_cast<go::NamedType>(t)) {
    if (n.getPkg().empty())
      return n.getName().str();
    std::string s = alias(n.getPkg()) + "." + n.getName().str();
    if (!n.getArgs().empty()) {
      s += "[";
      for (auto [i, a] : llvm::enumerate(n.getArgs())) {
        if (i)
          s += ", ";
        std::optional<std::string> as = spell(a);
        if (!as)
          return std::nullopt;
        s += *as;
      }
      s += "]";
    }
    return s;
  }
  if (auto p = dyn_cast<go::PointerType>(t)) {
    std::optional<std::string> e = spell(p.getElem());
    if (!e)
      return std::nullopt;
    return "*" + *e;
  }
  if (auto s = dyn_cast<go::SliceType>(t)) {
    std::optional<std::string> e = spell(s.getElem());
    if (!e)
      return std::nullopt;
    return "[]" + *e;
  }
  if (auto a = dyn_cast<go::ArrayType>(t)) {
    std::optional<std::string> e = spell(a.getElem());
    if (!e)
      return std::nullopt;
    return "[" + std::to_string(a.getLength()) + "]" + *e;
  }
  if (auto m = dyn_cast<go::MapType>(t)) {
    std::optional<std::string> k = spell(m.getKey());
    std::optional<std::string> v = k ? spell(m.getElem()) : std::nullopt;
    if (!v)
      return std::nullopt;
    return "map[" + *k + "]" + *v;
  }
  if (auto c = dyn_cast<go::ChanType>(t)) {
    std::optional<std::string> e = spell(c.getElem());
    if (!e)
      return std::nullopt;
    switch (c.getDir()) {
    case go::ChanDir::Recv:
      return "<-chan " + *e;
    case go::ChanDir::Send:
      return "chan<- " + *e;
    case go::ChanDir::Both:
      // chan (<-chan T) needs the parentheses.
      if (auto inner = dyn_cast<go::ChanType>(c.getElem());
          inner && inner.getDir() == go::ChanDir::Recv)
        return "chan (" + *e + ")";
      return "chan " + *e;
    }
  }
  if (auto f = dyn_cast<go::FuncType>(t))
    return spellFunc(f);
  if (auto st = dyn_cast<go::StructType>(t)) {
    if (st.getFields().empty())
      return std::string("struct{}");
    // gofmt spreads a struct type of several fields over lines, so it is
    // named by a file-level alias written the way gofmt writes it.
    std::string key = typeKey(t);
    if (auto it = anonNames.find(key); it != anonNames.end())
      return it->second;
    std::vector<std::vector<std::string>> lines;
    for (const go::StructField &f : st.getFields()) {
      if (isa<go::HiddenType>(f.type))
        return fail("the struct type " + go::goTypeString(t) +
                    " has unexported fields and cannot be spelled");
      std::optional<std::string> ft = spell(f.type);
      if (!ft)
        return std::nullopt;
      std::vector<std::string> cells;
      if (!f.embedded)
        cells.push_back(f.name.getValue().str());
      cells.push_back(*ft);
      if (f.tag)
        cells.push_back(quoteString(f.tag.getValue()));
      lines.push_back(std::move(cells));
    }
    return anonAlias(key, "struct", lines);
  }
  if (auto it = dyn_cast<go::InterfaceType>(t)) {
    if (it.getMethods().empty() && it.getEmbeds().empty())
      return std::string("interface{}");
    std::string key = typeKey(t);
    if (auto found = anonNames.find(key); found != anonNames.end())
      return found->second;
    std::vector<std::vector<std::string>> lines;
    for (const go::InterfaceMethod &m : it.getMethods()) {
      std::optional<std::string> sig = spellFunc(cast<go::FuncType>(m.type));
      if (!sig)
        return std::nullopt;
      lines.push_back(
          {m.name.getValue().str() + StringRef(*sig).drop_front(4).str()});
    }
    for (Type e : it.getEmbeds()) {
      std::optional<std::string> es = spell(e);
      if (!es)
        return std::nullopt;
      lines.push_back({*es});
    }
    return anonAlias(key, "interface", lines);
  }
  return fail("the Go type " + go::goTypeString(t) +
              " cannot be spelled in a wrapper");
}

std::optional<Type> WrapFile::needUnderlying(Type goT) {
  if (auto n = dyn_cast<go::NamedType>(goT)) {
    Type u = lib.underlying(n);
    if (!u)
      return fail("the underlying type of " + go::goTypeString(goT) +
                  " is not known (no go.module declares it)");
    return u;
  }
  return goT;
}

std::optional<std::string> WrapFile::helper(Type goT, Type form, bool in) {
  std::string key = typeKey(goT) + "|" + typeKey(form) + (in ? "|in" : "|out");
  auto it = helperNames.find(key);
  if (it != helperNames.end())
    return it->second;
  size_t n = helperText.size();
  std::string name = (in ? "fromC" : "toC") + std::to_string(n);
  helperNames[key] = name;
  helperText.emplace_back();
  std::string body;
  if (!(in ? helperIn(name, goT, form, body)
           : helperOut(name, goT, form, body)))
    return std::nullopt;
  helperText[n] = std::move(body);
  return name;
}

std::optional<Conv> WrapFile::convIn(Type goT, Type form,
                                     const std::string &c) {
  if (isScalarForm(form)) {
    if (!isa<go::BasicType, go::NamedType>(goT))
      return fail("cannot carry " + go::goTypeString(goT) + " as " +
                  mangle(form));
    std::optional<std::string> t = spell(goT);
    if (!t)
      return std::nullopt;
    return Conv{*t + "(" + c + ")", false};
  }
  if (cabi::HandleTypeOp h = lib.handle(form)) {
    Type g = h.getGoType();
    std::string fn;
    Type arg = goT;
    auto ptr = dyn_cast<go::PointerType>(goT);
    if (h.getBoxed() && ptr && ptr.getElem() == g) {
      fn = "rt.Ptr";
      arg = g;
    } else if (h.getBoxed() && goT == g) {
      fn = "rt.Val";
    } else {
      fn = "rt.Iface";
    }
    std::optional<std::string> t = spell(arg);
    if (!t)
      return std::nullopt;
    return Conv{fn + "[" + *t + "](rt.Handle(" + c + "))", true};
  }
  std::optional<std::string> name = helper(goT, form, /*in=*/true);
  if (!name)
    return std::nullopt;
  return Conv{*name + "(" + c + ")", true};
}

std::optional<std::string>
WrapFile::convOut(Type goT, Type form, const std::string &v, bool nested) {
  if (isScalarForm(form)) {
    if (!isa<go::BasicType, go::NamedType>(goT))
      return fail("cannot carry " + go::goTypeString(goT) + " as " +
                  mangle(form));
    return cT(form) + "(" + v + ")";
  }
  if (cabi::HandleTypeOp h = lib.handle(form)) {
    // The type argument is inferred: a result may have a type the wrapper
    // cannot name (unexported, or from an internal package).
    if (h.getBoxed() && goT == h.getGoType())
      return cT(form, nested) + "(rt.NewValue(" + v + "))";
    return cT(form, nested) + "(rt.New(" + v + "))";
  }
  std::optional<std::string> name = helper(goT, form, /*in=*/false);
  if (!name)
    return std::nullopt;
  return *name + "(" + v + ")";
}

bool WrapFile::helperIn(const std::string &name, Type goT, Type form,
                        std::string &out) {
  std::optional<std::string> t = spell(goT);
  if (!t)
    return false;
  std::string ct = cT(form);
  out = "// " + name + " converts C " + lib.cType(form) + " to Go " + *t +
        ".\nfunc " + name + "(c " + ct + ") (" + *t + ", error) {\n";
  std::string data = "unsafe.Pointer(c.data), int64(c.len)";

  if (isa<cabi::StringType>(form)) {
    auto b = dyn_cast<go::BasicType>(goT);
    if (b && (b.getKind() == go::BasicKind::String ||
              b.getKind() == go::BasicKind::UntypedString)) {
      out += "\treturn rt.GoString(" + data + ")\n}\n";
      return true;
    }
    if (!isa<go::NamedType>(goT))
      return failBool("cannot carry " + go::goTypeString(goT) + " as a string");
    out +=
        "\ts, e := rt.GoString(" + data + ")\n\treturn " + *t + "(s), e\n}\n";
    return true;
  }

  if (isa<cabi::ErrorType>(form)) {
    if (!isa<go::ErrorType>(goT))
      return failBool("cannot carry " + go::goTypeString(goT) + " as an error");
    usesErrors = true;
    out += "\tif c.data == nil {\n\t\treturn nil, nil\n\t}\n"
           "\ts, e := rt.GoString(" +
           data +
           ")\n\tif e != nil {\n\t\treturn nil, e\n\t}\n"
           "\treturn errors.New(s), nil\n}\n";
    return true;
  }

  if (isa<cabi::BytesType>(form)) {
    std::optional<Type> u = needUnderlying(goT);
    if (!u)
      return false;
    if (auto s = dyn_cast<go::SliceType>(*u); s && isByte(s.getElem())) {
      if (goT == *u)
        out += "\treturn rt.GoBytes(" + data + ")\n}\n";
      else
        out += "\tb, e := rt.GoBytes(" + data + ")\n\treturn " + *t +
               "(b), e\n}\n";
      return true;
    }
    if (auto a = dyn_cast<go::ArrayType>(*u); a && isByte(a.getElem())) {
      std::string len = std::to_string(a.getLength());
      out += "\tvar r " + *t + "\n\tb, e := rt.GoBytes(" + data +
             ")\n\tif e != nil {\n\t\treturn r, e\n\t}\n"
             "\tif len(b) != " +
             len + " {\n\t\treturn r, rt.BadArgumentf(\"%d bytes for a " +
             goQuoted(goT) +
             "\", len(b))\n\t}\n\tcopy(r[:], b)\n"
             "\treturn r, nil\n}\n";
      return true;
    }
    return failBool("cannot carry " + go::goTypeString(goT) +
                    " as bytes: it is not a []byte or [N]byte");
  }

  if (auto l = dyn_cast<cabi::ListType>(form)) {
    std::optional<Type> u = needUnderlying(goT);
    if (!u)
      return false;
    Type elem;
    std::optional<int64_t> length;
    if (auto s = dyn_cast<go::SliceType>(*u)) {
      elem = s.getElem();
    } else if (auto a = dyn_cast<go::ArrayType>(*u)) {
      elem = a.getElem();
      length = a.getLength();
    } else {
      return failBool("cannot carry " + go::goTypeString(goT) +
                      " as a list: it is not a slice or array");
    }
    std::optional<Conv> conv = convIn(elem, l.getElem(), "src[i]");
    if (!conv)
      return false;
    out += "\tvar r " + *t + "\n\tn, e := rt.Len(" + data +
           ")\n\tif e != nil {\n\t\treturn r, e\n\t}\n";
    if (length)
      out += "\tif n != " + std::to_string(*length) +
             " {\n\t\treturn r, rt.BadArgumentf(\"%d elements for a " +
             goQuoted(goT) + "\", n)\n\t}\n";
    else
      out += "\tr = make(" + *t + ", n)\n";
    out += "\tsrc := unsafe.Slice(c.data, n)\n\tfor i := range src {\n";
    if (conv->fallible)
      out += "\t\tr[i], e = " + conv->expr +
             "\n\t\tif e != nil {\n\t\t\treturn r, e\n\t\t}\n";
    else
      out += "\t\tr[i] = " + conv->expr + "\n";
    out += "\t}\n\treturn r, nil\n}\n";
    return true;
  }

  if (auto m = dyn_cast<cabi::MapType>(form)) {
    std::optional<Type> u = needUnderlying(goT);
    if (!u)
      return false;
    auto gm = dyn_cast<go::MapType>(*u);
    if (!gm)
      return failBool("cannot carry " + go::goTypeString(goT) +
                      " as a map: it is not a map type");
    std::optional<Conv> k = convIn(gm.getKey(), m.getKey(), "ks[i]");
    std::optional<Conv> v =
        k ? convIn(gm.getElem(), m.getValue(), "vs[i]") : std::nullopt;
    if (!v)
      return false;
    out += "\tn, e := rt.Len(unsafe.Pointer(c.keys), int64(c.len))\n"
           "\tif e != nil {\n\t\treturn nil, e\n\t}\n"
           "\tif _, e = rt.Len(unsafe.Pointer(c.values), int64(c.len)); "
           "e != nil {\n\t\treturn nil, e\n\t}\n"
           "\tks := unsafe.Slice(c.keys, n)\n"
           "\tvs := unsafe.Slice(c.values, n)\n"
           "\tr := make(" +
           *t + ", n)\n\tfor i := range ks {\n";
    for (auto [var, conv] :
         {std::pair<const char *, Conv &>{"k", *k}, {"v", *v}}) {
      if (conv.fallible)
        out += std::string("\t\t") + var + ", e := " + conv.expr +
               "\n\t\tif e != nil {\n\t\t\treturn nil, e\n\t\t}\n";
      else
        out += std::string("\t\t") + var + " := " + conv.expr + "\n";
    }
    out += "\t\tr[k] = v\n\t}\n\treturn r, nil\n}\n";
    return true;
  }

  if (cabi::RecordOp rec = lib.record(form)) {
    if (!isa<go::NamedType, go::StructType>(goT))
      return failBool("cannot carry " + go::goTypeString(goT) + " as record " +
                      rec.getSymName());
    std::string body;
    bool anyFallible = false;
    for (cabi::ValueAttr f : values(rec.getFields())) {
      std::string field = f.getName().str();
      std::optional<Conv> conv =
          convIn(f.getGoType(), f.getAbiType(), "c." + field);
      if (!conv)
        return false;
      if (conv->fallible) {
        anyFallible = true;
        body += "\tr." + field + ", e = " + conv->expr +
                "\n\tif e != nil {\n\t\treturn r, e\n\t}\n";
      } else {
        body += "\tr." + field + " = " + conv->expr + "\n";
      }
    }
    out += "\tvar r " + *t + "\n";
    if (anyFallible)
      out += "\tvar e error\n";
    out += body + "\treturn r, nil\n}\n";
    return true;
  }
  return failBool("cannot carry " + go::goTypeString(goT) + " as " +
                  mangle(form));
}

bool WrapFile::helperOut(const std::string &name, Type goT, Type form,
                         std::string &out) {
  std::optional<std::string> t = spell(goT);
  if (!t)
    return false;
  std::string ct = cT(form);
  out = "// " + name + " converts Go " + *t + " to C " + lib.cType(form) +
        ".\nfunc " + name + "(v " + *t + ") " + ct + " {\n\tvar c " + ct + "\n";

  if (isa<cabi::StringType>(form)) {
    auto b = dyn_cast<go::BasicType>(goT);
    bool plain = b && (b.getKind() == go::BasicKind::String ||
                       b.getKind() == go::BasicKind::UntypedString);
    if (!plain && !isa<go::NamedType>(goT))
      return failBool("cannot carry " + go::goTypeString(goT) + " as a string");
    out += std::string("\td, n := rt.CString(") + (plain ? "v" : "string(v)") +
           ")\n\tc.data = (*C.char)(d)\n\tc.len = C.int64_t(n)\n"
           "\treturn c\n}\n";
    return true;
  }

  if (isa<cabi::ErrorType>(form)) {
    if (!isa<go::ErrorType>(goT))
      return failBool("cannot carry " + go::goTypeString(goT) + " as an error");
    out += "\tif v == nil {\n\t\treturn c\n\t}\n"
           "\td, n := rt.CString(v.Error())\n\tc.data = (*C.char)(d)\n"
           "\tc.len = C.int64_t(n)\n\treturn c\n}\n";
    return true;
  }

  if (isa<cabi::BytesType>(form)) {
    std::optional<Type> u = needUnderlying(goT);
    if (!u)
      return false;
    std::string bytes;
    if (auto s = dyn_cast<go::SliceType>(*u); s && isByte(s.getElem()))
      bytes = goT == *u ? "v" : "[]byte(v)";
    else if (auto a = dyn_cast<go::ArrayType>(*u); a && isByte(a.getElem()))
      bytes = "v[:]";
    else
      return failBool("cannot carry " + go::goTypeString(goT) +
                      " as bytes: it is not a []byte or [N]byte");
    out += "\td, n := rt.CBytes(" + bytes +
           ")\n\tc.data = (*C.uint8_t)(d)\n\tc.len = C.int64_t(n)\n"
           "\treturn c\n}\n";
    return true;
  }

  if (auto l = dyn_cast<cabi::ListType>(form)) {
    std::optional<Type> u = needUnderlying(goT);
    if (!u)
      return false;
    Type elem;
    if (auto s = dyn_cast<go::SliceType>(*u))
      elem = s.getElem();
    else if (auto a = dyn_cast<go::ArrayType>(*u))
      elem = a.getElem();
    else
      return failBool("cannot carry " + go::goTypeString(goT) +
                      " as a list: it is not a slice or array");
    std::optional<std::string> conv =
        convOut(elem, l.getElem(), "v[i]", /*nested=*/true);
    if (!conv)
      return false;
    out += "\tif len(v) == 0 {\n\t\treturn c\n\t}\n"
           "\tdst := unsafe.Slice((*" +
           cT(l.getElem()) +
           ")(rt.Alloc(len(v), unsafe.Sizeof(*c.data))), len(v))\n"
           "\tfor i := range v {\n\t\tdst[i] = " +
           *conv +
           "\n\t}\n\tc.data = &dst[0]\n\tc.len = C.int64_t(len(v))\n"
           "\treturn c\n}\n";
    return true;
  }

  if (auto m = dyn_cast<cabi::MapType>(form)) {
    std::optional<Type> u = needUnderlying(goT);
    if (!u)
      return false;
    auto gm = dyn_cast<go::MapType>(*u);
    if (!gm)
      return failBool("cannot carry " + go::goTypeString(goT) +
                      " as a map: it is not a map type");
    std::optional<std::string> k =
        convOut(gm.getKey(), m.getKey(), "k", /*nested=*/true);
    std::optional<std::string> x =
        k ? convOut(gm.getElem(), m.getValue(), "x", /*nested=*/true)
          : std::nullopt;
    if (!x)
      return false;
    out += "\tif len(v) == 0 {\n\t\treturn c\n\t}\n"
           "\tks := unsafe.Slice((*" +
           cT(m.getKey()) +
           ")(rt.Alloc(len(v), unsafe.Sizeof(*c.keys))), len(v))\n"
           "\tvs := unsafe.Slice((*" +
           cT(m.getValue()) +
           ")(rt.Alloc(len(v), unsafe.Sizeof(*c.values))), len(v))\n"
           "\ti := 0\n\tfor k, x := range v {\n\t\tks[i] = " +
           *k + "\n\t\tvs[i] = " + *x +
           "\n\t\ti++\n\t}\n\tc.keys = &ks[0]\n\tc.values = &vs[0]\n"
           "\tc.len = C.int64_t(len(v))\n\treturn c\n}\n";
    return true;
  }

  if (cabi::RecordOp rec = lib.record(form)) {
    if (!isa<go::NamedType, go::StructType>(goT))
      return failBool("cannot carry " + go::goTypeString(goT) + " as record " +
                      rec.getSymName());
    for (cabi::ValueAttr f : values(rec.getFields())) {
      std::string field = f.getName().str();
      std::optional<std::string> conv = convOut(f.getGoType(), f.getAbiType(),
                                                "v." + field, /*nested=*/false);
      if (!conv)
        return false;
      out += "\tc." + field + " = " + *conv + "\n";
    }
    out += "\treturn c\n}\n";
    return true;
  }
  return failBool("cannot carry " + go::goTypeString(goT) + " as " +
                  mangle(form));
}

bool WrapFile::printExport(cabi::ExportOp e, std::string &out) {
  cur = e;
  SmallVector<cabi::ValueAttr> params = values(e.getParams());
  SmallVector<cabi::ValueAttr> results = values(e.getResults());
  std::string sym = e.getSymName().str();
  std::string errT = "*C." + lib.prefix + "_string";

  std::string sig = "//export " + sym + "\nfunc " + sym + "(";
  for (auto [i, v] : llvm::enumerate(params))
    sig += "a" + std::to_string(i) + " " + cT(v.getAbiType(), false) + ", ";
  for (auto [i, v] : llvm::enumerate(results))
    sig += "r" + std::to_string(i) + " *" + cT(v.getAbiType(), false) + ", ";
  sig += "err " + errT + ") (status C.int32_t) {\n";

  std::string body = "\tdefer rt.Catch(unsafe.Pointer(&status), "
                     "unsafe.Pointer(err))\n\trt.ClearErr(unsafe.Pointer("
                     "err))\n";
  SmallVector<std::string> args;
  for (auto [i, v] : llvm::enumerate(params)) {
    std::string g = "g" + std::to_string(i);
    std::optional<Conv> conv =
        convIn(v.getGoType(), v.getAbiType(), "a" + std::to_string(i));
    if (!conv)
      return false;
    if (conv->fallible)
      body += "\t" + g + ", e := " + conv->expr +
              "\n\tif e != nil {\n\t\treturn C.int32_t(rt.Fail(rt.Arg(" +
              quoteString(v.getName().empty() ? "parameter " + std::to_string(i)
                                              : v.getName().str()) +
              ", e), unsafe.Pointer(err)))\n\t}\n";
    else
      body += "\t" + g + " := " + conv->expr + "\n";
    args.push_back(g);
  }

  std::string pkgAlias = alias(pkg.getPath());
  auto callArgs = [&](size_t from) {
    std::string s;
    for (size_t i = from; i < args.size(); ++i) {
      if (i != from)
        s += ", ";
      s += args[i];
    }
    if (e.getVariadic() && args.size() > from)
      s += "...";
    return s;
  };
  std::string errReturn =
      "\t\treturn C.int32_t(rt.Error(e, unsafe.Pointer(err)))\n";
  SmallVector<std::string> resultExprs;
  switch (e.getKind()) {
  case cabi::ExportKind::Func:
  case cabi::ExportKind::Method: {
    std::string call;
    if (e.getKind() == cabi::ExportKind::Func) {
      call = pkgAlias + "." + e.getGoName().str() + "(" + callArgs(0) + ")";
    } else {
      StringRef method = e.getGoName().split('.').second;
      call = args[0] + "." + method.str() + "(" + callArgs(1) + ")";
    }
    if (results.empty()) {
      if (e.getReturnsError())
        body += "\tif e := " + call + "; e != nil {\n" + errReturn + "\t}\n";
      else
        body += "\t" + call + "\n";
      break;
    }
    std::string lhs;
    for (size_t i = 0; i < results.size(); ++i) {
      resultExprs.push_back("v" + std::to_string(i));
      lhs += (i ? ", " : "") + resultExprs.back();
    }
    if (e.getReturnsError())
      lhs += ", e";
    body += "\t" + lhs + " := " + call + "\n";
    if (e.getReturnsError())
      body += "\tif e != nil {\n" + errReturn + "\t}\n";
    break;
  }
  case cabi::ExportKind::VarGet:
  case cabi::ExportKind::ConstGet:
    resultExprs.push_back(pkgAlias + "." + e.getGoName().str());
    break;
  case cabi::ExportKind::New: {
    auto ptr = dyn_cast<go::PointerType>(results[0].getGoType());
    std::optional<std::string> t;
    if (ptr)
      t = spell(ptr.getElem());
    if (!t)
      return false;
    resultExprs.push_back("new(" + *t + ")");
    break;
  }
  case cabi::ExportKind::VarSet:
    body +=
        "\t" + pkgAlias + "." + e.getGoName().str() + " = " + args[0] + "\n";
    break;
  }

  for (auto [i, v] : llvm::enumerate(results)) {
    std::string r = "r" + std::to_string(i);
    std::optional<std::string> conv =
        convOut(v.getGoType(), v.getAbiType(), resultExprs[i], false);
    if (!conv)
      return false;
    body += "\tif " + r + " != nil {\n\t\t*" + r + " = " + *conv + "\n\t}\n";
  }
  body += "\treturn 0\n}\n";
  out += sig + body;
  return true;
}

LogicalResult WrapFile::print(raw_ostream &os) {
  // The wrapped package is p0.
  alias(pkg.getPath());
  std::vector<std::string> functions;
  bool any = false;
  for (auto e : pkg.getBodyBlock().getOps<cabi::ExportOp>()) {
    any = true;
    std::string f;
    if (!printExport(e, f))
      return failure();
    functions.push_back(std::move(f));
  }
  for (std::string &h : helperText)
    functions.push_back(std::move(h));
  // Type aliases first: helpers and exports may name them.
  functions.insert(functions.begin(), anonText.begin(), anonText.end());

  os << "//--- w/" << dir << "/wrap.go\n";
  os << "// Code generated by mochi-go. DO NOT EDIT.\n\n";
  os << "// Package w_" << dir << " wraps " << pkg.getPath()
     << " for the C ABI of " << lib.prefix << " (docs/CAbi.md).\n";
  os << "package w_" << dir << "\n\n";
  os << "/*\n#include <stdbool.h>\n#include <stddef.h>\n#include "
        "<stdint.h>\n\n"
     << lib.typeSection() << "*/\nimport \"C\"\n";
  if (any) {
    // gofmt sorts the specs of an import block by path.
    std::vector<std::pair<std::string, std::string>> specs;
    for (auto &[path, name] : imports)
      specs.emplace_back(quoteString(path), name);
    specs.emplace_back(quoteString("mochigo.local/" + lib.prefix + "/rt"), "");
    specs.emplace_back("\"unsafe\"", "");
    if (usesErrors)
      specs.emplace_back("\"errors\"", "");
    llvm::sort(specs);
    os << "\nimport (\n";
    for (auto &[path, name] : specs)
      os << "\t" << (name.empty() ? "" : name + " ") << path << "\n";
    os << ")\n";
  }
  for (const std::string &f : functions)
    os << "\n" << f;
  return success();
}

/// The directory of a wrapper package below w/: `root` for the root
/// package, else its path below the root `rootPath` (the library's
/// ingest::defaultNamePath), or its whole path when outside it.
std::string packageDir(StringRef rootPath, StringRef path) {
  std::optional<StringRef> below = ingest::pathBelowRoot(rootPath, path);
  StringRef rel = !below ? path : below->empty() ? "root" : *below;
  std::string dir;
  for (char c : rel)
    dir += (llvm::isAlnum(c) || c == '_') ? c : '_';
  if (dir.empty())
    dir = "_";
  return dir;
}

/// Does a module path need a require line (its first element has a dot)?
bool isFetchedModule(StringRef path) {
  return path.split('/').first.contains('.');
}

} // namespace

LogicalResult mochigo::emit::emitGoWrapper(ModuleOp module, raw_ostream &os) {
  Library lib;
  if (failed(loadLibrary(module, lib)))
    return failure();
  const std::string &p = lib.prefix;
  std::string root = "mochigo.local/" + p;
  StringRef modPath = lib.op.getSymName();
  StringRef rootPath = ingest::defaultNamePathOf(
      modPath, lib.op.getBodyBlock().getOps<cabi::PackageOp>());

  // Unique package directories, in op order.
  SmallVector<std::pair<cabi::PackageOp, std::string>> packages;
  llvm::StringSet<> dirs;
  for (auto pkg : lib.op.getBodyBlock().getOps<cabi::PackageOp>()) {
    std::string base = packageDir(rootPath, pkg.getPath());
    std::string dir = base;
    for (int n = 2; !dirs.insert(dir).second; ++n)
      dir = base + "_" + std::to_string(n);
    packages.emplace_back(pkg, dir);
  }

  // Print everything to a buffer first: no partial output on an error.
  std::string text;
  llvm::raw_string_ostream out(text);
  out << "//--- go.mod\n";
  out << "module " << root << "\n\ngo 1.21\n";
  if (isFetchedModule(modPath) && !lib.op.getVersion().empty())
    out << "\nrequire " << modPath << " " << lib.op.getVersion() << "\n";

  out << "//--- main.go\n";
  out << "// Code generated by mochi-go. DO NOT EDIT.\n\n";
  out << "// Package main is the c-archive of the wrapper library " << p
      << " of\n// " << modPath;
  if (!lib.op.getVersion().empty())
    out << " " << lib.op.getVersion();
  out << ".\npackage main\n\nimport \"C\"\n\nimport (\n";
  std::vector<std::string> mainImports{quoteString(root + "/rt")};
  for (auto &[pkg, dir] : packages)
    mainImports.push_back(quoteString(root + "/w/" + dir));
  llvm::sort(mainImports);
  for (const std::string &imp : mainImports)
    out << "\t_ " << imp << "\n";
  out << ")\n\nfunc main() {}\n";

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

  for (auto &[pkg, dir] : packages)
    if (failed(WrapFile(lib, pkg, dir).print(out)))
      return failure();
  os << text;
  return success();
}
