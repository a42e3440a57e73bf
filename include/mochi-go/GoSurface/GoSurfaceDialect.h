//===- GoSurfaceDialect.h - the GoSurface dialect ---------------*- C++ -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_GOSURFACE_GOSURFACEDIALECT_H
#define MOCHIGO_GOSURFACE_GOSURFACEDIALECT_H

#include "mlir/IR/Dialect.h"

#include "mochi-go/GoSurface/GoSurfaceDialect.h.inc"

#endif // MOCHIGO_GOSURFACE_GOSURFACEDIALECT_H
