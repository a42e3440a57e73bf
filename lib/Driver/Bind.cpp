//===- Bind.cpp - one import: ingest, lower, print, cache -----------------===//
//
// Part of mochi-go. The wrapper library of one import is a pure function of
// the module's bytes (its h1 hashes), the alias, the Go toolchain and target,
// and the two tools that make it; its key hashes exactly those, so a cached
// library is reused without fetching or ingesting anything.
//
//===----------------------------------------------------------------------===//

#include "DriverImpl.h"

#include "mochi-go/Bridge/Passes.h"
#include "mochi-go/CAbi/CAbiDialect.h"
#include "mochi-go/Emit/Emit.h"
#include "mochi-go/Fetch/GoSum.h"
#include "mochi-go/Fetch/ModCache.h"
#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/Ingest/ApiSurfaceImporter.h"
#include "mochi-go/Mochi/Bindings.h"
#include "mochi-go/Mochi/DeclFile.h"
#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Support/FileUtil.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"

using namespace mochigo;
using namespace mochigo::driver;
using namespace mochigo::driver::detail;
using llvm::StringRef;
namespace fs = llvm::sys::fs;

namespace {

/// LLVM split-file text (`//--- <name>` lines) as (name, contents) pairs.
using SplitFiles = std::vector<std::pair<std::string, std::string>>;
SplitFiles splitFiles(StringRef text) {
  SplitFiles files;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    if (line.starts_with("//--- ")) {
      files.emplace_back(line.drop_front(6).trim().str(), "");
      continue;
    }
    if (files.empty())
      continue;
    files.back().second += line.str();
    files.back().second += '\n';
  }
  return files;
}

/// Write split files under `dir`.
llvm::Error writeFiles(const SplitFiles &files, StringRef dir) {
  for (const auto &[name, body] : files) {
    if (StringRef(name).contains("..") || StringRef(name).starts_with("/"))
      return llvm::createStringError("printer produced a bad file name '" +
                                     name + "'");
    if (llvm::Error e = writeFile((dir + "/" + name).str(), body))
      return e;
  }
  return llvm::Error::success();
}

/// Read the printed externs the way the Mochi compiler will, before a user
/// gets them: the extern file by Mochi's grammar, the bindings file by its
/// schema, and the two against each other (mochi-go-check --bindings). A
/// failure is a bug of mochi-go, reported with the checker's words.
llvm::Error checkExterns(const SplitFiles &externs) {
  StringRef mochiName, mochiText, yamlName, yamlText;
  for (const auto &[name, body] : externs) {
    if (StringRef(name).ends_with(".bindings.yaml"))
      yamlName = name, yamlText = body;
    else if (StringRef(name).ends_with(".mochi"))
      mochiName = name, mochiText = body;
  }
  std::string problems;
  llvm::raw_string_ostream os(problems);
  mochi::DeclFile file = mochi::checkDeclFile(mochiText, mochiName);
  mochi::printDiagnostics(file, os);
  if (!file.hasErrors()) {
    llvm::Expected<mochi::Bindings> b =
        mochi::parseBindings(yamlText, yamlName);
    if (!b) {
      os << llvm::toString(b.takeError()) << "\n";
    } else {
      file.diagnostics = mochi::checkBindings(file, *b);
      mochi::printDiagnostics(file, os);
    }
  }
  if (problems.empty())
    return llvm::Error::success();
  return llvm::createStringError(
      "internal error: the generated Mochi externs do not pass "
      "mochi-go-check (please report this):\n" +
      problems);
}

/// The Go packages a wrapper's main.go imports (rt and w/...).
std::vector<std::string> wrapperPackages(StringRef mainGo, StringRef prefix) {
  std::vector<std::string> out;
  std::string root = ("\"mochigo.local/" + prefix + "/").str();
  while (!mainGo.empty()) {
    auto [line, rest] = mainGo.split('\n');
    mainGo = rest;
    line = line.trim();
    if (line.consume_front("_ ") && line.starts_with(root) &&
        line.ends_with("\""))
      out.push_back(line.drop_front().drop_back().str());
  }
  return out;
}

/// What the go command said of each package of an ApiSurface that it could
/// not load or type-check, one "  <package>: <message>" line each; empty
/// when every package loaded. (Such a surface has `invalid type`s in it,
/// which the importer refuses with a message about the symptom, and its
/// wrapper could not be built anyway: this names the cause.)
std::string packageLoadErrors(const llvm::json::Value &surface) {
  std::string out;
  const llvm::json::Object *o = surface.getAsObject();
  const llvm::json::Array *pkgs = o ? o->getArray("packages") : nullptr;
  if (!pkgs)
    return out;
  for (const llvm::json::Value &p : *pkgs) {
    const llvm::json::Object *pkg = p.getAsObject();
    const llvm::json::Array *errors = pkg ? pkg->getArray("errors") : nullptr;
    if (!errors)
      continue;
    StringRef path = pkg->getString("path").value_or("?");
    for (const llvm::json::Value &e : *errors)
      out += ("  " + path + ": " + e.getAsString().value_or("?") + "\n").str();
  }
  return out;
}

/// Lower an ApiSurface and print the four outputs into `out` (three for the
/// embedded profile: its wrapper has no C header).
llvm::Error lowerAndPrint(Context &ctx, StringRef json, const Import &imp,
                          StringRef prefix, StringRef out, bool embedded) {
  mlir::DialectRegistry registry;
  registry.insert<gosurface::GoSurfaceDialect, cabi::CAbiDialect>();
  mlir::MLIRContext context(registry, mlir::MLIRContext::Threading::DISABLED);
  context.loadAllAvailableDialects();
  std::string diags;
  mlir::ScopedDiagnosticHandler handler(&context, [&](mlir::Diagnostic &d) {
    if (d.getSeverity() == mlir::DiagnosticSeverity::Error ||
        d.getSeverity() == mlir::DiagnosticSeverity::Warning) {
      llvm::raw_string_ostream os(diags);
      os << "  " << d.getLocation() << ": " << d << "\n";
    }
    return mlir::success();
  });
  auto fail = [&](StringRef step) {
    return llvm::createStringError(imp.display() + ": " + step + " failed:\n" +
                                   diags);
  };

  ctx.step(imp.display(), "lower");
  mlir::OwningOpRef<mlir::ModuleOp> module =
      ingest::importApiSurface(json, "surface.json", &context);
  if (!module)
    return fail("importing the API surface");

  mlir::PassManager pm(&context);
  pm.nest<gosurface::GoModuleOp>().addPass(bridge::createTypemap());
  bridge::HandlePoolOptions pool;
  pool.prefix = prefix.str();
  pm.addPass(bridge::createHandlePool(pool));
  if (embedded)
    pm.addPass(bridge::createLinkname());
  else
    pm.addPass(bridge::createCgoExport());
  if (mlir::failed(pm.run(*module)))
    return fail(embedded ? "lowering (typemap, handle-pool, linkname)"
                         : "lowering (typemap, handle-pool, cgo-export)");

  ctx.step(imp.display(), "print");
  std::string wrapper, header, externs, report;
  llvm::raw_string_ostream wrapperOs(wrapper), headerOs(header),
      externsOs(externs), reportOs(report);
  emit::MochiExternOptions externOptions;
  externOptions.alias = imp.alias;
  if (embedded) {
    if (mlir::failed(emit::emitGoWasmWrapper(*module, wrapperOs)))
      return fail("printing the Go wrapper (embedded profile)");
  } else {
    if (mlir::failed(emit::emitGoWrapper(*module, wrapperOs)))
      return fail("printing the Go wrapper");
    if (mlir::failed(emit::emitCHeader(*module, headerOs)))
      return fail("printing the C header");
  }
  if (mlir::failed(emit::emitMochiExterns(*module, externOptions, externsOs)))
    return fail("printing the Mochi externs");
  if (mlir::failed(emit::emitSkipReport(*module, reportOs)))
    return fail("printing the skip report");

  SplitFiles externFiles = splitFiles(externs);
  if (llvm::Error e = checkExterns(externFiles))
    return e;
  if (llvm::Error e = writeFiles(splitFiles(wrapper), (out + "/go").str()))
    return e;
  if (!embedded)
    if (llvm::Error e =
            writeFile((out + "/include/" + prefix + ".h").str(), header))
      return e;
  if (llvm::Error e = writeFiles(externFiles, (out + "/mochi").str()))
    return e;
  return writeFile((out + "/skip-report.txt").str(), report);
}

} // namespace

std::string detail::prefixOf(StringRef alias) {
  return ("mochigo_" + alias).str();
}

std::string detail::bindKey(const Context &ctx, const Import &imp,
                            const ModuleHashes &hashes) {
  std::string text = "mochi-go bind 1\n";
  text += "tools " + ctx.toolStamp + "\n";
  text += "go " + ctx.toolchain.version + " " + ctx.toolchain.target() + "\n";
  text += "profile " + ctx.profile() + "\n";
  if (imp.stdlib)
    text += "std " + imp.path + "\n";
  else
    text += "module " + imp.path + " " + imp.version + " " + hashes.zipH1 +
            " " + hashes.modH1 + "\n";
  text += "alias " + imp.alias + "\n";
  if (!ctx.manifestStamp.empty())
    text += "manifest " + ctx.manifestStamp + "\n";
  return sha256Hex(text);
}

std::optional<Bound> detail::findBound(const Context &ctx, const Import &imp,
                                       StringRef key) {
  std::string dir = ctx.bindDir() + "/" + key.str();
  std::optional<llvm::json::Object> o = readRecord(dir + "/bind.json");
  if (!o)
    return std::nullopt;
  Bound b;
  b.imp = imp;
  b.key = key.str();
  b.dir = dir;
  auto str = [&](StringRef k) { return o->getString(k).value_or("").str(); };
  b.prefix = str("prefix");
  b.surfaceSha256 = str("surfaceSha256");
  b.outputsH1 = str("outputsH1");
  if (const llvm::json::Array *pkgs = o->getArray("goPackages"))
    for (const llvm::json::Value &p : *pkgs)
      if (auto s = p.getAsString())
        b.goPackages.push_back(s->str());
  if (b.prefix.empty() || b.outputsH1.empty() || b.goPackages.empty() ||
      !fs::is_directory(b.outDir()))
    return std::nullopt;
  b.fromCache = true;
  return b;
}

llvm::Expected<Bound> detail::bindImport(Context &ctx, const Import &imp,
                                         const ModuleHashes &hashes,
                                         llvm::ArrayRef<std::string> pinned) {
  std::string key = bindKey(ctx, imp, hashes);
  if (std::optional<Bound> found = findBound(ctx, imp, key)) {
    ctx.verbose("bind " + imp.display() + ": from the cache (" +
                key.substr(0, 12) + ")");
    return *found;
  }
  // One process binds a key; others sharing the cache wait and reuse it.
  FileLock keyLock(fetch::ModCache::lockPath(ctx.cacheDir, "bind " + key));
  if (std::optional<Bound> found = findBound(ctx, imp, key)) {
    ctx.verbose("bind " + imp.display() +
                ": bound by another process meanwhile (" + key.substr(0, 12) +
                ")");
    return *found;
  }

  // Locked while in use, removed when done; a leftover of a killed run is
  // removed by a later one (Context::create).
  auto locked = LockedTempDir::create(ctx.tmpDir(), "bind-");
  if (!locked)
    return locked.takeError();
  const std::string *tmp = &locked->path();

  // Ingest: the go command type-checks the module (mochi-go-ingest runs
  // `go list -export`), reading the module from our verified copy first.
  std::string surface = *tmp + "/surface.json";
  std::vector<std::string> argv = {ctx.ingest,
                                   "-go",
                                   ctx.toolchain.go,
                                   "-goos",
                                   ctx.toolchain.goos,
                                   "-goarch",
                                   ctx.toolchain.goarch,
                                   "-o",
                                   surface};
  if (imp.stdlib) {
    argv.insert(argv.end(), {"-std", imp.path});
  } else {
    // The go command checks the module and its dependencies as it fetches
    // them: against the hashes we verified and the lock pins (go.sum), and
    // against GOSUMDB for the rest, before it compiles any of them.
    std::string gosum =
        fetch::goSumLines(imp.path, imp.version, hashes.zipH1, hashes.modH1);
    for (const std::string &line : pinned)
      gosum += line + "\n";
    if (llvm::Error e = writeFile(*tmp + "/go.sum.in", gosum))
      return std::move(e);
    // The build list and mochi.toml's replacements, so that the go command
    // type-checks against the versions the archive will be built from.
    if (ctx.buildList) {
      std::string pins;
      for (auto &[p, v] : ctx.buildList->selected)
        if (p != imp.path)
          pins += "require " + p + " " + v + "\n";
      pins += replaceLines(ctx, /*forPins=*/true);
      for (auto &[id, bm] : ctx.buildList->verified) {
        auto [p, v] = StringRef(id).rsplit('@');
        if (p != imp.path)
          gosum += fetch::goSumLines(p, v, bm.hashes.zipH1, bm.hashes.modH1);
      }
      if (llvm::Error e = writeFile(*tmp + "/go.sum.in", gosum))
        return std::move(e);
      if (llvm::Error e = writeFile(*tmp + "/pins.txt", pins))
        return std::move(e);
      argv.insert(argv.end(), {"-pins", *tmp + "/pins.txt"});
    }
    argv.insert(argv.end(),
                {"-proxy", ctx.goProxyForGo(), "-gosumdb", ctx.goEnv.gosumdb,
                 "-gosum", *tmp + "/go.sum.in", "-modcache", ctx.goModCache(),
                 "-workdir", *tmp + "/ingest", imp.path + "@" + imp.version});
  }
  ctx.verbose("ingest " + imp.display());
  ctx.step(imp.display(), "ingest");
  ProcessResult ingested = runProcess(argv, ctx.goCommandEnv());
  if (ingested.status != 0)
    return llvm::createStringError(
        imp.display() + ": mochi-go-ingest failed:\n" + ingested.output);
  auto json = readFile(surface);
  if (!json)
    return json.takeError();
  if (auto parsed = llvm::json::parse(*json)) {
    std::string loadErrors = packageLoadErrors(*parsed);
    if (!loadErrors.empty())
      return llvm::createStringError(
          imp.display() +
          ": the go command could not load every package of it, so no "
          "wrapper can be built:\n" +
          loadErrors);
  } else {
    // Not JSON: the importer below says where, with the path.
    llvm::consumeError(parsed.takeError());
  }

  Bound b;
  b.imp = imp;
  b.key = key;
  b.dir = ctx.bindDir() + "/" + key;
  b.prefix = prefixOf(imp.alias);
  b.surfaceSha256 = sha256Hex(*json);
  ctx.verbose("lower and print " + imp.display() + " (prefix " + b.prefix +
              ")");
  std::string out = *tmp + "/out";
  if (llvm::Error e =
          lowerAndPrint(ctx, *json, imp, b.prefix, out, ctx.embedded()))
    return std::move(e);
  auto mainGo = readFile(out + "/go/main.go");
  if (!mainGo)
    return mainGo.takeError();
  b.goPackages = wrapperPackages(*mainGo, b.prefix);
  auto h1 = modzip::hashDir(out, "out");
  if (!h1)
    return h1.takeError();
  b.outputsH1 = *h1;

  llvm::json::Array pkgs;
  for (const std::string &p : b.goPackages)
    pkgs.push_back(p);
  llvm::json::Object record{{"key", key},
                            {"module", imp.path},
                            {"version", imp.version},
                            {"alias", imp.alias},
                            {"prefix", b.prefix},
                            {"surfaceSha256", b.surfaceSha256},
                            {"outputsH1", b.outputsH1},
                            {"goPackages", std::move(pkgs)}};
  if (fs::exists(*tmp + "/ingest"))
    if (llvm::Error e = removeTree(*tmp + "/ingest"))
      return std::move(e);
  fs::remove(*tmp + "/go.sum.in");
  fs::remove(*tmp + "/pins.txt");
  // bind.json last: a directory without it is never taken for a library.
  if (llvm::Error e = writeRecord(*tmp + "/bind.json", std::move(record)))
    return std::move(e);
  if (llvm::Error e = publishDir(*tmp, b.dir))
    return std::move(e);
  return b;
}
