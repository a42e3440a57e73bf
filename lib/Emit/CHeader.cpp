//===- CHeader.cpp - the C header of a wrapper library --------------------===//
//
// Part of mochi-go. Prints `<prefix>.h`: the status macros, the C types of
// every form the library uses, one prototype per cabi.export, the free
// functions and the handle pool functions. docs/CAbi.md is the contract.
//
//===----------------------------------------------------------------------===//

#include "GoTypes.h"

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/Emit/Emit.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mochigo;
using namespace mochigo::emit;

namespace {

/// C and C++ keywords, and names the included headers define as macros.
bool isReservedCName(StringRef s) {
  static const char *const words[] = {"_Alignas",
                                      "_Alignof",
                                      "_Atomic",
                                      "_Bool",
                                      "_Complex",
                                      "_Generic",
                                      "_Imaginary",
                                      "_Noreturn",
                                      "_Static_assert",
                                      "_Thread_local",
                                      "alignas",
                                      "alignof",
                                      "and",
                                      "and_eq",
                                      "asm",
                                      "auto",
                                      "bitand",
                                      "bitor",
                                      "bool",
                                      "break",
                                      "case",
                                      "catch",
                                      "char",
                                      "char8_t",
                                      "char16_t",
                                      "char32_t",
                                      "class",
                                      "co_await",
                                      "co_return",
                                      "co_yield",
                                      "compl",
                                      "concept",
                                      "const",
                                      "const_cast",
                                      "consteval",
                                      "constexpr",
                                      "constinit",
                                      "continue",
                                      "decltype",
                                      "default",
                                      "delete",
                                      "do",
                                      "double",
                                      "dynamic_cast",
                                      "else",
                                      "enum",
                                      "errno",
                                      "explicit",
                                      "export",
                                      "extern",
                                      "false",
                                      "float",
                                      "for",
                                      "friend",
                                      "goto",
                                      "if",
                                      "inline",
                                      "int",
                                      "long",
                                      "mutable",
                                      "namespace",
                                      "new",
                                      "noexcept",
                                      "not",
                                      "not_eq",
                                      "nullptr",
                                      "offsetof",
                                      "operator",
                                      "or",
                                      "or_eq",
                                      "private",
                                      "protected",
                                      "public",
                                      "register",
                                      "reinterpret_cast",
                                      "requires",
                                      "restrict",
                                      "return",
                                      "short",
                                      "signed",
                                      "sizeof",
                                      "static",
                                      "static_assert",
                                      "static_cast",
                                      "struct",
                                      "switch",
                                      "template",
                                      "this",
                                      "thread_local",
                                      "throw",
                                      "true",
                                      "try",
                                      "typedef",
                                      "typeid",
                                      "typename",
                                      "union",
                                      "unsigned",
                                      "using",
                                      "virtual",
                                      "void",
                                      "volatile",
                                      "wchar_t",
                                      "while",
                                      "xor",
                                      "xor_eq",
                                      "NULL",
                                      "EOF",
                                      "err"};
  return llvm::is_contained(words, s);
}

bool isPlainCIdentifier(StringRef s) {
  if (s.empty() || !(llvm::isAlpha(s[0]) || s[0] == '_'))
    return false;
  return llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// A doc line made safe for a `//` comment: no control characters, no
/// trigraphs, no line splice at the end.
std::string commentLine(StringRef s) {
  std::string out;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      c = ' ';
    if (c == '?' && !out.empty() && out.back() == '?')
      out += ' ';
    out += c;
  }
  while (!out.empty() && (out.back() == '\\' || out.back() == ' '))
    out.pop_back();
  return out;
}

/// What a Go declaration is called in comments: `func pkg.Name`.
std::string describeExport(cabi::ExportOp e) {
  auto pkg = e->getParentOfType<cabi::PackageOp>();
  std::string name = (pkg.getPath() + "." + e.getGoName()).str();
  switch (e.getKind()) {
  case cabi::ExportKind::Func:
    return "func " + name;
  case cabi::ExportKind::Method:
    return "method " + name;
  case cabi::ExportKind::VarGet:
    return "var " + name + " (get)";
  case cabi::ExportKind::VarSet:
    return "var " + name + " (set)";
  case cabi::ExportKind::ConstGet:
    return "const " + name;
  case cabi::ExportKind::New:
    return "new(" + name.substr(0, name.size() - 4) + ")";
  case cabi::ExportKind::Box:
    return e.getGoName().str() + ": a value as a Go any";
  case cabi::ExportKind::FieldGet:
    return "field " + name + " (get)";
  case cabi::ExportKind::ChanMake:
  case cabi::ExportKind::ChanSend:
  case cabi::ExportKind::ChanTrySend:
  case cabi::ExportKind::ChanRecv:
  case cabi::ExportKind::ChanTryRecv:
  case cabi::ExportKind::ChanClose:
  case cabi::ExportKind::ChanLen:
  case cabi::ExportKind::ChanCap:
  case cabi::ExportKind::FuncCall:
  case cabi::ExportKind::Callback:
    return (stringifyExportKind(e.getKind()) + " " + e.getGoName()).str();
  case cabi::ExportKind::FieldSet: {
    auto [type, field] = e.getGoName().split('.');
    return ("field " + pkg.getPath() + "." + type + "." + field.drop_front(4) +
            " (set)")
        .str();
  }
  }
  return name;
}

class HeaderPrinter {
public:
  HeaderPrinter(Library &lib, raw_ostream &os) : lib(lib), os(os) {}
  void print();

private:
  void printExport(cabi::ExportOp e);
  Library &lib;
  raw_ostream &os;
};

void HeaderPrinter::print() {
  const std::string &p = lib.prefix;
  std::string guard = StringRef(p).upper() + "_H";
  std::string up = StringRef(p).upper();
  os << "/* " << p << ".h: the C interface of the Go module "
     << commentLine(lib.op.getSymName());
  if (!lib.op.getVersion().empty())
    os << " " << commentLine(lib.op.getVersion());
  os << ".\n   Generated by mochi-go; do not edit. The contract is "
        "docs/CAbi.md. */\n";
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n";
  os << "#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n";
  os << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  os << "// The status every function returns. When err is not NULL, *err "
        "is zeroed on\n// "
     << up << "_OK and holds a message to free with " << p
     << "_free_string otherwise.\n";
  os << "#define " << up << "_OK 0\n";
  os << "#define " << up << "_ERROR 1\n";
  os << "#define " << up << "_PANIC 2\n";
  os << "#define " << up << "_BAD_HANDLE 3\n";
  os << "#define " << up << "_BAD_ARGUMENT 4\n";
  os << "// Channel operations: not ready within the timeout (at once for "
        "try_*), and\n// a closed channel.\n";
  os << "#define " << up << "_TIMEOUT 5\n";
  os << "#define " << up << "_CLOSED 6\n\n";
  os << lib.typeSection() << "\n";

  lib.op.walk([&](cabi::ExportOp e) { printExport(e); });

  for (Type form : lib.freeForms) {
    os << "// Frees what a " << lib.cType(form)
       << " owns and zeroes it (not the struct itself).\n";
    os << "void " << lib.freeName(form) << "(" << lib.cType(form) << " *v);\n";
  }
  os << "\n// Drops a handle; " << up
     << "_BAD_HANDLE for one never issued or already\n// released.\n";
  os << "int32_t " << p << "_handle_release(" << p << "_handle h, " << p
     << "_string *err);\n";
  os << "// The number of live handles.\n";
  os << "int64_t " << p << "_handle_live(void);\n\n";
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif /* " << guard << " */\n";
}

void HeaderPrinter::printExport(cabi::ExportOp e) {
  os << "// " << commentLine(describeExport(e)) << "\n";
  if (std::optional<StringRef> doc = e.getDoc()) {
    StringRef first = doc->trim().split('\n').first;
    if (!first.empty())
      os << "// " << commentLine(first) << "\n";
  }
  if (e.getInoutReceiver())
    os << "// In-out receiver: the method runs on a copy of the first "
          "parameter; the copy\n// after the call is the first result.\n";
  SmallVector<cabi::ValueAttr> params = values(e.getParams());
  SmallVector<cabi::ValueAttr> results = values(e.getResults());

  // C parameter names: the value's name when it is a plain, unreserved C
  // identifier, else p<i> / r<i>; made unique.
  llvm::StringSet<> used;
  used.insert("err");
  auto cName = [&](cabi::ValueAttr v, char kind, size_t i) {
    StringRef n = v.getName();
    std::string name;
    if (isPlainCIdentifier(n) && n != "_" && !isReservedCName(n) &&
        !n.ends_with("_t") && !n.starts_with("__") &&
        !(n.size() > 1 && n[0] == '_' && llvm::isUpper(n[1])) &&
        !StringRef(n.lower()).starts_with(StringRef(lib.prefix).lower()))
      name = n.str();
    else
      name = kind + std::to_string(i);
    while (!used.insert(name).second)
      name += "_";
    return name;
  };
  SmallVector<std::string> pnames, rnames;
  for (auto [i, v] : llvm::enumerate(params))
    pnames.push_back(cName(v, 'p', i));
  for (auto [i, v] : llvm::enumerate(results))
    rnames.push_back(cName(v, 'r', i));

  StringRef kind = stringifyExportKind(e.getKind());
  if (kind.starts_with("chan_") && e.getReturnsError())
    os << "// " << StringRef(lib.prefix).upper() << "_TIMEOUT: not ready"
       << (kind.contains("try_") ? " at once" : " within timeout_ms") << "; "
       << StringRef(lib.prefix).upper() << "_CLOSED: the channel is closed.\n";
  else if (e.getReturnsError())
    os << "// " << StringRef(lib.prefix).upper()
       << "_ERROR: the Go function returned an error.\n";
  for (auto [i, v] : llvm::enumerate(results)) {
    Type form = v.getAbiType();
    if (isa<cabi::HandleType>(form))
      os << "// " << rnames[i] << ": release with " << lib.prefix
         << "_handle_release.\n";
    else if (lib.ownsMemory(form))
      os << "// " << rnames[i] << ": free with " << lib.freeName(form) << ".\n";
  }
  os << "int32_t " << e.getSymName() << "(";
  for (auto [i, v] : llvm::enumerate(params)) {
    std::string ct = lib.cType(v.getAbiType(), /*nested=*/false);
    os << ct << (StringRef(ct).ends_with("*") ? "" : " ") << pnames[i] << ", ";
  }
  for (auto [i, v] : llvm::enumerate(results))
    os << lib.cType(v.getAbiType(), /*nested=*/false) << " *" << rnames[i]
       << ", ";
  os << lib.prefix << "_string *err);\n\n";
}

} // namespace

LogicalResult mochigo::emit::emitCHeader(ModuleOp module, raw_ostream &os) {
  Library lib;
  if (failed(loadLibrary(module, lib)))
    return failure();
  HeaderPrinter(lib, os).print();
  return success();
}
