// The characters no text read from a source file may hold, however it is written: raw in the
// file or as an escape (\u0000 or \u0085 in JSON, \u0007 or \U0000FFFF in TOML). The readers of
// JSON and TOML refuse them where they enter, so no page, CSV file or feed (XML 1.0 cannot carry
// the C0 controls at all, and discourages the C1 controls) ever receives one.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai {

/// A character `text` must not hold, and where it starts.
struct ForbiddenCharacter {
  std::size_t offset = 0;
  char32_t code_point = 0;
};

/// True for the C0 control characters U+0000–U+001F other than tab, line feed and carriage
/// return, for DEL (U+007F), for the C1 control characters U+0080–U+009F (NEL, U+0085, is a
/// line break to some programs and none to others; U+009B starts a terminal's escape sequence;
/// most are what a text decoded as Latin-1 instead of Windows-1252 holds in place of its quotes
/// and dashes), and for the noncharacters U+FFFE and U+FFFF. Tab and line breaks stay allowed:
/// TOML takes them raw (tab anywhere, line breaks in multi-line strings) and HTML, CSV and XML
/// all carry them.
bool is_forbidden_character(char32_t code_point);

/// The first forbidden character of `text` (valid UTF-8), or nullopt.
std::optional<ForbiddenCharacter> first_forbidden_character(std::string_view text);

/// "U+0000, a control character", "U+0085, a control character" or "U+FFFE, a noncharacter":
/// for error messages.
std::string describe_forbidden_character(char32_t code_point);

}  // namespace gongkai
