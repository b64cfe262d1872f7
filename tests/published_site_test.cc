// PublishedSite: what a build asks of the site in its output folder — is it up to date, which
// departments can be kept — and publishing a new version of it.
#include "publish/published_site.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace gongkai;
using gongkai::testing::read_file;
using gongkai::testing::TempDir;
using gongkai::testing::write_file;
namespace fs = std::filesystem;

namespace {

/// A department record for `slug` with one report in "SLUG/2023/budget/".
DepartmentRecord record_of(const std::string& slug, const std::string& digest) {
  DepartmentRecord record;
  record.slug = slug;
  record.digest = digest;
  ReportSummary& report = record.reports.emplace_back();
  report.dir = slug + "/2023/budget/";
  report.search_terms = "entries of " + slug;
  return record;
}

/// Publishes a site of two departments' report pages and a home page, recorded with
/// `fingerprint` and a reuse record of both departments.
bool publish_two_departments(const fs::path& out, const std::string& fingerprint,
                             Diagnostics& diagnostics) {
  PublishedSite site(out, diagnostics, 1);
  if (!site.open() || !site.begin()) return false;
  site.writer().write("index.html", "home");
  site.writer().write("library/2023/budget/index.html", "library page");
  site.writer().write("library/2023/budget/report.json", "{}");
  site.writer().write("museum/2023/budget/index.html", "museum page");
  BuildManifest manifest;
  manifest.fingerprint = fingerprint;
  ReuseRecord reuse{fingerprint, {record_of("library", "L1"), record_of("museum", "M1")}};
  return site.commit(manifest, reuse);
}

}  // namespace

TEST_CASE("a published site is up to date only for the fingerprint it was built with", "[published_site]") {
  TempDir dir;
  Diagnostics diagnostics;
  REQUIRE(publish_two_departments(dir / "public", "F1", diagnostics));
  PublishedSite site(dir / "public", diagnostics, 1);
  REQUIRE(site.open());
  CHECK(site.up_to_date("F1").has_value());
  CHECK_FALSE(site.up_to_date("F2").has_value());
  CHECK_FALSE(site.up_to_date("").has_value());
  SECTION("not after one of its files changed") {
    write_file(dir / "public/index.html", "changed");
    CHECK_FALSE(site.up_to_date("F1").has_value());
  }
  CHECK_FALSE(diagnostics.has_errors());
}

TEST_CASE("a build may keep the departments whose digest and files are as recorded", "[published_site]") {
  TempDir dir;
  Diagnostics diagnostics;
  REQUIRE(publish_two_departments(dir / "public", "F1", diagnostics));
  PublishedSite site(dir / "public", diagnostics, 1);
  REQUIRE(site.open());
  std::map<std::string, std::string> digests = {{"library", "L1"}, {"museum", "M1"}};
  SECTION("both, with the files of their reports and their records") {
    ReusedDepartments kept = site.reusable_departments(digests);
    REQUIRE(kept.size() == 2);
    std::vector<std::string> files;
    for (const OutputEntry& file : kept.at("library").files) files.push_back(file.path);
    CHECK(files == std::vector<std::string>{"library/2023/budget/index.html",
                                            "library/2023/budget/report.json"});
    CHECK(kept.at("museum").record->reports.at(0).search_terms == "entries of museum");
  }
  SECTION("not one whose digest changed") {
    digests["museum"] = "M2";
    ReusedDepartments kept = site.reusable_departments(digests);
    CHECK(kept.size() == 1);
    CHECK(kept.count("library") == 1);
  }
  SECTION("not one with a file changed, or gone") {
    write_file(dir / "public/library/2023/budget/report.json", "{\"changed\": 1}");
    fs::remove(dir / "public/museum/2023/budget/index.html");
    CHECK(site.reusable_departments(digests).empty());
  }
  SECTION("none without the reuse record") {
    fs::remove(reuse_path(dir / "public"));
    CHECK(site.reusable_departments(digests).empty());
  }
  CHECK_FALSE(diagnostics.has_errors());
}

TEST_CASE("kept files are linked into the new version unread", "[published_site]") {
  TempDir dir;
  Diagnostics diagnostics;
  REQUIRE(publish_two_departments(dir / "public", "F1", diagnostics));
  PublishedSite site(dir / "public", diagnostics, 1);
  REQUIRE(site.open());
  ReusedDepartments kept = site.reusable_departments({{"library", "L1"}, {"museum", "M1"}});
  REQUIRE(kept.size() == 2);
  REQUIRE(site.begin());
  for (const OutputEntry& file : kept.at("library").files) CHECK(site.writer().keep(file));
  site.writer().write("index.html", "home, again");
  REQUIRE(site.commit({}, {}));
  CHECK(read_file(dir / "public/library/2023/budget/index.html") == "library page");
  CHECK(read_file(dir / "public/index.html") == "home, again");
  CHECK_FALSE(fs::exists(dir / "public/museum"));
  CHECK(site.stats().unchanged == 2);
}

TEST_CASE("only one build opens a published site at a time", "[published_site]") {
  TempDir dir;
  Diagnostics diagnostics;
  PublishedSite first(dir / "public", diagnostics, 1);
  REQUIRE(first.open());
  Diagnostics second_diagnostics;
  PublishedSite second(dir / "public", second_diagnostics, 1);
  CHECK_FALSE(second.open());
  CHECK(second_diagnostics.format_all() ==
        (dir / "public").string() +
            ": error: another build is publishing into this folder (its parent folder is "
            "locked)\n");
}
