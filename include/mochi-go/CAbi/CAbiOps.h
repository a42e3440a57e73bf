//===- CAbiOps.h - wrapper library operations -------------------*- C++ -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_CABI_CABIOPS_H
#define MOCHIGO_CABI_CABIOPS_H

#include "mochi-go/CAbi/CAbiDialect.h"
#include "mochi-go/CAbi/CAbiTypes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/SymbolTable.h"

#define GET_OP_CLASSES
#include "mochi-go/CAbi/CAbiOps.h.inc"

#endif // MOCHIGO_CABI_CABIOPS_H
