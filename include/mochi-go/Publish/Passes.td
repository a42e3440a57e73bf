//===- Passes.td - Publish passes --------------------------*- tablegen -*-===//

#ifndef MOCHIGO_PUBLISH_PASSES_TD
#define MOCHIGO_PUBLISH_PASSES_TD

include "mlir/Pass/PassBase.td"

def PublishCheck : Pass<"publish-check", "::mlir::ModuleOp"> {
  let summary = "Check a Mochi package's exported API against its Go "
                "implementation";
  let description = [{
    Runs on a builtin module holding two `go.module`s: the exported Mochi
    API lowered by the reverse type map (`mochi.publish = "api"`, positions
    in the Mochi sources) and the GoSurface of the Go implementation
    (`mochi.publish = "impl"`, from `mochi-go-ingest`). Every `go.func` of
    the API's package must exist in the implementation's package under the
    same Go name with an identical signature, and every `go.type` (a record)
    as a struct with the same exported fields, in order, of identical types;
    a named type of the implementation's package stands for the API type of
    the same name. Each mismatch is an error at the Mochi declaration, with
    a note at the Go one. The IR is not changed.
  }];
}

#endif // MOCHIGO_PUBLISH_PASSES_TD
