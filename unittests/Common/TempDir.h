//===- TempDir.h - A scratch directory per test ---------------------------===//
//
// Part of mochi-go. Tests of code that writes files get a fresh directory
// (removed afterwards, read-only parts included) and a sorted listing, to
// check that nothing but the expected files is left behind.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_UNITTESTS_COMMON_TEMPDIR_H
#define MOCHIGO_UNITTESTS_COMMON_TEMPDIR_H

#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <string>
#include <vector>

namespace mochigo {
namespace testutil {

/// The names in `dir`, sorted.
inline std::vector<std::string> listDir(llvm::StringRef dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec))
    names.push_back(llvm::sys::path::filename(it->path()).str());
  std::sort(names.begin(), names.end());
  return names;
}

/// A fixture whose `root` is a new, empty directory for each test.
class TempDirTest : public ::testing::Test {
protected:
  explicit TempDirTest(llvm::StringRef prefix) : prefix(prefix.str()) {}
  void SetUp() override {
    llvm::SmallString<128> dir;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory(prefix, dir));
    root = std::string(dir.str());
  }
  void TearDown() override { llvm::consumeError(removeTree(root)); }

  std::string prefix;
  std::string root;
};

} // namespace testutil
} // namespace mochigo

#endif // MOCHIGO_UNITTESTS_COMMON_TEMPDIR_H
