#include <gtest/gtest.h>

#include "core/crypto.hpp"
#include "core/totp.hpp"

namespace lvzhi::totp {
namespace {

// RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 below); the RFC lists 8 digits,
// authenticator apps show the last 6.
constexpr const char* kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(Totp, MatchesRfc6238Vectors) {
  EXPECT_EQ(code_at(kRfcSecret, 59), "287082");
  EXPECT_EQ(code_at(kRfcSecret, 1111111109), "081804");
  EXPECT_EQ(code_at(kRfcSecret, 1111111111), "050471");
  EXPECT_EQ(code_at(kRfcSecret, 1234567890), "005924");
  EXPECT_EQ(code_at(kRfcSecret, 2000000000), "279037");
}

TEST(Totp, VerifiesWithinOneStepOfDrift) {
  const long long now = 1234567890;
  EXPECT_EQ(verify(kRfcSecret, code_at(kRfcSecret, now), now), now / kStepSeconds);
  EXPECT_TRUE(verify(kRfcSecret, code_at(kRfcSecret, now - kStepSeconds), now).has_value());
  EXPECT_TRUE(verify(kRfcSecret, code_at(kRfcSecret, now + kStepSeconds), now).has_value());
  EXPECT_FALSE(verify(kRfcSecret, code_at(kRfcSecret, now - 3 * kStepSeconds), now).has_value());
}

TEST(Totp, RejectsMalformedInput) {
  EXPECT_FALSE(verify(kRfcSecret, "12345", 59).has_value());
  EXPECT_FALSE(verify(kRfcSecret, "abcdef", 59).has_value());
  EXPECT_FALSE(verify("not base32!", "287082", 59).has_value());
  EXPECT_EQ(code_at("", 59), "");
}

TEST(Totp, GeneratesDistinctDecodableSecrets) {
  crypto::init();
  const auto a = generate_secret();
  const auto b = generate_secret();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 32U);  // 160 bits in base32
  EXPECT_EQ(code_at(a, 0).size(), 6U);
}

TEST(Totp, BuildsAProvisioningUri) {
  const auto uri = provisioning_uri("Lüzhi 履职", "admin", "ABC");
  EXPECT_EQ(uri.rfind("otpauth://totp/", 0), 0U);
  EXPECT_NE(uri.find("secret=ABC"), std::string::npos);
  EXPECT_EQ(uri.find(' '), std::string::npos);
}

}  // namespace
}  // namespace lvzhi::totp
