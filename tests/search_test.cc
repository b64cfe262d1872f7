#include "render/search.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

using namespace gongkai;

TEST_CASE("index strings print as nlohmann::json prints them, made safe for a script", "[search]") {
  std::string controls;
  for (char c = 1; c < 0x20; ++c) controls += c;
  const std::string cases[] = {
      "",
      "一般公共预算财政拨款",
      "quote \" backslash \\ slash /",
      controls + "\x7F",
      "</script><!-- & -->",
      "line\xE2\x80\xA8separator\xE2\x80\xA9paragraph \xE2\x80\xA6",
      "emoji \xF0\x9F\x93\x8A",
      "bad \xFF byte, cut \xE4\xB8",
      "overlong \xC0\xAF surrogate \xED\xA0\x80",
  };
  for (const std::string& text : cases) {
    CAPTURE(text);
    std::string direct;
    append_script_safe_string(direct, text);
    CHECK(direct == script_safe_json(nlohmann::json(text)));
  }
}

TEST_CASE("index strings: a character to escape is found wherever it falls in a word", "[search]") {
  // The scan skips eight bytes at a time: put each special character at every offset of a
  // longer text, next to Chinese text, and compare with nlohmann::json.
  const std::string specials[] = {"\"", "\\", "<", ">", "&", "\n", "\x01", "\x1F",
                                  "\xE2\x80\xA8", "\xE2\x80\xA9", "\xE2\x80\x9C"};
  const std::string filler = "预算abcdefghijklmnopq";
  for (const std::string& special : specials) {
    for (std::size_t at = 0; at <= filler.size(); ++at) {
      if (at > 0 && at < 6) continue;  // inside the Chinese characters
      std::string text = filler.substr(0, at) + special + filler.substr(at);
      CAPTURE(text);
      std::string direct;
      append_script_safe_string(direct, text);
      CHECK(direct == script_safe_json(nlohmann::json(text)));
    }
  }
}

TEST_CASE("script-safe JSON cannot close a script element", "[search]") {
  std::string out;
  append_script_safe_string(out, "</script>");
  CHECK(out == R"("\u003c/script\u003e")");
}
