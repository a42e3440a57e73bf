//===- MochiExterns.cpp - the Mochi extern file and alias shim ------------===//
//
// Part of mochi-go. Prints the Mochi side of a wrapper library: the extern
// declarations `<alias>.mochi` and the alias shim `<alias>.shim.mochi` that
// binds every extern to its C symbol. The format is ours; docs/MochiExterns.md
// defines it.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/CAbi/CAbiTypes.h"
#include "mochi-go/Emit/Emit.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"
#include "mochi-go/Ingest/StdSurface.h"
#include "mochi-go/Mochi/Imports.h"
#include "mochi-go/Typemap/TypeMap.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <map>
#include <string>

using namespace mlir;
using namespace mochigo;
// Mochi's identifier rules (lib/Mochi): the keyword list, the identifier
// form, and the fix suggested for a name that breaks them.
using mochigo::mochi::fixIdentifier;
using mochigo::mochi::isMochiIdentifier;
using mochigo::mochi::isMochiKeyword;

namespace {

/// `"..."` with `\` and `"` escaped.
std::string quote(StringRef s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '\\' || c == '"')
      out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

/// One declaration of the extern file, with its shim lines.
struct Decl {
  /// Sort key: the (getter's) C symbol.
  std::string key;
  /// Doc comment lines (without `// `).
  SmallVector<std::string> doc;
  /// The declaration itself (`extern fun ...`).
  std::string text;
  /// The trailing comment (without `// `).
  std::string comment;
  /// Lines of the shim.
  SmallVector<std::string, 2> shim;
};

class ExternPrinter {
public:
  ExternPrinter(cabi::LibraryOp library, StringRef rootPath, StringRef alias)
      : library(library), rootPath(rootPath), alias(alias.str()) {}

  LogicalResult print(raw_ostream &os);

private:
  /// The Mochi type of a C form; empty (after an error on `op`) when it has
  /// none.
  std::string mochiType(Type abi, Operation *op);
  /// `alias` or `alias.Q` for the package.
  std::string base(cabi::PackageOp package);
  LogicalResult collectTypes();
  LogicalResult collectExports();
  LogicalResult addFun(cabi::ExportOp op, StringRef base);
  /// Reserve a Mochi name; an error on `op` when it is taken.
  LogicalResult claim(StringRef name, Operation *op);

  cabi::LibraryOp library;
  /// The library's ingest::defaultNamePath.
  StringRef rootPath;
  std::string alias;
  SmallVector<Decl> types, vars, funs;
  llvm::StringMap<Operation *> names;
};

} // namespace

std::string ExternPrinter::mochiType(Type abi, Operation *op) {
  if (auto i = dyn_cast<IntegerType>(abi))
    return i.getWidth() == 1 ? "bool" : "int";
  if (isa<FloatType>(abi))
    return "float";
  if (isa<cabi::StringType, cabi::ErrorType>(abi))
    return "string";
  if (isa<cabi::BytesType>(abi))
    return "bytes";
  if (auto h = dyn_cast<cabi::HandleType>(abi))
    return alias + "." + h.getName().str();
  if (auto r = dyn_cast<cabi::RecordType>(abi))
    return alias + "." + r.getName().str();
  if (auto l = dyn_cast<cabi::ListType>(abi)) {
    std::string elem = mochiType(l.getElem(), op);
    return elem.empty() ? "" : "list<" + elem + ">";
  }
  if (auto m = dyn_cast<cabi::MapType>(abi)) {
    std::string k = mochiType(m.getKey(), op);
    std::string v = mochiType(m.getValue(), op);
    return k.empty() || v.empty() ? "" : "map<" + k + ", " + v + ">";
  }
  std::string s;
  llvm::raw_string_ostream(s) << abi;
  op->emitError("no Mochi type for '") << s << "': not a C form";
  return "";
}

std::string ExternPrinter::base(cabi::PackageOp package) {
  std::string b = alias;
  if (package.getQualifier().empty())
    return b;
  SmallVector<StringRef> elems;
  package.getQualifier().split(elems, '.');
  for (StringRef e : elems)
    b += "." + (isMochiIdentifier(e) && !isMochiKeyword(e) ? e.str()
                                                           : fixIdentifier(e));
  return b;
}

LogicalResult ExternPrinter::claim(StringRef name, Operation *op) {
  auto [it, inserted] = names.try_emplace(name, op);
  if (inserted)
    return success();
  InFlightDiagnostic diag = op->emitError("Mochi name '")
                            << name << "' is declared twice";
  if (it->second)
    diag.attachNote(it->second->getLoc()) << "first declared here";
  else
    diag << " (it is a runtime function of the library)";
  return failure();
}

LogicalResult ExternPrinter::collectTypes() {
  SmallVector<Decl> handles, records;
  for (Operation &op : library.getBodyBlock()) {
    if (auto h = dyn_cast<cabi::HandleTypeOp>(op)) {
      std::string name = alias + "." + h.getSymName().str();
      if (failed(claim(name, h)))
        return failure();
      Decl d;
      d.key = h.getSymName().str();
      d.text = "extern type " + name;
      d.comment = "handle: " + gosurface::goTypeString(h.getGoType()) +
                  " (release with " + alias + ".release)";
      handles.push_back(std::move(d));
    } else if (auto r = dyn_cast<cabi::RecordOp>(op)) {
      std::string name = alias + "." + r.getSymName().str();
      if (failed(claim(name, r)))
        return failure();
      Decl d;
      d.key = r.getSymName().str();
      d.text = "extern type " + name + " {";
      llvm::ListSeparator sep(",");
      for (Attribute a : r.getFields()) {
        auto field = cast<cabi::ValueAttr>(a);
        std::string t = mochiType(field.getAbiType(), r);
        if (t.empty())
          return failure();
        d.text += sep;
        d.text += " " + field.getName().str() + ": " + t;
      }
      d.text += r.getFields().empty() ? "}" : " }";
      d.comment = "record: " + gosurface::goTypeString(r.getGoType());
      records.push_back(std::move(d));
    }
  }
  auto byKey = [](const Decl &a, const Decl &b) { return a.key < b.key; };
  llvm::stable_sort(handles, byKey);
  llvm::stable_sort(records, byKey);
  types.append(handles.begin(), handles.end());
  types.append(records.begin(), records.end());
  return success();
}

static SmallVector<std::string> docLines(std::optional<StringRef> doc) {
  SmallVector<std::string> lines;
  if (!doc)
    return lines;
  SmallVector<StringRef> raw;
  doc->rtrim().split(raw, '\n');
  for (StringRef l : raw)
    lines.push_back(l.rtrim().str());
  if (lines.size() == 1 && lines[0].empty())
    lines.clear();
  return lines;
}

LogicalResult ExternPrinter::addFun(cabi::ExportOp op, StringRef base) {
  std::string name = base.str() + "." + op.getGoName().str();
  if (failed(claim(name, op)))
    return failure();
  Decl d;
  d.key = op.getSymName().str();
  d.doc = docLines(op.getDoc());
  d.text = "extern fun " + name + "(";
  llvm::StringSet<> used;
  for (Attribute a : op.getParams())
    used.insert(cast<cabi::ValueAttr>(a).getName());
  llvm::ListSeparator sep;
  for (auto [i, a] : llvm::enumerate(op.getParams())) {
    auto param = cast<cabi::ValueAttr>(a);
    std::string pname = param.getName().str();
    if (!isMochiIdentifier(pname) || isMochiKeyword(pname) || pname == "_") {
      pname = "p" + std::to_string(i);
      while (used.contains(pname))
        pname += "_";
      used.insert(pname);
    }
    std::string t = mochiType(param.getAbiType(), op);
    if (t.empty())
      return failure();
    d.text += sep;
    d.text += pname + ": " + t;
  }
  d.text += ")";
  std::string result;
  if (op.getResults().size() > 1)
    result += "(";
  llvm::ListSeparator rsep;
  for (Attribute a : op.getResults()) {
    std::string t = mochiType(cast<cabi::ValueAttr>(a).getAbiType(), op);
    if (t.empty())
      return failure();
    result += rsep;
    result += t;
  }
  if (op.getResults().size() > 1)
    result += ")";
  if (op.getReturnsError())
    result = "Result<" + (result.empty() ? std::string("unit") : result) +
             ", string>";
  if (!result.empty())
    d.text += ": " + result;
  d.comment = "C: " + op.getSymName().str();
  if (op.getVariadic())
    d.comment += "; variadic";
  d.shim.push_back("symbol " + name + " = " + quote(op.getSymName()));
  funs.push_back(std::move(d));
  return success();
}

LogicalResult ExternPrinter::collectExports() {
  // A variable's getter and setter (or a constant's getter), by Mochi name.
  struct Var {
    cabi::ExportOp get, set;
  };
  std::map<std::string, Var> varsByName;
  for (auto package : library.getBodyBlock().getOps<cabi::PackageOp>()) {
    std::string b = base(package);
    for (auto op : package.getBodyBlock().getOps<cabi::ExportOp>()) {
      switch (op.getKind()) {
      case cabi::ExportKind::Func:
      case cabi::ExportKind::Method:
      case cabi::ExportKind::New:
        if (failed(addFun(op, b)))
          return failure();
        break;
      case cabi::ExportKind::VarGet:
      case cabi::ExportKind::ConstGet:
      case cabi::ExportKind::VarSet: {
        Var &v = varsByName[b + "." + op.getGoName().str()];
        cabi::ExportOp &slot =
            op.getKind() == cabi::ExportKind::VarSet ? v.set : v.get;
        if (slot) {
          InFlightDiagnostic diag = op.emitError("a second ")
                                    << cabi::stringifyExportKind(op.getKind())
                                    << " export of '" << op.getGoName() << "'";
          diag.attachNote(slot.getLoc()) << "the first one";
          return failure();
        }
        slot = op;
        break;
      }
      }
    }
  }
  for (auto &[name, v] : varsByName) {
    cabi::ExportOp first = v.get ? v.get : v.set;
    if (failed(claim(name, first)))
      return failure();
    auto value = cast<cabi::ValueAttr>(v.get ? v.get.getResults()[0]
                                             : v.set.getParams()[0]);
    std::string t = mochiType(value.getAbiType(), first);
    if (t.empty())
      return failure();
    Decl d;
    d.key = first.getSymName().str();
    d.doc = docLines(first.getDoc());
    if (d.doc.empty() && v.get && v.set)
      d.doc = docLines(v.set.getDoc());
    d.text = "extern var " + name + ": " + t;
    llvm::ListSeparator sep("; ");
    if (v.get) {
      d.comment += sep;
      d.comment += "C: " + v.get.getSymName().str();
      if (v.get.getKind() == cabi::ExportKind::ConstGet)
        d.comment += "; const";
      d.shim.push_back("symbol " + name + " = " + quote(v.get.getSymName()));
    }
    if (v.set) {
      d.comment += sep;
      d.comment += "settable: C: " + v.set.getSymName().str();
      d.shim.push_back("setter " + name + " = " + quote(v.set.getSymName()));
    }
    vars.push_back(std::move(d));
  }
  auto byKey = [](const Decl &a, const Decl &b) { return a.key < b.key; };
  llvm::stable_sort(vars, byKey);
  llvm::stable_sort(funs, byKey);
  return success();
}

/// Print the declarations of one section; a declaration with a doc comment
/// is set apart from its neighbours by blank lines.
static void printSection(raw_ostream &os, ArrayRef<Decl> decls,
                         StringRef heading = "") {
  if (decls.empty())
    return;
  os << "\n";
  if (!heading.empty())
    os << "// " << heading << "\n";
  for (auto [i, d] : llvm::enumerate(decls)) {
    if (i > 0 && (!d.doc.empty() || !decls[i - 1].doc.empty()))
      os << "\n";
    for (const std::string &l : d.doc)
      os << (l.empty() ? "//" : "// " + l) << "\n";
    os << d.text << "  // " << d.comment << "\n";
  }
}

LogicalResult ExternPrinter::print(raw_ostream &os) {
  std::string prefix = library.getPrefix().str();
  // The runtime functions every library exports (docs/CAbi.md).
  Decl release, live;
  release.text =
      "extern fun " + alias + ".release(h: any): Result<unit, string>";
  release.comment = "C: " + prefix + "_handle_release";
  release.shim.push_back("symbol " + alias +
                         ".release = " + quote(prefix + "_handle_release"));
  live.text = "extern fun " + alias + ".live(): int";
  live.comment = "C: " + prefix + "_handle_live";
  live.shim.push_back("symbol " + alias +
                      ".live = " + quote(prefix + "_handle_live"));
  names.try_emplace(alias + ".release", nullptr);
  names.try_emplace(alias + ".live", nullptr);

  if (failed(collectTypes()) || failed(collectExports()))
    return failure();
  Decl runtime[] = {std::move(release), std::move(live)};

  std::string from = library.getPath().str() + "@" + library.getVersion().str();
  std::string generated =
      "// Code generated by mochi-go from " + from + ". DO NOT EDIT.\n";

  os << "//--- " << alias << ".mochi\n";
  os << generated;
  // The import this file serves: a module at its version, or the one
  // package of a standard-library surface, which Mochi imports by its path
  // alone.
  std::string imported = rootPath != library.getPath() ? rootPath.str() : from;
  os << "// import go " << quote(imported) << " as " << alias << "\n";
  printSection(os, types);
  printSection(os, vars);
  printSection(os, funs);
  printSection(os, runtime,
               "The handle pool, shared by every package of the library.");

  os << "//--- " << alias << ".shim.mochi\n";
  os << generated;
  os << "// The alias shim of " << alias << ".mochi: binds the alias " << alias
     << " to the C library\n// lib" << prefix << ".a (header " << prefix
     << ".h), one line per extern fun or var.\n\n";
  os << "package " << alias << "\n";
  os << "link " << quote(prefix) << "  // lib" << prefix << ".a, header "
     << prefix << ".h\n";
  os << "module " << quote(library.getPath()) << " version "
     << quote(library.getVersion()) << "\n\n";
  for (ArrayRef<Decl> section :
       {ArrayRef<Decl>(vars), ArrayRef<Decl>(funs), ArrayRef<Decl>(runtime)})
    for (const Decl &d : section)
      for (const std::string &l : d.shim)
        os << l << "\n";
  return success();
}

LogicalResult mochigo::emit::emitMochiExterns(ModuleOp module,
                                              const MochiExternOptions &options,
                                              raw_ostream &os) {
  auto libraries = llvm::to_vector(module.getOps<cabi::LibraryOp>());
  if (libraries.size() != 1) {
    if (libraries.empty())
      return module.emitError("expected exactly one cabi.library, found none "
                              "(run --handle-pool and --cgo-export first)");
    InFlightDiagnostic diag =
        libraries[1].emitError("expected exactly one cabi.library, found ")
        << libraries.size();
    diag.attachNote(libraries[0].getLoc()) << "the first one";
    return failure();
  }
  cabi::LibraryOp library = libraries.front();
  // Derived like the default prefix (handle-pool): a standard-library
  // surface takes its package's name, not `std`.
  StringRef rootPath = ingest::defaultNamePathOf(
      library.getPath(), library.getBodyBlock().getOps<cabi::PackageOp>());
  std::string alias =
      options.alias.empty() ? typemap::defaultAlias(rootPath) : options.alias;
  if (!isMochiIdentifier(alias) || isMochiKeyword(alias)) {
    std::string fixed = fixIdentifier(alias);
    return library.emitError("the Mochi alias '")
           << alias << "' is not a Mochi identifier"
           << (isMochiKeyword(alias) ? " (it is a keyword)" : "")
           << "; use --mochi-alias=" << fixed;
  }
  return ExternPrinter(library, rootPath, alias).print(os);
}
