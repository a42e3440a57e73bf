//===- GoSurfaceOps.cpp - GoSurface declarations --------------------------===//
//
// Part of mochi-go. Assembly formats and verifiers of the declarations.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/GoSurface/GoSurfaceOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/Regex.h"

using namespace mlir;
using namespace mochigo::gosurface;

namespace mochigo {
namespace gosurface {

//===----------------------------------------------------------------------===//
// Custom directives
//===----------------------------------------------------------------------===//

static ParseResult parseGoType(OpAsmParser &parser, TypeAttr &attr) {
  Type type;
  if (gosurface::parseGoType(parser, type))
    return failure();
  attr = TypeAttr::get(type);
  return success();
}

static void printGoType(OpAsmPrinter &printer, Operation *, TypeAttr attr) {
  gosurface::printGoType(printer, attr.getValue());
}

/// `<T: any, K: comparable>` after a declaration's symbol.
static ParseResult parseTypeParams(OpAsmParser &parser, ArrayAttr &result) {
  SmallVector<Attribute> params;
  if (succeeded(parser.parseOptionalLess())) {
    auto parseOne = [&]() -> ParseResult {
      std::string name;
      Type constraint;
      if (parser.parseKeywordOrString(&name) || parser.parseColon() ||
          gosurface::parseGoType(parser, constraint))
        return failure();
      params.push_back(
          TypeParamAttr::get(parser.getContext(), name, constraint));
      return success();
    };
    if (parser.parseCommaSeparatedList(parseOne) || parser.parseGreater())
      return failure();
  }
  result = ArrayAttr::get(parser.getContext(), params);
  return success();
}

static void printTypeParams(OpAsmPrinter &printer, ArrayAttr params) {
  if (!params || params.empty())
    return;
  printer << "<";
  llvm::interleaveComma(params, printer, [&](Attribute a) {
    auto tp = llvm::cast<TypeParamAttr>(a);
    printer.printKeywordOrString(tp.getName());
    printer << ": ";
    gosurface::printGoType(printer, tp.getConstraint());
  });
  printer << ">";
}

/// `(a: T, b: ...U)` or `(T, ...U)`: names are optional.
static ParseResult parseNamedTuple(OpAsmParser &parser,
                                   SmallVectorImpl<Attribute> &names,
                                   SmallVectorImpl<Type> &types,
                                   bool *variadic) {
  MLIRContext *ctx = parser.getContext();
  if (parser.parseLParen())
    return failure();
  if (succeeded(parser.parseOptionalRParen()))
    return success();
  do {
    SMLoc loc = parser.getCurrentLocation();
    std::string word;
    std::string name;
    Type type;
    bool haveWord = succeeded(parser.parseOptionalKeywordOrString(&word));
    bool named = haveWord && succeeded(parser.parseOptionalColon());
    if (named)
      name = word;
    SMLoc typeLoc = parser.getCurrentLocation();
    bool dots = false;
    if (!haveWord || named)
      dots = succeeded(parser.parseOptionalEllipsis());
    if (dots && !variadic)
      return parser.emitError(typeLoc, "'...' is only allowed on parameters");
    if (haveWord && !named) {
      if (parseGoTypeWithKeyword(parser, loc, word, type))
        return failure();
    } else if (gosurface::parseGoType(parser, type)) {
      return failure();
    }
    if (dots)
      type = SliceType::get(ctx, type);
    names.push_back(StringAttr::get(ctx, name));
    types.push_back(type);
    if (dots) {
      *variadic = true;
      if (failed(parser.parseOptionalRParen()))
        return parser.emitError(typeLoc,
                                "only the last parameter can be variadic");
      return success();
    }
  } while (succeeded(parser.parseOptionalComma()));
  return parser.parseRParen();
}

static void printNamedTuple(OpAsmPrinter &printer, ArrayAttr names,
                            ArrayRef<Type> types, bool variadic) {
  bool anyNamed = llvm::any_of(names, [](Attribute a) {
    return !llvm::cast<StringAttr>(a).getValue().empty();
  });
  printer << "(";
  for (auto [i, t] : llvm::enumerate(types)) {
    if (i)
      printer << ", ";
    if (anyNamed) {
      printer.printKeywordOrString(llvm::cast<StringAttr>(names[i]).getValue());
      printer << ": ";
    }
    if (variadic && i + 1 == types.size()) {
      printer << "...";
      gosurface::printGoType(printer, llvm::cast<SliceType>(t).getElem());
    } else {
      gosurface::printGoType(printer, t);
    }
  }
  printer << ")";
}

/// A signature with names: `(a: T) -> (r: R)`; no arrow when no results.
static ParseResult parseSignature(OpAsmParser &parser, OperationState &state,
                                  StringRef typeAttr, StringRef argAttr,
                                  StringRef resAttr) {
  SmallVector<Attribute> argNames, resNames;
  SmallVector<Type> inputs, results;
  bool variadic = false;
  SMLoc loc = parser.getCurrentLocation();
  if (parseNamedTuple(parser, argNames, inputs, &variadic))
    return failure();
  if (succeeded(parser.parseOptionalArrow()))
    if (parseNamedTuple(parser, resNames, results, nullptr))
      return failure();
  MLIRContext *ctx = parser.getContext();
  auto fn = FuncType::getChecked([&] { return parser.emitError(loc); }, ctx,
                                 ArrayRef<Type>(inputs),
                                 ArrayRef<Type>(results), variadic);
  if (!fn)
    return failure();
  state.addAttribute(typeAttr, TypeAttr::get(fn));
  state.addAttribute(argAttr, ArrayAttr::get(ctx, argNames));
  state.addAttribute(resAttr, ArrayAttr::get(ctx, resNames));
  return success();
}

static void printSignature(OpAsmPrinter &printer, FuncType fn,
                           ArrayAttr argNames, ArrayAttr resNames) {
  printNamedTuple(printer, argNames, fn.getInputs(), fn.getVariadic());
  if (!fn.getResults().empty()) {
    printer << " -> ";
    printNamedTuple(printer, resNames, fn.getResults(), false);
  }
}

} // namespace gosurface
} // namespace mochigo

//===----------------------------------------------------------------------===//
// Shared verification helpers
//===----------------------------------------------------------------------===//

/// Collect the names of the type parameters an attribute mentions.
static void collectTypeParamRefs(Attribute attr, llvm::StringSet<> &out) {
  if (!attr)
    return;
  attr.walk([&](TypeParamType t) { out.insert(t.getName()); });
}


/// Every type parameter used in `op`'s attributes must be in `declared`.
static LogicalResult checkTypeParamScope(Operation *op,
                                         const llvm::StringSet<> &declared) {
  llvm::StringSet<> used;
  for (NamedAttribute na : op->getAttrs())
    collectTypeParamRefs(na.getValue(), used);
  for (auto &entry : used)
    if (!declared.contains(entry.getKey()))
      return op->emitOpError("uses type parameter '")
             << entry.getKey() << "' that is not declared in scope";
  return success();
}

static LogicalResult verifyTypeParamList(Operation *op, ArrayAttr params,
                                         llvm::StringSet<> &declared) {
  for (Attribute a : params) {
    auto tp = llvm::cast<TypeParamAttr>(a);
    if (!declared.insert(tp.getName()).second)
      return op->emitOpError("declares type parameter '")
             << tp.getName() << "' twice";
    if (llvm::isa<HiddenType>(tp.getConstraint()))
      return op->emitOpError("type parameter '")
             << tp.getName() << "' has no constraint";
  }
  return success();
}

static LogicalResult verifyNames(Operation *op, ArrayAttr names, size_t count,
                                 StringRef what) {
  if (names.size() != count)
    return op->emitOpError("has ")
           << names.size() << " " << what << " names for " << count << " "
           << what << "s";
  return success();
}

//===----------------------------------------------------------------------===//
// GoModuleOp
//===----------------------------------------------------------------------===//

void GoModuleOp::build(OpBuilder &builder, OperationState &state, StringRef path,
                     StringRef version) {
  state.addAttribute(getSymNameAttrName(state.name),
                     builder.getStringAttr(path));
  state.addAttribute(getVersionAttrName(state.name),
                     builder.getStringAttr(version));
  Region *body = state.addRegion();
  body->push_back(new Block());
}

LogicalResult GoModuleOp::verifyRegions() {
  // Index the declared types of every package of the module.
  llvm::StringMap<PackageOp> packages;
  llvm::StringMap<int64_t> externals;
  for (Operation &op : getBodyBlock()) {
    if (auto pkg = llvm::dyn_cast<PackageOp>(op)) {
      if (!packages.try_emplace(pkg.getPath(), pkg).second)
        return pkg.emitOpError("duplicate package '") << pkg.getPath() << "'";
    } else if (auto ext = llvm::dyn_cast<ExternalTypeOp>(op)) {
      if (!externals.try_emplace(ext.getQualifiedName(), ext.getNumTypeParams())
               .second)
        return ext.emitOpError("duplicate external type '")
               << ext.getQualifiedName() << "'";
    } else {
      return op.emitOpError("is not allowed in a go.module (only go.package "
                            "and go.external_type)");
    }
  }

  // Every named type of one of these packages must be declared there, with
  // as many type arguments as it has type parameters.
  auto checkNamed = [&](Operation *user, NamedType named) -> LogicalResult {
    auto it = packages.find(named.getPkg());
    if (it == packages.end()) {
      auto ext = externals.find(named.getQualifiedName());
      if (ext != externals.end() &&
          ext->second != static_cast<int64_t>(named.getArgs().size()))
        return user->emitOpError("instantiates external type '")
               << named.getQualifiedName() << "' with "
               << named.getArgs().size() << " type arguments, it has "
               << ext->second << " type parameters";
      return success();
    }
    Operation *decl =
        mlir::SymbolTable::lookupSymbolIn(it->second, named.getName());
    size_t expected = 0;
    if (auto type = llvm::dyn_cast_or_null<TypeOp>(decl))
      expected = type.getTypeParams().size();
    else if (auto alias = llvm::dyn_cast_or_null<AliasOp>(decl))
      expected = alias.getTypeParams().size();
    else
      return user->emitOpError("refers to named type '")
             << named.getQualifiedName()
             << "' which is not declared in package '" << named.getPkg()
             << "' (dangling type reference)";
    if (expected != named.getArgs().size())
      return user->emitOpError("instantiates '")
             << named.getQualifiedName() << "' with "
             << named.getArgs().size() << " type arguments, it has "
             << expected << " type parameters";
    return success();
  };

  WalkResult result = getOperation()->walk([&](Operation *op) {
    for (NamedAttribute na : op->getAttrs()) {
      WalkResult r = na.getValue().walk([&](NamedType named) {
        return failed(checkNamed(op, named)) ? WalkResult::interrupt()
                                             : WalkResult::advance();
      });
      if (r.wasInterrupted())
        return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}

//===----------------------------------------------------------------------===//
// PackageOp
//===----------------------------------------------------------------------===//

void PackageOp::build(OpBuilder &builder, OperationState &state, StringRef path,
                      StringRef name) {
  state.addAttribute(getSymNameAttrName(state.name),
                     builder.getStringAttr(path));
  state.addAttribute(getNameAttrName(state.name), builder.getStringAttr(name));
  Region *body = state.addRegion();
  body->push_back(new Block());
}

LogicalResult PackageOp::verify() {
  if (getName().empty())
    return emitOpError("needs a package name");
  if (getPath().empty())
    return emitOpError("needs an import path");
  for (Operation &op : getBodyBlock())
    if (!llvm::isa<TypeOp, AliasOp, FuncOp, MethodOp, ConstOp, VarOp>(op))
      return op.emitOpError("is not a declaration and cannot appear in a "
                            "go.package");
  return success();
}

//===----------------------------------------------------------------------===//
// ExternalTypeOp
//===----------------------------------------------------------------------===//

LogicalResult ExternalTypeOp::verify() {
  StringRef q = getQualifiedName();
  size_t dot = q.rfind('.');
  if (dot == StringRef::npos || dot == 0 || dot + 1 == q.size())
    return emitOpError("needs a qualified name 'pkg.Name', got '") << q << "'";
  if (llvm::isa<NamedType, TypeParamType, HiddenType>(getUnderlying()))
    return emitOpError("underlying type cannot be ")
           << goTypeString(getUnderlying());
  return success();
}

//===----------------------------------------------------------------------===//
// TypeOp
//===----------------------------------------------------------------------===//

ParseResult TypeOp::parse(OpAsmParser &parser, OperationState &state) {
  MLIRContext *ctx = parser.getContext();
  StringAttr name;
  ArrayAttr params;
  if (parser.parseSymbolName(name) || parseTypeParams(parser, params))
    return failure();
  state.addAttribute(getSymNameAttrName(state.name), name);
  state.addAttribute(getTypeParamsAttrName(state.name), params);
  Region *body = state.addRegion();
  TypeForm form = TypeForm::Defined;
  if (succeeded(parser.parseOptionalColon())) {
    Type underlying;
    if (gosurface::parseGoType(parser, underlying) ||
        parser.parseOptionalAttrDict(state.attributes))
      return failure();
    state.addAttribute(getUnderlyingAttrName(state.name),
                       TypeAttr::get(underlying));
  } else {
    StringRef keyword;
    if (parser.parseKeyword(&keyword))
      return failure();
    std::optional<TypeForm> parsed = symbolizeTypeForm(keyword);
    if (!parsed || *parsed == TypeForm::Defined)
      return parser.emitError(parser.getCurrentLocation(),
                              "expected ':' <type>, 'struct' or 'interface'");
    form = *parsed;
    if (parser.parseOptionalAttrDictWithKeyword(state.attributes) ||
        parser.parseRegion(*body))
      return failure();
  }
  if (body->empty() && form != TypeForm::Defined)
    body->push_back(new Block());
  state.addAttribute(getFormAttrName(state.name),
                     TypeFormAttr::get(ctx, form));
  return success();
}

void TypeOp::print(OpAsmPrinter &printer) {
  printer << " ";
  printer.printSymbolName(getSymName());
  printTypeParams(printer, getTypeParams());
  SmallVector<StringRef> elided = {getSymNameAttrName(), getTypeParamsAttrName(),
                                   getFormAttrName(), getUnderlyingAttrName()};
  if (getForm() == TypeForm::Defined) {
    printer << " : ";
    gosurface::printGoType(printer, getUnderlying().value_or(Type()));
    printer.printOptionalAttrDict((*this)->getAttrs(), elided);
    return;
  }
  printer << " " << stringifyTypeForm(getForm());
  printer.printOptionalAttrDictWithKeyword((*this)->getAttrs(), elided);
  printer << " ";
  printer.printRegion(getBody(), /*printEntryBlockArgs=*/false,
                      /*printBlockTerminators=*/false,
                      /*printEmptyBlock=*/false);
}

Type TypeOp::getUnderlyingType() {
  MLIRContext *ctx = getContext();
  switch (getForm()) {
  case TypeForm::Defined:
    return *getUnderlying();
  case TypeForm::Struct: {
    SmallVector<StructField> fields;
    for (auto field : getBody().getOps<FieldOp>())
      fields.push_back(StructField{field.getNameAttr(), field.getType(),
                                   field.getTagAttr(), field.getEmbedded()});
    return StructType::get(ctx, fields);
  }
  case TypeForm::Interface: {
    SmallVector<InterfaceMethod> methods;
    SmallVector<Type> embeds;
    for (Operation &op : getBody().front()) {
      if (auto m = llvm::dyn_cast<InterfaceMethodOp>(op))
        methods.push_back(InterfaceMethod{m.getNameAttr(), m.getFunctionType()});
      else if (auto e = llvm::dyn_cast<EmbedOp>(op))
        embeds.push_back(e.getType());
    }
    if (methods.empty() && embeds.empty())
      return AnyType::get(ctx);
    return InterfaceType::get(ctx, methods, embeds);
  }
  }
  llvm_unreachable("unknown type form");
}

LogicalResult TypeOp::verify() {
  llvm::StringSet<> declared;
  if (failed(verifyTypeParamList(*this, getTypeParams(), declared)) ||
      failed(checkTypeParamScope(*this, declared)))
    return failure();
  if (getForm() == TypeForm::Defined) {
    if (!getUnderlying())
      return emitOpError("of form 'defined' needs an underlying type");
    if (!getBody().empty() && !getBody().front().empty())
      return emitOpError("of form 'defined' cannot have a body");
    Type u = *getUnderlying();
    if (llvm::isa<StructType, InterfaceType, AnyType, ErrorType,
                  ComparableType>(u))
      return emitOpError("underlying type ")
             << goTypeString(u)
             << " must be written with the 'struct' or 'interface' form";
    if (llvm::isa<NamedType, TypeParamType, HiddenType, UnionType>(u))
      return emitOpError("underlying type cannot be ") << goTypeString(u);
    return success();
  }
  if (getUnderlying())
    return emitOpError("of form '")
           << stringifyTypeForm(getForm())
           << "' takes its underlying type from its body, not an attribute";
  if (getBody().getBlocks().size() != 1)
    return emitOpError("needs exactly one block in its body");
  llvm::StringSet<> names;
  for (Operation &op : getBody().front()) {
    if (getForm() == TypeForm::Struct) {
      auto field = llvm::dyn_cast<FieldOp>(op);
      if (!field)
        return op.emitOpError("cannot appear in a struct type (only go.field)");
      if (field.getName() != "_" && !names.insert(field.getName()).second)
        return field.emitOpError("duplicate field '") << field.getName() << "'";
    } else {
      if (!llvm::isa<InterfaceMethodOp, EmbedOp>(op))
        return op.emitOpError("cannot appear in an interface type (only "
                              "go.interface_method and go.embed)");
      if (auto m = llvm::dyn_cast<InterfaceMethodOp>(op))
        if (!names.insert(m.getName()).second)
          return m.emitOpError("duplicate method '") << m.getName() << "'";
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// FieldOp, InterfaceMethodOp, EmbedOp
//===----------------------------------------------------------------------===//

static llvm::StringSet<> typeParamsOf(TypeOp type) {
  llvm::StringSet<> declared;
  for (Attribute a : type.getTypeParams())
    declared.insert(llvm::cast<TypeParamAttr>(a).getName());
  return declared;
}

bool FieldOp::isExported() { return isExportedName(getName()); }

LogicalResult FieldOp::verify() {
  if (failed(verifyStructField([&] { return emitOpError(); }, getName(),
                               getType(), getEmbedded())))
    return failure();
  if (getTag() && !isExported())
    return emitOpError("of an unexported field records no tag");
  return checkTypeParamScope(*this, typeParamsOf((*this)->getParentOfType<TypeOp>()));
}

ParseResult InterfaceMethodOp::parse(OpAsmParser &parser,
                                     OperationState &state) {
  StringAttr name;
  if (parser.parseAttribute(name, getNameAttrName(state.name),
                            state.attributes) ||
      parseSignature(parser, state, getFunctionTypeAttrName(state.name),
                     getArgNamesAttrName(state.name),
                     getResultNamesAttrName(state.name)) ||
      parser.parseOptionalAttrDict(state.attributes))
    return failure();
  return success();
}

void InterfaceMethodOp::print(OpAsmPrinter &printer) {
  printer << " ";
  printer.printAttributeWithoutType(getNameAttr());
  printSignature(printer, getSignature(), getArgNames(), getResultNames());
  printer.printOptionalAttrDict(
      (*this)->getAttrs(), {getNameAttrName(), getFunctionTypeAttrName(),
                            getArgNamesAttrName(), getResultNamesAttrName()});
}

LogicalResult InterfaceMethodOp::verify() {
  if (getName().empty())
    return emitOpError("needs a method name");
  if (!llvm::isa<FuncType>(getFunctionType()))
    return emitOpError("needs a func type");
  FuncType fn = getSignature();
  if (failed(verifyNames(*this, getArgNames(), fn.getInputs().size(),
                         "parameter")) ||
      failed(verifyNames(*this, getResultNames(), fn.getResults().size(),
                         "result")))
    return failure();
  return checkTypeParamScope(*this, typeParamsOf((*this)->getParentOfType<TypeOp>()));
}

LogicalResult EmbedOp::verify() {
  Type t = getType();
  if (llvm::isa<HiddenType, FuncType>(t))
    return emitOpError("cannot embed ") << goTypeString(t);
  return checkTypeParamScope(*this, typeParamsOf((*this)->getParentOfType<TypeOp>()));
}

//===----------------------------------------------------------------------===//
// AliasOp
//===----------------------------------------------------------------------===//

ParseResult AliasOp::parse(OpAsmParser &parser, OperationState &state) {
  StringAttr name;
  ArrayAttr params;
  Type target;
  if (parser.parseSymbolName(name) || parseTypeParams(parser, params) ||
      parser.parseEqual() || gosurface::parseGoType(parser, target) ||
      parser.parseOptionalAttrDict(state.attributes))
    return failure();
  state.addAttribute(getSymNameAttrName(state.name), name);
  state.addAttribute(getTypeParamsAttrName(state.name), params);
  state.addAttribute(getTargetAttrName(state.name), TypeAttr::get(target));
  return success();
}

void AliasOp::print(OpAsmPrinter &printer) {
  printer << " ";
  printer.printSymbolName(getSymName());
  printTypeParams(printer, getTypeParams());
  printer << " = ";
  gosurface::printGoType(printer, getTarget());
  printer.printOptionalAttrDict(
      (*this)->getAttrs(),
      {getSymNameAttrName(), getTypeParamsAttrName(), getTargetAttrName()});
}

LogicalResult AliasOp::verify() {
  llvm::StringSet<> declared;
  if (failed(verifyTypeParamList(*this, getTypeParams(), declared)) ||
      failed(checkTypeParamScope(*this, declared)))
    return failure();
  if (llvm::isa<HiddenType, UnionType>(getTarget()))
    return emitOpError("cannot alias ") << goTypeString(getTarget());
  return success();
}

//===----------------------------------------------------------------------===//
// FuncOp
//===----------------------------------------------------------------------===//

ParseResult FuncOp::parse(OpAsmParser &parser, OperationState &state) {
  StringAttr name;
  ArrayAttr params;
  if (parser.parseSymbolName(name) || parseTypeParams(parser, params))
    return failure();
  state.addAttribute(getSymNameAttrName(state.name), name);
  state.addAttribute(getTypeParamsAttrName(state.name), params);
  if (parseSignature(parser, state, getFunctionTypeAttrName(state.name),
                     getArgNamesAttrName(state.name),
                     getResultNamesAttrName(state.name)) ||
      parser.parseOptionalAttrDict(state.attributes))
    return failure();
  return success();
}

void FuncOp::print(OpAsmPrinter &printer) {
  printer << " ";
  printer.printSymbolName(getSymName());
  printTypeParams(printer, getTypeParams());
  printSignature(printer, getSignature(), getArgNames(), getResultNames());
  printer.printOptionalAttrDict(
      (*this)->getAttrs(),
      {getSymNameAttrName(), getTypeParamsAttrName(), getFunctionTypeAttrName(),
       getArgNamesAttrName(), getResultNamesAttrName()});
}

LogicalResult FuncOp::verify() {
  if (!llvm::isa<FuncType>(getFunctionType()))
    return emitOpError("needs a func type");
  FuncType fn = getSignature();
  llvm::StringSet<> declared;
  if (failed(verifyNames(*this, getArgNames(), fn.getInputs().size(),
                         "parameter")) ||
      failed(verifyNames(*this, getResultNames(), fn.getResults().size(),
                         "result")) ||
      failed(verifyTypeParamList(*this, getTypeParams(), declared)))
    return failure();
  return checkTypeParamScope(*this, declared);
}

//===----------------------------------------------------------------------===//
// MethodOp
//===----------------------------------------------------------------------===//

StringRef MethodOp::getReceiverTypeName() {
  return getSymName().split('.').first;
}

StringRef MethodOp::getMethodName() { return getSymName().split('.').second; }

ParseResult MethodOp::parse(OpAsmParser &parser, OperationState &state) {
  MLIRContext *ctx = parser.getContext();
  StringAttr name;
  if (parser.parseSymbolName(name) || parser.parseKeyword("recv") ||
      parser.parseLParen())
    return failure();
  state.addAttribute(getSymNameAttrName(state.name), name);
  std::string recvName;
  Type recv;
  SMLoc loc = parser.getCurrentLocation();
  std::string word;
  if (succeeded(parser.parseOptionalKeywordOrString(&word))) {
    if (succeeded(parser.parseOptionalColon())) {
      recvName = word;
      if (gosurface::parseGoType(parser, recv))
        return failure();
    } else if (parseGoTypeWithKeyword(parser, loc, word, recv)) {
      return failure();
    }
  } else if (gosurface::parseGoType(parser, recv)) {
    return failure();
  }
  if (parser.parseRParen())
    return failure();
  state.addAttribute(getReceiverAttrName(state.name), TypeAttr::get(recv));
  state.addAttribute(getReceiverNameAttrName(state.name),
                     StringAttr::get(ctx, recvName));
  if (parseSignature(parser, state, getFunctionTypeAttrName(state.name),
                     getArgNamesAttrName(state.name),
                     getResultNamesAttrName(state.name)) ||
      parser.parseOptionalAttrDict(state.attributes))
    return failure();
  return success();
}

void MethodOp::print(OpAsmPrinter &printer) {
  printer << " ";
  printer.printSymbolName(getSymName());
  printer << " recv(";
  if (!getReceiverName().empty()) {
    printer.printKeywordOrString(getReceiverName());
    printer << ": ";
  }
  gosurface::printGoType(printer, getReceiver());
  printer << ") ";
  printSignature(printer, getSignature(), getArgNames(), getResultNames());
  printer.printOptionalAttrDict(
      (*this)->getAttrs(),
      {getSymNameAttrName(), getReceiverAttrName(), getReceiverNameAttrName(),
       getFunctionTypeAttrName(), getArgNamesAttrName(),
       getResultNamesAttrName()});
}

LogicalResult MethodOp::verify() {
  if (!llvm::isa<FuncType>(getFunctionType()))
    return emitOpError("needs a func type");
  if (getMethodName().empty() || getReceiverTypeName().empty())
    return emitOpError("symbol must be '<receiver type>.<method>', got '")
           << getSymName() << "'";
  Type base = getReceiver();
  if (auto ptr = llvm::dyn_cast<PointerType>(base))
    base = ptr.getElem();
  auto named = llvm::dyn_cast<NamedType>(base);
  if (!named)
    return emitOpError("receiver must be a named type or a pointer to one, "
                       "got ")
           << goTypeString(getReceiver());
  auto pkg = (*this)->getParentOfType<PackageOp>();
  if (named.getPkg() != pkg.getPath())
    return emitOpError("declares a method on non-local type '")
           << named.getQualifiedName() << "' (methods belong to package '"
           << pkg.getPath() << "')";
  if (named.getName() != getReceiverTypeName())
    return emitOpError("symbol names receiver type '")
           << getReceiverTypeName() << "' but the receiver is '"
           << named.getName() << "'";
  // The receiver's type arguments declare the method's type parameters.
  llvm::StringSet<> declared;
  for (Type arg : named.getArgs()) {
    auto tp = llvm::dyn_cast<TypeParamType>(arg);
    if (!tp)
      return emitOpError("receiver type arguments must be type parameters");
    declared.insert(tp.getName());
  }
  FuncType fn = getSignature();
  if (failed(verifyNames(*this, getArgNames(), fn.getInputs().size(),
                         "parameter")) ||
      failed(verifyNames(*this, getResultNames(), fn.getResults().size(),
                         "result")))
    return failure();
  return checkTypeParamScope(*this, declared);
}

//===----------------------------------------------------------------------===//
// ConstOp
//===----------------------------------------------------------------------===//

LogicalResult ConstOp::verify() {
  Type t = getType();
  if (!llvm::isa<BasicType, NamedType>(t))
    return emitOpError("constant type must be a basic or named type, got ")
           << goTypeString(t);
  StringRef v = getValue();
  switch (getKind()) {
  case ConstKind::Bool:
    if (v != "true" && v != "false")
      return emitOpError("bool constant must be 'true' or 'false', got '")
             << v << "'";
    break;
  case ConstKind::Int:
    if (!llvm::Regex("^-?[0-9]+$").match(v))
      return emitOpError("int constant must be a decimal integer, got '")
             << v << "'";
    break;
  case ConstKind::Float:
  case ConstKind::Complex:
    if (v.empty())
      return emitOpError("needs a value");
    break;
  case ConstKind::String:
    break;
  }
  if (auto basic = llvm::dyn_cast<BasicType>(t)) {
    bool ok = true;
    switch (getKind()) {
    case ConstKind::Bool:
      ok = basic.getKind() == BasicKind::Bool ||
           basic.getKind() == BasicKind::UntypedBool;
      break;
    case ConstKind::String:
      ok = basic.getKind() == BasicKind::String ||
           basic.getKind() == BasicKind::UntypedString;
      break;
    case ConstKind::Int:
      ok = basic.isInteger() || basic.isFloat() || basic.isComplex();
      break;
    case ConstKind::Float:
      ok = basic.isFloat() || basic.isComplex();
      break;
    case ConstKind::Complex:
      ok = basic.isComplex();
      break;
    }
    if (!ok)
      return emitOpError("a ")
             << stringifyConstKind(getKind()) << " value cannot have type "
             << goTypeString(t);
  }
  return success();
}

#define GET_OP_CLASSES
#include "mochi-go/GoSurface/GoSurfaceOps.cpp.inc"
