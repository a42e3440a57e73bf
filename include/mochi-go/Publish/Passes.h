//===- Passes.h - Publish passes --------------------------------*- C++ -*-===//

#ifndef MOCHIGO_PUBLISH_PASSES_H
#define MOCHIGO_PUBLISH_PASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"

namespace mochigo {
namespace publish {

#define GEN_PASS_DECL
#include "mochi-go/Publish/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "mochi-go/Publish/Passes.h.inc"

} // namespace publish
} // namespace mochigo

#endif // MOCHIGO_PUBLISH_PASSES_H
