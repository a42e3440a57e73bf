//===- CAbiDialect.h - the C ABI boundary dialect ---------------*- C++ -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_CABI_CABIDIALECT_H
#define MOCHIGO_CABI_CABIDIALECT_H

#include "mlir/IR/Dialect.h"

#include "mochi-go/CAbi/CAbiDialect.h.inc"

#endif // MOCHIGO_CABI_CABIDIALECT_H
