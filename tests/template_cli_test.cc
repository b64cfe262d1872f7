// The Mustache spec once more, this time through the real binary: `gongkai template FILE --data
// JSON --partials DIR` must print exactly the expected bytes for every spec test.
#include <catch2/catch.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace gongkai::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

bool holds_code(const json& value) {
  if (value.is_object() && value.value("__tag__", "") == "code") return true;
  if (!value.is_structured()) return false;
  return std::any_of(value.begin(), value.end(), holds_code);
}

/// Writes the test's template, data and partials into `dir` and runs the binary on them.
CommandResult run_through_binary(const json& test, const fs::path& dir) {
  fs::remove_all(dir);
  write_file(dir / "template.mustache", test.at("template").get<std::string>());
  write_file(dir / "data.json", test.at("data").dump());
  fs::create_directories(dir / "partials");
  json partials = test.value("partials", json::object());
  for (const auto& [name, text] : partials.items()) {
    write_file(dir / "partials" / (name + ".mustache"), text.get<std::string>());
  }
  return run_gongkai({"template", (dir / "template.mustache").string(), "--data",
                      (dir / "data.json").string(), "--partials", (dir / "partials").string()});
}

}  // namespace

TEST_CASE("mustache spec through `gongkai template`", "[mustache-spec][cli]") {
  std::optional<fs::path> spec =
      shared_or_skip("mustache-spec", "the Mustache spec: specs/*.json of github.com/mustache/spec");
  if (!spec) return;
  TempDir tmp;
  int passed = 0, failed = 0;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(*spec)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    json spec = json::parse(read_file(file));
    for (const json& test : spec.at("tests")) {
      if (holds_code(test.at("data"))) continue;
      CommandResult r = run_through_binary(test, tmp / "case");
      bool ok = r.exit_code == 0 && r.out == test.at("expected").get<std::string>();
      ok ? ++passed : ++failed;
      if (!ok) {
        UNSCOPED_INFO(file.filename().string() << ": " << test.at("name").get<std::string>()
                      << "\nexpected: " << test.at("expected") << "\ngot: " << json(r.out)
                      << "\nstderr: " << r.err);
      }
    }
  }
  std::cout << "mustache spec through gongkai template: " << passed << " passed, " << failed
            << " failed\n";
  CHECK(passed >= 180);
  CHECK(failed == 0);
}

namespace {

/// Runs `gongkai template` on `tmpl` with `data` as the JSON file data.json in `dir`.
CommandResult render(const fs::path& dir, const std::string& tmpl, const std::string& data) {
  write_file(dir / "t.mustache", tmpl);
  write_file(dir / "data.json", data);
  return run_gongkai({"template", (dir / "t.mustache").string(), "--data", (dir / "data.json").string()});
}

}  // namespace

TEST_CASE("template --data: numbers no integer or double holds print exactly as written",
          "[template_cli]") {
  TempDir tmp;
  CommandResult r = render(tmp.path(), "{{a}} {{b}} {{c}} {{d}} {{e}} {{f}}\n",
                           R"({"a": 1e400, "b": 123456789012345678901234567890, "c": -1e400,
                               "d": 18446744073709551615, "e": -9223372036854775808, "f": 1.5})");
  CHECK(r.err == "");
  CHECK(r.exit_code == 0);
  CHECK(r.out == "1e400 123456789012345678901234567890 -1e400 18446744073709551615 "
                 "-9223372036854775808 1.5\n");
}

TEST_CASE("template --data: errors are the strict reader's, at their line and column",
          "[template_cli]") {
  TempDir tmp;
  std::string data = (tmp / "data.json").string();
  CommandResult duplicate = render(tmp.path(), "{{a}}", "{\n  \"a\": 1,\n  \"a\": 2\n}\n");
  CHECK(duplicate.exit_code == 1);
  CHECK(duplicate.out == "");
  CHECK(duplicate.err == data + ":3:3: error: duplicate key \"a\" (first at line 2, column 3)\n"
                                "  \"a\": 2\n  ^\n");
  CommandResult nul = render(tmp.path(), "{{a}}", R"({"a": "x\u0000y"})");
  CHECK(nul.exit_code == 1);
  CHECK(nul.err == data + ":1:9: error: escape writes U+0000, a control character, which no page, "
                          "CSV file or feed can carry\n"
                          "{\"a\": \"x\\u0000y\"}\n        ^\n");
  CommandResult syntax = render(tmp.path(), "{{a}}", "{\"a\": [1, 2,]}");
  CHECK(syntax.exit_code == 1);
  CHECK(syntax.err == data + ":1:13: error: trailing comma before ']'\n{\"a\": [1, 2,]}\n            ^\n");
  CommandResult deep = render(tmp.path(), "{{a}}", std::string(300, '[') + std::string(300, ']'));
  CHECK(deep.exit_code == 1);
  CHECK(deep.err.rfind(data + ":1:257: error: nesting deeper than 256 levels\n", 0) == 0);
}
