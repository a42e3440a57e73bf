//===- GoSum.cpp - go.sum files -------------------------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/GoSum.h"

#include "mochi-go/Module/Module.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace mochigo;
using namespace mochigo::fetch;
using llvm::StringRef;

llvm::Expected<GoSum> GoSum::parse(StringRef text, StringRef name) {
  GoSum sum;
  unsigned lineNo = 0;
  while (!text.empty()) {
    auto [line, rest] = text.split('\n');
    text = rest;
    ++lineNo;
    llvm::SmallVector<StringRef, 4> fields;
    // The go command splits on runs of spaces and tabs (strings.Fields).
    line.split(fields, ' ', -1, /*KeepEmpty=*/false);
    llvm::SmallVector<StringRef, 4> all;
    for (StringRef f : fields) {
      llvm::SmallVector<StringRef, 2> parts;
      f.split(parts, '\t', -1, false);
      for (StringRef p : parts)
        if (!p.trim().empty())
          all.push_back(p.trim());
    }
    if (all.empty())
      continue;
    if (all.size() != 3)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "malformed go.sum:\n%s:%u: wrong number of fields %zu",
          name.str().c_str(), lineNo, all.size());
    sum.add(all[0], all[1], all[2]);
  }
  return sum;
}

std::vector<std::string> GoSum::hashes(StringRef path,
                                       StringRef version) const {
  auto it = entries.find({path.str(), version.str()});
  if (it == entries.end())
    return {};
  return it->second;
}

bool GoSum::add(StringRef path, StringRef version, StringRef hash) {
  std::vector<std::string> &list = entries[{path.str(), version.str()}];
  if (std::find(list.begin(), list.end(), hash) != list.end())
    return false;
  list.push_back(hash.str());
  return true;
}

std::string GoSum::format() const {
  std::vector<module::Version> mods;
  for (const auto &e : entries)
    mods.push_back({e.first.first, e.first.second});
  module::sortVersions(mods);
  std::string out;
  for (const module::Version &m : mods) {
    std::vector<std::string> list = entries.at({m.path, m.version});
    std::sort(list.begin(), list.end());
    for (const std::string &h : list)
      out += m.path + " " + m.version + " " + h + "\n";
  }
  return out;
}

std::string fetch::goSumLines(StringRef path, StringRef version,
                              StringRef zipHash, StringRef modHash) {
  return (path + " " + version + " " + zipHash + "\n" + path + " " + version +
          "/go.mod " + modHash + "\n")
      .str();
}
