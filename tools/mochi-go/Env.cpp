//===- Env.cpp - mochi-go env: the settings and where they came from ------===//
//
// Part of mochi-go. Like `go env`: every setting a sync uses, with its
// origin; `-json` for tools; names to print only those (values only, one a
// line). docs/Driver.md documents the names and the origins.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Driver/Env.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace mochigo;

cl::SubCommand envCmd("env", "Print the settings mochi-go uses and where "
                             "each comes from (environment, GOENV file, go "
                             "command default, mochi.toml, mochi-go default)");

namespace {
cl::OptionCategory envCategory("mochi-go env options");
cl::list<std::string> envNames(cl::Positional, cl::desc("[NAME...]"),
                               cl::sub(envCmd), cl::ZeroOrMore);
cl::opt<bool> envJson("json",
                      cl::desc("Print a JSON object: NAME -> {value, origin}"),
                      cl::sub(envCmd), cl::cat(envCategory));
cl::opt<std::string> envDir("C",
                            cl::desc("The program's directory, whose "
                                     "mochi.toml is read (default: the "
                                     "current directory)"),
                            cl::value_desc("dir"), cl::init("."),
                            cl::sub(envCmd), cl::cat(envCategory));

/// NAME='value' as a POSIX shell reads it.
std::string shellQuote(StringRef v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}
} // namespace

/// Called by mochi-go.cpp's main when `env` was given.
int runEnv(const driver::Options &options) {
  auto all = driver::settings(options, envDir);
  if (!all) {
    errs() << "mochi-go: error: " << toString(all.takeError()) << "\n";
    return driver::Failure;
  }
  std::vector<driver::Setting> chosen;
  if (envNames.empty()) {
    chosen = *all;
  } else {
    for (const std::string &name : envNames) {
      auto it = llvm::find_if(
          *all, [&](const driver::Setting &s) { return s.name == name; });
      if (it == all->end()) {
        errs() << "mochi-go: error: env: unknown setting '" << name
               << "' (mochi-go env lists them all)\n";
        return driver::Usage;
      }
      chosen.push_back(*it);
    }
  }
  if (envJson) {
    json::Object o;
    for (const driver::Setting &s : chosen)
      o[s.name] = json::Object{{"value", s.value}, {"origin", s.origin}};
    outs() << formatv("{0:2}", json::Value(std::move(o))) << "\n";
    return driver::Success;
  }
  if (!envNames.empty()) {
    for (const driver::Setting &s : chosen)
      outs() << s.value << "\n";
    return driver::Success;
  }
  for (const driver::Setting &s : chosen) {
    std::string line = s.name + "=" + shellQuote(s.value);
    // The names of mochi.toml entries are no shell variables: comment them.
    if (StringRef(s.name).contains('.'))
      line = "# " + line;
    outs() << line << "  # " << s.origin << "\n";
  }
  return driver::Success;
}
