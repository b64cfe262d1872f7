// The build identity (model/build_identity.h): the generator's version, the newest date the
// content gives, and one SHA-256 over every file the build read, recomputable with sha256sum.
#include "model/build_identity.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/sha256.h"
#include "example_site.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

BuildIdentity identity_of(const fs::path& source, std::string* listing = nullptr,
                          bool drafts = false) {
  Diagnostics diagnostics;
  std::optional<SiteConfig> config = load_config(source, diagnostics);
  std::optional<Theme> theme = Theme::load(source, diagnostics);
  std::optional<Content> content = load_content(source, drafts, diagnostics, 1);
  INFO(diagnostics.format_all());
  REQUIRE(config);
  REQUIRE(theme);
  REQUIRE(content);
  if (listing) *listing = input_listing(*config, *theme, *content);
  return build_identity(*config, *theme, *content);
}

/// What `find site.toml content templates assets i18n -type f | sort | xargs sha256sum` prints
/// in `source`, computed here without gongkai's loader.
std::string listing_on_disk(const fs::path& source) {
  std::vector<std::string> paths;
  if (fs::exists(source / "site.toml")) paths.push_back("site.toml");
  for (const char* folder : {"content", "templates", "assets", "i18n"}) {
    if (!fs::exists(source / folder)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(source / folder)) {
      if (entry.is_regular_file()) paths.push_back(entry.path().lexically_relative(source).string());
    }
  }
  std::sort(paths.begin(), paths.end());
  std::string listing;
  for (const std::string& path : paths) listing += sha256_hex(read_file(source / path)) + "  " + path + "\n";
  return listing;
}

}  // namespace

TEST_CASE("build identity: the digest is sha256sum's listing of the sources, hashed", "[identity]") {
  for (const fs::path& fixture_dir : {fixture("minimal"), fixture("compare"), fixture("consolidated")}) {
    INFO(fixture_dir.string());
    std::string listing;
    BuildIdentity identity = identity_of(fixture_dir, &listing);
    CHECK(listing == listing_on_disk(fixture_dir));
    CHECK(identity.inputs_sha256 == sha256_hex(listing));
    CHECK(identity.input_files == static_cast<std::size_t>(std::count(listing.begin(), listing.end(), '\n')));
    CHECK(identity.generator == std::string("gongkai ") + GONGKAI_VERSION);
    CHECK(identity.short_digest() == identity.inputs_sha256.substr(0, 12));
  }
}

TEST_CASE("build identity: the site's own theme files are inputs too", "[identity]") {
  TempDir tmp;
  copy_example_site(tmp / "site");
  std::string listing;
  identity_of(tmp / "site", &listing);
  CHECK(listing == listing_on_disk(tmp / "site"));
  CHECK(listing.find("  templates/layout.mustache\n") != std::string::npos);
  CHECK(listing.find("  i18n/zh-CN.toml\n") != std::string::npos);
}

TEST_CASE("build identity: the same sources anywhere give the same identity; any edit changes it", "[identity]") {
  TempDir a, b, c;
  copy_tree(fixture("minimal"), a.path());
  copy_tree(fixture("minimal"), b.path());
  copy_tree(fixture("minimal"), c.path());
  BuildIdentity first = identity_of(a.path());
  CHECK(identity_of(b.path()).inputs_sha256 == first.inputs_sha256);
  // A comment changes no figure and no setting, but the sources are no longer the same.
  append(b / "content/city-finance/department.toml", "\n# 备注\n");
  CHECK(identity_of(b.path()).inputs_sha256 != first.inputs_sha256);
  append(c / "site.toml", "\n# 备注\n");
  CHECK(identity_of(c.path()).inputs_sha256 != first.inputs_sha256);
}

TEST_CASE("build identity: the content date is the newest published date, never the clock", "[identity]") {
  CHECK(identity_of(fixture("minimal")).content_date == "2023-02-10");
  TempDir tmp;
  copy_tree(fixture("minimal"), tmp.path());
  replace_first(tmp / "content/city-library/2022/budget.md", "published = 2022-02-10",
                "published = 2024-05-06");
  CHECK(identity_of(tmp.path()).content_date == "2024-05-06");
}

TEST_CASE("build identity: a draft is an input only when drafts are built", "[identity]") {
  TempDir tmp;
  copy_tree(fixture("minimal"), tmp.path());
  replace_first(tmp / "content/city-library/2023/budget.md", "published = 2023-02-10",
                "published = 2023-02-10\ndraft = true");
  std::string without, with;
  identity_of(tmp.path(), &without);
  identity_of(tmp.path(), &with, true);
  CHECK(without.find("city-library/2023/budget.md") == std::string::npos);
  CHECK(with.find("city-library/2023/budget.md") != std::string::npos);
  CHECK(with == listing_on_disk(tmp.path()));
}

TEST_CASE("build identity: version.json", "[identity]") {
  BuildIdentity identity;
  identity.generator = "gongkai 9.9.9";
  identity.content_date = "2023-02-10";
  identity.inputs_sha256 = std::string(64, 'a');
  identity.input_files = 7;
  CHECK(version_json(identity) == "{\n"
                                  "  \"generator\": \"gongkai 9.9.9\",\n"
                                  "  \"content_date\": \"2023-02-10\",\n"
                                  "  \"inputs_sha256\": \"" + std::string(64, 'a') + "\",\n"
                                  "  \"input_files\": 7\n"
                                  "}\n");
}
