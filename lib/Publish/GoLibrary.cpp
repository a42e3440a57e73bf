//===- GoLibrary.cpp - The Go library module of a Mochi package -----------===//
//
// Part of mochi-go. Prints, from checked IR (the `go.module` marked
// `mochi.publish = "api"`), the generated files of the published module and
// of the consumer that gates it (docs/Publish.md, "Files").
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Publish/Publish.h"

#include "CFace.h"
#include "GoSource.h"

#include "mochi-go/CAbi/CAbiDialect.h"

#include "mochi-go/GoSurface/GoSurfaceDialect.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <fmt/format.h>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;
using namespace mochigo::publish;
using llvm::StringRef;

namespace {

std::string attr(Operation *op, StringRef name) {
  if (auto a = op->getAttrOfType<StringAttr>(name))
    return a.getValue().str();
  return "";
}

/// `text` as `//` comment lines (empty lines as `//`).
std::string comment(StringRef text) {
  std::string out;
  llvm::SmallVector<StringRef> lines;
  text.split(lines, '\n');
  for (StringRef l : lines)
    out += l.empty() ? "//\n" : fmt::format("// {}\n", l.str());
  return out;
}

std::string paramName(StringRef n) {
  if (isGoKeyword(n) || n == "impl" || n == "_")
    return n.str() + "_";
  return n.str();
}

struct Api {
  GoModuleOp mod;
  PackageOp pkg;
  std::string path, version, name, goVersion;
};

LogicalResult findApi(ModuleOp top, Api &api) {
  api.mod = findRole(top, "api");
  if (!api.mod)
    return top.emitError() << "no go.module marked " << kRoleAttr
                           << " = \"api\"";
  api.pkg = rootPackage(api.mod);
  if (!api.pkg)
    return api.mod.emitError() << "the API module has no root package";
  api.path = api.mod.getSymName().str();
  api.version = api.mod.getVersion().str();
  api.name = api.pkg.getName().str();
  api.goVersion = api.mod.getGoVersion().value_or("1.22").str();
  return success();
}

/// The records of the API (named struct types of its package), which api.go
/// declares as its own types and copies to and from the implementation's at
/// every call, so that a consumer names them in the published package
/// (the implementation is internal: no one outside can name its types).
struct Records {
  std::string path;
  llvm::StringSet<> names;
  /// Whether a conversion helper (convSlice, convMap, convPtr) was used.
  bool usedSlice = false, usedMap = false, usedPtr = false;

  bool isRecord(Type t) const {
    auto n = dyn_cast<NamedType>(t);
    return n && n.getPkg() == path && names.contains(n.getName());
  }
  /// Does a value of `t` hold a record anywhere?
  bool carries(Type t) const {
    bool found = false;
    t.walk([&](Type inner) { found |= isRecord(inner); });
    return found;
  }
  /// `t` as the API spells it (`impl` false) or the implementation does.
  std::string spell(Type t, bool impl) const {
    return goType(t, path, impl ? "impl" : "");
  }
  /// A Go function value converting a value of `t` (which carries a record)
  /// to the implementation's type (`toImpl`) or back; "" when it cannot.
  std::string fn(Type t, bool toImpl) {
    if (isRecord(t))
      return (toImpl ? "toImpl" : "fromImpl") +
             cast<NamedType>(t).getName().str();
    std::string body = expr(t, "v", toImpl);
    if (body.empty())
      return "";
    return fmt::format("func(v {}) {} {{ return {} }}", spell(t, !toImpl),
                       spell(t, toImpl), body);
  }
  /// Go source converting `e`, a value of `t`; "" when it cannot (a func
  /// type that carries a record).
  std::string expr(Type t, StringRef e, bool toImpl) {
    if (!carries(t))
      return e.str();
    if (isRecord(t))
      return fn(t, toImpl) + "(" + e.str() + ")";
    Type elem;
    const char *helper = nullptr;
    if (auto s = dyn_cast<SliceType>(t)) {
      elem = s.getElem(), helper = "convSlice", usedSlice = true;
    } else if (auto m = dyn_cast<MapType>(t)) {
      elem = m.getElem(), helper = "convMap", usedMap = true;
    } else if (auto p = dyn_cast<PointerType>(t)) {
      elem = p.getElem(), helper = "convPtr", usedPtr = true;
    } else {
      return "";
    }
    std::string f = fn(elem, toImpl);
    return f.empty() ? "" : fmt::format("{}({}, {})", helper, e.str(), f);
  }
};

constexpr const char *kConvSlice = R"(
func convSlice[A, B any](xs []A, f func(A) B) []B {
	if xs == nil {
		return nil
	}
	out := make([]B, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}
)";

constexpr const char *kConvMap = R"(
func convMap[K comparable, A, B any](m map[K]A, f func(A) B) map[K]B {
	if m == nil {
		return nil
	}
	out := make(map[K]B, len(m))
	for k, v := range m {
		out[k] = f(v)
	}
	return out
}
)";

constexpr const char *kConvPtr = R"(
func convPtr[A, B any](p *A, f func(A) B) *B {
	if p == nil {
		return nil
	}
	v := f(*p)
	return &v
}
)";

} // namespace

LogicalResult publish::emitGoLibraryFiles(ModuleOp top,
                                          std::vector<OutFile> &files) {
  Api api;
  if (failed(findApi(top, api)))
    return failure();
  std::string license = attr(api.mod, kLicenseAttr);
  std::string description = attr(api.mod, kDescriptionAttr);

  // go.mod
  std::string gomod =
      fmt::format("module {}\n\ngo {}\n", api.path, api.goVersion);
  std::vector<std::string> reqs;
  if (auto r = api.mod->getAttrOfType<ArrayAttr>(kRequiresAttr))
    for (Attribute a : r)
      reqs.push_back(cast<StringAttr>(a).getValue().str());
  llvm::sort(reqs);
  if (!reqs.empty()) {
    gomod += "\nrequire (\n";
    for (const std::string &r : reqs)
      gomod += "\t" + r + "\n";
    gomod += ")\n";
  }

  // doc.go
  std::string doc =
      fmt::format("// Package {} is the Go face of the Mochi package {} {}.\n",
                  api.name, api.name, api.version);
  if (!description.empty())
    doc += "//\n" + comment(description);
  doc += "//\n// It was published by mochi-go publish: the functions below "
         "call the Go code\n// of the Mochi compiler's Go back end, kept in "
         "internal/impl. Records are\n// types of this package, copied to "
         "and from the implementation's at each call.\n";
  doc += fmt::format("package {}\n", api.name);

  // api.go
  std::string code = fmt::format(
      "// Code generated by mochi-go publish from the Mochi package {}; DO "
      "NOT EDIT.\n\npackage {}\n\nimport impl \"{}/{}\"\n",
      api.name, api.name, api.path, kImplDir.str());
  std::string table;
  Records records;
  records.path = api.path;
  for (auto ty : api.pkg.getBodyBlock().getOps<TypeOp>())
    if (ty.getForm() == TypeForm::Struct)
      records.names.insert(ty.getSymName());
  std::string converters;
  for (Operation &op : api.pkg.getBodyBlock()) {
    if (auto ty = dyn_cast<TypeOp>(op)) {
      std::string name = ty.getSymName().str();
      code += "\n";
      if (ty.getDoc())
        code += comment(*ty.getDoc()) + "//\n";
      code += fmt::format("// Mochi: type {}\n", attr(ty, kMochiNameAttr));
      table += fmt::format("| `type {}` | `type {}` |\n", name,
                           attr(ty, kMochiNameAttr));
      if (!records.names.contains(name)) {
        code += fmt::format("type {} = impl.{}\n", name, name);
        continue;
      }
      // The record as a type of this package, and its copies.
      std::string fields, to, from;
      // gofmt aligns the types of a struct's fields in one column.
      size_t width = 0;
      for (auto f : ty.getBody().getOps<FieldOp>())
        width = std::max(width, f.getName().size());
      for (auto f : ty.getBody().getOps<FieldOp>()) {
        std::string fname = f.getName().str();
        fields += fmt::format("\t{:<{}} {}\n", fname, width,
                              records.spell(f.getType(), false));
        std::string t = records.expr(f.getType(), "v." + fname, true);
        std::string b = records.expr(f.getType(), "v." + fname, false);
        if (t.empty() || b.empty())
          return f.emitError("a field whose function type carries a record "
                             "does not cross yet");
        to += fmt::format("{}: {}, ", fname, t);
        from += fmt::format("{}: {}, ", fname, b);
      }
      code += fmt::format("type {} struct {{\n{}}}\n", name, fields);
      auto trim = [](std::string x) {
        return x.empty() ? x : x.substr(0, x.size() - 2);
      };
      converters += fmt::format(
          "\nfunc toImpl{0}(v {0}) impl.{0} {{\n\treturn impl.{0}{{{1}}}\n}}\n"
          "\nfunc fromImpl{0}(v impl.{0}) {0} {{\n\treturn {0}{{{2}}}\n}}\n",
          name, trim(to), trim(from));
      continue;
    }
    auto fn = dyn_cast<FuncOp>(op);
    if (!fn)
      continue;
    std::string name = fn.getSymName().str();
    FuncType sig = fn.getSignature();
    std::vector<std::string> params, args;
    for (auto [i, t] : llvm::enumerate(sig.getInputs())) {
      std::string p =
          paramName(cast<StringAttr>(fn.getArgNames()[i]).getValue());
      params.push_back(p + " " + goType(t, api.path));
      std::string arg = records.expr(t, p, /*toImpl=*/true);
      if (arg.empty())
        return fn.emitError("a parameter whose function type carries a "
                            "record does not cross yet");
      args.push_back(arg);
    }
    std::string results;
    if (sig.getResults().size() == 1)
      results = " " + goType(sig.getResults()[0], api.path);
    else if (!sig.getResults().empty()) {
      std::vector<std::string> rs;
      for (Type t : sig.getResults())
        rs.push_back(goType(t, api.path));
      results = " (" + llvm::join(rs, ", ") + ")";
    }
    // The call; results that carry a record are copied back.
    std::string call = fmt::format("impl.{}({})", name, llvm::join(args, ", "));
    std::string body;
    if (sig.getResults().empty()) {
      body = "\t" + call + "\n";
    } else if (!llvm::any_of(sig.getResults(),
                             [&](Type t) { return records.carries(t); })) {
      body = "\treturn " + call + "\n";
    } else {
      std::vector<std::string> locals, outs;
      for (auto [i, t] : llvm::enumerate(sig.getResults())) {
        std::string r = fmt::format("r{}", i);
        std::string out = records.expr(t, r, /*toImpl=*/false);
        if (out.empty())
          return fn.emitError("a result whose function type carries a "
                              "record does not cross yet");
        locals.push_back(r);
        outs.push_back(out);
      }
      body = fmt::format("\t{} := {}\n\treturn {}\n", llvm::join(locals, ", "),
                         call, llvm::join(outs, ", "));
    }
    std::string mochiSig = attr(fn, kMochiSigAttr);
    code += "\n";
    if (fn.getDoc())
      code += comment(*fn.getDoc()) + "//\n";
    code += fmt::format("// Mochi: export fun {}\n", mochiSig);
    code += fmt::format("func {}({}){} {{\n{}}}\n", name,
                        llvm::join(params, ", "), results, body);
    table += fmt::format("| `func {}{}` | `export fun {}` |\n", name,
                         goSignature(sig, api.path), mochiSig);
  }
  if (!converters.empty())
    code += "\n// Copies of the records between this package and the "
            "implementation.\n" +
            converters;
  if (records.usedSlice)
    code += kConvSlice;
  if (records.usedMap)
    code += kConvMap;
  if (records.usedPtr)
    code += kConvPtr;

  // README.md
  std::string readme = fmt::format("# {}\n\n", api.path);
  if (!description.empty())
    readme += description + "\n\n";
  readme += fmt::format(
      "Go module published from the Mochi package `{}` {} by `mochi-go "
      "publish`.\n\n```go\nimport \"{}\"\n```\n\n## API\n\n| Go | Mochi "
      "|\n|---|---|\n{}",
      api.name, api.version, api.path, table);
  if (!license.empty())
    readme += fmt::format("\n## License\n\n{} (SPDX), see LICENSE.\n", license);

  files.clear();
  files.push_back({"README.md", readme});
  files.push_back({"api.go", code});
  files.push_back({"doc.go", doc});
  files.push_back({"go.mod", gomod});
  if (!license.empty())
    files.push_back(
        {"LICENSE", fmt::format("SPDX-License-Identifier: {}\n", license)});
  llvm::sort(files, [](const OutFile &a, const OutFile &b) {
    return a.name < b.name;
  });
  return success();
}

LogicalResult publish::emitGoLibrary(ModuleOp top, llvm::raw_ostream &os) {
  std::vector<OutFile> files;
  if (failed(emitGoLibraryFiles(top, files)))
    return failure();
  for (const OutFile &f : files)
    os << "// --- " << f.name << "\n" << f.text;
  return success();
}

/// A value of `t` for the consumer to pass: the zero value, except that a
/// function is a non-nil literal returning zero values.
static std::string argValue(Type t, StringRef local, StringRef q) {
  auto fn = dyn_cast<FuncType>(t);
  if (!fn)
    return "";
  std::vector<std::string> params, zeros;
  for (auto [i, in] : llvm::enumerate(fn.getInputs()))
    params.push_back(fmt::format("_ {}", goType(in, local, q)));
  std::string body;
  for (auto [i, out] : llvm::enumerate(fn.getResults())) {
    body += fmt::format("\t\t\tvar z{} {}\n", i, goType(out, local, q));
    zeros.push_back(fmt::format("z{}", i));
  }
  std::string results;
  if (fn.getResults().size() == 1)
    results = " " + goType(fn.getResults()[0], local, q);
  else if (!fn.getResults().empty()) {
    std::vector<std::string> rs;
    for (Type r : fn.getResults())
      rs.push_back(goType(r, local, q));
    results = " (" + llvm::join(rs, ", ") + ")";
  }
  if (!zeros.empty())
    body += "\t\t\treturn " + llvm::join(zeros, ", ") + "\n";
  return fmt::format("func({}){} {{\n{}\t\t}}", llvm::join(params, ", "),
                     results, body);
}

LogicalResult publish::emitConsumer(ModuleOp top, StringRef publishedDir,
                                    std::vector<OutFile> &files) {
  Api api;
  if (failed(findApi(top, api)))
    return failure();
  std::string q = api.name;
  files.clear();
  files.push_back(
      {"go.mod",
       fmt::format("module mochipublish.test/consumer\n\ngo {}\n\nrequire {} "
                   "{}\n\nreplace {} => {}\n",
                   api.goVersion, api.path, api.version, api.path,
                   publishedDir.str())});
  std::string main = fmt::format(
      "// Code generated by mochi-go publish: a consumer that calls every "
      "exported function of {}.\n\npackage main\n\nimport (\n\t\"fmt\"\n\t"
      "\"reflect\"\n\n\t{} \"{}\"\n)\n\n",
      api.path, q, api.path);
  main += "func show(v any) string {\n"
          "\tif err, ok := v.(error); ok {\n"
          "\t\treturn \"error(\" + err.Error() + \")\"\n"
          "\t}\n"
          "\trv := reflect.ValueOf(v)\n"
          "\tswitch {\n"
          "\tcase !rv.IsValid():\n"
          "\t\treturn \"nil\"\n"
          "\tcase rv.Kind() == reflect.Func:\n"
          "\t\treturn \"func\"\n"
          "\tcase rv.Kind() == reflect.Pointer && rv.IsNil():\n"
          "\t\treturn \"nil\"\n"
          "\tcase rv.Kind() == reflect.Pointer:\n"
          "\t\treturn \"&\" + show(rv.Elem().Interface())\n"
          "\t}\n"
          "\treturn fmt.Sprintf(\"%+v\", v)\n"
          "}\n\nfunc main() {\n";
  for (auto fn : api.pkg.getBodyBlock().getOps<FuncOp>()) {
    FuncType sig = fn.getSignature();
    main += "\t{\n";
    std::vector<std::string> args, rs;
    for (auto [i, t] : llvm::enumerate(sig.getInputs())) {
      std::string lit = argValue(t, api.path, q);
      if (lit.empty())
        main += fmt::format("\t\tvar a{} {}\n", i, goType(t, api.path, q));
      else
        main += fmt::format("\t\ta{} := {}\n", i, lit);
      args.push_back(fmt::format("a{}", i));
    }
    for (size_t i = 0; i < sig.getResults().size(); ++i)
      rs.push_back(fmt::format("r{}", i));
    std::string call = fmt::format("{}.{}({})", q, fn.getSymName().str(),
                                   llvm::join(args, ", "));
    if (rs.empty()) {
      main += fmt::format("\t\t{}\n\t\tfmt.Println(\"{}:\", \"done\")\n", call,
                          fn.getSymName().str());
    } else {
      std::vector<std::string> shows;
      for (const std::string &r : rs)
        shows.push_back("show(" + r + ")");
      main += fmt::format("\t\t{} := {}\n\t\tfmt.Println(\"{}:\", {})\n",
                          llvm::join(rs, ", "), call, fn.getSymName().str(),
                          llvm::join(shows, ", "));
    }
    main += "\t}\n";
  }
  main += "}\n";
  files.push_back({"main.go", main});
  return success();
}

void publish::registerPublishTranslations() {
  static TranslateFromMLIRRegistration goLibrary(
      "emit-go-library",
      "print the generated files of a published Go module (split-file form)",
      [](Operation *op, llvm::raw_ostream &os) {
        return emitGoLibrary(cast<ModuleOp>(op), os);
      },
      [](DialectRegistry &registry) { registry.insert<GoSurfaceDialect>(); });
  static TranslateFromMLIRRegistration cProgram(
      "emit-publish-c-program",
      "print the C program of the c-program gate of `mochi-go publish "
      "--c-header` from the cabi.library of a published module",
      [](Operation *op, llvm::raw_ostream &os) {
        std::string text;
        if (failed(emitCProgram(cast<ModuleOp>(op), text)))
          return failure();
        os << text;
        return success();
      },
      [](DialectRegistry &registry) {
        registry.insert<GoSurfaceDialect, cabi::CAbiDialect>();
      });
}
