// Escaping text for the places a page prints it: HTML content and attributes, and a CSS string
// inside a style attribute (the printed page's source line).
#include "base/html_escape.h"

#include <catch2/catch.hpp>

using namespace gongkai;

TEST_CASE("html: the five special characters become entities", "[escape]") {
  CHECK(escape_html("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;");
  CHECK(escape_html("预算 6,296 万元") == "预算 6,296 万元");
}

TEST_CASE("css: a string that nothing in it can end", "[escape]") {
  CHECK(css_string("2023年部门预算 · 原文：https://example.org/a?b=1") ==
        "\"2023年部门预算 · 原文：https://example.org/a?b=1\"");
  CHECK(css_string("a\"b\\c") == "\"a\\22 b\\5c c\"");
  CHECK(css_string("</style><script>") == "\"\\3c /style\\3e \\3c script\\3e \"");
  CHECK(css_string("x\ny\tz\x7f") == "\"x\\a y\\9 z\\7f \"");
  CHECK(css_string("&'") == "\"\\26 \\27 \"");
  CHECK(css_string("") == "\"\"");
  // Once HTML-escaped into a style attribute, the only quotes left are the string's own.
  std::string attribute = escape_html("--print-source: " + css_string("\"><script>alert(1)</script>"));
  CHECK(attribute.find('<') == std::string::npos);
  CHECK(attribute == "--print-source: &quot;\\22 \\3e \\3c script\\3e alert(1)\\3c /script\\3e &quot;");
}
