// The view models of pages (generator/render/view.cc), as `gongkai build --dump-views` writes them:
// what a page shows of the site around it.
#include "render/view.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "pipeline/site.h"
#include "publish/output.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// The view model of output `page` of the site in `source`, from a build with views dumped.
json page_view(const fs::path& source, const std::string& page) {
  TempDir views;
  Diagnostics diagnostics;
  std::optional<Site> site = Site::load({source, false, 0, views.path()}, diagnostics);
  MemoryOutput output(diagnostics);
  if (site) site->build(output, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(site);
  REQUIRE_FALSE(diagnostics.has_errors());
  return json::parse(read_file(views / (page + ".json")));
}

/// A crumb that links.
json crumb(const std::string& title, const std::string& url) {
  return {{"title", title}, {"url", url}};
}

json current(const std::string& title) {
  return {{"title", title}, {"url", ""}, {"current", true}};
}

/// The minimal fixture with its finance bureau placed under a city government, so that the
/// library sits two levels down.
void three_levels(const fs::path& site) {
  copy_tree(fixture("minimal"), site);
  write_file(site / "content/city-government/department.toml", "name = \"示例市人民政府\"\n");
  write_file(site / "content/city-finance/department.toml",
             "name = \"示例市财政局\"\nparent = \"city-government\"\n");
}

}  // namespace

TEST_CASE("view: a report page's breadcrumbs go through the parent department", "[view]") {
  // The example site's credit centre is a unit of the market regulation bureau.
  json view = page_view(source_dir(), "shenzhen-public-credit-center/2023/budget/index.html");
  CHECK(
      view["page"]["breadcrumbs"] ==
      json::array({crumb("首页", "../../../index.html"),
                   crumb("深圳市市场监督管理局", "../../../shenzhen-market-regulation/index.html"),
                   crumb("深圳市公共信用中心", "../../../shenzhen-public-credit-center/index.html"),
                   current("2023 部门预算")}));
  // A department without a parent: home, the department, the report.
  json alone =
      page_view(source_dir(), "shenzhen-data-administration/2022/final-accounts/index.html");
  CHECK(alone["page"]["breadcrumbs"] ==
        json::array(
            {crumb("首页", "../../../index.html"),
             crumb("深圳市政务服务数据管理局", "../../../shenzhen-data-administration/index.html"),
             current("2022 部门决算")}));
}

TEST_CASE("view: breadcrumbs list every department above, outermost first", "[view]") {
  TempDir tmp;
  three_levels(tmp / "site");
  json report = page_view(tmp / "site", "city-library/2023/budget/index.html");
  CHECK(report["page"]["breadcrumbs"] ==
        json::array({crumb("首页", "../../../index.html"),
                     crumb("示例市人民政府", "../../../city-government/index.html"),
                     crumb("示例市财政局", "../../../city-finance/index.html"),
                     crumb("示例市图书馆", "../../../city-library/index.html"),
                     current("2023 部门预算")}));
  json department = page_view(tmp / "site", "city-library/index.html");
  CHECK(
      department["page"]["breadcrumbs"] ==
      json::array({crumb("首页", "../index.html"),
                   crumb("示例市人民政府", "../city-government/index.html"),
                   crumb("示例市财政局", "../city-finance/index.html"), current("示例市图书馆")}));
}
