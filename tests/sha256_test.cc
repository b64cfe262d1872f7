// SHA-256 (base/sha256.h) against the test vectors of FIPS 180-2.
#include "base/sha256.h"

#include <catch2/catch.hpp>

using gongkai::is_sha256_hex;
using gongkai::Sha256;
using gongkai::sha256_hex;

TEST_CASE("sha256: known vectors", "[sha256]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: pieces give the digest of the whole", "[sha256]") {
  Sha256 digest;
  digest.add("a");
  digest.add("");
  digest.add("bc");
  CHECK(digest.hex() == sha256_hex("abc"));
}

TEST_CASE("sha256: is_sha256_hex", "[sha256]") {
  CHECK(is_sha256_hex(sha256_hex("abc")));
  CHECK_FALSE(is_sha256_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"));
  CHECK_FALSE(is_sha256_hex("abc"));
  CHECK_FALSE(is_sha256_hex(std::string(64, 'g')));
}
