// End-to-end tests of the gongkai binary on fixture sites copied into temporary folders.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>

#include "example_site.h"
#include "publish/manifest.h"
#include "test_support.h"

using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// A copy of tests/fixtures/minimal in a temporary folder.
struct MinimalSite {
  TempDir tmp;
  fs::path site = tmp / "site";
  MinimalSite() { copy_tree(fixture("minimal"), site); }
  CommandResult build(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"build", "--source", site.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_gongkai(args);
  }
};

}  // namespace

TEST_CASE("cli: --version, --help and usage errors", "[cli]") {
  CommandResult version = run_gongkai({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("gongkai ", 0) == 0);
  for (const char* command : {"build", "check", "template"}) {
    CommandResult help = run_gongkai({command, "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--help") != std::string::npos);
  }
  CHECK(run_gongkai({"frobnicate"}).exit_code == 2);
  CHECK(run_gongkai({"build", "--no-such-flag"}).exit_code == 2);
  CHECK(run_gongkai({}).exit_code == 2);
}

TEST_CASE("cli: build writes the site and prints what it did", "[cli]") {
  MinimalSite s;
  CommandResult r = s.build();
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("built 2 reports of 2 departments") != std::string::npos);
  for (const char* file : {"index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml",
                           "search/root.js", "search/shards/0.js", "search/departments.js", "search/index.html",
                           "city-library/search-page.js", "city-library/2023/budget/search-page.js", "assets/style.css",
                           "city-library/index.html", "city-finance/index.html",
                           "years/2023/index.html", "years/2022/index.html",
                           "city-library/2023/budget/index.html",
                           "city-library/2023/budget/report.json"}) {
    CHECK(fs::is_regular_file(s.site / "public" / file));
  }
  CHECK(names(s.site) == std::vector<std::string>{".public.manifest", ".public.reuse", "content", "public", "site.toml"});
}

TEST_CASE("cli: two builds of the same input give identical trees, whatever --jobs", "[cli]") {
  MinimalSite s;
  REQUIRE(s.build({"--output", (s.tmp / "one").string(), "--jobs", "1"}).exit_code == 0);
  REQUIRE(s.build({"--output", (s.tmp / "two").string(), "--jobs", "4"}).exit_code == 0);
  CHECK(snapshot_tree(s.tmp / "one") == snapshot_tree(s.tmp / "two"));
}

TEST_CASE("cli: a broken site.toml fails at its line, leaving the old site untouched", "[cli]") {
  MinimalSite s;
  REQUIRE(s.build().exit_code == 0);
  auto before = snapshot_tree(s.site / "public");
  write_file(s.site / "site.toml", "language = \"zh-CN\"\ntitle = = \"x\"\n");
  CommandResult r = s.build();
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("site.toml:2:9: error:") != std::string::npos);
  CHECK(r.err.find("nothing was published") != std::string::npos);
  CHECK(snapshot_tree(s.site / "public") == before);
  CHECK(names(s.site) == std::vector<std::string>{".public.manifest", ".public.reuse", "content", "public", "site.toml"});
}

TEST_CASE("cli: every error of a run is reported, then nothing is published", "[cli]") {
  MinimalSite s;
  write_file(s.site / "content/city-library/2023/budget.md", "no front matter\n");
  write_file(s.site / "content/BAD/department.toml", "name = \"x\"\n");
  CommandResult r = s.build();
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("content/BAD: error: invalid department folder name") != std::string::npos);
  CHECK(r.err.find("content/city-library/2023/budget.md:1:1: error: expected front matter") !=
        std::string::npos);
  CHECK_FALSE(fs::exists(s.site / "public"));
}

TEST_CASE("cli: check passes on a good site and fails on a changed figure", "[cli]") {
  MinimalSite s;
  CommandResult ok = run_gongkai({"check", "--source", s.site.string()});
  INFO(ok.err);
  CHECK(ok.exit_code == 0);
  fs::path data = s.site / "content/city-library/2023/budget.json";
  std::string text = read_file(data);
  std::string leaf = "\"code\": \"20805\", \"name\": \"行政事业单位养老支出\", \"total\": 100";
  REQUIRE(text.find(leaf) != std::string::npos);
  text.replace(text.find(leaf), leaf.size(), "\"code\": \"20805\", \"name\": \"行政事业单位养老支出\", \"total\": 200");
  write_file(data, text);
  CommandResult bad = run_gongkai({"check", "--source", s.site.string()});
  CHECK(bad.exit_code == 1);
  CHECK(bad.out.empty());
  // Every error, then how many there are (the count goes on past the limit of printed ones).
  CHECK(bad.err ==
        "content/city-library/2023/budget.json:46:65: error: 一般公共预算支出表（按功能分类）: 208 "
        "社会保障和就业支出 支出总计 is 100 but its children sum to 200 (difference 100) "
        "[function[208].total]\n"
        "content/city-library/2023/budget.json:47:68: error: 一般公共预算支出表（按功能分类）: 20805 "
        "行政事业单位养老支出 支出总计 is 200 but 基本支出 + 项目支出 sum to 100 (difference 100) "
        "[function[20805].total]\n"
        "check failed: 2 error(s), 0 warning(s)\n");
  CommandResult json = run_gongkai({"check", "--source", s.site.string(), "--format", "json"});
  CHECK(json.exit_code == 1);
  CHECK(json.out.find("\"severity\": \"error\"") != std::string::npos);
}

TEST_CASE("cli: the output folder may not be the site itself", "[cli]") {
  MinimalSite s;
  CommandResult r = s.build({"--output", s.site.string()});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("must not be the site folder") != std::string::npos);
  CommandResult inside = s.build({"--output", (s.site / "content/out").string()});
  CHECK(inside.exit_code == 1);
}

TEST_CASE("cli: --dump-views may not write among the sources or into the output", "[cli]") {
  MinimalSite s;
  std::string message =
      ": error: the --dump-views folder must not be the site folder or lie inside content/, "
      "templates/, assets/, i18n/ or the output folder\n";
  for (const fs::path& dump : {s.site / "content", s.site / "content/views", s.site,
                               s.site / "templates/v", s.site / "public/views"}) {
    CAPTURE(dump);
    CommandResult r = s.build({"--dump-views", dump.string() + "/"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == dump.string() + message);
    CHECK_FALSE(fs::exists(s.site / "content/views"));
    CHECK_FALSE(fs::exists(s.site / "public"));
  }
  write_file(s.tmp / "file", "x");
  for (const fs::path& dump : {s.tmp / "file", s.tmp / "file/views"}) {
    CAPTURE(dump);
    CommandResult r = s.build({"--dump-views", dump.string()});
    CHECK(r.exit_code == 1);
    CHECK(r.err == dump.string() + (dump == s.tmp / "file"
                                        ? ": error: the --dump-views folder is not a folder\n"
                                        : ": error: cannot create the --dump-views folder: Not a "
                                          "directory\n"));
  }
  CommandResult beside = s.build({"--dump-views", (s.site / "views").string()});
  CHECK(beside.exit_code == 0);
  CHECK(fs::exists(s.site / "views/index.html.json"));
}

TEST_CASE("cli: a site's own template overrides the built-in one", "[cli]") {
  MinimalSite s;
  write_file(s.site / "templates/404.mustache", "<p>custom {{site.title}}</p>\n");
  REQUIRE(s.build().exit_code == 0);
  CHECK(read_file(s.site / "public/404.html") == "<p>custom 示例市预决算公开</p>\n");
}

TEST_CASE("cli: a template error names the template file, line and column", "[cli]") {
  MinimalSite s;
  write_file(s.site / "templates/404.mustache", "<p>\n  {{#items}}never closed\n");
  CommandResult r = s.build();
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("templates/404.mustache:2:3: error:") != std::string::npos);
}

namespace {

/// The identity of every file and folder of the site's output (inode, times, size).
std::vector<gongkai::OutputEntry> output_identity(const MinimalSite& s) {
  return gongkai::scan_output(s.site / "public").value();
}

bool was_built(const CommandResult& r) { return r.exit_code == 0 && r.out.rfind("built ", 0) == 0; }
bool was_current(const CommandResult& r) { return r.exit_code == 0 && r.out.rfind("up to date: ", 0) == 0; }

}  // namespace

TEST_CASE("cli: a rebuild with nothing changed touches nothing and repeats the warnings", "[cli]") {
  MinimalSite s;
  write_file(s.site / "site.toml", read_file(s.site / "site.toml") + "colour = \"red\"\n");
  CommandResult first = s.build();
  REQUIRE(was_built(first));
  REQUIRE(first.err.find("site.toml:5:1: warning: unknown key") != std::string::npos);
  auto before = output_identity(s);
  CommandResult second = s.build();
  INFO(second.out << second.err);
  CHECK(was_current(second));
  // 22 files, the 2023 budget against the 2022 one (its page, CSV and JSON), the site's
  // datapackage.json (without resources: neither budget prints a 支出总表) and version.json; the
  // search index's root, departments and one shard, and the fragments of the two departments'
  // pages, the two reports' and the comparison's.
  CHECK(second.out.find("2 reports of 2 departments, 38 files as the last build left them") != std::string::npos);
  CHECK(second.err == first.err);
  CHECK(output_identity(s) == before);
  CHECK(s.build({"--quiet"}).out.empty());
}

TEST_CASE("cli: a rebuild builds again when an input, the options or the output changed", "[cli]") {
  MinimalSite s;
  REQUIRE(was_built(s.build()));
  fs::path page = s.site / "public/city-library/index.html";
  std::string page_bytes = read_file(page);

  SECTION("a report's narrative") {
    fs::path md = s.site / "content/city-library/2023/budget.md";
    write_file(md, read_file(md) + "\n一句新话。\n");
    CHECK(was_built(s.build()));
    CHECK(read_file(s.site / "public/city-library/2023/budget/index.html").find("一句新话。") != std::string::npos);
  }
  SECTION("a theme file of the site's own") {
    write_file(s.site / "templates/404.mustache", "<p>custom</p>\n");
    CHECK(was_built(s.build()));
    CHECK(read_file(s.site / "public/404.html") == "<p>custom</p>\n");
  }
  SECTION("the drafts option") { CHECK(was_built(s.build({"--drafts"}))); }
  SECTION("a published file deleted") {
    fs::remove(page);
    CHECK(was_built(s.build()));
    CHECK(read_file(page) == page_bytes);
  }
  SECTION("a file added to the output") {
    write_file(s.site / "public/stray.html", "x");
    CHECK(was_built(s.build()));
    CHECK_FALSE(fs::exists(s.site / "public/stray.html"));
  }
  SECTION("a published file edited, its size and modification time kept") {
    auto mtime = fs::last_write_time(page);
    std::string edited = page_bytes;
    edited[edited.find("<title>") + 1] = 'T';
    write_file(page, edited);
    fs::last_write_time(page, mtime);
    CHECK(was_built(s.build()));
    CHECK(read_file(page) == page_bytes);
  }
  SECTION("a manifest recorded before a reboot: files written since may not have reached the disk") {
    fs::path manifest = s.site / ".public.manifest";
    std::string text = read_file(manifest);
    std::size_t boot = text.find("\nboot ") + 6;
    REQUIRE(boot > 6);
    text.replace(boot, 36, "00000000-0000-0000-0000-000000000000");
    write_file(manifest, text);
    CHECK(was_built(s.build()));
    CHECK(was_current(s.build()));
  }
  SECTION("the output folder moved away and linked back") {
    fs::rename(s.site / "public", s.tmp / "moved");
    fs::create_directory_symlink(s.tmp / "moved", s.site / "public");
    CommandResult r = s.build();
    CHECK_FALSE(was_current(r));
    CHECK(r.err.find("refusing to replace this folder") != std::string::npos);
  }
  SECTION("a damaged manifest") {
    write_file(s.site / ".public.manifest", "gongkai-manifest 2\nfingerprint x\n");
    CHECK(was_built(s.build()));
    CHECK(was_current(s.build()));
  }
  SECTION("views dumped") {
    CHECK(was_built(s.build({"--dump-views", (s.tmp / "views").string()})));
    CHECK_FALSE(fs::exists(s.site / ".public.manifest"));
    CHECK(was_built(s.build()));
  }
}

namespace {

CommandResult build_into(const fs::path& site, const fs::path& output) {
  return run_gongkai({"build", "--source", site.string(), "--output", output.string()});
}

/// N of the build line's ", N of them kept from the last build"; 0 without it.
int kept_departments(const CommandResult& r) {
  std::size_t at = r.out.find(" of them kept from the last build");
  if (at == std::string::npos) return 0;
  std::size_t start = r.out.rfind(", ", at) + 2;
  return std::stoi(r.out.substr(start, at - start));
}

/// A fresh build of `site` into `output` (removed first, with its manifest and reuse record).
CommandResult fresh_build_into(const fs::path& site, const fs::path& output) {
  fs::remove_all(output);
  fs::remove(gongkai::manifest_path(output));
  fs::remove(gongkai::reuse_path(output));
  return build_into(site, output);
}

}  // namespace

TEST_CASE("cli: a rebuild keeps the departments whose inputs are unchanged, as a fresh build would write them", "[cli]") {
  TempDir tmp;
  fs::path original = tmp / "original", site = tmp / "site";
  copy_example_site(original);
  copy_example_site(site);
  fs::path published = tmp / "public", fresh = tmp / "fresh";
  // Of the example site's two departments with reports, which the build keeps after each edit:
  // one edited, or the parent of one renamed, leaves the other; the theme, the settings and the
  // years (a year removed or added) are read by every report page, and leave none.
  std::map<std::string, int> kept = {
      {"narrative", 1}, {"front matter title", 1}, {"figures json", 1}, {"department name", 1},
      {"name of a department with reports", 1}, {"department parent", 1}, {"partial template", 0},
      {"layout template", 0}, {"asset", 0}, {"new asset", 0}, {"site.toml", 0}, {"i18n", 0},
      {"remove a year", 0}, {"restore the year", 0}, {"new department", 2},
      {"remove a template override", 0}};
  REQUIRE(build_into(site, published).exit_code == 0);
  for (const Edit& edit : example_site_edits(original)) {
    INFO("edit: " << edit.name);
    edit.apply(site);
    CommandResult rebuilt = build_into(site, published);
    INFO(rebuilt.out << rebuilt.err);
    REQUIRE(rebuilt.exit_code == 0);
    REQUIRE(kept.count(edit.name) == 1);
    CHECK(kept_departments(rebuilt) == kept[edit.name]);
    CommandResult full = fresh_build_into(site, fresh);
    REQUIRE(full.exit_code == 0);
    CHECK(rebuilt.err == full.err);
    CHECK(snapshot_tree(published) == snapshot_tree(fresh));
    CHECK(read_file(gongkai::reuse_path(published)) == read_file(gongkai::reuse_path(fresh)));
  }
}

TEST_CASE("cli: a kept department's key figures still count on the year page, as a fresh build counts them", "[cli]") {
  // The compare fixture and a second department with final accounts of 2022: the year's function
  // classes add up both, one of them kept from the last build, from its reuse record.
  TempDir tmp;
  fs::path site = tmp / "site", published = tmp / "public", fresh = tmp / "fresh";
  copy_tree(fixture("compare"), site);
  fs::path museum = site / "content/city-museum/2022";
  fs::create_directories(museum);
  write_file(museum.parent_path() / "department.toml", "name = \"示例市博物馆\"\nshort_name = \"市博物馆\"\n");
  fs::path archive = fixture("compare") / "content/city-archives/2021";
  std::string data = read_file(archive / "final-accounts.json");
  data.replace(data.find("\"year\": 2021"), 12, "\"year\": 2022");
  for (std::size_t at = data.find("示例市档案馆"); at != std::string::npos; at = data.find("示例市档案馆"))
    data.replace(at, std::string("示例市档案馆").size(), "示例市博物馆");
  write_file(museum / "final-accounts.json", data);
  write_file(museum / "final-accounts.md", "+++\npublished = 2023-09-26\n+++\n\n说明。\n");
  REQUIRE(build_into(site, published).exit_code == 0);
  write_file(museum / "final-accounts.md", "+++\npublished = 2023-09-26\n+++\n\n说明，已修改。\n");
  CommandResult rebuilt = build_into(site, published);
  INFO(rebuilt.out << rebuilt.err);
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(kept_departments(rebuilt) == 1);
  REQUIRE(fresh_build_into(site, fresh).exit_code == 0);
  CHECK(snapshot_tree(published) == snapshot_tree(fresh));
  std::string classes = read_file(published / "years/2022/functions/index.html");
  CHECK(classes.find("部门决算合计计入：市档案馆、市博物馆。") != std::string::npos);
  CHECK(classes.find("合计（5,858.503357）") != std::string::npos);
}

TEST_CASE("cli: a department renamed two levels up is not kept with its old name", "[cli]") {
  // The library's pages name every department above it in their breadcrumbs.
  MinimalSite s;
  fs::path published = s.tmp / "public", fresh = s.tmp / "fresh";
  write_file(s.site / "content/city-government/department.toml", "name = \"示例市人民政府\"\n");
  append(s.site / "content/city-finance/department.toml", "parent = \"city-government\"\n");
  REQUIRE(build_into(s.site, published).exit_code == 0);
  replace_first(s.site / "content/city-government/department.toml", "示例市人民政府", "示例市政府");
  CommandResult rebuilt = build_into(s.site, published);
  INFO(rebuilt.out << rebuilt.err);
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(kept_departments(rebuilt) == 0);
  REQUIRE(fresh_build_into(s.site, fresh).exit_code == 0);
  CHECK(snapshot_tree(published) == snapshot_tree(fresh));
  CHECK(read_file(published / "city-library/2023/budget/index.html").find("示例市政府") !=
        std::string::npos);
}

TEST_CASE("cli: a kept department's files are the published ones, and only intact ones are kept", "[cli]") {
  TempDir tmp;
  fs::path site = tmp / "site", published = tmp / "public", fresh = tmp / "fresh";
  copy_example_site(site);
  REQUIRE(build_into(site, published).exit_code == 0);
  const fs::path kept_page = published / "shenzhen-data-administration/2022/final-accounts/index.html";
  // The identity of every file of the kept department's report.
  auto report_files = [&] { return gongkai::scan_output(kept_page.parent_path()).value(); };
  std::vector<gongkai::OutputEntry> before = report_files();
  auto edit_narrative = [&] { append(site / (kCredit + "2023/budget.md"), "\n又一段说明。\n"); };

  SECTION("kept files keep their inodes and modification times") {
    edit_narrative();
    CommandResult r = build_into(site, published);
    CHECK(kept_departments(r) == 1);
    std::vector<gongkai::OutputEntry> after = report_files();
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i) {
      CHECK(after[i].path == before[i].path);
      CHECK(after[i].inode == before[i].inode);
      CHECK(after[i].mtime_ns == before[i].mtime_ns);
    }
  }
  SECTION("a published file of the department edited, its size and modification time kept") {
    std::string bytes = read_file(kept_page);
    auto mtime = fs::last_write_time(kept_page);
    std::string edited = bytes;
    edited[edited.find("<title>") + 1] = 'T';
    write_file(kept_page, edited);
    fs::last_write_time(kept_page, mtime);
    edit_narrative();
    CHECK(kept_departments(build_into(site, published)) == 0);
    CHECK(read_file(kept_page) == bytes);
  }
  SECTION("after a build failed on a figure, which touched none of the published files") {
    // The other department was taken from the published site while the build ran; its files
    // are linked only once nothing failed, or their change times would no longer match.
    fs::path data = site / (kCredit + "2023/budget.json");
    std::string good = read_file(data);
    replace_first(data, "\"1. 一般公共预算拨款\", \"income\": 6296", "\"1. 一般公共预算拨款\", \"income\": 6396");
    CommandResult failed = build_into(site, published);
    REQUIRE(failed.exit_code == 1);
    REQUIRE(failed.err.find("2023/budget.json") != std::string::npos);
    write_file(data, good);
    edit_narrative();
    CHECK(kept_departments(build_into(site, published)) == 1);
  }
  SECTION("a damaged reuse record") {
    write_file(gongkai::reuse_path(published), "gongkai-reuse 2\nfingerprint 3\nabc\n");
    edit_narrative();
    CHECK(kept_departments(build_into(site, published)) == 0);
  }
  SECTION("a reuse record of another build") {
    fs::path other = tmp / "other";
    edit_narrative();
    REQUIRE(build_into(site, other).exit_code == 0);
    fs::copy_file(gongkai::reuse_path(other), gongkai::reuse_path(published), fs::copy_options::overwrite_existing);
    CHECK(kept_departments(build_into(site, published)) == 0);
  }
  SECTION("a manifest recorded before a reboot") {
    fs::path manifest = gongkai::manifest_path(published);
    std::string text = read_file(manifest);
    std::size_t boot = text.find("\nboot ") + 6;
    text.replace(boot, 36, "00000000-0000-0000-0000-000000000000");
    write_file(manifest, text);
    edit_narrative();
    CHECK(kept_departments(build_into(site, published)) == 0);
  }
  REQUIRE(fresh_build_into(site, fresh).exit_code == 0);
  CHECK(snapshot_tree(published) == snapshot_tree(fresh));
}

TEST_CASE("cli: a failed build leaves the manifest of the site it left in place", "[cli]") {
  MinimalSite s;
  REQUIRE(was_built(s.build()));
  fs::path md = s.site / "content/city-library/2023/budget.md";
  std::string good = read_file(md);
  write_file(md, "no front matter\n");
  CHECK(s.build().exit_code == 1);
  write_file(md, good);
  CHECK(was_current(s.build()));
}

TEST_CASE("cli: build and check without a site folder say so, and publish nothing", "[cli]") {
  TempDir tmp;
  fs::path missing = tmp / "nowhere";
  std::string expected = (missing / "site.toml").string() +
                         ": error: no site.toml here: run gongkai in a site folder or name one "
                         "with --source\n";
  CommandResult build = run_gongkai({"build", "--source", missing.string()});
  CHECK(build.exit_code == 1);
  CHECK(build.err == expected);
  CommandResult check = run_gongkai({"check", "--source", missing.string()});
  CHECK(check.exit_code == 1);
  CHECK(check.err == expected + "check failed: 1 error(s), 0 warning(s)\n");
  CHECK(names(tmp.path()).empty());
}

TEST_CASE("cli: check reports chart blocks past the limit at the block's line, as build does",
          "[cli]") {
  MinimalSite s;
  fs::path narrative = s.site / "content/city-library/2023/budget.md";
  std::string text = read_file(narrative);
  auto lines = std::count(text.begin(), text.end(), '\n');
  // The narrative draws one chart already; 100 more make 101. Each appended block is a blank
  // line and four lines; the last one's fence is 2 + 5 · 99 lines past the end of the file.
  for (int i = 0; i < 100; ++i) text += "\n```chart\nkind = \"hbar\"\ntable = \"function\"\n```\n";
  write_file(narrative, text);
  std::string expected = "content/city-library/2023/budget.md:" + std::to_string(lines + 2 + 5 * 99) +
                         ":1: error: chart: more than 100 chart blocks in one report; this one "
                         "and those after it are not drawn\n";
  CommandResult check = run_gongkai({"check", "--source", s.site.string()});
  CHECK(check.exit_code == 1);
  CHECK(check.err == expected + "check failed: 1 error(s), 0 warning(s)\n");
  CommandResult build = run_gongkai({"build", "--source", s.site.string()});
  CHECK(build.exit_code == 1);
  CHECK(build.err == expected + "build failed: 1 error(s), 0 warning(s); nothing was published\n");
}
