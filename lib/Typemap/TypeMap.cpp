//===- TypeMap.cpp - the closed type map ----------------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Typemap/TypeMap.h"
#include "mochi-go/Mochi/Imports.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <cmath>
#include <cstdlib>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::typemap;
using namespace mochigo::gosurface;

std::string mochigo::typemap::defaultAlias(StringRef modulePath) {
  return mochi::pathIdentifier(modulePath);
}

std::string mochigo::typemap::defaultPrefix(StringRef modulePath) {
  return "mochigo_" + defaultAlias(modulePath);
}

bool mochigo::typemap::isInternalPath(StringRef importPath) {
  SmallVector<StringRef> elems;
  importPath.split(elems, '/');
  return llvm::is_contained(elems, "internal");
}

//===----------------------------------------------------------------------===//
// TypeMapper
//===----------------------------------------------------------------------===//

TypeMapper::TypeMapper(GoModuleOp module) : module(module) {
  for (auto pkg : module.getBodyBlock().getOps<PackageOp>())
    for (Operation &op : pkg.getBodyBlock()) {
      if (auto t = dyn_cast<TypeOp>(op))
        types[(pkg.getPath() + "." + t.getSymName()).str()] = t;
      else if (auto a = dyn_cast<AliasOp>(op))
        aliases[(pkg.getPath() + "." + a.getSymName()).str()] = a;
    }
  for (auto ext : module.getBodyBlock().getOps<ExternalTypeOp>())
    externals[ext.getQualifiedName()] = ext;
}

Type TypeMapper::underlying(NamedType named) const {
  // Follow aliases (a bounded number of times: a cycle is not valid Go).
  for (int depth = 0; depth < 32; ++depth) {
    std::string key = named.getQualifiedName();
    if (auto it = aliases.find(key); it != aliases.end()) {
      Type target = AliasOp(it->second).getTarget();
      auto next = dyn_cast<NamedType>(target);
      if (!next)
        return target;
      named = next;
      continue;
    }
    if (auto it = externals.find(key); it != externals.end())
      return ExternalTypeOp(it->second).getUnderlying();
    auto it = types.find(key);
    if (it == types.end())
      return {};
    TypeOp decl = it->second;
    Type u = decl.getUnderlyingType();
    if (named.getArgs().empty())
      return u;
    // An instantiation: put the type arguments in place of the parameters.
    ArrayAttr params = decl.getTypeParams();
    ArrayRef<Type> args = named.getArgs();
    if (params.size() != args.size())
      return {};
    AttrTypeReplacer replacer;
    replacer.addReplacement([&](TypeParamType p) -> std::optional<Type> {
      for (auto [param, arg] : llvm::zip(params, args))
        if (cast<TypeParamAttr>(param).getName() == p.getName())
          return arg;
      return std::nullopt;
    });
    return replacer.replace(u);
  }
  return {};
}

bool TypeMapper::isHidden(NamedType named) const {
  auto it = types.find(named.getQualifiedName());
  return it != types.end() && TypeOp(it->second).getHidden();
}

Type TypeMapper::handleKey(Type type) {
  if (auto p = dyn_cast<PointerType>(type))
    if (isa<NamedType>(p.getElem()))
      return p.getElem();
  return type;
}

static Mapping skipped(cabi::SkipReason reason, Type culprit) {
  Mapping m;
  m.skip = reason;
  m.detail = goTypeString(culprit);
  return m;
}

static Mapping copyOf(Type abi) {
  Mapping m;
  m.abi = abi;
  return m;
}

/// Why the wrapper cannot spell `type` in Go source, if it cannot: a type
/// parameter, an invalid type, an unexported or internal named type.
static std::optional<cabi::SkipReason> unnameable(TypeMapper &mapper, Type type,
                                                  Type &culprit) {
  std::optional<cabi::SkipReason> why;
  type.walk([&](Type t) {
    if (why)
      return;
    if (isa<TypeParamType>(t)) {
      why = cabi::SkipReason::Generic;
    } else if (auto b = dyn_cast<BasicType>(t)) {
      if (b.getKind() == BasicKind::Invalid)
        why = cabi::SkipReason::InvalidType;
    } else if (isa<HiddenType>(t)) {
      why = cabi::SkipReason::UnexportedType;
    } else if (auto n = dyn_cast<NamedType>(t)) {
      if (!isExportedName(n.getName()) || mapper.isHidden(n))
        why = cabi::SkipReason::UnexportedType;
      else if (isInternalPath(n.getPkg()) || n.getPkg() == "main")
        why = cabi::SkipReason::InternalType;
    }
    if (why)
      culprit = t;
  });
  return why;
}

/// A handle for `type`: the wrapper stores it without naming it when it is a
/// result, and must name it when it is a parameter.
static Mapping handleFor(TypeMapper &mapper, Type type, Position pos) {
  Type culprit;
  if (auto why = unnameable(mapper, type, culprit)) {
    // A result is stored with rt.New and never named, but a generic or
    // invalid type cannot be instantiated at all.
    if (pos != Position::Result || *why == cabi::SkipReason::Generic ||
        *why == cabi::SkipReason::InvalidType)
      return skipped(*why, culprit);
  }
  Mapping m;
  Type key = TypeMapper::handleKey(type);
  std::string name = mapper.handleSymbol ? mapper.handleSymbol(key) : "?";
  m.abi = cabi::HandleType::get(type.getContext(), name);
  m.usesHandle = true;
  return m;
}

static bool isByte(Type t) {
  auto b = dyn_cast<BasicType>(t);
  return b &&
         (b.getKind() == BasicKind::Byte || b.getKind() == BasicKind::Uint8);
}

static bool hasUnion(InterfaceType iface) {
  return llvm::any_of(iface.getEmbeds(),
                      [](Type t) { return isa<UnionType>(t); });
}

static Type scalarForm(MLIRContext *ctx, BasicKind kind) {
  auto sint = [&](unsigned w) {
    return IntegerType::get(ctx, w, IntegerType::Signed);
  };
  auto uint = [&](unsigned w) {
    return IntegerType::get(ctx, w, IntegerType::Unsigned);
  };
  switch (kind) {
  case BasicKind::Bool:
  case BasicKind::UntypedBool:
    return IntegerType::get(ctx, 1);
  case BasicKind::Int:
  case BasicKind::Int64:
  case BasicKind::UntypedInt:
    return sint(64);
  case BasicKind::Int8:
    return sint(8);
  case BasicKind::Int16:
    return sint(16);
  case BasicKind::Int32:
  case BasicKind::Rune:
  case BasicKind::UntypedRune:
    return sint(32);
  case BasicKind::Uint:
  case BasicKind::Uint64:
  case BasicKind::Uintptr:
    return uint(64);
  case BasicKind::Uint8:
  case BasicKind::Byte:
    return uint(8);
  case BasicKind::Uint16:
    return uint(16);
  case BasicKind::Uint32:
    return uint(32);
  case BasicKind::Float32:
    return Float32Type::get(ctx);
  case BasicKind::Float64:
  case BasicKind::UntypedFloat:
    return Float64Type::get(ctx);
  case BasicKind::String:
  case BasicKind::UntypedString:
    return cabi::StringType::get(ctx);
  default:
    return {};
  }
}

Mapping TypeMapper::map(Type type, Position pos) { return mapImpl(type, pos); }

Mapping TypeMapper::mapImpl(Type type, Position pos) {
  MLIRContext *ctx = type.getContext();
  // Containers and records are converted by helpers that name their Go
  // types, so everything inside them must be nameable.
  auto element = [&](Type t) { return mapImpl(t, Position::Element); };

  if (auto b = dyn_cast<BasicType>(type)) {
    switch (b.getKind()) {
    case BasicKind::Complex64:
    case BasicKind::Complex128:
    case BasicKind::UntypedComplex:
      return skipped(cabi::SkipReason::ComplexNumber, type);
    case BasicKind::UnsafePointer:
      return skipped(cabi::SkipReason::UnsafePointer, type);
    case BasicKind::Invalid:
    case BasicKind::UntypedNil:
      return skipped(cabi::SkipReason::InvalidType, type);
    default:
      return copyOf(scalarForm(ctx, b.getKind()));
    }
  }
  if (isa<ErrorType>(type))
    return copyOf(cabi::ErrorType::get(ctx));
  if (isa<AnyType>(type))
    return handleFor(*this, type, pos);
  if (isa<ComparableType, UnionType>(type))
    return skipped(cabi::SkipReason::Constraint, type);
  if (isa<TypeParamType>(type))
    return skipped(cabi::SkipReason::Generic, type);
  if (isa<HiddenType>(type))
    return skipped(cabi::SkipReason::UnexportedType, type);
  if (isa<PointerType, FuncType, ChanType>(type))
    return handleFor(*this, type, pos);
  if (auto iface = dyn_cast<InterfaceType>(type)) {
    if (hasUnion(iface))
      return skipped(cabi::SkipReason::Constraint, type);
    return handleFor(*this, type, pos);
  }
  if (auto s = dyn_cast<SliceType>(type)) {
    if (isByte(s.getElem()))
      return copyOf(cabi::BytesType::get(ctx));
    Mapping e = element(s.getElem());
    if (e.isSkipped())
      return e;
    e.abi = cabi::ListType::get(ctx, e.abi);
    return e;
  }
  if (auto a = dyn_cast<ArrayType>(type)) {
    if (isByte(a.getElem()))
      return copyOf(cabi::BytesType::get(ctx));
    Mapping e = element(a.getElem());
    if (e.isSkipped())
      return e;
    e.abi = cabi::ListType::get(ctx, e.abi);
    return e;
  }
  if (auto m = dyn_cast<MapType>(type)) {
    Mapping k = element(m.getKey());
    if (k.isSkipped())
      return k;
    if (!isa<IntegerType, FloatType, cabi::StringType>(k.abi))
      return skipped(cabi::SkipReason::MapKey, m.getKey());
    Mapping v = element(m.getElem());
    if (v.isSkipped())
      return v;
    Mapping r;
    r.abi = cabi::MapType::get(ctx, k.abi, v.abi);
    r.usesHandle = v.usesHandle;
    return r;
  }
  if (isa<StructType>(type)) {
    std::string detail;
    if (recordability(type, detail))
      return handleFor(*this, type, pos);
    std::string name = recordSymbol ? recordSymbol(type) : "?";
    return copyOf(cabi::RecordType::get(ctx, name));
  }
  auto named = dyn_cast<NamedType>(type);
  if (!named)
    return skipped(cabi::SkipReason::InvalidType, type);

  // A named type: generic arguments must be concrete; copies need the name.
  for (Type arg : named.getArgs()) {
    Type culprit;
    if (auto why = unnameable(*this, arg, culprit))
      if (*why == cabi::SkipReason::Generic)
        return skipped(*why, culprit);
  }
  Type under = underlying(named);
  if (!under)
    return handleFor(*this, type, pos);
  if (auto iface = dyn_cast<InterfaceType>(under)) {
    if (hasUnion(iface))
      return skipped(cabi::SkipReason::Constraint, type);
    return handleFor(*this, type, pos);
  }
  if (isa<AnyType, ErrorType, PointerType, FuncType, ChanType>(under))
    return handleFor(*this, type, pos);
  if (isa<StructType>(under)) {
    std::string detail;
    if (recordability(type, detail))
      return handleFor(*this, type, pos);
  }
  // Copied: the conversion names the type, except for a scalar or string
  // result, which converts without it.
  Type culprit;
  if (auto why = unnameable(*this, type, culprit)) {
    bool plain = isa<BasicType>(under) && pos == Position::Result;
    if (!plain)
      return skipped(*why, culprit);
  }
  if (isa<StructType>(under)) {
    std::string name = recordSymbol ? recordSymbol(type) : "?";
    return copyOf(cabi::RecordType::get(ctx, name));
  }
  if (llvm::is_contained(inProgress, type))
    return skipped(cabi::SkipReason::RecursiveValue, type);
  inProgress.push_back(type);
  Mapping m = mapImpl(under, pos);
  inProgress.pop_back();
  return m;
}

std::optional<SmallVector<std::pair<std::string, Type>>>
TypeMapper::recordFields(Type type) {
  Type under = type;
  if (auto named = dyn_cast<NamedType>(type))
    under = underlying(named);
  auto st = dyn_cast_or_null<StructType>(under);
  if (!st)
    return std::nullopt;
  SmallVector<std::pair<std::string, Type>> fields;
  for (const StructField &f : st.getFields())
    fields.emplace_back(f.name.getValue().str(), f.type);
  return fields;
}

/// Is the struct type (named or not) copied as a record? Returns the reason
/// it is not (and it is then carried as a handle): a field that is
/// unexported, or does not map by copy, or a struct that holds itself.
std::optional<cabi::SkipReason> TypeMapper::recordability(Type type,
                                                          std::string &detail) {
  auto fields = recordFields(type);
  if (!fields || fields->empty()) {
    detail = "no fields";
    return cabi::SkipReason::UnexportedType;
  }
  if (llvm::is_contained(inProgress, type)) {
    detail = goTypeString(type);
    return cabi::SkipReason::RecursiveValue;
  }
  inProgress.push_back(type);
  // Probe without naming: a field looked at here creates no handle type or
  // record (the record's own fields are mapped again when it is created).
  auto savedHandle = std::move(handleSymbol);
  auto savedRecord = std::move(recordSymbol);
  handleSymbol = nullptr;
  recordSymbol = nullptr;
  std::optional<cabi::SkipReason> why;
  for (auto &[name, ftype] : *fields) {
    if (isa<HiddenType>(ftype) || !isExportedName(name)) {
      why = cabi::SkipReason::UnexportedType;
      detail = "field " + name;
      break;
    }
    Mapping f = mapImpl(ftype, Position::Field);
    if (f.isSkipped() || f.usesHandle) {
      why = f.skip ? *f.skip : cabi::SkipReason::UnexportedType;
      detail = "field " + name;
      break;
    }
  }
  handleSymbol = std::move(savedHandle);
  recordSymbol = std::move(savedRecord);
  inProgress.pop_back();
  return why;
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

cabi::CrossingAttr MappedDecl::toAttr(MLIRContext *ctx) const {
  return cabi::CrossingAttr::get(ctx, kind, reason, reason ? detail : "");
}

static bool isCKeyword(StringRef name) {
  static const char *const words[] = {
      "auto",     "break",    "case",     "char",      "const",    "continue",
      "default",  "do",       "double",   "else",      "enum",     "extern",
      "float",    "for",      "goto",     "if",        "inline",   "int",
      "long",     "register", "restrict", "return",    "short",    "signed",
      "sizeof",   "static",   "struct",   "switch",    "typedef",  "union",
      "unsigned", "void",     "volatile", "while",     "bool",     "true",
      "false",    "class",    "new",      "delete",    "template", "this",
      "operator", "private",  "public",   "namespace", "err"};
  return llvm::is_contained(words, name);
}

/// A C identifier for a Go parameter or result name: ASCII Go names are C
/// names except for keywords; `_`, empty and non-ASCII names become
/// `<fallback><index>`; a keyword gets a trailing `_`.
static std::string cName(StringRef goName, StringRef fallback, unsigned index,
                         llvm::StringSet<> &used) {
  std::string name = goName.str();
  bool ascii = !name.empty() && llvm::all_of(name, [](char c) {
    return llvm::isAlnum(c) || c == '_';
  });
  if (!ascii || name == "_")
    name = (fallback + Twine(index)).str();
  else if (isCKeyword(name))
    name += "_";
  while (!used.insert(name).second)
    name += "_";
  return name;
}

namespace {
/// Builds a MappedDecl, stopping at the first value that is skipped.
struct DeclBuilder {
  TypeMapper &mapper;
  MappedDecl decl;
  llvm::StringSet<> used;

  bool add(SmallVectorImpl<MappedValue> &into, StringRef goName, Type type,
           Position pos, StringRef what, StringRef fallback) {
    Mapping m = mapper.map(type, pos);
    if (m.isSkipped()) {
      decl.kind = cabi::CrossingKind::Skipped;
      decl.reason = m.skip;
      decl.detail =
          (what + " " + (goName.empty() ? "_" : goName) + ": " + m.detail)
              .str();
      return false;
    }
    if (m.usesHandle)
      decl.kind = cabi::CrossingKind::Handle;
    into.push_back(
        MappedValue{cName(goName, fallback, into.size(), used), type, m});
    return true;
  }

  void skip(cabi::SkipReason reason, std::string detail) {
    decl.kind = cabi::CrossingKind::Skipped;
    decl.reason = reason;
    decl.detail = std::move(detail);
  }

  /// Map a signature (after the receiver, if any).
  void signature(FuncType sig, ArrayAttr argNames, ArrayAttr resultNames) {
    ArrayRef<Type> inputs = sig.getInputs();
    auto nameOf = [](ArrayAttr names, size_t i) -> StringRef {
      if (!names || i >= names.size())
        return "";
      return cast<StringAttr>(names[i]).getValue();
    };
    for (auto [i, t] : llvm::enumerate(inputs))
      if (!add(decl.params, nameOf(argNames, i), t, Position::Param,
               "parameter", "p"))
        return;
    decl.variadic = sig.getVariadic();
    ArrayRef<Type> results = sig.getResults();
    if (!results.empty() && isa<ErrorType>(results.back())) {
      decl.returnsError = true;
      results = results.drop_back();
    }
    for (auto [i, t] : llvm::enumerate(results))
      if (!add(decl.results, nameOf(resultNames, i), t, Position::Result,
               "result", "r"))
        return;
  }
};
} // namespace

/// Does the decimal integer `value` fit int64 (or, failing that, uint64)?
static Type intConstForm(MLIRContext *ctx, StringRef value) {
  // StringRef::getAsInteger into an APInt takes no sign.
  bool negative = value.consume_front("-");
  APInt v;
  if (value.getAsInteger(10, v))
    return {};
  unsigned bits = v.getActiveBits();
  if (negative) {
    // -2^63 is the most negative int64.
    if (bits < 64 || (bits == 64 && v.isPowerOf2()))
      return IntegerType::get(ctx, 64, IntegerType::Signed);
    return {};
  }
  if (bits <= 63)
    return IntegerType::get(ctx, 64, IntegerType::Signed);
  if (bits <= 64)
    return IntegerType::get(ctx, 64, IntegerType::Unsigned);
  return {};
}

/// Is the exact float `value` (a decimal or `p/q`) within float64's range?
static bool floatConstFits(StringRef value) {
  auto parse = [](StringRef s) {
    return std::strtod(s.str().c_str(), nullptr);
  };
  auto [num, den] = value.split('/');
  double d = den.empty() ? parse(num) : parse(num) / parse(den);
  return std::isfinite(d);
}

std::optional<MappedDecl> mochigo::typemap::mapDeclaration(TypeMapper &mapper,
                                                           Operation *op) {
  DeclBuilder b{mapper, {}, {}};
  MLIRContext *ctx = op->getContext();
  if (op->hasAttr("hidden"))
    return std::nullopt;
  auto pkg = op->getParentOfType<PackageOp>();

  if (auto f = dyn_cast<FuncOp>(op)) {
    if (!f.getTypeParams().empty())
      b.skip(cabi::SkipReason::Generic, "type parameters");
    else
      b.signature(f.getSignature(), f.getArgNames(), f.getResultNames());
    return b.decl;
  }
  if (auto m = dyn_cast<MethodOp>(op)) {
    NamedType recvNamed =
        dyn_cast<NamedType>(isa<PointerType>(m.getReceiver())
                                ? cast<PointerType>(m.getReceiver()).getElem()
                                : m.getReceiver());
    if (recvNamed && mapper.isHidden(recvNamed))
      return std::nullopt;
    if (recvNamed && !recvNamed.getArgs().empty()) {
      b.skip(cabi::SkipReason::Generic, "method of a generic type");
      return b.decl;
    }
    // A pointer receiver on a type copied by value is passed in and out by
    // value (`inout_receiver`) rather than as a `_ptr` handle.
    if (auto ptr = dyn_cast<PointerType>(m.getReceiver());
        ptr && isa<NamedType>(ptr.getElem())) {
      Mapping v = mapper.map(ptr.getElem(), Position::Param);
      if (!v.isSkipped() && !v.usesHandle) {
        b.decl.inoutReceiver = true;
        if (b.add(b.decl.results, "self", ptr.getElem(), Position::Result,
                  "receiver", "r") &&
            b.add(b.decl.params, m.getReceiverName(), ptr.getElem(),
                  Position::Param, "receiver", "recv"))
          b.signature(m.getSignature(), m.getArgNames(), m.getResultNames());
        return b.decl;
      }
    }
    if (b.add(b.decl.params, m.getReceiverName(), m.getReceiver(),
              Position::Param, "receiver", "recv"))
      b.signature(m.getSignature(), m.getArgNames(), m.getResultNames());
    return b.decl;
  }
  if (auto t = dyn_cast<TypeOp>(op)) {
    if (!t.getTypeParams().empty()) {
      b.skip(cabi::SkipReason::Generic, "type parameters");
      return b.decl;
    }
    b.add(b.decl.results, t.getSymName(),
          NamedType::get(ctx, pkg.getPath(), t.getSymName()), Position::Param,
          "type", "r");
    return b.decl;
  }
  if (auto a = dyn_cast<AliasOp>(op)) {
    if (!a.getTypeParams().empty()) {
      b.skip(cabi::SkipReason::Generic, "type parameters");
      return b.decl;
    }
    b.add(b.decl.results, a.getSymName(), a.getTarget(), Position::Param,
          "alias", "r");
    return b.decl;
  }
  if (auto v = dyn_cast<VarOp>(op)) {
    if (b.add(b.decl.results, v.getSymName(), v.getType(), Position::Result,
              "variable", "r"))
      b.decl.settable = !mapper.map(v.getType(), Position::Param).isSkipped();
    return b.decl;
  }
  if (auto c = dyn_cast<ConstOp>(op)) {
    auto basic = dyn_cast<BasicType>(c.getType());
    if (basic && basic.getKind() == BasicKind::UntypedInt) {
      Type form = intConstForm(ctx, c.getValue());
      if (!form) {
        b.skip(cabi::SkipReason::ConstOverflow,
               ("constant " + c.getSymName() + " = " + c.getValue()).str());
        return b.decl;
      }
      Mapping m;
      m.abi = form;
      b.decl.results.push_back(
          MappedValue{c.getSymName().str(), c.getType(), m});
      return b.decl;
    }
    if (c.getKind() == ConstKind::Float && !floatConstFits(c.getValue())) {
      b.skip(cabi::SkipReason::ConstOverflow,
             ("constant " + c.getSymName() + " = " + c.getValue()).str());
      return b.decl;
    }
    b.add(b.decl.results, c.getSymName(), c.getType(), Position::Result,
          "constant", "r");
    return b.decl;
  }
  return std::nullopt;
}

MappedDecl mochigo::typemap::mapInterfaceMethod(TypeMapper &mapper, Type recv,
                                                FuncType sig,
                                                ArrayAttr argNames,
                                                ArrayAttr resultNames) {
  DeclBuilder b{mapper, {}, {}};
  if (b.add(b.decl.params, "recv", recv, Position::Param, "receiver", "recv"))
    b.signature(sig, argNames, resultNames);
  return b.decl;
}
