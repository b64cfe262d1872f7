#include "base/json.h"

#include "base/bytes.h"
#include "base/file_reader.h"
#include "base/text_characters.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <span>
#include <cstdint>
#include <unordered_map>

namespace gongkai::json {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid (overlong forms,
/// surrogates and code points above U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if (!is_continuation(byte(i + k))) return 0;
  }
  unsigned char c1 = byte(i + 1);
  if (c == 0xE0 && c1 < 0xA0) return 0;  // overlong
  if (c == 0xED && c1 >= 0xA0) return 0;  // UTF-16 surrogate
  if (c == 0xF0 && c1 < 0x90) return 0;  // overlong
  if (c == 0xF4 && c1 >= 0x90) return 0;  // above U+10FFFF
  return n;
}


}  // namespace

std::size_t first_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // Eight ASCII bytes at a time: most of a data file is keys, figures and punctuation.
    if (i + 8 <= s.size() && bytes::all_ascii(bytes::load8(s, i))) {
      i += 8;
      continue;
    }
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return i;
    i += n;
  }
  return std::string_view::npos;
}

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string hex4(unsigned value) {
  static const char* digits = "0123456789ABCDEF";
  std::string out = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) out += digits[(value >> shift) & 0xF];
  return out;
}

Value make_value(Type type, Position position) {
  Value value;
  value.type = type;
  value.position = position;
  return value;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// The end of the messages about characters no text may hold.
constexpr const char* kForbiddenNote = ", which no page, CSV file or feed can carry";

/// Thrown inside the parser only, caught by parse(): carries the first syntax error out of the
/// (depth-bounded) recursion. Never escapes this file.
struct SyntaxError {
  Position at;
  std::string message;
};

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : text_(text), options_(options) {}

  Value parse_document() {
    if (text_.starts_with(kUtf8ByteOrderMark)) pos_ = kUtf8ByteOrderMark.size();
    skip_whitespace();
    Value value = parse_value(1);
    skip_whitespace();
    if (pos_ < text_.size()) fail("unexpected text after the JSON value");
    return value;
  }

 private:
  std::string_view text_;
  const ParseOptions& options_;
  std::size_t pos_ = 0;
  Position here_{1, 1};
  /// Members and elements of the objects and arrays being parsed, innermost last: each object
  /// or array gets its vector allocated once, at its final size, when it is complete.
  std::vector<Member> pending_members_;
  std::vector<Value> pending_items_;

  [[noreturn]] void fail(std::string message) const { fail_at(here_, std::move(message)); }
  [[noreturn]] static void fail_at(Position at, std::string message) {
    throw SyntaxError{at, std::move(message)};
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void advance() {
    unsigned char c = static_cast<unsigned char>(text_[pos_++]);
    if (c == '\n') {
      ++here_.line;
      here_.column = 1;
    } else if (!is_continuation(c)) {
      ++here_.column;
    }
  }

  void skip_whitespace() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
        ++here_.column;
      } else if (c == '\n') {
        ++pos_;
        ++here_.line;
        here_.column = 1;
      } else {
        return;
      }
    }
  }

  Value parse_value(int depth) {
    if (depth > options_.max_depth) {
      fail("nesting deeper than " + std::to_string(options_.max_depth) + " levels");
    }
    char c = peek();
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') return parse_string_value();
    if (c == '-' || is_digit(c) || c == 'N' || c == 'I') return parse_number();
    if (c == 't' || c == 'f' || c == 'n') return parse_literal();
    fail(at_end() ? "unexpected end of input; expected a JSON value" : "expected a JSON value");
  }

  Value parse_object(int depth) {
    Value object = make_value(Type::object, here_);
    advance();  // '{'
    skip_whitespace();
    if (peek() == '}') {
      advance();
      return object;
    }
    std::unordered_map<std::string, Position> seen;
    std::size_t base = pending_members_.size();
    while (true) {
      parse_member(base, seen, depth);
      skip_whitespace();
      if (peek() == '}') break;
      if (peek() != ',') fail("expected ',' or '}' after an object member");
      advance();
      skip_whitespace();
      if (peek() == '}') fail("trailing comma before '}'");
    }
    advance();  // '}'
    take_pending(pending_members_, base, object.members);
    return object;
  }

  /// Moves the entries of `pending` from `base` on into `out`, allocated once at its size.
  template <class T>
  static void take_pending(std::vector<T>& pending, std::size_t base, std::vector<T>& out) {
    out.reserve(pending.size() - base);
    std::move(pending.begin() + static_cast<std::ptrdiff_t>(base), pending.end(),
              std::back_inserter(out));
    pending.resize(base);
  }

  /// Objects up to this size are checked for duplicate keys by scanning their members; a
  /// report's many small row objects then need no hash map.
  static constexpr std::size_t kScannedMembers = 16;

  /// The member of `object` named `key` before its last one, or nullptr; `seen` indexes the
  /// keys once the object has more than kScannedMembers members.
  /// The member among `members` named like their last one, before it, or nullptr; `seen`
  /// indexes the keys once there are more than kScannedMembers members.
  static const Member* earlier_member(std::span<const Member> members,
                                      std::unordered_map<std::string, Position>& seen) {
    const Member& last = members.back();
    std::size_t count = members.size();
    if (count <= kScannedMembers) {
      for (std::size_t i = 0; i + 1 < count; ++i) {
        if (members[i].key == last.key) return &members[i];
      }
      return nullptr;
    }
    if (seen.empty()) {
      for (std::size_t i = 0; i + 1 < count; ++i) seen.emplace(members[i].key, members[i].key_position);
    }
    auto [it, inserted] = seen.emplace(last.key, last.key_position);
    if (inserted) return nullptr;
    for (const Member& m : members) {
      if (m.key == last.key) return &m;
    }
    return nullptr;
  }

  /// Parses one member into pending_members_; the object's members start there at `base`.
  void parse_member(std::size_t base, std::unordered_map<std::string, Position>& seen, int depth) {
    if (peek() != '"') fail("expected an object key in double quotes");
    Member& member = pending_members_.emplace_back();
    member.key_position = here_;
    member.key = parse_string();
    std::span<const Member> members(pending_members_.data() + base, pending_members_.size() - base);
    if (const Member* first = earlier_member(members, seen)) {
      fail_at(member.key_position, "duplicate key \"" + member.key + "\" (first at line " +
                                       std::to_string(first->key_position.line) + ", column " +
                                       std::to_string(first->key_position.column) + ")");
    }
    skip_whitespace();
    if (peek() != ':') fail("expected ':' after an object key");
    advance();
    skip_whitespace();
    std::size_t index = pending_members_.size() - 1;  // parsing the value may move the stack
    Value value = parse_value(depth + 1);
    pending_members_[index].value = std::move(value);
  }

  Value parse_array(int depth) {
    Value array = make_value(Type::array, here_);
    advance();  // '['
    skip_whitespace();
    if (peek() == ']') {
      advance();
      return array;
    }
    std::size_t base = pending_items_.size();
    while (true) {
      Value item = parse_value(depth + 1);
      pending_items_.push_back(std::move(item));
      skip_whitespace();
      if (peek() == ']') break;
      if (peek() != ',') fail("expected ',' or ']' after an array element");
      advance();
      skip_whitespace();
      if (peek() == ']') fail("trailing comma before ']'");
    }
    advance();  // ']'
    take_pending(pending_items_, base, array.items);
    return array;
  }

  Value parse_string_value() {
    Value value = make_value(Type::string, here_);
    value.text = parse_string();
    return value;
  }

  std::string parse_string() {
    advance();  // opening quote
    std::string out;
    while (true) {
      if (at_end()) fail("unterminated string");
      unsigned char c = static_cast<unsigned char>(peek());
      if (c == '"') break;
      if (c < 0x20) fail("unescaped control character " + hex4(c) + " in a string");
      if (auto bad = first_forbidden_character(text_.substr(pos_, 3)); bad && bad->offset == 0) {
        fail("string holds " + describe_forbidden_character(bad->code_point) + kForbiddenNote);
      }
      if (c == '\\') {
        parse_escape(out);
      } else {
        append_plain_run(out);
      }
    }
    advance();  // closing quote
    return out;
  }

  /// Appends the characters up to the next quote, backslash, control character (C0, DEL or
  /// C1), U+FFFE or U+FFFF at once. None of them is a newline, so only the column moves: by the characters, not
  /// the bytes. Eight bytes at a time, byte by byte only through a word holding a special byte.
  void append_plain_run(std::string& out) {
    std::size_t end = pos_;
    int characters = 0;
    while (end < text_.size()) {
      for (; end + 8 <= text_.size(); end += 8) {
        std::uint64_t word = bytes::load8(text_, end);
        if (has_special_byte(word)) break;
        characters += 8 - bytes::count_marked(bytes::continuation_bytes(word));
      }
      std::size_t word_end = std::min(end + 8, text_.size());
      while (end < word_end && !ends_plain_run(end)) {
        if (!is_continuation(static_cast<unsigned char>(text_[end]))) ++characters;
        ++end;
      }
      if (end < word_end) break;  // at the end of the run
    }
    out.append(text_.substr(pos_, end - pos_));
    here_.column += characters;
    pos_ = end;
  }

  /// True when the byte at `at` is a quote, a backslash, a control character or DEL, or starts
  /// a C1 control character, U+FFFE or U+FFFF: where a run of plain characters ends.
  bool ends_plain_run(std::size_t at) const {
    auto c = static_cast<unsigned char>(text_[at]);
    if (c == '"' || c == '\\' || c < 0x20 || c == 0x7F) return true;
    // The whole character only (the text is valid UTF-8): a forbidden character after it is
    // where the next run ends.
    std::size_t length = c == 0xC2 ? 2 : c == 0xEF ? 3 : 0;
    return length && first_forbidden_character(text_.substr(at, length)).has_value();
  }

  /// True when one of the eight bytes is a quote, a backslash, a control character or DEL, or
  /// may start a C1 control character (0xC2, which also starts Latin-1 signs such as · and §)
  /// or U+FFFE or U+FFFF (0xEF, which mostly starts fullwidth punctuation such as （ and ，):
  /// append_plain_run() then looks at that word byte by byte.
  static bool has_special_byte(std::uint64_t word) {
    return (bytes::bytes_equal(word, '"') | bytes::bytes_equal(word, '\\') |
            bytes::control_bytes(word) | bytes::bytes_equal(word, '\x7F') |
            bytes::bytes_equal(word, '\xC2') | bytes::bytes_equal(word, '\xEF')) != 0;
  }

  void parse_escape(std::string& out) {
    Position start = here_;
    advance();  // backslash
    char c = peek();
    const char* simple = "\"\\/bfnrt";
    const char* decoded = "\"\\/\b\f\n\r\t";
    for (int i = 0; simple[i] != '\0'; ++i) {
      if (c == simple[i]) {
        refuse_forbidden(start, static_cast<unsigned char>(decoded[i]));
        out += decoded[i];
        advance();
        return;
      }
    }
    if (c != 'u') fail_at(start, "invalid escape sequence in a string");
    advance();
    std::uint32_t cp = parse_hex4(start);
    if (cp >= 0xDC00 && cp <= 0xDFFF) fail_at(start, "unpaired surrogate in a \\u escape");
    if (cp >= 0xD800 && cp <= 0xDBFF) cp = parse_low_surrogate(start, cp);
    refuse_forbidden(start, cp);
    append_utf8(out, cp);
  }

  /// An escape may not write what the file may not hold raw: \u0000, \b, \uFFFF…
  /// (base/text_characters.h). Tab and line breaks, \t \n \r, are text.
  static void refuse_forbidden(Position start, std::uint32_t cp) {
    if (!is_forbidden_character(cp)) return;
    fail_at(start, "escape writes " + describe_forbidden_character(cp) + kForbiddenNote);
  }

  std::uint32_t parse_low_surrogate(Position start, std::uint32_t high) {
    if (text_.substr(pos_, 2) != "\\u") fail_at(start, "unpaired surrogate in a \\u escape");
    advance();
    advance();
    std::uint32_t low = parse_hex4(start);
    if (low < 0xDC00 || low > 0xDFFF) fail_at(start, "unpaired surrogate in a \\u escape");
    return 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
  }

  std::uint32_t parse_hex4(Position start) {
    std::uint32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = peek();
      int digit = is_digit(c)               ? c - '0'
                  : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                  : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                           : -1;
      if (digit < 0) fail_at(start, "invalid \\u escape; expected four hexadecimal digits");
      value = value * 16 + static_cast<std::uint32_t>(digit);
      advance();
    }
    return value;
  }

  void skip_digits() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && is_digit(text_[pos_])) ++pos_;
    here_.column += static_cast<int>(pos_ - start);
  }

  Value parse_number() {
    Value value = make_value(Type::number, here_);
    std::size_t start = pos_;
    if (peek() == '-') advance();
    if (peek() == 'N' || peek() == 'I') fail_at(value.position, "NaN and Infinity are not JSON numbers");
    if (!is_digit(peek())) fail("invalid number; expected a digit");
    if (peek() == '0' && pos_ + 1 < text_.size() && is_digit(text_[pos_ + 1])) {
      fail_at(value.position, "invalid number; leading zeros are not allowed");
    }
    skip_digits();
    if (peek() == '.') {
      advance();
      if (!is_digit(peek())) fail("invalid number; expected a digit after '.'");
      skip_digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      advance();
      if (peek() == '+' || peek() == '-') advance();
      if (!is_digit(peek())) fail("invalid number; expected a digit in the exponent");
      skip_digits();
    }
    value.text = std::string(text_.substr(start, pos_ - start));
    return value;
  }

  Value parse_literal() {
    Value value = make_value(Type::null, here_);
    for (std::string_view word : {"true", "false", "null"}) {
      if (text_.substr(pos_, word.size()) != word) continue;
      for (std::size_t i = 0; i < word.size(); ++i) advance();
      if (word != "null") value.type = Type::boolean;
      value.boolean = word == "true";
      return value;
    }
    fail("invalid literal; expected true, false or null");
  }
};

/// A number as a 64-bit integer when it is an integer that fits one, else as a double when it
/// is within a double's range, else (a bigger integer, 1e400, 1e-400) as its literal text, which
/// prints exactly as written.
nlohmann::json native_number(const std::string& literal) {
  bool integral = literal.find_first_of(".eE") == std::string::npos;
  const char* first = literal.data();
  const char* last = first + literal.size();
  if (integral) {
    std::int64_t i = 0;
    if (std::from_chars(first, last, i).ec == std::errc()) return i;
    std::uint64_t u = 0;
    if (std::from_chars(first, last, u).ec == std::errc()) return u;
    return literal;
  }
  double d = 0;
  if (std::from_chars(first, last, d).ec == std::errc()) return d;
  return literal;
}

}  // namespace

std::string_view type_name(Type type) {
  switch (type) {
    case Type::null:
      return "null";
    case Type::boolean:
      return "a boolean";
    case Type::number:
      return "a number";
    case Type::string:
      return "a string";
    case Type::array:
      return "an array";
    case Type::object:
      return "an object";
  }
  return "a value";
}

const Value* Value::find(std::string_view key) const {
  for (const Member& m : members) {
    if (m.key == key) return &m.value;
  }
  return nullptr;
}

std::optional<Value> parse(std::string_view path, std::string_view text, Diagnostics& diagnostics,
                           const ParseOptions& options) {
  std::size_t bad = first_invalid_utf8(text);
  if (bad != std::string_view::npos) {
    SourceLocation where = locate(path, text, bad);
    diagnostics.error(where, "invalid UTF-8 byte sequence", line_text(text, where.line));
    return std::nullopt;
  }
  try {
    Parser parser(text, options);
    return parser.parse_document();
  } catch (const SyntaxError& e) {
    diagnostics.error({std::string(path), e.at.line, e.at.column}, e.message,
                      line_text(text, e.at.line));
    return std::nullopt;
  }
}

nlohmann::json to_nlohmann(const Value& value, NumberMode mode) {
  switch (value.type) {
    case Type::null:
      return nullptr;
    case Type::boolean:
      return value.boolean;
    case Type::number:
      return mode == NumberMode::literal_strings ? nlohmann::json(value.text)
                                                 : native_number(value.text);
    case Type::string:
      return value.text;
    case Type::array: {
      nlohmann::json out = nlohmann::json::array();
      for (const Value& item : value.items) out.push_back(to_nlohmann(item, mode));
      return out;
    }
    case Type::object: {
      nlohmann::json out = nlohmann::json::object();
      for (const Member& m : value.members) out[m.key] = to_nlohmann(m.value, mode);
      return out;
    }
  }
  return nullptr;
}

}  // namespace gongkai::json
