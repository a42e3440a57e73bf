//===- FileUtilTest.cpp - Atomic writes and tree removal ------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/FileUtil.h"

#include "../Common/TempDir.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <sys/stat.h>

using namespace mochigo;
namespace fs = llvm::sys::fs;

namespace {

using testutil::listDir;

class FileUtilTest : public testutil::TempDirTest {
protected:
  FileUtilTest() : TempDirTest("mochigo-fileutil") {}
};

TEST_F(FileUtilTest, WriteFileAtomicReplacesAndLeavesNoTemporary) {
  std::string p = root + "/f";
  ASSERT_FALSE(llvm::errorToBool(writeFileAtomic(p, "one")));
  ASSERT_FALSE(llvm::errorToBool(writeFileAtomic(p, "two", 0444)));
  auto data = readFile(p);
  ASSERT_TRUE(bool(data));
  EXPECT_EQ(*data, "two");
  EXPECT_EQ(listDir(root), std::vector<std::string>{"f"});
  struct stat st;
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0444u);
}

TEST_F(FileUtilTest, WriteIntoMissingDirectoryFailsCleanly) {
  llvm::Error err = writeFileAtomic(root + "/missing/f", "x");
  ASSERT_TRUE(bool(err));
  EXPECT_NE(llvm::toString(std::move(err)).find("missing/f"),
            std::string::npos);
  EXPECT_TRUE(listDir(root).empty());
}

TEST_F(FileUtilTest, RemoveTreeHandlesReadOnlyTrees) {
  auto dir = makeTempDir(root, "t-");
  ASSERT_TRUE(bool(dir));
  ASSERT_FALSE(fs::create_directory(*dir + "/sub"));
  ASSERT_FALSE(llvm::errorToBool(writeFileAtomic(*dir + "/sub/f", "x", 0444)));
  ::chmod((*dir + "/sub").c_str(), 0555);
  ::chmod(dir->c_str(), 0555);
  ASSERT_FALSE(llvm::errorToBool(removeTree(*dir)));
  EXPECT_FALSE(fs::exists(*dir));
  EXPECT_FALSE(llvm::errorToBool(removeTree(*dir))); // missing is fine
}

TEST_F(FileUtilTest, ReadFileNamesTheMissingPath) {
  auto data = readFile(root + "/nope");
  ASSERT_FALSE(bool(data));
  EXPECT_NE(llvm::toString(data.takeError()).find("nope"), std::string::npos);
}

TEST_F(FileUtilTest, LockedTempDirIsKeptWhileHeldAndSweptOnceReleased) {
  std::string made;
  {
    auto t = LockedTempDir::create(root, "bind-");
    ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
    made = t->path();
    EXPECT_TRUE(fs::is_directory(made));
    EXPECT_TRUE(fs::exists(made + ".lock"));
    // Held by this process (another open file description): not swept.
    EXPECT_EQ(sweepStaleTemps(root, {"bind-"}, 0), 0u);
    EXPECT_TRUE(fs::is_directory(made));
  }
  // Released normally: the destructor removed both.
  EXPECT_FALSE(fs::exists(made));
  EXPECT_FALSE(fs::exists(made + ".lock"));
}

TEST_F(FileUtilTest, SweepRemovesUnlockedLeftoversOnly) {
  // A leftover of a killed run: a directory and its lock file, unlocked.
  ASSERT_FALSE(fs::create_directories(root + "/bind-dead00/sub"));
  ASSERT_FALSE(bool(writeFileAtomic(root + "/bind-dead00.lock", "")));
  // An old-style leftover without a lock file, fresh: kept (its age is
  // what tells); and something that is not ours: kept.
  ASSERT_FALSE(fs::create_directories(root + "/build-legacy"));
  ASSERT_FALSE(fs::create_directories(root + "/other"));
  EXPECT_EQ(sweepStaleTemps(root, {"bind-", "build-"}, 3600), 1u);
  EXPECT_EQ(listDir(root), (std::vector<std::string>{"build-legacy", "other"}));
  // With no age limit the lock-less one of ours goes too, never `other`.
  EXPECT_EQ(sweepStaleTemps(root, {"bind-", "build-"}, 0), 1u);
  EXPECT_EQ(listDir(root), (std::vector<std::string>{"other"}));
}

} // namespace
