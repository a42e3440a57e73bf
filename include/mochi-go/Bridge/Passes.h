//===- Passes.h - passes from GoSurface to the C ABI ------------*- C++ -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_BRIDGE_PASSES_H
#define MOCHIGO_BRIDGE_PASSES_H

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"

#include "mlir/Pass/Pass.h"

namespace mochigo {
namespace bridge {

#define GEN_PASS_DECL
#include "mochi-go/Bridge/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mochi-go/Bridge/Passes.h.inc"

} // namespace bridge
} // namespace mochigo

#endif // MOCHIGO_BRIDGE_PASSES_H
