#include "base/json.h"

#include <catch2/catch.hpp>
#include <string>

using namespace gongkai;

namespace {

/// Parses `text` and returns "line:col: message" of the single error, or "ok".
std::string json_error(const std::string& text) {
  Diagnostics diagnostics;
  std::optional<json::Value> value = json::parse("f.json", text, diagnostics);
  if (value) return diagnostics.has_errors() ? "value and errors" : "ok";
  auto all = diagnostics.sorted();
  if (all.size() != 1) return "expected one diagnostic, got " + std::to_string(all.size());
  return std::to_string(all[0].where.line) + ":" + std::to_string(all[0].where.column) + ": " +
         all[0].message;
}

json::Value parse_ok(const std::string& text) {
  Diagnostics diagnostics;
  std::optional<json::Value> value = json::parse("f.json", text, diagnostics);
  REQUIRE(value);
  REQUIRE_FALSE(diagnostics.has_errors());
  return *value;
}

}  // namespace

TEST_CASE("json keeps member order, number literals and positions", "[json]") {
  json::Value v = parse_ok("{\n  \"部门\": \"信用\",\n  \"b\": [0.00, 12.3, -0.14, 1e3],\n  \"a\": true\n}");
  REQUIRE(v.is(json::Type::object));
  REQUIRE(v.members.size() == 3);
  CHECK(v.members[0].key == "部门");
  CHECK(v.members[0].key_position.line == 2);
  CHECK(v.members[0].key_position.column == 3);
  CHECK(v.members[0].value.text == "信用");
  CHECK(v.members[0].value.position.column == 9);  // code points: 部门 counts as two columns
  const json::Value* b = v.find("b");
  REQUIRE(b);
  REQUIRE(b->items.size() == 4);
  CHECK(b->items[0].text == "0.00");
  CHECK(b->items[1].text == "12.3");
  CHECK(b->items[2].text == "-0.14");
  CHECK(b->items[3].text == "1e3");
  CHECK(b->items[1].position.line == 3);
  CHECK(b->items[1].position.column == 15);
  CHECK(v.find("a")->boolean);
  CHECK(v.find("missing") == nullptr);
}

TEST_CASE("json decodes escapes and surrogate pairs", "[json]") {
  json::Value v = parse_ok(R"(["a\"b\\c\/d\n\r\t\u0009", "\u00e9\u4e2d", "\ud83d\ude00"])");
  CHECK(v.items[0].text == "a\"b\\c/d\n\r\t\t");
  CHECK(v.items[1].text == "é中");
  CHECK(v.items[2].text == "\xF0\x9F\x98\x80");
}

TEST_CASE("json skips a byte-order mark and accepts CRLF", "[json]") {
  json::Value v = parse_ok("\xEF\xBB\xBF{\r\n  \"a\": null\r\n}\r\n");
  CHECK(v.members[0].key_position.line == 2);
  CHECK(v.members[0].key_position.column == 3);
  CHECK(v.members[0].value.is(json::Type::null));
  CHECK(json_error("\xEF\xBB\xBF{\"a\" 1}") == "1:6: expected ':' after an object key");
}

TEST_CASE("json syntax errors name the place and what was expected", "[json]") {
  CHECK(json_error(R"({"a": 1 "b": 2})") == "1:9: expected ',' or '}' after an object member");
  CHECK(json_error("[1 2]") == "1:4: expected ',' or ']' after an array element");
  CHECK(json_error(R"({"a": 1,})") == "1:9: trailing comma before '}'");
  CHECK(json_error("[1,]") == "1:4: trailing comma before ']'");
  CHECK(json_error("{a: 1}") == "1:2: expected an object key in double quotes");
  CHECK(json_error(R"({"a" 1})") == "1:6: expected ':' after an object key");
  CHECK(json_error("1 2") == "1:3: unexpected text after the JSON value");
  CHECK(json_error("") == "1:1: unexpected end of input; expected a JSON value");
  CHECK(json_error("[@]") == "1:2: expected a JSON value");
  CHECK(json_error("[tru]") == "1:2: invalid literal; expected true, false or null");
  CHECK(json_error("{\"a\": [1,\n  2") == "2:4: expected ',' or ']' after an array element");
}

TEST_CASE("json rejects duplicate keys at the second one", "[json]") {
  CHECK(json_error("{\"a\": 1,\n \"a\": 2}") ==
        "2:2: duplicate key \"a\" (first at line 1, column 2)");
  CHECK(json_error(R"({"x": {"a": 1}, "y": {"a": 1}})") == "ok");
}

TEST_CASE("json finds duplicate keys in large objects too", "[json]") {
  // Small objects are scanned, larger ones indexed: both ways must find the first occurrence.
  for (int size : {15, 16, 17, 40}) {
    for (int duplicate_of : {0, size / 2, size - 1}) {
      std::string text = "{";
      for (int i = 0; i < size; ++i) text += "\"k" + std::to_string(i) + "\": 1,\n";
      text += "\"k" + std::to_string(duplicate_of) + "\": 2}";
      CAPTURE(size, duplicate_of);
      CHECK(json_error(text) == std::to_string(size + 1) + ":1: duplicate key \"k" +
                                    std::to_string(duplicate_of) + "\" (first at line " +
                                    std::to_string(duplicate_of + 1) + ", column " +
                                    std::to_string(duplicate_of == 0 ? 2 : 1) + ")");
    }
    std::string distinct = "{";
    for (int i = 0; i < size; ++i) distinct += (i ? ", \"k" : "\"k") + std::to_string(i) + "\": 1";
    CHECK(json_error(distinct + "}") == "ok");
  }
}

TEST_CASE("json columns count the characters of strings, not their bytes", "[json]") {
  CHECK(json_error("{\"名称\": \"一般公共预算\", \"x\": tru}") ==
        "1:23: invalid literal; expected true, false or null");
}

TEST_CASE("json columns stay exact in long strings read eight bytes at a time", "[json]") {
  // Long runs take the word-at-a-time path; the quote, a backslash or a control character may
  // fall at any of the eight byte offsets, and characters of 1 to 4 bytes at any alignment.
  for (std::size_t prefix = 0; prefix < 9; ++prefix) {
    std::string ascii(prefix + 16, 'a');
    std::string mixed;
    for (std::size_t i = 0; i < prefix + 5; ++i) mixed += i % 3 == 0 ? "中" : i % 3 == 1 ? "é" : "😀";
    std::size_t mixed_characters = prefix + 5;
    CAPTURE(prefix);
    CHECK(json_error("[\"" + ascii + "\", tru]") ==
          "1:" + std::to_string(ascii.size() + 6) + ": invalid literal; expected true, false or null");
    CHECK(json_error("[\"" + mixed + "\", tru]") ==
          "1:" + std::to_string(mixed_characters + 6) + ": invalid literal; expected true, false or null");
    CHECK(json_error("\"" + ascii + "\tb\"") ==
          "1:" + std::to_string(ascii.size() + 2) + ": unescaped control character U+0009 in a string");
    CHECK(json_error("\"" + mixed + "\\x\"") ==
          "1:" + std::to_string(mixed_characters + 2) + ": invalid escape sequence in a string");
    CHECK(parse_ok("\"" + mixed + "\\n" + ascii + "\"").text == mixed + "\n" + ascii);
    // Fullwidth punctuation starts with 0xEF, as U+FFFE and U+FFFF do: such words are read
    // byte by byte, and the column still counts characters.
    std::string fullwidth = ascii + "（，）" + ascii + "：" + mixed;
    std::size_t fullwidth_characters = 2 * ascii.size() + 4 + mixed_characters;
    CHECK(json_error("[\"" + fullwidth + "\", tru]") ==
          "1:" + std::to_string(fullwidth_characters + 6) +
              ": invalid literal; expected true, false or null");
    CHECK(parse_ok("\"" + fullwidth + "\"").text == fullwidth);
  }
}

TEST_CASE("json rejects bad strings", "[json]") {
  CHECK(json_error("\"abc") == "1:5: unterminated string");
  CHECK(json_error("\"a\tb\"") == "1:3: unescaped control character U+0009 in a string");
  CHECK(json_error("\"a\nb\"") == "1:3: unescaped control character U+000A in a string");
  CHECK(json_error(R"("a\x")") == "1:3: invalid escape sequence in a string");
  CHECK(json_error(R"("\u12g4")") ==
        "1:2: invalid \\u escape; expected four hexadecimal digits");
  CHECK(json_error(R"("\ud800")") == "1:2: unpaired surrogate in a \\u escape");
  CHECK(json_error(R"("\udc00")") == "1:2: unpaired surrogate in a \\u escape");
  CHECK(json_error(R"("\ud800\u0041")") == "1:2: unpaired surrogate in a \\u escape");
}

TEST_CASE("json refuses control characters and noncharacters, escaped or raw", "[json]") {
  // What a file may not hold raw it may not write as an escape either: text reaches pages, CSV
  // files and the Atom feed, which XML 1.0 makes unreadable with any of them.
  std::string note = ", which no page, CSV file or feed can carry";
  CHECK(json_error(R"(["ok", "a\u0000b"])") == "1:10: escape writes U+0000, a control character" + note);
  CHECK(json_error(R"("\u001F")") == "1:2: escape writes U+001F, a control character" + note);
  CHECK(json_error(R"("\u007f")") == "1:2: escape writes U+007F, a control character" + note);
  CHECK(json_error(R"("\uFFFE")") == "1:2: escape writes U+FFFE, a noncharacter" + note);
  CHECK(json_error(R"("\uffff")") == "1:2: escape writes U+FFFF, a noncharacter" + note);
  CHECK(json_error(R"("x\b")") == "1:3: escape writes U+0008, a control character" + note);
  CHECK(json_error(R"("x\f")") == "1:3: escape writes U+000C, a control character" + note);
  CHECK(json_error("{\"k\\u0001\": 1}") == "1:4: escape writes U+0001, a control character" + note);
  CHECK(json_error("\"a\x7F" "b\"") == "1:3: string holds U+007F, a control character" + note);
  CHECK(json_error("\"（\xEF\xBF\xBE\"") == "1:3: string holds U+FFFE, a noncharacter" + note);
  std::string long_run(40, 'a');
  CHECK(json_error("\"" + long_run + "\xEF\xBF\xBF\"") ==
        "1:42: string holds U+FFFF, a noncharacter" + note);
  // Fullwidth forms share the lead byte 0xEF and stay text; so do tab and line breaks.
  CHECK(parse_ok("\"（" + long_run + "）\uFFFD\\t\\n\\r\"").text ==
        "（" + long_run + "）\xEF\xBF\xBD\t\n\r");
}

TEST_CASE("json refuses C1 control characters, escaped or raw", "[json]") {
  // U+0080–U+009F: NEL (U+0085) breaks lines in some programs only, U+009B starts a terminal's
  // escape sequence, and most are Windows-1252 quotes and dashes decoded as Latin-1.
  std::string note = ", which no page, CSV file or feed can carry";
  CHECK(json_error(R"("\u0085")") == "1:2: escape writes U+0085, a control character" + note);
  CHECK(json_error(R"(["ok", "a\u0080"])") ==
        "1:10: escape writes U+0080, a control character" + note);
  CHECK(json_error(R"("\u009f")") == "1:2: escape writes U+009F, a control character" + note);
  CHECK(json_error("{\"k\\u009B\": 1}") == "1:4: escape writes U+009B, a control character" + note);
  CHECK(json_error("\"a\xC2\x85" "b\"") == "1:3: string holds U+0085, a control character" + note);
  CHECK(json_error("{\"\xC2\x80\": 1}") == "1:3: string holds U+0080, a control character" + note);
  // After runs of text read eight bytes at a time, at every offset.
  for (std::size_t prefix = 0; prefix < 17; ++prefix) {
    CHECK(json_error("\"" + std::string(prefix, 'a') + "\xC2\x9B\"") ==
          "1:" + std::to_string(prefix + 2) + ": string holds U+009B, a control character" + note);
  }
  // Latin-1 signs share the lead byte 0xC2 and stay text, escaped or raw, before any byte.
  std::string long_run(40, 'a');
  CHECK(parse_ok("\"\xC2\xB7" + long_run + "\xC2\xA7\xC2\xA0\\u00a0\\u007e\"").text ==
        "\xC2\xB7" + long_run + "\xC2\xA7\xC2\xA0\xC2\xA0~");
  CHECK(json_error("\"\xC2\xA0\x07\"") == "1:3: unescaped control character U+0007 in a string");
  CHECK(json_error("\"\xC2\xA0\xC2\x85\"") ==
        "1:3: string holds U+0085, a control character" + note);
}

TEST_CASE("json rejects invalid UTF-8 anywhere", "[json]") {
  CHECK(json_error("[\"a\xFF\"]") == "1:4: invalid UTF-8 byte sequence");
  CHECK(json_error("\"\xC0\xAF\"") == "1:2: invalid UTF-8 byte sequence");          // overlong
  CHECK(json_error("\"\xED\xA0\x80\"") == "1:2: invalid UTF-8 byte sequence");      // surrogate
  CHECK(json_error("\"\xF4\x90\x80\x80\"") == "1:2: invalid UTF-8 byte sequence");  // > U+10FFFF
  CHECK(json_error("\"\xE4\xB8\"") == "1:2: invalid UTF-8 byte sequence");          // truncated
  // After runs of ASCII, checked eight bytes at a time, at every offset.
  for (std::size_t prefix = 0; prefix < 17; ++prefix) {
    CHECK(json_error("\"" + std::string(prefix, 'a') + "\xFF\"") ==
          "1:" + std::to_string(prefix + 2) + ": invalid UTF-8 byte sequence");
  }
  CHECK(json_error("\"中\"") == "ok");
}

TEST_CASE("json numbers follow the JSON grammar; NaN and Infinity are refused", "[json]") {
  CHECK(json_error("NaN") == "1:1: NaN and Infinity are not JSON numbers");
  CHECK(json_error("[Infinity]") == "1:2: NaN and Infinity are not JSON numbers");
  CHECK(json_error("-Infinity") == "1:1: NaN and Infinity are not JSON numbers");
  CHECK(json_error("01") == "1:1: invalid number; leading zeros are not allowed");
  CHECK(json_error("1.") == "1:3: invalid number; expected a digit after '.'");
  CHECK(json_error("1e+") == "1:4: invalid number; expected a digit in the exponent");
  CHECK(json_error("-") == "1:2: invalid number; expected a digit");
  CHECK(json_error("[-0, 0.5, 10E-2]") == "ok");
}

TEST_CASE("json limits nesting depth without recursing past it", "[json]") {
  std::string ok = std::string(256, '[') + std::string(256, ']');
  CHECK(json_error(ok) == "ok");
  std::string deep = std::string(257, '[') + std::string(257, ']');
  CHECK(json_error(deep) == "1:257: nesting deeper than 256 levels");
  std::string huge;
  for (int i = 0; i < 100000; ++i) huge += "{\"a\":";
  CHECK(json_error(huge) == "1:1281: nesting deeper than 256 levels");
  CHECK(json_error(std::string(100000, '[')) == "1:257: nesting deeper than 256 levels");
  Diagnostics diagnostics;
  CHECK(json::parse("f", std::string(10, '['), diagnostics, {4}) == std::nullopt);
}

TEST_CASE("json errors print as path:line:col: error: message with the line", "[json]") {
  Diagnostics diagnostics;
  std::string text = "{\n  \"tables\": [\n    {\"id\": 1 \"x\": 2}\n  ]\n}";
  CHECK_FALSE(json::parse("content/x/2023/budget.json", text, diagnostics));
  CHECK(diagnostics.format_all() ==
        "content/x/2023/budget.json:3:14: error: expected ',' or '}' after an object member\n"
        "    {\"id\": 1 \"x\": 2}\n"
        "             ^\n");
}

TEST_CASE("json converts to nlohmann with literal or native numbers", "[json]") {
  json::Value v = parse_ok(R"({"b": [0.00, 12, -3, 1.5, 99999999999999999999], "a": "x", "n": null, "t": false})");
  nlohmann::json literal = json::to_nlohmann(v, json::NumberMode::literal_strings);
  CHECK(literal.dump() == R"({"a":"x","b":["0.00","12","-3","1.5","99999999999999999999"],"n":null,"t":false})");
  nlohmann::json native = json::to_nlohmann(v, json::NumberMode::native);
  CHECK(native["b"][0].get<double>() == 0.0);
  CHECK(native["b"][1].is_number_integer());
  CHECK(native["b"][2].get<int>() == -3);
  CHECK(native["b"][3].get<double>() == 1.5);
  CHECK(native["b"][4] == "99999999999999999999");
}

TEST_CASE("json's native numbers never lose digits or overflow", "[json]") {
  json::Value v = parse_ok(R"([9223372036854775807, -9223372036854775808, 18446744073709551615,
                               18446744073709551616, 1e400, -1e400, 1e-400, 1e300, 0.1])");
  nlohmann::json native = json::to_nlohmann(v, json::NumberMode::native);
  CHECK(native[0].get<std::int64_t>() == INT64_MAX);
  CHECK(native[1].get<std::int64_t>() == INT64_MIN);
  CHECK(native[2].get<std::uint64_t>() == UINT64_MAX);
  CHECK(native[3] == "18446744073709551616");
  CHECK(native[4] == "1e400");
  CHECK(native[5] == "-1e400");
  CHECK(native[6] == "1e-400");
  CHECK(native[7].get<double>() == 1e300);
  CHECK(native[8].get<double>() == 0.1);
}

TEST_CASE("json type names read well in messages", "[json]") {
  CHECK(json::type_name(json::Type::string) == "a string");
  CHECK(json::type_name(json::Type::object) == "an object");
  CHECK(json::type_name(json::Type::null) == "null");
}
