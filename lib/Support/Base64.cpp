//===- Base64.cpp - Standard base64, strict decoding ----------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/Base64.h"

using namespace mochigo;

static const char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string mochigo::base64Encode(llvm::ArrayRef<uint8_t> data) {
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= data.size(); i += 3) {
    uint32_t v = data[i] << 16 | data[i + 1] << 8 | data[i + 2];
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  size_t rest = data.size() - i;
  if (rest) {
    uint32_t v = data[i] << 16 | (rest == 2 ? data[i + 1] << 8 : 0);
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(rest == 2 ? kAlphabet[(v >> 6) & 63] : '=');
    out.push_back('=');
  }
  return out;
}

static int decodeChar(char c) {
  if (c >= 'A' && c <= 'Z')
    return c - 'A';
  if (c >= 'a' && c <= 'z')
    return c - 'a' + 26;
  if (c >= '0' && c <= '9')
    return c - '0' + 52;
  if (c == '+')
    return 62;
  if (c == '/')
    return 63;
  return -1;
}

std::optional<std::vector<uint8_t>>
mochigo::base64Decode(llvm::StringRef text) {
  if (text.size() % 4 != 0)
    return std::nullopt;
  std::vector<uint8_t> out;
  out.reserve(text.size() / 4 * 3);
  for (size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    int pad = 0;
    if (last && text[i + 3] == '=')
      pad = text[i + 2] == '=' ? 2 : 1;
    int v[4] = {0, 0, 0, 0};
    for (int j = 0; j < 4 - pad; ++j)
      if ((v[j] = decodeChar(text[i + j])) < 0)
        return std::nullopt;
    uint32_t w = v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3];
    out.push_back(w >> 16);
    if (pad < 2)
      out.push_back((w >> 8) & 0xff);
    if (pad < 1)
      out.push_back(w & 0xff);
    // Unused low bits of the last symbol must be zero (canonical form).
    if ((pad == 1 && (w & 0xff)) || (pad == 2 && (w & 0xffff)))
      return std::nullopt;
  }
  return out;
}
