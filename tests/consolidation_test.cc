// render/consolidation.h: which report contains which, found once for the site.
#include "render/consolidation.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "pipeline/site_load.h"
#include "render/site_model.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;

namespace {

const char* const kReport = "+++\ntitle = \"T\"\npublished = 2023-02-10\n+++\n\n## 第一部分\n";

/// A department `slug` under `parent` (none when empty) with a report of each of `reports`
/// ("2023/budget"). Reports are listed, not read: their data files may stay empty.
void department(const TempDir& site, const std::string& slug, const std::string& parent,
                bool consolidates, const std::vector<std::string>& reports) {
  write_file(site / ("content/" + slug + "/department.toml"),
             "name = \"" + slug + "\"\n" + (parent.empty() ? "" : "parent = \"" + parent + "\"\n") +
                 "consolidates = " + (consolidates ? "true" : "false") + "\n");
  for (const std::string& report : reports) {
    write_file(site / ("content/" + slug + "/" + report + ".md"), kReport);
    write_file(site / ("content/" + slug + "/" + report + ".json"), "{}");
  }
}

std::unique_ptr<SiteModel> listed(const TempDir& site) {
  write_file(site / "site.toml", "title = \"T\"\n");
  Diagnostics diagnostics;
  std::unique_ptr<SiteModel> model = load_model({site.path(), false, 1, {}}, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(model);
  return model;
}

/// The department and the report path ("top 2023/budget") of what contains the report
/// `slug`/`report`, or "" when nothing does.
std::string container(const SiteModel& model, const std::string& slug, const std::string& report) {
  for (const LoadedReport& r : model.reports) {
    if (r.dir != slug + "/" + report + "/") continue;
    const LoadedReport* c = model.consolidation.container_of(r);
    return c ? c->dir : "";
  }
  FAIL("no report " << slug << "/" << report);
  return "";
}

}  // namespace

TEST_CASE("consolidation: the nearest department above that consolidates and has the report",
          "[consolidation]") {
  // top (consolidates) ← middle (does not) ← unit ← leaf; top has no 2022 final accounts.
  TempDir site;
  department(site, "top", "", true, {"2023/budget", "2022/budget"});
  department(site, "middle", "top", false, {"2023/budget", "2022/final-accounts"});
  department(site, "unit", "middle", true, {"2022/budget"});
  department(site, "leaf", "unit", true, {"2023/budget", "2022/budget", "2022/final-accounts"});
  std::unique_ptr<SiteModel> model = listed(site);
  CHECK(container(*model, "top", "2023/budget") == "");
  CHECK(container(*model, "middle", "2023/budget") == "top/2023/budget/");
  // middle does not consolidate: leaf's budget is counted in top's, past it.
  CHECK(container(*model, "leaf", "2023/budget") == "top/2023/budget/");
  // unit consolidates and has that year's budget.
  CHECK(container(*model, "leaf", "2022/budget") == "unit/2022/budget/");
  // No department above that consolidates has final accounts for 2022.
  CHECK(container(*model, "leaf", "2022/final-accounts") == "");
  CHECK(container(*model, "middle", "2022/final-accounts") == "");
  LoadedReport stranger;
  CHECK(model->consolidation.container_of(stranger) == nullptr);
  CHECK(Consolidation().container_of(model->reports.front()) == nullptr);
}

TEST_CASE("consolidation: a deep chain is walked once, whatever its depth", "[consolidation]") {
  // 1,000 departments, each the parent of the next, each with a budget, none consolidating:
  // each report's search goes to the top. Walked anew for every report, that was 500,500
  // steps; remembering what each department found, it is one step per department.
  constexpr int kDepth = 1000;
  TempDir site;
  auto slug = [](int i) {
    std::string digits = std::to_string(i);
    return "d" + std::string(4 - digits.size(), '0') + digits;
  };
  for (int i = 0; i < kDepth; ++i)
    department(site, slug(i), i ? slug(i - 1) : "", false, {"2023/budget"});
  std::unique_ptr<SiteModel> model = listed(site);
  REQUIRE(model->reports.size() == kDepth);
  for (const LoadedReport& r : model->reports)
    CHECK(model->consolidation.container_of(r) == nullptr);
  CHECK(model->consolidation.steps() == kDepth);
}
