//===- mochi-go.cpp - the command for people ------------------------------===//
//
// Part of mochi-go.
//
//   mochi-go sync [--check] FILE.mochi...   bring a program's Go imports up
//                                           to date, or check the lock
//   mochi-go bind MODULE@VERSION -o DIR     one module on its own
//   mochi-go explain MODULE[@VERSION]       the skip report of a module
//
// docs/Driver.md documents every flag and the exit codes.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Driver/Driver.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace mochigo;

namespace {

cl::OptionCategory category("mochi-go options");
cl::SubCommand syncCmd("sync", "Fetch, verify, bind and build the Go imports "
                               "of a Mochi program; write mochi.lock");
cl::SubCommand bindCmd("bind", "Bind one module (MODULE@VERSION, or a "
                               "standard-library package) into a directory");
cl::SubCommand explainCmd("explain",
                          "Print the skip report of a module: what "
                          "is bridged, carried and skipped, and why");

cl::list<std::string> syncFiles(cl::Positional, cl::desc("<file.mochi>..."),
                                cl::sub(syncCmd), cl::OneOrMore);
cl::opt<bool> checkFlag("check",
                        cl::desc("Change nothing: report every drift between "
                                 "mochi.lock, the sources and the cache"),
                        cl::sub(syncCmd), cl::cat(category));
cl::opt<std::string> lockFlag("lock",
                              cl::desc("The lock file (default: mochi.lock "
                                       "next to the first source)"),
                              cl::value_desc("file"), cl::sub(syncCmd),
                              cl::sub(explainCmd), cl::cat(category));
cl::opt<std::string> outFlag("o",
                             cl::desc("Output directory (sync: default "
                                      ".mochi-go next to the first source)"),
                             cl::value_desc("dir"), cl::sub(syncCmd),
                             cl::sub(bindCmd), cl::cat(category));

cl::opt<std::string> bindTarget(cl::Positional,
                                cl::desc("<module@version | std package>"),
                                cl::sub(bindCmd), cl::Required);
cl::opt<std::string> aliasFlag("alias",
                               cl::desc("Mochi alias (default: from the path)"),
                               cl::sub(bindCmd), cl::cat(category));
cl::opt<std::string> explainTarget(cl::Positional,
                                   cl::desc("<module[@version] | std package>"),
                                   cl::sub(explainCmd), cl::Required);

cl::opt<bool> verboseFlag("verbose", cl::desc("Show progress"),
                          cl::sub(cl::SubCommand::getAll()), cl::cat(category));
cl::alias verboseShort("v", cl::aliasopt(verboseFlag),
                       cl::desc("Alias for --verbose"));
cl::opt<unsigned> jobsFlag("jobs",
                           cl::desc("Parallel work: binds, downloads, go "
                                    "build -p (default: one per core)"),
                           cl::init(0), cl::sub(cl::SubCommand::getAll()),
                           cl::cat(category));
cl::alias jobsShort("j", cl::aliasopt(jobsFlag), cl::desc("Alias for --jobs"));
cl::opt<std::string> cacheFlag("cache-dir",
                               cl::desc("Cache root (default: $MOCHIGO_CACHE, "
                                        "else $XDG_CACHE_HOME/mochi/go-deps)"),
                               cl::value_desc("dir"),
                               cl::sub(cl::SubCommand::getAll()),
                               cl::cat(category));
cl::opt<std::string> goFlag("go",
                            cl::desc("The go command (default: $MOCHIGO_GO, "
                                     "else go on PATH)"),
                            cl::value_desc("path"),
                            cl::sub(cl::SubCommand::getAll()),
                            cl::cat(category));
cl::opt<std::string> ingestFlag("ingest",
                                cl::desc("mochi-go-ingest (default: "
                                         "$MOCHIGO_INGEST, else next to "
                                         "mochi-go)"),
                                cl::value_desc("path"),
                                cl::sub(cl::SubCommand::getAll()),
                                cl::cat(category));

driver::Options options() {
  driver::Options o;
  o.cacheDir = cacheFlag;
  o.outDir = outFlag;
  o.lockPath = lockFlag;
  o.goCommand = goFlag;
  o.ingestCommand = ingestFlag;
  o.jobs = jobsFlag;
  o.messages.error = [](StringRef msg) {
    // Refusals on integrity grounds name their kind
    // ("security error [sumdb-fork]: ..."); source diagnostics and drift
    // lines carry their own location.
    if (msg.starts_with("security error ["))
      errs() << "mochi-go: " << msg << "\n";
    else if (msg.contains(": error: ") || msg.contains(": note: ") ||
             msg.contains(" drift ("))
      errs() << msg << "\n";
    else
      errs() << "mochi-go: error: " << msg << "\n";
  };
  o.messages.warning = [](StringRef msg) {
    errs() << "mochi-go: warning: " << msg << "\n";
  };
  o.messages.note = [](StringRef msg) {
    errs() << "mochi-go: " << msg << "\n";
  };
  if (verboseFlag)
    o.messages.verbose = [](StringRef msg) {
      errs() << "mochi-go: " << msg << "\n";
    };
  return o;
}

} // namespace

// tools/mochi-go/Publish.cpp
extern cl::SubCommand publishCmd;
int runPublish(StringRef argv0, StringRef go, StringRef ingest, bool verbose);

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  // Errors in the command line are usage errors (exit 2, as documented),
  // not the exit 1 that ParseCommandLineOptions would use on its own.
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "mochi-go: Go modules for Mochi programs\n\n"
          "  mochi-go sync [--check] app.mochi...\n"
          "  mochi-go bind MODULE@VERSION -o DIR [--alias NAME]\n"
          "  mochi-go explain MODULE[@VERSION]\n"
          "  mochi-go publish PKGDIR --go-src DIR --out DIR\n\n"
          "Exit codes: 0 success, 1 a step failed, 2 usage, 3 errors in the "
          "Mochi sources, 4 drift (sync --check), 5 security (a refusal on "
          "integrity grounds: security error [KIND])\n",
          &errs()))
    return driver::Usage;

  if (syncCmd) {
    std::vector<std::string> files(syncFiles.begin(), syncFiles.end());
    if (checkFlag)
      return driver::check(files, options());
    driver::SyncResult r;
    int status = driver::sync(files, options(), &r);
    if (status == driver::Success) {
      outs() << "archive: " << r.archive << "\n"
             << "include: " << r.includeDir << "\n"
             << "externs: " << r.mochiDir << "\n"
             << "lock: " << r.lockPath << "\n"
             << "pkg-config: " << r.pkgConfig << "\n"
             << "cflags: " << r.cflags << "\n"
             << "libs: " << r.libs << "\n";
    }
    return status;
  }
  if (bindCmd)
    return driver::bind(bindTarget, aliasFlag, outFlag, options());
  if (explainCmd)
    return driver::explain(explainTarget, options(), outs());
  if (publishCmd)
    return runPublish(argv[0], goFlag, ingestFlag, verboseFlag);
  errs() << "mochi-go: no command (sync, bind or explain); see --help\n";
  return driver::Usage;
}
