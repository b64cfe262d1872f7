// The synthetic corpus behind `bench/gen-corpus`: departments with realistic names and
// classification codes, and for each department-year a budget (12 tables, 9 narrative sections)
// whose figures add up, plus final accounts and evaluations for a third of them. Everything is
// a pure function of the seed and the department/year index, so a corpus is reproducible and a
// report can be written without the others (the 三公 figures of year Y-1 printed in the budget
// of year Y are recomputed, not remembered).
//
// The final accounts disagree with the budget of their year as real ones do, for the pages that
// compare the two: items executed below, at and above their budget, items added and dropped
// during the year; the codes change between years (renamed, replaced), and some departments
// publish in 元 rather than 万元.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corpus {

/// splitmix64: tiny, fast, and the same sequence on every platform and standard library (the
/// standard distributions are not, which would break "deterministic for a seed").
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next();
  /// Uniform in [low, high], both inclusive; low <= high.
  std::int64_t between(std::int64_t low, std::int64_t high);
  bool chance(int percent) { return between(0, 99) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(items.size()) - 1))];
  }

 private:
  std::uint64_t state_;
};

/// A seed for one stream of numbers, from the corpus seed and a few identifying integers.
std::uint64_t derive_seed(std::uint64_t seed, std::initializer_list<std::uint64_t> parts);

/// Money in hundredths of the table's unit (万元 or 元): every figure has two decimals.
using Cents = std::int64_t;

/// The amount unit a document prints. Figures are drawn in hundredths of 万元; a document in 元
/// prints each multiplied by `factor`, so that both units state the same sums exactly (and a
/// figure in 元 still has two decimals, never a float's approximation).
struct Unit {
  const char* label;
  Cents factor;
};
inline constexpr Unit kWan{"万元", 1};
inline constexpr Unit kYuan{"元", 10000};
/// Hundredths of `unit` → hundredths of 元 (project forms print 元 whatever the tables print).
inline Cents in_yuan(Cents value, Unit unit) { return value * (kYuan.factor / unit.factor); }

/// Splits `total` into `parts` non-negative amounts that add up to it exactly.
std::vector<Cents> split(Cents total, std::size_t parts, Random& random);
/// `value * percent / 100`, rounded down.
Cents percent_of(Cents value, std::int64_t percent);

// ---------------------------------------------------------------------------------------------
// JSON and text

/// A JSON string literal. Our texts hold no control characters.
std::string quote(std::string_view text);
/// JSON members: name → JSON text of the value.
using Members = std::vector<std::pair<std::string, std::string>>;
std::string object(const Members& members);
/// `[a, b, c]`; with `one_per_line`, one item per line (rows, tables).
std::string array(const std::vector<std::string>& items, bool one_per_line = false);
std::string quoted_array(const std::vector<std::string>& items);
/// "1234.50", "-0.14": two decimals, no separators (the JSON form of a figure).
std::string figure(Cents value);
/// "1,234.50": with thousands separators, for the narrative.
std::string grouped(Cents value);
/// "1,234.50 万元": a figure in the narrative.
std::string money(Cents value, Unit unit);
/// 一 … 二十四.
std::string chinese_numeral(int n);

// ---------------------------------------------------------------------------------------------
// Classification trees with amounts

/// What a leaf of a classification tree carries; a parent's amounts are its children's sums.
enum Field : std::size_t {
  kBasic,
  kProject,
  kProcurement,
  kSme,
  kMicro,
  kBusiness,
  kInformation,
  kAdministration,
  kRepair,
  kPersonnel,
  kPublic,
  kFieldCount
};
using Amounts = std::array<Cents, kFieldCount>;

/// A function (功能分类 类/款/项) or economic (经济分类 类/款) classification node.
struct CodeNode {
  std::string code;
  std::string name;
  /// Function leaves: 行政运行, 事业运行 and the like are paid from basic expenditure.
  bool basic = false;
  Amounts own{};
  std::vector<CodeNode> children;

  Amounts sum() const;
  Cents total() const { return sum()[kBasic] + sum()[kProject]; }
};

/// Every amount of the tree multiplied by `factor` (a change of unit: exact).
void scale_tree(std::vector<CodeNode>& tree, Cents factor);
/// The 款's catch-all 项 (XXXXX99 其他…支出), where spending goes that no other 项 of it names.
CodeNode other_item(const CodeNode& kuan);

/// A change of one function item between years: from `year` on, the item printed before as
/// `code` is printed as `new_code` `new_name` — the same code with another name (a revision of
/// the classification, 政府收支分类科目), or another code the spending is booked under.
struct Revision {
  int year = 0;
  std::string code;
  std::string new_code;
  std::string new_name;
};

// ---------------------------------------------------------------------------------------------
// Departments

struct Agency;

struct Department {
  int index = 0;
  std::string slug;
  std::string name;
  std::string short_name;
  std::string parent_slug;
  /// The supervising department's name, or the department's own when it has none (主管部门).
  std::string supervisor;
  std::string description;
  std::string duties;
  const Agency* agency = nullptr;
  /// The function classification the department spends on (amounts empty), as printed in the
  /// first year; `revisions` say how later years print it.
  std::vector<CodeNode> functions;
  /// In year order.
  std::vector<Revision> revisions;
  /// Most departments publish in 万元; some print everything in 元, some only their final accounts.
  Unit budget_unit = kWan;
  Unit final_unit = kWan;
  /// Three lines of work, for narratives and goals ("市场主体登记").
  std::vector<std::string> topics;
  /// Project names for the self-evaluation forms.
  std::vector<std::string> projects;
  int vehicles = 0;
  /// Size of the department: amounts scale with it.
  std::int64_t scale = 100;
};

/// The `count` departments of a corpus of `years` years from `first_year`, parents before their
/// children. Revisions of codes fall within those years.
std::vector<Department> make_departments(int count, std::uint64_t seed, int first_year, int years);

/// department.toml.
std::string department_toml(const Department& department);

// ---------------------------------------------------------------------------------------------
// Reports

struct ReportFiles {
  std::string json;
  std::string markdown;
};

ReportFiles budget_report(const Department& department, int year, std::uint64_t seed);
ReportFiles final_accounts_report(const Department& department, int year, std::uint64_t seed);
ReportFiles evaluation_report(const Department& department, int year, std::uint64_t seed);

// Shared by the report writers.

/// The 三公 figures of a department's budget for one year, in hundredths of 万元.
struct ThreePublic {
  Cents abroad = 0;
  Cents reception = 0;
  Cents purchase = 0;
  Cents upkeep = 0;
  Cents vehicles() const { return purchase + upkeep; }
  Cents total() const { return abroad + reception + vehicles(); }
  ThreePublic times(Cents factor) const {
    return {abroad * factor, reception * factor, purchase * factor, upkeep * factor};
  }
};
ThreePublic three_public_budget(const Department& department, int year, std::uint64_t seed);

/// The department's function tree with one year's amounts (basic, project and their splits), in
/// hundredths of 万元, as printed that year (the revisions up to it applied): each item has a
/// level of its own that drifts a few per cent from year to year.
std::vector<CodeNode> function_amounts(const Department& department, int year,
                                       std::uint64_t seed);
/// The economic classification of the basic (and, with `with_project`, project) spending:
/// personnel 301/303, public 302 with 30212/30217/30231 fixed to `fixed` (因公出国, 公务接待,
/// 公务用车运行维护), capital 310 (project only, 31013 = `purchase`).
std::vector<CodeNode> economic_amounts(Cents basic, Cents project, const ThreePublic& fixed,
                                       Random& random);

/// A coded row per node (preorder) for which `keep` holds; `columns` map a node's sums to cells.
struct AmountColumn {
  std::string key;
  Cents (*value)(const Amounts&);
};
std::vector<std::string> coded_rows(const std::vector<CodeNode>& tree,
                                    const std::vector<AmountColumn>& columns,
                                    bool (*keep)(const Amounts&), std::string_view code_key = "code",
                                    std::string_view name_key = "name");
Amounts tree_sum(const std::vector<CodeNode>& tree);

/// `{"key": "k", "label": "l", "type": "amount"}` and friends.
std::string column(std::string_view key, std::string_view label, std::string_view type = "",
                   const std::vector<std::string>& sum_of = {}, std::string_view serial = "");
std::string column_group(std::string_view label, const std::vector<std::string>& columns);
/// `{"id": …, "assert": …}`.
std::string check(std::string_view id, std::string_view assertion);
/// A row: `extra` members (id, level, sum_of …) and the cells.
std::string row_with(const Members& extra, const Members& cells);
/// `value * numerator / denominator`, rounded half away from zero; all non-negative.
Cents rounded_ratio(Cents value, Cents numerator, Cents denominator);

/// Front matter and body of a report's Markdown.
std::string markdown(const std::string& summary, const std::string& published,
                     const std::string& body);

/// What a project self-evaluation form states about its money, in hundredths of 元: 年初预算数,
/// 全年预算数 (the budget as adjusted during the year) and 全年执行数, at most 全年预算数.
struct ProjectFunds {
  Cents initial = 0;
  Cents budget = 0;
  Cents actual = 0;
};
/// The funds of a project that no table shows on its own line: drawn, executed at 85–100 %.
ProjectFunds random_funds(Random& random);

/// A self-evaluation form for one project (项目支出绩效自评表), in 元. `percent`: 执行率 printed
/// in per cent (决算) rather than as a ratio (绩效评价).
std::string project_form(const Department& department, int year, int number,
                         const std::string& project, const ProjectFunds& funds, bool percent,
                         Random& random);

}  // namespace corpus
