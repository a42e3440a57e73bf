//===- ApiSurfaceImporter.cpp - ApiSurface JSON to GoSurface --------------===//
//
// Part of mochi-go. The reader of the contract between the Go ingest helper
// and the C++ pipeline (docs/ApiSurface.md). It is strict: any key of the
// wrong JSON type, an unknown kind, or a named type that is declared nowhere
// is an error at its position in the JSON text, and no module is returned.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Ingest/ApiSurfaceImporter.h"
#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"
#include "mochi-go/Ingest/JsonLocator.h"
#include "mochi-go/Ingest/StdSurface.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/SourceMgr.h"

#include <cstdio>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;
using namespace mochigo::ingest;
namespace json = llvm::json;

namespace {

/// Decode a Go string literal (interpreted "..." or raw `...`) into its
/// bytes. Returns false on a malformed literal.
bool unquoteGoString(llvm::StringRef lit, std::string &out) {
  out.clear();
  if (lit.size() < 2)
    return false;
  char q = lit.front();
  if (lit.back() != q || (q != '"' && q != '`'))
    return false;
  llvm::StringRef body = lit.drop_front().drop_back();
  if (q == '`') {
    for (char c : body)
      if (c != '\r')
        out.push_back(c);
    return true;
  }
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9')
      return c - '0';
    if (c >= 'a' && c <= 'f')
      return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
      return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '"' || c == '\n')
      return false;
    if (c != '\\') {
      out.push_back(c);
      continue;
    }
    if (++i >= body.size())
      return false;
    char e = body[i];
    switch (e) {
    case 'a': out.push_back('\a'); continue;
    case 'b': out.push_back('\b'); continue;
    case 'f': out.push_back('\f'); continue;
    case 'n': out.push_back('\n'); continue;
    case 'r': out.push_back('\r'); continue;
    case 't': out.push_back('\t'); continue;
    case 'v': out.push_back('\v'); continue;
    case '\\': out.push_back('\\'); continue;
    case '"': out.push_back('"'); continue;
    case '\'': return false; // only valid in rune literals
    case 'x': {
      if (i + 2 >= body.size())
        return false;
      int hi = hex(body[i + 1]), lo = hex(body[i + 2]);
      if (hi < 0 || lo < 0)
        return false;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
      continue;
    }
    case 'u':
    case 'U': {
      size_t n = e == 'u' ? 4 : 8;
      if (i + n >= body.size())
        return false;
      uint32_t cp = 0;
      for (size_t k = 1; k <= n; ++k) {
        int d = hex(body[i + k]);
        if (d < 0)
          return false;
        cp = cp * 16 + d;
      }
      i += n;
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return false;
      char buf[UNI_MAX_UTF8_BYTES_PER_CODE_POINT];
      char *ptr = buf;
      if (!llvm::ConvertCodePointToUTF8(cp, ptr))
        return false;
      out.append(buf, ptr);
      continue;
    }
    default:
      if (e >= '0' && e <= '7') {
        if (i + 2 >= body.size())
          return false;
        int v = 0;
        for (size_t k = 0; k < 3; ++k) {
          char d = body[i + k];
          if (d < '0' || d > '7')
            return false;
          v = v * 8 + (d - '0');
        }
        if (v > 255)
          return false;
        out.push_back(static_cast<char>(v));
        i += 2;
        continue;
      }
      return false;
    }
  }
  return true;
}

class Importer {
public:
  Importer(llvm::SourceMgr &sourceMgr, MLIRContext *ctx)
      : sourceMgr(sourceMgr), ctx(ctx), builder(ctx) {
    const llvm::MemoryBuffer *buffer =
        sourceMgr.getMemoryBuffer(sourceMgr.getMainFileID());
    text = buffer->getBuffer();
    bufferName = buffer->getBufferIdentifier().str();
  }

  OwningOpRef<ModuleOp> run();

private:
  //===--------------------------------------------------------------------===//
  // Positions and diagnostics
  //===--------------------------------------------------------------------===//

  /// Push a path element for the lifetime of the scope.
  struct PathScope {
    PathScope(Importer &imp, JsonPathElem elem) : imp(imp) {
      imp.path.push_back(std::move(elem));
    }
    ~PathScope() { imp.path.pop_back(); }
    Importer &imp;
  };

  Location locAtOffset(size_t offset) {
    SMLoc sm = SMLoc::getFromPointer(text.data() + offset);
    auto lc = sourceMgr.getLineAndColumn(sm, sourceMgr.getMainFileID());
    return FileLineColLoc::get(ctx, bufferName, lc.first, lc.second);
  }

  /// The location of the value at the current path.
  Location jsonLoc() {
    JsonLocator locator(text);
    return locAtOffset(locator.find(path).value_or(0));
  }

  InFlightDiagnostic error() {
    InFlightDiagnostic diag = emitError(jsonLoc());
    diag << "ApiSurface " << JsonLocator::render(path) << ": ";
    return diag;
  }

  /// The location of a declaration: its Go source position, as
  /// `<module>@<version>/<file>:line:col`.
  Location goLoc(const json::Object &obj) {
    const json::Object *pos = obj.getObject("pos");
    if (!pos)
      return UnknownLoc::get(ctx);
    std::optional<llvm::StringRef> file = pos->getString("file");
    std::optional<int64_t> line = pos->getInteger("line");
    std::optional<int64_t> col = pos->getInteger("col");
    if (!file || !line || !col)
      return UnknownLoc::get(ctx);
    return FileLineColLoc::get(ctx, modulePrefix + file->str(),
                               static_cast<unsigned>(*line),
                               static_cast<unsigned>(*col));
  }

  //===--------------------------------------------------------------------===//
  // Typed access to JSON values; each reports its own errors.
  //===--------------------------------------------------------------------===//

  const json::Object *asObject(const json::Value &v) {
    if (const json::Object *o = v.getAsObject())
      return o;
    error() << "expected an object";
    return nullptr;
  }

  /// A required or optional key of a given JSON type.
  const json::Value *member(const json::Object &o, llvm::StringRef key,
                            bool required) {
    const json::Value *v = o.get(key);
    if (!v && required) {
      error() << "missing required key '" << key << "'";
      return nullptr;
    }
    return v;
  }

  LogicalResult getString(const json::Object &o, llvm::StringRef key,
                          std::string &out, bool required) {
    const json::Value *v = member(o, key, required);
    if (!v)
      return failure(required);
    PathScope scope(*this, key.str());
    std::optional<llvm::StringRef> s = v->getAsString();
    if (!s)
      return error() << "expected a string";
    out = s->str();
    return success();
  }

  LogicalResult getBool(const json::Object &o, llvm::StringRef key,
                        bool &out) {
    out = false;
    const json::Value *v = o.get(key);
    if (!v)
      return success();
    PathScope scope(*this, key.str());
    std::optional<bool> b = v->getAsBoolean();
    if (!b)
      return error() << "expected true or false";
    out = *b;
    return success();
  }

  LogicalResult getInt(const json::Object &o, llvm::StringRef key,
                       int64_t &out, bool required) {
    const json::Value *v = member(o, key, required);
    if (!v)
      return failure(required);
    PathScope scope(*this, key.str());
    std::optional<int64_t> i = v->getAsInteger();
    if (!i)
      return error() << "expected an integer";
    out = *i;
    return success();
  }

  /// An optional array (absent means empty).
  LogicalResult getArray(const json::Object &o, llvm::StringRef key,
                         const json::Array *&out, bool required = false) {
    static const json::Array empty;
    out = &empty;
    const json::Value *v = member(o, key, required);
    if (!v)
      return failure(required);
    PathScope scope(*this, key.str());
    const json::Array *a = v->getAsArray();
    if (!a)
      return error() << "expected an array";
    out = a;
    return success();
  }

  StringAttr optionalString(const json::Object &o, llvm::StringRef key,
                            LogicalResult &status) {
    std::string s;
    if (failed(getString(o, key, s, /*required=*/false))) {
      status = failure();
      return {};
    }
    return s.empty() ? StringAttr() : builder.getStringAttr(s);
  }

  //===--------------------------------------------------------------------===//
  // Conversion
  //===--------------------------------------------------------------------===//

  LogicalResult checkHeader(const json::Object &root);
  LogicalResult collectDeclaredTypes(const json::Object &root);
  Type convertType(const json::Value &v);
  /// Convert the type at `o[key]`.
  Type convertMember(const json::Object &o, llvm::StringRef key);
  FuncType convertSignature(const json::Value &v, SmallVectorImpl<Attribute>
                                                      *argNames,
                            SmallVectorImpl<Attribute> *resultNames);
  LogicalResult convertTypeParams(const json::Object &o, ArrayAttr &out);
  LogicalResult convertPackage(const json::Object &pkg);
  LogicalResult convertDecl(const json::Object &decl, llvm::StringRef pkgPath);
  LogicalResult convertTypeDecl(const json::Object &decl, StringAttr sym,
                                ArrayAttr typeParams, StringAttr doc,
                                StringAttr deprecated, UnitAttr hidden,
                                Location loc);
  LogicalResult convertExternal(const json::Object &ext);
  LogicalResult verifyHere(Operation *op);

  llvm::SourceMgr &sourceMgr;
  MLIRContext *ctx;
  OpBuilder builder;
  llvm::StringRef text;
  std::string bufferName;
  std::vector<JsonPathElem> path;
  std::string modulePrefix;
  /// The module is `std`: a standard-library surface (mochi-go-ingest -std).
  bool stdSurface = false;

  /// Type names declared by the module's packages: package -> name -> number
  /// of type parameters. A named type of one of these packages must be here.
  llvm::StringMap<llvm::StringMap<int64_t>> localTypes;
  /// External named types ("pkg.Name") -> number of type parameters.
  llvm::StringMap<int64_t> externals;
  /// Converting an external's underlying type.
  bool inExternal = false;
};

} // namespace

LogicalResult Importer::checkHeader(const json::Object &root) {
  std::string schema;
  if (failed(getString(root, "schema", schema, /*required=*/true)))
    return failure();
  if (schema != kApiSurfaceSchema) {
    PathScope scope(*this, std::string("schema"));
    return error() << "unknown schema '" << schema << "', expected '"
                   << kApiSurfaceSchema << "'";
  }
  int64_t version = 0;
  if (failed(getInt(root, "version", version, /*required=*/true)))
    return failure();
  if (version != kApiSurfaceVersion) {
    PathScope scope(*this, std::string("version"));
    return error() << "unsupported schema version " << version
                   << " (this importer reads version " << kApiSurfaceVersion
                   << ")";
  }
  return success();
}

LogicalResult Importer::collectDeclaredTypes(const json::Object &root) {
  const json::Array *packages;
  if (failed(getArray(root, "packages", packages, /*required=*/true)))
    return failure();
  PathScope pkgsScope(*this, std::string("packages"));
  for (size_t i = 0; i < packages->size(); ++i) {
    PathScope pkgScope(*this, i);
    const json::Object *pkg = asObject((*packages)[i]);
    if (!pkg)
      return failure();
    std::string pkgPath;
    if (failed(getString(*pkg, "path", pkgPath, /*required=*/true)))
      return failure();
    if (localTypes.count(pkgPath)) {
      PathScope scope(*this, std::string("path"));
      return error() << "package '" << pkgPath << "' is listed twice";
    }
    if (stdSurface && !isStdImportPath(pkgPath)) {
      PathScope scope(*this, std::string("path"));
      return error() << "package '" << pkgPath
                     << "' is not in the standard library (module '"
                     << kStdModulePath << "')";
    }
    auto &names = localTypes[pkgPath];
    const json::Array *decls;
    if (failed(getArray(*pkg, "decls", decls)))
      return failure();
    PathScope declsScope(*this, std::string("decls"));
    for (size_t d = 0; d < decls->size(); ++d) {
      PathScope declScope(*this, d);
      const json::Object *decl = asObject((*decls)[d]);
      if (!decl)
        return failure();
      std::string kind, name;
      if (failed(getString(*decl, "kind", kind, /*required=*/true)) ||
          failed(getString(*decl, "name", name, /*required=*/true)))
        return failure();
      if (kind != "type" && kind != "alias")
        continue;
      const json::Array *params;
      if (failed(getArray(*decl, "typeParams", params)))
        return failure();
      if (!names.try_emplace(name, params->size()).second) {
        PathScope scope(*this, std::string("name"));
        return error() << "type '" << name << "' is declared twice in package '"
                       << pkgPath << "'";
      }
    }
  }
  const json::Array *exts;
  if (failed(getArray(root, "externals", exts)))
    return failure();
  PathScope extsScope(*this, std::string("externals"));
  for (size_t i = 0; i < exts->size(); ++i) {
    PathScope extScope(*this, i);
    const json::Object *ext = asObject((*exts)[i]);
    if (!ext)
      return failure();
    std::string pkg, name;
    int64_t params = 0;
    if (failed(getString(*ext, "pkg", pkg, /*required=*/true)) ||
        failed(getString(*ext, "name", name, /*required=*/true)) ||
        failed(getInt(*ext, "typeParams", params, /*required=*/false)))
      return failure();
    if (localTypes.count(pkg)) {
      PathScope scope(*this, std::string("pkg"));
      return error() << "external type '" << pkg << "." << name
                     << "' belongs to a package of the module";
    }
    if (!externals.try_emplace(pkg + "." + name, params).second)
      return error() << "external type '" << pkg << "." << name
                     << "' is listed twice";
  }
  return success();
}

Type Importer::convertMember(const json::Object &o, llvm::StringRef key) {
  const json::Value *v = member(o, key, /*required=*/true);
  if (!v)
    return Type();
  PathScope scope(*this, key.str());
  return convertType(*v);
}

FuncType Importer::convertSignature(const json::Value &v,
                                    SmallVectorImpl<Attribute> *argNames,
                                    SmallVectorImpl<Attribute> *resultNames) {
  Type t = convertType(v);
  if (!t)
    return FuncType();
  auto fn = llvm::dyn_cast<FuncType>(t);
  if (!fn) {
    error() << "expected a type of kind 'func', got " << goTypeString(t);
    return FuncType();
  }
  // Names come from the same JSON (convertType checked its shape).
  const json::Object *o = v.getAsObject();
  auto names = [&](llvm::StringRef key, SmallVectorImpl<Attribute> *out) {
    if (!out)
      return;
    if (const json::Array *vars = o->getArray(key))
      for (const json::Value &var : *vars) {
        std::optional<llvm::StringRef> name;
        if (const json::Object *vo = var.getAsObject())
          name = vo->getString("name");
        out->push_back(
            builder.getStringAttr(name && !name->empty() ? *name : "_"));
      }
  };
  names("params", argNames);
  names("results", resultNames);
  return fn;
}

Type Importer::convertType(const json::Value &v) {
  const json::Object *o = asObject(v);
  if (!o)
    return Type();
  std::string kind;
  if (failed(getString(*o, "kind", kind, /*required=*/true)))
    return Type();

  if (kind == "basic") {
    std::string name;
    if (failed(getString(*o, "name", name, /*required=*/true)))
      return Type();
    std::string spelled = name;
    if (llvm::StringRef(spelled).starts_with("untyped "))
      spelled[7] = '_';
    if (spelled == "invalid type")
      spelled = "invalid";
    std::optional<BasicKind> bk = symbolizeBasicKind(spelled);
    if (!bk) {
      PathScope scope(*this, std::string("name"));
      error() << "unknown basic type '" << name << "'";
      return Type();
    }
    return BasicType::get(ctx, *bk);
  }
  if (kind == "error")
    return ErrorType::get(ctx);
  if (kind == "any")
    return AnyType::get(ctx);
  if (kind == "comparable")
    return ComparableType::get(ctx);
  if (kind == "hidden")
    return HiddenType::get(ctx);
  if (kind == "named") {
    std::string pkg, name;
    if (failed(getString(*o, "pkg", pkg, /*required=*/true)) ||
        failed(getString(*o, "name", name, /*required=*/true)))
      return Type();
    const json::Array *argsJson;
    if (failed(getArray(*o, "args", argsJson)))
      return Type();
    SmallVector<Type> args;
    {
      PathScope argsScope(*this, std::string("args"));
      for (size_t i = 0; i < argsJson->size(); ++i) {
        PathScope argScope(*this, i);
        Type arg = convertType((*argsJson)[i]);
        if (!arg)
          return Type();
        args.push_back(arg);
      }
    }
    int64_t expected;
    auto local = localTypes.find(pkg);
    if (local != localTypes.end()) {
      auto it = local->second.find(name);
      if (it == local->second.end()) {
        error() << "dangling type reference: '" << pkg << "." << name
                << "' is not declared in package '" << pkg << "'";
        return Type();
      }
      expected = it->second;
    } else {
      auto it = externals.find(pkg + "." + name);
      if (it == externals.end() && inExternal) {
        // An external's underlying type may name types that are not
        // listed in turn (docs/ApiSurface.md, External).
        return NamedType::getChecked([&] { return error(); }, ctx,
                                     llvm::StringRef(pkg),
                                     llvm::StringRef(name),
                                     ArrayRef<Type>(args));
      }
      if (it == externals.end()) {
        error() << "dangling type reference: '" << pkg << "." << name
                << "' is neither declared by the module nor listed in "
                   "'externals'";
        return Type();
      }
      expected = it->second;
    }
    if (expected != static_cast<int64_t>(args.size())) {
      error() << "'" << pkg << "." << name << "' has " << expected
              << " type parameters but is given " << args.size()
              << " type arguments";
      return Type();
    }
    return NamedType::getChecked([&] { return error(); }, ctx,
                                 llvm::StringRef(pkg), llvm::StringRef(name),
                                 ArrayRef<Type>(args));
  }
  if (kind == "typeparam") {
    std::string name;
    if (failed(getString(*o, "name", name, /*required=*/true)))
      return Type();
    return TypeParamType::getChecked([&] { return error(); }, ctx,
                                     llvm::StringRef(name));
  }
  if (kind == "pointer" || kind == "slice") {
    Type elem = convertMember(*o, "elem");
    if (!elem)
      return Type();
    if (kind == "pointer")
      return PointerType::get(ctx, elem);
    return SliceType::get(ctx, elem);
  }
  if (kind == "array") {
    int64_t len = 0;
    if (failed(getInt(*o, "len", len, /*required=*/true)))
      return Type();
    Type elem = convertMember(*o, "elem");
    if (!elem)
      return Type();
    return ArrayType::getChecked([&] { return error(); }, ctx, len, elem);
  }
  if (kind == "map") {
    Type key = convertMember(*o, "key");
    if (!key)
      return Type();
    Type elem = convertMember(*o, "elem");
    if (!elem)
      return Type();
    return MapType::getChecked([&] { return error(); }, ctx, key, elem);
  }
  if (kind == "chan") {
    std::string dir;
    if (failed(getString(*o, "dir", dir, /*required=*/true)))
      return Type();
    std::optional<ChanDir> d = symbolizeChanDir(dir);
    if (!d) {
      PathScope scope(*this, std::string("dir"));
      error() << "channel direction must be 'both', 'send' or 'recv', got '"
              << dir << "'";
      return Type();
    }
    Type elem = convertMember(*o, "elem");
    if (!elem)
      return Type();
    return ChanType::get(ctx, *d, elem);
  }
  if (kind == "func") {
    SmallVector<Type> inputs, results;
    for (auto [key, out] : {std::pair<llvm::StringRef, SmallVector<Type> *>{
                                "params", &inputs},
                            {"results", &results}}) {
      const json::Array *vars;
      if (failed(getArray(*o, key, vars)))
        return Type();
      PathScope varsScope(*this, key.str());
      for (size_t i = 0; i < vars->size(); ++i) {
        PathScope varScope(*this, i);
        const json::Object *var = asObject((*vars)[i]);
        if (!var)
          return Type();
        std::string ignored;
        if (failed(getString(*var, "name", ignored, /*required=*/false)))
          return Type();
        Type t = convertMember(*var, "type");
        if (!t)
          return Type();
        out->push_back(t);
      }
    }
    bool variadic;
    if (failed(getBool(*o, "variadic", variadic)))
      return Type();
    return FuncType::getChecked([&] { return error(); }, ctx,
                                ArrayRef<Type>(inputs), ArrayRef<Type>(results),
                                variadic);
  }
  if (kind == "struct") {
    const json::Array *fieldsJson;
    if (failed(getArray(*o, "fields", fieldsJson)))
      return Type();
    SmallVector<StructField> fields;
    PathScope fieldsScope(*this, std::string("fields"));
    for (size_t i = 0; i < fieldsJson->size(); ++i) {
      PathScope fieldScope(*this, i);
      const json::Object *f = asObject((*fieldsJson)[i]);
      if (!f)
        return Type();
      StructField field;
      std::string name, tag;
      if (failed(getString(*f, "name", name, /*required=*/true)) ||
          failed(getString(*f, "tag", tag, /*required=*/false)) ||
          failed(getBool(*f, "embedded", field.embedded)))
        return Type();
      field.name = builder.getStringAttr(name);
      if (!tag.empty())
        field.tag = builder.getStringAttr(tag);
      field.type = convertMember(*f, "type");
      if (!field.type)
        return Type();
      fields.push_back(field);
    }
    return StructType::getChecked([&] { return error(); }, ctx,
                                  ArrayRef<StructField>(fields));
  }
  if (kind == "interface") {
    const json::Array *methodsJson, *embedsJson;
    if (failed(getArray(*o, "methods", methodsJson)) ||
        failed(getArray(*o, "embeds", embedsJson)))
      return Type();
    SmallVector<InterfaceMethod> methods;
    SmallVector<Type> embeds;
    {
      PathScope methodsScope(*this, std::string("methods"));
      for (size_t i = 0; i < methodsJson->size(); ++i) {
        PathScope methodScope(*this, i);
        const json::Object *m = asObject((*methodsJson)[i]);
        if (!m)
          return Type();
        std::string name;
        if (failed(getString(*m, "name", name, /*required=*/true)))
          return Type();
        const json::Value *sig = member(*m, "type", /*required=*/true);
        if (!sig)
          return Type();
        PathScope typeScope(*this, std::string("type"));
        FuncType fn = convertSignature(*sig, nullptr, nullptr);
        if (!fn)
          return Type();
        methods.push_back(InterfaceMethod{builder.getStringAttr(name), fn});
      }
    }
    PathScope embedsScope(*this, std::string("embeds"));
    for (size_t i = 0; i < embedsJson->size(); ++i) {
      PathScope embedScope(*this, i);
      Type t = convertType((*embedsJson)[i]);
      if (!t)
        return Type();
      embeds.push_back(t);
    }
    if (methods.empty() && embeds.empty())
      return AnyType::get(ctx);
    return InterfaceType::getChecked([&] { return error(); }, ctx,
                                     ArrayRef<InterfaceMethod>(methods),
                                     ArrayRef<Type>(embeds));
  }
  if (kind == "union") {
    const json::Array *termsJson;
    if (failed(getArray(*o, "terms", termsJson, /*required=*/true)))
      return Type();
    SmallVector<UnionTerm> terms;
    PathScope termsScope(*this, std::string("terms"));
    for (size_t i = 0; i < termsJson->size(); ++i) {
      PathScope termScope(*this, i);
      const json::Object *t = asObject((*termsJson)[i]);
      if (!t)
        return Type();
      UnionTerm term;
      if (failed(getBool(*t, "tilde", term.tilde)))
        return Type();
      term.type = convertMember(*t, "type");
      if (!term.type)
        return Type();
      terms.push_back(term);
    }
    return UnionType::getChecked([&] { return error(); }, ctx,
                                 ArrayRef<UnionTerm>(terms));
  }
  {
    PathScope scope(*this, std::string("kind"));
    error() << "unknown type kind '" << kind << "'";
  }
  return Type();
}

LogicalResult Importer::convertTypeParams(const json::Object &o,
                                          ArrayAttr &out) {
  const json::Array *params;
  if (failed(getArray(o, "typeParams", params)))
    return failure();
  SmallVector<Attribute> attrs;
  PathScope paramsScope(*this, std::string("typeParams"));
  for (size_t i = 0; i < params->size(); ++i) {
    PathScope paramScope(*this, i);
    const json::Object *p = asObject((*params)[i]);
    if (!p)
      return failure();
    std::string name;
    if (failed(getString(*p, "name", name, /*required=*/true)))
      return failure();
    Type constraint = convertMember(*p, "constraint");
    if (!constraint)
      return failure();
    attrs.push_back(TypeParamAttr::get(ctx, name, constraint));
  }
  out = builder.getArrayAttr(attrs);
  return success();
}

LogicalResult Importer::convertTypeDecl(const json::Object &decl,
                                        StringAttr sym, ArrayAttr typeParams,
                                        StringAttr doc, StringAttr deprecated,
                                        UnitAttr hidden, Location loc) {
  const json::Value *u = member(decl, "underlying", /*required=*/true);
  if (!u)
    return failure();
  PathScope uScope(*this, std::string("underlying"));
  const json::Object *uo = asObject(*u);
  if (!uo)
    return failure();
  std::optional<llvm::StringRef> kind = uo->getString("kind");

  if (kind && *kind == "struct") {
    auto op = builder.create<TypeOp>(
        loc, sym, typeParams, TypeFormAttr::get(ctx, TypeForm::Struct),
        TypeAttr(), doc, deprecated, hidden);
    Block *body = new Block();
    op.getBody().push_back(body);
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(body);
    const json::Array *fields;
    if (failed(getArray(*uo, "fields", fields)))
      return failure();
    PathScope fieldsScope(*this, std::string("fields"));
    for (size_t i = 0; i < fields->size(); ++i) {
      PathScope fieldScope(*this, i);
      const json::Object *f = asObject((*fields)[i]);
      if (!f)
        return failure();
      std::string name, tag;
      bool embedded;
      LogicalResult status = success();
      if (failed(getString(*f, "name", name, /*required=*/true)) ||
          failed(getString(*f, "tag", tag, /*required=*/false)) ||
          failed(getBool(*f, "embedded", embedded)))
        return failure();
      StringAttr fieldDoc = optionalString(*f, "doc", status);
      if (failed(status))
        return failure();
      Type t = convertMember(*f, "type");
      if (!t)
        return failure();
      builder.create<FieldOp>(goLoc(*f), builder.getStringAttr(name),
                              TypeAttr::get(t),
                              embedded ? builder.getUnitAttr() : UnitAttr(),
                              tag.empty() ? StringAttr()
                                          : builder.getStringAttr(tag),
                              fieldDoc);
    }
    return success();
  }

  if (kind && *kind == "interface") {
    auto op = builder.create<TypeOp>(
        loc, sym, typeParams, TypeFormAttr::get(ctx, TypeForm::Interface),
        TypeAttr(), doc, deprecated, hidden);
    Block *body = new Block();
    op.getBody().push_back(body);
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToEnd(body);
    const json::Array *methods, *embeds;
    if (failed(getArray(*uo, "methods", methods)) ||
        failed(getArray(*uo, "embeds", embeds)))
      return failure();
    {
      PathScope methodsScope(*this, std::string("methods"));
      for (size_t i = 0; i < methods->size(); ++i) {
        PathScope methodScope(*this, i);
        const json::Object *m = asObject((*methods)[i]);
        if (!m)
          return failure();
        std::string name;
        LogicalResult status = success();
        if (failed(getString(*m, "name", name, /*required=*/true)))
          return failure();
        StringAttr methodDoc = optionalString(*m, "doc", status);
        if (failed(status))
          return failure();
        const json::Value *sig = member(*m, "type", /*required=*/true);
        if (!sig)
          return failure();
        SmallVector<Attribute> argNames, resultNames;
        FuncType fn;
        {
          PathScope typeScope(*this, std::string("type"));
          fn = convertSignature(*sig, &argNames, &resultNames);
        }
        if (!fn)
          return failure();
        builder.create<InterfaceMethodOp>(
            goLoc(*m), builder.getStringAttr(name), TypeAttr::get(fn),
            builder.getArrayAttr(argNames), builder.getArrayAttr(resultNames),
            methodDoc);
      }
    }
    PathScope embedsScope(*this, std::string("embeds"));
    for (size_t i = 0; i < embeds->size(); ++i) {
      PathScope embedScope(*this, i);
      Type t = convertType((*embeds)[i]);
      if (!t)
        return failure();
      builder.create<EmbedOp>(loc, TypeAttr::get(t));
    }
    return success();
  }

  Type underlying = convertType(*u);
  if (!underlying)
    return failure();
  if (llvm::isa<AnyType, ErrorType, ComparableType>(underlying)) {
    // `type X any` / `type E error`: an interface with no body of its own
    // (error keeps its method through an embed).
    auto op = builder.create<TypeOp>(
        loc, sym, typeParams, TypeFormAttr::get(ctx, TypeForm::Interface),
        TypeAttr(), doc, deprecated, hidden);
    Block *body = new Block();
    op.getBody().push_back(body);
    if (!llvm::isa<AnyType>(underlying)) {
      OpBuilder::InsertionGuard guard(builder);
      builder.setInsertionPointToEnd(body);
      builder.create<EmbedOp>(loc, TypeAttr::get(underlying));
    }
    return success();
  }
  builder.create<TypeOp>(loc, sym, typeParams,
                         TypeFormAttr::get(ctx, TypeForm::Defined),
                         TypeAttr::get(underlying), doc, deprecated, hidden);
  return success();
}

LogicalResult Importer::convertDecl(const json::Object &decl,
                                    llvm::StringRef pkgPath) {
  std::string kind, name;
  bool exported = true;
  if (failed(getString(decl, "kind", kind, /*required=*/true)) ||
      failed(getString(decl, "name", name, /*required=*/true)))
    return failure();
  if (const json::Value *e = decl.get("exported")) {
    PathScope scope(*this, std::string("exported"));
    std::optional<bool> b = e->getAsBoolean();
    if (!b)
      return error() << "expected true or false";
    exported = *b;
  }
  LogicalResult status = success();
  StringAttr doc = optionalString(decl, "doc", status);
  StringAttr deprecated = optionalString(decl, "deprecated", status);
  if (failed(status))
    return failure();
  UnitAttr hidden = exported ? UnitAttr() : builder.getUnitAttr();
  Location loc = goLoc(decl);
  StringAttr sym = builder.getStringAttr(name);

  if (kind == "const") {
    std::string value, valueKind;
    if (failed(getString(decl, "value", value, /*required=*/true)) ||
        failed(getString(decl, "valueKind", valueKind, /*required=*/true)))
      return failure();
    std::optional<ConstKind> ck = symbolizeConstKind(valueKind);
    if (!ck) {
      PathScope scope(*this, std::string("valueKind"));
      return error() << "unknown constant kind '" << valueKind << "'";
    }
    if (*ck == ConstKind::String) {
      std::string decoded;
      if (!unquoteGoString(value, decoded)) {
        PathScope scope(*this, std::string("value"));
        return error() << "string constant value must be a Go string "
                          "literal, got "
                       << value;
      }
      value = std::move(decoded);
    }
    Type t = convertMember(decl, "type");
    if (!t)
      return failure();
    builder.create<ConstOp>(loc, sym, TypeAttr::get(t),
                            ConstKindAttr::get(ctx, *ck),
                            builder.getStringAttr(value), doc, deprecated,
                            hidden);
    return success();
  }
  if (kind == "var") {
    Type t = convertMember(decl, "type");
    if (!t)
      return failure();
    builder.create<VarOp>(loc, sym, TypeAttr::get(t), doc, deprecated, hidden);
    return success();
  }
  ArrayAttr typeParams;
  if (kind == "type" || kind == "alias" || kind == "func")
    if (failed(convertTypeParams(decl, typeParams)))
      return failure();
  if (kind == "type")
    return convertTypeDecl(decl, sym, typeParams, doc, deprecated, hidden,
                           loc);
  if (kind == "alias") {
    Type target = convertMember(decl, "target");
    if (!target)
      return failure();
    builder.create<AliasOp>(loc, sym, typeParams, TypeAttr::get(target), doc,
                            deprecated, hidden);
    return success();
  }
  if (kind == "func" || kind == "method") {
    const json::Value *sig = member(decl, "signature", /*required=*/true);
    if (!sig)
      return failure();
    SmallVector<Attribute> argNames, resultNames;
    FuncType fn;
    {
      PathScope scope(*this, std::string("signature"));
      fn = convertSignature(*sig, &argNames, &resultNames);
    }
    if (!fn)
      return failure();
    if (kind == "func") {
      builder.create<FuncOp>(loc, sym, typeParams, TypeAttr::get(fn),
                             builder.getArrayAttr(argNames),
                             builder.getArrayAttr(resultNames), doc,
                             deprecated, hidden);
      return success();
    }
    const json::Value *recvJson = member(decl, "recv", /*required=*/true);
    if (!recvJson)
      return failure();
    PathScope recvScope(*this, std::string("recv"));
    const json::Object *recv = asObject(*recvJson);
    if (!recv)
      return failure();
    std::string recvName, recvType;
    bool pointer;
    const json::Array *typeArgs;
    if (failed(getString(*recv, "name", recvName, /*required=*/false)) ||
        failed(getString(*recv, "type", recvType, /*required=*/true)) ||
        failed(getBool(*recv, "pointer", pointer)) ||
        failed(getArray(*recv, "typeArgs", typeArgs)))
      return failure();
    auto local = localTypes.find(pkgPath);
    auto declared = local->second.find(recvType);
    if (declared == local->second.end()) {
      PathScope scope(*this, std::string("type"));
      return error() << "receiver type '" << recvType
                     << "' is not declared in package '" << pkgPath << "'";
    }
    SmallVector<Type> args;
    {
      PathScope argsScope(*this, std::string("typeArgs"));
      for (size_t i = 0; i < typeArgs->size(); ++i) {
        PathScope argScope(*this, i);
        std::optional<llvm::StringRef> arg = (*typeArgs)[i].getAsString();
        if (!arg)
          return error() << "expected a type parameter name";
        args.push_back(TypeParamType::get(ctx, *arg));
      }
    }
    if (static_cast<int64_t>(args.size()) != declared->second) {
      PathScope scope(*this, std::string("typeArgs"));
      return error() << "receiver '" << recvType << "' has "
                     << declared->second << " type parameters but "
                     << args.size() << " are named";
    }
    Type recvTy = NamedType::get(ctx, pkgPath, recvType, args);
    if (pointer)
      recvTy = PointerType::get(ctx, recvTy);
    builder.create<MethodOp>(
        loc, builder.getStringAttr(recvType + "." + name),
        TypeAttr::get(recvTy), builder.getStringAttr(recvName),
        TypeAttr::get(fn), builder.getArrayAttr(argNames),
        builder.getArrayAttr(resultNames), doc, deprecated, hidden);
    return success();
  }
  PathScope scope(*this, std::string("kind"));
  return error() << "unknown declaration kind '" << kind << "'";
}

LogicalResult Importer::convertPackage(const json::Object &pkg) {
  std::string pkgPath, name;
  if (failed(getString(pkg, "path", pkgPath, /*required=*/true)) ||
      failed(getString(pkg, "name", name, /*required=*/true)))
    return failure();
  LogicalResult status = success();
  StringAttr doc = optionalString(pkg, "doc", status);
  if (failed(status))
    return failure();
  auto op = builder.create<PackageOp>(NameLoc::get(builder.getStringAttr(
                                          pkgPath)),
                                      pkgPath, name);
  if (doc)
    op.setDocAttr(doc);
  bool cgo = false;
  if (failed(getBool(pkg, "cgo", cgo)))
    return failure();
  if (cgo)
    op.setCgo(true);
  const json::Array *errors;
  if (failed(getArray(pkg, "errors", errors)))
    return failure();
  if (!errors->empty()) {
    SmallVector<Attribute> errs;
    PathScope errsScope(*this, std::string("errors"));
    for (size_t i = 0; i < errors->size(); ++i) {
      PathScope errScope(*this, i);
      std::optional<llvm::StringRef> s = (*errors)[i].getAsString();
      if (!s)
        return error() << "expected a string";
      errs.push_back(builder.getStringAttr(*s));
    }
    op.setErrorsAttr(builder.getArrayAttr(errs));
  }
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToEnd(&op.getBody().front());
  const json::Array *decls;
  if (failed(getArray(pkg, "decls", decls)))
    return failure();
  PathScope declsScope(*this, std::string("decls"));
  Block &body = op.getBody().front();
  for (size_t i = 0; i < decls->size(); ++i) {
    PathScope declScope(*this, i);
    if (failed(convertDecl(*(*decls)[i].getAsObject(), pkgPath)) ||
        failed(verifyHere(&body.back())))
      return failure();
  }
  return success();
}

LogicalResult Importer::verifyHere(Operation *op) {
  // Run the dialect's verifiers on the new declaration now, while the JSON
  // path is known, and report what they find at the declaration in the
  // JSON (the operation's own location is a Go source position).
  std::string messages;
  LogicalResult result = success();
  {
    ScopedDiagnosticHandler handler(ctx, [&](Diagnostic &diag) {
      if (diag.getSeverity() == DiagnosticSeverity::Error) {
        if (!messages.empty())
          messages += "; ";
        messages += diag.str();
      }
      return success();
    });
    result = mlir::verify(op);
  }
  if (failed(result))
    return error() << messages;
  return success();
}

LogicalResult Importer::convertExternal(const json::Object &ext) {
  std::string pkg, name;
  int64_t params = 0;
  if (failed(getString(ext, "pkg", pkg, /*required=*/true)) ||
      failed(getString(ext, "name", name, /*required=*/true)) ||
      failed(getInt(ext, "typeParams", params, /*required=*/false)))
    return failure();
  inExternal = true;
  Type underlying = convertMember(ext, "underlying");
  inExternal = false;
  if (!underlying)
    return failure();
  builder.create<ExternalTypeOp>(
      NameLoc::get(builder.getStringAttr(pkg + "." + name)),
      builder.getStringAttr(pkg + "." + name), TypeAttr::get(underlying),
      builder.getI64IntegerAttr(params));
  return verifyHere(&builder.getInsertionBlock()->back());
}

OwningOpRef<ModuleOp> Importer::run() {
  // Blank out whole-line `//` comments, keeping every offset (and so every
  // line and column) intact.
  std::string cleaned = text.str();
  for (size_t lineStart = 0; lineStart < cleaned.size();) {
    size_t lineEnd = cleaned.find('\n', lineStart);
    if (lineEnd == std::string::npos)
      lineEnd = cleaned.size();
    size_t first = cleaned.find_first_not_of(" \t\r", lineStart);
    if (first != std::string::npos && first + 1 < lineEnd &&
        cleaned[first] == '/' && cleaned[first + 1] == '/')
      for (size_t i = first; i < lineEnd; ++i)
        cleaned[i] = ' ';
    lineStart = lineEnd + 1;
  }

  llvm::Expected<json::Value> parsed = json::parse(cleaned);
  if (!parsed) {
    std::string msg = llvm::toString(parsed.takeError());
    // llvm::json reports "[line:col, byte=N]: message".
    unsigned line = 0, col = 0, byteOffset = 0;
    int consumed = 0;
    if (std::sscanf(msg.c_str(), "[%u:%u, byte=%u]: %n", &line, &col,
                    &byteOffset, &consumed) == 3 &&
        consumed > 0)
      emitError(FileLineColLoc::get(ctx, bufferName, line, col))
          << "malformed ApiSurface JSON: " << msg.substr(consumed);
    else
      emitError(FileLineColLoc::get(ctx, bufferName, 1, 1))
          << "malformed ApiSurface JSON: " << msg;
    return nullptr;
  }
  const json::Object *root = asObject(*parsed);
  if (!root || failed(checkHeader(*root)))
    return nullptr;

  const json::Value *modJson = member(*root, "module", /*required=*/true);
  if (!modJson)
    return nullptr;
  std::string modPath, modVersion;
  LogicalResult status = success();
  StringAttr goVersion, toolchain, goos, goarch;
  {
    PathScope scope(*this, std::string("module"));
    const json::Object *mod = asObject(*modJson);
    if (!mod ||
        failed(getString(*mod, "path", modPath, /*required=*/true)) ||
        failed(getString(*mod, "version", modVersion, /*required=*/true)))
      return nullptr;
    goVersion = optionalString(*mod, "goVersion", status);
    toolchain = optionalString(*mod, "toolchain", status);
    goos = optionalString(*mod, "goos", status);
    goarch = optionalString(*mod, "goarch", status);
    if (failed(status))
      return nullptr;
    if (modPath.empty()) {
      PathScope pathScope(*this, std::string("path"));
      error() << "module path is empty";
      return nullptr;
    }
  }
  modulePrefix = modPath + "@" + modVersion + "/";
  stdSurface = modPath == kStdModulePath;

  if (failed(collectDeclaredTypes(*root)))
    return nullptr;

  OwningOpRef<ModuleOp> top = ModuleOp::create(UnknownLoc::get(ctx));
  builder.setInsertionPointToEnd(top->getBody());
  auto goModule = builder.create<GoModuleOp>(
      NameLoc::get(builder.getStringAttr(modPath + "@" + modVersion)), modPath,
      modVersion);
  if (goVersion)
    goModule.setGoVersionAttr(goVersion);
  if (toolchain)
    goModule.setToolchainAttr(toolchain);
  if (goos)
    goModule.setGoosAttr(goos);
  if (goarch)
    goModule.setGoarchAttr(goarch);
  builder.setInsertionPointToEnd(&goModule.getBody().front());

  const json::Array *packages = root->getArray("packages");
  {
    PathScope scope(*this, std::string("packages"));
    for (size_t i = 0; i < packages->size(); ++i) {
      PathScope pkgScope(*this, i);
      if (failed(convertPackage(*(*packages)[i].getAsObject())))
        return nullptr;
    }
  }
  const json::Array *exts;
  if (failed(getArray(*root, "externals", exts)))
    return nullptr;
  {
    PathScope scope(*this, std::string("externals"));
    for (size_t i = 0; i < exts->size(); ++i) {
      PathScope extScope(*this, i);
      if (failed(convertExternal(*(*exts)[i].getAsObject())))
        return nullptr;
    }
  }

  // The importer checked references as it went; the dialect verifier is the
  // second line of defence (and catches anything the JSON could express
  // that the IR cannot).
  if (failed(verify(*top)))
    return nullptr;
  return top;
}

OwningOpRef<ModuleOp>
mochigo::ingest::importApiSurface(llvm::SourceMgr &sourceMgr,
                                  MLIRContext *context) {
  context->getOrLoadDialect<GoSurfaceDialect>();
  Importer importer(sourceMgr, context);
  return importer.run();
}

OwningOpRef<ModuleOp> mochigo::ingest::importApiSurface(llvm::StringRef json,
                                                        llvm::StringRef name,
                                                        MLIRContext *context) {
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(llvm::MemoryBuffer::getMemBufferCopy(json, name),
                               llvm::SMLoc());
  return importApiSurface(sourceMgr, context);
}

void mochigo::ingest::registerImportApiSurfaceTranslation() {
  TranslateToMLIRRegistration registration(
      "import-apisurface",
      "import ApiSurface JSON (docs/ApiSurface.md) as GoSurface IR",
      [](llvm::SourceMgr &sourceMgr, MLIRContext *context) -> OwningOpRef<Operation *> {
        OwningOpRef<ModuleOp> module = importApiSurface(sourceMgr, context);
        if (!module)
          return nullptr;
        return OwningOpRef<Operation *>(module.release());
      },
      [](DialectRegistry &registry) {
        registry.insert<GoSurfaceDialect>();
      });
}
