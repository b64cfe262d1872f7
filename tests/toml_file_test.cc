#include "base/toml_file.h"

#include <catch2/catch.hpp>

using namespace gongkai;

namespace {

toml::table parse(std::string_view text) {
  Diagnostics d;
  std::optional<toml::table> table = parse_toml(text, "x.toml", d);
  if (!table) FAIL("not TOML: " << d.format_all());
  return std::move(*table);  // A copy would lose the source positions.
}

}  // namespace

TEST_CASE("toml: a document parses to its table without diagnostics", "[toml_file]") {
  Diagnostics d;
  std::optional<toml::table> table =
      parse_toml("title = \"预决算公开\"\n[markdown]\nraw_html = true\n", "site.toml", d);
  REQUIRE(table);
  CHECK(d.format_all().empty());
  CHECK((*table)["title"].value<std::string>() == "预决算公开");
  CHECK((*table)["markdown"]["raw_html"].value<bool>() == true);
}

TEST_CASE("toml: a syntax error is reported at its line and column with the line's text",
          "[toml_file]") {
  Diagnostics d;
  CHECK_FALSE(parse_toml("language = \"en\"\ntitle = = \"x\"\n", "site.toml", d));
  REQUIRE(d.error_count() == 1);
  Diagnostic e = d.sorted().at(0);
  CHECK(e.severity == Severity::error);
  CHECK(e.where == SourceLocation{"site.toml", 2, 9});
  CHECK(e.message == "Error while parsing value: could not determine value type");
  CHECK(e.source_line == "title = = \"x\"");
  CHECK(d.format_all().rfind(
            "site.toml:2:9: error: Error while parsing value: could not determine value type\n"
            "title = = \"x\"\n",
            0) == 0);
}

TEST_CASE("toml: errors in redefined keys and bad UTF-8 carry line:column", "[toml_file]") {
  Diagnostics d;
  CHECK_FALSE(parse_toml("a = 1\na = 2\n", "a.toml", d));
  CHECK_FALSE(parse_toml("name = \"\xE9\"\n", "b.toml", d));
  std::vector<Diagnostic> all = d.sorted();
  REQUIRE(all.size() == 2);
  CHECK(all[0].where == SourceLocation{"a.toml", 2, 5});
  CHECK(all[0].message ==
        "Error while parsing key-value pair: cannot redefine existing integer 'a'");
  CHECK(all[0].source_line == "a = 2");
  CHECK(all[1].where == SourceLocation{"b.toml", 1, 8});
  CHECK(all[1].message == "Encountered invalid utf-8 sequence");
}

TEST_CASE("toml: first_line shifts the reported line but not the line's text", "[toml_file]") {
  // Front matter: its TOML starts on line 2 of the Markdown file.
  Diagnostics d;
  CHECK_FALSE(parse_toml("title = \"t\"\nyear = = 1\n", "content/a/2023/budget.md", d, 2));
  REQUIRE(d.error_count() == 1);
  Diagnostic e = d.sorted().at(0);
  CHECK(e.where == SourceLocation{"content/a/2023/budget.md", 3, 8});
  CHECK(e.source_line == "year = = 1");
}

TEST_CASE("toml reader: strings, present, absent, required and of another type", "[toml_file]") {
  toml::table table = parse("name = \"市财政局\"\npublisher = 3\n");
  Diagnostics d;
  TomlReader reader(table, "department.toml", d);
  CHECK(reader.string("name") == std::optional<std::string>("市财政局"));
  CHECK(reader.string("name", true) == std::optional<std::string>("市财政局"));
  CHECK(reader.string("description") == std::nullopt);
  CHECK(d.format_all().empty());
  CHECK(reader.string("title", true) == std::nullopt);
  CHECK(reader.string("publisher") == std::nullopt);
  CHECK(d.error_count() == 2);
  CHECK(d.format_all() ==
        "department.toml:1:1: error: missing required key 'title'\n"
        "department.toml:2:13: error: 'publisher' must be a string\n");
}

TEST_CASE("toml reader: booleans and integers refuse other types at the value", "[toml_file]") {
  toml::table table =
      parse("draft = true\nraw = \"yes\"\norder = -3\nweight = 3.5\ncount = \"3\"\n");
  Diagnostics d;
  TomlReader reader(table, "x.toml", d);
  CHECK(reader.boolean("draft") == std::optional<bool>(true));
  CHECK(reader.boolean("absent") == std::nullopt);
  CHECK(reader.integer("order") == std::optional<std::int64_t>(-3));
  CHECK(reader.integer("absent") == std::nullopt);
  CHECK(d.format_all().empty());
  CHECK(reader.boolean("raw") == std::nullopt);
  CHECK(reader.boolean("order") == std::nullopt);
  CHECK(reader.integer("weight") == std::nullopt);
  CHECK(reader.integer("count") == std::nullopt);
  CHECK(reader.integer("draft") == std::nullopt);
  CHECK(d.format_all() ==
        "x.toml:1:9: error: 'draft' must be an integer\n"
        "x.toml:2:7: error: 'raw' must be true or false\n"
        "x.toml:3:9: error: 'order' must be true or false\n"
        "x.toml:4:10: error: 'weight' must be an integer\n"
        "x.toml:5:9: error: 'count' must be an integer\n");
}

TEST_CASE("toml reader: dates are TOML dates or YYYY-MM-DD strings", "[toml_file]") {
  toml::table table = parse(
      "a = 2023-02-10\nb = \"2023-02-10\"\nc = 2024-01-05\n"
      "d = \"2023-2-10\"\ne = 2023-02-10T09:00:00\nf = 20230210\ng = \"2023-02-1x\"\n");
  Diagnostics d;
  TomlReader reader(table, "x.toml", d);
  CHECK(reader.date("a") == std::optional<std::string>("2023-02-10"));
  CHECK(reader.date("b") == std::optional<std::string>("2023-02-10"));
  CHECK(reader.date("c") == std::optional<std::string>("2024-01-05"));
  CHECK(reader.date("absent") == std::nullopt);
  CHECK(d.format_all().empty());
  for (const char* key : {"d", "e", "f", "g"}) CHECK(reader.date(key) == std::nullopt);
  CHECK(d.format_all() ==
        "x.toml:4:5: error: 'd' must be a date such as 2023-02-10\n"
        "x.toml:5:5: error: 'e' must be a date such as 2023-02-10\n"
        "x.toml:6:5: error: 'f' must be a date such as 2023-02-10\n"
        "x.toml:7:5: error: 'g' must be a date such as 2023-02-10\n");
}

// "YYYY-MM-DD" is what the feed and the sorting of reports by date rely on: four year digits.
TEST_CASE("toml reader: a date before the year 1000 keeps four year digits", "[toml_file]") {
  toml::table table = parse("a = 0999-01-02\nb = \"0999-01-02\"\nc = 0001-12-31\n");
  Diagnostics d;
  TomlReader reader(table, "x.toml", d);
  CHECK(reader.date("a").value_or("") == "0999-01-02");
  CHECK(reader.date("b").value_or("") == "0999-01-02");
  CHECK(reader.date("c").value_or("") == "0001-12-31");
  CHECK(d.format_all().empty());
}

TEST_CASE("toml reader: a date must be a day of the calendar", "[toml_file]") {
  toml::table table = parse(
      "a = \"2023-02-30\"\nb = \"9999-99-99\"\nc = \"2023-13-01\"\nd = \"2023-00-10\"\n"
      "e = \"2023-04-31\"\nf = \"2023-01-00\"\ng = \"1900-02-29\"\nh = \"2023-02-29\"\n"
      "ok1 = \"2024-02-29\"\nok2 = \"2000-02-29\"\nok3 = \"2023-12-31\"\nok4 = 2024-02-29\n");
  Diagnostics d;
  TomlReader reader(table, "x.toml", d);
  for (const char* key : {"ok1", "ok2", "ok3", "ok4"}) CHECK(reader.date(key).has_value());
  CHECK(d.format_all().empty());
  for (const char* key : {"a", "b", "c", "d", "e", "f", "g", "h"}) CHECK_FALSE(reader.date(key));
  CHECK(d.format_all() ==
        "x.toml:1:5: error: 'a' is not a date of the calendar: 2023-02 has no day 30 (it has 28 days)\n"
        "x.toml:2:5: error: 'b' is not a date of the calendar: there is no month 99\n"
        "x.toml:3:5: error: 'c' is not a date of the calendar: there is no month 13\n"
        "x.toml:4:5: error: 'd' is not a date of the calendar: there is no month 00\n"
        "x.toml:5:5: error: 'e' is not a date of the calendar: 2023-04 has no day 31 (it has 30 days)\n"
        "x.toml:6:5: error: 'f' is not a date of the calendar: 2023-01 has no day 00 (it has 31 days)\n"
        "x.toml:7:5: error: 'g' is not a date of the calendar: 1900-02 has no day 29 (it has 28 days)\n"
        "x.toml:8:5: error: 'h' is not a date of the calendar: 2023-02 has no day 29 (it has 28 days)\n");
}

TEST_CASE("toml: control characters and noncharacters are refused, written raw or as escapes",
          "[toml_file]") {
  auto errors = [](std::string_view text, int first_line = 1) {
    Diagnostics d;
    CHECK_FALSE(parse_toml(text, "x.toml", d, first_line));
    return d.format_all();
  };
  std::string note = ", which no page, CSV file or feed can carry\n";
  CHECK(errors("title = \"a\\u0000b\"\n") ==
        "x.toml:1:9: error: string holds U+0000, a control character" + note + "title = \"a\\u0000b\"\n        ^\n");
  CHECK(errors("a = 1\nt = \"\\u001F\"\n", 2).rfind("x.toml:3:5: error: string holds U+001F", 0) == 0);
  CHECK(errors("t = \"\\u007F\"\n").rfind("x.toml:1:5: error: string holds U+007F, a control character", 0) == 0);
  CHECK(errors("t = \"\\uFFFE\"\n").rfind("x.toml:1:5: error: string holds U+FFFE, a noncharacter", 0) == 0);
  CHECK(errors("t = \"\\U0000FFFF\"\n").rfind("x.toml:1:5: error: string holds U+FFFF, a noncharacter", 0) == 0);
  CHECK(errors("t = \"\\b\"\n").rfind("x.toml:1:5: error: string holds U+0008", 0) == 0);
  CHECK(errors("t = \"\xEF\xBF\xBF\"\n").rfind("x.toml:1:5: error: string holds U+FFFF", 0) == 0);
  CHECK(errors("[s]\nlist = [\"ok\", [\"\\u0001\"]]\n").rfind("x.toml:2:16: error: string holds U+0001", 0) == 0);
  CHECK(errors("\"k\\u0002\" = 1\n").rfind("x.toml:1:1: error: key holds U+0002", 0) == 0);
  // Every one of them, not the first only.
  Diagnostics d;
  CHECK_FALSE(parse_toml("a = \"\\u0001\"\nb = \"\\u0002\"\n", "x.toml", d));
  CHECK(d.error_count() == 2);
}

TEST_CASE("toml: C1 control characters are refused, written raw or as escapes", "[toml_file]") {
  // toml++ takes U+0080–U+009F raw (valid UTF-8), so the scan after it refuses them in every
  // string and key; the line shown under the message prints each as U+FFFD.
  auto errors = [](std::string_view text) {
    Diagnostics d;
    CHECK_FALSE(parse_toml(text, "x.toml", d));
    return d.format_all();
  };
  std::string note = ", which no page, CSV file or feed can carry\n";
  CHECK(errors("title = \"a\xC2\x85" "b\"\n") ==
        "x.toml:1:9: error: string holds U+0085, a control character" + note +
            "title = \"a\xEF\xBF\xBD" "b\"\n        ^\n");
  CHECK(errors("t = \"\\u0080\"\n") ==
        "x.toml:1:5: error: string holds U+0080, a control character" + note +
            "t = \"\\u0080\"\n    ^\n");
  CHECK(errors("t = '''\nx\xC2\x9F'''\n").rfind(
            "x.toml:1:5: error: string holds U+009F, a control character" + note, 0) == 0);
  CHECK(errors("\"k\\u009B\" = 1\n").rfind(
            "x.toml:1:1: error: key holds U+009B, a control character" + note, 0) == 0);
  // The characters beside them stay text: U+007E, and U+00A0 (no-break space), U+00B7 (·).
  Diagnostics d;
  CHECK(parse_toml("t = \"~\xC2\xA0\xC2\xB7\\u00a0\"\n", "x.toml", d));
  CHECK(d.format_all().empty());
}

TEST_CASE("toml: tab and line breaks are text, raw or escaped", "[toml_file]") {
  toml::table table = parse("a = \"x\\ty\\nz\\r\"\nb = \"x\ty\"\nc = \"\"\"x\ny\nz\"\"\"\nd = '\\u0000'\n");
  CHECK(table["a"].value<std::string>() == "x\ty\nz\r");
  CHECK(table["b"].value<std::string>() == "x\ty");
  CHECK(table["c"].value<std::string>() == "x\ny\nz");
  // A literal string has no escapes: this is six characters of text.
  CHECK(table["d"].value<std::string>() == "\\u0000");
}

TEST_CASE("toml reader: sub-tables, and a key that is not one", "[toml_file]") {
  toml::table table = parse("markdown = 1\n\n[site]\nraw_html = true\n");
  Diagnostics d;
  TomlReader reader(table, "x.toml", d);
  const toml::table* site = reader.table("site");
  REQUIRE(site);
  CHECK((*site)["raw_html"].value<bool>() == true);
  CHECK(reader.table("absent") == nullptr);
  CHECK(d.format_all().empty());
  CHECK(reader.table("markdown") == nullptr);
  CHECK(d.format_all() == "x.toml:1:12: error: 'markdown' must be a table\n");
  // A reader of the sub-table places an absent key at the table's header.
  TomlReader inner(*site, "x.toml", d);
  CHECK(inner.location_of("absent") == SourceLocation{"x.toml", 3, 1});
  CHECK(inner.location_of("raw_html") == SourceLocation{"x.toml", 4, 12});
}

TEST_CASE("toml reader: keys never read are warned about at the key, once read they are not",
          "[toml_file]") {
  toml::table table =
      parse("title = \"t\"\n  titel = \"typo\"\ndraft = 1\n[extra]\n[markdown]\nraw = 1\n");
  Diagnostics d;
  TomlReader reader(table, "x.toml", d);
  reader.string("title");
  reader.boolean("draft");  // Of the wrong type, but asked for: not unknown.
  reader.table("markdown");
  reader.warn_unknown_keys();
  TomlReader markdown(*table["markdown"].as_table(), "x.toml", d);
  markdown.warn_unknown_keys("markdown");
  CHECK(d.warning_count() == 3);
  CHECK(d.format_all() ==
        "x.toml:2:3: warning: unknown key 'titel' (ignored)\n"
        "x.toml:3:9: error: 'draft' must be true or false\n"
        "x.toml:4:2: warning: unknown key 'extra' (ignored)\n"
        "x.toml:6:1: warning: unknown key 'markdown.raw' (ignored)\n");
}

TEST_CASE("toml reader: line_offset shifts every location it reports", "[toml_file]") {
  // Front matter TOML starting on line 2 of its file.
  toml::table table = parse("title = 1\ntypo = \"x\"\n");
  Diagnostics d;
  TomlReader reader(table, "budget.md", d, 1);
  CHECK(reader.location_of("title") == SourceLocation{"budget.md", 2, 9});
  CHECK(reader.location_of("absent") == SourceLocation{"budget.md", 2, 1});
  CHECK(reader.string("title") == std::nullopt);
  CHECK(reader.string("summary", true) == std::nullopt);
  reader.error_at("title", "a message of the caller's");
  reader.warn_unknown_keys();
  CHECK(d.format_all() ==
        "budget.md:2:1: error: missing required key 'summary'\n"
        "budget.md:2:9: error: 'title' must be a string\n"
        "budget.md:2:9: error: a message of the caller's\n"
        "budget.md:3:1: warning: unknown key 'typo' (ignored)\n");
}
