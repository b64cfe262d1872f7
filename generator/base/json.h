// A small strict JSON parser for the report data files. nlohmann::json cannot say where a value
// came from, and the data loader must point at the line and column of every value at fault, so
// this parser keeps a position on every value and the literal text of every number (a published
// "0.00" must stay "0.00", never pass through binary floating point).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/diagnostic.h"

namespace gongkai::json {

/// Nesting depth the parser accepts by default. Deeper input is reported as an error rather than
/// risking the stack; report files need about eight levels.
inline constexpr int kDefaultMaxDepth = 256;

enum class Type { null, boolean, number, string, array, object };

/// "null", "a boolean", "a number", "a string", "an array", "an object": for error messages.
std::string_view type_name(Type type);

/// A 1-based line and column (in code points) inside the parsed text.
struct Position {
  int line = 0;
  int column = 0;
};

struct Member;

/// One JSON value with the place it starts. Numbers keep their literal text in `text` exactly as
/// written ("-0.14", "76000000.00", "1e3"); strings keep their decoded UTF-8 in `text`.
struct Value {
  Type type = Type::null;
  Position position;
  bool boolean = false;
  std::string text;
  std::vector<Value> items;
  std::vector<Member> members;

  bool is(Type t) const { return type == t; }
  /// The member named `key` of an object, or nullptr (also for non-objects).
  const Value* find(std::string_view key) const;
};

/// An object member: its key, where the key starts, and its value. Objects keep members in the
/// order written; keys are unique (the parser rejects duplicates).
struct Member {
  std::string key;
  Position key_position;
  Value value;
};

struct ParseOptions {
  int max_depth = kDefaultMaxDepth;
};

/// Offset of the first byte of `s` that does not start a valid UTF-8 sequence (overlong forms,
/// surrogates and code points above U+10FFFF are invalid), or npos.
std::size_t first_invalid_utf8(std::string_view s);

/// Parses `text` (UTF-8, an optional byte-order mark is skipped) as one JSON value. On the first
/// syntax error reports `path:line:col: error: message` to `diagnostics` and returns nullopt.
/// Rejected: trailing text, duplicate keys (reported at the second key), invalid UTF-8, NaN and
/// Infinity, unescaped control characters in strings, unpaired surrogate escapes, nesting deeper
/// than `options.max_depth`. Never recurses deeper than `max_depth`, whatever the input.
std::optional<Value> parse(std::string_view path, std::string_view text, Diagnostics& diagnostics,
                           const ParseOptions& options = {});

enum class NumberMode {
  /// Numbers become strings holding their literal text: exact, for figures.
  literal_strings,
  /// Numbers become integers when they are plain integers that fit 64 bits (signed, else
  /// unsigned), else doubles when a double holds them (1.5, 1e300), else strings holding their
  /// literal text (99999999999999999999, 1e400), which print exactly as written.
  native,
};

/// The value as nlohmann::json, for view models (object keys end up sorted, as nlohmann::json
/// keeps them). Recursion is bounded by the depth the parser accepted.
nlohmann::json to_nlohmann(const Value& value, NumberMode mode);

}  // namespace gongkai::json
