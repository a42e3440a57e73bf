//===- Bindings.cpp - the C bindings of a generated extern file -----------===//
//
// Part of mochi-go. A strict reader of `<alias>.bindings.yaml`
// (docs/MochiExterns.md).
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Mochi/Bindings.h"
#include "mochi-go/Yaml/Yaml.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/Twine.h"

using namespace mochigo;
using namespace mochigo::mochi;
using llvm::StringRef;

namespace {

/// Walks the document and records the first error with its path.
class Reader {
public:
  explicit Reader(StringRef fileName) : fileName(fileName.str()) {}

  bool failed() const { return !error.empty(); }
  llvm::Error takeError() {
    return llvm::createStringError(fileName + ": " + error);
  }

  void fail(const std::string &where, const llvm::Twine &what) {
    if (error.empty())
      error = where + ": " + what.str();
  }

  /// Every key of `map` is one of `allowed`.
  void onlyKeys(const yaml::Value &map, const std::string &where,
                std::initializer_list<StringRef> allowed) {
    for (const auto &[key, value] : map.entries())
      if (!llvm::is_contained(allowed, StringRef(key)))
        fail(where + "." + key, "unknown key");
  }

  const yaml::Value *need(const yaml::Value &map, const std::string &where,
                          StringRef key, yaml::Value::Kind kind) {
    const yaml::Value *v = map.get(key.str());
    std::string at = where.empty() ? key.str() : where + "." + key.str();
    if (!v) {
      fail(at, "missing");
      return nullptr;
    }
    if (v->kind() != kind &&
        !(kind == yaml::Value::Kind::Sequence && isEmptyFlow(*v))) {
      static const char *const names[] = {"null", "a scalar", "a sequence",
                                          "a map"};
      fail(at, llvm::Twine("expected ") + names[int(kind)]);
      return nullptr;
    }
    return v;
  }

  std::string str(const yaml::Value &map, const std::string &where,
                  StringRef key, bool required = true) {
    if (!required && !map.get(key.str()))
      return "";
    const yaml::Value *v = need(map, where, key, yaml::Value::Kind::Scalar);
    return v ? v->text() : "";
  }

  /// A non-empty scalar.
  std::string nonEmpty(const yaml::Value &map, const std::string &where,
                       StringRef key) {
    std::string s = str(map, where, key);
    if (!failed() && s.empty())
      fail(where.empty() ? key.str() : where + "." + key.str(), "empty");
    return s;
  }

  bool boolean(const yaml::Value &map, const std::string &where,
               StringRef key) {
    const yaml::Value *v = need(map, where, key, yaml::Value::Kind::Scalar);
    if (!v)
      return false;
    if (v->isString() || (v->text() != "true" && v->text() != "false")) {
      fail(where + "." + key.str(), "expected true or false");
      return false;
    }
    return v->text() == "true";
  }

  /// `[]` written in flow style reads as an empty sequence; so does an
  /// absent value read as null after a bare `key:`.
  static bool isEmptyFlow(const yaml::Value &v) {
    return v.kind() == yaml::Value::Kind::Null;
  }

  std::vector<BoundValue> values(const yaml::Value &map,
                                 const std::string &where, StringRef key,
                                 bool fields) {
    std::vector<BoundValue> out;
    const yaml::Value *seq = need(map, where, key, yaml::Value::Kind::Sequence);
    if (!seq)
      return out;
    for (auto [i, v] : llvm::enumerate(seq->items())) {
      std::string at = where + "." + key.str() + "[" + std::to_string(i) + "]";
      if (!v.isMap()) {
        fail(at, "expected a map");
        return out;
      }
      if (fields)
        onlyKeys(v, at, {"name", "type", "c-type", "free", "c-name"});
      else
        onlyKeys(v, at, {"name", "type", "c-type", "free"});
      BoundValue b;
      b.name = nonEmpty(v, at, "name");
      b.type = nonEmpty(v, at, "type");
      b.cType = nonEmpty(v, at, "c-type");
      b.free = str(v, at, "free", /*required=*/false);
      if (fields)
        b.cName = nonEmpty(v, at, "c-name");
      out.push_back(std::move(b));
    }
    return out;
  }

  const yaml::Value *seq(const yaml::Value &doc, StringRef key) {
    return need(doc, "", key, yaml::Value::Kind::Sequence);
  }

private:
  std::string fileName;
  std::string error;
};

} // namespace

llvm::Expected<Bindings> mochi::parseBindings(StringRef text,
                                              StringRef fileName) {
  yaml::Value doc;
  std::string parseError;
  if (!yaml::parse(text.str(), doc, parseError))
    return llvm::createStringError(fileName + ":" + parseError);
  Reader r(fileName);
  if (!doc.isMap())
    return llvm::createStringError(fileName + ": expected a map at the top");
  r.onlyKeys(
      doc, "",
      {"schema", "externs", "import", "library", "types", "vars", "funs"});
  std::string schema = r.str(doc, "", "schema");
  if (!r.failed() && schema != kBindingsSchema)
    r.fail("schema", "'" + schema + "' is not " + kBindingsSchema.str());

  Bindings b;
  b.externs = r.nonEmpty(doc, "", "externs");
  if (const yaml::Value *imp =
          r.need(doc, "", "import", yaml::Value::Kind::Map)) {
    r.onlyKeys(*imp, "import", {"path", "version", "alias"});
    b.importPath = r.nonEmpty(*imp, "import", "path");
    b.importVersion = r.str(*imp, "import", "version");
    b.alias = r.nonEmpty(*imp, "import", "alias");
  }
  if (const yaml::Value *lib =
          r.need(doc, "", "library", yaml::Value::Kind::Map)) {
    r.onlyKeys(*lib, "library",
               {"prefix", "archive", "header", "module", "version"});
    b.prefix = r.nonEmpty(*lib, "library", "prefix");
    b.archive = r.nonEmpty(*lib, "library", "archive");
    b.header = r.nonEmpty(*lib, "library", "header");
    b.module = r.nonEmpty(*lib, "library", "module");
    b.version = r.nonEmpty(*lib, "library", "version");
  }
  if (r.failed())
    return r.takeError();

  llvm::StringSet<> names;
  auto claim = [&](const std::string &at, const std::string &name) {
    if (!names.insert(name).second)
      r.fail(at, "the Mochi name '" + name + "' is bound twice");
  };
  // Calls fn(entry, "key[i]") for each entry of the sequence `key`, every
  // one of which must be a map.
  auto eachEntry = [&](StringRef key, auto fn) {
    const yaml::Value *seq = r.seq(doc, key);
    if (!seq)
      return;
    for (auto [i, e] : llvm::enumerate(seq->items())) {
      std::string at = key.str() + "[" + std::to_string(i) + "]";
      if (!e.isMap())
        return r.fail(at, "expected a map");
      fn(e, at);
    }
  };
  auto symbol = [&](const std::string &at, const std::string &sym) {
    if (!sym.empty() && !StringRef(sym).starts_with(b.prefix + "_"))
      r.fail(at, "the C symbol '" + sym + "' does not start with '" + b.prefix +
                     "_'");
  };

  eachEntry("types", [&](const yaml::Value &t, const std::string &at) {
    BoundType bt;
    bt.mochi = r.nonEmpty(t, at, "mochi");
    bt.kind = r.nonEmpty(t, at, "kind");
    bt.cType = r.nonEmpty(t, at, "c-type");
    bt.go = r.nonEmpty(t, at, "go");
    if (bt.kind == "record") {
      r.onlyKeys(t, at, {"mochi", "kind", "c-type", "free", "go", "fields"});
      bt.free = r.str(t, at, "free", /*required=*/false);
      bt.fields = r.values(t, at, "fields", /*fields=*/true);
    } else if (bt.kind == "handle") {
      r.onlyKeys(t, at, {"mochi", "kind", "c-type", "go"});
    } else if (!r.failed()) {
      r.fail(at + ".kind", "'" + bt.kind + "' is not handle or record");
    }
    claim(at + ".mochi", bt.mochi);
    symbol(at + ".c-type", bt.cType);
    b.types.push_back(std::move(bt));
  });
  eachEntry("vars", [&](const yaml::Value &v, const std::string &at) {
    r.onlyKeys(v, at,
               {"mochi", "type", "c-type", "free", "get", "set", "const"});
    BoundVar bv;
    bv.mochi = r.nonEmpty(v, at, "mochi");
    bv.type = r.nonEmpty(v, at, "type");
    bv.cType = r.nonEmpty(v, at, "c-type");
    bv.free = r.str(v, at, "free", /*required=*/false);
    bv.get = r.str(v, at, "get", /*required=*/false);
    bv.set = r.str(v, at, "set", /*required=*/false);
    bv.isConst = r.boolean(v, at, "const");
    if (!r.failed() && bv.get.empty() && bv.set.empty())
      r.fail(at, "neither get nor set");
    if (!r.failed() && bv.isConst && !bv.set.empty())
      r.fail(at, "a constant with a setter");
    claim(at + ".mochi", bv.mochi);
    symbol(at + ".get", bv.get);
    symbol(at + ".set", bv.set);
    b.vars.push_back(std::move(bv));
  });
  eachEntry("funs", [&](const yaml::Value &f, const std::string &at) {
    r.onlyKeys(
        f, at,
        {"mochi", "c", "kind", "go", "params", "results", "error", "variadic"});
    BoundFun bf;
    bf.mochi = r.nonEmpty(f, at, "mochi");
    bf.c = r.nonEmpty(f, at, "c");
    bf.kind = r.nonEmpty(f, at, "kind");
    bool runtime = bf.kind == "release" || bf.kind == "live";
    bf.go = runtime ? r.str(f, at, "go", /*required=*/false)
                    : r.nonEmpty(f, at, "go");
    bf.params = r.values(f, at, "params", /*fields=*/false);
    bf.results = r.values(f, at, "results", /*fields=*/false);
    bf.error = r.boolean(f, at, "error");
    bf.variadic = r.boolean(f, at, "variadic");
    claim(at + ".mochi", bf.mochi);
    symbol(at + ".c", bf.c);
    b.funs.push_back(std::move(bf));
  });
  if (r.failed())
    return r.takeError();
  return b;
}

std::string mochi::boundResultType(const BoundFun &f) {
  std::string result;
  if (f.results.size() == 1) {
    result = f.results[0].type;
  } else if (f.results.size() > 1) {
    result = "{";
    for (size_t i = 0; i < f.results.size(); ++i)
      result += (i ? ", " : "") + f.results[i].name + ": " + f.results[i].type;
    result += "}";
  }
  if (f.error)
    result = "Result<" + (result.empty() ? std::string("unit") : result) +
             ", string>";
  return result;
}

std::vector<Diagnostic> mochi::checkBindings(const DeclFile &file,
                                             const Bindings &b) {
  std::vector<Diagnostic> diags;
  auto error = [&](Loc at, const std::string &msg) {
    diags.push_back(Diagnostic{Diagnostic::Severity::Error, at, msg});
  };
  llvm::StringMap<const BoundType *> types;
  llvm::StringMap<const BoundVar *> vars;
  llvm::StringMap<const BoundFun *> funs;
  for (const BoundType &t : b.types)
    types[t.mochi] = &t;
  for (const BoundVar &v : b.vars)
    vars[v.mochi] = &v;
  for (const BoundFun &f : b.funs)
    funs[f.mochi] = &f;
  llvm::StringSet<> seen;

  auto sameValues = [&](const Decl &d, const std::vector<BoundValue> &bound,
                        StringRef what) {
    if (d.fields.size() != bound.size()) {
      error(d.nameLoc, "'" + d.name + "' has " +
                           std::to_string(d.fields.size()) + " " + what.str() +
                           ", its binding " + std::to_string(bound.size()));
      return;
    }
    for (size_t i = 0; i < bound.size(); ++i)
      if (d.fields[i].name != bound[i].name ||
          d.fields[i].type != bound[i].type)
        error(d.fields[i].loc, "'" + d.fields[i].name + ": " +
                                   d.fields[i].type + "' of '" + d.name +
                                   "' is bound as '" + bound[i].name + ": " +
                                   bound[i].type + "'");
  };

  for (const Decl &d : file.decls) {
    switch (d.kind) {
    case Decl::Kind::ExternType:
    case Decl::Kind::TypeRecord:
    case Decl::Kind::TypeAlias: {
      const BoundType *t = types.lookup(d.name);
      StringRef want = d.kind == Decl::Kind::ExternType ? "handle" : "record";
      if (!t || t->kind != want) {
        error(d.nameLoc, "the type '" + d.name + "' has no " + want.str() +
                             " entry in " + b.externs + "'s bindings");
        break;
      }
      seen.insert(d.name);
      if (d.kind == Decl::Kind::TypeRecord)
        sameValues(d, t->fields, "fields");
      else if (d.kind == Decl::Kind::TypeAlias &&
               (d.type != "{}" || !t->fields.empty()))
        error(d.nameLoc, "the record '" + d.name +
                             "' is declared as an alias of '" + d.type + "'");
      break;
    }
    case Decl::Kind::ExternVar: {
      const BoundVar *v = vars.lookup(d.name);
      if (!v) {
        error(d.nameLoc, "the var '" + d.name + "' has no binding");
        break;
      }
      seen.insert(d.name);
      if (v->type != d.type)
        error(d.nameLoc, "the var '" + d.name + "' has type '" + d.type +
                             "', its binding '" + v->type + "'");
      break;
    }
    case Decl::Kind::ExternFun: {
      const BoundFun *f = funs.lookup(d.name);
      if (!f) {
        error(d.nameLoc, "the fun '" + d.name + "' has no binding");
        break;
      }
      seen.insert(d.name);
      sameValues(d, f->params, "parameters");
      std::string result = boundResultType(*f);
      if (result != d.type)
        error(d.nameLoc, "the fun '" + d.name + "' returns '" + d.type +
                             "', its binding '" + result + "'");
      break;
    }
    default:
      error(d.loc, "a generated extern file has only extern and type "
                   "declarations, not a " +
                       declKindName(d.kind).str());
      break;
    }
  }
  Loc top{1, 1};
  for (const BoundType &t : b.types)
    if (!seen.contains(t.mochi))
      error(top, "the binding of type '" + t.mochi + "' has no declaration");
  for (const BoundVar &v : b.vars)
    if (!seen.contains(v.mochi))
      error(top, "the binding of var '" + v.mochi + "' has no declaration");
  for (const BoundFun &f : b.funs)
    if (!seen.contains(f.mochi))
      error(top, "the binding of fun '" + f.mochi + "' has no declaration");
  return diags;
}
