// The page graph: every output a job that declares the sources it is computed from, which the
// preview reads to know what to render again.
#include "page_graph.h"

#include <catch2/catch.hpp>

#include "output.h"
#include "site.h"
#include "site_load.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

/// The site in `dir` with its figures, loaded without errors.
Site loaded(const fs::path& dir) {
  Diagnostics diagnostics;
  std::optional<Site> site = Site::load({dir, false, 1, {}}, diagnostics);
  REQUIRE(site);
  REQUIRE(site->load_figures(diagnostics));
  INFO(diagnostics.format_all());
  REQUIRE_FALSE(diagnostics.has_errors());
  return std::move(*site);
}

std::set<std::string> paths_written(Site& site) {
  Diagnostics diagnostics;
  MemoryOutput output(diagnostics);
  REQUIRE(site.build(output, diagnostics));
  std::set<std::string> paths;
  for (const auto& [path, bytes] : output.files()) paths.insert(path);
  return paths;
}

}  // namespace

TEST_CASE("every output a build writes declares its inputs, none of them everything", "[page_graph]") {
  fs::path dir = GENERATE(fixture("minimal"), fixture("consolidated"), source_dir());
  Site site = loaded(dir);
  std::map<std::string, std::set<std::string>> dependencies = site.dependencies();
  std::set<std::string> declared;
  for (const auto& [path, keys] : dependencies) {
    INFO(path);
    declared.insert(path);
    CHECK(keys.count("site.toml") == 1);
    CHECK(keys.count("*") == 0);
  }
  CHECK(declared == paths_written(site));
}

TEST_CASE("the inputs of each kind of output", "[page_graph]") {
  Site site = loaded(fixture("minimal"));
  std::map<std::string, std::set<std::string>> dependencies = site.dependencies();
  auto has = [&](const std::string& path, const std::string& key) {
    return dependencies.at(path).count(key) == 1;
  };
  const std::string report = "content/city-library/2023/budget";
  const std::string previous = "content/city-library/2022/budget";
  const std::string library = "content/city-library/department.toml";
  const std::string finance = "content/city-finance/department.toml";
  SECTION("a report page: its report, the one it compares with, its department and those above, its templates") {
    const std::string page = "city-library/2023/budget/index.html";
    for (const std::string& key : {report, previous, library, finance, std::string("(years)"),
                                   std::string("(reports of city-library)"),
                                   std::string("templates/report.mustache"),
                                   std::string("templates/layout.mustache"), std::string("i18n/")}) {
      INFO(key);
      CHECK(has(page, key));
    }
    CHECK_FALSE(has("city-library/2022/budget/index.html", report));
  }
  SECTION("a download: its report only") {
    CHECK(dependencies.at("city-library/2023/budget/report.json") ==
          std::set<std::string>{"site.toml", "i18n/", report});
  }
  SECTION("a department page: its reports and its parent; the parent's page: its children") {
    CHECK(has("city-library/index.html", report));
    CHECK(has("city-library/index.html", finance));
    CHECK(has("city-finance/index.html", library));
    CHECK_FALSE(has("city-finance/index.html", report));
  }
  SECTION("a year page: that year's reports and their departments") {
    CHECK(has("years/2023/index.html", report));
    CHECK(has("years/2023/index.html", library));
    CHECK_FALSE(has("years/2023/index.html", previous));
  }
  SECTION("an asset: itself") {
    CHECK(dependencies.at("assets/style.css") ==
          std::set<std::string>{"site.toml", "i18n/", "assets/style.css"});
  }
}
