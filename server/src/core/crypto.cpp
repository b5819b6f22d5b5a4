#include "core/crypto.hpp"

#include <semaphore>
#include <stdexcept>
#include <vector>

#include <openssl/evp.h>
#include <openssl/sha.h>
#include <sodium.h>

namespace lvzhi::crypto {
namespace {

// Each Argon2id hash takes 64 MiB: one at a time keeps a sign-in burst within the server's memory
// bar (RSS < 200 MB: ~100 MB serving + 64 MiB) and leaves the second core to the other requests.
// A hash takes ~0.1 s here (make bench: ~11 sign-ins a second per instance; more: more instances).
constexpr std::ptrdiff_t kMaxConcurrentHashes = 1;
std::counting_semaphore<kMaxConcurrentHashes> g_hash_slots{kMaxConcurrentHashes};

class HashSlot {
 public:
  HashSlot() { g_hash_slots.acquire(); }
  ~HashSlot() { g_hash_slots.release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
};

constexpr std::size_t kGcmNonceBytes = 12;
constexpr std::size_t kGcmTagBytes = 16;
constexpr std::size_t kAesKeyBytes = 32;

}  // namespace

void init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium initialization failed");
}

std::string random_bytes(std::size_t bytes) {
  std::string out(bytes, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

std::string random_token(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * SHA256_DIGEST_LENGTH);
  for (unsigned char byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0f]);
  }
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string hash_password(std::string_view password) {
  HashSlot slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return out;
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  const std::string hash(stored_hash);  // needs a NUL-terminated string
  HashSlot slot;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

std::string generate_password() {
  // No look-alike characters (0/O, 1/l/I) so a printed password can be typed.
  static constexpr std::string_view kClasses[] = {"ABCDEFGHJKLMNPQRSTUVWXYZ",
                                                  "abcdefghijkmnpqrstuvwxyz", "23456789", "@#%+=?"};
  constexpr std::size_t kLength = 16;
  std::string out;
  for (std::size_t i = 0; i < kLength; ++i) {
    const auto& chars = kClasses[i % 4];
    out.push_back(chars[randombytes_uniform(static_cast<uint32_t>(chars.size()))]);
  }
  // Shuffle so the class pattern is not predictable.
  for (std::size_t i = out.size() - 1; i > 0; --i) {
    std::swap(out[i], out[randombytes_uniform(static_cast<uint32_t>(i + 1))]);
  }
  return out;
}

std::string base64_encode(std::string_view data) {
  std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()),
                    data.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

bool base64_decode(std::string_view text, std::string& out) {
  out.assign(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return false;
  }
  out.resize(length);
  return true;
}

std::string encrypt(std::string_view key, std::string_view plaintext) {
  if (key.size() != kAesKeyBytes) throw std::invalid_argument("encryption key must be 32 bytes");
  std::string sealed(kGcmNonceBytes + plaintext.size() + kGcmTagBytes, '\0');
  auto* bytes = reinterpret_cast<unsigned char*>(sealed.data());
  randombytes_buf(bytes, kGcmNonceBytes);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int length = 0;
  const bool ok =
      ctx != nullptr &&
      EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr,
                         reinterpret_cast<const unsigned char*>(key.data()), bytes) == 1 &&
      EVP_EncryptUpdate(ctx, bytes + kGcmNonceBytes, &length,
                        reinterpret_cast<const unsigned char*>(plaintext.data()),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx, bytes + kGcmNonceBytes + length, &length) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, kGcmTagBytes,
                          bytes + kGcmNonceBytes + plaintext.size()) == 1;
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) throw std::runtime_error("AES-GCM encryption failed");
  return base64_encode(sealed);
}

bool decrypt(std::string_view key, std::string_view sealed_text, std::string& plaintext) {
  std::string sealed;
  if (key.size() != kAesKeyBytes || !base64_decode(sealed_text, sealed) ||
      sealed.size() < kGcmNonceBytes + kGcmTagBytes) {
    return false;
  }
  const std::size_t text_size = sealed.size() - kGcmNonceBytes - kGcmTagBytes;
  auto* bytes = reinterpret_cast<unsigned char*>(sealed.data());
  plaintext.assign(text_size, '\0');
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int length = 0;
  const bool ok =
      ctx != nullptr &&
      EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nullptr,
                         reinterpret_cast<const unsigned char*>(key.data()), bytes) == 1 &&
      EVP_DecryptUpdate(ctx, reinterpret_cast<unsigned char*>(plaintext.data()), &length,
                        bytes + kGcmNonceBytes, static_cast<int>(text_size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, kGcmTagBytes,
                          bytes + kGcmNonceBytes + text_size) == 1 &&
      EVP_DecryptFinal_ex(ctx, reinterpret_cast<unsigned char*>(plaintext.data()) + length,
                          &length) == 1;
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) plaintext.clear();
  return ok;
}

}  // namespace lvzhi::crypto
