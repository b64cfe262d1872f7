// Site::load() and Site::build() on a fixture site, through a MemoryOutput: what a build
// publishes of the source files themselves.
#include "site.h"

#include <catch2/catch.hpp>
#include <optional>
#include <string>

#include "output.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;

namespace {

const char* const kReport = "content/city-library/2023/budget.json";

std::optional<Site> load_checked(const std::filesystem::path& source, Diagnostics& diagnostics) {
  std::optional<Site> site = Site::load({source, false, 0, {}}, diagnostics);
  if (site) site->check(diagnostics);
  return site;
}

/// The minimal fixture copied into `dir`, loaded and checked without errors.
Site minimal_site(const TempDir& dir, Diagnostics& diagnostics) {
  copy_tree(fixture("minimal"), dir.path());
  std::optional<Site> site = load_checked(dir.path(), diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(site);
  REQUIRE_FALSE(diagnostics.has_errors());
  return std::move(*site);
}

}  // namespace

TEST_CASE("report.json is the data file byte for byte", "[site]") {
  TempDir dir;
  Diagnostics diagnostics;
  Site site = minimal_site(dir, diagnostics);
  MemoryOutput output(diagnostics);
  site.build(output, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE_FALSE(diagnostics.has_errors());
  CHECK(output.files().at("city-library/2023/budget/report.json") == read_file(dir / kReport));
}

TEST_CASE("a data file changed after it was checked is not published", "[site]") {
  TempDir dir;
  Diagnostics diagnostics;
  Site site = minimal_site(dir, diagnostics);
  // Same length, one figure different: the checked figures are no longer what is on disk.
  std::string text = read_file(dir / kReport);
  std::size_t digit = text.find_first_of("123456789", text.find("\"rows\""));
  REQUIRE(digit != std::string::npos);
  text[digit] = text[digit] == '9' ? '8' : static_cast<char>(text[digit] + 1);
  write_file(dir / kReport, text);
  MemoryOutput output(diagnostics);
  site.build(output, diagnostics);
  CHECK(diagnostics.format_all() ==
        std::string(kReport) + ": error: changed while the site was being built; build again\n");
  CHECK(output.files().at("city-library/2023/budget/report.json").empty());
}

TEST_CASE("rows_html prints the rows as a loop over rows and cells in a template does", "[site]") {
  TempDir builtin_dir, own_dir;
  copy_tree(fixture("minimal"), builtin_dir.path());
  copy_tree(fixture("minimal"), own_dir.path());
  write_file(own_dir / "templates/table-grid.mustache",
             read_file(fixture("theme-loop-grid") / "table-grid.mustache"));
  Diagnostics diagnostics;
  std::optional<Site> builtin = load_checked(builtin_dir.path(), diagnostics);
  std::optional<Site> own = load_checked(own_dir.path(), diagnostics);
  REQUIRE(builtin);
  REQUIRE(own);
  MemoryOutput builtin_output(diagnostics), own_output(diagnostics);
  builtin->build(builtin_output, diagnostics);
  own->build(own_output, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE_FALSE(diagnostics.has_errors());
  const std::string& page = own_output.files().at("city-library/2023/budget/index.html");
  // The fixture has changes against 2022, and charts with data tables: both paths are covered.
  CHECK(page.find("change change--") != std::string::npos);
  CHECK(page.find("<table class=\"grid cols-") != std::string::npos);
  CHECK(own_output.files() == builtin_output.files());
}
