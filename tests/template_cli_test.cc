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
