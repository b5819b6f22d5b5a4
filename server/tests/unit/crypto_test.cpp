#include <gtest/gtest.h>

#include "core/crypto.hpp"

namespace lvzhi::crypto {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init(); }
};

TEST_F(CryptoTest, Sha256MatchesKnownDigest) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(CryptoTest, TokensAreLongAndUnique) {
  const auto a = random_token(32);
  EXPECT_EQ(a.size(), 43U);  // 256 bits, base64url without padding
  EXPECT_NE(a, random_token(32));
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
}

TEST_F(CryptoTest, PasswordHashVerifies) {
  const auto hash = hash_password("Lvzhi@2026x");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0U);
  EXPECT_TRUE(verify_password(hash, "Lvzhi@2026x"));
  EXPECT_FALSE(verify_password(hash, "Lvzhi@2026y"));
}

TEST_F(CryptoTest, GeneratedPasswordsUseFourClasses) {
  const auto password = generate_password();
  EXPECT_EQ(password.size(), 16U);
  EXPECT_NE(password.find_first_of("ABCDEFGHJKLMNPQRSTUVWXYZ"), std::string::npos);
  EXPECT_NE(password.find_first_of("abcdefghijkmnpqrstuvwxyz"), std::string::npos);
  EXPECT_NE(password.find_first_of("23456789"), std::string::npos);
}

TEST_F(CryptoTest, EncryptionRoundTripsAndDetectsTampering) {
  const std::string key = random_bytes(32);
  const auto sealed = encrypt(key, "13800138000");
  std::string plain;
  ASSERT_TRUE(decrypt(key, sealed, plain));
  EXPECT_EQ(plain, "13800138000");
  EXPECT_NE(encrypt(key, "13800138000"), sealed);  // fresh nonce each time

  std::string raw;
  ASSERT_TRUE(base64_decode(sealed, raw));
  raw[raw.size() / 2] ^= 1;
  EXPECT_FALSE(decrypt(key, base64_encode(raw), plain));
  EXPECT_FALSE(decrypt(random_bytes(32), sealed, plain));
  EXPECT_FALSE(decrypt(key, "not base64 at all", plain));
}

}  // namespace
}  // namespace lvzhi::crypto
