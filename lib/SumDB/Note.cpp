//===- Note.cpp - Signed notes (golang.org/x/mod/sumdb/note) --------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//
//
// Differences from x/mod's note package, besides refusing text lines that
// start with "— ": base64 must be canonical; every signature line is parsed
// before any is verified, so a syntax error wins over a bad signature; two
// known verifiers with one name and key hash but different keys make any
// signature under that name and hash an InvalidSignature ("ambiguous key");
// signNote refuses an empty signer list and a signer whose hash does not
// match its key, and signs once per key.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/SumDB/Note.h"

#include "mochi-go/Support/Base64.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cassert>
#include <set>

using namespace mochigo;
using namespace mochigo::sumdb;

char NoteOpenError::ID = 0;

namespace {

/// "— " (U+2014 EM DASH, space): the start of every signature line.
constexpr llvm::StringLiteral kSigPrefix("\xE2\x80\x94 ");
constexpr size_t kMaxSignatures = 100;

/// Decode `s` as UTF-8 into code points; false if it is not valid UTF-8
/// (overlong forms, surrogates and values above U+10FFFF are invalid).
bool decodeUTF8(llvm::StringRef s, std::vector<uint32_t> *out) {
  auto *p = reinterpret_cast<const llvm::UTF8 *>(s.data());
  auto *end = p + s.size();
  while (p < end) {
    if (*p < 0x80) {
      if (out)
        out->push_back(*p);
      ++p;
      continue;
    }
    llvm::UTF32 cp;
    if (llvm::convertUTF8Sequence(&p, end, &cp, llvm::strictConversion) !=
        llvm::conversionOK)
      return false;
    if (out)
      out->push_back(cp);
  }
  return true;
}

/// Unicode White_Space, the set Go's unicode.IsSpace reports.
bool isUnicodeSpace(uint32_t c) {
  switch (c) {
  case '\t':
  case '\n':
  case '\v':
  case '\f':
  case '\r':
  case ' ':
  case 0x85:
  case 0xA0:
  case 0x1680:
  case 0x2028:
  case 0x2029:
  case 0x202F:
  case 0x205F:
  case 0x3000:
    return true;
  default:
    return c >= 0x2000 && c <= 0x200A;
  }
}

/// Why `text` is not acceptable note text, or "" if it is: valid UTF-8, no
/// control characters but '\n', ends in '\n', no line starting "— ".
std::string noteTextProblem(llvm::StringRef text) {
  if (!decodeUTF8(text, nullptr))
    return "text is not valid UTF-8";
  for (char c : text)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n')
      return "text contains control character 0x" +
             llvm::utohexstr(static_cast<unsigned char>(c), false, 2);
  if (!text.ends_with("\n"))
    return "text does not end in a newline";
  llvm::StringRef rest = text;
  while (!rest.empty()) {
    auto [line, tail] = rest.split('\n');
    if (line.starts_with(kSigPrefix))
      return "text line starts with the signature prefix \"\xE2\x80\x94 \"";
    rest = tail;
  }
  return "";
}

std::string hex8(uint32_t v) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << llvm::format_hex_no_prefix(v, 8);
  return s;
}

/// Exactly eight hex digits (either case, as Go's ParseUint accepts).
std::optional<uint32_t> parseHex8(llvm::StringRef s) {
  if (s.size() != 8 || !llvm::all_of(s, llvm::isHexDigit))
    return std::nullopt;
  uint32_t v = 0;
  for (char c : s)
    v = v << 4 | llvm::hexDigitValue(c);
  return v;
}

std::string keyDisplay(llvm::StringRef name, uint32_t hash) {
  return (name + "+" + hex8(hash)).str();
}

llvm::Error keyError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// The three '+'-separated fields after any fixed prefix: name, hash, key.
/// The key (base64) may itself contain '+', the name may not.
struct KeyFields {
  llvm::StringRef name, hash16, key64;
};

std::optional<KeyFields> splitKeyFields(llvm::StringRef s) {
  size_t first = s.find('+');
  if (first == llvm::StringRef::npos)
    return std::nullopt;
  size_t second = s.find('+', first + 1);
  if (second == llvm::StringRef::npos)
    return std::nullopt;
  return KeyFields{s.take_front(first), s.slice(first + 1, second),
                   s.drop_front(second + 1)};
}

/// Decode and check the "<hash>+<base64(alg ‖ 32 bytes)>" part of a key
/// named `name`; `what` is "verifier key" or "signer key". Returns the 32
/// key bytes and the key hash.
llvm::Expected<std::pair<std::array<uint8_t, 32>, uint32_t>>
parseKeyBody(llvm::StringRef what, const KeyFields &f) {
  if (!isValidKeyName(f.name))
    return keyError("malformed " + what + ": invalid key name \"" + f.name +
                    "\" (must be non-empty, without '+' or spaces)");
  std::optional<uint32_t> hash = parseHex8(f.hash16);
  if (!hash)
    return keyError("malformed " + what + ": key hash \"" + f.hash16 +
                    "\" is not 8 hex digits");
  std::optional<std::vector<uint8_t>> key = base64Decode(f.key64);
  if (!key)
    return keyError("malformed " + what + ": key is not valid base64");
  if (key->empty())
    return keyError("malformed " + what + ": empty key");
  if ((*key)[0] != kAlgEd25519)
    return keyError("malformed " + what + ": unknown algorithm " +
                    llvm::Twine(unsigned((*key)[0])) + " (want 1, Ed25519)");
  if (key->size() != 1 + 32)
    return keyError("malformed " + what + ": Ed25519 key has " +
                    llvm::Twine(key->size() - 1) + " bytes, want 32");
  std::pair<std::array<uint8_t, 32>, uint32_t> out;
  std::copy(key->begin() + 1, key->end(), out.first.begin());
  out.second = *hash;
  return out;
}

std::vector<uint8_t> algAndKey(llvm::ArrayRef<uint8_t> key) {
  std::vector<uint8_t> v;
  v.reserve(key.size() + 1);
  v.push_back(kAlgEd25519);
  v.insert(v.end(), key.begin(), key.end());
  return v;
}

llvm::Error noteError(NoteError kind, const llvm::Twine &detail) {
  return llvm::make_error<NoteOpenError>(kind, detail.str());
}

/// A syntactically valid signature line.
struct SigLine {
  llvm::StringRef line; // without "— " and '\n'
  Signature sig;
  std::vector<uint8_t> raw; // the Ed25519 signature, after the key hash
};

} // namespace

//===----------------------------------------------------------------------===//
// Keys
//===----------------------------------------------------------------------===//

bool sumdb::isValidKeyName(llvm::StringRef name) {
  std::vector<uint32_t> cps;
  if (name.empty() || !decodeUTF8(name, &cps))
    return false;
  return llvm::none_of(
      cps, [](uint32_t c) { return c == '+' || isUnicodeSpace(c); });
}

uint32_t sumdb::keyHash(llvm::StringRef name,
                        llvm::ArrayRef<uint8_t> algAndKey) {
  Sha256 h;
  h.update(name);
  h.update(llvm::StringRef("\n"));
  h.update(algAndKey);
  Sha256Digest d = h.final();
  return uint32_t(d[0]) << 24 | uint32_t(d[1]) << 16 | uint32_t(d[2]) << 8 |
         uint32_t(d[3]);
}

std::string Verifier::str() const {
  return keyDisplay(name, hash) + "+" + base64Encode(algAndKey(publicKey));
}

Verifier sumdb::makeVerifier(llvm::StringRef name,
                             llvm::ArrayRef<uint8_t> publicKey) {
  assert(publicKey.size() == kEd25519PublicKeySize && "bad public key size");
  Verifier v;
  v.name = name.str();
  std::copy_n(publicKey.begin(), std::min(publicKey.size(), v.publicKey.size()),
              v.publicKey.begin());
  v.hash = keyHash(name, algAndKey(v.publicKey));
  return v;
}

llvm::Expected<Verifier> sumdb::parseVerifierKey(llvm::StringRef vkey) {
  std::optional<KeyFields> f = splitKeyFields(vkey);
  if (!f)
    return keyError("malformed verifier key: want <name>+<hash>+<key>");
  auto body = parseKeyBody("verifier key", *f);
  if (!body)
    return body.takeError();
  Verifier v = makeVerifier(f->name, body->first);
  if (v.hash != body->second)
    return keyError("verifier key hash " + hex8(body->second) +
                    " does not match the key (computed " + hex8(v.hash) + ")");
  return v;
}

Verifier Signer::verifier() const {
  return makeVerifier(name, ed25519PublicKey(seed));
}

std::string Signer::str() const {
  return "PRIVATE+KEY+" + keyDisplay(name, hash) + "+" +
         base64Encode(algAndKey(seed));
}

llvm::Expected<Signer> sumdb::parseSignerKey(llvm::StringRef skey) {
  if (!skey.consume_front("PRIVATE+KEY+"))
    return keyError("malformed signer key: does not start with PRIVATE+KEY+");
  std::optional<KeyFields> f = splitKeyFields(skey);
  if (!f)
    return keyError(
        "malformed signer key: want PRIVATE+KEY+<name>+<hash>+<key>");
  auto body = parseKeyBody("signer key", *f);
  if (!body)
    return body.takeError();
  Signer s = makeSigner(f->name, body->first);
  if (s.hash != body->second)
    return keyError("signer key hash " + hex8(body->second) +
                    " does not match the key (computed " + hex8(s.hash) + ")");
  return s;
}

Signer sumdb::makeSigner(llvm::StringRef name, llvm::ArrayRef<uint8_t> seed) {
  assert((seed.empty() || seed.size() == kEd25519SeedSize) &&
         "a seed is 32 bytes, or empty for a random one");
  Signer s;
  s.name = name.str();
  if (seed.size() == kEd25519SeedSize)
    std::copy(seed.begin(), seed.end(), s.seed.begin());
  else if (!randomBytes(s.seed))
    llvm::report_fatal_error("sumdb: no random bytes for a new signing key");
  s.hash = s.verifier().hash;
  return s;
}

//===----------------------------------------------------------------------===//
// Notes
//===----------------------------------------------------------------------===//

void NoteOpenError::log(llvm::raw_ostream &os) const {
  switch (kind) {
  case NoteError::Malformed:
    os << "malformed note";
    break;
  case NoteError::UnknownKey:
    os << "note has no verifiable signatures";
    break;
  case NoteError::InvalidSignature:
    os << "invalid note signature";
    break;
  }
  if (!detail.empty())
    os << ": " << detail;
}

std::error_code NoteOpenError::convertToErrorCode() const {
  return llvm::inconvertibleErrorCode();
}

llvm::Expected<Note> sumdb::openNote(llvm::StringRef msg,
                                     llvm::ArrayRef<Verifier> known) {
  // Whole-message syntax first: UTF-8 and control characters.
  if (!decodeUTF8(msg, nullptr))
    return noteError(NoteError::Malformed, "not valid UTF-8");
  for (char c : msg)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n')
      return noteError(
          NoteError::Malformed,
          "control character 0x" +
              llvm::utohexstr(static_cast<unsigned char>(c), false, 2));

  // The signature block follows the last blank line.
  size_t split = msg.rfind("\n\n");
  if (split == llvm::StringRef::npos)
    return noteError(NoteError::Malformed,
                     "no blank line before the signatures");
  llvm::StringRef text = msg.take_front(split + 1);
  llvm::StringRef block = msg.drop_front(split + 2);
  if (block.empty())
    return noteError(NoteError::Malformed, "no signatures");
  if (!block.ends_with("\n"))
    return noteError(NoteError::Malformed,
                     "signature block does not end in a newline");
  std::string textProblem = noteTextProblem(text);
  if (!textProblem.empty())
    return noteError(NoteError::Malformed, textProblem);

  // Parse every signature line before verifying any.
  std::vector<SigLine> lines;
  for (llvm::StringRef rest = block; !rest.empty();) {
    auto [line, tail] = rest.split('\n');
    rest = tail;
    if (!line.consume_front(kSigPrefix))
      return noteError(NoteError::Malformed,
                       "signature line does not start with \"\xE2\x80\x94 \"");
    auto [name, b64] = line.split(' ');
    if (!isValidKeyName(name))
      return noteError(NoteError::Malformed,
                       "invalid key name in signature line");
    std::optional<std::vector<uint8_t>> raw = base64Decode(b64);
    if (b64.empty() || !raw)
      return noteError(NoteError::Malformed,
                       "signature of " + name + " is not valid base64");
    if (raw->size() < 5)
      return noteError(NoteError::Malformed,
                       "signature of " + name + " is too short");
    if (lines.size() == kMaxSignatures)
      return noteError(NoteError::Malformed, "more than " +
                                                 llvm::Twine(kMaxSignatures) +
                                                 " signatures");
    SigLine s;
    s.line = line;
    s.sig.name = name.str();
    s.sig.hash = uint32_t((*raw)[0]) << 24 | uint32_t((*raw)[1]) << 16 |
                 uint32_t((*raw)[2]) << 8 | uint32_t((*raw)[3]);
    s.sig.base64 = b64.str();
    s.raw.assign(raw->begin() + 4, raw->end());
    lines.push_back(std::move(s));
  }

  Note note;
  note.text = text.str();
  std::set<std::pair<std::string, uint32_t>> seenKeys;
  std::set<std::string> seenUnknown;
  for (SigLine &s : lines) {
    const Verifier *match = nullptr;
    for (const Verifier &v : known) {
      if (v.name != s.sig.name || v.hash != s.sig.hash)
        continue;
      if (match && match->publicKey != v.publicKey)
        return noteError(NoteError::InvalidSignature,
                         "ambiguous key " + keyDisplay(s.sig.name, s.sig.hash) +
                             ": two known keys have this name and hash");
      match = &v;
    }
    if (!match) {
      if (seenUnknown.insert(s.line.str()).second)
        note.unverifiedSigs.push_back(std::move(s.sig));
      continue;
    }
    // Only the first signature by each known key counts.
    if (!seenKeys.insert({s.sig.name, s.sig.hash}).second)
      continue;
    if (!ed25519Verify(match->publicKey, bytesOf(text), s.raw))
      return noteError(NoteError::InvalidSignature,
                       "signature by key " +
                           keyDisplay(s.sig.name, s.sig.hash) +
                           " does not verify");
    note.sigs.push_back(std::move(s.sig));
  }
  if (note.sigs.empty()) {
    std::string keys;
    for (const Signature &s : note.unverifiedSigs)
      keys += (keys.empty() ? "" : ", ") + keyDisplay(s.name, s.hash);
    return noteError(NoteError::UnknownKey,
                     "signed only by unknown keys " + keys);
  }
  return note;
}

llvm::Expected<std::string> sumdb::signNote(llvm::StringRef text,
                                            llvm::ArrayRef<Signer> signers) {
  std::string problem = noteTextProblem(text);
  if (!problem.empty())
    return keyError("cannot sign note: " + problem);
  if (signers.empty())
    return keyError("cannot sign note: no signers");
  std::string out = text.str();
  out += '\n';
  std::set<std::pair<std::string, uint32_t>> done;
  for (const Signer &s : signers) {
    if (!isValidKeyName(s.name))
      return keyError("cannot sign note: invalid signer name \"" + s.name +
                      "\"");
    Verifier v = s.verifier();
    if (v.hash != s.hash)
      return keyError("cannot sign note: signer " + keyDisplay(s.name, s.hash) +
                      " has the wrong key hash (computed " + hex8(v.hash) +
                      ")");
    if (!done.insert({s.name, s.hash}).second)
      continue;
    auto sig = ed25519Sign(s.seed, bytesOf(text));
    std::vector<uint8_t> raw = {uint8_t(s.hash >> 24), uint8_t(s.hash >> 16),
                                uint8_t(s.hash >> 8), uint8_t(s.hash)};
    raw.insert(raw.end(), sig.begin(), sig.end());
    out += kSigPrefix;
    out += s.name;
    out += ' ';
    out += base64Encode(raw);
    out += '\n';
  }
  return out;
}
