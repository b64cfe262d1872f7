// `gongkai new department` and `gongkai new report`, end to end: what an editor gets must pass
// `gongkai check` and build as it is, hold every table of its document kind, and the command
// must refuse bad arguments and never replace a file.
#include "import/scaffold.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <nlohmann/json.hpp>

#include "test_support.h"

using namespace gongkai::testing;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

/// A copy of tests/fixtures/minimal in a temporary folder, with `gongkai new` and `check` run
/// on it.
struct Site {
  TempDir tmp;
  fs::path root = tmp / "site";
  Site() { copy_tree(fixture("minimal"), root); }
  CommandResult run(std::vector<std::string> args) {
    args.insert(args.end(), {"--source", root.string()});
    return run_gongkai(args);
  }
  json data(const std::string& rel) { return json::parse(read_file(root / rel)); }
};

/// Every table's "number title" (or title alone) of a report's JSON, in order.
std::vector<std::string> table_titles(const json& report) {
  std::vector<std::string> out;
  for (const json& table : report["tables"]) {
    std::string number = table.value("number", "");
    out.push_back(number.empty() ? table["title"].get<std::string>()
                                 : number + " " + table["title"].get<std::string>());
  }
  return out;
}

/// The leaf and group labels of a table's columns (every side or part), depth first.
void collect_labels(const json& columns, std::vector<std::string>& out) {
  for (const json& column : columns) {
    out.push_back(column["label"].get<std::string>());
    if (column.contains("columns")) collect_labels(column["columns"], out);
  }
}

std::vector<std::string> labels_of(const json& report, const std::string& id) {
  std::vector<std::string> out;
  for (const json& table : report["tables"]) {
    if (table["id"] != id) continue;
    if (table.contains("columns")) collect_labels(table["columns"], out);
    for (const char* key : {"sides", "parts"}) {
      for (const json& piece : table.value(key, json::array()))
        collect_labels(piece["columns"], out);
    }
  }
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

const char* const kSlugProblem =
    "is not a valid department slug: use lowercase ASCII letters, digits and single hyphens, "
    "such as city-library";

}  // namespace

TEST_CASE("scaffold: a new department and each kind of report pass check and build", "[scaffold]") {
  Site s;
  CommandResult dept = s.run({"new", "department", "city-water", "--name", "示例市水务局"});
  INFO(dept.err);
  REQUIRE(dept.exit_code == 0);
  CHECK(dept.out == "created content/city-water/department.toml\n");
  for (const char* kind : {"budget", "final-accounts", "evaluation"}) {
    CommandResult r = s.run({"new", "report", std::string("city-water/2024/") + kind});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out == "created content/city-water/2024/" + std::string(kind) +
                       ".json\ncreated content/city-water/2024/" + kind + ".md\n");
    CHECK(
        read_file(s.root / "content/city-water/2024" / (std::string(kind) + ".json")).find("{{") ==
        std::string::npos);
    CHECK(read_file(s.root / "content/city-water/2024" / (std::string(kind) + ".md")).find("{{") ==
          std::string::npos);
  }
  CommandResult check = s.run({"check"});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  // No error, and a warning per table still without amounts, so that an unfinished disclosure
  // is not published unnoticed.
  std::istringstream lines(check.err);
  int warnings = 0;
  for (std::string line; std::getline(lines, line);) {
    INFO(line);
    CHECK(line.rfind("content/city-water/2024/", 0) == 0);
    CHECK(line.find(": warning: ") != std::string::npos);
    CHECK(line.find(": no amounts filled in; fill in the figures, or mark the table \"empty\": true "
                    "if the published table is empty") != std::string::npos);
    ++warnings;
  }
  CHECK(warnings == 25);
  CHECK(check.out == "checked 5 reports of 3 departments: 0 error(s), 25 warning(s)\n");
  CHECK(check.err.find("content/city-water/2024/budget.json:21:5: warning: 收支总表: no amounts") !=
        std::string::npos);
  CommandResult build = s.run({"build"});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  std::string budget = read_file(s.root / "public/city-water/2024/budget/index.html");
  CHECK(budget.find("2024年示例市水务局部门预算") != std::string::npos);
  CHECK(budget.find("单位整体支出绩效目标表") != std::string::npos);
  CHECK(read_file(s.root / "public/city-water/2024/final-accounts/index.html")
            .find("收入支出决算总表") != std::string::npos);
  CHECK(read_file(s.root / "public/city-water/2024/evaluation/index.html")
            .find("部门整体支出绩效评分表") != std::string::npos);
}

TEST_CASE("scaffold: each skeleton holds every table of its kind with the printed headers",
          "[scaffold]") {
  Site s;
  for (const char* kind : {"budget", "final-accounts", "evaluation"}) {
    REQUIRE(s.run({"new", "report", std::string("city-library/2024/") + kind}).exit_code == 0);
  }
  json budget = s.data("content/city-library/2024/budget.json");
  CHECK(budget["year"] == 2024);
  CHECK(budget["department"] == "示例市图书馆");
  CHECK(budget["title"] == "2024 年示例市图书馆部门预算");
  CHECK(table_titles(budget) ==
        std::vector<std::string>{"重点项目绩效目标", "表1 收支总表", "表2 收入总表", "表3 支出总表",
                                 "表4 基本支出总表", "表5 项目支出总表", "表6 政府预算拨款收支总表",
                                 "表7 一般公共预算支出表（按功能分类）",
                                 "表8 一般公共预算支出表（按经济分类）",
                                 "表9 一般公共预算“三公”经费支出表", "表10 政府性基金预算支出表",
                                 "表11 国有资本经营预算支出表", "表12 单位整体支出绩效目标表"});
  CHECK(contains(labels_of(budget, "summary"), "2024 年预算数"));
  CHECK(contains(labels_of(budget, "expenditure"), "2024 年政府采购项目"));
  CHECK(contains(labels_of(budget, "three-public"), "公务用车运行维护费"));
  // 主管部门 is the parent department's name.
  CHECK(budget["tables"].back()["fields"] ==
        json::parse(R"([{"label": "单位名称", "value": "示例市图书馆"},
                                                              {"label": "主管部门", "value": "示例市财政局"}])"));

  json final_accounts = s.data("content/city-library/2024/final-accounts.json");
  CHECK(final_accounts["title"] == "2024年度示例市图书馆部门决算");
  CHECK(table_titles(final_accounts) ==
        std::vector<std::string>{
            "一 收入支出决算总表", "二 收入决算表", "三 支出决算表", "四 财政拨款收入支出决算总表",
            "五 一般公共预算财政拨款支出决算表", "六 一般公共预算财政拨款基本支出决算明细表",
            "七 政府性基金预算财政拨款收入支出决算表", "八 国有资本经营预算财政拨款支出决算表",
            "九 财政拨款“三公”经费支出决算表", "项目支出绩效自评表"});
  CHECK(contains(labels_of(final_accounts, "three-public"), "决算数"));
  CHECK(contains(labels_of(final_accounts, "p01"), "执行率 (%)"));

  json evaluation = s.data("content/city-library/2024/evaluation.json");
  CHECK(evaluation["unit"] == "元");
  CHECK(table_titles(evaluation) ==
        std::vector<std::string>{"部门（单位）整体支出绩效目标完成情况自评表",
                                 "部门整体支出绩效评分表", "项目支出绩效自评表"});
  CHECK(contains(labels_of(evaluation, "scores"), "参考评分标准"));

  std::string markdown = read_file(s.root / "content/city-library/2024/final-accounts.md");
  CHECK(markdown.rfind("+++\n", 0) == 0);
  CHECK(markdown.find("## 第二部分 示例市图书馆2024年度部门决算表") != std::string::npos);
  CHECK(s.run({"check"}).exit_code == 0);
}

TEST_CASE("scaffold: a name with quotes and backslashes is written escaped", "[scaffold]") {
  Site s;
  const std::string name = "市\"水\"务\\局";
  REQUIRE(s.run({"new", "department", "water", "--name", name}).exit_code == 0);
  REQUIRE(s.run({"new", "report", "water/2023/budget"}).exit_code == 0);
  CHECK(s.data("content/water/2023/budget.json")["department"] == name);
  CommandResult check = s.run({"check"});
  INFO(check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE("scaffold: bad arguments are usage errors that name the part at fault", "[scaffold]") {
  Site s;
  auto before = snapshot_tree(s.root);
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"new", "department", "City-Water"}, std::string("slug: 'City-Water' ") + kSlugProblem},
      {{"new", "department", ".."}, std::string("slug: '..' ") + kSlugProblem},
      {{"new", "department", "city water"}, std::string("slug: 'city water' ") + kSlugProblem},
      {{"new", "department", "../city"}, std::string("slug: '../city' ") + kSlugProblem},
      {{"new", "department", "x", "--name", "a\nb"},
       "--name: the department name must be UTF-8 text without control characters"},
      {{"new", "department", "x", "--name", "a\xC2\x85" "b"},
       "--name: the department name must be UTF-8 text without control characters"},
      {{"new", "department", "x", "--parent", "City-Finance"},
       std::string("--parent: 'City-Finance' ") + kSlugProblem},
      {{"new", "report", "city-library/2024/budgets"},
       "spec: KIND must be budget, final-accounts or evaluation, not 'budgets'"},
      {{"new", "report", "city-library/24/budget"},
       "spec: YEAR must be a four-digit year from 1949 to 2200, not '24'"},
      {{"new", "report", "city-library/year/budget"},
       "spec: YEAR must be a four-digit year from 1949 to 2200, not 'year'"},
      {{"new", "report", "city-library/2024"},
       "spec: 'city-library/2024' is not DEPARTMENT/YEAR/KIND, such as city-library/2024/budget"},
      {{"new", "report", "../city-library/2024/budget"},
       "spec: '../city-library/2024/budget' is not DEPARTMENT/YEAR/KIND, such as "
       "city-library/2024/budget"},
      {{"new", "report", "City/2024/budget"}, std::string("spec: 'City' ") + kSlugProblem},
  };
  for (const Case& c : cases) {
    CommandResult r = s.run(c.args);
    INFO(c.args[2]);
    CHECK(r.exit_code == 2);
    CHECK(r.err == c.message + "\nRun with --help for more information.\n");
    CHECK(r.out.empty());
  }
  CHECK(s.run({"new", "kind-of-thing", "x"}).exit_code == 2);
  CHECK(snapshot_tree(s.root) == before);
}

TEST_CASE("scaffold: a new site builds as it is, then with a department and a report",
          "[scaffold]") {
  TempDir tmp;
  fs::path root = tmp / "yjsgk";
  CommandResult site = run_gongkai({"new", "site", root.string(), "--title", "示例市预决算公开"});
  INFO(site.err);
  REQUIRE(site.exit_code == 0);
  CHECK(site.out ==
        "created " + root.string() + "/site.toml\ncreated " + root.string() + "/content/\n");
  CHECK(site.err.empty());
  CHECK(fs::is_empty(root / "content"));
  std::string toml = read_file(root / "site.toml");
  CHECK(toml.find("\ntitle = \"示例市预决算公开\"\n") != std::string::npos);
  CHECK(toml.find("\nlanguage = \"zh-CN\"\n") != std::string::npos);
  for (const char* key :
       {"\ndescription = \"\"\n", "\npublisher = \"\"\n", "\nbase_url = \"\"\n"}) {
    CHECK(toml.find(key) != std::string::npos);
  }
  auto in_site = [&](std::vector<std::string> args) {
    args.insert(args.end(), {"--source", root.string()});
    return run_gongkai(args);
  };
  CommandResult empty = in_site({"check"});
  CHECK(empty.exit_code == 0);
  CHECK(empty.err.empty());
  CHECK(empty.out == "checked 0 reports of 0 departments: 0 error(s), 0 warning(s)\n");
  CommandResult built = in_site({"build"});
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  CHECK(read_file(root / "public/index.html").find("<title>示例市预决算公开</title>") !=
        std::string::npos);

  REQUIRE(in_site({"new", "department", "city-finance", "--name", "示例市财政局"}).exit_code == 0);
  REQUIRE(in_site({"new", "department", "city-water", "--name", "示例市水务局", "--parent",
                   "city-finance"})
              .exit_code == 0);
  REQUIRE(in_site({"new", "report", "city-water/2024/budget"}).exit_code == 0);
  CommandResult check = in_site({"check"});
  CHECK(check.exit_code == 0);
  CHECK(check.out == "checked 1 reports of 2 departments: 0 error(s), 13 warning(s)\n");
  CommandResult rebuilt = in_site({"build"});
  INFO(rebuilt.err);
  REQUIRE(rebuilt.exit_code == 0);
  CHECK(fs::is_regular_file(root / "public/city-water/2024/budget/index.html"));
}

TEST_CASE("scaffold: a new site is named after its folder unless titled, in the language asked",
          "[scaffold]") {
  TempDir tmp;
  CommandResult site = run_gongkai({"new", "site", "open-budget", "--language", "en"}, tmp.path());
  INFO(site.err);
  REQUIRE(site.exit_code == 0);
  CHECK(site.out == "created open-budget/site.toml\ncreated open-budget/content/\n");
  std::string toml = read_file(tmp / "open-budget/site.toml");
  CHECK(toml.find("\ntitle = \"open-budget\"\n") != std::string::npos);
  CHECK(toml.find("\nlanguage = \"en\"\n") != std::string::npos);
  REQUIRE(run_gongkai({"build", "--source", "open-budget"}, tmp.path()).exit_code == 0);
  CHECK(read_file(tmp / "open-budget/public/index.html").find("<html lang=\"en\" ") !=
        std::string::npos);
  // In the current folder; a title with quotes is escaped.
  fs::create_directories(tmp / "here");
  CommandResult here =
      run_gongkai({"new", "site", ".", "--title", "\"公开\" \\ 站点"}, tmp / "here");
  REQUIRE(here.exit_code == 0);
  CHECK(here.out == "created site.toml\ncreated content/\n");
  CommandResult check = run_gongkai({"check"}, tmp / "here");
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(read_file(tmp / "here/site.toml").find("\ntitle = \"\\\"公开\\\" \\\\ 站点\"\n") !=
        std::string::npos);
}

TEST_CASE("scaffold: a new site never replaces a site.toml, and keeps a content folder",
          "[scaffold]") {
  TempDir tmp;
  fs::path root = tmp / "site";
  write_file(root / "site.toml", "title = \"旧的\"\n");
  auto before = snapshot_tree(tmp.path());
  CommandResult again = run_gongkai({"new", "site", root.string()});
  CHECK(again.exit_code == 1);
  CHECK(again.out.empty());
  CHECK(again.err ==
        root.string() + "/site.toml: error: already exists; gongkai new never overwrites a file\n");
  CHECK(snapshot_tree(tmp.path()) == before);
  CHECK_FALSE(fs::exists(root / "content"));

  // Content without settings: only site.toml is written, the departments stay as they are.
  fs::path other = tmp / "other";
  write_file(other / "content/city-finance/department.toml", "name = \"示例市财政局\"\n");
  CommandResult settings = run_gongkai({"new", "site", other.string()});
  CHECK(settings.exit_code == 0);
  CHECK(settings.out == "created " + other.string() + "/site.toml\n");
  CHECK(run_gongkai({"check", "--source", other.string()}).out ==
        "checked 0 reports of 1 departments: 0 error(s), 0 warning(s)\n");

  // A file where the content folder goes: nothing is written.
  fs::path blocked = tmp / "blocked";
  write_file(blocked / "content", "");
  CommandResult file = run_gongkai({"new", "site", blocked.string()});
  CHECK(file.exit_code == 1);
  CHECK(file.err == blocked.string() + "/content: error: already exists and is not a folder\n");
  CHECK_FALSE(fs::exists(blocked / "site.toml"));
}

TEST_CASE("scaffold: a new site's bad arguments are usage errors, and nothing is written",
          "[scaffold]") {
  TempDir tmp;
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"new", "site", "s", "--language", "fr"},
       "--language: unsupported language 'fr': the theme has strings for zh-CN and en"},
      {{"new", "site", "s", "--language", "zh-cn"},
       "--language: unsupported language 'zh-cn': the theme has strings for zh-CN and en"},
      {{"new", "site", "s", "--title", "a\tb"},
       "--title: the site title must be UTF-8 text without control characters"},
      {{"new", "site", "s", "--title", "\xC2\x9B" "31m"},
       "--title: the site title must be UTF-8 text without control characters"},
      {{"new", "site"}, "dir is required"},
  };
  for (const Case& c : cases) {
    CommandResult r = run_gongkai(c.args, tmp.path());
    INFO(c.message);
    CHECK(r.exit_code == 2);
    CHECK(r.err == c.message + "\nRun with --help for more information.\n");
    CHECK(r.out.empty());
  }
  CHECK(fs::is_empty(tmp.path()));
  gongkai::Diagnostics diagnostics;
  CHECK(gongkai::new_site(tmp / "s", "", "fr", diagnostics).empty());
  CHECK(diagnostics.format_all() ==
        "gongkai new site: error: unsupported language 'fr': the theme has strings for zh-CN and "
        "en\n");
  CHECK(fs::is_empty(tmp.path()));
}

TEST_CASE("scaffold: a department without --parent has the key commented out", "[scaffold]") {
  Site s;
  REQUIRE(s.run({"new", "department", "city-water"}).exit_code == 0);
  std::string toml = read_file(s.root / "content/city-water/department.toml");
  CHECK(toml.find("\n# parent = \"\"           # the folder name (slug) of the parent department, "
                  "if any\n") != std::string::npos);
}

TEST_CASE("scaffold: --parent writes the parent, which the site and new reports then show",
          "[scaffold]") {
  Site s;
  CommandResult dept = s.run(
      {"new", "department", "city-water", "--name", "示例市水务局", "--parent", "city-finance"});
  INFO(dept.err);
  REQUIRE(dept.exit_code == 0);
  CHECK(dept.out == "created content/city-water/department.toml\n");
  CHECK(dept.err.empty());
  std::string toml = read_file(s.root / "content/city-water/department.toml");
  CHECK(toml.find("\nparent = \"city-finance\"  # the folder name (slug) of the parent "
                  "department, if any\n") != std::string::npos);
  // 主管部门 of a new report is the parent's name.
  REQUIRE(s.run({"new", "report", "city-water/2024/budget"}).exit_code == 0);
  CHECK(s.data("content/city-water/2024/budget.json")["tables"].back()["fields"][1]["value"] ==
        "示例市财政局");
  CommandResult check = s.run({"check"});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.out == "checked 3 reports of 3 departments: 0 error(s), 13 warning(s)\n");
  REQUIRE(s.run({"build"}).exit_code == 0);
  CHECK(read_file(s.root / "public/city-water/index.html")
            .find("<a href=\"../city-finance/index.html\">示例市财政局</a>") != std::string::npos);
}

TEST_CASE("scaffold: --parent must name a department of the site; nothing is written",
          "[scaffold]") {
  Site s;
  auto before = snapshot_tree(s.root);
  CommandResult missing =
      s.run({"new", "department", "city-water", "--parent", "city-water-group"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.out.empty());
  CHECK(missing.err ==
        "content/city-water-group/department.toml: error: no department 'city-water-group' in "
        "this site to be the parent; create it first with `gongkai new department "
        "city-water-group`\n");
  // A folder without department.toml is not a department.
  fs::create_directories(s.root / "content/city-water-group");
  CommandResult folder = s.run({"new", "department", "city-water", "--parent", "city-water-group"});
  CHECK(folder.exit_code == 1);
  CHECK(folder.err == missing.err);
  fs::remove(s.root / "content/city-water-group");
  // Every problem is named: the department exists already, and the parent does not.
  CommandResult both = s.run({"new", "department", "city-library", "--parent", "city-culture"});
  CHECK(both.exit_code == 1);
  CHECK(both.err ==
        "content/city-culture/department.toml: error: no department 'city-culture' in this site "
        "to be the parent; create it first with `gongkai new department city-culture`\n"
        "content/city-library/department.toml: error: already exists; gongkai new never "
        "overwrites a file\n");
  CHECK(snapshot_tree(s.root) == before);
  CHECK_FALSE(fs::exists(s.root / "content/city-water"));
}

TEST_CASE("scaffold: a report needs its department", "[scaffold]") {
  Site s;
  CommandResult r = s.run({"new", "report", "city-water/2024/budget"});
  CHECK(r.exit_code == 1);
  CHECK(r.err ==
        "content/city-water/department.toml: error: no department 'city-water' in this "
        "site; create it first with `gongkai new department city-water`\n");
  CHECK_FALSE(fs::exists(s.root / "content/city-water"));
}

TEST_CASE("scaffold: existing files are never overwritten, and each is named", "[scaffold]") {
  Site s;
  CommandResult dept = s.run({"new", "department", "city-library", "--name", "另一个名字"});
  CHECK(dept.exit_code == 1);
  CHECK(dept.err ==
        "content/city-library/department.toml: error: already exists; gongkai new never "
        "overwrites a file\n");
  CHECK(read_file(s.root / "content/city-library/department.toml").find("示例市图书馆") !=
        std::string::npos);

  auto before = snapshot_tree(s.root);
  CommandResult both = s.run({"new", "report", "city-library/2023/budget"});
  CHECK(both.exit_code == 1);
  CHECK(both.err ==
        "content/city-library/2023/budget.json: error: already exists; gongkai new never "
        "overwrites a file\n"
        "content/city-library/2023/budget.md: error: already exists; gongkai new never overwrites "
        "a file\n");
  CHECK(both.out.empty());

  // Half a report: the existing narrative stays and its data file is not written either.
  write_file(s.root / "content/city-library/2025/evaluation.md", "+++\n+++\n我的草稿\n");
  CommandResult half = s.run({"new", "report", "city-library/2025/evaluation"});
  CHECK(half.exit_code == 1);
  CHECK(half.err ==
        "content/city-library/2025/evaluation.md: error: already exists; gongkai new "
        "never overwrites a file\n");
  CHECK(read_file(s.root / "content/city-library/2025/evaluation.md") == "+++\n+++\n我的草稿\n");
  CHECK_FALSE(fs::exists(s.root / "content/city-library/2025/evaluation.json"));
  fs::remove_all(s.root / "content/city-library/2025");
  CHECK(snapshot_tree(s.root) == before);

  // A dangling symbolic link counts as a file: it is not followed, nothing is written through it.
  fs::create_directories(s.root / "content/city-library/2026");
  fs::create_symlink(s.tmp / "elsewhere.json", s.root / "content/city-library/2026/budget.json");
  CHECK(s.run({"new", "report", "city-library/2026/budget"}).exit_code == 1);
  CHECK_FALSE(fs::exists(s.tmp / "elsewhere.json"));
}

TEST_CASE("scaffold: the argument checks the CLI shares with the library", "[scaffold]") {
  std::string problem;
  std::optional<gongkai::ReportSpec> spec =
      gongkai::parse_report_spec("city-library/2024/final-accounts", problem);
  REQUIRE(spec);
  CHECK(problem.empty());
  CHECK(spec->department == "city-library");
  CHECK(spec->year == 2024);
  CHECK(spec->kind == gongkai::DocumentKind::final_accounts);
  for (const char* bad : {"", "a//budget", "a/2024/budget/", "/a/2024/budget", "a/1948/budget",
                          "a/2201/budget", "a/２０２４/budget", "a/2024/Budget"}) {
    INFO(bad);
    CHECK_FALSE(gongkai::parse_report_spec(bad, problem));
    CHECK_FALSE(problem.empty());
  }
  CHECK(gongkai::department_slug_problem("city-library").empty());
  CHECK_FALSE(gongkai::department_slug_problem("-city").empty());
  CHECK(gongkai::department_name_problem("深圳市水务局").empty());
  CHECK_FALSE(gongkai::department_name_problem("\xff\xfe").empty());

  // The library refuses what the CLI would, without touching the site.
  TempDir tmp;
  gongkai::Diagnostics diagnostics;
  CHECK(gongkai::new_department(tmp.path(), "Bad", "", "", diagnostics).empty());
  CHECK(gongkai::new_department(tmp.path(), "good", "", "Bad", diagnostics).empty());
  CHECK(diagnostics.has_errors());
  CHECK(fs::is_empty(tmp.path()));
}
