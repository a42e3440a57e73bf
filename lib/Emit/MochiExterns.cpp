//===- MochiExterns.cpp - the Mochi extern file and its bindings ----------===//
//
// Part of mochi-go. Prints the Mochi side of a wrapper library: the extern
// declarations `<alias>.mochi`, which are Mochi by Mochi's own grammar, and
// `<alias>.bindings.yaml`, which binds every Mochi name declared there to its
// C symbol for the Mochi compiler's driver. docs/MochiExterns.md defines
// both.
//
//===----------------------------------------------------------------------===//

#include "GoTypes.h"

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/CAbi/CAbiTypes.h"
#include "mochi-go/Emit/Emit.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"
#include "mochi-go/Ingest/StdSurface.h"
#include "mochi-go/Mochi/Imports.h"
#include "mochi-go/Typemap/TypeMap.h"
#include "mochi-go/Yaml/Yaml.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <fmt/format.h>

#include <map>
#include <string>

using namespace mlir;
using namespace mochigo;
using mochigo::mochi::fixIdentifier;
using mochigo::mochi::isMochiIdentifier;
using mochigo::mochi::isMochiKeyword;

namespace {

/// The one renaming rule of Mochi names (docs/MochiExterns.md): a Go name
/// that is a Mochi keyword gets a `_` appended; one that is not a Mochi
/// identifier is fixed the same way as an alias. The C symbol never changes.
std::string mochiName(StringRef goName) {
  if (isMochiIdentifier(goName) && !isMochiKeyword(goName))
    return goName.str();
  return fixIdentifier(goName);
}

/// `A.B.C` with each element renamed by mochiName.
std::string mochiPath(StringRef dotted) {
  SmallVector<StringRef> elems;
  dotted.split(elems, '.');
  std::string out;
  llvm::ListSeparator sep(".");
  for (StringRef e : elems) {
    out += sep;
    out += mochiName(e);
  }
  return out;
}

/// Names of values (parameters, results, fields) made unique in one list.
class ValueNames {
public:
  /// The Mochi name of the value at `index` whose Go name is `goName`:
  /// mochiName(goName), or `<fallback><index>` when the Go name is `_` or
  /// empty; then `_` appended until no earlier value has it.
  std::string take(StringRef goName, size_t index, StringRef fallback) {
    std::string name = goName.empty() || goName == "_"
                           ? fallback.str() + std::to_string(index)
                           : mochiName(goName);
    while (used.contains(name))
      name += '_';
    used.insert(name);
    return name;
  }
  /// Reserve a name without taking it for a value (the receiver's `self`).
  void reserve(StringRef name) { used.insert(name); }

private:
  llvm::StringSet<> used;
};

/// One value of a declaration, as both files describe it.
struct Value {
  std::string name;  // Mochi name
  std::string type;  // Mochi type
  std::string cType; // C type
  std::string free;  // C free function, or ""
};

/// One declaration: its line in `<alias>.mochi` and its entry in the
/// bindings.
struct Decl {
  /// Sort key: the (getter's) C symbol, or the type's symbol.
  std::string key;
  /// Doc comment lines (without `// `).
  SmallVector<std::string> doc;
  /// The declaration itself (`extern fun ...`).
  std::string text;
  /// The trailing comment (without `// `).
  std::string comment;
  /// The entry of the bindings file.
  yaml::Value binding;
};

class ExternPrinter {
public:
  ExternPrinter(emit::Library &lib, StringRef rootPath, StringRef alias)
      : lib(lib), library(lib.op), rootPath(rootPath), alias(alias.str()) {}

  LogicalResult print(raw_ostream &os);

private:
  /// The Mochi type of a C form; empty (after an error on `op`) when it has
  /// none.
  std::string mochiType(Type abi, Operation *op);
  /// The Mochi name of the handle type or record `sym`: `<alias>__<sym>`.
  std::string typeName(StringRef sym) const { return alias + "__" + sym.str(); }
  /// `alias` or `alias.Q` for the package.
  std::string base(cabi::PackageOp package);
  /// A Value for `v`, named `name`; false after an error on `op`.
  bool value(cabi::ValueAttr v, std::string name, Operation *op, Value &out);
  /// The bindings entry of a value; `owned`: the caller frees it (results,
  /// variables, record fields), so its free function is named.
  yaml::Value valueBinding(const Value &v, bool owned = true);
  LogicalResult collectTypes();
  LogicalResult collectExports();
  LogicalResult addFun(cabi::ExportOp op, StringRef base);
  /// Reserve a Mochi name; an error on `op` when it is taken.
  LogicalResult claim(StringRef name, Operation *op);
  void addRuntime();
  std::string bindingsFile(StringRef externsFile, StringRef from);

  emit::Library &lib;
  cabi::LibraryOp library;
  /// The library's ingest::defaultNamePath.
  StringRef rootPath;
  std::string alias;
  SmallVector<Decl> types, vars, funs, runtime;
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
    return typeName(h.getName());
  if (auto r = dyn_cast<cabi::RecordType>(abi))
    return typeName(r.getName());
  if (auto l = dyn_cast<cabi::ListType>(abi)) {
    std::string elem = mochiType(l.getElem(), op);
    return elem.empty() ? "" : fmt::format("list<{}>", elem);
  }
  if (auto m = dyn_cast<cabi::MapType>(abi)) {
    std::string k = mochiType(m.getKey(), op);
    std::string v = mochiType(m.getValue(), op);
    return k.empty() || v.empty() ? "" : fmt::format("map<{}, {}>", k, v);
  }
  std::string s;
  llvm::raw_string_ostream(s) << abi;
  op->emitError("no Mochi type for '") << s << "': not a C form";
  return "";
}

bool ExternPrinter::value(cabi::ValueAttr v, std::string name, Operation *op,
                          Value &out) {
  out.name = std::move(name);
  out.type = mochiType(v.getAbiType(), op);
  if (out.type.empty())
    return false;
  out.cType = lib.cType(v.getAbiType(), /*nested=*/false);
  if (lib.ownsMemory(v.getAbiType()))
    out.free = lib.freeName(v.getAbiType());
  return true;
}

yaml::Value ExternPrinter::valueBinding(const Value &v, bool owned) {
  yaml::Value b = yaml::Value::map();
  b.set("name", yaml::Value::string(v.name));
  b.set("type", yaml::Value::string(v.type));
  b.set("c-type", yaml::Value::string(v.cType));
  if (owned && !v.free.empty())
    b.set("free", yaml::Value::string(v.free));
  return b;
}

std::string ExternPrinter::base(cabi::PackageOp package) {
  if (package.getQualifier().empty())
    return alias;
  return alias + "." + mochiPath(package.getQualifier());
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

/// The Mochi type names come from C identifiers; `__` after the alias keeps
/// them apart between aliases only if the symbol does not start with `_`.
static LogicalResult checkTypeSymbol(Operation *op, StringRef sym) {
  if (!sym.starts_with("_") && isMochiIdentifier(sym))
    return success();
  return op->emitError("type symbol '")
         << sym
         << "' cannot follow '<alias>__' in a Mochi type name (it must be an "
            "identifier that does not start with '_')";
}

LogicalResult ExternPrinter::collectTypes() {
  SmallVector<Decl> handles, records;
  for (Operation &op : library.getBodyBlock()) {
    if (auto h = dyn_cast<cabi::HandleTypeOp>(op)) {
      if (failed(checkTypeSymbol(h, h.getSymName())))
        return failure();
      std::string name = typeName(h.getSymName());
      if (failed(claim(name, h)))
        return failure();
      std::string goType = gosurface::goTypeString(h.getGoType());
      Decl d;
      d.key = h.getSymName().str();
      d.text = "extern type " + name;
      d.comment = fmt::format("handle: {} (release with {}.{}.release)", goType,
                              alias, h.getSymName().str());
      d.binding = yaml::Value::map();
      d.binding.set("mochi", yaml::Value::string(name));
      d.binding.set("kind", yaml::Value::string("handle"));
      d.binding.set("c-type",
                    yaml::Value::string(lib.cType(
                        cabi::HandleType::get(h.getContext(), h.getSymName()),
                        /*nested=*/false)));
      d.binding.set("go", yaml::Value::string(goType));
      handles.push_back(std::move(d));
    } else if (auto r = dyn_cast<cabi::RecordOp>(op)) {
      if (failed(checkTypeSymbol(r, r.getSymName())))
        return failure();
      std::string name = typeName(r.getSymName());
      if (failed(claim(name, r)))
        return failure();
      std::string goType = gosurface::goTypeString(r.getGoType());
      Decl d;
      d.key = r.getSymName().str();
      d.binding = yaml::Value::map();
      d.binding.set("mochi", yaml::Value::string(name));
      d.binding.set("kind", yaml::Value::string("record"));
      Type form = cabi::RecordType::get(r.getContext(), r.getSymName());
      d.binding.set("c-type", yaml::Value::string(lib.cType(form)));
      if (lib.ownsMemory(form))
        d.binding.set("free", yaml::Value::string(lib.freeName(form)));
      d.binding.set("go", yaml::Value::string(goType));
      yaml::Value &fields = d.binding.set("fields", yaml::Value::sequence());
      ValueNames used;
      SmallVector<std::string> members;
      for (auto [i, a] : llvm::enumerate(r.getFields())) {
        auto field = cast<cabi::ValueAttr>(a);
        Value v;
        if (!value(field, used.take(field.getName(), i, "f"), r, v))
          return failure();
        members.push_back(v.name + ": " + v.type);
        yaml::Value fb = valueBinding(v);
        // The C struct member keeps the Go field name.
        fb.set("c-name", yaml::Value::string(field.getName().str()));
        fields.push(std::move(fb));
      }
      // A record declaration needs a member; an empty one is an alias of the
      // empty inline record.
      d.text = members.empty() ? fmt::format("type {} = {{}}", name)
                               : fmt::format("type {} {{ {} }}", name,
                                             fmt::join(members, ", "));
      d.comment = "record: " + goType;
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

/// Export kinds whose first parameter is the receiver, named `self`.
static bool hasReceiver(cabi::ExportOp op) {
  StringRef kind = cabi::stringifyExportKind(op.getKind());
  return kind == "method" || kind == "field_get" || kind == "field_set" ||
         kind == "func_call" ||
         (kind.starts_with("chan_") && kind != "chan_make");
}

LogicalResult ExternPrinter::addFun(cabi::ExportOp op, StringRef base) {
  StringRef kind = cabi::stringifyExportKind(op.getKind());
  // Box functions belong to the library, not to a package: `alias.box_int`.
  std::string name = (kind == "box" ? StringRef(alias) : base).str() + "." +
                     mochiPath(op.getGoName());
  if (failed(claim(name, op)))
    return failure();

  ValueNames pnames;
  bool receiver = hasReceiver(op) && !op.getParams().empty();
  if (receiver)
    pnames.reserve("self");
  SmallVector<Value> params, results;
  for (auto [i, a] : llvm::enumerate(op.getParams())) {
    auto p = cast<cabi::ValueAttr>(a);
    std::string pname =
        receiver && i == 0 ? "self" : pnames.take(p.getName(), i, "p");
    if (!value(p, pname, op, params.emplace_back()))
      return failure();
  }
  // box_handle takes a handle of any of the library's handle types: `any`
  // on the Mochi side (its C type stays the handle's).
  if (kind == "box" && op.getGoName() == "box_handle" && params.size() == 1)
    params[0].type = "any";
  ValueNames rnames;
  for (auto [i, a] : llvm::enumerate(op.getResults())) {
    auto r = cast<cabi::ValueAttr>(a);
    if (!value(r, rnames.take(r.getName(), i, "r"), op, results.emplace_back()))
      return failure();
  }

  // Several results are an inline record; a Go error wraps the results in
  // Result<..., string> (docs/MochiExterns.md).
  std::string result;
  if (results.size() == 1)
    result = results[0].type;
  else if (results.size() > 1)
    result = fmt::format(
        "{{{}}}", fmt::join(llvm::map_range(results,
                                            [](const Value &v) {
                                              return v.name + ": " + v.type;
                                            }),
                            ", "));
  if (op.getReturnsError())
    result =
        fmt::format("Result<{}, string>", result.empty() ? "unit" : result);

  Decl d;
  d.key = op.getSymName().str();
  d.doc = docLines(op.getDoc());
  d.text =
      fmt::format("extern fun {}({}){}", name,
                  fmt::join(llvm::map_range(params,
                                            [](const Value &v) {
                                              return v.name + ": " + v.type;
                                            }),
                            ", "),
                  result.empty() ? "" : ": " + result);
  d.comment = "C: " + op.getSymName().str();
  if (op.getVariadic())
    d.comment += "; variadic";

  d.binding = yaml::Value::map();
  d.binding.set("mochi", yaml::Value::string(name));
  d.binding.set("c", yaml::Value::string(op.getSymName().str()));
  d.binding.set("kind", yaml::Value::string(kind.str()));
  auto package = op->getParentOfType<cabi::PackageOp>();
  d.binding.set("go", yaml::Value::string(
                          (package.getPath() + "." + op.getGoName()).str()));
  yaml::Value &ps = d.binding.set("params", yaml::Value::sequence());
  for (const Value &v : params)
    ps.push(valueBinding(v, /*owned=*/false));
  yaml::Value &rs = d.binding.set("results", yaml::Value::sequence());
  for (const Value &v : results)
    rs.push(valueBinding(v));
  d.binding.set("error", yaml::Value::boolean(op.getReturnsError()));
  d.binding.set("variadic", yaml::Value::boolean(op.getVariadic()));
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
      case cabi::ExportKind::VarGet:
      case cabi::ExportKind::ConstGet:
      case cabi::ExportKind::VarSet: {
        Var &v = varsByName[b + "." + mochiPath(op.getGoName())];
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
      case cabi::ExportKind::Callback:
        // A C function pointer has no Mochi form: callbacks are for C
        // callers (docs/MochiExterns.md).
        break;
      default:
        // Every other kind is a function (func, method, new, and the
        // accessors and box functions of the consume surface).
        if (failed(addFun(op, b)))
          return failure();
        break;
      }
    }
  }
  for (auto &[name, v] : varsByName) {
    cabi::ExportOp first = v.get ? v.get : v.set;
    if (failed(claim(name, first)))
      return failure();
    auto attr = cast<cabi::ValueAttr>(v.get ? v.get.getResults()[0]
                                            : v.set.getParams()[0]);
    Value value;
    if (!this->value(attr, "", first, value))
      return failure();
    Decl d;
    d.key = first.getSymName().str();
    d.doc = docLines(first.getDoc());
    if (d.doc.empty() && v.get && v.set)
      d.doc = docLines(v.set.getDoc());
    d.text = fmt::format("extern var {}: {}", name, value.type);
    d.binding = yaml::Value::map();
    d.binding.set("mochi", yaml::Value::string(name));
    d.binding.set("type", yaml::Value::string(value.type));
    d.binding.set("c-type", yaml::Value::string(value.cType));
    if (!value.free.empty())
      d.binding.set("free", yaml::Value::string(value.free));
    llvm::ListSeparator sep("; ");
    if (v.get) {
      d.comment += sep;
      d.comment += "C: " + v.get.getSymName().str();
      if (v.get.getKind() == cabi::ExportKind::ConstGet)
        d.comment += "; const";
      d.binding.set("get", yaml::Value::string(v.get.getSymName().str()));
    }
    if (v.set) {
      d.comment += sep;
      d.comment += "settable: C: " + v.set.getSymName().str();
      d.binding.set("set", yaml::Value::string(v.set.getSymName().str()));
    }
    d.binding.set("const",
                  yaml::Value::boolean(
                      v.get && v.get.getKind() == cabi::ExportKind::ConstGet));
    vars.push_back(std::move(d));
  }
  auto byKey = [](const Decl &a, const Decl &b) { return a.key < b.key; };
  llvm::stable_sort(vars, byKey);
  llvm::stable_sort(funs, byKey);
  return success();
}

void ExternPrinter::addRuntime() {
  std::string prefix = library.getPrefix().str();
  auto add = [&](std::string name, std::string params, std::string result,
                 std::string symbol, StringRef kind, yaml::Value paramBinding,
                 yaml::Value resultBinding) {
    Decl d;
    d.key = name;
    d.text = fmt::format("extern fun {}({}): {}", name, params, result);
    d.comment = "C: " + symbol;
    d.binding = yaml::Value::map();
    d.binding.set("mochi", yaml::Value::string(name));
    d.binding.set("c", yaml::Value::string(symbol));
    d.binding.set("kind", yaml::Value::string(kind.str()));
    d.binding.set("params", std::move(paramBinding));
    d.binding.set("results", std::move(resultBinding));
    d.binding.set("error",
                  yaml::Value::boolean(result.rfind("Result<", 0) == 0));
    d.binding.set("variadic", yaml::Value::boolean(false));
    names.try_emplace(name, nullptr);
    runtime.push_back(std::move(d));
  };
  // One release function per handle type, all bound to the pool's release.
  for (auto h : library.getBodyBlock().getOps<cabi::HandleTypeOp>()) {
    std::string type = typeName(h.getSymName());
    Value self{"self", type,
               lib.cType(cabi::HandleType::get(h.getContext(), h.getSymName()),
                         /*nested=*/false),
               ""};
    yaml::Value params = yaml::Value::sequence();
    params.push(valueBinding(self, /*owned=*/false));
    add(fmt::format("{}.{}.release", alias, h.getSymName().str()),
        "self: " + type, "Result<unit, string>", prefix + "_handle_release",
        "release", std::move(params), yaml::Value::sequence());
  }
  llvm::stable_sort(runtime,
                    [](const Decl &a, const Decl &b) { return a.key < b.key; });
  yaml::Value results = yaml::Value::sequence();
  results.push(valueBinding(Value{"r0", "int", "int64_t", ""}));
  add(alias + ".live", "", "int", prefix + "_handle_live", "live",
      yaml::Value::sequence(), std::move(results));
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

static yaml::Value bindings(ArrayRef<Decl> decls) {
  yaml::Value seq = yaml::Value::sequence();
  for (const Decl &d : decls)
    seq.push(d.binding);
  return seq;
}

std::string ExternPrinter::bindingsFile(StringRef externsFile,
                                        StringRef imported) {
  std::string prefix = library.getPrefix().str();
  yaml::Value doc = yaml::Value::map();
  doc.set("schema", yaml::Value::string("mochi-go/bindings/v1"));
  doc.set("externs", yaml::Value::string(externsFile.str()));
  yaml::Value &imp = doc.set("import", yaml::Value::map());
  imp.set("path", yaml::Value::string(rootPath != library.getPath()
                                          ? rootPath.str()
                                          : library.getPath().str()));
  imp.set("version", yaml::Value::string(rootPath != library.getPath()
                                             ? ""
                                             : library.getVersion().str()));
  imp.set("alias", yaml::Value::string(alias));
  yaml::Value &l = doc.set("library", yaml::Value::map());
  l.set("prefix", yaml::Value::string(prefix));
  l.set("archive", yaml::Value::string("lib" + prefix + ".a"));
  l.set("header", yaml::Value::string(prefix + ".h"));
  l.set("module", yaml::Value::string(library.getPath().str()));
  l.set("version", yaml::Value::string(library.getVersion().str()));
  doc.set("types", bindings(types));
  doc.set("vars", bindings(vars));
  SmallVector<Decl> allFuns(funs.begin(), funs.end());
  allFuns.append(runtime.begin(), runtime.end());
  doc.set("funs", bindings(allFuns));
  std::vector<std::string> comments = {
      fmt::format("Code generated by mochi-go from {}. DO NOT EDIT.",
                  imported.str()),
      fmt::format("The C bindings of {}: the C symbol behind every Mochi name "
                  "it declares",
                  externsFile.str()),
      "(docs/MochiExterns.md)."};
  return yaml::emit(doc, comments);
}

LogicalResult ExternPrinter::print(raw_ostream &os) {
  addRuntime();
  if (failed(collectTypes()) || failed(collectExports()))
    return failure();

  std::string from = library.getPath().str() + "@" + library.getVersion().str();
  // The import this file serves: a module at its version, or the one
  // package of a standard-library surface, which Mochi imports by its path
  // alone.
  std::string imported = rootPath != library.getPath() ? rootPath.str() : from;
  std::string externsFile = alias + ".mochi";
  std::string bindingsName = alias + ".bindings.yaml";

  os << "//--- " << externsFile << "\n";
  os << fmt::format("// Code generated by mochi-go from {}. DO NOT EDIT.\n",
                    from);
  os << fmt::format("// import go \"{}\" as {}\n", imported, alias);
  os << fmt::format("// C symbols: {} (library lib{}.a, header {}.h).\n",
                    bindingsName, library.getPrefix().str(),
                    library.getPrefix().str());
  printSection(os, types);
  printSection(os, vars);
  printSection(os, funs);
  printSection(os, runtime, "The handle pool: one release per handle type.");

  os << "//--- " << bindingsName << "\n";
  os << bindingsFile(externsFile, imported);
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
  std::string problem = mochi::aliasProblem(alias);
  if (!problem.empty())
    return library.emitError("the Mochi alias '")
           << alias << "' " << problem
           << "; use --mochi-alias=" << mochi::fixAlias(alias);
  Library lib;
  if (failed(loadLibrary(module, lib)))
    return failure();
  return ExternPrinter(lib, rootPath, alias).print(os);
}
