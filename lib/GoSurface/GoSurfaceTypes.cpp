//===- GoSurfaceTypes.cpp - Go types ---------------------------------------===//
//
// Part of mochi-go. Parsers, printers and verifiers of the Go types.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/ConvertUTF.h"

using namespace mlir;
using namespace mochigo::gosurface;

#include "mochi-go/GoSurface/GoSurfaceEnums.cpp.inc"

// The generated type parser is not used (see parseGoTypeWithKeyword).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#define GET_TYPEDEF_CLASSES
#include "mochi-go/GoSurface/GoSurfaceTypes.cpp.inc"
#pragma GCC diagnostic pop

#define GET_ATTRDEF_CLASSES
#include "mochi-go/GoSurface/GoSurfaceAttrs.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers shared by types and operations
//===----------------------------------------------------------------------===//

bool mochigo::gosurface::isExportedName(StringRef name) {
  if (name.empty())
    return false;
  unsigned char c = name.front();
  if (c < 0x80)
    return c >= 'A' && c <= 'Z';
  // Non-ASCII: Go exports names that start with a Unicode upper-case letter.
  // Decode the first code point and accept the upper-case letters of the
  // blocks Go code uses in practice (Latin-1, Latin Extended, Greek,
  // Cyrillic).
  const llvm::UTF8 *p = reinterpret_cast<const llvm::UTF8 *>(name.data());
  llvm::UTF32 cp = 0;
  llvm::UTF32 *out = &cp;
  if (llvm::ConvertUTF8toUTF32(&p, p + name.size(), &out, out + 1,
                               llvm::lenientConversion) ==
          llvm::sourceIllegal ||
      out == &cp)
    return false;
  if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
    return true;
  if (cp >= 0x100 && cp <= 0x17F)
    return (cp & 1) == 0;
  if (cp >= 0x391 && cp <= 0x3AB)
    return true;
  if (cp >= 0x400 && cp <= 0x42F)
    return true;
  return false;
}

bool StructField::isExported() const {
  return name && isExportedName(name.getValue());
}

bool mochigo::gosurface::isGoType(Type type) {
  return type && llvm::isa<GoSurfaceDialect>(type.getDialect());
}

void mochigo::gosurface::printGoType(AsmPrinter &printer, Type type) {
  if (auto basic = llvm::dyn_cast<BasicType>(type)) {
    printer << stringifyBasicKind(basic.getKind());
    return;
  }
  if (isGoType(type) && succeeded(generatedTypePrinter(type, printer)))
    return;
  printer.printType(type);
}

/// Parse a Go type whose leading keyword has already been consumed.
ParseResult mochigo::gosurface::parseGoTypeWithKeyword(AsmParser &parser,
                                                     SMLoc loc,
                                                     StringRef keyword,
                                                     Type &type) {
  // The generated parser of LLVM 19 always reads the keyword itself, so
  // dispatch on the already-read keyword here.
  MLIRContext *ctx = parser.getContext();
  auto done = [&](Type parsed) { type = parsed; return success(!!parsed); };
  if (keyword == ErrorType::getMnemonic())
    return done(ErrorType::get(ctx));
  if (keyword == AnyType::getMnemonic())
    return done(AnyType::get(ctx));
  if (keyword == ComparableType::getMnemonic())
    return done(ComparableType::get(ctx));
  if (keyword == HiddenType::getMnemonic())
    return done(HiddenType::get(ctx));
  if (keyword == NamedType::getMnemonic())
    return done(NamedType::parse(parser));
  if (keyword == TypeParamType::getMnemonic())
    return done(TypeParamType::parse(parser));
  if (keyword == PointerType::getMnemonic())
    return done(PointerType::parse(parser));
  if (keyword == SliceType::getMnemonic())
    return done(SliceType::parse(parser));
  if (keyword == ArrayType::getMnemonic())
    return done(ArrayType::parse(parser));
  if (keyword == MapType::getMnemonic())
    return done(MapType::parse(parser));
  if (keyword == ChanType::getMnemonic())
    return done(ChanType::parse(parser));
  if (keyword == FuncType::getMnemonic())
    return done(FuncType::parse(parser));
  if (keyword == StructType::getMnemonic())
    return done(StructType::parse(parser));
  if (keyword == InterfaceType::getMnemonic())
    return done(InterfaceType::parse(parser));
  if (keyword == UnionType::getMnemonic())
    return done(UnionType::parse(parser));
  if (std::optional<BasicKind> kind = symbolizeBasicKind(keyword)) {
    type = BasicType::get(parser.getContext(), *kind);
    return success();
  }
  return parser.emitError(loc, "unknown Go type '") << keyword << "'";
}

ParseResult mochigo::gosurface::parseGoType(AsmParser &parser, Type &type) {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (succeeded(parser.parseOptionalKeyword(&keyword)))
    return parseGoTypeWithKeyword(parser, loc, keyword, type);
  return parser.parseType(type);
}

//===----------------------------------------------------------------------===//
// Dialect type hooks
//===----------------------------------------------------------------------===//

void GoSurfaceDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "mochi-go/GoSurface/GoSurfaceTypes.cpp.inc"
      >();
}

void GoSurfaceDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mochi-go/GoSurface/GoSurfaceAttrs.cpp.inc"
      >();
}

Type GoSurfaceDialect::parseType(DialectAsmParser &parser) const {
  SMLoc loc = parser.getCurrentLocation();
  StringRef keyword;
  if (failed(parser.parseKeyword(&keyword)))
    return Type();
  Type type;
  if (failed(parseGoTypeWithKeyword(parser, loc, keyword, type)))
    return Type();
  return type;
}

void GoSurfaceDialect::printType(Type type, DialectAsmPrinter &printer) const {
  printGoType(printer, type);
}

//===----------------------------------------------------------------------===//
// BasicType
//===----------------------------------------------------------------------===//

bool BasicType::isInteger() const {
  switch (getKind()) {
  case BasicKind::Int:
  case BasicKind::Int8:
  case BasicKind::Int16:
  case BasicKind::Int32:
  case BasicKind::Int64:
  case BasicKind::Uint:
  case BasicKind::Uint8:
  case BasicKind::Uint16:
  case BasicKind::Uint32:
  case BasicKind::Uint64:
  case BasicKind::Uintptr:
  case BasicKind::Byte:
  case BasicKind::Rune:
  case BasicKind::UntypedInt:
  case BasicKind::UntypedRune:
    return true;
  default:
    return false;
  }
}

bool BasicType::isUnsigned() const {
  switch (getKind()) {
  case BasicKind::Uint:
  case BasicKind::Uint8:
  case BasicKind::Uint16:
  case BasicKind::Uint32:
  case BasicKind::Uint64:
  case BasicKind::Uintptr:
  case BasicKind::Byte:
    return true;
  default:
    return false;
  }
}

bool BasicType::isFloat() const {
  return getKind() == BasicKind::Float32 || getKind() == BasicKind::Float64 ||
         getKind() == BasicKind::UntypedFloat;
}

bool BasicType::isComplex() const {
  return getKind() == BasicKind::Complex64 ||
         getKind() == BasicKind::Complex128 ||
         getKind() == BasicKind::UntypedComplex;
}

bool BasicType::isUntyped() const {
  return getKind() >= BasicKind::UntypedBool;
}

unsigned BasicType::getBitWidth() const {
  switch (getKind()) {
  case BasicKind::Int8:
  case BasicKind::Uint8:
  case BasicKind::Byte:
    return 8;
  case BasicKind::Int16:
  case BasicKind::Uint16:
    return 16;
  case BasicKind::Int32:
  case BasicKind::Uint32:
  case BasicKind::Rune:
  case BasicKind::Float32:
    return 32;
  case BasicKind::Int:
  case BasicKind::Uint:
  case BasicKind::Uintptr:
  case BasicKind::Int64:
  case BasicKind::Uint64:
  case BasicKind::Float64:
  case BasicKind::Complex64:
    return 64;
  case BasicKind::Complex128:
    return 128;
  default:
    return 0;
  }
}

//===----------------------------------------------------------------------===//
// NamedType
//===----------------------------------------------------------------------===//

std::string NamedType::getQualifiedName() const {
  if (getPkg().empty())
    return getName().str();
  return (getPkg() + "." + getName()).str();
}

static bool isGoIdentifierish(StringRef name) {
  if (name.empty())
    return false;
  for (char c : name)
    if (c == '.' || c == ' ' || c == '/' || c == '\t' || c == '\n')
      return false;
  return true;
}

LogicalResult NamedType::verify(function_ref<InFlightDiagnostic()> emitError,
                                StringRef pkg, StringRef name,
                                ArrayRef<Type> args) {
  if (!isGoIdentifierish(name))
    return emitError() << "named type needs a Go identifier as its name, got '"
                       << name << "'";
  for (Type arg : args)
    if (llvm::isa_and_nonnull<HiddenType>(arg))
      return emitError() << "type argument of '" << pkg << "." << name
                         << "' cannot be hidden";
  return success();
}

Type NamedType::parse(AsmParser &parser) {
  std::string qualified;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess() || parser.parseString(&qualified))
    return Type();
  StringRef q(qualified);
  size_t dot = q.rfind('.');
  size_t slash = q.rfind('/');
  StringRef pkg, name;
  if (dot == StringRef::npos || (slash != StringRef::npos && dot < slash)) {
    name = q;
  } else {
    pkg = q.take_front(dot);
    name = q.drop_front(dot + 1);
  }
  SmallVector<Type> args;
  if (succeeded(parser.parseOptionalComma())) {
    if (parser.parseCommaSeparatedList(
            AsmParser::Delimiter::Square,
            [&]() { return parseGoType(parser, args.emplace_back()); }))
      return Type();
  }
  if (parser.parseGreater())
    return Type();
  return getChecked([&] { return parser.emitError(loc); },
                    parser.getContext(), pkg, name, args);
}

void NamedType::print(AsmPrinter &printer) const {
  printer << "<\"";
  llvm::printEscapedString(getQualifiedName(), printer.getStream());
  printer << "\"";
  if (!getArgs().empty()) {
    printer << ", [";
    llvm::interleaveComma(getArgs(), printer,
                          [&](Type t) { printGoType(printer, t); });
    printer << "]";
  }
  printer << ">";
}

//===----------------------------------------------------------------------===//
// TypeParamType
//===----------------------------------------------------------------------===//

LogicalResult
TypeParamType::verify(function_ref<InFlightDiagnostic()> emitError,
                      StringRef name) {
  if (!isGoIdentifierish(name))
    return emitError() << "type parameter needs a name";
  return success();
}

//===----------------------------------------------------------------------===//
// Pointer, slice, array, map, chan
//===----------------------------------------------------------------------===//

template <typename T>
static Type parseSingleElem(AsmParser &parser) {
  Type elem;
  if (parser.parseLess() || parseGoType(parser, elem) || parser.parseGreater())
    return Type();
  return T::get(parser.getContext(), elem);
}

Type PointerType::parse(AsmParser &parser) {
  return parseSingleElem<PointerType>(parser);
}
void PointerType::print(AsmPrinter &printer) const {
  printer << "<";
  printGoType(printer, getElem());
  printer << ">";
}

Type SliceType::parse(AsmParser &parser) {
  return parseSingleElem<SliceType>(parser);
}
void SliceType::print(AsmPrinter &printer) const {
  printer << "<";
  printGoType(printer, getElem());
  printer << ">";
}

LogicalResult ArrayType::verify(function_ref<InFlightDiagnostic()> emitError,
                                int64_t length, Type elem) {
  if (length < 0)
    return emitError() << "array length must not be negative, got " << length;
  if (llvm::isa_and_nonnull<HiddenType>(elem))
    return emitError() << "array element type cannot be hidden";
  return success();
}

Type ArrayType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  int64_t length = 0;
  Type elem;
  if (parser.parseLess() || parser.parseInteger(length) ||
      parser.parseKeyword("x") || parseGoType(parser, elem) ||
      parser.parseGreater())
    return Type();
  return getChecked([&] { return parser.emitError(loc); },
                    parser.getContext(), length, elem);
}

void ArrayType::print(AsmPrinter &printer) const {
  printer << "<" << getLength() << " x ";
  printGoType(printer, getElem());
  printer << ">";
}

LogicalResult MapType::verify(function_ref<InFlightDiagnostic()> emitError,
                              Type key, Type elem) {
  // The Go spec: "the key type must not be a function, map, or slice".
  if (llvm::isa<FuncType, MapType, SliceType, HiddenType>(key))
    return emitError() << "invalid map key type " << goTypeString(key)
                       << ": must be comparable";
  return success();
}

Type MapType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  Type key, elem;
  if (parser.parseLess() || parseGoType(parser, key) || parser.parseComma() ||
      parseGoType(parser, elem) || parser.parseGreater())
    return Type();
  return getChecked([&] { return parser.emitError(loc); },
                    parser.getContext(), key, elem);
}

void MapType::print(AsmPrinter &printer) const {
  printer << "<";
  printGoType(printer, getKey());
  printer << ", ";
  printGoType(printer, getElem());
  printer << ">";
}

Type ChanType::parse(AsmParser &parser) {
  ChanDir dir = ChanDir::Both;
  StringRef keyword;
  if (parser.parseLess())
    return Type();
  if (succeeded(parser.parseOptionalKeyword(&keyword, {"send", "recv"}))) {
    dir = *symbolizeChanDir(keyword);
    if (parser.parseComma())
      return Type();
  }
  Type elem;
  if (parseGoType(parser, elem) || parser.parseGreater())
    return Type();
  return ChanType::get(parser.getContext(), dir, elem);
}

void ChanType::print(AsmPrinter &printer) const {
  printer << "<";
  if (getDir() != ChanDir::Both)
    printer << stringifyChanDir(getDir()) << ", ";
  printGoType(printer, getElem());
  printer << ">";
}

//===----------------------------------------------------------------------===//
// FuncType
//===----------------------------------------------------------------------===//

LogicalResult FuncType::verify(function_ref<InFlightDiagnostic()> emitError,
                               ArrayRef<Type> inputs, ArrayRef<Type> results,
                               bool variadic) {
  if (variadic && (inputs.empty() || !llvm::isa<SliceType>(inputs.back())))
    return emitError()
           << "a variadic signature needs a last parameter of slice type";
  for (Type t : llvm::concat<const Type>(inputs, results))
    if (llvm::isa_and_nonnull<HiddenType, UnionType>(t))
      return emitError() << "a parameter or result cannot have type "
                         << goTypeString(t);
  return success();
}

/// Parse `(T, T, ...T)`; sets `variadic` and wraps the last element in a
/// slice when it is spelled `...T`.
static ParseResult parseTypeTuple(AsmParser &parser, SmallVectorImpl<Type> &out,
                                  bool *variadic) {
  if (parser.parseLParen())
    return failure();
  if (succeeded(parser.parseOptionalRParen()))
    return success();
  do {
    SMLoc loc = parser.getCurrentLocation();
    bool dots = succeeded(parser.parseOptionalEllipsis());
    if (dots && !variadic)
      return parser.emitError(loc, "'...' is only allowed on parameters");
    Type t;
    if (parseGoType(parser, t))
      return failure();
    if (dots) {
      *variadic = true;
      t = SliceType::get(parser.getContext(), t);
      if (failed(parser.parseOptionalRParen()))
        return parser.emitError(loc,
                                "only the last parameter can be variadic");
      out.push_back(t);
      return success();
    }
    out.push_back(t);
  } while (succeeded(parser.parseOptionalComma()));
  return parser.parseRParen();
}

static void printTypeTuple(AsmPrinter &printer, ArrayRef<Type> types,
                           bool variadic) {
  printer << "(";
  for (auto [i, t] : llvm::enumerate(types)) {
    if (i)
      printer << ", ";
    if (variadic && i + 1 == types.size()) {
      printer << "...";
      printGoType(printer, llvm::cast<SliceType>(t).getElem());
    } else {
      printGoType(printer, t);
    }
  }
  printer << ")";
}

Type FuncType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<Type> inputs, results;
  bool variadic = false;
  if (parser.parseLess() || parseTypeTuple(parser, inputs, &variadic))
    return Type();
  if (succeeded(parser.parseOptionalArrow()))
    if (parseTypeTuple(parser, results, nullptr))
      return Type();
  if (parser.parseGreater())
    return Type();
  return getChecked([&] { return parser.emitError(loc); },
                    parser.getContext(), inputs, results, variadic);
}

void FuncType::print(AsmPrinter &printer) const {
  printer << "<";
  printTypeTuple(printer, getInputs(), getVariadic());
  if (!getResults().empty()) {
    printer << " -> ";
    printTypeTuple(printer, getResults(), false);
  }
  printer << ">";
}

//===----------------------------------------------------------------------===//
// StructType
//===----------------------------------------------------------------------===//

/// The rules a struct field obeys, shared by StructType and go.field.
LogicalResult mochigo::gosurface::verifyStructField(function_ref<InFlightDiagnostic()> emitError,
                          StringRef name, Type type, bool embedded) {
  if (name.empty())
    return emitError() << "struct field needs a name";
  bool exported = isExportedName(name);
  bool hidden = llvm::isa<HiddenType>(type);
  if (exported && hidden)
    return emitError() << "exported field '" << name
                       << "' must have a recorded type, not hidden";
  if (!exported && !hidden)
    return emitError() << "unexported field '" << name
                       << "' must have type hidden";
  if (embedded && exported) {
    Type base = type;
    if (auto ptr = llvm::dyn_cast<PointerType>(base))
      base = ptr.getElem();
    auto named = llvm::dyn_cast<NamedType>(base);
    if (!named)
      return emitError() << "embedded field '" << name
                         << "' must be a named type or a pointer to one";
    if (named.getName() != name)
      return emitError() << "embedded field '" << name
                         << "' must be named after its type '"
                         << named.getName() << "'";
  }
  if (llvm::isa<UnionType>(type))
    return emitError() << "field '" << name << "' cannot have a union type";
  return success();
}

LogicalResult StructType::verify(function_ref<InFlightDiagnostic()> emitError,
                                 ArrayRef<StructField> fields) {
  llvm::StringSet<> seen;
  for (const StructField &f : fields) {
    if (!f.name || !f.type)
      return emitError() << "struct field needs a name and a type";
    if (failed(verifyStructField(emitError, f.name.getValue(), f.type,
                                         f.embedded)))
      return failure();
    if (f.name.getValue() != "_" && !seen.insert(f.name.getValue()).second)
      return emitError() << "duplicate field '" << f.name.getValue() << "'";
  }
  return success();
}

Type StructType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  MLIRContext *ctx = parser.getContext();
  SmallVector<StructField> fields;
  if (parser.parseLess())
    return Type();
  if (failed(parser.parseOptionalGreater())) {
    auto parseField = [&]() -> ParseResult {
      std::string name;
      StructField f;
      if (parser.parseKeywordOrString(&name) || parser.parseColon() ||
          parseGoType(parser, f.type))
        return failure();
      f.name = StringAttr::get(ctx, name);
      if (succeeded(parser.parseOptionalKeyword("embedded")))
        f.embedded = true;
      if (succeeded(parser.parseOptionalKeyword("tag"))) {
        std::string tag;
        if (parser.parseString(&tag))
          return failure();
        f.tag = StringAttr::get(ctx, tag);
      }
      fields.push_back(f);
      return success();
    };
    if (parser.parseCommaSeparatedList(parseField) || parser.parseGreater())
      return Type();
  }
  return getChecked([&] { return parser.emitError(loc); }, ctx, fields);
}

void StructType::print(AsmPrinter &printer) const {
  printer << "<";
  llvm::interleaveComma(getFields(), printer, [&](const StructField &f) {
    printer.printKeywordOrString(f.name.getValue());
    printer << ": ";
    printGoType(printer, f.type);
    if (f.embedded)
      printer << " embedded";
    if (f.tag) {
      printer << " tag \"";
      llvm::printEscapedString(f.tag.getValue(), printer.getStream());
      printer << "\"";
    }
  });
  printer << ">";
}

//===----------------------------------------------------------------------===//
// InterfaceType
//===----------------------------------------------------------------------===//

LogicalResult
InterfaceType::verify(function_ref<InFlightDiagnostic()> emitError,
                      ArrayRef<InterfaceMethod> methods,
                      ArrayRef<Type> embeds) {
  llvm::StringSet<> seen;
  for (const InterfaceMethod &m : methods) {
    if (!m.name || m.name.getValue().empty())
      return emitError() << "interface method needs a name";
    if (!llvm::isa_and_nonnull<FuncType>(m.type))
      return emitError() << "interface method '" << m.name.getValue()
                         << "' needs a func type";
    if (!seen.insert(m.name.getValue()).second)
      return emitError() << "duplicate interface method '"
                         << m.name.getValue() << "'";
  }
  for (Type t : embeds)
    if (llvm::isa_and_nonnull<HiddenType>(t))
      return emitError() << "an embedded element cannot be hidden";
  return success();
}

Type InterfaceType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  MLIRContext *ctx = parser.getContext();
  SmallVector<InterfaceMethod> methods;
  SmallVector<Type> embeds;
  if (parser.parseLess())
    return Type();
  if (failed(parser.parseOptionalGreater())) {
    auto parseElement = [&]() -> ParseResult {
      std::string name;
      if (parser.parseKeywordOrString(&name))
        return failure();
      if (succeeded(parser.parseOptionalColon())) {
        InterfaceMethod m;
        m.name = StringAttr::get(ctx, name);
        if (parseGoType(parser, m.type))
          return failure();
        methods.push_back(m);
        return success();
      }
      if (name != "embed")
        return parser.emitError(parser.getCurrentLocation(),
                                "expected ':' after interface method name");
      return parseGoType(parser, embeds.emplace_back());
    };
    if (parser.parseCommaSeparatedList(parseElement) || parser.parseGreater())
      return Type();
  }
  return getChecked([&] { return parser.emitError(loc); }, ctx, methods,
                    embeds);
}

void InterfaceType::print(AsmPrinter &printer) const {
  printer << "<";
  bool first = true;
  for (const InterfaceMethod &m : getMethods()) {
    if (!first)
      printer << ", ";
    first = false;
    printer.printKeywordOrString(m.name.getValue());
    printer << ": ";
    printGoType(printer, m.type);
  }
  for (Type t : getEmbeds()) {
    if (!first)
      printer << ", ";
    first = false;
    printer << "embed ";
    printGoType(printer, t);
  }
  printer << ">";
}

//===----------------------------------------------------------------------===//
// UnionType
//===----------------------------------------------------------------------===//

LogicalResult UnionType::verify(function_ref<InFlightDiagnostic()> emitError,
                                ArrayRef<UnionTerm> terms) {
  if (terms.empty())
    return emitError() << "a union needs at least one term";
  for (const UnionTerm &t : terms) {
    if (!t.type || llvm::isa<HiddenType, UnionType>(t.type))
      return emitError() << "invalid union term";
    if (t.tilde && llvm::isa<NamedType, TypeParamType, InterfaceType,
                             ErrorType, AnyType, ComparableType>(t.type))
      return emitError() << "invalid use of tilde with "
                         << goTypeString(t.type)
                         << ": the term must be its own underlying type";
  }
  return success();
}

Type UnionType::parse(AsmParser &parser) {
  SMLoc loc = parser.getCurrentLocation();
  SmallVector<UnionTerm> terms;
  if (parser.parseLess())
    return Type();
  do {
    UnionTerm term;
    term.tilde = succeeded(parser.parseOptionalKeyword("tilde"));
    if (parseGoType(parser, term.type))
      return Type();
    terms.push_back(term);
  } while (succeeded(parser.parseOptionalVerticalBar()));
  if (parser.parseGreater())
    return Type();
  return getChecked([&] { return parser.emitError(loc); },
                    parser.getContext(), terms);
}

void UnionType::print(AsmPrinter &printer) const {
  printer << "<";
  llvm::interleave(
      getTerms(), printer,
      [&](const UnionTerm &t) {
        if (t.tilde)
          printer << "tilde ";
        printGoType(printer, t.type);
      },
      " | ");
  printer << ">";
}

//===----------------------------------------------------------------------===//
// Go spelling
//===----------------------------------------------------------------------===//

static void goTypeStringImpl(Type type, llvm::raw_ostream &os);

static void goTupleString(ArrayRef<Type> types, bool variadic,
                          llvm::raw_ostream &os) {
  for (auto [i, t] : llvm::enumerate(types)) {
    if (i)
      os << ", ";
    if (variadic && i + 1 == types.size()) {
      os << "...";
      goTypeStringImpl(llvm::cast<SliceType>(t).getElem(), os);
    } else {
      goTypeStringImpl(t, os);
    }
  }
}

static void goSignatureString(FuncType fn, llvm::raw_ostream &os) {
  os << "(";
  goTupleString(fn.getInputs(), fn.getVariadic(), os);
  os << ")";
  if (fn.getResults().size() == 1) {
    os << " ";
    goTypeStringImpl(fn.getResults().front(), os);
  } else if (!fn.getResults().empty()) {
    os << " (";
    goTupleString(fn.getResults(), false, os);
    os << ")";
  }
}

static void goTypeStringImpl(Type type, llvm::raw_ostream &os) {
  llvm::TypeSwitch<Type>(type)
      .Case([&](BasicType t) {
        StringRef s = stringifyBasicKind(t.getKind());
        if (s.consume_front("untyped_"))
          os << "untyped " << s;
        else
          os << s;
      })
      .Case([&](ErrorType) { os << "error"; })
      .Case([&](AnyType) { os << "any"; })
      .Case([&](ComparableType) { os << "comparable"; })
      .Case([&](HiddenType) { os << "<hidden>"; })
      .Case([&](NamedType t) {
        os << t.getQualifiedName();
        if (!t.getArgs().empty()) {
          os << "[";
          llvm::interleaveComma(t.getArgs(), os,
                                [&](Type a) { goTypeStringImpl(a, os); });
          os << "]";
        }
      })
      .Case([&](TypeParamType t) { os << t.getName(); })
      .Case([&](PointerType t) {
        os << "*";
        goTypeStringImpl(t.getElem(), os);
      })
      .Case([&](SliceType t) {
        os << "[]";
        goTypeStringImpl(t.getElem(), os);
      })
      .Case([&](ArrayType t) {
        os << "[" << t.getLength() << "]";
        goTypeStringImpl(t.getElem(), os);
      })
      .Case([&](MapType t) {
        os << "map[";
        goTypeStringImpl(t.getKey(), os);
        os << "]";
        goTypeStringImpl(t.getElem(), os);
      })
      .Case([&](ChanType t) {
        if (t.getDir() == ChanDir::Recv)
          os << "<-chan ";
        else if (t.getDir() == ChanDir::Send)
          os << "chan<- ";
        else
          os << "chan ";
        goTypeStringImpl(t.getElem(), os);
      })
      .Case([&](FuncType t) {
        os << "func";
        goSignatureString(t, os);
      })
      .Case([&](StructType t) {
        os << "struct{";
        llvm::interleave(
            t.getFields(), os,
            [&](const StructField &f) {
              if (!f.embedded)
                os << f.name.getValue() << " ";
              goTypeStringImpl(f.type, os);
              if (f.tag)
                os << " `" << f.tag.getValue() << "`";
            },
            "; ");
        os << "}";
      })
      .Case([&](InterfaceType t) {
        os << "interface{";
        bool first = true;
        for (const InterfaceMethod &m : t.getMethods()) {
          if (!first)
            os << "; ";
          first = false;
          os << m.name.getValue();
          goSignatureString(llvm::cast<FuncType>(m.type), os);
        }
        for (Type e : t.getEmbeds()) {
          if (!first)
            os << "; ";
          first = false;
          goTypeStringImpl(e, os);
        }
        os << "}";
      })
      .Case([&](UnionType t) {
        llvm::interleave(
            t.getTerms(), os,
            [&](const UnionTerm &term) {
              if (term.tilde)
                os << "~";
              goTypeStringImpl(term.type, os);
            },
            " | ");
      })
      .Default([&](Type t) { t.print(os); });
}

std::string mochigo::gosurface::goTypeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  if (!type)
    os << "<null>";
  else
    goTypeStringImpl(type, os);
  return s;
}
