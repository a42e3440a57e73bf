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
#include "mochi-go/Driver/Env.h"
#include "mochi-go/Fetch/Progress.h"
#include "mochi-go/Support/Version.h"

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

cl::opt<bool> verboseFlag("verbose",
                          cl::desc("Say what is done, and why; progress as "
                                   "plain lines when stderr is no terminal"),
                          cl::sub(cl::SubCommand::getAll()), cl::cat(category));
cl::opt<bool> quietFlag("quiet",
                        cl::desc("Print errors and warnings only: no "
                                 "progress, no summary"),
                        cl::sub(cl::SubCommand::getAll()), cl::cat(category));
cl::alias quietShort("q", cl::aliasopt(quietFlag),
                     cl::desc("Alias for --quiet"));
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

/// The live display of a sync: one line per import on a terminal, plain
/// lines with --verbose elsewhere, nothing with --quiet. Every message goes
/// through it so that none garbles the live lines.
std::unique_ptr<fetch::Progress> progress;

void say(StringRef line) {
  if (progress && progress->isEnabled())
    progress->message(line);
  else
    errs() << line << "\n";
}

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
      say(("mochi-go: " + msg).str());
    else if (msg.contains(": error: ") || msg.contains(": note: ") ||
             msg.contains(" drift ("))
      say(msg);
    else
      say(("mochi-go: error: " + msg).str());
  };
  o.messages.warning = [](StringRef msg) {
    say(("mochi-go: warning: " + msg).str());
  };
  if (!quietFlag)
    o.messages.note = [](StringRef msg) { say(("mochi-go: " + msg).str()); };
  if (verboseFlag && !quietFlag)
    o.messages.verbose = [](StringRef msg) { say(("mochi-go: " + msg).str()); };
  if (progress && progress->isEnabled())
    o.messages.progress = [](StringRef what, StringRef step, bool finished) {
      progress->task(what, step, finished);
    };
  return o;
}

} // namespace

// tools/mochi-go/Publish.cpp
extern cl::SubCommand publishCmd;
int runPublish(StringRef argv0, StringRef go, StringRef ingest, bool verbose);
// tools/mochi-go/Env.cpp
extern cl::SubCommand envCmd;
int runEnv(const driver::Options &options);

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  // --version: ours, the LLVM/MLIR we were built with, and the go command a
  // sync would run (asked only here, with the flags as parsed).
  setVersionPrinter("mochi-go", [](raw_ostream &os) {
    os << driver::goVersionLine(options()) << "\n";
  });
  // Errors in the command line are usage errors (exit 2, as documented),
  // not the exit 1 that ParseCommandLineOptions would use on its own.
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "mochi-go: Go modules for Mochi programs\n\n"
          "  mochi-go sync [--check] app.mochi...\n"
          "  mochi-go bind MODULE@VERSION -o DIR [--alias NAME]\n"
          "  mochi-go explain MODULE[@VERSION]\n"
          "  mochi-go publish PKGDIR --go-src DIR --out DIR\n"
          "  mochi-go env [-json] [NAME...]\n\n"
          "Exit codes: 0 success, 1 a step failed, 2 usage, 3 errors in the "
          "Mochi sources, 4 drift (sync --check), 5 security (a refusal on "
          "integrity grounds: security error [KIND])\n",
          &errs()))
    return driver::Usage;

  if (syncCmd) {
    std::vector<std::string> files(syncFiles.begin(), syncFiles.end());
    if (checkFlag)
      return driver::check(files, options());
    // Live lines on a terminal; plain lines elsewhere with --verbose.
    progress = std::make_unique<fetch::Progress>(
        quietFlag     ? fetch::Progress::Mode::Never
        : verboseFlag ? fetch::Progress::Mode::Always
                      : fetch::Progress::Mode::Auto,
        "mochi-go");
    driver::SyncResult r;
    int status = driver::sync(files, options(), &r);
    progress->endTasks();
    if (status == driver::Success) {
      // The embedded profile has no header, pkg-config, cflags or libs:
      // only what there is is printed.
      for (auto [key, value] :
           {std::pair<const char *, const std::string *>{"archive", &r.archive},
            {"include", &r.includeDir},
            {"externs", &r.mochiDir},
            {"lock", &r.lockPath},
            {"pkg-config", &r.pkgConfig},
            {"cflags", &r.cflags},
            {"libs", &r.libs}})
        if (!value->empty())
          outs() << key << ": " << *value << "\n";
    }
    return status;
  }
  if (bindCmd)
    return driver::bind(bindTarget, aliasFlag, outFlag, options());
  if (explainCmd)
    return driver::explain(explainTarget, options(), outs());
  if (publishCmd)
    return runPublish(argv[0], goFlag, ingestFlag, verboseFlag);
  if (envCmd)
    return runEnv(options());
  errs() << "mochi-go: no command (sync, bind or explain); see --help\n";
  return driver::Usage;
}
