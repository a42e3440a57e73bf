//===- GoWrapper.h - the Go wrapper printer, private --------*- C++ -*-===//
//
// Part of mochi-go. Private to lib/Emit: the pieces of the Go wrapper
// printer. GoRuntime.cpp prints the runtime package rt; GoConvert.cpp spells
// Go types and converts values between C and Go; GoExport.cpp prints one
// wrapper package (one //export function per cabi.export); GoWrapper.cpp
// lays out the module (go.mod, main.go) and drives the rest.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_EMIT_GOWRAPPER_H
#define MOCHIGO_LIB_EMIT_GOWRAPPER_H

#include "GoTypes.h"

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "llvm/Support/raw_ostream.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mochigo {
namespace emit {
namespace gowrap {

namespace go = mochigo::gosurface;
using llvm::StringRef;
using llvm::Twine;
using mlir::LogicalResult;
using mlir::Operation;
using mlir::Type;

/// Print rt/rt.go (split-file form): the handle pool, copying, panic
/// capture, the result transaction, and the free function of every form
/// that owns memory.
void printRuntime(const Library &lib, llvm::raw_ostream &os);

/// The directory of a wrapper package below w/: `root` for the root
/// package, else its path below the root `rootPath` (the library's
/// ingest::defaultNamePath), or its whole path when outside it.
std::string packageDir(StringRef rootPath, StringRef path);

/// A key that identifies a type (its printed form).
std::string typeKey(Type t);
/// Is `t` the Go type byte (or uint8)?
bool isByte(Type t);
/// Is the C form a scalar (integer or float)?
bool isScalarForm(Type form);
/// Go's spelling of a type, escaped to sit inside a Go string literal.
std::string goQuoted(Type t);

/// The Go expression of a converted C value: `expr`, which returns an error
/// too when `fallible`.
struct Conv {
  std::string expr;
  bool fallible = false;
};

/// One `w/<dir>/wrap.go`.
class WrapFile {
public:
  WrapFile(const Library &lib, cabi::PackageOp pkg, std::string dir)
      : lib(lib), pkg(pkg), dir(std::move(dir)) {}
  LogicalResult print(llvm::raw_ostream &os);

private:
  std::string alias(StringRef path);
  std::optional<std::string> spell(Type t);
  std::optional<std::string> spellFunc(go::FuncType f);
  std::optional<Conv> convIn(Type goT, Type form, const std::string &c);
  std::optional<std::string> convOut(Type goT, Type form, const std::string &v,
                                     bool nested);
  std::optional<std::string> helper(Type goT, Type form, bool in);
  bool helperIn(const std::string &name, Type goT, Type form, std::string &out);
  bool helperOut(const std::string &name, Type goT, Type form,
                 std::string &out);
  /// The underlying type of `goT` when the conversion needs it; fails with
  /// an error naming the type when it is not known.
  std::optional<Type> needUnderlying(Type goT);
  bool printExport(cabi::ExportOp e, std::string &out);
  bool printCallback(cabi::ExportOp e, std::string &out);
  std::nullopt_t fail(const Twine &msg) {
    if (!failed)
      cur->emitError(msg);
    failed = true;
    return std::nullopt;
  }
  bool failBool(const Twine &msg) {
    fail(msg);
    return false;
  }
  std::string cT(Type form, bool nested = true) {
    return "C." + lib.cType(form, nested);
  }

  const Library &lib;
  cabi::PackageOp pkg;
  std::string dir;
  /// Import path -> alias of the Go packages the wrapper names.
  std::map<std::string, std::string> imports;
  unsigned nextAlias = 0;
  bool usesErrors = false;
  std::map<std::string, std::string> helperNames;
  std::vector<std::string> helperText;
  /// Aliases of anonymous struct and interface types, and their text.
  std::map<std::string, std::string> anonNames;
  std::vector<std::string> anonText;
  std::string anonAlias(const std::string &key, StringRef keyword,
                        const std::vector<std::vector<std::string>> &lines);
  Operation *cur = nullptr;
  bool failed = false;
};

} // namespace gowrap
} // namespace emit
} // namespace mochigo

#endif // MOCHIGO_LIB_EMIT_GOWRAPPER_H
