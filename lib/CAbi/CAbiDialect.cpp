//===- CAbiDialect.cpp - the C ABI boundary dialect -----------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/CAbi/CAbiDialect.h"
#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/CAbi/CAbiTypes.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mochigo::cabi;

#include "mochi-go/CAbi/CAbiDialect.cpp.inc"
#include "mochi-go/CAbi/CAbiEnums.cpp.inc"

#define GET_TYPEDEF_CLASSES
#include "mochi-go/CAbi/CAbiTypes.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "mochi-go/CAbi/CAbiAttrs.cpp.inc"

#define GET_OP_CLASSES
#include "mochi-go/CAbi/CAbiOps.cpp.inc"

void CAbiDialect::initialize() {
  registerTypes();
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "mochi-go/CAbi/CAbiOps.cpp.inc"
      >();
}

void CAbiDialect::registerTypes() {
  addTypes<
#define GET_TYPEDEF_LIST
#include "mochi-go/CAbi/CAbiTypes.cpp.inc"
      >();
}

void CAbiDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "mochi-go/CAbi/CAbiAttrs.cpp.inc"
      >();
}

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

bool mochigo::cabi::isCForm(Type type) {
  if (auto i = dyn_cast<IntegerType>(type)) {
    if (i.getWidth() == 1)
      return i.isSignless();
    return !i.isSignless() && (i.getWidth() == 8 || i.getWidth() == 16 ||
                               i.getWidth() == 32 || i.getWidth() == 64);
  }
  if (type.isF32() || type.isF64())
    return true;
  if (isa<StringType, BytesType, ErrorType, HandleType, RecordType>(type))
    return true;
  if (auto l = dyn_cast<ListType>(type))
    return isCForm(l.getElem());
  if (auto m = dyn_cast<MapType>(type))
    return isCForm(m.getKey()) && isCForm(m.getValue());
  return false;
}

ArrayRef<SkipReason> mochigo::cabi::allSkipReasons() {
  static const SkipReason all[] = {
      SkipReason::ComplexNumber,  SkipReason::UnsafePointer,
      SkipReason::Generic,        SkipReason::InvalidType,
      SkipReason::UnexportedType, SkipReason::InternalType,
      SkipReason::MapKey,         SkipReason::ConstOverflow,
      SkipReason::Constraint,     SkipReason::RecursiveValue,
      SkipReason::CgoPackage,     SkipReason::UnsafeApi,
      SkipReason::CMemoryForm,    SkipReason::AnonymousHandle};
  static_assert(sizeof(all) / sizeof(all[0]) ==
                    static_cast<size_t>(getMaxEnumValForSkipReason()) + 1,
                "every skip reason is listed");
  return all;
}

bool mochigo::cabi::isEmbeddedSkipReason(SkipReason reason) {
  // Listed, not a range: reasons added later may go anywhere in the enum.
  switch (reason) {
  case SkipReason::CgoPackage:
  case SkipReason::UnsafeApi:
  case SkipReason::CMemoryForm:
  case SkipReason::AnonymousHandle:
    return true;
  default:
    return false;
  }
}

StringRef mochigo::cabi::describeSkipReason(SkipReason reason) {
  switch (reason) {
  case SkipReason::ComplexNumber:
    return "complex64 and complex128 have no Mochi or C ABI form";
  case SkipReason::UnsafePointer:
    return "an unsafe.Pointer would put a Go pointer in C memory";
  case SkipReason::Generic:
    return "a generic declaration needs an instantiation "
           "([go.monomorphise]) before it can be wrapped";
  case SkipReason::InvalidType:
    return "the type could not be determined (a load or type error in the "
           "package)";
  case SkipReason::UnexportedType:
    return "the wrapper would have to name an unexported type";
  case SkipReason::InternalType:
    return "the wrapper would have to name a type from an internal package";
  case SkipReason::MapKey:
    return "a map key that is not a bool, number or string has no Mochi form";
  case SkipReason::ConstOverflow:
    return "the constant's value fits no Mochi scalar";
  case SkipReason::Constraint:
    return "a constraint interface (a type set) has no values";
  case SkipReason::RecursiveValue:
    return "a value type that contains itself cannot be copied";
  case SkipReason::CgoPackage:
    return "the package imports \"C\", and the embedded profile builds "
           "without cgo";
  case SkipReason::UnsafeApi:
    return "a uintptr is Go's integer for addresses (unsafe.Pointer "
           "arithmetic), which mean nothing to a WebAssembly host";
  case SkipReason::CMemoryForm:
    return "a list, map or record crosses in C memory that only cgo "
           "allocates; the embedded ABI has no form for it";
  case SkipReason::AnonymousHandle:
    return "a handle of an unnamed func, chan, struct, interface or pointer "
           "type; the embedded printer names only declared types";
  }
  llvm_unreachable("unknown skip reason");
}

//===----------------------------------------------------------------------===//
// CrossingAttr
//===----------------------------------------------------------------------===//

// #cabi.crossing<bridged> | <handle> | <skipped REASON "detail">
Attribute CrossingAttr::parse(AsmParser &parser, Type) {
  StringRef kindWord;
  if (parser.parseLess() || parser.parseKeyword(&kindWord))
    return {};
  std::optional<CrossingKind> kind = symbolizeCrossingKind(kindWord);
  if (!kind) {
    parser.emitError(parser.getCurrentLocation(),
                     "expected bridged, handle or skipped");
    return {};
  }
  // The reason is parsed whatever the kind, so that the verifier can say
  // what is wrong with `<handle unsafe_pointer>`.
  std::optional<SkipReason> reason;
  std::string detail;
  StringRef reasonWord;
  SMLoc loc = parser.getCurrentLocation();
  if (succeeded(parser.parseOptionalKeyword(&reasonWord))) {
    reason = symbolizeSkipReason(reasonWord);
    if (!reason) {
      parser.emitError(loc, "unknown skip reason '") << reasonWord << "'";
      return {};
    }
    if (failed(parser.parseOptionalString(&detail)))
      detail.clear();
  }
  if (parser.parseGreater())
    return {};
  return parser.getChecked<CrossingAttr>(parser.getContext(), *kind, reason,
                                         detail);
}

void CrossingAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyCrossingKind(getKind());
  if (getReason()) {
    printer << ' ' << stringifySkipReason(*getReason());
    if (!getDetail().empty()) {
      printer << ' ';
      printer.printString(getDetail());
    }
  }
  printer << '>';
}

LogicalResult CrossingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                   CrossingKind kind,
                                   std::optional<SkipReason> reason,
                                   StringRef detail) {
  if ((kind == CrossingKind::Skipped) != reason.has_value())
    return emitError() << "a skip reason is given exactly when the kind is "
                          "skipped";
  if (!reason && !detail.empty())
    return emitError() << "only a skipped declaration has a detail";
  return success();
}

//===----------------------------------------------------------------------===//
// Operations
//===----------------------------------------------------------------------===//

static bool isCIdentifier(StringRef s) {
  if (s.empty() || !(isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
    return false;
  return llvm::all_of(s, [](char c) {
    return isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

LogicalResult LibraryOp::verify() {
  if (!isCIdentifier(getPrefix()))
    return emitOpError("prefix '") << getPrefix() << "' is not a C identifier";
  return success();
}

/// Check a value's C form, and that the handles and records it names are
/// declared in `library`.
static LogicalResult verifyValue(Operation *op, LibraryOp library,
                                 ValueAttr value, StringRef what) {
  // A C function and its user data are the parameters of a callback only
  // (checked there), never parts of other forms.
  if (auto fn = dyn_cast<CFuncType>(value.getAbiType())) {
    if (!isa_and_nonnull<HandleTypeOp>(
            SymbolTable::lookupSymbolIn(library, fn.getName())))
      return op->emitOpError()
             << what << " '" << value.getName() << "' names handle type '"
             << fn.getName() << "', which the library does not declare";
    return success();
  }
  if (isa<UserDataType>(value.getAbiType()))
    return success();
  if (!isCForm(value.getAbiType()))
    return op->emitOpError() << what << " '" << value.getName()
                             << "' has no C form: " << value.getAbiType();
  LogicalResult result = success();
  value.getAbiType().walk([&](Type t) {
    if (failed(result))
      return;
    if (auto h = dyn_cast<HandleType>(t)) {
      auto *sym = SymbolTable::lookupSymbolIn(library, h.getName());
      if (!isa_and_nonnull<HandleTypeOp>(sym))
        result = op->emitOpError()
                 << what << " '" << value.getName() << "' names handle type '"
                 << h.getName() << "', which the library does not declare";
    } else if (auto r = dyn_cast<RecordType>(t)) {
      auto *sym = SymbolTable::lookupSymbolIn(library, r.getName());
      if (!isa_and_nonnull<RecordOp>(sym))
        result = op->emitOpError()
                 << what << " '" << value.getName() << "' names record '"
                 << r.getName() << "', which the library does not declare";
    }
  });
  return result;
}

LogicalResult RecordOp::verify() {
  auto library = (*this)->getParentOfType<LibraryOp>();
  for (Attribute a : getFields()) {
    if (isa<CFuncType, UserDataType>(cast<ValueAttr>(a).getAbiType()))
      return emitOpError("a field cannot be ")
             << cast<ValueAttr>(a).getAbiType();
    if (failed(verifyValue(*this, library, cast<ValueAttr>(a), "field")))
      return failure();
  }
  return success();
}

LogicalResult ExportOp::verify() {
  auto library = (*this)->getParentOfType<LibraryOp>();
  if (!library)
    return emitOpError("must be inside a cabi.library");
  if (!getSymName().starts_with((library.getPrefix() + "_").str()))
    return emitOpError("C symbol '")
           << getSymName() << "' does not start with the library prefix '"
           << library.getPrefix() << "_'";
  if (!isCIdentifier(getSymName()))
    return emitOpError("C symbol '")
           << getSymName() << "' is not a C identifier";
  for (Attribute a : getParams())
    if (failed(verifyValue(*this, library, cast<ValueAttr>(a), "parameter")))
      return failure();
  for (Attribute a : getResults())
    if (failed(verifyValue(*this, library, cast<ValueAttr>(a), "result")))
      return failure();
  if (getVariadic() &&
      (getParams().empty() ||
       !isa<ListType, BytesType>(
           cast<ValueAttr>(getParams()[getParams().size() - 1]).getAbiType())))
    return emitOpError("a variadic wrapper's last parameter must be a list");
  auto formOf = [](ArrayAttr values, size_t i) {
    return cast<ValueAttr>(values[i]).getAbiType();
  };
  if (getInoutReceiver()) {
    if (getKind() != ExportKind::Method)
      return emitOpError("only a method has an in-out receiver");
    if (getParams().empty() || getResults().empty() ||
        formOf(getResults(), 0) != formOf(getParams(), 0) ||
        cast<ValueAttr>(getResults()[0]).getName() != "self")
      return emitOpError("an in-out receiver is the first parameter and the "
                         "first result, 'self', of the same form");
    if (isa<HandleType>(formOf(getParams(), 0)))
      return emitOpError("an in-out receiver is a copied value, not a handle");
  }
  switch (getKind()) {
  case ExportKind::Method:
    if (getParams().empty())
      return emitOpError("a method wrapper takes the receiver first");
    if (!getGoName().contains('.'))
      return emitOpError("a method's Go name is 'Type.Method'");
    break;
  case ExportKind::Box: {
    Type want = boxParamForm(getContext(), getGoName());
    if (!want)
      return emitOpError("a box function's Go name is box_string, box_int, "
                         "box_float, box_bool, box_bytes or box_handle, not '")
             << getGoName() << "'";
    if (getParams().size() != 1 || getResults().size() != 1 ||
        !isa<HandleType>(formOf(getResults(), 0)))
      return emitOpError("a box function takes one value and returns one "
                         "handle");
    Type got = formOf(getParams(), 0);
    if (isa<HandleType>(want) ? !isa<HandleType>(got) : got != want)
      return emitOpError("'")
             << getGoName() << "' takes " << want << ", not " << got;
    if (getReturnsError() || getVariadic())
      return emitOpError("a box function has no error and is not variadic");
    if (!getSymName().ends_with(("_" + getGoName()).str()))
      return emitOpError("the C symbol of '")
             << getGoName() << "' is '<prefix>_" << getGoName() << "'";
    break;
  }
  case ExportKind::FieldGet:
  case ExportKind::FieldSet: {
    bool set = getKind() == ExportKind::FieldSet;
    if (getParams().size() != (set ? 2u : 1u) ||
        getResults().size() != (set ? 0u : 1u) ||
        !isa<HandleType>(formOf(getParams(), 0)))
      return emitOpError(set ? "a field setter takes the receiver handle and "
                               "one value, and returns nothing"
                             : "a field getter takes the receiver handle and "
                               "returns one value");
    auto [type, field] = getGoName().split('.');
    if (type.empty() || field.empty() ||
        (set && (!field.consume_front("set_") || field.empty())))
      return emitOpError("a field ")
             << (set ? "setter's Go name is 'Type.set_Field'"
                     : "getter's Go name is 'Type.Field'");
    if (getReturnsError() || getVariadic())
      return emitOpError("a field accessor has no error and is not variadic");
    break;
  }
  case ExportKind::VarGet:
  case ExportKind::ConstGet:
    if (!getParams().empty() || getResults().size() != 1)
      return emitOpError("a getter takes nothing and returns one value");
    break;
  case ExportKind::VarSet:
    if (getParams().size() != 1 || !getResults().empty())
      return emitOpError("a setter takes one value and returns nothing");
    break;
  case ExportKind::New:
    if (!getParams().empty() || getResults().size() != 1 ||
        !isa<HandleType>(cast<ValueAttr>(getResults()[0]).getAbiType()) ||
        !getGoName().ends_with(".new"))
      return emitOpError("a constructor 'Type.new' takes nothing and "
                         "returns one handle");
    break;
  case ExportKind::ChanMake:
  case ExportKind::ChanSend:
  case ExportKind::ChanTrySend:
  case ExportKind::ChanRecv:
  case ExportKind::ChanTryRecv:
  case ExportKind::ChanClose:
  case ExportKind::ChanLen:
  case ExportKind::ChanCap:
    return verifyChannel();
  case ExportKind::FuncCall: {
    if (getParams().empty() || !isa<HandleType>(formOf(getParams(), 0)))
      return emitOpError("a func call takes the func value's handle first");
    Type goType = cast<ValueAttr>(getParams()[0]).getGoType();
    if (!isa<gosurface::FuncType, gosurface::NamedType>(goType))
      return emitOpError("a func call's handle holds a func, not ") << goType;
    StringRef handle = cast<HandleType>(formOf(getParams(), 0)).getName();
    if (getGoName() != (handle + ".call").str())
      return emitOpError("a func call's Go name is '")
             << handle << ".call', not '" << getGoName() << "'";
    break;
  }
  case ExportKind::Callback: {
    auto fn = getParams().size() == 2
                  ? dyn_cast<CFuncType>(formOf(getParams(), 0))
                  : CFuncType();
    auto result = getResults().size() == 1
                      ? dyn_cast<HandleType>(formOf(getResults(), 0))
                      : HandleType();
    if (!fn || !isa<UserDataType>(formOf(getParams(), 1)) || !result ||
        result.getName() != fn.getName())
      return emitOpError("a callback takes a C function (!cabi.c_func<H>) and "
                         "its user data (!cabi.user_data), and returns a "
                         "handle of type H");
    if (getGoName() != (fn.getName() + ".callback").str())
      return emitOpError("a callback's Go name is '")
             << fn.getName() << ".callback', not '" << getGoName() << "'";
    if (getReturnsError() || getVariadic())
      return emitOpError("a callback has no error and is not variadic");
    // The C function's signature is the func_call export's.
    bool found = false;
    library.walk([&](ExportOp e) {
      if (e.getKind() == ExportKind::FuncCall &&
          e.getGoName() == (fn.getName() + ".call").str())
        found = true;
    });
    if (!found)
      return emitOpError("a callback of '")
             << fn.getName() << "' needs the func_call export '" << fn.getName()
             << ".call' for its signature";
    break;
  }
  case ExportKind::Func:
    break;
  }
  // The C function and user data forms belong to callbacks alone.
  if (getKind() != ExportKind::Callback)
    for (ArrayAttr values : {getParams(), getResults()})
      for (Attribute a : values)
        if (isa<CFuncType, UserDataType>(cast<ValueAttr>(a).getAbiType()))
          return emitOpError("only a callback takes ")
                 << cast<ValueAttr>(a).getAbiType();
  return success();
}

LogicalResult ExportOp::verifyChannel() {
  auto formOf = [](ArrayAttr values, size_t i) {
    return cast<ValueAttr>(values[i]).getAbiType();
  };
  ExportKind kind = getKind();
  bool make = kind == ExportKind::ChanMake;
  // The channel: the result of make, the first parameter of the others.
  ArrayAttr holder = make ? getResults() : getParams();
  if (holder.empty() || !isa<HandleType>(formOf(holder, 0)))
    return emitOpError(make ? "a channel make returns the channel's handle"
                            : "a channel operation takes the channel's "
                              "handle first");
  auto chanValue = cast<ValueAttr>(holder[0]);
  StringRef handle = cast<HandleType>(chanValue.getAbiType()).getName();
  StringRef op = stringifyExportKind(kind).drop_front(5); // "chan_"
  if (getGoName() != (handle + "." + op).str())
    return emitOpError("the Go name of this channel operation is '")
           << handle << "." << op << "', not '" << getGoName() << "'";
  // A named channel type's direction is not known here; an unnamed one's is
  // enforced: no send or close on `<-chan`, no receive on `chan<-`, make
  // only for `chan`.
  auto chan = dyn_cast<gosurface::ChanType>(chanValue.getGoType());
  if (!chan && !isa<gosurface::NamedType>(chanValue.getGoType()))
    return emitOpError("handle type '")
           << handle << "' holds " << chanValue.getGoType()
           << ", not a channel";
  bool sends = kind == ExportKind::ChanSend ||
               kind == ExportKind::ChanTrySend || kind == ExportKind::ChanClose;
  bool recvs = kind == ExportKind::ChanRecv || kind == ExportKind::ChanTryRecv;
  if (chan) {
    if (sends && chan.getDir() == gosurface::ChanDir::Recv)
      return emitOpError("a receive-only channel (")
             << chan << ") cannot be sent to or closed";
    if (recvs && chan.getDir() == gosurface::ChanDir::Send)
      return emitOpError("a send-only channel (")
             << chan << ") cannot be received from";
    if (make && chan.getDir() != gosurface::ChanDir::Both)
      return emitOpError("only a bidirectional channel is made, not ") << chan;
  }
  auto isI64 = [](Type t) { return t.isSignedInteger(64); };
  size_t np = getParams().size(), nr = getResults().size();
  // The element's value, when the operation carries one.
  auto checkElem = [&](ValueAttr v) -> LogicalResult {
    if (chan && v.getGoType() != chan.getElem())
      return emitOpError("the value ")
             << v.getGoType() << " is not the channel's element "
             << chan.getElem();
    return success();
  };
  switch (kind) {
  case ExportKind::ChanMake:
    if (np != 1 || !isI64(formOf(getParams(), 0)) || nr != 1)
      return emitOpError("a channel make takes a capacity (si64) and returns "
                         "one handle");
    break;
  case ExportKind::ChanSend:
  case ExportKind::ChanTrySend: {
    bool timed = kind == ExportKind::ChanSend;
    size_t want = timed ? 3 : 2;
    if (nr != 0 || (np != want && np != want - 1) ||
        (timed && !isI64(formOf(getParams(), np - 1))))
      return emitOpError(timed ? "a channel send takes the handle, the value "
                                 "(none for struct{}) and timeout_ms (si64), "
                                 "and returns nothing"
                               : "a channel try_send takes the handle and the "
                                 "value (none for struct{}), and returns "
                                 "nothing");
    if (np == want && failed(checkElem(cast<ValueAttr>(getParams()[1]))))
      return failure();
    break;
  }
  case ExportKind::ChanRecv:
  case ExportKind::ChanTryRecv: {
    bool timed = kind == ExportKind::ChanRecv;
    if (np != (timed ? 2u : 1u) || nr > 1 ||
        (timed && !isI64(formOf(getParams(), 1))))
      return emitOpError(timed ? "a channel recv takes the handle and "
                                 "timeout_ms (si64), and returns at most the "
                                 "value"
                               : "a channel try_recv takes the handle and "
                                 "returns at most the value");
    if (nr == 1 && failed(checkElem(cast<ValueAttr>(getResults()[0]))))
      return failure();
    break;
  }
  case ExportKind::ChanClose:
    if (np != 1 || nr != 0)
      return emitOpError("a channel close takes the handle and returns "
                         "nothing");
    break;
  case ExportKind::ChanLen:
  case ExportKind::ChanCap:
    if (np != 1 || nr != 1 || !isI64(formOf(getResults(), 0)))
      return emitOpError("a channel len or cap takes the handle and returns "
                         "si64");
    break;
  default:
    break;
  }
  // Send, receive and close report a timeout or a closed channel through the
  // status; make, len and cap cannot fail that way.
  bool status = sends || recvs;
  if (getReturnsError() != status)
    return emitOpError(status ? "a channel send, receive or close reports "
                                "through the status: it needs 'error'"
                              : "a channel make, len or cap has no 'error'");
  if (getVariadic() || getInoutReceiver())
    return emitOpError("a channel operation is not variadic and has no "
                       "in-out receiver");
  return success();
}

Type ExportOp::boxParamForm(MLIRContext *ctx, StringRef goName) {
  if (goName == "box_string")
    return StringType::get(ctx);
  if (goName == "box_int")
    return IntegerType::get(ctx, 64, IntegerType::Signed);
  if (goName == "box_float")
    return Float64Type::get(ctx);
  if (goName == "box_bool")
    return IntegerType::get(ctx, 1);
  if (goName == "box_bytes")
    return BytesType::get(ctx);
  if (goName == "box_handle")
    return HandleType::get(ctx, "");
  return {};
}
