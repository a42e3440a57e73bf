//===- Env.h - mochi-go env: every setting and where it came from -*- C++
//-*-===//
//
// Part of mochi-go. The settings a sync uses, each resolved by the same
// functions the driver itself calls, with its origin: the command line, the
// environment, the GOENV file, the go command's defaults, mochi.toml, or
// mochi-go's own default. `mochi-go env` prints them; `mochi-go --version`
// asks the go command for its version through goVersionLine.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_DRIVER_ENV_H
#define MOCHIGO_DRIVER_ENV_H

#include "mochi-go/Driver/Driver.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mochigo {
namespace driver {

/// One setting: NAME, its value ("" when unset) and where the value came
/// from ("environment", "GOENV file /path", "go command default",
/// "--go flag", "mochi.toml:3:1", "mochi-go default", "unset", ...).
struct Setting {
  std::string name, value, origin;
};

/// Every setting the driver would use for a program in `programDir` (its
/// mochi.toml, if any, is read from there). Errors only for a mochi.toml
/// that cannot be read; what a sync would stop on (no go command, GOPROXY
/// and friends that cannot be resolved) is a setting whose origin says why.
llvm::Expected<std::vector<Setting>> settings(const Options &options,
                                              llvm::StringRef programDir);

/// "  Go toolchain: /usr/bin/go (go1.23.5)": the go command a sync would
/// run (--go, $MOCHIGO_GO, else go on PATH), its version asked with
/// `go env GOVERSION`; or why there is none.
std::string goVersionLine(const Options &options);

/// A helper program of mochi-go (mochi-go-ingest) beside `image` (the file
/// holding the driver's code) as installed or built: <dir>/NAME,
/// <dir>/../libexec/mochi-go/NAME, <dir>/../bin/NAME, for the directory of
/// `image` and of the running executable; then mochi-go's own
/// ../libexec/mochi-go when a mochi-go is on PATH; then NAME on PATH. "" when
/// none is executable. `how` (optional) says which rule found it.
std::string findHelper(llvm::StringRef name, llvm::StringRef image,
                       std::string *how = nullptr);

} // namespace driver
} // namespace mochigo

#endif // MOCHIGO_DRIVER_ENV_H
