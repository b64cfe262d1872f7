// The terms of the search index (docs/search.md): how text is cut into what a query looks up.
// assets/search.js cuts a query the same way; the two must agree byte for byte.
//   - Han characters: every pair of neighbours in a run ("信用信息" → 信用 用信 信息);
//   - other letters: words, ASCII letters lower-cased ("Budget" → budget);
//   - numbers: their integer part without grouping commas ("6,296.50" → 6296), so that typing a
//     figure with or without its commas, with or without its decimals, finds it.
// Everything else (punctuation, spaces, symbols) separates terms.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace gongkai {

/// Calls `take` with every term of `text`, in order, repeats included.
void for_each_search_term(std::string_view text, const std::function<void(const std::string&)>& take);

/// A number as its term: its integer part, grouping commas removed; "" when `text` is not a
/// number (digits, commas, at most one point, a digit first).
std::string number_term(std::string_view text);

/// The shard of the index that holds `term`: FNV-1a of its UTF-8 bytes, modulo `shards`.
std::uint32_t search_shard(std::string_view term, std::uint32_t shards);

}  // namespace gongkai
