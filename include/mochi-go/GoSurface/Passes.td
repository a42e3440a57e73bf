//===- Passes.td - GoSurface passes ------------------------*- tablegen -*-===//

#ifndef MOCHIGO_GOSURFACE_PASSES_TD
#define MOCHIGO_GOSURFACE_PASSES_TD

include "mlir/Pass/PassBase.td"

def GoSurfaceStats : Pass<"go-surface-stats", "::mochigo::gosurface::GoModuleOp"> {
  let summary = "Count the exported declarations of a Go module, per kind";
  let description = [{
    Prints one line per `go.module`:
    `<module>@<version>: packages=N const=N var=N type=N alias=N func=N method=N generic=N hidden=N external=N`
    where `type` counts exported defined types, `method` the methods of
    exported types, `generic` the exported types, aliases and functions with
    type parameters (also counted in their own kind), `hidden` the unexported
    types (and their methods) the exported API mentions, and `external` the
    named types from outside the module. The IR is not changed.
    With `output=FILE` the line goes to FILE instead of stdout; the file is
    rewritten for each `go.module` the pass runs on (so with
    `--split-input-file` it holds the last module's line).
  }];
  let options = [
    Option<"outputFile", "output", "std::string", /*default=*/"\"-\"",
           "Where to write the counts ('-' for stdout)">
  ];
}

#endif // MOCHIGO_GOSURFACE_PASSES_TD
