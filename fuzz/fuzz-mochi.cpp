//===- fuzz-mochi.cpp - the Mochi readers ---------------------------------===//
//
// Part of mochi-go. The import scanner of Mochi programs, the strict checker
// of declaration files and the bindings reader, on the same bytes; every
// diagnostic has a position inside the text.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mochi-go/Mochi/Bindings.h"
#include "mochi-go/Mochi/DeclFile.h"
#include "mochi-go/Mochi/Imports.h"

using namespace mochigo;

static void checkPositions(const std::vector<mochi::Diagnostic> &diags,
                           llvm::StringRef text) {
  size_t lines = text.count('\n') + 1;
  for (const mochi::Diagnostic &d : diags)
    fuzz::require(d.loc.line >= 1 && d.loc.line <= lines && d.loc.column >= 1,
                  "a diagnostic points into the text");
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text = fuzz::text(data, size);
  mochi::SourceFile source = mochi::parseSource(text, "app.mochi");
  checkPositions(source.diagnostics, text);
  mochi::DeclFile decls = mochi::checkDeclFile(text, "x.mochi");
  checkPositions(decls.diagnostics, text);
  for (const mochi::Decl &d : decls.decls)
    (void)mochi::formatDecl(d);
  llvm::Expected<mochi::Bindings> b =
      mochi::parseBindings(text, "x.bindings.yaml");
  if (b && !decls.hasErrors())
    (void)mochi::checkBindings(decls, *b);
  fuzz::drop(b);
  return 0;
}
