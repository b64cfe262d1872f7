// Site::load() and Site::build() on a fixture site, through a MemoryOutput: what a build
// publishes of the source files themselves.
#include "pipeline/site.h"

#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "publish/output.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

const char* const kReport = "content/city-library/2023/budget.json";

/// The site with its figures in memory, checked: a build then only renders.
std::optional<Site> load_checked(const std::filesystem::path& source, Diagnostics& diagnostics) {
  std::optional<Site> site = Site::load({source, false, 0, {}}, diagnostics);
  if (site && site->load_figures(diagnostics)) site->check(diagnostics);
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
  // The same output, but for the build identity: the site's own template is one more source.
  auto files = own_output.files();
  auto builtin_files = builtin_output.files();
  CHECK(own->identity().inputs_sha256 != builtin->identity().inputs_sha256);
  for (auto* each : {&files, &builtin_files}) each->erase("version.json");
  std::string& home = files.at("index.html");
  std::string own_digest = own->identity().short_digest();
  REQUIRE(home.find(own_digest) != std::string::npos);
  home.replace(home.find(own_digest), own_digest.size(), builtin->identity().short_digest());
  CHECK(files == builtin_files);
}

namespace {

struct Built {
  std::map<std::string, std::string> files;
  std::string diagnostics;
  bool ok = false;
};

/// What `gongkai check` and then Site::build() give for the site in `dir`: the figures of the
/// whole site in memory at once.
Built in_three_steps(const std::filesystem::path& dir) {
  Built built;
  Diagnostics diagnostics;
  std::optional<Site> site = Site::load({dir, false, 2, {}}, diagnostics);
  if (site && site->load_figures(diagnostics)) {
    note_raw_html(site->config(), diagnostics);
    site->check(diagnostics);
  }
  MemoryOutput output(diagnostics);
  if (site && !diagnostics.has_errors()) site->build(output, diagnostics, {nullptr, nullptr, false});
  built.ok = site && !diagnostics.has_errors();
  built.files = output.take();
  built.diagnostics = diagnostics.format_all();
  return built;
}

/// What `gongkai build` gives: Site::build() parsing each department's reports as it goes.
Built streaming(const std::filesystem::path& dir) {
  Built built;
  Diagnostics diagnostics;
  std::optional<Site> site = Site::load({dir, false, 2, {}}, diagnostics);
  MemoryOutput output(diagnostics);
  built.ok = site && site->build(output, diagnostics);
  built.files = output.take();
  built.diagnostics = diagnostics.format_all();
  return built;
}

void require_same_build(const std::filesystem::path& dir) {
  Built whole = in_three_steps(dir), streamed = streaming(dir);
  INFO(whole.diagnostics);
  REQUIRE(whole.ok);
  CHECK(streamed.ok);
  CHECK(streamed.diagnostics == whole.diagnostics);
  CHECK(streamed.files.size() == whole.files.size());
  for (const auto& [path, bytes] : whole.files) {
    INFO(path);
    auto it = streamed.files.find(path);
    REQUIRE(it != streamed.files.end());
    CHECK(it->second == bytes);
  }
}

}  // namespace

TEST_CASE("a streaming build writes what loading, checking and building write", "[site]") {
  TempDir dir;
  SECTION("the minimal fixture: a year compared with the one before") {
    copy_tree(fixture("minimal"), dir.path());
  }
  SECTION("the example site, with a note that it keeps raw HTML") {
    copy_tree(source_dir() / "content", dir / "content");
    write_file(dir / "site.toml", read_file(source_dir() / "site.toml") + "\n[markdown]\nraw_html = true\n");
  }
  SECTION("a site with templates of its own: views carry every cell") {
    copy_tree(fixture("minimal"), dir.path());
    write_file(dir / "templates/table-grid.mustache",
               read_file(fixture("theme-loop-grid") / "table-grid.mustache"));
  }
  require_same_build(dir.path());
}

TEST_CASE("a streaming build reports what loading and checking report, and publishes nothing", "[site]") {
  TempDir dir;
  copy_tree(fixture("minimal"), dir.path());
  SECTION("a check fails") {
    std::string text = read_file(dir / kReport);
    std::string leaf = "\"total\": 100";
    REQUIRE(text.find(leaf) != std::string::npos);
    write_file(dir / kReport, text.replace(text.find(leaf), leaf.size(), "\"total\": 200"));
  }
  SECTION("a data file is broken, and a check fails in another report") {
    write_file(dir / "content/city-library/2022/budget.json", "{\"schema\": 1,\n \"kind\": 3}\n");
    std::string text = read_file(dir / kReport);
    std::string leaf = "\"total\": 100";
    write_file(dir / kReport, text.replace(text.find(leaf), leaf.size(), "\"total\": 200"));
  }
  SECTION("a template is broken") {
    write_file(dir / "templates/report.mustache", "{{#report}}\n");
  }
  Built whole = in_three_steps(dir.path()), streamed = streaming(dir.path());
  CHECK_FALSE(whole.ok);
  CHECK_FALSE(streamed.ok);
  CHECK(streamed.diagnostics == whole.diagnostics);
  CHECK(streamed.diagnostics.find(": error: ") != std::string::npos);
}

namespace {

/// What a site of `depth` departments, each the parent of the next, gives when built in memory.
struct ChainSite {
  /// The bytes of every output, and the source keys of every output.
  std::size_t bytes = 0, keys = 0;
  /// The inputs of the year page, when the site has one.
  std::set<std::string> year_inputs;
};

/// With `reports`, each department has the minimal fixture's 2023 budget and consolidates
/// nothing: every report of the year page is then summed, after a look at every department
/// above its own.
ChainSite chain_site(int depth, bool reports) {
  TempDir site;
  write_file(site / "site.toml", "title = \"链\"\n");
  fs::path budget = fixture("minimal") / "content/city-library/2023/budget";
  for (int i = 0; i < depth; ++i) {
    std::string slug = "d" + std::to_string(i);
    std::string parent = i ? "parent = \"d" + std::to_string(i - 1) + "\"\n" : "";
    write_file(site / ("content/" + slug + "/department.toml"),
               "name = \"部门 " + std::to_string(i) + "\"\n" + parent +
                   (reports ? "consolidates = false\n" : ""));
    if (!reports) continue;
    for (const char* extension : {".md", ".json"}) {
      write_file(site / ("content/" + slug + "/2023/budget" + extension),
                 read_file(budget.string() + extension));
    }
  }
  Diagnostics diagnostics;
  std::optional<Site> loaded = Site::load({site.path(), false, 0, {}}, diagnostics);
  REQUIRE(loaded);
  REQUIRE(loaded->load_figures(diagnostics));
  MemoryOutput output(diagnostics);
  loaded->build(output, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE_FALSE(diagnostics.has_errors());
  ChainSite out;
  for (const auto& [path, contents] : output.take()) out.bytes += contents.size();
  for (const auto& [path, inputs] : loaded->dependencies()) {
    out.keys += inputs.size();
    if (path == "years/2023/index.html") out.year_inputs = inputs;
  }
  return out;
}

}  // namespace

TEST_CASE("a chain of departments gives output and inputs linear in its depth", "[site]") {
  // Sizes, not times: every department page once named every department above it in its
  // breadcrumbs and its inputs, so twice the depth gave four times the bytes. Now a page names
  // at most kBreadcrumbAncestors of them, and twice the depth gives twice the site.
  ChainSite short_chain = chain_site(200, false), long_chain = chain_site(400, false);
  INFO("bytes " << short_chain.bytes << " → " << long_chain.bytes << ", keys " << short_chain.keys
                << " → " << long_chain.keys);
  CHECK(long_chain.bytes < short_chain.bytes * 21 / 10);
  CHECK(long_chain.keys < short_chain.keys * 21 / 10);
}

TEST_CASE("a chain of departments with a report each: the year page sums and names it linearly",
          "[site]") {
  // The year page and the function classes page add up every report of the year after looking
  // above each report's department for a report that contains it, and name every department
  // above as an input. Both walked from each report to the top: n² steps for a chain of n.
  // They now pass each department once; consolidation_test.cc and content_test.cc count the
  // steps. Here: the site stays linear, and the year page still names everything above.
  ChainSite short_chain = chain_site(100, true), long_chain = chain_site(200, true);
  INFO("bytes " << short_chain.bytes << " → " << long_chain.bytes << ", keys " << short_chain.keys
                << " → " << long_chain.keys);
  CHECK(long_chain.bytes < short_chain.bytes * 21 / 10);
  CHECK(long_chain.keys < short_chain.keys * 21 / 10);
  for (int i = 0; i < 200; ++i) {
    std::string slug = "content/d" + std::to_string(i);
    CHECK(long_chain.year_inputs.count(slug + "/department.toml") == 1);
    CHECK(long_chain.year_inputs.count(slug + "/2023/budget") == 1);
  }
}
