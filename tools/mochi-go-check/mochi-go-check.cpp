//===- mochi-go-check.cpp - Check Mochi declaration files -----------------===//
//
// Part of mochi-go. The command line over DeclFile.h:
//   mochi-go-check [--list] [--bindings YAML] FILE...
// Checks each file as a Mochi declaration file and prints every problem as
// `file:line:col: error: message` to stderr. With --list, prints each
// declaration found as one line to stdout (docs/MochiCheck.md has the
// format). With --bindings, the one FILE is a generated extern file and
// YAML its `<alias>.bindings.yaml`: both are read as the Mochi compiler's
// driver reads them and held to each other. Exit status: 0 when every file is
// clean, 1 when some file has an error or cannot be read, 2 for usage errors.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Mochi/Bindings.h"
#include "mochi-go/Mochi/DeclFile.h"
#include "mochi-go/Support/Version.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace mochigo;
namespace cl = llvm::cl;

namespace {

cl::OptionCategory category("mochi-go-check options");

cl::list<std::string> files(cl::Positional, cl::desc("FILE..."), cl::OneOrMore,
                            cl::cat(category));
cl::opt<bool> listFlag("list",
                       cl::desc("Print each declaration as one line to "
                                "stdout (`extern_fun uuid.Parse(s: string): "
                                "Result<bytes, string>`); a `# FILE` line "
                                "comes first when there are several files"),
                       cl::cat(category));

cl::opt<std::string>
    bindingsFile("bindings",
                 cl::desc("The bindings file (<alias>.bindings.yaml) of the "
                          "one FILE: check both, and that they agree"),
                 cl::value_desc("YAML"), cl::cat(category));

/// Read the bindings and hold `file` to them; false after printing why.
bool checkAgainstBindings(mochi::DeclFile &file) {
  auto buffer = llvm::MemoryBuffer::getFile(bindingsFile, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    llvm::errs() << "mochi-go-check: " << bindingsFile << ": "
                 << buffer.getError().message() << "\n";
    return false;
  }
  llvm::Expected<mochi::Bindings> b =
      mochi::parseBindings((*buffer)->getBuffer(), bindingsFile);
  if (!b) {
    llvm::errs() << "mochi-go-check: " << llvm::toString(b.takeError()) << "\n";
    return false;
  }
  mochi::DeclFile mismatches;
  mismatches.fileName = file.fileName;
  mismatches.diagnostics = mochi::checkBindings(file, *b);
  mochi::printDiagnostics(mismatches, llvm::errs());
  return mismatches.diagnostics.empty();
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  mochigo::setVersionPrinter("mochi-go-check");
  if (!cl::ParseCommandLineOptions(
          argc, argv,
          "mochi-go-check: check Mochi declaration files (extern files) "
          "against Mochi's grammar\n\n"
          "  mochi-go-check [--list] FILE...\n"
          "  mochi-go-check [--list] --bindings YAML FILE\n\n"
          "Exit status: 0 clean, 1 errors, 2 usage.\n",
          &llvm::errs()))
    return 2;
  if (!bindingsFile.empty() && files.size() != 1) {
    llvm::errs() << "mochi-go-check: --bindings takes exactly one FILE\n";
    return 2;
  }
  bool failed = false;
  for (const std::string &path : files) {
    llvm::Expected<mochi::DeclFile> file = mochi::checkDeclFilePath(path);
    if (!file) {
      llvm::errs() << "mochi-go-check: " << llvm::toString(file.takeError())
                   << "\n";
      failed = true;
      continue;
    }
    mochi::printDiagnostics(*file, llvm::errs());
    failed |= file->hasErrors();
    if (!bindingsFile.empty() && !file->hasErrors())
      failed |= !checkAgainstBindings(*file);
    if (listFlag) {
      if (files.size() > 1)
        llvm::outs() << "# " << path << "\n";
      for (const mochi::Decl &d : file->decls)
        llvm::outs() << mochi::formatDecl(d) << "\n";
      llvm::outs().flush();
    }
  }
  return failed ? 1 : 0;
}
