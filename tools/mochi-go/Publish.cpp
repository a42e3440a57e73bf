//===- Publish.cpp - mochi-go publish: the subcommand and its flags -------===//
//
// Part of mochi-go. Kept apart from mochi-go.cpp so the subcommand table
// there only gains a hook. docs/Publish.md documents every flag.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Publish/Publish.h"
#include "mochi-go/Driver/Env.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

cl::SubCommand publishCmd("publish",
                          "Publish a Mochi package as a Go module: check its "
                          "exported API against the Go implementation, "
                          "write the module, run the gates, print its h1");

namespace {
cl::OptionCategory publishCategory("mochi-go publish options");
cl::opt<std::string> pkgDir(cl::Positional, cl::desc("<package dir>"),
                            cl::sub(publishCmd), cl::Required);
cl::opt<std::string> goSrc("go-src",
                           cl::desc("The Go implementation of the package "
                                    "(one Go package, its .go files)"),
                           cl::value_desc("dir"), cl::sub(publishCmd),
                           cl::Required, cl::cat(publishCategory));
cl::opt<std::string> outDir("out",
                            cl::desc("Where the Go module is written "
                                     "(replaced if it is an earlier "
                                     "publish)"),
                            cl::value_desc("dir"), cl::sub(publishCmd),
                            cl::Required, cl::cat(publishCategory));
cl::opt<std::string> sumFile("sum",
                             cl::desc("Also write the module's two go.sum "
                                      "lines to this file"),
                             cl::value_desc("file"), cl::sub(publishCmd),
                             cl::cat(publishCategory));
cl::opt<std::string> keepMlir("emit-mlir",
                              cl::desc("Write the checked GoSurface IR (API "
                                       "and implementation) to this file"),
                              cl::value_desc("file"), cl::sub(publishCmd),
                              cl::cat(publishCategory));
cl::opt<bool> noGates("no-gates",
                      cl::desc("Write the module and its hash, skip gofmt, "
                               "vet, build and the consumer"),
                      cl::sub(publishCmd), cl::cat(publishCategory));
cl::opt<bool> cHeader(
    "c-header",
    cl::desc("Also write the C face into cabi/ (the consume direction's Go "
             "wrapper and C header, made from the published module) and "
             "gate it: the header as C and C++, the c-archive, a C program "
             "calling every function"),
    cl::sub(publishCmd), cl::cat(publishCategory));
} // namespace

/// Called by mochi-go.cpp's main when `publish` was given.
int runPublish(StringRef argv0, StringRef goCommand, StringRef ingestCommand,
               bool verbose) {
  mochigo::publish::Options o;
  o.packageDir = pkgDir;
  o.goSrc = goSrc;
  o.outDir = outDir;
  o.sumFile = sumFile;
  o.keepMlir = keepMlir;
  o.skipGates = noGates;
  o.cHeader = cHeader;
  o.goCommand = goCommand.str();
  if (o.goCommand.empty())
    if (const char *g = getenv("MOCHIGO_GO"))
      o.goCommand = g;
  o.ingestCommand = ingestCommand.str();
  if (o.ingestCommand.empty()) {
    if (const char *i = getenv("MOCHIGO_INGEST"))
      o.ingestCommand = i;
    else {
      // As the driver finds it: in the build tree or as installed
      // (<prefix>/libexec/mochi-go).
      std::string self = sys::fs::getMainExecutable(
          argv0.str().c_str(), reinterpret_cast<void *>(&runPublish));
      o.ingestCommand = mochigo::driver::findHelper("mochi-go-ingest", self);
      if (o.ingestCommand.empty())
        o.ingestCommand = "mochi-go-ingest";
    }
  }
  if (verbose)
    o.verbose = [](StringRef m) { errs() << "mochi-go: " << m << "\n"; };
  return mochigo::publish::publish(o, outs(), errs());
}
