#include "model/content.h"

#include <catch2/catch.hpp>
#include <unordered_set>
#include <vector>

#include "test_support.h"

using namespace gongkai;
using gongkai::testing::TempDir;
using gongkai::testing::write_file;

namespace {

const char* kReport = "+++\ntitle = \"T\"\npublished = 2023-02-10\n+++\n\n## 第一部分\n";

void department(const TempDir& site, const std::string& slug, const std::string& extra = "") {
  write_file(site / ("content/" + slug + "/department.toml"), "name = \"部门 " + slug + "\"\n" + extra);
}

}  // namespace

TEST_CASE("content: departments, years and reports are found and sorted", "[content]") {
  TempDir site;
  department(site, "parent");
  department(site, "child", "parent = \"parent\"\n");
  write_file(site / "content/child/2023/budget.md", kReport);
  write_file(site / "content/child/2023/budget.json", "{}");
  write_file(site / "content/child/2022/final-accounts.md", kReport);
  write_file(site / "content/child/2022/final-accounts.json", "{}");
  Diagnostics d;
  auto content = load_content(site.path(), false, d);
  REQUIRE(content);
  CHECK(d.format_all().empty());
  REQUIRE(content->departments.size() == 2);
  const Department& child = content->departments[0];
  CHECK(child.slug == "child");
  CHECK(child.parent == "parent");
  REQUIRE(child.reports.size() == 2);
  CHECK(child.reports[0].year == 2022);
  CHECK(child.reports[0].kind == DocumentKind::final_accounts);
  CHECK(child.reports[1].front.published == "2023-02-10");
  CHECK(child.reports[1].body() == "\n## 第一部分\n");
  CHECK(child.reports[1].body_line == 5);
  CHECK(child.reports[1].data_path == "content/child/2023/budget.json");
}

TEST_CASE("content: every problem of the tree is reported, not just the first", "[content]") {
  TempDir site;
  department(site, "ok", "parent = \"missing\"\ncolour = \"red\"\n");
  write_file(site / "content/Bad Name/department.toml", "name = \"x\"\n");
  write_file(site / "content/ok/20x3/budget.md", kReport);
  write_file(site / "content/ok/2023/budget.md", kReport);
  write_file(site / "content/ok/2023/notes.txt", "");
  write_file(site / "content/ok/2021/evaluation.md", "no front matter\n");
  write_file(site / "content/ok/2021/evaluation.json", "{}");
  Diagnostics d;
  CHECK_FALSE(load_content(site.path(), false, d));
  CHECK(d.format_all() ==
        "content/Bad Name: error: invalid department folder name 'Bad Name': use lowercase ASCII "
        "letters, digits and hyphens\n"
        "content/ok/2021/evaluation.md:1:1: error: expected front matter: the file must start "
        "with a line '+++'\nno front matter\n^\n"
        "content/ok/2023/budget.json: error: file not found\n"
        "content/ok/2023/notes.txt: error: unexpected 'notes.txt': a year folder holds budget, "
        "final-accounts and evaluation, each as a .md and a .json file\n"
        "content/ok/20x3: error: unexpected '20x3': a department folder holds department.toml and "
        "year folders such as 2023/\n"
        "content/ok/department.toml: error: parent department 'missing' does not exist\n"
        "content/ok/department.toml:3:1: warning: unknown key 'colour' (ignored)\n");
}

TEST_CASE("content: departments load in parallel with the same result and messages", "[content]") {
  TempDir site;
  for (int i = 0; i < 24; ++i) {
    std::string slug = "d" + std::to_string(i);
    department(site, slug, "colour = \"red\"\n");  // a warning from every department
    for (int year = 2001; year <= 2005; ++year) {
      std::string dir = "content/" + slug + "/" + std::to_string(year) + "/";
      write_file(site / (dir + "budget.md"), kReport);
      if (year != 2003) write_file(site / (dir + "budget.json"), "{}");  // an error from each
    }
  }
  write_file(site / "content/stray.txt", "");
  auto load = [&](unsigned jobs) {
    Diagnostics d(50);  // 24 warnings and 25 errors, past the limit: which are kept must not vary
    auto content = load_content(site.path(), false, d, jobs);
    return std::pair{content.has_value(), d.format_all()};
  };
  auto [loaded, messages] = load(1);
  CHECK_FALSE(loaded);
  CHECK(messages.starts_with("content/d0/2003/budget.json: error: file not found\n"));
  CHECK(messages.find("content/stray.txt: error: unexpected file: content/ holds one folder per "
                      "department\n") != std::string::npos);
  for (unsigned jobs : {2u, 3u, 8u}) CHECK(load(jobs) == std::pair{loaded, messages});

  for (int i = 0; i < 24; ++i) {
    write_file(site / ("content/d" + std::to_string(i) + "/2003/budget.json"), "{}");
  }
  std::filesystem::remove(site / "content/stray.txt");
  Diagnostics one, many;
  auto serial = load_content(site.path(), false, one, 1);
  auto parallel = load_content(site.path(), false, many, 4);
  REQUIRE(serial);
  REQUIRE(parallel);
  CHECK(one.format_all() == many.format_all());
  REQUIRE(parallel->departments.size() == 24);
  for (std::size_t i = 0; i < 24; ++i) {
    const Department& a = serial->departments[i];
    const Department& b = parallel->departments[i];
    CHECK(a.slug == b.slug);
    REQUIRE(b.reports.size() == 5);
    CHECK(a.reports.back().data_path == b.reports.back().data_path);
    CHECK(a.reports.back().data_hash == b.reports.back().data_hash);
  }
  CHECK(parallel->departments[0].slug == "d0");
  CHECK(parallel->departments[1].slug == "d1");
  CHECK(parallel->departments[2].slug == "d10");
}

TEST_CASE("content: drafts are left out unless asked for", "[content]") {
  TempDir site;
  department(site, "d");
  write_file(site / "content/d/2023/budget.md", "+++\ndraft = true\n+++\n");
  write_file(site / "content/d/2023/budget.json", "{}");
  Diagnostics d;
  CHECK(load_content(site.path(), false, d)->departments[0].reports.empty());
  CHECK(load_content(site.path(), true, d)->departments[0].reports.size() == 1);
}

TEST_CASE("content: parent cycles and symbolic links", "[content]") {
  TempDir site;
  department(site, "a", "parent = \"b\"\n");
  department(site, "b", "parent = \"a\"\n");
  std::filesystem::create_directory_symlink("/etc", site / "content/etc");
  Diagnostics d;
  CHECK_FALSE(load_content(site.path(), false, d));
  CHECK(d.format_all() ==
        "content/a/department.toml: error: parent departments form a cycle through 'a'\n"
        "content/b/department.toml: error: parent departments form a cycle through 'b'\n"
        "content/etc: warning: symbolic link skipped: links are not followed\n");
}

TEST_CASE("front matter: CRLF, a byte-order mark and an unclosed block", "[content]") {
  Diagnostics d;
  auto split = split_front_matter("\xEF\xBB\xBF+++\r\ntitle = \"x\"\r\n+++\r\nbody", "f.md", d);
  REQUIRE(split);
  CHECK(split->body == "body");
  CHECK(split->body_line == 4);
  CHECK_FALSE(split_front_matter("+++\ntitle = 1\n", "f.md", d));
  CHECK(d.format_all() ==
        "f.md:1:1: error: front matter is not closed: no line '+++' after the first\n+++\n^\n");
}

TEST_CASE("front matter: errors carry the line in the Markdown file", "[content]") {
  Diagnostics d;
  auto split = split_front_matter("+++\ntitle = \"x\"\ndraft = \"yes\"\n+++\n", "f.md", d);
  REQUIRE(split);
  CHECK_FALSE(parse_front_matter(*split, "f.md", d));
  CHECK(d.format_all() == "f.md:3:9: error: 'draft' must be true or false\n");
}

TEST_CASE("slugs", "[content]") {
  CHECK(is_valid_slug("shenzhen-public-credit-center"));
  CHECK(is_valid_slug("a1"));
  CHECK_FALSE(is_valid_slug(""));
  CHECK_FALSE(is_valid_slug(".."));
  CHECK_FALSE(is_valid_slug("Caps"));
  CHECK_FALSE(is_valid_slug("a--b"));
  CHECK_FALSE(is_valid_slug("-a"));
  CHECK_FALSE(is_valid_slug("a b"));
}

TEST_CASE("content: a department's name must not be empty", "[content]") {
  TempDir site;
  write_file(site / "content/blank/department.toml", "name = \"　\"\n");
  department(site, "ok");
  Diagnostics d;
  CHECK_FALSE(load_content(site.path(), false, d));
  CHECK(d.format_all() == "content/blank/department.toml:1:8: error: 'name' must not be empty\n");
}

TEST_CASE("content: a chain leading into a parent cycle names where each department meets it",
          "[content]") {
  // t2 → t1 → c1 → c2 → c3 → c1: the tail meets the cycle at c1, each member of the cycle
  // first meets itself again. Each department is walked once (the walk is linear in the
  // departments, where walking every department's chain was quadratic in its depth).
  TempDir site;
  department(site, "t2", "parent = \"t1\"\n");
  department(site, "t1", "parent = \"c1\"\n");
  department(site, "c1", "parent = \"c2\"\n");
  department(site, "c2", "parent = \"c3\"\n");
  department(site, "c3", "parent = \"c1\"\n");
  department(site, "top");
  department(site, "under", "parent = \"top\"\n");
  Diagnostics d;
  CHECK_FALSE(load_content(site.path(), false, d));
  CHECK(d.format_all() ==
        "content/c1/department.toml: error: parent departments form a cycle through 'c1'\n"
        "content/c2/department.toml: error: parent departments form a cycle through 'c2'\n"
        "content/c3/department.toml: error: parent departments form a cycle through 'c3'\n"
        "content/t1/department.toml: error: parent departments form a cycle through 'c1'\n"
        "content/t2/department.toml: error: parent departments form a cycle through 'c1'\n");
}

TEST_CASE("content: a deep chain of departments loads, its trails bounded", "[content]") {
  // 3,000 departments, each the parent of the next ("d0000" at the top).
  constexpr int kDepth = 3000;
  TempDir site;
  auto slug = [](int i) {
    std::string digits = std::to_string(i);
    return "d" + std::string(4 - digits.size(), '0') + digits;
  };
  for (int i = 0; i < kDepth; ++i) department(site, slug(i), i ? "parent = \"" + slug(i - 1) + "\"\n" : "");
  Diagnostics d;
  std::optional<Content> content = load_content(site.path(), false, d);
  REQUIRE(content);
  CHECK(d.format_all().empty());
  const Department& deepest = content->departments.back();
  CHECK(content->ancestors(deepest).size() == kDepth - 1);
  CHECK(content->ancestors(deepest).front()->slug == "d0000");
  Content::Trail trail = content->nearest_ancestors(deepest, 6);
  REQUIRE(trail.departments.size() == 6);
  CHECK(trail.departments.front()->slug == slug(kDepth - 7));
  CHECK(trail.departments.back()->slug == slug(kDepth - 2));
  CHECK(trail.elided);
  Content::Trail near_top = content->nearest_ancestors(content->departments[6], 6);
  CHECK(near_top.departments.size() == 6);
  CHECK_FALSE(near_top.elided);
  CHECK(content->nearest_ancestors(content->departments.front(), 6).departments.empty());
  // A page naming the departments above each department of the chain (a year page's inputs)
  // meets each of them once: 2,999 in all, where ancestors() for each gives 4,498,500.
  std::unordered_set<const Department*> seen;
  std::vector<const Department*> above = content->unseen_ancestors(deepest, seen);
  REQUIRE(above.size() == kDepth - 1);
  CHECK(above.front()->slug == slug(kDepth - 2));
  CHECK(above.back()->slug == "d0000");
  std::size_t met = above.size();
  for (const Department& d : content->departments) met += content->unseen_ancestors(d, seen).size();
  CHECK(met == kDepth - 1);
  std::unordered_set<const Department*> top_down;
  met = 0;
  for (const Department& d : content->departments)
    met += content->unseen_ancestors(d, top_down).size();
  CHECK(met == kDepth - 1);
}
