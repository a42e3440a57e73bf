//===- CFace.cpp - the C face of a published module -----------------------===//
//
// Part of mochi-go. `mochi-go publish --c-header`: the published module's
// surface goes through the consume direction's passes and printers, so that
// the C face of a published Mochi package is exactly what `mochi-go bind`
// would make of it, placed inside the module (docs/Publish.md).
//
//===----------------------------------------------------------------------===//

#include "CFace.h"

#include "mochi-go/Bridge/Passes.h"
#include "mochi-go/CAbi/CAbiDialect.h"
#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/CAbi/CAbiTypes.h"
#include "mochi-go/Emit/Emit.h"
#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/Ingest/ApiSurfaceImporter.h"

#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringSet.h"

using namespace mlir;
using namespace mochigo;
using namespace mochigo::publish;
using llvm::StringRef;

namespace {

/// LLVM split-file text (`//--- <name>` lines) as files below `dir`.
void splitInto(StringRef text, StringRef dir, std::vector<OutFile> &files) {
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    if (line.starts_with("//--- ")) {
      files.push_back({(dir + "/" + line.drop_front(6).trim()).str(), ""});
      continue;
    }
    if (files.empty())
      continue;
    files.back().text += line.str();
    files.back().text += '\n';
  }
}

} // namespace

LogicalResult publish::makeCFace(StringRef surfaceJson, StringRef modulePath,
                                 llvm::ArrayRef<std::string> apiFunctions,
                                 MLIRContext *ctx, CFace &out) {
  ctx->loadDialect<gosurface::GoSurfaceDialect, cabi::CAbiDialect>();
  out.lowered =
      ingest::importApiSurface(surfaceJson, "published.apisurface.json", ctx);
  if (!out.lowered)
    return failure();
  ModuleOp top = *out.lowered;

  // The consume direction's lowering, as lib/Driver's bind runs it, with the
  // default prefix (what `mochi-go bind` of the module would give).
  PassManager pm(ctx);
  pm.nest<gosurface::GoModuleOp>().addPass(bridge::createTypemap());
  pm.addPass(bridge::createHandlePool());
  pm.addPass(bridge::createCgoExport());
  if (failed(pm.run(top)))
    return failure();

  SmallVector<cabi::LibraryOp> libs(top.getOps<cabi::LibraryOp>());
  if (libs.size() != 1)
    return top.emitError("the C face: expected one cabi.library, found ")
           << libs.size();
  out.prefix = libs.front().getPrefix().str();

  // Every exported function must have crossed.
  llvm::StringSet<> exported;
  libs.front().walk([&](cabi::ExportOp e) {
    if (e.getKind() == cabi::ExportKind::Func)
      exported.insert(e.getGoName());
  });
  bool missing = false;
  for (const std::string &name : apiFunctions) {
    if (exported.contains(name))
      continue;
    missing = true;
    InFlightDiagnostic d = top.emitError()
                           << "the C face has no function for " << name;
    top.walk([&](gosurface::FuncOp fn) {
      if (fn.getSymName() == name)
        if (Attribute c = fn->getAttr(cabi::kCrossingAttrName))
          d << ": the type map decided " << c;
    });
  }
  if (missing)
    return failure();

  std::string wrapper, header;
  llvm::raw_string_ostream wrapperOs(wrapper), headerOs(header);
  emit::GoWrapperOptions options;
  options.importRoot = (modulePath + "/" + kCFaceDir).str();
  if (failed(emit::emitGoWrapper(top, options, wrapperOs)) ||
      failed(emit::emitCHeader(top, headerOs)))
    return failure();
  out.files.clear();
  splitInto(wrapper, kCFaceDir, out.files);
  out.files.push_back({(kCFaceDir + "/" + out.prefix + ".h").str(), header});
  llvm::sort(out.files, [](const OutFile &a, const OutFile &b) {
    return a.name < b.name;
  });
  return success();
}
