#include "sync/crypto.h"

#include <sodium.h>

#include <fstream>
#include <vector>

namespace faro::sync::crypto {

static_assert(sizeof(crypto_hash_sha256_state) <= 512, "Sha256 state buffer too small");

Status init() {
  if (sodium_init() < 0) return make_error(ErrorCode::Io, "libsodium could not initialise");
  return {};
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  out.pop_back();
  return out;
}

Result<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2) return make_error(ErrorCode::Invalid, "hex string has odd length");
  std::string out(hex.size() / 2, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr, &len,
                     &end) != 0 ||
      len != out.size() || end != hex.data() + hex.size())
    return make_error(ErrorCode::Invalid, "not a hex string");
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return to_hex(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

Sha256::Sha256() {
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

void Sha256::update(std::string_view data) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_),
                            reinterpret_cast<const unsigned char*>(data.data()), data.size());
}

std::string Sha256::hex() {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), h);
  return to_hex(std::string_view(reinterpret_cast<const char*>(h), sizeof h));
}

Result<std::string> sha256_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::Io, path + ": cannot read");
  Sha256 h;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) h.update(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
  }
  return h.hex();
}

KeyPair generate_keypair() {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  KeyPair kp{std::string(reinterpret_cast<char*>(pk), sizeof pk), std::string(reinterpret_cast<char*>(sk), sizeof sk)};
  sodium_memzero(sk, sizeof sk);
  return kp;
}

std::string key_id(std::string_view public_key) {
  return sha256_hex(public_key).substr(0, 32);
}

std::string sign(std::string_view message, std::string_view secret_key) {
  unsigned char sig[crypto_sign_BYTES];
  if (secret_key.size() != crypto_sign_SECRETKEYBYTES) return {};
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       reinterpret_cast<const unsigned char*>(secret_key.data()));
  return std::string(reinterpret_cast<char*>(sig), sizeof sig);
}

bool verify(std::string_view message, std::string_view signature, std::string_view public_key) {
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

std::string random_token(size_t bytes) {
  std::string b(bytes, '\0');
  randombytes_buf(b.data(), b.size());
  return to_hex(b);
}

bool equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace faro::sync::crypto
