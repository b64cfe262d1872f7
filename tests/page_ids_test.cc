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

/// Each id on a page of `site` that is neither one a template writes literally (`literal`),
/// nor a heading's, nor under a prefix the generator keeps (kGeneratedIdPrefixes), as
/// "PAGE#ID": one the generator makes, and a heading could take.
std::vector<std::string> unreserved_ids(const fs::path& site, const std::set<std::string>& literal) {
  static const std::regex element_id("<([a-zA-Z0-9]+)[^>]* id=\"([^\"]*)\"");
  static const std::regex heading("h[1-6]");
  std::vector<std::string> out;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    if (entry.path().extension() != ".html") continue;
    std::string page = read_file(entry.path());
    for (std::sregex_iterator it(page.begin(), page.end(), element_id), end; it != end; ++it) {
      std::string id = (*it)[2].str();
      if (literal.count(id) || has_generated_prefix(id) || std::regex_match((*it)[1].str(), heading))
        continue;
      out.push_back(entry.path().lexically_relative(site).string() + "#" + id);
    }
  }
  return out;
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

TEST_CASE("page ids: a heading never takes an id made for a table or a chart", "[page_ids]") {
  // The minimal fixture's chart block starts on line 16 of budget.md (chart-md-16, its title
  // chart-md-16-title); its table "function" is table-function, with its caption, its rows and
  // the chart beside it (chart-table-function). Headings named like them once took those ids.
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("minimal"), site);
  append(site / "content/city-library/2023/budget.md",
         "\n## chart-md-16-title\n\n## table-function\n\n## Table function caption\n\n"
         "## chart table function desc\n\n## chart-md-16-title\n");
  replace_first(site / "content/city-library/department.toml", "duties = \"",
                "duties = \"## series-budget\\n\\n## gongkai-overlay\\n\\n");
  CommandResult built = run_gongkai({"build", "--source", site.string(), "--quiet"});
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  CHECK(duplicate_ids(site / "public") == std::vector<std::string>{});
  std::string page = read_file(site / "public/city-library/2023/budget/index.html");
  CHECK(page.find("<title id=\"chart-md-16-title\">") != std::string::npos);
  CHECK(page.find(" id=\"heading-chart-md-16-title\">chart-md-16-title</h") != std::string::npos);
  CHECK(page.find(" id=\"heading-chart-md-16-title-2\">chart-md-16-title</h") != std::string::npos);
  CHECK(page.find(" id=\"heading-table-function\">table-function</h") != std::string::npos);
  CHECK(page.find(" id=\"heading-table-function-caption\">") != std::string::npos);
  CHECK(page.find(" id=\"heading-chart-table-function-desc\">") != std::string::npos);
  std::string department = read_file(site / "public/city-library/index.html");
  CHECK(department.find(" id=\"heading-series-budget\">") != std::string::npos);
  CHECK(department.find(" id=\"heading-gongkai-overlay\">") != std::string::npos);
}

TEST_CASE("page ids: every id the generator makes is under a prefix no heading takes",
          "[page_ids]") {
  // A new kind of id made per table, chart or section must join kGeneratedIdPrefixes, or a
  // heading could take it.
  std::set<std::string> literal = template_ids(Theme::builtin());
  TempDir tmp;
  copy_example_site(tmp / "example");
  REQUIRE(run_gongkai({"build", "--source", (tmp / "example").string(), "--quiet"}).exit_code == 0);
  CHECK(unreserved_ids(tmp / "example/public", literal) == std::vector<std::string>{});
  for (const char* name : {"minimal", "compare", "consolidated"}) {
    INFO(name);
    copy_tree(fixture(name), tmp / name);
    REQUIRE(run_gongkai({"build", "--source", (tmp / name).string(), "--quiet"}).exit_code == 0);
    CHECK(unreserved_ids(tmp / name / "public", literal) == std::vector<std::string>{});
  }
}
