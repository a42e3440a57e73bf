//===- Base64Test.cpp - Strict standard base64 ----------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/Base64.h"
#include "mochi-go/Support/Crypto.h"

#include "gtest/gtest.h"

using namespace mochigo;

namespace {

// RFC 4648, section 10.
TEST(Base64Test, Rfc4648Vectors) {
  const char *plain[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
  const char *encoded[] = {"",         "Zg==",     "Zm8=",    "Zm9v",
                           "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"};
  for (int i = 0; i < 7; ++i) {
    EXPECT_EQ(base64Encode(bytesOf(plain[i])), encoded[i]);
    auto back = base64Decode(encoded[i]);
    ASSERT_TRUE(back.has_value()) << encoded[i];
    EXPECT_EQ(stringOf(*back), plain[i]);
  }
}

TEST(Base64Test, RefusesNonCanonicalText) {
  EXPECT_FALSE(base64Decode("Zg").has_value());       // no padding
  EXPECT_FALSE(base64Decode("Zh==").has_value());     // non-zero spare bits
  EXPECT_FALSE(base64Decode("Zm9=").has_value());     // non-zero spare bits
  EXPECT_FALSE(base64Decode("Zm 9v").has_value());    // space
  EXPECT_FALSE(base64Decode("Zm9v\n").has_value());   // newline
  EXPECT_FALSE(base64Decode("Z===").has_value());     // too much padding
  EXPECT_FALSE(base64Decode("Zg==Zg==").has_value()); // padding mid-text
  EXPECT_FALSE(base64Decode("Zm-v").has_value());     // URL alphabet
}

TEST(Base64Test, RoundTripsEveryLength) {
  std::vector<uint8_t> data;
  for (int n = 0; n < 70; ++n) {
    auto back = base64Decode(base64Encode(data));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, data);
    data.push_back(static_cast<uint8_t>(n * 37 + 11));
  }
}

} // namespace
