//===- Base64.h - Standard base64, strict decoding --------------*- C++ -*-===//
//
// Part of mochi-go. RFC 4648 base64 with the standard alphabet and padding,
// as Go's encoding/base64.StdEncoding writes it (h1: hashes, note
// signatures, verifier keys, tree hashes). Decoding is strict: padding is
// required, no whitespace, and the unused bits of the last symbol must be
// zero, so every byte string has exactly one accepted encoding.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUPPORT_BASE64_H
#define MOCHIGO_SUPPORT_BASE64_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mochigo {

std::string base64Encode(llvm::ArrayRef<uint8_t> data);

/// Decode; std::nullopt when `text` is not canonical padded base64.
std::optional<std::vector<uint8_t>> base64Decode(llvm::StringRef text);

} // namespace mochigo

#endif // MOCHIGO_SUPPORT_BASE64_H
