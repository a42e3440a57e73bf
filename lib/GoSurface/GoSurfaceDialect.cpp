//===- GoSurfaceDialect.cpp - the GoSurface dialect -----------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

using namespace mlir;
using namespace mochigo::gosurface;

#include "mochi-go/GoSurface/GoSurfaceDialect.cpp.inc"

void GoSurfaceDialect::initialize() {
  registerTypes();
  registerAttributes();
  addOperations<
#define GET_OP_LIST
#include "mochi-go/GoSurface/GoSurfaceOps.cpp.inc"
      >();
}
