#include "model/theme.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "base/file_reader.h"
#include "test_support.h"

using namespace gongkai;
using gongkai::testing::read_file;
using gongkai::testing::source_dir;
using gongkai::testing::TempDir;
using gongkai::testing::write_file;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> asset_paths(const Theme& theme) {
  std::vector<std::string> out;
  for (const auto& [path, file] : theme.assets()) out.push_back(path);
  return out;
}

const std::string& contents(const Theme& theme, std::string_view path) {
  const ThemeFile* file = theme.find(path);
  if (!file) FAIL("no theme file " << path);
  return file->contents;
}

}  // namespace

TEST_CASE("theme: the built-in theme is the repository's templates, assets and strings",
          "[theme]") {
  Theme theme = Theme::builtin();
  for (const char* path : {"templates/layout.mustache", "templates/report.mustache",
                           "assets/style.css", "i18n/en.toml", "i18n/zh-CN.toml"}) {
    INFO(path);
    const ThemeFile* file = theme.find(path);
    REQUIRE(file);
    CHECK(file->contents == read_file(source_dir() / path));
    CHECK_FALSE(file->overridden);
  }
  CHECK(theme.find("templates/none.mustache") == nullptr);
  CHECK(theme.find("templates") == nullptr);
  CHECK(theme.find("/templates/layout.mustache") == nullptr);
  CHECK(theme.overrides().empty());
}

TEST_CASE("theme: assets() lists every file under assets/ and nothing else, sorted", "[theme]") {
  Theme theme = Theme::builtin();
  std::vector<std::string> expected;
  for (const auto& entry : fs::recursive_directory_iterator(source_dir() / "assets")) {
    if (entry.is_regular_file()) expected.push_back(display_path(source_dir(), entry.path()));
  }
  std::sort(expected.begin(), expected.end());
  REQUIRE(expected.size() >= 3);
  CHECK(asset_paths(theme) == expected);
  for (const auto& [path, file] : theme.assets()) CHECK(file == theme.find(path));
}

TEST_CASE("theme: a site's own file replaces the built-in one of the same name", "[theme]") {
  TempDir site;
  write_file(site / "templates/layout.mustache", "<main>{{{content}}}</main>\n");
  write_file(site / "assets/style.css", "body{}\n");
  write_file(site / "assets/img/logo.svg", "<svg/>");
  write_file(site / "i18n/en.toml", "nav_home = \"Start\"\n");
  // Hidden files (editors' and file managers' droppings) are not theme files.
  write_file(site / "templates/.layout.mustache.swp", "x");
  write_file(site / "assets/img/.DS_Store", "x");
  Diagnostics d;
  std::optional<Theme> theme = Theme::load(site.path(), d);
  REQUIRE(theme);
  CHECK(d.format_all().empty());

  CHECK(contents(*theme, "templates/layout.mustache") == "<main>{{{content}}}</main>\n");
  CHECK(theme->find("templates/layout.mustache")->overridden);
  CHECK(contents(*theme, "assets/style.css") == "body{}\n");
  CHECK(contents(*theme, "i18n/en.toml") == "nav_home = \"Start\"\n");
  // What the site does not replace stays built in.
  CHECK(contents(*theme, "templates/report.mustache") ==
        read_file(source_dir() / "templates/report.mustache"));
  CHECK_FALSE(theme->find("templates/report.mustache")->overridden);
  CHECK(theme->find("templates/.layout.mustache.swp") == nullptr);
  CHECK(theme->find("assets/img/.DS_Store") == nullptr);

  // A file the built-in theme lacks is added, and counts among the site's own files.
  CHECK(contents(*theme, "assets/img/logo.svg") == "<svg/>");
  std::vector<std::string> assets = asset_paths(*theme);
  CHECK(std::count(assets.begin(), assets.end(), "assets/img/logo.svg") == 1);
  CHECK(std::count(assets.begin(), assets.end(), "assets/style.css") == 1);
  CHECK(std::is_sorted(assets.begin(), assets.end()));
  CHECK(theme->overrides() == std::vector<std::string>{"assets/img/logo.svg", "assets/style.css",
                                                       "i18n/en.toml",
                                                       "templates/layout.mustache"});
}

TEST_CASE("theme: a site without theme folders, or no folder at all, gets the built-in theme",
          "[theme]") {
  TempDir site;
  write_file(site / "site.toml", "title = \"t\"\n");
  Theme builtin = Theme::builtin();
  for (const fs::path& dir : {site.path(), site / "does-not-exist"}) {
    INFO(dir);
    Diagnostics d;
    std::optional<Theme> theme = Theme::load(dir, d);
    REQUIRE(theme);
    CHECK(d.format_all().empty());
    CHECK(theme->overrides().empty());
    CHECK(asset_paths(*theme) == asset_paths(builtin));
    CHECK(contents(*theme, "templates/layout.mustache") ==
          contents(builtin, "templates/layout.mustache"));
  }
}

TEST_CASE("theme: a file where a theme folder belongs is an error, not the built-in theme",
          "[theme]") {
  TempDir site;
  write_file(site / "assets", "not a folder");
  Diagnostics d;
  CHECK_FALSE(Theme::load(site.path(), d));
  CHECK(d.format_all() ==
        "assets: error: not a folder: the site's own theme files go in the folder assets/\n");
}

TEST_CASE("theme: symbolic links are skipped with a warning, files and folders alike", "[theme]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  write_file(tmp / "elsewhere/layout.mustache", "linked");
  write_file(tmp / "elsewhere/style.css", "linked");
  fs::create_directories(site / "templates");
  fs::create_symlink(tmp / "elsewhere/layout.mustache", site / "templates/layout.mustache");
  fs::create_directory_symlink(tmp / "elsewhere", site / "assets");
  write_file(site / "i18n/en.toml", "nav_home = \"Start\"\n");
  Diagnostics d;
  std::optional<Theme> theme = Theme::load(site, d);
  REQUIRE(theme);
  CHECK_FALSE(d.has_errors());
  CHECK(d.format_all() ==
        "assets: warning: symbolic link skipped: links are not followed\n"
        "templates/layout.mustache: warning: symbolic link skipped: links are not followed\n");
  CHECK(contents(*theme, "templates/layout.mustache") ==
        read_file(source_dir() / "templates/layout.mustache"));
  CHECK(contents(*theme, "assets/style.css") == read_file(source_dir() / "assets/style.css"));
  CHECK(theme->find("assets/layout.mustache") == nullptr);
  CHECK(theme->overrides() == std::vector<std::string>{"i18n/en.toml"});
}

TEST_CASE("theme: a theme file that cannot be read is an error and there is no theme", "[theme]") {
  TempDir site;
  write_file(site / "assets/video.mp4", "");
  fs::resize_file(site / "assets/video.mp4", kMaxSourceFileBytes + 1);
  write_file(site / "templates/layout.mustache", "ok");
  Diagnostics d;
  CHECK_FALSE(Theme::load(site.path(), d));
  CHECK(d.format_all() ==
        "assets/video.mp4: error: file is 16777217 bytes, over the limit of 16777216 bytes\n");
}

TEST_CASE("theme: FIFOs and other special files in a theme folder are refused", "[theme]") {
  // Skipping one would fall back to the built-in template in silence; reading one would block.
  TempDir site;
  fs::create_directories(site / "templates");
  REQUIRE(::mkfifo((site / "templates/layout.mustache").c_str(), 0600) == 0);
  Diagnostics d;
  CHECK_FALSE(Theme::load(site.path(), d));
  CHECK(d.format_all() == "templates/layout.mustache: error: not a regular file\n");
}

TEST_CASE("theme: hidden folders are not walked, whatever they hold", "[theme]") {
  TempDir site;
  write_file(site / "assets/.git/config", "[core]\n");
  REQUIRE(::mkfifo((site / "assets/.git/pipe").c_str(), 0600) == 0);
  write_file(site / "assets/own.css", "p{}\n");
  Diagnostics d;
  std::optional<Theme> theme = Theme::load(site.path(), d);
  REQUIRE(theme);
  CHECK(d.format_all().empty());
  CHECK(theme->overrides() == std::vector<std::string>{"assets/own.css"});
}

TEST_CASE("theme: a theme folder that cannot be listed is an error", "[theme]") {
  if (::geteuid() == 0) {
    WARN("SKIPPED: running as root, which lists any folder: the unreadable folder is not tested");
    return;
  }
  TempDir site;
  write_file(site / "templates/layout.mustache", "mine");
  write_file(site / "assets/img/logo.svg", "<svg/>");
  fs::permissions(site / "templates", fs::perms::none);
  fs::permissions(site / "assets/img", fs::perms::none);
  Diagnostics d;
  std::optional<Theme> theme;
  CHECK_NOTHROW(theme = Theme::load(site.path(), d));
  fs::permissions(site / "templates", fs::perms::owner_all);
  fs::permissions(site / "assets/img", fs::perms::owner_all);
  CHECK_FALSE(theme);
  CHECK(d.format_all() ==
        "assets/img: error: cannot list folder: Permission denied\n"
        "templates: error: cannot list folder: Permission denied\n");
}

TEST_CASE("theme: UI strings come from the language's file, missing keys from zh-CN", "[theme]") {
  Theme builtin = Theme::builtin();
  Diagnostics d;
  nlohmann::json zh = builtin.strings("zh-CN", d);
  nlohmann::json en = builtin.strings("en", d);
  CHECK(zh.at("nav_home") == "首页");
  CHECK(zh.at("kind_evaluation") == "绩效评价");
  CHECK(en.at("nav_home") == "Home");
  CHECK(en.at("kind_evaluation") == "Performance evaluation");
  // A language without a file has the zh-CN strings.
  CHECK(builtin.strings("fr", d) == zh);
  CHECK(d.format_all().empty());

  TempDir site;
  write_file(site / "i18n/en.toml", "nav_home = \"Start\"\n");
  std::optional<Theme> theme = Theme::load(site.path(), d);
  REQUIRE(theme);
  nlohmann::json mine = theme->strings("en", d);
  CHECK(mine.at("nav_home") == "Start");
  CHECK(mine.at("kind_evaluation") == "绩效评价");
  CHECK(mine.size() == zh.size());
  CHECK(d.format_all().empty());
}

TEST_CASE("theme: a UI string of another type, or a broken strings file, is an error", "[theme]") {
  TempDir site;
  write_file(site / "i18n/en.toml", "nav_home = 3\n[kind]\nbudget = \"Budget\"\n");
  Diagnostics d;
  std::optional<Theme> theme = Theme::load(site.path(), d);
  REQUIRE(theme);
  nlohmann::json en = theme->strings("en", d);
  CHECK(en.at("nav_home") == "首页");
  CHECK_FALSE(en.contains("kind"));
  CHECK(d.format_all() ==
        "i18n/en.toml:1:12: error: UI string 'nav_home' must be a string\n"
        "i18n/en.toml:2:1: error: UI string 'kind' must be a string\n");

  write_file(site / "i18n/en.toml", "nav_home = \"Start\n");
  Diagnostics broken;
  theme = Theme::load(site.path(), broken);
  REQUIRE(theme);
  CHECK(theme->strings("en", broken).at("nav_home") == "首页");
  REQUIRE(broken.error_count() == 1);
  CHECK(broken.sorted().at(0).where == SourceLocation{"i18n/en.toml", 1, 18});
}
