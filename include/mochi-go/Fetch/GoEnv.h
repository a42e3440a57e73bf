//===- GoEnv.h - GOPROXY, GOSUMDB and friends, as the go command reads them
//-===//
//
// Part of mochi-go. The environment that decides where modules come from and
// how they are verified, parsed with the go command's rules (Go 1.23,
// cmd/go/internal/cfg and modfetch):
//   GOPROXY     entries separated by ',' (fall through to the next entry only
//               on 404/410) or '|' (fall through on any error); "off" and
//               "direct" end the list; a bare host gets "https://"; URLs
//               must be https, http or file. Default
//               "https://proxy.golang.org,direct".
//   GOSUMDB     "off", a known name ("sum.golang.org", and
//               "sum.golang.google.cn" as its mirror), a verifier key, or
//               "key URL". Default "sum.golang.org".
//   GOPRIVATE   default for GONOPROXY and GONOSUMDB (comma-separated globs).
//   GONOPROXY   modules fetched "direct" instead of through GOPROXY.
//   GONOSUMDB   modules not checked against the checksum database.
//   GOINSECURE  only affects direct (version control) fetches, which
//               mochi-go does not do; it never disables verification.
//   GONOSUMCHECK is not read by the go command; mochi-go does not read it
//               either, and says so when it is set.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FETCH_GOENV_H
#define MOCHIGO_FETCH_GOENV_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
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

/// The raw settings, from the process environment or set by hand.
struct GoEnv {
  std::string goproxy = "https://proxy.golang.org,direct";
  std::string gosumdb = "sum.golang.org";
  std::string goprivate;
  std::string gonoproxy; // already defaulted to goprivate when unset/empty
  std::string gonosumdb; // already defaulted to goprivate when unset/empty
  std::string goinsecure;
  bool gonosumcheckSet = false;

  /// Read GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE and
  /// GONOSUMCHECK with `getenv` (an empty value means unset, as for the go
  /// command). The glob lists are validated.
  static llvm::Expected<GoEnv> fromEnvironment(
      std::function<std::optional<std::string>(llvm::StringRef)> getenv =
          nullptr);

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
