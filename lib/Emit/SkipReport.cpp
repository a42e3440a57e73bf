//===- SkipReport.cpp - bridged, handle-carried and skipped declarations --===//
//
// Part of mochi-go. Counts the typemap's `cabi.crossing` decisions of every
// exported declaration of every go.module. docs/SkipReport.md defines the
// format; its summary line is what golden files keep.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/CAbi/CAbiTypes.h"
#include "mochi-go/Emit/Emit.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/Typemap/TypeMap.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <array>
#include <string>
#include <vector>

using namespace mlir;
using namespace mochigo;
using cabi::CrossingKind;
using cabi::SkipReason;

namespace {

/// The declaration kinds, in report order.
enum DeclKind { Func, Method, Type, Alias, Var, Const, NumDeclKinds };

const char *const kDeclKindNames[NumDeclKinds] = {"func",  "method", "type",
                                                  "alias", "var",    "const"};

struct ModuleCounts {
  /// [kind][crossing kind]
  std::array<std::array<uint64_t, 3>, NumDeclKinds> table{};
  SmallVector<uint64_t> reasons;
  SmallVector<std::string> skipped;
  /// The exports of the consume surface beyond the declarations, when the
  /// module has a cabi.library: box functions, field getters and setters,
  /// methods of interface types, methods with an in-out receiver.
  bool hasLibrary = false;
  /// The library was lowered for the embedded profile (`linkname`): the
  /// summary lists the embedded skip reasons too.
  bool embedded = false;
  uint64_t box = 0, fieldGet = 0, fieldSet = 0, ifaceMethod = 0, inout = 0;
  /// The goroutine bridge: chan_* exports, func_call and callback.
  uint64_t chan = 0, funcCall = 0, callback = 0;
};

/// Count the box, field and interface-method exports of `lib`.
void countExports(gosurface::GoModuleOp module, cabi::LibraryOp lib,
                  ModuleCounts &counts) {
  counts.hasLibrary = true;
  if (auto profile = lib->getAttrOfType<StringAttr>(cabi::kProfileAttrName))
    counts.embedded = profile.getValue() == "embedded";
  typemap::TypeMapper mapper(module);
  llvm::StringMap<cabi::HandleTypeOp> handles;
  for (auto h : lib.getBodyBlock().getOps<cabi::HandleTypeOp>())
    handles[h.getSymName()] = h;
  for (auto pkg : lib.getBodyBlock().getOps<cabi::PackageOp>())
    for (auto e : pkg.getBodyBlock().getOps<cabi::ExportOp>()) {
      switch (e.getKind()) {
      case cabi::ExportKind::Box:
        ++counts.box;
        break;
      case cabi::ExportKind::FieldGet:
        ++counts.fieldGet;
        break;
      case cabi::ExportKind::FieldSet:
        ++counts.fieldSet;
        break;
      case cabi::ExportKind::ChanMake:
      case cabi::ExportKind::ChanSend:
      case cabi::ExportKind::ChanTrySend:
      case cabi::ExportKind::ChanRecv:
      case cabi::ExportKind::ChanTryRecv:
      case cabi::ExportKind::ChanClose:
      case cabi::ExportKind::ChanLen:
      case cabi::ExportKind::ChanCap:
        ++counts.chan;
        break;
      case cabi::ExportKind::FuncCall:
        ++counts.funcCall;
        break;
      case cabi::ExportKind::Callback:
        ++counts.callback;
        break;
      case cabi::ExportKind::Method: {
        if (e.getInoutReceiver())
          ++counts.inout;
        auto recv = cast<cabi::ValueAttr>(e.getParams()[0]);
        auto form = dyn_cast<cabi::HandleType>(recv.getAbiType());
        auto named = dyn_cast<gosurface::NamedType>(recv.getGoType());
        if (!form || !named || handles.lookup(form.getName()).getBoxed())
          break;
        if (isa_and_nonnull<gosurface::InterfaceType>(mapper.underlying(named)))
          ++counts.ifaceMethod;
        break;
      }
      default:
        break;
      }
    }
}

/// The kind of a declaration op to count, or nothing for any other op and
/// for hidden declarations (and methods of hidden types).
std::optional<DeclKind> countedKind(Operation *op,
                                    gosurface::PackageOp package) {
  if (op->hasAttr("hidden"))
    return std::nullopt;
  if (isa<gosurface::FuncOp>(op))
    return Func;
  if (auto m = dyn_cast<gosurface::MethodOp>(op)) {
    auto recv = dyn_cast_or_null<gosurface::TypeOp>(
        package.lookupSymbol(m.getReceiverTypeName()));
    if (recv && recv.getHidden())
      return std::nullopt;
    return Method;
  }
  if (isa<gosurface::TypeOp>(op))
    return Type;
  if (isa<gosurface::AliasOp>(op))
    return Alias;
  if (isa<gosurface::VarOp>(op))
    return Var;
  if (isa<gosurface::ConstOp>(op))
    return Const;
  return std::nullopt;
}

LogicalResult countModule(gosurface::GoModuleOp module, ModuleCounts &counts) {
  counts.reasons.assign(cabi::allSkipReasons().size(), 0);
  for (auto package : module.getBodyBlock().getOps<gosurface::PackageOp>()) {
    for (Operation &op : package.getBodyBlock()) {
      std::optional<DeclKind> kind = countedKind(&op, package);
      if (!kind)
        continue;
      auto crossing =
          op.getAttrOfType<cabi::CrossingAttr>(cabi::kCrossingAttrName);
      if (!crossing) {
        if (Attribute other = op.getAttr(cabi::kCrossingAttrName))
          return op.emitError("'")
                 << cabi::kCrossingAttrName
                 << "' is not a #cabi.crossing attribute: " << other;
        return op.emitError("declaration has no '")
               << cabi::kCrossingAttrName
               << "' attribute (run --typemap first)";
      }
      ++counts.table[*kind][static_cast<unsigned>(crossing.getKind())];
      if (crossing.getKind() != CrossingKind::Skipped)
        continue;
      SkipReason reason = *crossing.getReason();
      auto index = llvm::find(cabi::allSkipReasons(), reason) -
                   cabi::allSkipReasons().begin();
      ++counts.reasons[index];
      std::string line = "skipped: " + package.getPath().str() + "." +
                         SymbolTable::getSymbolName(&op).str() + " (" +
                         kDeclKindNames[*kind] +
                         "): " + cabi::stringifySkipReason(reason).str();
      if (!crossing.getDetail().empty())
        line += ": " + crossing.getDetail().str();
      counts.skipped.push_back(std::move(line));
    }
  }
  llvm::sort(counts.skipped);
  return success();
}

/// `96.3%`, rounded half up to one decimal, in integer arithmetic so that
/// every platform prints the same digits; `n/a` when there is nothing.
std::string percent(uint64_t part, uint64_t whole) {
  if (whole == 0)
    return "n/a";
  uint64_t tenths = (part * 2000 + whole) / (whole * 2);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

void printModule(gosurface::GoModuleOp module, const ModuleCounts &c,
                 raw_ostream &os) {
  uint64_t totals[3] = {0, 0, 0};
  for (const auto &row : c.table)
    for (unsigned k = 0; k < 3; ++k)
      totals[k] += row[k];
  uint64_t callables = 0, callablesBridged = 0;
  for (DeclKind k : {Func, Method}) {
    callables += c.table[k][0] + c.table[k][1] + c.table[k][2];
    callablesBridged += c.table[k][0] + c.table[k][1];
  }

  os << "# " << module.getSymName() << "@" << module.getVersion() << "\n";
  os << "summary: bridged=" << totals[0] << " handle=" << totals[1]
     << " skipped=" << totals[2]
     << " coverage=" << percent(callablesBridged, callables)
     << " (funcs+methods " << callablesBridged << "/" << callables << ")";
  for (auto [reason, n] : llvm::zip_equal(cabi::allSkipReasons(), c.reasons))
    if (c.embedded || !cabi::isEmbeddedSkipReason(reason))
      os << " " << cabi::stringifySkipReason(reason) << "=" << n;
  os << "\n";
  if (c.hasLibrary)
    os << "exports: box=" << c.box << " field_get=" << c.fieldGet
       << " field_set=" << c.fieldSet << " interface_method=" << c.ifaceMethod
       << " inout_receiver=" << c.inout << " chan=" << c.chan
       << " func_call=" << c.funcCall << " callback=" << c.callback << "\n";
  os << "kind     bridged  handle  skipped\n";
  for (unsigned k = 0; k < NumDeclKinds; ++k)
    os << llvm::formatv("{0,-8} {1,7}  {2,6}  {3,7}\n", kDeclKindNames[k],
                        c.table[k][0], c.table[k][1], c.table[k][2]);
  for (const std::string &line : c.skipped)
    os << line << "\n";
}

} // namespace

LogicalResult mochigo::emit::emitSkipReport(ModuleOp module, raw_ostream &os) {
  auto modules = llvm::to_vector(module.getOps<gosurface::GoModuleOp>());
  llvm::stable_sort(modules,
                    [](gosurface::GoModuleOp a, gosurface::GoModuleOp b) {
                      if (a.getSymName() != b.getSymName())
                        return a.getSymName() < b.getSymName();
                      return a.getVersion() < b.getVersion();
                    });
  // Count everything first, so that an error leaves no partial report.
  std::vector<ModuleCounts> counts(modules.size());
  for (auto [m, c] : llvm::zip_equal(modules, counts)) {
    if (failed(countModule(m, c)))
      return failure();
    for (auto lib : module.getOps<cabi::LibraryOp>())
      if (lib.getSymName() == m.getSymName())
        countExports(m, lib, c);
  }
  for (auto [i, m] : llvm::enumerate(modules)) {
    if (i > 0)
      os << "\n";
    printModule(m, counts[i], os);
  }
  return success();
}
