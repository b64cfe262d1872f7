// Scanning text eight bytes at a time. A data file is mostly Chinese text, keys and figures, and
// a page mostly markup and figures with nothing to escape; looking at one 64-bit word instead of
// eight bytes finds where the next special byte is without a branch per byte.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

namespace gongkai::bytes {

inline constexpr std::uint64_t kEachByte = 0x0101010101010101u;
inline constexpr std::uint64_t kHighBits = 0x8080808080808080u;

/// The eight bytes of `text` from `at` (which must leave eight), in memory order.
inline std::uint64_t load8(std::string_view text, std::size_t at) {
  std::uint64_t word;
  std::memcpy(&word, text.data() + at, 8);
  return word;
}

/// 0x80 in every byte of `word` that is zero and 0 in the others: exact, without the false
/// positives of the shorter zero-byte test, so the marks can be counted.
inline std::uint64_t zero_bytes(std::uint64_t word) {
  std::uint64_t low = (word & ~kHighBits) + ~kHighBits;
  return ~(low | word | ~kHighBits);
}

/// 0x80 in every byte of `word` equal to `c`.
inline std::uint64_t bytes_equal(std::uint64_t word, char c) {
  return zero_bytes(word ^ (static_cast<unsigned char>(c) * kEachByte));
}

/// 0x80 in every byte of `word` below 0x20 (an ASCII control character).
inline std::uint64_t control_bytes(std::uint64_t word) { return zero_bytes(word & (0xE0 * kEachByte)); }

/// 0x80 in every byte of `word` that continues a UTF-8 sequence (10xxxxxx).
inline std::uint64_t continuation_bytes(std::uint64_t word) {
  return zero_bytes((word & (0xC0 * kEachByte)) ^ kHighBits);
}

/// How many bytes a mark word from the functions above marks.
inline int count_marked(std::uint64_t marks) {
  return static_cast<int>(((marks >> 7) * kEachByte) >> 56);
}

/// True when all eight bytes of `word` are ASCII.
inline bool all_ascii(std::uint64_t word) { return (word & kHighBits) == 0; }

/// The first offset from `at` on whose eight bytes `may_hold` (a test of a word) is true, or
/// where fewer than eight bytes are left: scanners skip clean text there and look at the bytes
/// from that offset one by one.
template <class WordTest>
std::size_t skip_clean_words(std::string_view text, std::size_t at, WordTest may_hold) {
  while (at + 8 <= text.size() && !may_hold(load8(text, at))) at += 8;
  return at;
}

}  // namespace gongkai::bytes
