// render/page_ids.h, and the promise it serves: no id twice on any page of a built site.
#include "render/page_ids.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <regex>

#include "example_site.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

/// Each id written more than once in one page of `site`, as "PAGE#ID".
std::vector<std::string> duplicate_ids(const fs::path& site) {
  static const std::regex id_attribute(" id=\"([^\"]*)\"");
  std::vector<std::string> duplicates;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    if (entry.path().extension() != ".html") continue;
    std::string page = read_file(entry.path());
    std::map<std::string, int> seen;
    for (std::sregex_iterator it(page.begin(), page.end(), id_attribute), end; it != end; ++it) {
      if (++seen[(*it)[1].str()] == 2)
        duplicates.push_back(entry.path().lexically_relative(site).string() + "#" + (*it)[1].str());
    }
  }
  return duplicates;
}

}  // namespace

TEST_CASE("page ids: the literal ids of a template, not those made per table", "[page_ids]") {
  CHECK(literal_ids("<main id=\"main\"><h2 id=\"{{id}}-title\"><div data-id=\"x\" id=\"a b\">") ==
        std::set<std::string>{"main", "a b"});
  CHECK(literal_ids("<p id=\"unterminated>") == std::set<std::string>{});
  std::set<std::string> builtin = template_ids(Theme::builtin());
  for (const char* id : {"main", "search-q", "site-search-q", "projects-title", "downloads-title"})
    CHECK(builtin.count(id) == 1);
}

TEST_CASE("page ids: no page of a built site has an id twice, whatever its headings say", "[page_ids]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_example_site(site);
  // Headings named like the layout's and the report page's own ids, in a narrative and in a
  // department's duties.
  append(site / "content/shenzhen-public-credit-center/2023/budget.md",
         "\n## main\n\n正文。\n\n## toc\n\n## projects-title\n\n## downloads-title\n\n## search-q\n");
  replace_first(site / "content/shenzhen-public-credit-center/department.toml", "duties = \"\"\"\n",
                "duties = \"\"\"\n## main\n\n## site-search-q\n\n");
  CommandResult built = run_gongkai({"build", "--source", site.string(), "--quiet"});
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  CHECK(duplicate_ids(site / "public") == std::vector<std::string>{});
  std::string page = read_file(site / "public/shenzhen-public-credit-center/2023/budget/index.html");
  CHECK(page.find(" id=\"main-2\">main</h") != std::string::npos);
}

TEST_CASE("page ids: the fixture sites have no id twice on a page", "[page_ids]") {
  for (const char* name : {"minimal", "compare", "consolidated"}) {
    INFO(name);
    TempDir tmp;
    copy_tree(fixture(name), tmp / "site");
    REQUIRE(run_gongkai({"build", "--source", (tmp / "site").string(), "--quiet"}).exit_code == 0);
    CHECK(duplicate_ids(tmp / "site/public") == std::vector<std::string>{});
  }
}

TEST_CASE("page ids: a table's chart and a narrative chart block never share an id", "[page_ids]") {
  // The minimal fixture's chart block starts on line 16 of budget.md and draws the coded table
  // beside which the report draws a chart of its own. Named "md-16", that table once gave its
  // chart the block's id (chart-md-16, chart-md-16-title, chart-md-16-desc).
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("minimal"), site);
  fs::path report = site / "content/city-library/2023/budget";
  replace_first(report.string() + ".json", "\"id\": \"function\"", "\"id\": \"md-16\"");
  replace_first(report.string() + ".json", "function[unit]", "md-16[unit]");
  replace_first(report.string() + ".md", "table = \"function\"", "table = \"md-16\"");
  CommandResult built = run_gongkai({"build", "--source", site.string(), "--quiet"});
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  std::string page = read_file(site / "public/city-library/2023/budget/index.html");
  CHECK(page.find("<title id=\"chart-md-16-title\">") != std::string::npos);
  CHECK(page.find("<title id=\"chart-table-md-16-title\">") != std::string::npos);
  CHECK(duplicate_ids(site / "public") == std::vector<std::string>{});
}
