//===- Client.cpp - Checksum database client ------------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/SumDB/Client.h"

#include "mochi-go/Support/FileUtil.h"
#include "mochi-go/Support/Security.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <fcntl.h>
#include <set>
#include <sys/file.h>
#include <unistd.h>

using namespace mochigo;
using namespace mochigo::sumdb;
using llvm::StringRef;
namespace fs = llvm::sys::fs;
namespace path = llvm::sys::path;

Remote::~Remote() = default;

static llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

static std::string indent(StringRef text) {
  std::string out = "\t";
  for (char c : text.rtrim('\n')) {
    out.push_back(c);
    if (c == '\n')
      out.push_back('\t');
  }
  return out + "\n";
}

static std::string firstLine(StringRef body) {
  StringRef line = body.take_until([](char c) { return c == '\n'; }).trim();
  if (line.size() > 200)
    line = line.take_front(200);
  for (char c : line)
    if (!llvm::isPrint(c))
      return "";
  return line.str();
}

namespace {
/// An exclusive flock on a file, released on destruction.
class FileLock {
public:
  explicit FileLock(const std::string &p) {
    fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd >= 0)
      while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
      }
  }
  ~FileLock() {
    if (fd >= 0)
      ::close(fd);
  }

private:
  int fd = -1;
};

/// A HashReader that hands out zero hashes and remembers what was asked:
/// used to learn which stored hashes a set of proofs will need.
class RecordingReader : public HashReader {
public:
  llvm::Expected<std::vector<Hash>>
  readHashes(llvm::ArrayRef<int64_t> indexes) override {
    seen.insert(indexes.begin(), indexes.end());
    return std::vector<Hash>(indexes.size());
  }
  std::set<int64_t> seen;
};
} // namespace

/// Tiles: memory, then the verified tiles on disk, then the server.
class Client::Tiles : public TileReader {
public:
  explicit Tiles(Client &c) : c(c) {}

  int height() const override { return c.opts.tileHeight; }

  /// Forget tiles held in memory and stop reading the disk cache: the next
  /// reads come from the server alone.
  void networkOnly() {
    mem.clear();
    useDisk = false;
    localHits = 0;
  }
  /// Tiles answered from memory or disk since the last networkOnly().
  unsigned localHits = 0;

  llvm::Expected<std::vector<std::string>>
  readTiles(llvm::ArrayRef<Tile> tiles) override {
    std::vector<std::string> out(tiles.size());
    std::vector<size_t> missing;
    for (size_t i = 0; i < tiles.size(); ++i) {
      if (std::optional<std::string> data = local(tiles[i]))
        out[i] = std::move(*data);
      else
        missing.push_back(i);
    }
    if (missing.empty())
      return out;
    std::vector<std::string> paths;
    for (size_t i : missing)
      paths.push_back("/" + tilePath(tiles[i]));
    std::vector<Remote::Result> got = c.remote.get(paths);
    std::vector<size_t> wantFull; // partial tiles the server no longer has
    for (size_t k = 0; k < missing.size(); ++k) {
      size_t i = missing[k];
      const Tile &t = tiles[i];
      Remote::Result &r = got[k];
      ++c.counters.tilesFetched;
      if (r.status == 200) {
        if (r.body.size() != size_t(t.w) * kHashSize)
          return makeError("checksum database " + c.key.name + ": tile " +
                           c.remote.url(paths[k]) + " has " +
                           llvm::Twine(r.body.size()) + " bytes, want " +
                           llvm::Twine(size_t(t.w) * kHashSize));
        mem[tilePath(t)] = r.body;
        out[i] = std::move(r.body);
        continue;
      }
      if ((r.status == 404 || r.status == 410) && t.w < (1 << t.h)) {
        wantFull.push_back(i);
        continue;
      }
      return makeError(
          "reading " + c.remote.url(paths[k]) + ": " +
          (r.error.empty() ? llvm::Twine(r.status).str() : r.error));
    }
    if (!wantFull.empty()) {
      // A partial tile disappears once the log fills the tile: read the
      // full one and keep the prefix.
      std::vector<std::string> fullPaths;
      for (size_t i : wantFull) {
        Tile full = tiles[i];
        full.w = 1 << full.h;
        fullPaths.push_back("/" + tilePath(full));
      }
      std::vector<Remote::Result> fulls = c.remote.get(fullPaths);
      for (size_t k = 0; k < wantFull.size(); ++k) {
        size_t i = wantFull[k];
        Remote::Result &r = fulls[k];
        ++c.counters.tilesFetched;
        size_t fullSize = size_t(1 << tiles[i].h) * kHashSize;
        if (r.status != 200 || r.body.size() != fullSize)
          return makeError("reading " + c.remote.url(fullPaths[k]) + ": " +
                           (r.status == 200   ? std::string("wrong size")
                            : r.error.empty() ? std::to_string(r.status)
                                              : r.error));
        out[i] = r.body.substr(0, size_t(tiles[i].w) * kHashSize);
        mem[tilePath(tiles[i])] = out[i];
      }
    }
    return out;
  }

  void saveTiles(llvm::ArrayRef<Tile> tiles,
                 llvm::ArrayRef<std::string> data) override {
    if (c.opts.dir.empty())
      return;
    for (size_t i = 0; i < tiles.size(); ++i) {
      std::string p = diskPath(tiles[i]);
      if (fs::exists(p))
        continue;
      if (fs::create_directories(path::parent_path(p)))
        continue; // caching is best effort
      llvm::consumeError(writeFileAtomic(p, data[i]));
    }
  }

private:
  std::string diskPath(const Tile &t) const {
    llvm::SmallString<256> p(c.opts.dir);
    path::append(p, tilePath(t));
    return std::string(p.str());
  }

  std::optional<std::string> local(const Tile &t) {
    std::string key = tilePath(t);
    if (auto it = mem.find(key); it != mem.end()) {
      ++localHits;
      return it->second;
    }
    if (c.opts.dir.empty() || !useDisk)
      return std::nullopt;
    size_t want = size_t(t.w) * kHashSize;
    Tile full = t;
    full.w = 1 << t.h;
    for (const Tile &cand : {t, full}) {
      std::string p = diskPath(cand);
      if (!fs::exists(p))
        continue;
      llvm::Expected<std::string> data = readFile(p);
      if (!data) {
        llvm::consumeError(data.takeError());
        continue;
      }
      if (data->size() != size_t(cand.w) * kHashSize)
        continue;
      ++c.counters.tilesFromDisk;
      ++localHits;
      std::string prefix = data->substr(0, want);
      mem[key] = prefix;
      return prefix;
    }
    return std::nullopt;
  }

  Client &c;
  std::map<std::string, std::string> mem;
  bool useDisk = true;
};

Client::Client(Verifier key, Remote &remote, ClientOptions options)
    : key(std::move(key)), remote(remote), opts(std::move(options)),
      tiles(std::make_unique<Tiles>(*this)) {}

Client::~Client() = default;

llvm::Expected<Tree> Client::openTree(StringRef msg, StringRef where) {
  llvm::Expected<Note> note = openNote(msg, {key});
  if (!note) {
    std::string why;
    NoteError kind = NoteError::Malformed;
    llvm::handleAllErrors(
        note.takeError(),
        [&](const NoteOpenError &e) {
          kind = e.kind;
          why = e.detail;
        },
        [&](const llvm::ErrorInfoBase &e) { why = e.message(); });
    std::string head = "checksum database " + key.name + ": tree note from " +
                       where.str() + " ";
    switch (kind) {
    case NoteError::Malformed:
      return makeError(head + "is malformed (" + why + ")");
    case NoteError::UnknownKey:
      return makeError(mochigo::securityError(
          SecurityKind::SumdbWrongKey,
          head + "is not signed by the configured key " + key.name + "+" +
              llvm::utohexstr(key.hash, true, 8) + " (" + why +
              "): the database changed its key, or this is not " + key.name));
    case NoteError::InvalidSignature:
      return makeError(mochigo::securityError(
          SecurityKind::SumdbBadSignature,
          head + "has a signature that does not verify (" + why +
              "): the note was altered after it was signed"));
    }
  }
  llvm::Expected<Tree> tree = parseTree(note->text);
  if (!tree)
    return makeError("checksum database " + key.name + ": tree note from " +
                     where + ": " + llvm::toString(tree.takeError()));
  return *tree;
}

std::string Client::forkError(StringRef what, StringRef olderMsg,
                              StringRef newerMsg) const {
  std::string s = mochigo::securityError(SecurityKind::SumdbFork,
                                         "checksum database " + key.name +
                                             " misbehaved: " + what + "\n\n");
  s += "tree trusted by this machine";
  if (!opts.dir.empty())
    s += " (" + opts.dir + "/latest)";
  s += ":\n" + indent(olderMsg) + "tree served now:\n" + indent(newerMsg);
  s += "\nThe two trees cannot both be honest versions of one log. This "
       "machine keeps trusting the first one; nothing from this server is "
       "used.";
  return s;
}

llvm::Error Client::merge(const Tree &tree, StringRef msg, bool fromLatest,
                          StringRef where) {
  auto describe = [](const Tree &t) {
    return "tree " + std::to_string(t.n) + " (" + hashString(t.hash) + ")";
  };
  if (trustedMsg.empty() || trustedTree.n == 0) {
    trustedTree = tree;
    trustedMsg = msg.str();
    return llvm::Error::success();
  }
  if (tree == trustedTree)
    return llvm::Error::success();
  if (tree.n == trustedTree.n)
    return makeError(forkError(
        "two different trees of " + std::to_string(tree.n) +
            " records: " + describe(trustedTree) + " and " + describe(tree),
        trustedMsg, msg));
  const Tree &older = tree.n < trustedTree.n ? tree : trustedTree;
  const Tree &newer = tree.n < trustedTree.n ? trustedTree : tree;
  // Prove that `older` is a prefix of `newer` with hashes from tiles
  // verified against `newer`. Tiles from the local caches were verified
  // earlier; if they do not fit, ask the server alone before judging.
  llvm::Error proofErr = llvm::Error::success();
  bool consistent = false;
  for (int attempt = 0; attempt < 2; ++attempt) {
    llvm::consumeError(std::move(proofErr));
    tiles->localHits = 0;
    std::unique_ptr<HashReader> reader = makeTileHashReader(newer, *tiles);
    llvm::Expected<TreeProof> proof = proveTree(older.n, newer.n, *reader);
    if (!proof) {
      proofErr = proof.takeError();
    } else if (llvm::Error err = checkTree(*proof, older.n, older.hash, newer.n,
                                           newer.hash)) {
      // Every hash of the proof was read from tiles verified against the
      // signed `newer` (cached tiles too: the reader checks them against
      // its tree hash): the proof failing proves the fork, whichever tree
      // is the smaller one.
      llvm::consumeError(std::move(err));
      return makeError(forkError(
          "the log forked: " + describe(tree) + " from " + where.str() +
              " is not consistent with the trusted " + describe(trustedTree),
          trustedMsg, msg));
    } else {
      consistent = true;
      break;
    }
    if (tiles->localHits == 0)
      break;
    tiles->networkOnly();
  }
  if (tree.n < trustedTree.n && fromLatest) {
    // The server went back in time. Whether or not the older tree is a
    // prefix of ours (a rolled-back server often cannot even serve the
    // tiles to tell), it is not the log this machine trusts.
    llvm::consumeError(std::move(proofErr));
    return makeError(mochigo::securityError(
        SecurityKind::SumdbRollback,
        "checksum database " + key.name + " rolled back: " + where +
            " now serves " + describe(tree) + ", older than the " +
            describe(trustedTree) + " this machine already trusts" +
            (opts.dir.empty() ? "" : " (" + opts.dir + "/latest)") +
            "; refusing to use it (a server that rolled back, or a mirror "
            "serving a stale view)"));
  }
  if (!consistent)
    return makeError("checksum database " + key.name + ": cannot prove that " +
                     describe(newer) + " extends " + describe(older) +
                     " (from " + where +
                     "): " + llvm::toString(std::move(proofErr)));
  llvm::consumeError(std::move(proofErr));
  if (tree.n > trustedTree.n) {
    trustedTree = tree;
    trustedMsg = msg.str();
  }
  return llvm::Error::success(); // newer adopted, or an older consistent view
}

llvm::Error Client::loadTrusted() {
  if (loaded)
    return llvm::Error::success();
  loaded = true;
  if (opts.dir.empty())
    return llvm::Error::success();
  std::string p = opts.dir + "/latest";
  if (!fs::exists(p))
    return llvm::Error::success();
  llvm::Expected<std::string> msg = readFile(p);
  if (!msg)
    return msg.takeError();
  llvm::Expected<Tree> tree = openTree(*msg, p);
  if (!tree)
    return makeError(llvm::toString(tree.takeError()) +
                     "\nIf the database really changed its key, remove " + p +
                     " to trust it afresh.");
  trustedTree = *tree;
  trustedMsg = *msg;
  return llvm::Error::success();
}

llvm::Error Client::saveTrusted() {
  if (opts.dir.empty() || trustedMsg.empty())
    return llvm::Error::success();
  if (std::error_code ec = fs::create_directories(opts.dir))
    return makeError("creating " + opts.dir + ": " + ec.message());
  FileLock lock(opts.dir + "/lock");
  // Another process may have moved the trusted tree meanwhile: merge its
  // tree first, so the file only ever moves forward along one log.
  std::string p = opts.dir + "/latest";
  if (fs::exists(p)) {
    llvm::Expected<std::string> disk = readFile(p);
    if (!disk)
      return disk.takeError();
    if (*disk == trustedMsg)
      return llvm::Error::success();
    llvm::Expected<Tree> diskTree = openTree(*disk, p);
    if (!diskTree)
      return diskTree.takeError();
    if (llvm::Error err = merge(*diskTree, *disk, /*fromLatest=*/false, p))
      return err;
    if (diskTree->n >= trustedTree.n)
      return llvm::Error::success();
  }
  return writeFileAtomic(p, trustedMsg);
}

llvm::Error Client::refreshLatest() {
  if (llvm::Error err = loadTrusted())
    return err;
  std::vector<Remote::Result> got = remote.get({std::string("/latest")});
  Remote::Result &r = got[0];
  std::string url = remote.url("/latest");
  if (r.status != 200)
    return makeError("checksum database " + key.name + ": reading " + url +
                     ": " +
                     (r.error.empty() ? std::to_string(r.status) : r.error));
  llvm::Expected<Tree> tree = openTree(r.body, url);
  if (!tree)
    return tree.takeError();
  if (llvm::Error err = merge(*tree, r.body, /*fromLatest=*/true, url))
    return err;
  refreshed = true;
  return saveTrusted();
}

void Client::prefetchTiles(const Tree &tree, llvm::ArrayRef<int64_t> ids) {
  RecordingReader rec;
  for (int64_t id : ids)
    if (id >= 0 && id < tree.n)
      llvm::consumeError(proveRecord(id, tree.n, rec).takeError());
  if (rec.seen.empty())
    return;
  std::vector<int64_t> all(rec.seen.begin(), rec.seen.end());
  // One verified read of every hash the proofs need: one batch of tiles.
  std::unique_ptr<HashReader> reader = makeTileHashReader(tree, *tiles);
  llvm::consumeError(reader->readHashes(all).takeError());
}

std::vector<LookupResult> Client::lookup(llvm::ArrayRef<module::Version> mods) {
  std::vector<LookupResult> out(mods.size());
  for (size_t i = 0; i < mods.size(); ++i)
    out[i].mod = mods[i];
  auto failAll = [&](const std::string &msg) {
    for (LookupResult &r : out)
      if (r.error.empty())
        r.error = msg;
    return out;
  };
  if (!refreshed)
    if (llvm::Error err = refreshLatest())
      return failAll(llvm::toString(std::move(err)));

  std::vector<std::string> paths(mods.size());
  std::vector<size_t> asked;
  for (size_t i = 0; i < mods.size(); ++i) {
    llvm::Expected<std::string> ep = module::escapePath(mods[i].path);
    llvm::Expected<std::string> ev = module::escapeVersion(mods[i].version);
    if (!ep) {
      out[i].error = llvm::toString(ep.takeError());
      llvm::consumeError(ev.takeError());
      continue;
    }
    if (!ev) {
      out[i].error = llvm::toString(ev.takeError());
      continue;
    }
    paths[i] = "/lookup/" + *ep + "@" + *ev;
    asked.push_back(i);
  }
  std::vector<std::string> askedPaths;
  for (size_t i : asked)
    askedPaths.push_back(paths[i]);
  counters.lookups += askedPaths.size();
  std::vector<Remote::Result> got = remote.get(askedPaths);

  struct Pending {
    size_t index;
    Record record;
  };
  std::vector<Pending> pending;
  for (size_t k = 0; k < asked.size(); ++k) {
    size_t i = asked[k];
    Remote::Result &r = got[k];
    std::string url = remote.url(paths[i]);
    std::string what = mods[i].str();
    if (r.status == 404 || r.status == 410) {
      std::string says = firstLine(r.body);
      out[i].error = what + ": not found in checksum database " + key.name +
                     " (reading " + url + ": " + std::to_string(r.status) +
                     (says.empty() ? "" : ", server response: " + says) + ")";
      continue;
    }
    if (r.status != 200) {
      out[i].error = what + ": reading " + url + ": " +
                     (r.error.empty() ? std::to_string(r.status) : r.error);
      continue;
    }
    llvm::Expected<Record> rec = parseRecord(r.body);
    if (!rec) {
      out[i].error = what + ": malformed answer from " + url + ": " +
                     llvm::toString(rec.takeError());
      continue;
    }
    llvm::Expected<Tree> tree = openTree(rec->rest, url);
    if (!tree) {
      out[i].error = what + ": " + llvm::toString(tree.takeError());
      continue;
    }
    if (llvm::Error err = merge(*tree, rec->rest, /*fromLatest=*/false, url))
      return failAll(llvm::toString(std::move(err)));
    pending.push_back({i, std::move(*rec)});
  }

  std::vector<int64_t> ids;
  for (const Pending &p : pending)
    ids.push_back(p.record.id);
  prefetchTiles(trustedTree, ids);
  std::unique_ptr<HashReader> reader = makeTileHashReader(trustedTree, *tiles);
  for (Pending &p : pending) {
    LookupResult &res = out[p.index];
    const module::Version &m = mods[p.index];
    std::string what = m.str();
    const Record &rec = p.record;
    if (rec.id < 0 || rec.id >= trustedTree.n) {
      res.error = withContext(
          what + ": ",
          mochigo::securityError(
              SecurityKind::SumdbBadProof,
              "checksum database " + key.name + " answered with record " +
                  std::to_string(rec.id) + ", outside its signed tree of " +
                  std::to_string(trustedTree.n) + " records"));
      continue;
    }
    llvm::Expected<RecordProof> proof =
        proveRecord(rec.id, trustedTree.n, *reader);
    llvm::Error bad = proof ? checkRecord(*proof, rec.id, recordHash(rec.text),
                                          trustedTree.n, trustedTree.hash)
                            : proof.takeError();
    if (bad) {
      // A proof that was read but does not check is the database's fault;
      // a tile that does not fit the signed tree carries its own tag; a
      // tile that could not be read is not an integrity failure.
      bool proofRead = bool(proof);
      std::string why = llvm::toString(std::move(bad));
      std::string text = "checksum database " + key.name + ": record " +
                         std::to_string(rec.id) +
                         " is not proved to be in the signed tree of " +
                         std::to_string(trustedTree.n) + " records (" + why +
                         ")";
      if (proofRead && securityKindOf(why).empty())
        text = mochigo::securityError(SecurityKind::SumdbBadProof, text);
      res.error = withContext(what + ": ", text);
      continue;
    }
    std::string zipPrefix = m.path + " " + m.version + " ";
    std::string modPrefix = m.path + " " + m.version + "/go.mod ";
    llvm::SmallVector<StringRef, 4> lines;
    StringRef(rec.text).split(lines, '\n', -1, false);
    for (StringRef line : lines) {
      if (line.starts_with(zipPrefix) && res.zipHash.empty())
        res.zipHash = line.drop_front(zipPrefix.size()).str();
      else if (line.starts_with(modPrefix) && res.modHash.empty())
        res.modHash = line.drop_front(modPrefix.size()).str();
    }
    if (res.zipHash.empty() || res.modHash.empty()) {
      res.zipHash.clear();
      res.modHash.clear();
      res.error = withContext(
          what + ": ", mochigo::securityError(
                           SecurityKind::SumdbWrongRecord,
                           "checksum database " + key.name +
                               " answered with a record that is not about " +
                               what + ":\n" + indent(rec.text)));
      continue;
    }
    res.recordId = rec.id;
    res.treeSize = trustedTree.n;
  }
  if (llvm::Error err = saveTrusted())
    return failAll(llvm::toString(std::move(err)));
  return out;
}
