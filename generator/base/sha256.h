// SHA-256 through OpenSSL's EVP interface: the digests of the files of a built site
// (SHA256SUMS, `gongkai archive` and `gongkai verify`) and of a build's inputs (the build
// identity every site states).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace gongkai {

/// An incremental SHA-256: add() the bytes in any number of pieces, then hex(). Not copyable.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  /// Adds `bytes` to the message. Not after hex().
  void add(std::string_view bytes);
  /// The digest of everything added, as 64 lowercase hex digits. Ends the message: call once.
  std::string hex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// The SHA-256 of `bytes` as 64 lowercase hex digits.
std::string sha256_hex(std::string_view bytes);

/// True for 64 lowercase hex digits, as sha256_hex() writes a digest.
bool is_sha256_hex(std::string_view text);

}  // namespace gongkai
