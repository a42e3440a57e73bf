//===- Driver.cpp - mochi-go publish --------------------------------------===//
//
// Part of mochi-go. The steps of docs/Publish.md: read mochi.toml and the
// sources, lower the API, ingest the implementation, check, print, gate,
// hash.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Publish/Passes.h"
#include "mochi-go/Publish/Publish.h"

#include "CFace.h"
#include "GoSource.h"

#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/Ingest/ApiSurfaceImporter.h"
#include "mochi-go/ModZip/ModZip.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <fmt/format.h>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::publish;
using llvm::StringRef;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

extern char **environ;

namespace {

enum { Success = 0, StepFailed = 1, SourceErrors = 3 };

struct RunResult {
  int status = -1;
  std::string out, err;
};

/// Run `argv` with the environment plus `extra`, capturing its output.
RunResult run(llvm::ArrayRef<std::string> argv,
              llvm::ArrayRef<std::string> extra) {
  RunResult r;
  llvm::SmallString<128> outFile, errFile;
  fs::createTemporaryFile("mochi-publish", "out", outFile);
  fs::createTemporaryFile("mochi-publish", "err", errFile);
  std::vector<std::string> env;
  for (char **e = environ; *e; ++e) {
    StringRef kv(*e);
    StringRef key = kv.split('=').first;
    bool overridden = llvm::any_of(extra, [&](const std::string &x) {
      return StringRef(x).split('=').first == key;
    });
    if (!overridden)
      env.push_back(kv.str());
  }
  env.insert(env.end(), extra.begin(), extra.end());
  std::vector<StringRef> args(argv.begin(), argv.end());
  std::vector<StringRef> envRefs(env.begin(), env.end());
  std::optional<StringRef> redirects[] = {StringRef(""), StringRef(outFile),
                                          StringRef(errFile)};
  std::string msg;
  std::string prog = argv[0];
  if (!path::has_parent_path(prog))
    if (auto found = llvm::sys::findProgramByName(prog))
      prog = *found;
  r.status =
      llvm::sys::ExecuteAndWait(prog, args, envRefs, redirects, 0, 0, &msg);
  if (auto b = llvm::MemoryBuffer::getFile(outFile))
    r.out = (*b)->getBuffer().str();
  if (auto b = llvm::MemoryBuffer::getFile(errFile))
    r.err = (*b)->getBuffer().str();
  if (r.status < 0)
    r.err += msg;
  fs::remove(outFile);
  fs::remove(errFile);
  return r;
}

bool writeFile(StringRef p, StringRef text, llvm::raw_ostream &err) {
  fs::create_directories(path::parent_path(p));
  std::error_code ec;
  llvm::raw_fd_ostream os(p, ec);
  if (ec) {
    err << "mochi-go: error: cannot write " << p << ": " << ec.message()
        << "\n";
    return false;
  }
  os << text;
  return true;
}

/// Regular files of `dir` with extension `ext` (no subdirectories), sorted.
std::vector<std::string> listFiles(StringRef dir, StringRef ext) {
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec)) {
    StringRef name = path::filename(it->path());
    if (name.ends_with(ext) && it->type() == fs::file_type::regular_file)
      out.push_back(name.str());
  }
  llvm::sort(out);
  return out;
}

/// `require` lines of a go.mod (single and block form), as "path version".
std::vector<std::string> readRequires(StringRef gomod) {
  std::vector<std::string> out;
  bool block = false;
  llvm::SmallVector<StringRef> lines;
  gomod.split(lines, '\n');
  for (StringRef l : lines) {
    l = l.split("//").first.trim();
    if (block) {
      if (l == ")")
        block = false;
      else if (!l.empty()) {
        llvm::SmallVector<StringRef> f;
        l.split(f, ' ', -1, false);
        if (f.size() >= 2)
          out.push_back((f[0] + " " + f[1]).str());
      }
      continue;
    }
    if (l.consume_front("require")) {
      l = l.trim();
      if (l == "(") {
        block = true;
        continue;
      }
      llvm::SmallVector<StringRef> f;
      l.split(f, ' ', -1, false);
      if (f.size() >= 2)
        out.push_back((f[0] + " " + f[1]).str());
    }
  }
  llvm::sort(out);
  return out;
}

std::string seconds(std::chrono::steady_clock::time_point t0) {
  auto d = std::chrono::steady_clock::now() - t0;
  return fmt::format(
      "{:.2f}s",
      std::chrono::duration_cast<std::chrono::milliseconds>(d).count() /
          1000.0);
}

/// The gates of the C face (docs/Publish.md): c-header, c-archive,
/// c-program, each its own step with its own error. `work` is a scratch
/// directory.
bool cGates(const Options &o, const CFace &cface, StringRef outDir,
            StringRef work, const std::string &goCmd,
            const std::vector<std::string> &goEnv, llvm::raw_ostream &out,
            llvm::raw_ostream &err) {
  auto fromEnv = [](const std::string &given, const char *var,
                    const char *fallback) {
    if (!given.empty())
      return given;
    const char *v = getenv(var);
    return std::string(v && *v ? v : fallback);
  };
  std::string cc = fromEnv(o.cCompiler, "CC", "cc");
  std::string cxx = fromEnv(o.cxxCompiler, "CXX", "c++");
  std::string cabiDir = (outDir + "/" + kCFaceDir).str();
  std::string header = cabiDir + "/" + cface.prefix + ".h";
  auto step = [&](StringRef gate, StringRef what,
                  llvm::ArrayRef<std::string> argv) -> bool {
    RunResult r = run(argv, goEnv);
    if (r.status == 0)
      return true;
    out.flush(); // the gates passed so far come before the error
    err << "mochi-go: error: gate " << gate << " failed: " << what << " ("
        << llvm::join(argv, " ") << "):\n"
        << r.out << r.err;
    return false;
  };
  // The header on its own, as C and as C++.
  auto t0 = std::chrono::steady_clock::now();
  if (!step("c-header", "the header does not compile as C",
            {cc, "-std=c11", "-Wall", "-Wextra", "-pedantic", "-Werror",
             "-fsyntax-only", "-x", "c", header}) ||
      !step("c-header", "the header does not compile as C++",
            {cxx, "-std=c++17", "-Wall", "-Wextra", "-pedantic", "-Werror",
             "-fsyntax-only", "-x", "c++", header}))
    return false;
  out << "gate c-header: ok " << seconds(t0) << "\n";
  // The c-archive of the cabi package.
  t0 = std::chrono::steady_clock::now();
  std::string archive = (work + "/lib" + cface.prefix + ".a").str();
  if (!step("c-archive", "go build -buildmode=c-archive of the C face",
            {goCmd, "-C", outDir.str(), "build", "-buildmode=c-archive", "-o",
             archive, "./" + kCFaceDir.str()}))
    return false;
  out << "gate c-archive: ok " << seconds(t0) << "\n";
  // A C program that calls every exported function.
  t0 = std::chrono::steady_clock::now();
  std::string program;
  if (failed(emitCProgram(*cface.lowered, program)))
    return false;
  std::string src = (work + "/c-program.c").str();
  std::string exe = (work + "/c-program").str();
  if (!writeFile(src, program, err))
    return false;
  if (!step("c-program", "the generated C program does not compile",
            {cc, "-std=c11", "-Wall", "-Werror", "-I", cabiDir, "-o", exe, src,
             archive, "-lpthread", "-lm", "-ldl", "-lresolv"}))
    return false;
  RunResult r = run({exe}, goEnv);
  if (r.status != 0) {
    out.flush();
    err << "mochi-go: error: gate c-program failed: a call through the C "
           "header failed or broke the contract of docs/CAbi.md:\n"
        << r.out << r.err;
    return false;
  }
  out << "gate c-program: ok " << seconds(t0) << "\n";
  llvm::SmallVector<StringRef> lines;
  StringRef(r.out).split(lines, '\n', -1, false);
  for (StringRef l : lines)
    out << "c-program: " << l << "\n";
  return true;
}

} // namespace

int publish::publish(const Options &o, llvm::raw_ostream &out,
                     llvm::raw_ostream &err) {
  auto verbose = [&](const std::string &m) {
    if (o.verbose)
      o.verbose(m);
  };
  // 1. mochi.toml
  Manifest m;
  std::vector<Problem> problems;
  llvm::SmallString<256> tomlPath(o.packageDir);
  path::append(tomlPath, "mochi.toml");
  if (!readManifest(tomlPath, m, problems)) {
    for (const Problem &p : problems)
      err << p.str() << "\n";
    return SourceErrors;
  }
  // 2. the Mochi sources
  std::vector<mochi::PackageSource> srcs;
  bool srcErrors = false;
  for (const std::string &name : listFiles(o.packageDir, ".mochi")) {
    llvm::SmallString<256> p(o.packageDir);
    path::append(p, name);
    auto buf = llvm::MemoryBuffer::getFile(p);
    if (!buf) {
      err << p << ": error: cannot read: " << buf.getError().message() << "\n";
      return SourceErrors;
    }
    srcs.push_back(mochi::readPackageSource((*buf)->getBuffer(), p));
    for (const mochi::Diagnostic &d : srcs.back().diagnostics) {
      err << p << ":" << d.loc.line << ":" << d.loc.column << ": "
          << (d.severity == mochi::Diagnostic::Severity::Error ? "error"
                                                               : "note")
          << ": " << d.message << "\n";
      srcErrors |= d.severity == mochi::Diagnostic::Severity::Error;
    }
  }
  if (srcs.empty()) {
    err << o.packageDir << ": error: no .mochi sources\n";
    return SourceErrors;
  }
  if (srcErrors)
    return SourceErrors;
  // The implementation's files and requirements.
  std::vector<std::string> goFiles;
  for (const std::string &f : listFiles(o.goSrc, ".go"))
    if (!StringRef(f).ends_with("_test.go"))
      goFiles.push_back(f);
  if (goFiles.empty()) {
    err << "mochi-go: error: --go-src " << o.goSrc << " holds no .go files\n";
    return StepFailed;
  }
  {
    llvm::SmallString<256> gm(o.goSrc);
    path::append(gm, "go.mod");
    if (auto b = llvm::MemoryBuffer::getFile(gm))
    m.
      requires
    = readRequires((*b)->getBuffer());
  }

  // 3. lower (errors at Mochi positions)
  MLIRContext ctx;
  ctx.loadDialect<gosurface::GoSurfaceDialect>();
  ctx.printOpOnDiagnostic(false);
  // Go positions name the staged module (see step 4); print them as the
  // --go-src files they are copies of.
  std::string implPrefix = m.module + "/impl@" + m.version + "/";
  bool diagErrors = false;
  ScopedDiagnosticHandler handler(&ctx, [&](Diagnostic &d) {
    auto print = [&](Location loc, StringRef sev, StringRef msg) {
      if (auto fl = dyn_cast<FileLineColLoc>(loc)) {
        StringRef file = fl.getFilename().getValue();
        if (file.consume_front(implPrefix))
          err << o.goSrc << "/" << file;
        else
          err << file;
        if (fl.getLine())
          err << ":" << fl.getLine() << ":" << fl.getColumn();
        err << ": ";
      } else if (auto nl = dyn_cast<NameLoc>(loc)) {
        err << nl.getName().getValue() << ": ";
      }
      err << sev << ": " << msg << "\n";
    };
    diagErrors |= d.getSeverity() == DiagnosticSeverity::Error;
    print(d.getLocation(),
          d.getSeverity() == DiagnosticSeverity::Error ? "error" : "note",
          d.str());
    for (Diagnostic &n : d.getNotes())
      print(n.getLocation(), "note", n.str());
    return success();
  });
  OwningOpRef<ModuleOp> top = lowerPackage(m, srcs, &ctx);
  if (!top)
    return SourceErrors;
  verbose(fmt::format("lowered {} to GoSurface", m.module));

  // 4. ingest the implementation, staged as module <module>/impl
  llvm::SmallString<128> stage;
  if (std::error_code ec =
          fs::createUniqueDirectory("mochi-publish-stage", stage)) {
    err << "mochi-go: error: " << ec.message() << "\n";
    return StepFailed;
  }
  struct Cleanup {
    std::vector<std::string> dirs;
    ~Cleanup() {
      for (const std::string &d : dirs)
        fs::remove_directories(d);
    }
  } cleanup{{std::string(stage)}};
  std::string implModule = m.module + "/impl";
  std::string stageMod =
      fmt::format("module {}\n\ngo {}\n", implModule, m.goVersion);
  if (!m.requires.empty()) {
    stageMod += "\nrequire (\n";
    for (const std::string &r : m.requires)
      stageMod += "\t" + r + "\n";
    stageMod += ")\n";
  }
  if (!writeFile((stage + "/go.mod").str(), stageMod, err))
    return StepFailed;
  for (const std::string &f : goFiles)
    if (std::error_code ec =
            fs::copy_file(o.goSrc + "/" + f, (stage + "/" + f).str())) {
      err << "mochi-go: error: cannot copy " << f << ": " << ec.message()
          << "\n";
      return StepFailed;
    }
  std::string goCmd = o.goCommand.empty() ? "go" : o.goCommand;
  std::vector<std::string> goEnv = {"GOWORK=off", "GOTOOLCHAIN=local",
                                    "GOFLAGS=-mod=mod"};
  auto t0 = std::chrono::steady_clock::now();
  std::string surface = (stage + "/surface.json").str();
  RunResult ing = run({o.ingestCommand, "-go", goCmd, "-dir", stage.str().str(),
                       "-version", m.version, "-o", surface},
                      goEnv);
  if (ing.status != 0) {
    err << "mochi-go: error: ingesting the implementation (--go-src " << o.goSrc
        << ") failed:\n"
        << ing.err;
    return StepFailed;
  }
  // The JSON's positions name files relative to the staging root, which are
  // the --go-src file names; the surface file itself is not published.
  auto json = llvm::MemoryBuffer::getFile(surface);
  fs::remove(surface);
  if (!json) {
    err << "mochi-go: error: cannot read the implementation's surface\n";
    return StepFailed;
  }
  OwningOpRef<ModuleOp> implTop = ingest::importApiSurface(
      (*json)->getBuffer(), "implementation.apisurface.json", &ctx);
  if (!implTop)
    return StepFailed;
  for (auto mod :
       llvm::make_early_inc_range(implTop->getOps<gosurface::GoModuleOp>())) {
    mod->setAttr(kRoleAttr, StringAttr::get(&ctx, "impl"));
    mod->moveBefore(top->getBody(), top->getBody()->end());
  }
  verbose(fmt::format("ingested the implementation in {}", seconds(t0)));

  // 5. the check
  PassManager pm(&ctx);
  pm.addPass(createPublishCheckPass());
  if (failed(pm.run(*top)) || diagErrors)
    return SourceErrors;
  if (!o.keepMlir.empty()) {
    std::error_code ec;
    llvm::raw_fd_ostream os(o.keepMlir, ec);
    if (!ec)
      top->print(os, OpPrintingFlags().enableDebugInfo(true, false));
  }

  // 6. print
  std::vector<OutFile> files;
  if (failed(emitGoLibraryFiles(*top, files)))
    return StepFailed;
  llvm::SmallString<256> outDir(o.outDir);
  fs::make_absolute(outDir);
  if (fs::exists(outDir)) {
    std::error_code ec;
    fs::directory_iterator it(outDir, ec);
    bool empty = !ec && it == fs::directory_iterator();
    auto gm = llvm::MemoryBuffer::getFile(outDir + "/go.mod");
    bool ours = gm && fs::exists(outDir + "/doc.go") &&
                (*gm)->getBuffer().starts_with("module " + m.module + "\n");
    if (!empty && !ours) {
      err << "mochi-go: error: --out " << outDir
          << " exists and is not an earlier publish of " << m.module
          << "; refusing to replace it\n";
      return StepFailed;
    }
    fs::remove_directories(outDir);
  }
  for (const OutFile &f : files)
    if (!writeFile((outDir + "/" + f.name).str(), f.text, err))
      return StepFailed;
  {
    llvm::SmallString<256> lic(o.packageDir);
    path::append(lic, "LICENSE");
    if (fs::exists(lic)) {
      fs::copy_file(lic, outDir + "/LICENSE");
      files.push_back({"LICENSE", ""});
    }
  }
  for (const std::string &f : goFiles) {
    std::string dst = (outDir + "/" + kImplDir + "/" + f).str();
    fs::create_directories(path::parent_path(dst));
    if (fs::copy_file(o.goSrc + "/" + f, dst)) {
      err << "mochi-go: error: cannot copy " << f << "\n";
      return StepFailed;
    }
  }
  out << "published " << m.module << " " << m.version << " into " << outDir
      << "\n";

  // 6b. the C face: the consume direction's pipeline on the published module
  CFace cface;
  if (o.cHeader) {
    out.flush(); // before the diagnostics of the C face
    auto f0 = std::chrono::steady_clock::now();
    std::string pubSurface = (stage + "/published.json").str();
    RunResult pi =
        run({o.ingestCommand, "-go", goCmd, "-dir", outDir.str().str(),
             "-version", m.version, "-o", pubSurface},
            goEnv);
    auto pjson = llvm::MemoryBuffer::getFile(pubSurface);
    if (pi.status != 0 || !pjson) {
      err << "mochi-go: error: ingesting the published module for the C face "
             "failed:\n"
          << pi.err;
      return StepFailed;
    }
    std::vector<std::string> apiFunctions;
    for (auto mod : top->getOps<gosurface::GoModuleOp>())
      if (auto role = mod->getAttrOfType<StringAttr>(kRoleAttr);
          role && role.getValue() == "api")
        mod.walk([&](gosurface::FuncOp fn) {
          apiFunctions.push_back(fn.getSymName().str());
        });
    if (failed(makeCFace((*pjson)->getBuffer(), m.module, apiFunctions, &ctx,
                         cface)) ||
        diagErrors) {
      err << "mochi-go: error: the C face of " << m.module
          << " could not be made (above)\n";
      return StepFailed;
    }
    for (const OutFile &f : cface.files)
      if (!writeFile((outDir + "/" + f.name).str(), f.text, err))
        return StepFailed;
    out << "c face: " << kCFaceDir << "/" << cface.prefix << ".h, "
        << cface.files.size() - 1 << " Go files in " << kCFaceDir << "/ ("
        << seconds(f0) << ")\n";
  }

  // 7. the gates, each its own step
  if (!o.skipGates) {
    auto gate = [&](StringRef name, llvm::ArrayRef<std::string> argv,
                    bool outputIsFailure) -> bool {
      auto g0 = std::chrono::steady_clock::now();
      RunResult r = run(argv, goEnv);
      bool ok = r.status == 0 && !(outputIsFailure && !r.out.empty());
      if (!ok) {
        err << "mochi-go: error: gate " << name << " failed ("
            << llvm::join(argv, " ") << "):\n"
            << r.out << r.err;
        return false;
      }
      out << "gate " << name << ": ok " << seconds(g0) << "\n";
      return true;
    };
    RunResult root = run({goCmd, "env", "GOROOT"}, goEnv);
    std::string gofmt = (StringRef(root.out).trim() + "/bin/gofmt").str();
    if (!gate("gofmt", {gofmt, "-l", outDir.str().str()}, true) ||
        !gate("vet", {goCmd, "-C", outDir.str().str(), "vet", "./..."},
              false) ||
        !gate("build", {goCmd, "-C", outDir.str().str(), "build", "./..."},
              false))
      return StepFailed;
    llvm::SmallString<128> consumer;
    fs::createUniqueDirectory("mochi-publish-consumer", consumer);
    cleanup.dirs.push_back(consumer.str().str());
    std::vector<OutFile> cfiles;
    if (failed(emitConsumer(*top, outDir, cfiles)))
      return StepFailed;
    for (const OutFile &f : cfiles)
      if (!writeFile((consumer + "/" + f.name).str(), f.text, err))
        return StepFailed;
    auto c0 = std::chrono::steady_clock::now();
    RunResult c = run({goCmd, "-C", consumer.str().str(), "run", "."}, goEnv);
    if (c.status != 0) {
      err << "mochi-go: error: gate consumer failed (a module requiring "
          << m.module << " through replace, calling every exported "
          << "function):\n"
          << c.out << c.err;
      return StepFailed;
    }
    out << "gate consumer: ok " << seconds(c0) << "\n";
    llvm::SmallVector<StringRef> lines;
    StringRef(c.out).split(lines, '\n', -1, false);
    for (StringRef l : lines)
      out << "consumer: " << l << "\n";
    if (o.cHeader &&
        !cGates(o, cface, outDir, consumer, goCmd, goEnv, out, err))
      return StepFailed;
  }

  // 8. the hashes
  auto h1 = modzip::hashDir(outDir, m.module + "@" + m.version);
  if (!h1) {
    err << "mochi-go: error: hashing " << outDir << ": "
        << llvm::toString(h1.takeError()) << "\n";
    return StepFailed;
  }
  auto gm = llvm::MemoryBuffer::getFile(outDir + "/go.mod");
  std::string sum =
      fmt::format("{} {} {}\n{} {}/go.mod {}\n", m.module, m.version, *h1,
                  m.module, m.version, modzip::hashGoMod((*gm)->getBuffer()));
  out << sum;
  if (!o.sumFile.empty() && !writeFile(o.sumFile, sum, err))
    return StepFailed;
  return Success;
}
