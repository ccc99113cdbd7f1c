// Cryptographic primitives (libsodium): SHA-256, Ed25519 keys and
// signatures, hex, random tokens. Thread-safe after init().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "content/result.h"

namespace faro::sync::crypto {

// Initialises libsodium; safe to call many times. Fails only if the CPU or
// OS cannot provide randomness.
Status init();

std::string to_hex(std::string_view bytes);
// Fails on odd length or non-hex characters.
Result<std::string> from_hex(std::string_view hex);

// SHA-256 of bytes, as 64 lower-case hex digits.
std::string sha256_hex(std::string_view data);

// Incremental SHA-256.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  std::string hex();  // finishes; the object may not be updated afterwards
 private:
  alignas(64) unsigned char state_[512];
};

// SHA-256 of a file's bytes.
Result<std::string> sha256_file(const std::string& path);

struct KeyPair {
  std::string public_key;  // 32 raw bytes
  std::string secret_key;  // 64 raw bytes (libsodium form: seed + public key)
};

KeyPair generate_keypair();
// Key id: hex SHA-256 of the public key, first 16 bytes (32 hex digits).
std::string key_id(std::string_view public_key);
// Detached Ed25519 signature (64 raw bytes).
std::string sign(std::string_view message, std::string_view secret_key);
bool verify(std::string_view message, std::string_view signature, std::string_view public_key);

// A random secret as hex (for operator tokens).
std::string random_token(size_t bytes = 32);

// Constant-time comparison.
bool equal(std::string_view a, std::string_view b);

}  // namespace faro::sync::crypto
