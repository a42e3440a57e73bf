//===- GoSurfaceOps.h - GoSurface declarations ------------------*- C++ -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_GOSURFACE_GOSURFACEOPS_H
#define MOCHIGO_GOSURFACE_GOSURFACEOPS_H

#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#define GET_OP_CLASSES
#include "mochi-go/GoSurface/GoSurfaceOps.h.inc"

#endif // MOCHIGO_GOSURFACE_GOSURFACEOPS_H
