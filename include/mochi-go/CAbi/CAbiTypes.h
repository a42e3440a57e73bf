//===- CAbiTypes.h - C forms and crossing decisions -------------*- C++ -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_CABI_CABITYPES_H
#define MOCHIGO_CABI_CABITYPES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Types.h"

#include <optional>

#include "mochi-go/CAbi/CAbiEnums.h.inc"

#define GET_TYPEDEF_CLASSES
#include "mochi-go/CAbi/CAbiTypes.h.inc"

#define GET_ATTRDEF_CLASSES
#include "mochi-go/CAbi/CAbiAttrs.h.inc"

namespace mochigo {
namespace cabi {

/// The name of the discardable attribute `typemap` sets on go declarations.
inline constexpr llvm::StringLiteral kCrossingAttrName = "cabi.crossing";

/// Is `type` a C form: i1, a signed or unsigned integer of 8..64 bits, f32,
/// f64, or a cabi type whose element forms are C forms?
bool isCForm(mlir::Type type);

/// Every SkipReason, in enum order (for reports and for sweeping tests).
llvm::ArrayRef<SkipReason> allSkipReasons();

/// Is `reason` one of the embedded profile's (set by the `linkname` pass,
/// never by the typemap)?
bool isEmbeddedSkipReason(SkipReason reason);

/// The name of the discardable attribute the `linkname` pass sets on a
/// cabi.library: the build profile, "embedded".
inline constexpr llvm::StringLiteral kProfileAttrName = "cabi.profile";

/// One sentence saying what a skip reason means (docs and `explain`).
llvm::StringRef describeSkipReason(SkipReason reason);

} // namespace cabi
} // namespace mochigo

#endif // MOCHIGO_CABI_CABITYPES_H
