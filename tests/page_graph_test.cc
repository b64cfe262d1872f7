// The page graph: every output a job that declares the sources it is computed from, which the
// preview reads to know what to render again.
#include "render/page_graph.h"

#include <catch2/catch.hpp>

#include "pipeline/site.h"
#include "pipeline/site_load.h"
#include "pipeline/source_changes.h"
#include "publish/output.h"
#include "serve/rebuilder.h"
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
  fs::path dir = GENERATE(fixture("minimal"), fixture("consolidated"), fixture("compare"), source_dir());
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
  SECTION("the build identity: version.json and the home page, never a department's page") {
    CHECK(has("version.json", "(identity)"));
    CHECK(has("index.html", "(identity)"));
    CHECK_FALSE(has("city-library/index.html", "(identity)"));
    CHECK_FALSE(has("city-library/2023/budget/index.html", "(identity)"));
  }
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

namespace {

/// A kind of page the site does not have: the departments' names, one per line. It reads the
/// departments' metadata only, and says so where it is defined.
OutputJob department_names(const SiteModel& model) {
  OutputJob job;
  job.path = "departments.txt";
  job.inputs = [&model](const InputIndex&) {
    SourceKeys keys = {kSiteKey};
    for (const Department& d : model.content.departments) keys.insert(department_key(d));
    return keys;
  };
  job.produce = [&model](Diagnostics&) {
    std::string out;
    for (const Department& d : model.content.departments) out += d.name + "\n";
    return out;
  };
  return job;
}

/// The model of the site in `dir` with its figures.
std::unique_ptr<SiteModel> model_of(const fs::path& dir) {
  Diagnostics diagnostics;
  std::unique_ptr<SiteModel> model = load_model({dir, false, 1, {}}, diagnostics);
  REQUIRE(model);
  for (LoadedReport& report : model->reports) parse_report(*model, report, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE_FALSE(diagnostics.has_errors());
  return model;
}

/// The dependencies of the site's graph with the new kind of page added to the site's jobs.
PageGraph::Dependencies with_department_names(const SiteModel& model) {
  PageGraph graph = page_graph(model);
  graph.site.push_back(department_names(model));
  return graph.dependencies(model);
}

}  // namespace

TEST_CASE("a new kind of page is rendered again when, and only when, what it declares changes", "[page_graph]") {
  TempDir dir;
  copy_tree(fixture("minimal"), dir.path());
  std::unique_ptr<SiteModel> before = model_of(dir.path());
  PageGraph::Dependencies old_inputs = with_department_names(*before);
  fs::path department = dir / "content/city-finance/department.toml";
  fs::path narrative = dir / "content/city-library/2023/budget.md";
  SECTION("a department renamed: the new page, and the department's own") {
    write_file(department, "name = \"示例市财政厅\"\ndescription = \"主管部门。\"\n");
    std::unique_ptr<SiteModel> after = model_of(dir.path());
    std::set<std::string> affected =
        affected_outputs(old_inputs, with_department_names(*after), changed_sources(*before, *after));
    CHECK(affected.count("departments.txt") == 1);
    CHECK(affected.count("city-finance/index.html") == 1);
  }
  SECTION("a narrative edited: its report's page, not the new page") {
    write_file(narrative, read_file(narrative) + "\n补充说明。\n");
    std::unique_ptr<SiteModel> after = model_of(dir.path());
    std::set<std::string> affected =
        affected_outputs(old_inputs, with_department_names(*after), changed_sources(*before, *after));
    CHECK(affected.count("departments.txt") == 0);
    CHECK(affected.count("city-library/2023/budget/index.html") == 1);
  }
}

TEST_CASE("a comparison is rendered again when either of its documents changes", "[page_graph][compare]") {
  TempDir dir;
  copy_tree(fixture("compare"), dir.path());
  std::unique_ptr<SiteModel> before = model_of(dir.path());
  PageGraph::Dependencies old_inputs = page_graph(*before).dependencies(*before);
  auto affected_by = [&](const std::string& file) {
    fs::path path = dir / "content/city-archives" / file;
    write_file(path, read_file(path) + "\n补充说明。\n");
    std::unique_ptr<SiteModel> after = model_of(dir.path());
    return affected_outputs(old_inputs, page_graph(*after).dependencies(*after), changed_sources(*before, *after));
  };
  SECTION("the budget") {
    std::set<std::string> affected = affected_by("2022/budget.md");
    for (const char* path : {"city-archives/2022/compare/index.html", "city-archives/2022/compare/compare.csv",
                             "city-archives/2022/compare/compare.json", "city-archives/2022/budget/changes/index.html",
                             "city-archives/2023/budget/changes/changes.json"}) {
      INFO(path);
      CHECK(affected.count(path) == 1);
    }
    CHECK(affected.count("city-archives/2021/compare/index.html") == 0);
    CHECK(affected.count("city-archives/2022/final-accounts/changes/index.html") == 0);
  }
  SECTION("the final accounts") {
    std::set<std::string> affected = affected_by("2022/final-accounts.md");
    CHECK(affected.count("city-archives/2022/compare/index.html") == 1);
    CHECK(affected.count("city-archives/2022/final-accounts/changes/changes.csv") == 1);
    CHECK(affected.count("city-archives/2023/final-accounts/changes/index.html") == 1);
    CHECK(affected.count("city-archives/2023/compare/index.html") == 0);
  }
}
