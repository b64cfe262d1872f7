#include "base/diagnostic.h"

#include <catch2/catch.hpp>

using namespace gongkai;

TEST_CASE("a diagnostic prints as path:line:col: severity: message", "[diagnostic]") {
  Diagnostic d{Severity::error, {"site.toml", 3, 9}, "expected a value", ""};
  CHECK(format_diagnostic(d) == "site.toml:3:9: error: expected a value");
}

TEST_CASE("a diagnostic with its source line shows a caret under the column", "[diagnostic]") {
  Diagnostic d{Severity::warning, {"a.toml", 1, 3}, "unknown key", "\tx = 1"};
  CHECK(format_diagnostic(d) == "a.toml:1:3: warning: unknown key\n\tx = 1\n\t ^");
}

TEST_CASE("locate counts lines and code points", "[diagnostic]") {
  std::string text = "ab\n部门x";
  SourceLocation loc = locate("f", text, text.find('x'));
  CHECK(loc.line == 2);
  CHECK(loc.column == 3);
  CHECK(line_text("one\r\ntwo\n", 1) == "one");
  CHECK(line_text("one\r\ntwo\n", 2) == "two");
}

TEST_CASE("diagnostics are sorted, counted and capped at a limit", "[diagnostic]") {
  Diagnostics all(2);
  all.error({"b", 1, 1}, "second");
  all.error({"a", 2, 1}, "first");
  all.warning({"c", 1, 1}, "dropped");
  CHECK(all.error_count() == 2);
  CHECK(all.warning_count() == 1);
  CHECK(all.format_all() ==
        "a:2:1: error: first\nb:1:1: error: second\n"
        "note: 1 more diagnostics not shown (limit 2)\n");
}

TEST_CASE("merging keeps the counts of what the other diagnostics only counted", "[diagnostic]") {
  Diagnostics part(1);
  part.error({"a.json", 2, 1}, "second");
  part.error({"a.json", 1, 1}, "first");
  part.warning({"a.json", 3, 1}, "third");
  Diagnostics all(5);
  all.warning({"b.json", 1, 1}, "other");
  all.merge(part);
  CHECK(all.error_count() == 2);
  CHECK(all.warning_count() == 2);
  CHECK(all.format_all() ==
        "a.json:2:1: error: second\n"
        "b.json:1:1: warning: other\n"
        "note: 2 more diagnostics not shown (limit 5)\n");
}

TEST_CASE("diagnostics: the same problem at the same place is said once", "[diagnostic]") {
  Diagnostics d;
  for (int page = 0; page < 3; ++page) d.error({"templates/a.mustache", 1, 10}, "partial 'b' nested too deep");
  d.error({"templates/a.mustache", 1, 11}, "partial 'b' nested too deep");
  d.warning({"templates/a.mustache", 1, 10}, "partial 'b' nested too deep");
  CHECK(d.error_count() == 2);
  CHECK(d.warning_count() == 1);
  CHECK(d.format_all() ==
        "templates/a.mustache:1:10: error: partial 'b' nested too deep\n"
        "templates/a.mustache:1:10: warning: partial 'b' nested too deep\n"
        "templates/a.mustache:1:11: error: partial 'b' nested too deep\n");
  Diagnostics merged;
  merged.merge(d);
  merged.merge(d);
  CHECK(merged.error_count() == 2);
  CHECK(merged.format_all() == d.format_all());
}
