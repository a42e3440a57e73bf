//===- mochi-go-translate.cpp - Translations into and out of GoSurface ----===//
//
// Part of mochi-go. An mlir-translate with the mochi-go translations:
//   --import-apisurface   ApiSurface JSON (docs/ApiSurface.md) -> GoSurface
// It keeps mlir-translate's flags (-o, --split-input-file,
// --verify-diagnostics, --mlir-print-debuginfo, ...). On any error it exits
// non-zero and writes no output file.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Emit/Emit.h"
#include "mochi-go/Ingest/ApiSurfaceImporter.h"
#include "mochi-go/Publish/Publish.h"
#include "mochi-go/Support/Version.h"

#include "mlir/Tools/mlir-translate/MlirTranslateMain.h"

int main(int argc, char **argv) {
  mochigo::setVersionPrinter("mochi-go-translate");
  mochigo::ingest::registerImportApiSurfaceTranslation();
  mochigo::emit::registerEmitTranslations();
  mochigo::publish::registerPublishTranslations();
  return mlir::failed(
      mlir::mlirTranslateMain(argc, argv, "mochi-go translation driver"));
}
