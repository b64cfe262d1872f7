// Runs the official Mustache spec (../shared/mustache-spec/*.json) through TemplateEngine.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "render/template.h"
#include "test_support.h"

using namespace gongkai;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

/// What ../shared/mustache-spec holds, for the message when it is absent.
constexpr const char* kSpecFiles = "the Mustache spec: specs/*.json of github.com/mustache/spec";

/// Lambda tests carry code for other languages as `{"__tag__": "code"}`; JSON data cannot.
bool holds_code(const json& value) {
  if (value.is_object() && value.value("__tag__", "") == "code") return true;
  if (!value.is_structured()) return false;
  return std::any_of(value.begin(), value.end(), holds_code);
}

struct Outcome {
  bool passed = false;
  std::string got;
};

Outcome run_spec_test(const std::string& file, const json& test) {
  json partials = test.value("partials", json::object());
  TemplateLoader loader = [partials](std::string_view name) -> std::optional<TemplateSource> {
    auto found = partials.find(name);
    if (found == partials.end()) return std::nullopt;
    return TemplateSource{found->get<std::string>(), std::string(name) + ".mustache"};
  };
  TemplateEngine engine(loader, MissingPartial::empty);
  Diagnostics diagnostics;
  std::string name = "(spec test)";  // no partial has this name
  engine.add(name, {test.at("template").get<std::string>(), file}, diagnostics);
  std::optional<std::string> rendered = engine.render(name, test.at("data"), diagnostics);
  Outcome outcome;
  outcome.got = rendered ? *rendered : "(render failed)\n" + diagnostics.format_all();
  outcome.passed =
      rendered && !diagnostics.has_errors() && *rendered == test.at("expected").get<std::string>();
  return outcome;
}

std::vector<fs::path> spec_files(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("the engine passes the Mustache spec", "[mustache-spec]") {
  std::optional<fs::path> dir = testing::shared_or_skip("mustache-spec", kSpecFiles);
  if (!dir) return;
  std::vector<fs::path> files = spec_files(*dir);
  INFO("the Mustache spec folder " << dir->string() << " holds no .json file");
  REQUIRE_FALSE(files.empty());
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  for (const fs::path& path : files) {
    json spec = json::parse(testing::read_file(path));
    std::string file = path.filename().string();
    for (const json& test : spec.at("tests")) {
      if (holds_code(test.at("data"))) {
        ++skipped;
        continue;
      }
      Outcome outcome = run_spec_test(file, test);
      if (outcome.passed) {
        ++passed;
        continue;
      }
      ++failed;
      std::cout << "FAILED " << file << ": " << test.at("name").get<std::string>()
                << "\n  expected: " << json(test.at("expected")).dump()
                << "\n  got:      " << json(outcome.got).dump() << "\n";
    }
  }
  std::cout << "mustache spec: " << passed << " passed, " << failed << " failed" << std::endl;
  if (skipped > 0) std::cout << "mustache spec: " << skipped << " lambda tests skipped\n";
  REQUIRE(failed == 0);
  REQUIRE(passed > 0);
}
