//===- GoConvert.cpp - Go spellings and C<->Go conversions ---------------===//
//
// Part of mochi-go. How a wrapper package names Go types and converts each
// C form to its Go type and back (the fromC/toC helpers).
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

namespace mochigo {
namespace emit {
namespace gowrap {

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
      return cT(form, nested) + "(rt.NewValueIn(tx, " + v + "))";
    return cT(form, nested) + "(tx.New(" + v + "))";
  }
  // A result of a named type the wrapper cannot name (unexported, as in
  // `type AnythingOfTypeArgument = anythingOfTypeArgument`, or from an
  // internal package) is converted to its underlying type at the call, which
  // Go allows without naming it, and goes through that type's helper.
  if (auto n = dyn_cast<go::NamedType>(goT);
      n && (!go::isExportedName(n.getName()) ||
            typemap::isInternalPath(n.getPkg()) || n.getPkg() == "main")) {
    std::optional<Type> u = needUnderlying(goT);
    if (!u)
      return std::nullopt;
    std::optional<std::string> ut = spell(*u);
    std::optional<std::string> name =
        ut ? helper(*u, form, /*in=*/false) : std::nullopt;
    if (!name)
      return std::nullopt;
    return *name + "(tx, " + *ut + "(" + v + "))";
  }
  std::optional<std::string> name = helper(goT, form, /*in=*/false);
  if (!name)
    return std::nullopt;
  return *name + "(tx, " + v + ")";
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
        ".\nfunc " + name + "(tx *rt.Tx, v " + *t + ") " + ct +
        " {\n\tvar c " + ct + "\n";

  if (isa<cabi::StringType>(form)) {
    auto b = dyn_cast<go::BasicType>(goT);
    bool plain = b && (b.getKind() == go::BasicKind::String ||
                       b.getKind() == go::BasicKind::UntypedString);
    if (!plain && !isa<go::NamedType>(goT))
      return failBool("cannot carry " + go::goTypeString(goT) + " as a string");
    out += std::string("\td, n := tx.CString(") + (plain ? "v" : "string(v)") +
           ")\n\tc.data = (*C.char)(d)\n\tc.len = C.int64_t(n)\n"
           "\treturn c\n}\n";
    return true;
  }

  if (isa<cabi::ErrorType>(form)) {
    if (!isa<go::ErrorType>(goT))
      return failBool("cannot carry " + go::goTypeString(goT) + " as an error");
    out += "\tif v == nil {\n\t\treturn c\n\t}\n"
           "\td, n := tx.CString(v.Error())\n\tc.data = (*C.char)(d)\n"
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
    out += "\td, n := tx.CBytes(" + bytes +
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
           ")(tx.Alloc(len(v), unsafe.Sizeof(*c.data))), len(v))\n"
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
           ")(tx.Alloc(len(v), unsafe.Sizeof(*c.keys))), len(v))\n"
           "\tvs := unsafe.Slice((*" +
           cT(m.getValue()) +
           ")(tx.Alloc(len(v), unsafe.Sizeof(*c.values))), len(v))\n"
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

} // namespace gowrap
} // namespace emit
} // namespace mochigo
