#pragma once
// RFC 6238 time-based one-time passwords (30 s steps, 6 digits, HMAC-SHA1) as every authenticator
// app uses.
#include <optional>
#include <string>
#include <string_view>

namespace lvzhi::totp {

inline constexpr int kStepSeconds = 30;
inline constexpr int kDigits = 6;

// A new random 160-bit secret, base32 (RFC 4648, no padding).
std::string generate_secret();
// The code for the step containing unix_time; empty if the secret is not valid base32.
std::string code_at(std::string_view base32_secret, long long unix_time);
// Accepts the current step and one step either side (clock drift). Returns the matched step so that
// a code cannot be replayed within its window.
std::optional<long long> verify(std::string_view base32_secret, std::string_view code,
                                long long unix_time);
// otpauth://totp/Issuer:account?secret=…&issuer=…
std::string provisioning_uri(std::string_view issuer, std::string_view account,
                             std::string_view base32_secret);

}  // namespace lvzhi::totp
