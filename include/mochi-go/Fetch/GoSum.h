//===- GoSum.h - go.sum files -----------------------------------*- C++ -*-===//
//
// Part of mochi-go. A go.sum file is lines "<path> <version>[/go.mod]
// <hash>", written in module.Sort order (path, then semver, the zip line
// before its /go.mod line) with a module's hashes sorted as strings, as the
// go command writes them. Parsing follows the go command: blank lines are
// skipped, every other line must have exactly three fields.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FETCH_GOSUM_H
#define MOCHIGO_FETCH_GOSUM_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mochigo {
namespace fetch {

class GoSum {
public:
  /// Parse go.sum text; `name` is used in errors ("go.sum:3: wrong number of
  /// fields 2").
  static llvm::Expected<GoSum> parse(llvm::StringRef text,
                                     llvm::StringRef name);

  /// The hashes recorded for path and version (version may end in
  /// "/go.mod").
  std::vector<std::string> hashes(llvm::StringRef path,
                                  llvm::StringRef version) const;
  /// Add a line unless it is already there; returns whether it was added.
  bool add(llvm::StringRef path, llvm::StringRef version, llvm::StringRef hash);
  /// The file text, in the go command's order.
  std::string format() const;
  bool empty() const { return entries.empty(); }

private:
  std::map<std::pair<std::string, std::string>, std::vector<std::string>>
      entries;
};

/// The two go.sum lines of a module ("path version h1:..." and
/// "path version/go.mod h1:...").
std::string goSumLines(llvm::StringRef path, llvm::StringRef version,
                       llvm::StringRef zipHash, llvm::StringRef modHash);

} // namespace fetch
} // namespace mochigo

#endif // MOCHIGO_FETCH_GOSUM_H
