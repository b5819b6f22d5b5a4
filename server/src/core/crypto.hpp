#pragma once
// Small crypto helpers over libsodium and OpenSSL: random tokens, SHA-256, Argon2id password
// hashes, AES-256-GCM for secrets at rest.
#include <string>
#include <string_view>

namespace lvzhi::crypto {

// Must be called once before any other function (initializes libsodium).
void init();

// n raw random bytes (keys).
std::string random_bytes(std::size_t bytes);
// n random bytes, URL-safe base64 without padding (n = 32 → a 256-bit token).
std::string random_token(std::size_t bytes = 32);
// Lowercase hex SHA-256 of data.
std::string sha256_hex(std::string_view data);
bool constant_time_equal(std::string_view a, std::string_view b);

// Argon2id (libsodium INTERACTIVE limits). Slow by design (~0.2 s, 64 MiB): never call on IO
// threads. At most kMaxConcurrentHashes run at once; further callers wait.
std::string hash_password(std::string_view password);
bool verify_password(std::string_view stored_hash, std::string_view password);

// Readable random password for initial/reset passwords: 16 characters from 4 classes.
std::string generate_password();

// AES-256-GCM with a 32-byte key; output is base64(nonce | ciphertext | tag). decrypt returns false
// on a wrong key or tampered text.
std::string encrypt(std::string_view key, std::string_view plaintext);
bool decrypt(std::string_view key, std::string_view sealed, std::string& plaintext);

std::string base64_encode(std::string_view data);
bool base64_decode(std::string_view text, std::string& out);

}  // namespace lvzhi::crypto
