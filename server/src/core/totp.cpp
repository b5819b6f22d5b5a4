#include "core/totp.hpp"

#include <array>
#include <cctype>
#include <cstdint>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

namespace lvzhi::totp {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::size_t kSecretBytes = 20;  // 160 bits, as RFC 4226 recommends
constexpr long long kAllowedDriftSteps = 1;

bool base32_decode(std::string_view text, std::string& out) {
  out.clear();
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const auto index = kBase32Alphabet.find(c);
    if (index == std::string_view::npos) return false;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(index);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return !out.empty();
}

std::string base32_encode(const unsigned char* data, std::size_t size) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (std::size_t i = 0; i < size; ++i) {
    buffer = (buffer << 8) | data[i];
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push_back(kBase32Alphabet[(buffer >> bits) & 0x1f]);
    }
  }
  if (bits > 0) out.push_back(kBase32Alphabet[(buffer << (5 - bits)) & 0x1f]);
  return out;
}

std::string hotp(const std::string& key, std::uint64_t counter) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(), digest,
       &digest_size);
  const int offset = digest[digest_size - 1] & 0x0f;
  const std::uint32_t binary = ((digest[offset] & 0x7fU) << 24) | (digest[offset + 1] << 16) |
                               (digest[offset + 2] << 8) | digest[offset + 3];
  return fmt::format("{:06}", binary % 1000000U);
}

std::string uri_escape(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

}  // namespace

std::string generate_secret() {
  std::array<unsigned char, kSecretBytes> raw{};
  randombytes_buf(raw.data(), raw.size());
  return base32_encode(raw.data(), raw.size());
}

std::string code_at(std::string_view base32_secret, long long unix_time) {
  std::string key;
  if (!base32_decode(base32_secret, key) || unix_time < 0) return {};
  return hotp(key, static_cast<std::uint64_t>(unix_time / kStepSeconds));
}

std::optional<long long> verify(std::string_view base32_secret, std::string_view code,
                                long long unix_time) {
  std::string key;
  if (code.size() != kDigits || !base32_decode(base32_secret, key) || unix_time < 0) {
    return std::nullopt;
  }
  const long long step = unix_time / kStepSeconds;
  for (long long candidate = step - kAllowedDriftSteps; candidate <= step + kAllowedDriftSteps;
       ++candidate) {
    const std::string expected = hotp(key, static_cast<std::uint64_t>(candidate));
    if (sodium_memcmp(expected.data(), code.data(), kDigits) == 0) return candidate;
  }
  return std::nullopt;
}

std::string provisioning_uri(std::string_view issuer, std::string_view account,
                             std::string_view base32_secret) {
  return fmt::format("otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={}&period={}",
                     uri_escape(issuer), uri_escape(account), base32_secret, uri_escape(issuer),
                     kDigits, kStepSeconds);
}

}  // namespace lvzhi::totp
