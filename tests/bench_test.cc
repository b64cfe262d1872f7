// bench/gen-corpus: the benchmark corpus must pass `gongkai check` and be reproducible, and its
// final accounts must disagree with their budgets as real ones do (for the comparison pages).
#include <catch2/catch.hpp>
#include <regex>
#include <sys/wait.h>

#include <cstdlib>
#include <map>
#include <set>

#include "base/diagnostic.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

/// Runs the gen-corpus binary on OUT with `args`; its exit status.
int gen_corpus(const fs::path& out, const std::vector<std::string>& args) {
  auto quoted = [](const std::string& s) { return "'" + s + "'"; };
  std::string command = quoted(GONGKAI_GEN_CORPUS) + " " + quoted(out.string());
  for (const std::string& a : args) command += " " + quoted(a);
  int status = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const std::vector<std::string> kSmall = {"--departments", "4", "--years", "3", "--seed", "5"};
/// Large enough to hold every kind of disagreement (all 25 agencies, two of them twice).
const std::vector<std::string> kVaried = {"--departments", "50", "--years", "4", "--seed", "1"};


const Table& table(const ReportData& report, std::string_view id) {
  const Table* t = report.find_table(id);
  INFO(report.path << ": " << id);
  REQUIRE(t);
  return *t;
}

/// A figure of `unit` in 元.
Decimal in_yuan(const Decimal& value, AmountUnit unit) {
  return unit == AmountUnit::wan_yuan ? *multiply(value, Decimal(10000, 0)) : value;
}

Decimal cell(const Table& t, const Row& row, std::string_view key) {
  int c = t.column_index(key);
  REQUIRE(c >= 0);
  return row.cells[static_cast<std::size_t>(c)].figure;
}

Decimal cell(const Table& t, std::string_view row, std::string_view key) {
  std::optional<RowPosition> at = find_row(t, row);
  INFO(t.id << "[" << row << "]");
  REQUIRE(at);
  return cell(
      t, t.sides[static_cast<std::size_t>(at->side)].rows[static_cast<std::size_t>(at->row)], key);
}

struct Item {
  std::string name;
  Decimal total;    // in 元
  Decimal project;  // in 元
};

/// The items (7-digit codes) of a coded table, by code.
std::map<std::string, Item> items(const Table& t) {
  std::map<std::string, Item> out;
  int name = t.column_index("name");
  for (const Row& row : t.sides[0].rows) {
    if (row.code.size() != 7) continue;
    out[row.code] = {row.cells[static_cast<std::size_t>(name)].text,
                     in_yuan(cell(t, row, "total"), t.unit),
                     in_yuan(cell(t, row, "project"), t.unit)};
  }
  return out;
}

/// Whether a figure in 元 restates one in 万元 exactly: whole hundreds of 元, two decimals (or
/// a zero, which the empty tables print as "0" in either unit).
bool whole_wan_cents(const Decimal& yuan) {
  if (yuan.is_zero()) return true;
  std::optional<Decimal> hundreds = divide(yuan, Decimal(100, 0), 2);
  return yuan.scale() == 2 && hundreds && *hundreds == *hundreds->rounded(0);
}

/// What a corpus shows of its final accounts against their budgets, and of its budgets from one
/// year to the next.
struct Disagreements {
  int final_accounts = 0;
  int over_budget = 0;       // items spent above their budget
  int below_85 = 0;          // items spent below 85 % of it (0 % included)
  int unspent = 0;           // budgeted items the final accounts leave out
  int added = 0;             // items of the final accounts the budget did not have
  int renamed = 0;           // a code with another name in the next year's budget
  int replaced = 0;          // a code gone from the next year's budget, another of its 款 new
  int yuan_departments = 0;  // budgets and final accounts in 元
  int yuan_final_only = 0;   // final accounts in 元, budgets in 万元
  int inexact_yuan = 0;      // figures in 元 that are no exact 万元 figure
  int three_public_as_budgeted = 0;  // final accounts whose 三公 预算数 are the budget's
  int tied_forms = 0;                // project forms tied to an item of the 支出决算表
  int tied_forms_as_budgeted = 0;    // … whose 年初预算数 is the budget's figure of the item
  int forms_over_initial = 0;        // … spent beyond their 年初预算数 (a mid-year addition)
};

void count_inexact(const ReportData& report, Disagreements& out) {
  if (report.unit != AmountUnit::yuan) return;
  for (const Table& t : report.tables) {
    if (t.is_form()) continue;  // project forms print 元 in every report
    for (const Side& side : t.sides) {
      for (const Row& row : side.rows) {
        for (int c : side.columns) {
          const Cell& x = row.cells[static_cast<std::size_t>(c)];
          bool amount = t.columns[static_cast<std::size_t>(c)].type == ColumnType::amount;
          if (amount && x.kind == CellKind::figure && !whole_wan_cents(x.figure)) {
            ++out.inexact_yuan;
          }
        }
      }
    }
  }
}

void compare_years(const std::map<std::string, Item>& before,
                   const std::map<std::string, Item>& after, Disagreements& out) {
  std::set<std::string> gone, kuans_new;
  for (const auto& [code, item] : before) {
    auto later = after.find(code);
    if (later == after.end()) {
      gone.insert(code.substr(0, 5));
    } else if (later->second.name != item.name) {
      ++out.renamed;
    }
  }
  for (const auto& [code, item] : after) {
    if (!before.contains(code) && gone.contains(code.substr(0, 5))) ++out.replaced;
  }
}

void compare_final(const ReportData& budget, const ReportData& final_accounts, Disagreements& out) {
  ++out.final_accounts;
  std::map<std::string, Item> planned = items(table(budget, "function"));
  std::map<std::string, Item> spent = items(table(final_accounts, "expenditure"));
  for (const auto& [code, item] : planned) {
    auto actual = spent.find(code);
    if (actual == spent.end()) {
      ++out.unspent;
    } else if (actual->second.total > item.total) {
      ++out.over_budget;
    } else if (*multiply(actual->second.total, Decimal(100, 0)) <
               *multiply(item.total, Decimal(85, 0))) {
      ++out.below_85;
    }
  }
  for (const auto& [code, item] : spent) out.added += planned.contains(code) ? 0 : 1;
  const Table& three = table(budget, "three-public");
  const Table& final_three = table(final_accounts, "three-public");
  bool same = true;
  for (const char* key : {"total", "abroad", "reception", "vehicles", "purchase", "upkeep"}) {
    same = same && in_yuan(cell(three, "y" + std::to_string(budget.year), key), three.unit) ==
                       in_yuan(cell(final_three, "all", std::string("b_") + key), final_three.unit);
  }
  out.three_public_as_budgeted += same ? 1 : 0;
  for (const DeclaredCheck& c : final_accounts.checks) {
    // "p01.funds[total].actual = expenditure[2013804].project"
    std::size_t at = c.assertion.find("= expenditure[");
    if (!c.assertion.starts_with("p") || at == std::string::npos) continue;
    std::string code = c.assertion.substr(at + 14, 7);
    const Table& funds = table(final_accounts, c.id.substr(0, 3) + ".funds");
    ++out.tied_forms;
    out.tied_forms_as_budgeted +=
        cell(funds, "total", "initial") == planned.at(code).project ? 1 : 0;
    out.forms_over_initial +=
        cell(funds, "total", "actual") > cell(funds, "total", "initial") ? 1 : 0;
  }
}

/// Reads every report of the corpus under `site`.
Disagreements disagreements(const fs::path& site) {
  Disagreements out;
  for (const auto& department : fs::directory_iterator(site / "content")) {
    std::optional<std::map<std::string, Item>> before;
    std::set<AmountUnit> budget_units, final_units;
    for (int year = 2015; fs::exists(department.path() / std::to_string(year)); ++year) {
      fs::path dir = department.path() / std::to_string(year);
      ReportData budget = load_report_file(dir / "budget.json");
      budget_units.insert(budget.unit);
      count_inexact(budget, out);
      std::map<std::string, Item> now = items(table(budget, "function"));
      if (before) compare_years(*before, now, out);
      before = now;
      if (!fs::exists(dir / "final-accounts.json")) continue;
      ReportData final_accounts = load_report_file(dir / "final-accounts.json");
      final_units.insert(final_accounts.unit);
      count_inexact(final_accounts, out);
      compare_final(budget, final_accounts, out);
    }
    if (budget_units.contains(AmountUnit::yuan)) {
      ++out.yuan_departments;
    } else if (final_units.contains(AmountUnit::yuan)) {
      ++out.yuan_final_only;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("bench: gen-corpus writes a site that gongkai check passes", "[bench]") {
  TempDir tmp;
  REQUIRE(gen_corpus(tmp / "site", kSmall) == 0);
  CommandResult check = run_gongkai({"check", "--source", (tmp / "site").string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  // 4 × 3 budgets, and final accounts and evaluations for every third department-year.
  CHECK(check.out.find("checked 20 reports of 4 departments: 0 error(s), 0 warning(s)") !=
        std::string::npos);
  CHECK(fs::is_regular_file(tmp / "site/content/shenzhen-public-credit-center/2015/evaluation.json"));
}

TEST_CASE("bench: gen-corpus gives the same bytes for a seed, other bytes for another", "[bench]") {
  TempDir tmp;
  REQUIRE(gen_corpus(tmp / "a", kSmall) == 0);
  REQUIRE(gen_corpus(tmp / "b", kSmall) == 0);
  CHECK(snapshot_tree(tmp / "a") == snapshot_tree(tmp / "b"));
  std::vector<std::string> other = kSmall;
  other.back() = "6";
  REQUIRE(gen_corpus(tmp / "c", other) == 0);
  CHECK(snapshot_tree(tmp / "a") != snapshot_tree(tmp / "c"));
  // Writing again over an earlier corpus replaces it with the same bytes.
  REQUIRE(gen_corpus(tmp / "c", kSmall) == 0);
  CHECK(snapshot_tree(tmp / "a") == snapshot_tree(tmp / "c"));
}

TEST_CASE("bench: gen-corpus leaves a folder that is not a corpus alone", "[bench]") {
  TempDir tmp;
  write_file(tmp / "mine/notes.txt", "keep me");
  CHECK(gen_corpus(tmp / "mine", kSmall) != 0);
  CHECK(read_file(tmp / "mine/notes.txt") == "keep me");
  CHECK_FALSE(fs::exists(tmp / "mine/content"));
}

TEST_CASE("bench: gen-corpus final accounts disagree with their budgets as real ones do",
          "[bench]") {
  TempDir tmp;
  REQUIRE(gen_corpus(tmp / "site", kVaried) == 0);
  CommandResult check = run_gongkai({"check", "--source", (tmp / "site").string()});
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("checked 334 reports of 50 departments: 0 error(s), 0 warning(s)") !=
        std::string::npos);

  Disagreements d = disagreements(tmp / "site");
  CHECK(d.final_accounts == 67);
  // Execution: mostly within 85–100 %, but some items above budget (追加预算), some well below
  // or not at all, some dropped, some added during the year.
  CHECK(d.over_budget > 0);
  CHECK(d.below_85 > 0);
  CHECK(d.unspent > 0);
  CHECK(d.added > 0);
  // From one year to the next: a code renamed by a revision of the classification, a code
  // replaced by another of the same 款.
  CHECK(d.renamed > 0);
  CHECK(d.replaced > 0);
  // Units: some departments print 元 throughout, some only in their final accounts; their
  // figures restate 万元 figures exactly.
  CHECK(d.yuan_departments > 0);
  CHECK(d.yuan_final_only > 0);
  CHECK(d.inexact_yuan == 0);
  // The budget's figures where final accounts print them: every 三公 预算数, and the 年初预算数
  // of every project form that covers a whole item.
  CHECK(d.three_public_as_budgeted == d.final_accounts);
  CHECK(d.tied_forms > 0);
  CHECK(d.tied_forms_as_budgeted == d.tied_forms);
  CHECK(d.forms_over_initial > 0);
}

TEST_CASE("bench: a year's function classes add up the corpus's departments once each", "[bench]") {
  TempDir tmp;
  REQUIRE(gen_corpus(tmp / "site", kVaried) == 0);
  CommandResult build = run_gongkai({"build", "--quiet", "--source", (tmp / "site").string(),
                                     "--output", (tmp / "out").string()});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  int budgets = 0;
  for (const auto& entry : fs::recursive_directory_iterator(tmp / "site/content")) {
    budgets += entry.path().generic_string().ends_with("/2018/budget.json");
  }
  std::string page = read_file(tmp / "out/years/2018/functions/index.html");
  // Too many departments to name: counted, and contained in a parent's budget, by number.
  std::smatch basis;
  REQUIRE(std::regex_search(page, basis, std::regex("部门预算合计计入 ([0-9]+) 个部门。另有 ([0-9]+) 个下级单位已含于其上级部门的部门预算，未重复计入。")));
  int counted = std::stoi(basis[1]), contained = std::stoi(basis[2]);
  CHECK(counted + contained == budgets);
  CHECK(contained > 0);
  // The budget section's rows are the counted departments, and its 合计 the exact sum of their
  // figures as the page prints them.
  std::size_t start = page.find("id=\"classes-budget\"");
  std::string section = page.substr(start, page.find("</table>", start) - start);
  std::string body = section.substr(section.find("<tbody>"), section.find("</tbody>") - section.find("<tbody>"));
  // A figure's link has a title; the links to each unit's row of a sum of units do not.
  std::regex figure("title=\"[^\"]*\">([-0-9,.]+)</a>");
  Decimal sum;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), figure); it != std::sregex_iterator(); ++it) {
    sum = *add(sum, *Decimal::parse(std::regex_replace((*it)[1].str(), std::regex(","), "")));
  }
  std::ptrdiff_t rows = 0;
  for (std::size_t at = body.find("<tr>"); at != std::string::npos; at = body.find("<tr>", at + 1)) ++rows;
  CHECK(rows == counted);
  std::smatch total;
  REQUIRE(std::regex_search(section, total, std::regex("合计（([-0-9,.]+)）")));
  CHECK(*Decimal::parse(std::regex_replace(total[1].str(), std::regex(","), "")) == sum);
}
