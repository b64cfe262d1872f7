#include "search.h"

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

TEST_CASE("script-safe JSON cannot close a script element", "[search]") {
  std::string out;
  append_script_safe_string(out, "</script>");
  CHECK(out == R"("\u003c/script\u003e")");
}
