//===- Passes.h - GoSurface passes ------------------------------*- C++ -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_GOSURFACE_PASSES_H
#define MOCHIGO_GOSURFACE_PASSES_H

#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mlir/Pass/Pass.h"

namespace mochigo {
namespace gosurface {

#define GEN_PASS_DECL
#include "mochi-go/GoSurface/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mochi-go/GoSurface/Passes.h.inc"

} // namespace gosurface
} // namespace mochigo

#endif // MOCHIGO_GOSURFACE_PASSES_H
