//===- GoEnv.h - GOPROXY, GOSUMDB and friends, as the go command reads them
//-===//
//
// Part of mochi-go. The environment that decides where modules come from and
// how they are verified, parsed with the go command's rules (Go 1.23,
// cmd/go/internal/cfg and modfetch):
//   GOPROXY     entries separated by ',' (fall through to the next entry only
//               on 404/410) or '|' (fall through on any error); "off" and
//               "direct" end the list; a bare host gets "https://"; URLs
//               must be https, http or file.
//   GOSUMDB     "off", the name of the one built-in verifier key, a verifier
//               key, or "key URL".
//   GOPRIVATE   default for GONOPROXY and GONOSUMDB (comma-separated globs).
//   GONOPROXY   modules fetched "direct" instead of through GOPROXY.
//   GONOSUMDB   modules not checked against the checksum database.
//   GOINSECURE  only affects direct (version control) fetches, which
//               mochi-go does not do; it never disables verification.
//   GONOSUMCHECK is not read by the go command; mochi-go does not read it
//               either, and says so when it is set.
//   GOFLAGS, GOTOOLCHAIN: read so that what mochi-go runs agrees with the
//               go command's view of them.
//
// Each comes, as for the go command (cmd/go/internal/cfg), from the
// environment when set and non-empty, else from the GOENV file that
// `go env -w` writes, else from the go command's own defaults (its
// GOROOT/go.env and built-in values), which mochi-go asks the go command
// for (`go env -json`) instead of writing them into its code.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FETCH_GOENV_H
#define MOCHIGO_FETCH_GOENV_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mochigo {
namespace fetch {

/// One entry of the GOPROXY list.
struct ProxySpec {
  enum Kind { URL, Direct, Off, NoProxy } kind = URL;
  std::string url;              // for URL: https://, http:// or file:// base
  bool fallBackOnError = false; // followed by '|'
};

/// Parse GOPROXY (the go command's proxyList). `gonoproxy` non-empty adds
/// the implicit leading "noproxy" entry, as the go command does.
llvm::Expected<std::vector<ProxySpec>> parseGoProxy(llvm::StringRef goproxy,
                                                    llvm::StringRef gonoproxy);

/// The checksum database to use.
struct SumDBSpec {
  bool off = false;
  std::string key;  // verifier key (a known name is replaced by its key)
  std::string name; // the key's name ("sum.golang.org")
  std::string
      url; // explicit base URL, empty: through GOPROXY, else https://name
};
llvm::Expected<SumDBSpec> parseGoSumDB(llvm::StringRef gosumdb);

/// The verifier key of sum.golang.org, the only known name.
constexpr llvm::StringLiteral kSumGolangOrgKey =
    "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8";

/// A way to read one environment variable (nullopt: unset).
using GetEnvFn = std::function<std::optional<std::string>(llvm::StringRef)>;

/// The settings mochi-go reads as the go command does, in this order.
constexpr llvm::StringLiteral kGoEnvVars[] = {
    "GOPROXY",   "GOSUMDB",    "GOPRIVATE", "GONOPROXY",
    "GONOSUMDB", "GOINSECURE", "GOFLAGS",   "GOTOOLCHAIN"};

/// The file `go env -w` writes, as the go command finds it (cfg.EnvFile):
/// $GOENV; none when GOENV=off; else $XDG_CONFIG_HOME/go/env (an absolute
/// XDG_CONFIG_HOME only), else $HOME/.config/go/env. "" when there is none.
std::string goEnvFilePath(const GetEnvFn &getenv);

/// NAME=VALUE lines of a GOENV file, read as the go command reads it
/// (cfg.readEnvFile): a line without '=' or not starting with an upper-case
/// letter is ignored (comments), the value is taken verbatim, a later line
/// wins.
std::map<std::string, std::string> parseGoEnvFile(llvm::StringRef text);

/// The go command's defaults of kGoEnvVars: `go -C / env -json VARS` run
/// with those variables removed from its environment and GOENV=off, so
/// that only its GOROOT/go.env and built-in values speak. Cached in
/// `cacheDir`/goenv/<key>.json, the key hashing the go binary (its real
/// path, size and time) and its GOROOT's VERSION and go.env: a run with the
/// same toolchain does not run it again. `ran` tells whether it ran.
llvm::Expected<std::map<std::string, std::string>>
goCommandDefaults(llvm::StringRef goCommand, llvm::StringRef cacheDir,
                  bool *ran = nullptr);

/// The settings, resolved.
struct GoEnv {
  std::string goproxy;
  std::string gosumdb;
  std::string goprivate;
  std::string gonoproxy; // already defaulted to goprivate when unset/empty
  std::string gonosumdb; // already defaulted to goprivate when unset/empty
  std::string goinsecure;
  std::string goflags;
  std::string gotoolchain;
  bool gonosumcheckSet = false;
  /// Where each of kGoEnvVars came from: "environment", "GOENV file PATH",
  /// "go command default", or "GOPRIVATE" (GONOPROXY and GONOSUMDB taken
  /// from it); absent when no layer set it.
  std::map<std::string, std::string> origins;

  /// The value of one of kGoEnvVars ("" for another name).
  std::string get(llvm::StringRef name) const;

  /// Resolve kGoEnvVars from three layers, the first that sets a variable
  /// (non-empty) winning: `getenv`, the GOENV file's `file` values (from
  /// `fileName`, for origins), the go command's `defaults`. GONOPROXY and
  /// GONOSUMDB default to the resolved GOPRIVATE before the go command's
  /// defaults. GOPROXY and GOSUMDB must come out set. The glob lists are
  /// validated.
  static llvm::Expected<GoEnv>
  resolve(const GetEnvFn &getenv,
          const std::map<std::string, std::string> &file,
          llvm::StringRef fileName,
          const std::map<std::string, std::string> &defaults);

  /// resolve() with the GOENV file read from goEnvFilePath(getenv) (a
  /// missing file is empty) and the defaults of `goCommand` (none when it
  /// is empty), cached under `cacheDir`. `getenv` nullptr: the process
  /// environment.
  static llvm::Expected<GoEnv> load(GetEnvFn getenv,
                                    llvm::StringRef goCommand,
                                    llvm::StringRef cacheDir);

  /// Why `modulePath` skips the checksum database ("GOSUMDB=off",
  /// "matches GONOSUMDB", "matches GOPRIVATE"), or "" when it does not.
  std::string sumDBSkipReason(llvm::StringRef modulePath) const;
  bool skipSumDB(llvm::StringRef modulePath) const {
    return !sumDBSkipReason(modulePath).empty();
  }
  /// Whether `modulePath` must be fetched directly (matches GONOPROXY).
  bool noProxy(llvm::StringRef modulePath) const;
};

} // namespace fetch
} // namespace mochigo

#endif // MOCHIGO_FETCH_GOENV_H
