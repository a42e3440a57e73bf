//===- GoTypes.cpp - shared helpers of the wrapper printers ---------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "GoTypes.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mochigo;
using namespace mochigo::emit;
namespace go = mochigo::gosurface;

std::string mochigo::emit::mangle(Type form) {
  if (auto i = dyn_cast<IntegerType>(form)) {
    if (i.getWidth() == 1)
      return "bool";
    return (i.isUnsigned() ? "uint" : "int") + std::to_string(i.getWidth());
  }
  if (form.isF32())
    return "float32";
  if (form.isF64())
    return "float64";
  return llvm::TypeSwitch<Type, std::string>(form)
      .Case([](cabi::StringType) { return "string"; })
      .Case([](cabi::BytesType) { return "bytes"; })
      .Case([](cabi::ErrorType) { return "error"; })
      .Case([](cabi::HandleType) { return "handle"; })
      .Case([](cabi::ListType t) { return "list_" + mangle(t.getElem()); })
      .Case([](cabi::MapType t) {
        return "map_" + mangle(t.getKey()) + "_" + mangle(t.getValue());
      })
      .Case([](cabi::RecordType t) { return t.getName().str(); })
      .Default([](Type) { return "?"; });
}

SmallVector<cabi::ValueAttr> mochigo::emit::values(ArrayAttr array) {
  SmallVector<cabi::ValueAttr> out;
  for (Attribute a : array)
    out.push_back(cast<cabi::ValueAttr>(a));
  return out;
}

std::string mochigo::emit::quoteString(StringRef s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
    case '\\':
      out += "\\\\";
      break;
    case '"':
      out += "\\\"";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\t':
      out += "\\t";
      break;
    default:
      if (c < 0x20 || c == 0x7f) {
        static const char hex[] = "0123456789abcdef";
        out += "\\x";
        out += hex[c >> 4];
        out += hex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += '"';
  return out;
}

cabi::RecordOp Library::record(Type form) const {
  if (auto r = dyn_cast<cabi::RecordType>(form))
    return records.lookup(r.getName());
  return {};
}

cabi::HandleTypeOp Library::handle(Type form) const {
  if (auto h = dyn_cast<cabi::HandleType>(form))
    return handles.lookup(h.getName());
  return {};
}

Type Library::underlying(go::NamedType named) const {
  return types ? types->underlying(named) : Type();
}

Type Library::underlyingOf(Type t) const {
  if (auto n = dyn_cast<go::NamedType>(t))
    return underlying(n);
  return t;
}

std::string Library::cType(Type form, bool nested) const {
  if (auto i = dyn_cast<IntegerType>(form)) {
    if (i.getWidth() == 1)
      return "bool";
    return (i.isUnsigned() ? "uint" : "int") + std::to_string(i.getWidth()) +
           "_t";
  }
  if (form.isF32())
    return "float";
  if (form.isF64())
    return "double";
  if (isa<cabi::StringType, cabi::ErrorType>(form))
    return prefix + "_string";
  if (isa<cabi::BytesType>(form))
    return prefix + "_bytes";
  if (auto h = dyn_cast<cabi::HandleType>(form))
    return nested ? prefix + "_handle" : prefix + "_" + h.getName().str();
  if (auto f = dyn_cast<cabi::CFuncType>(form))
    return prefix + "_" + f.getName().str() + "_fn";
  if (isa<cabi::UserDataType>(form))
    return "void *";
  return prefix + "_" + mangle(form);
}

cabi::ExportOp Library::callOf(StringRef handle) const {
  cabi::ExportOp found;
  cabi::LibraryOp library = op;
  library.walk([&](cabi::ExportOp e) {
    if (!found && e.getKind() == cabi::ExportKind::FuncCall &&
        e.getGoName() == (handle + ".call").str())
      found = e;
  });
  return found;
}

std::string Library::callbackParams(cabi::ExportOp call, StringRef head) const {
  std::string s = "(" + head.str();
  for (auto [i, v] : llvm::enumerate(values(call.getParams())))
    if (i > 0)
      s += ", " + cType(v.getAbiType(), false) + " p" + std::to_string(i);
  for (auto [i, v] : llvm::enumerate(values(call.getResults())))
    s += ", " + cType(v.getAbiType(), false) + " *r" + std::to_string(i);
  return s + ", " + prefix + "_string *err)";
}

std::string Library::freeName(Type form) const {
  if (isa<cabi::ErrorType>(form))
    return prefix + "_free_string";
  return prefix + "_free_" + mangle(form);
}

bool Library::ownsMemory(Type form) const {
  if (isa<cabi::StringType, cabi::ErrorType, cabi::BytesType, cabi::ListType,
          cabi::MapType>(form))
    return true;
  if (cabi::RecordOp r = record(form))
    return llvm::any_of(values(r.getFields()), [&](cabi::ValueAttr f) {
      return ownsMemory(f.getAbiType());
    });
  return false;
}

std::string Library::typeSection() const {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "typedef struct " << prefix << "_string {\n  char *data;\n"
     << "  int64_t len;\n} " << prefix << "_string;\n\n";
  os << "typedef struct " << prefix << "_bytes {\n  uint8_t *data;\n"
     << "  int64_t len;\n} " << prefix << "_bytes;\n\n";
  os << "typedef uint64_t " << prefix << "_handle;\n";
  cabi::LibraryOp library = op;
  for (auto h : library.getBodyBlock().getOps<cabi::HandleTypeOp>())
    os << "typedef " << prefix << "_handle " << prefix << "_" << h.getSymName()
       << ";\n";
  // The C function of each callback: int32_t fn(void *user, params...,
  // results *..., err).
  bool first = true;
  library.walk([&](cabi::ExportOp e) {
    if (e.getKind() != cabi::ExportKind::Callback)
      return;
    auto fn = cast<cabi::CFuncType>(values(e.getParams())[0].getAbiType());
    cabi::ExportOp call = callOf(fn.getName());
    if (!call)
      return;
    if (first)
      os << "\n";
    first = false;
    os << "typedef int32_t (*" << cType(fn) << ")"
       << callbackParams(call, "void *user") << ";\n";
  });
  for (Type form : compositeForms) {
    std::string name = cType(form);
    os << "\ntypedef struct " << name << " {\n";
    if (auto l = dyn_cast<cabi::ListType>(form)) {
      os << "  " << cType(l.getElem()) << " *data;\n  int64_t len;\n";
    } else if (auto m = dyn_cast<cabi::MapType>(form)) {
      os << "  " << cType(m.getKey()) << " *keys;\n  " << cType(m.getValue())
         << " *values;\n  int64_t len;\n";
    } else if (cabi::RecordOp r = record(form)) {
      for (cabi::ValueAttr f : values(r.getFields()))
        os << "  " << cType(f.getAbiType(), /*nested=*/false) << " "
           << f.getName() << ";\n";
      if (r.getFields().empty())
        os << "  uint8_t unused_;\n";
    }
    os << "} " << name << ";\n";
  }
  return s;
}

static bool isCIdentifier(StringRef s) {
  if (s.empty() || !(llvm::isAlpha(s[0]) || s[0] == '_'))
    return false;
  return llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// Would this (exported Go field) name be replaced by a macro of the headers
/// the preambles include?
static bool isCMacroName(StringRef s) {
  static const char *const exact[] = {
      "NULL",           "EOF",           "EXIT_SUCCESS",
      "EXIT_FAILURE",   "RAND_MAX",      "MB_CUR_MAX",
      "SIZE_MAX",       "PTRDIFF_MIN",   "PTRDIFF_MAX",
      "WCHAR_MIN",      "WCHAR_MAX",     "WINT_MIN",
      "WINT_MAX",       "INTPTR_MIN",    "INTPTR_MAX",
      "UINTPTR_MAX",    "INTMAX_MIN",    "INTMAX_MAX",
      "UINTMAX_MAX",    "INTMAX_C",      "UINTMAX_C",
      "SIG_ATOMIC_MIN", "SIG_ATOMIC_MAX"};
  if (llvm::is_contained(exact, s))
    return true;
  if (s.starts_with("INT") || s.starts_with("UINT"))
    return s.ends_with("_MAX") || s.ends_with("_MIN") || s.ends_with("_C");
  return false;
}

LogicalResult mochigo::emit::loadLibrary(ModuleOp module, Library &lib) {
  SmallVector<cabi::LibraryOp> libs(module.getOps<cabi::LibraryOp>());
  if (libs.size() != 1)
    return module.emitError("expected exactly one cabi.library, found ")
           << libs.size();
  lib.op = libs.front();
  lib.prefix = lib.op.getPrefix().str();
  lib.goRoot = "mochigo.local/" + lib.prefix;

  // The go.module of the library: the one of the same module path, or the
  // only one. It may sit in a nested builtin.module, since it cannot share
  // the library's symbol in one symbol table.
  SmallVector<go::GoModuleOp> goModules;
  module.walk([&](go::GoModuleOp m) {
    goModules.push_back(m);
    return WalkResult::skip();
  });
  for (go::GoModuleOp m : goModules)
    if (m.getSymName() == lib.op.getSymName())
      lib.goModule = m;
  if (!lib.goModule && goModules.size() == 1)
    lib.goModule = goModules.front();
  if (lib.goModule)
    lib.types.emplace(lib.goModule);

  for (auto h : lib.op.getBodyBlock().getOps<cabi::HandleTypeOp>()) {
    if (!isCIdentifier(h.getSymName()))
      return h.emitError("handle type symbol '")
             << h.getSymName() << "' is not a C identifier";
    lib.handles[h.getSymName()] = h;
  }
  for (auto r : lib.op.getBodyBlock().getOps<cabi::RecordOp>()) {
    if (!isCIdentifier(r.getSymName()))
      return r.emitError("record symbol '")
             << r.getSymName() << "' is not a C identifier";
    for (cabi::ValueAttr f : values(r.getFields()))
      if (!isCIdentifier(f.getName()) || isCMacroName(f.getName()))
        return r.emitError("record field '")
               << f.getName() << "' cannot be a C struct member name";
    lib.records[r.getSymName()] = r;
  }

  // All handles share one C form, so `list<handle<"A">>` and
  // `list<handle<"B">>` are one C type: compare forms with their handles
  // made anonymous.
  std::function<Type(Type)> canonical = [&](Type form) -> Type {
    if (isa<cabi::HandleType>(form))
      return cabi::HandleType::get(form.getContext(), "");
    if (auto l = dyn_cast<cabi::ListType>(form))
      return cabi::ListType::get(form.getContext(), canonical(l.getElem()));
    if (auto m = dyn_cast<cabi::MapType>(form))
      return cabi::MapType::get(form.getContext(), canonical(m.getKey()),
                                canonical(m.getValue()));
    return form;
  };
  // Composite forms, dependencies first.
  llvm::DenseSet<Type> seen;
  std::function<void(Type)> visit = [&](Type form) {
    form = canonical(form);
    if (!isa<cabi::ListType, cabi::MapType, cabi::RecordType>(form) ||
        seen.contains(form))
      return;
    seen.insert(form);
    if (auto l = dyn_cast<cabi::ListType>(form)) {
      visit(l.getElem());
    } else if (auto m = dyn_cast<cabi::MapType>(form)) {
      visit(m.getKey());
      visit(m.getValue());
    } else if (cabi::RecordOp r = lib.record(form)) {
      for (cabi::ValueAttr f : values(r.getFields()))
        visit(f.getAbiType());
    }
    lib.compositeForms.push_back(form);
  };
  // Forms whose free function is needed.
  llvm::DenseSet<Type> needFree;
  std::function<void(Type)> visitFree = [&](Type form) {
    if (isa<cabi::ErrorType>(form))
      form = cabi::StringType::get(form.getContext());
    form = canonical(form);
    if (!lib.ownsMemory(form) || !needFree.insert(form).second)
      return;
    if (auto l = dyn_cast<cabi::ListType>(form)) {
      visitFree(l.getElem());
    } else if (auto m = dyn_cast<cabi::MapType>(form)) {
      visitFree(m.getKey());
      visitFree(m.getValue());
    } else if (cabi::RecordOp r = lib.record(form)) {
      for (cabi::ValueAttr f : values(r.getFields()))
        visitFree(f.getAbiType());
    }
  };
  MLIRContext *ctx = module.getContext();
  needFree.insert(cabi::StringType::get(ctx));
  for (auto r : lib.op.getBodyBlock().getOps<cabi::RecordOp>()) {
    visit(cabi::RecordType::get(ctx, r.getSymName()));
    for (cabi::ValueAttr f : values(r.getFields()))
      visitFree(f.getAbiType());
  }
  lib.op.walk([&](cabi::ExportOp e) {
    for (cabi::ValueAttr v : values(e.getParams()))
      visit(v.getAbiType());
    for (cabi::ValueAttr v : values(e.getResults())) {
      visit(v.getAbiType());
      visitFree(v.getAbiType());
    }
  });
  lib.freeForms.push_back(cabi::StringType::get(ctx));
  if (needFree.contains(cabi::BytesType::get(ctx)))
    lib.freeForms.push_back(cabi::BytesType::get(ctx));
  for (Type form : lib.compositeForms)
    if (needFree.contains(form))
      lib.freeForms.push_back(form);

  // Every C name the library defines must be unique.
  llvm::StringMap<std::string> names;
  Operation *clash = nullptr;
  std::string clashName, clashWith;
  auto define = [&](const std::string &name, StringRef what, Operation *op) {
    if (clash)
      return;
    auto [it, inserted] = names.try_emplace(name, what.str());
    if (!inserted) {
      clash = op;
      clashName = name;
      clashWith = it->second;
    }
  };
  const std::string &p = lib.prefix;
  define(p + "_string", "the string type", lib.op);
  define(p + "_bytes", "the bytes type", lib.op);
  define(p + "_handle", "the handle type", lib.op);
  define(p + "_handle_release", "the handle release function", lib.op);
  define(p + "_handle_live", "the live handle count function", lib.op);
  for (auto h : lib.op.getBodyBlock().getOps<cabi::HandleTypeOp>())
    define(p + "_" + h.getSymName().str(),
           ("handle type '" + h.getSymName() + "'").str(), h);
  for (Type form : lib.compositeForms)
    define(lib.cType(form), "the type of form " + mangle(form),
           lib.record(form) ? lib.record(form).getOperation()
                            : lib.op.getOperation());
  for (Type form : lib.freeForms)
    define(lib.freeName(form), "a free function", lib.op);
  lib.op.walk([&](cabi::ExportOp e) {
    define(e.getSymName().str(), "another export", e);
  });
  if (clash)
    return clash->emitError("C name '")
           << clashName << "' is already defined by " << clashWith;
  return success();
}
