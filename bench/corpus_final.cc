// Final accounts (部门决算: tables 一–九 and project self-evaluation forms) and performance
// evaluations (绩效评价: the department's self-evaluation, its score sheet and ten project
// forms) for one department-year. A final account is its year's budget as executed: each item
// at a rate of its own, some above their budget, some unspent, a mid-year allocation now and
// then; it prints the budget's figures where real final accounts do (the 三公 预算数, a
// project's 年初预算数).
#include <algorithm>
#include <map>

#include "corpus.h"

namespace corpus {

namespace {

const std::vector<std::pair<const char*, const char*>>& all_classes() {
  static const std::vector<std::pair<const char*, const char*>> list = {
      {"201", "一般公共服务支出"}, {"202", "外交支出"}, {"203", "国防支出"},
      {"204", "公共安全支出"}, {"205", "教育支出"}, {"206", "科学技术支出"},
      {"207", "文化旅游体育与传媒支出"}, {"208", "社会保障和就业支出"}, {"210", "卫生健康支出"},
      {"211", "节能环保支出"}, {"212", "城乡社区支出"}, {"213", "农林水支出"},
      {"214", "交通运输支出"}, {"215", "资源勘探工业信息等支出"}, {"216", "商业服务业等支出"},
      {"217", "金融支出"}, {"219", "援助其他地区支出"}, {"220", "自然资源海洋气象等支出"},
      {"221", "住房保障支出"}, {"222", "粮油物资储备支出"}, {"223", "国有资本经营预算支出"},
      {"224", "灾害防治及应急管理支出"}, {"229", "其他支出"}, {"232", "债务付息支出"}};
  return list;
}

Cents total_of(const Amounts& a) { return a[kBasic] + a[kProject]; }
Cents basic_of(const Amounts& a) { return a[kBasic]; }
Cents project_of(const Amounts& a) { return a[kProject]; }
Cents zero_of(const Amounts&) { return 0; }
bool keep_all(const Amounts&) { return true; }
bool has_personnel(const Amounts& a) { return a[kPersonnel] > 0; }
bool has_public(const Amounts& a) { return a[kPublic] > 0; }

/// One final account being written.
struct Final {
  const Department& department;
  int year;
  /// The budget of the year, by function code: what the items were executed against.
  std::vector<CodeNode> budget;
  std::vector<CodeNode> functions;
  /// Income by function code: the spending, plus what was added to the carry-over (booked on
  /// the first item), so that the income table adds up to the year's income.
  std::vector<CodeNode> income_functions;
  std::vector<CodeNode> economic;
  ThreePublic budgeted;
  ThreePublic actual;
  Amounts sums{};
  Cents opening = 0;
  Cents closing = 0;
  Unit unit = kWan;

  Cents spending() const { return total_of(sums); }
  Cents income() const { return spending() + closing - opening; }
  /// "1,234.50 万元" in the final account's unit.
  std::string money(Cents value) const { return corpus::money(value, unit); }
};

/// execution_percent's mark for an item left out of the final accounts.
constexpr std::int64_t kUnspent = -1;

/// How much of a budgeted item was spent, in per cent (预算执行). Most items 85–100 %. Basic
/// items (行政运行, pensions …) always run, a tenth of them above budget (pay rises). Project
/// items vary more: one in seven above budget (追加预算, a mid-year addition, up to 160 %), some
/// well below, a few barely started or not at all — printed as 0.00 (1 %), or, more often, left
/// out of the final accounts, which print only what was spent (kUnspent, 5 %).
std::int64_t execution_percent(const CodeNode& item, Random& random) {
  std::int64_t roll = random.between(0, 99);
  if (item.basic) return roll < 90 ? random.between(85, 100) : random.between(101, 115);
  if (roll < 72) return random.between(85, 100);
  if (roll < 86) return random.between(101, 160);
  if (roll < 90) return random.between(40, 84);
  if (roll < 94) return random.between(1, 39);
  if (roll < 95) return 0;
  return kUnspent;
}

/// One 款's items as executed: each at its own rate; an unspent item dropped, unless it is the
/// last the 款 would keep (a 款 without items is not printed either, and the corpus keeps its
/// classes from budget to final accounts).
void execute_items(CodeNode& kuan, Random& random) {
  std::vector<CodeNode> spent;
  for (std::size_t i = 0; i < kuan.children.size(); ++i) {
    CodeNode& item = kuan.children[i];
    std::int64_t percent = execution_percent(item, random);
    bool last_chance = spent.empty() && i + 1 == kuan.children.size();
    if (percent == kUnspent && !last_chance) continue;
    if (percent == kUnspent) percent = random.between(1, 39);
    for (Cents& amount : item.own) amount = percent_of(amount, percent);
    spent.push_back(std::move(item));
  }
  kuan.children = std::move(spent);
}

/// Actual spending: the budget's items executed (execute_items).
void execute(std::vector<CodeNode>& tree, Random& random) {
  for (CodeNode& lei : tree) {
    for (CodeNode& kuan : lei.children) execute_items(kuan, random);
  }
}

/// In one final account in five, a mid-year allocation (年中追加) spent under an item the budget
/// did not have: the catch-all item (XXXXX99) of one of the department's project 款.
void add_unbudgeted(std::vector<CodeNode>& tree, std::int64_t scale, Random& random) {
  if (!random.chance(20)) return;
  std::vector<CodeNode*> open;
  for (CodeNode& lei : tree) {
    for (CodeNode& kuan : lei.children) {
      std::string other = other_item(kuan).code;
      bool projects = false, has_other = false;
      for (const CodeNode& item : kuan.children) {
        projects = projects || !item.basic;
        has_other = has_other || item.code == other;
      }
      if (projects && !has_other) open.push_back(&kuan);
    }
  }
  if (open.empty()) return;
  auto at = random.between(0, static_cast<std::int64_t>(open.size()) - 1);
  CodeNode& kuan = *open[static_cast<std::size_t>(at)];
  CodeNode item = other_item(kuan);
  item.own[kProject] = random.between(scale * 100, scale * 1500);
  kuan.children.push_back(std::move(item));  // 99 sorts last
}

/// The items (项) of a tree by code.
std::map<std::string, const CodeNode*> items_by_code(const std::vector<CodeNode>& tree) {
  std::map<std::string, const CodeNode*> out;
  for (const CodeNode& lei : tree) {
    for (const CodeNode& kuan : lei.children) {
      for (const CodeNode& item : kuan.children) out[item.code] = &item;
    }
  }
  return out;
}

/// The final account's figures, drawn in 万元, restated in `unit` (exactly: 元 = 万元 × 10,000).
void in_unit(Final& f, Unit unit) {
  f.unit = unit;
  scale_tree(f.budget, unit.factor);
  scale_tree(f.functions, unit.factor);
  scale_tree(f.economic, unit.factor);
  f.budgeted = f.budgeted.times(unit.factor);
  f.actual = f.actual.times(unit.factor);
  f.opening *= unit.factor;
  f.closing *= unit.factor;
  f.sums = tree_sum(f.functions);
}

ThreePublic executed(const ThreePublic& budget, Random& random) {
  ThreePublic out;
  out.abroad = percent_of(budget.abroad, random.between(0, 100));
  out.reception = std::max<Cents>(1, percent_of(budget.reception, random.between(20, 100)));
  out.upkeep = std::max<Cents>(1, percent_of(budget.upkeep, random.between(60, 100)));
  out.purchase = 0;
  return out;
}

Members head(const Final& f, std::string_view id, std::string_view number, std::string_view title) {
  return {{"id", quote(id)}, {"number", quote(number)}, {"title", quote(title)}, {"unit", quote(f.unit.label)}};
}

std::string line_row(const Members& extra, const std::string& item_key, const std::string& item,
                     const std::string& line_key, int line, const Members& amounts) {
  Members cells;
  if (!item.empty()) cells.emplace_back(item_key, quote(item));
  cells.emplace_back(line_key, std::to_string(line));
  for (const auto& a : amounts) cells.push_back(a);
  return row_with(extra, cells);
}

std::string side(std::string_view label, const std::vector<std::string>& columns,
                 const std::vector<std::string>& rows) {
  return object({{"label", quote(label)}, {"columns", array(columns)}, {"rows", array(rows, true)}});
}

/// The 支出 half of 表一/表四: every function class, ours with figures and an id.
std::vector<std::string> class_lines(const Final& f, const std::string& id_prefix, int& line,
                                     const std::vector<std::string>& keys) {
  std::vector<std::string> rows;
  int n = 0;
  for (const auto& [code, name] : all_classes()) {
    auto ours = std::find_if(f.functions.begin(), f.functions.end(),
                             [&](const CodeNode& c) { return c.code == code; });
    Cents amount = ours == f.functions.end() ? 0 : ours->total();
    Members extra;
    if (ours != f.functions.end()) extra.emplace_back("id", quote(id_prefix + code));
    Members amounts;
    for (std::size_t k = 0; k < keys.size(); ++k) amounts.emplace_back(keys[k], figure(k < 2 ? amount : 0));
    rows.push_back(line_row(extra, "spending_item", chinese_numeral(++n) + "、" + name, "spending_line", line++, amounts));
  }
  return rows;
}

std::string income_expenditure_table(const Final& f) {
  static const char* const kIncome[] = {"一般公共预算财政拨款收入", "政府性基金预算财政拨款收入",
                                        "国有资本经营预算财政拨款收入", "上级补助收入", "事业收入",
                                        "经营收入", "附属单位上缴收入", "其他收入"};
  std::vector<std::string> income;
  int line = 1;
  for (int i = 0; i < 8; ++i) {
    income.push_back(line_row({}, "income_item", chinese_numeral(i + 1) + "、" + kIncome[i], "income_line", line++,
                              {{"income", figure(i == 0 ? f.income() : 0)}}));
  }
  while (income.size() < all_classes().size()) income.push_back(line_row({}, "", "", "income_line", line++, {}));
  auto id = [](const char* name) { return Members{{"id", quote(name)}}; };
  income.push_back(line_row({{"id", quote("income-current")}, {"sum_of", quote("above")}}, "income_item", "本年收入合计", "income_line", line++, {{"income", figure(f.income())}}));
  income.push_back(line_row(id("income-nonfiscal"), "income_item", "使用非财政拨款结余", "income_line", line++, {{"income", figure(0)}}));
  income.push_back(line_row(id("income-carryover"), "income_item", "年初结转和结余", "income_line", line++, {{"income", figure(f.opening)}}));
  income.push_back(line_row({{"id", quote("income-total")}, {"sum_of", quoted_array({"income-current", "income-nonfiscal", "income-carryover"})}},
                            "income_item", "总计", "income_line", line++, {{"income", figure(f.income() + f.opening)}}));
  std::vector<std::string> spending = class_lines(f, "s", line, {"spending"});
  spending.push_back(line_row({{"id", quote("spending-current")}, {"sum_of", quote("above")}}, "spending_item", "本年支出合计", "spending_line", line++, {{"spending", figure(f.spending())}}));
  spending.push_back(line_row(id("spending-distribution"), "spending_item", "结余分配", "spending_line", line++, {{"spending", figure(0)}}));
  spending.push_back(line_row(id("spending-carryover"), "spending_item", "年末结转和结余", "spending_line", line++, {{"spending", figure(f.closing)}}));
  spending.push_back(line_row({{"id", quote("spending-total")}, {"sum_of", quoted_array({"spending-current", "spending-distribution", "spending-carryover"})}},
                              "spending_item", "总计", "spending_line", line++, {{"spending", figure(f.spending() + f.closing)}}));
  Members table = head(f, "income-expenditure", "一", "收入支出决算总表");
  table.emplace_back("sides", array({side("收入", {column("income_item", "项目", "", {}, "栏次"), column("income_line", "行次", "number"), column("income", "决算数", "amount", {}, "1")}, income),
                                     side("支出", {column("spending_item", "项目", "", {}, "栏次"), column("spending_line", "行次", "number"), column("spending", "决算数", "amount", {}, "2")}, spending)}, true));
  table.emplace_back("notes", quoted_array({"1. 本表反映部门本年度的总收支和年末结转结余情况。", "2. 本套报表金额单位转换时可能存在尾数误差。"}));
  table.emplace_back("checks", array({check("balance", "[income-total].income = [spending-total].spending")}));
  return object(table);
}

std::vector<std::string> code_name_columns() {
  return {column_group("项目", {column("code", "功能分类科目编码", "code"), column("name", "科目名称", "", {}, "栏次")})};
}

/// 表二/三/五: a 合计 row (sum of the 类 rows), then the coded rows.
std::string coded_final_table(const std::vector<CodeNode>& tree, Members table,
                              std::vector<std::string> columns,
                              const std::vector<AmountColumn>& values) {
  Members cells = {{"name", quote("合计")}};
  Amounts sums = tree_sum(tree);
  for (const AmountColumn& c : values) cells.emplace_back(c.key, figure(c.value(sums)));
  std::vector<std::string> rows = {row_with({{"id", quote("sum")}, {"sum_of", quote("codes")}}, cells)};
  for (std::string& row : coded_rows(tree, values, keep_all)) rows.push_back(std::move(row));
  table.emplace_back("columns", array(columns));
  table.emplace_back("rows", array(rows, true));
  return object(table);
}

std::string income_table(const Final& f) {
  std::vector<std::string> columns = code_name_columns();
  std::vector<std::string> keys = {"appropriation", "superior", "business", "operating", "affiliated", "other"};
  const char* labels[] = {"财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"};
  columns.push_back(column("total", "本年收入合计", "amount", keys, "1"));
  for (std::size_t i = 0; i < keys.size(); ++i) columns.push_back(column(keys[i], labels[i], "amount", {}, std::to_string(i + 2)));
  std::vector<AmountColumn> values = {{"total", total_of}, {"appropriation", total_of}};
  for (std::size_t i = 1; i < keys.size(); ++i) values.push_back({keys[i], zero_of});
  Members table = head(f, "income", "二", "收入决算表");
  table.emplace_back("notes", quoted_array({"本表反映部门本年度取得的各项收入情况。"}));
  return coded_final_table(f.income_functions, table, columns, values);
}

std::string expenditure_table(const Final& f) {
  std::vector<std::string> columns = code_name_columns();
  std::vector<std::string> keys = {"basic", "project", "to_superior", "operating", "to_affiliated"};
  const char* labels[] = {"基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"};
  columns.push_back(column("total", "本年支出合计", "amount", keys, "1"));
  for (std::size_t i = 0; i < keys.size(); ++i) columns.push_back(column(keys[i], labels[i], "amount", {}, std::to_string(i + 2)));
  std::vector<AmountColumn> values = {{"total", total_of}, {"basic", basic_of}, {"project", project_of},
                                      {"to_superior", zero_of}, {"operating", zero_of}, {"to_affiliated", zero_of}};
  Members table = head(f, "expenditure", "三", "支出决算表");
  table.emplace_back("notes", quoted_array({"本表反映部门本年度各项支出情况。"}));
  return coded_final_table(f.functions, table, columns, values);
}

std::string general_table(const Final& f) {
  std::vector<std::string> columns = code_name_columns();
  columns.push_back(column("total", "本年支出合计", "amount", {"basic", "project"}, "1"));
  columns.push_back(column("basic", "基本支出", "amount", {}, "2"));
  columns.push_back(column("project", "项目支出", "amount", {}, "3"));
  Members table = head(f, "general", "五", "一般公共预算财政拨款支出决算表");
  table.emplace_back("notes", quoted_array({"本表反映部门本年度一般公共预算财政拨款实际支出情况。"}));
  return coded_final_table(f.functions, table, columns, {{"total", total_of}, {"basic", basic_of}, {"project", project_of}});
}

std::string fiscal_table(const Final& f) {
  std::vector<std::string> income;
  int line = 1;
  const char* kinds[] = {"一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"};
  for (int i = 0; i < 3; ++i) {
    income.push_back(line_row({}, "income_item", chinese_numeral(i + 1) + "、" + kinds[i], "income_line", line++, {{"amount", figure(i == 0 ? f.income() : 0)}}));
  }
  while (income.size() < all_classes().size()) income.push_back(line_row({}, "", "", "income_line", line++, {}));
  income.push_back(line_row({{"id", quote("income-current")}, {"sum_of", quote("above")}}, "income_item", "本年收入合计", "income_line", line++, {{"amount", figure(f.income())}}));
  income.push_back(line_row({{"id", quote("income-carryover")}, {"sum_of", quote("children")}}, "income_item", "年初财政拨款结转和结余", "income_line", line++, {{"amount", figure(f.opening)}}));
  for (int i = 0; i < 3; ++i) {
    income.push_back(line_row({{"level", "2"}}, "income_item", kinds[i], "income_line", line++, {{"amount", figure(i == 0 ? f.opening : 0)}}));
  }
  income.push_back(line_row({{"id", quote("income-total")}, {"sum_of", quoted_array({"income-current", "income-carryover"})}}, "income_item", "总计", "income_line", line++, {{"amount", figure(f.income() + f.opening)}}));
  std::vector<std::string> keys = {"total", "general", "fund", "capital"};
  std::vector<std::string> spending = class_lines(f, "f", line, keys);
  auto amounts = [&](Cents v) { return Members{{"total", figure(v)}, {"general", figure(v)}, {"fund", figure(0)}, {"capital", figure(0)}}; };
  spending.push_back(line_row({{"id", quote("spending-current")}, {"sum_of", quote("above")}}, "spending_item", "本年支出合计", "spending_line", line++, amounts(f.spending())));
  spending.push_back(line_row({{"id", quote("spending-carryover")}}, "spending_item", "年末财政拨款结转和结余", "spending_line", line++, amounts(f.closing)));
  while (spending.size() + 1 < income.size()) spending.push_back("{}");
  spending.push_back(line_row({{"id", quote("spending-total")}, {"sum_of", quoted_array({"spending-current", "spending-carryover"})}}, "spending_item", "总计", "spending_line", line++, amounts(f.spending() + f.closing)));
  Members table = head(f, "fiscal", "四", "财政拨款收入支出决算总表");
  table.emplace_back("sides", array({side("收入", {column("income_item", "项目", "", {}, "栏次"), column("income_line", "行次", "number"), column("amount", "金额", "amount", {}, "1")}, income),
                                     side("支出", {column("spending_item", "项目", "", {}, "栏次"), column("spending_line", "行次", "number"),
                                                   column("total", "合计", "amount", {"general", "fund", "capital"}, "2"), column("general", "一般公共预算财政拨款", "amount", {}, "3"),
                                                   column("fund", "政府性基金预算财政拨款", "amount", {}, "4"), column("capital", "国有资本经营预算财政拨款", "amount", {}, "5")}, spending)}, true));
  table.emplace_back("notes", quoted_array({"本表反映部门本年度财政拨款的总收支和年末结转结余情况。"}));
  table.emplace_back("checks", array({check("balance", "[income-total].amount = [spending-total].total")}));
  return object(table);
}

std::string basic_detail_table(const Final& f) {
  std::vector<AmountColumn> personnel = {{"p_amount", [](const Amounts& a) { return a[kPersonnel]; }}};
  std::vector<AmountColumn> pub = {{"u_amount", [](const Amounts& a) { return a[kPublic]; }}};
  std::vector<std::string> left = coded_rows(f.economic, personnel, has_personnel, "p_code", "p_name");
  std::vector<std::string> right = coded_rows(f.economic, pub, has_public, "u_code", "u_name");
  std::size_t lines = std::max(left.size(), right.size());
  while (left.size() < lines) left.push_back("{}");
  while (right.size() < lines) right.push_back("{}");
  Amounts sums = tree_sum(f.economic);
  left.push_back(row_with({{"id", quote("personnel-total")}, {"sum_of", quote("codes")}}, {{"p_name", quote("人员经费合计")}, {"p_amount", figure(sums[kPersonnel])}}));
  right.push_back(row_with({{"id", quote("public-total")}, {"sum_of", quote("codes")}}, {{"u_name", quote("公用经费合计")}, {"u_amount", figure(sums[kPublic])}}));
  Members table = head(f, "basic", "六", "一般公共预算财政拨款基本支出决算明细表");
  table.emplace_back("sides", array({side("人员经费", {column("p_code", "经济分类科目编码", "code"), column("p_name", "科目名称"), column("p_amount", "金额", "amount")}, left),
                                     side("公用经费", {column("u_code", "经济分类科目编码", "code"), column("u_name", "科目名称"), column("u_amount", "金额", "amount")}, right)}, true));
  table.emplace_back("notes", quoted_array({"本表反映部门本年度一般公共预算财政拨款基本支出明细情况。"}));
  return object(table);
}

std::string empty_fund_table(const Final& f, const char* id, const char* number, const char* title, bool with_balances) {
  std::vector<std::string> columns = code_name_columns();
  Members cells = {{"name", quote("合计")}};
  int serial = 1;
  if (with_balances) {
    columns.push_back(column("opening", "年初结转和结余", "amount", {}, std::to_string(serial++)));
    columns.push_back(column("income", "本年收入", "amount", {}, std::to_string(serial++)));
    cells.emplace_back("opening", "0.00");
    cells.emplace_back("income", "0.00");
  }
  columns.push_back(column_group("本年支出", {column("spending", "小计", "amount", {"basic", "project"}, std::to_string(serial)),
                                              column("basic", "基本支出", "amount", {}, std::to_string(serial + 1)),
                                              column("project", "项目支出", "amount", {}, std::to_string(serial + 2))}));
  for (const char* key : {"spending", "basic", "project"}) cells.emplace_back(key, "0.00");
  if (with_balances) {
    columns.push_back(column("closing", "年末结转和结余", "amount", {}, std::to_string(serial + 3)));
    cells.emplace_back("closing", "0.00");
  }
  Members table = head(f, id, number, title);
  table.emplace_back("empty", "true");
  table.emplace_back("columns", array(columns));
  table.emplace_back("rows", array({row_with({{"id", quote("sum")}, {"total", "true"}}, cells)}));
  table.emplace_back("notes", quoted_array({"本表本年度无发生额。"}));
  return object(table);
}

std::string three_public_final(const Final& f) {
  auto group = [](const char* prefix, const char* label, int serial) {
    std::string p = prefix;
    auto s = [&](int i) { return std::to_string(serial + i); };
    return column_group(label, {column(p + "total", "合计", "amount", {p + "abroad", p + "vehicles", p + "reception"}, s(0)),
                                column(p + "abroad", "因公出国（境）费", "amount", {}, s(1)),
                                column_group("公务用车购置及运行维护费", {column(p + "vehicles", "小计", "amount", {p + "purchase", p + "upkeep"}, s(2)),
                                                                            column(p + "purchase", "公务用车购置费", "amount", {}, s(3)),
                                                                            column(p + "upkeep", "公务用车运行维护费", "amount", {}, s(4))}),
                                column(p + "reception", "公务接待费", "amount", {}, s(5))});
  };
  Members cells;
  for (auto [prefix, v] : {std::pair<std::string, ThreePublic>{"b_", f.budgeted}, {"a_", f.actual}}) {
    cells.emplace_back(prefix + "total", figure(v.total()));
    cells.emplace_back(prefix + "abroad", figure(v.abroad));
    cells.emplace_back(prefix + "vehicles", figure(v.vehicles()));
    cells.emplace_back(prefix + "purchase", figure(v.purchase));
    cells.emplace_back(prefix + "upkeep", figure(v.upkeep));
    cells.emplace_back(prefix + "reception", figure(v.reception));
  }
  Members table = head(f, "three-public", "九", "财政拨款“三公”经费支出决算表");
  table.emplace_back("columns", array({group("b_", "预算数", 1), group("a_", "决算数", 7)}));
  table.emplace_back("rows", array({row_with({{"id", quote("all")}}, cells)}));
  table.emplace_back("notes", quoted_array({"本表反映部门本年度“三公”经费支出预决算情况。"}));
  return object(table);
}

std::vector<std::string> final_checks(const Final& f) {
  std::vector<std::string> checks = {
      check("income-vs-income-table", "income-expenditure[income-current].income = income[sum].total"),
      check("spending-vs-expenditure-table", "income-expenditure[spending-current].spending = expenditure[sum].total"),
      check("carryover-vs-fiscal", "income-expenditure[income-carryover].income = fiscal[income-carryover].amount"),
      check("fiscal-income-vs-income-table", "fiscal[income-current].amount = income[sum].appropriation"),
      check("fiscal-vs-general", "fiscal[spending-current].general = general[sum].total"),
      check("general-vs-expenditure-basic", "general[sum].basic = expenditure[sum].basic"),
      check("general-vs-expenditure-project", "general[sum].project = expenditure[sum].project"),
      check("basic-detail-vs-general", "basic[personnel-total].p_amount + basic[public-total].u_amount = general[sum].basic"),
      check("three-public-reception", "three-public[all].a_reception = basic[30217].u_amount"),
      check("three-public-upkeep", "three-public[all].a_upkeep = basic[30231].u_amount"),
      check("fund-empty", "fiscal[spending-current].fund = fund[sum].spending"),
      check("capital-empty", "fiscal[spending-current].capital = capital[sum].spending")};
  if (f.actual.abroad > 0) checks.push_back(check("three-public-abroad", "three-public[all].a_abroad = basic[30212].u_amount"));
  for (const CodeNode& lei : f.functions) {
    checks.push_back(check("class-" + lei.code, "income-expenditure[s" + lei.code + "].spending = expenditure[" + lei.code + "].total"));
    checks.push_back(check("fiscal-" + lei.code, "fiscal[f" + lei.code + "].general = general[" + lei.code + "].total"));
  }
  return checks;
}

/// "12.4%": `part` of `whole` in per cent, one decimal, rounded half away from zero.
std::string percent_text(Cents part, Cents whole) {
  Cents tenths = rounded_ratio(part, 1000, whole);
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + "%";
}

/// "A、B等": the first three names of a list.
std::string names_text(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 3; ++i) out += (i ? "、" : "") + names[i];
  return out + (names.size() > 1 ? "等" : "");
}

/// The spending against the budget (比年初预算数增加…), as the disclosures explain it: what was
/// added during the year, what was spent beyond its budget, what was not spent.
std::string against_budget(const Final& f) {
  Cents budget = total_of(tree_sum(f.budget));
  Cents spent = f.spending();
  std::string out = "一般公共预算财政拨款支出 " + f.money(spent) + "，";
  if (spent == budget) {
    out += "与年初预算数持平。";
  } else {
    Cents change = spent > budget ? spent - budget : budget - spent;
    out += std::string("比年初预算数") + (spent > budget ? "增加 " : "减少 ") + f.money(change) + "，" +
           (spent > budget ? "增长 " : "下降 ") + percent_text(change, budget) + "。";
  }
  std::map<std::string, const CodeNode*> planned = items_by_code(f.budget);
  std::map<std::string, const CodeNode*> spent_items = items_by_code(f.functions);
  std::vector<std::string> added, over, unspent;
  for (const auto& [code, item] : spent_items) {
    auto plan = planned.find(code);
    if (plan == planned.end()) {
      added.push_back(item->name);
    } else if (item->total() > plan->second->total()) {
      over.push_back(item->name);
    }
  }
  for (const auto& [code, item] : planned) {
    if (!spent_items.contains(code)) unspent.push_back(item->name);
  }
  if (!added.empty()) out += names_text(added) + "为年中追加，年初预算未安排。";
  if (!over.empty()) out += names_text(over) + "超过年初预算数，主要是年中追加预算。";
  if (!unspent.empty()) out += names_text(unspent) + "年内未发生支出。";
  return out + "\n\n";
}

std::string final_body(const Final& f) {
  std::string out = "## 第一部分 部门概况\n\n### 一、部门主要职责\n\n" + f.department.duties + "\n### 二、部门决算单位构成\n\n纳入本部门 " +
                    std::to_string(f.year) + " 年度部门决算编制范围的只有本级。\n\n## 第二部分 " + std::to_string(f.year) +
                    " 年度部门决算表\n\n决算表共九张，见下文；项目支出绩效自评表附后。\n\n## 第三部分 " + std::to_string(f.year) +
                    " 年度部门决算情况说明\n\n### 一、收入支出决算总体情况说明\n\n本年收入 " + f.money(f.income()) + "，本年支出 " + f.money(f.spending()) +
                    "，年初结转和结余 " + f.money(f.opening) + "，年末结转和结余 " + f.money(f.closing) + "。\n\n### 二、支出决算情况说明\n\n";
  for (const CodeNode& lei : f.functions) out += "- " + lei.name + " " + f.money(lei.total()) + "\n";
  out += "\n其中基本支出 " + f.money(f.sums[kBasic]) + "，项目支出 " + f.money(f.sums[kProject]) + "。" + against_budget(f) +
         "### 三、“三公”经费支出决算情况说明\n\n“三公”经费支出 " +
         f.money(f.actual.total()) + "，为预算的 " + (f.budgeted.total() ? std::to_string(f.actual.total() * 100 / f.budgeted.total()) : std::string("0")) +
         "%。其中公务接待费 " + f.money(f.actual.reception) + "，公务用车运行维护费 " + f.money(f.actual.upkeep) + "。\n\n### 四、预算绩效情况说明\n\n本部门对全部项目开展了绩效自评，自评表附后。\n\n## 第四部分 名词解释\n\n"
         "- **财政拨款收入**：本级财政当年拨付的资金。\n- **年末结转和结余**：本年度或以前年度预算安排、结转到以后年度按有关规定继续使用的资金。\n";
  return out;
}

/// The budget's project items (项 with project spending), in code order. The first three are
/// the subjects of the final account's project forms, each project a whole item (as in the real
/// disclosure, whose 数字证书退费项目 is all of 2019999), so that a form's 年初预算数 is a figure
/// of the budget and its 全年执行数 one of the final account's tables.
std::vector<const CodeNode*> project_items(const std::vector<CodeNode>& budget) {
  std::vector<const CodeNode*> out;
  for (const auto& [code, item] : items_by_code(budget)) {
    if (item->own[kProject] > 0) out.push_back(item);
  }
  return out;
}

/// The funds of a project that is a whole item: 年初预算数 the budget's figure, 全年执行数 the
/// final account's (0 when it went unspent), 全年预算数 the budget as adjusted during the year —
/// raised to cover a mid-year addition, else trimmed a little — so that the execution rate
/// against it stays within 100 % and the funds score within its weight.
ProjectFunds item_funds(Cents initial, Cents actual, Random& random) {
  Cents trimmed = percent_of(initial, random.between(95, 100));
  Cents budget = actual <= trimmed ? trimmed : actual + percent_of(actual, random.between(0, 5));
  return {initial, budget, actual};
}

std::string form_id(int number) { return (number < 10 ? "p0" : "p") + std::to_string(number); }

/// The final account's three project forms; a form about an item that was spent gets a check
/// tying its 全年执行数 to the item's line of the 支出决算表.
std::vector<std::string> final_forms(const Final& f, std::vector<std::string>& checks,
                                     Random& random) {
  std::vector<const CodeNode*> items = project_items(f.budget);
  std::map<std::string, const CodeNode*> spent = items_by_code(f.functions);
  std::vector<std::string> forms;
  for (int p = 1; p <= 3; ++p) {
    auto i = static_cast<std::size_t>(p - 1);
    ProjectFunds funds;
    if (i < items.size()) {
      auto item = spent.find(items[i]->code);
      Cents actual = item == spent.end() ? 0 : item->second->own[kProject];
      funds = item_funds(in_yuan(items[i]->own[kProject], f.unit), in_yuan(actual, f.unit), random);
      if (item != spent.end()) {
        std::string id = form_id(p);
        checks.push_back(check(id + "-vs-expenditure", id + ".funds[total].actual = expenditure[" +
                                                           item->first + "].project"));
      }
    } else {
      funds = random_funds(random);
    }
    const std::string& project = f.department.projects[i];
    forms.push_back(project_form(f.department, f.year, p, project, funds, true, random));
  }
  return forms;
}

}  // namespace

ReportFiles final_accounts_report(const Department& department, int year, std::uint64_t seed) {
  Random random(derive_seed(seed, {6, static_cast<std::uint64_t>(department.index),
                                   static_cast<std::uint64_t>(year)}));
  Final f{department, year, function_amounts(department, year, seed), {}, {}, {}, {}, {}, {}, 0, 0};
  f.functions = f.budget;
  execute(f.functions, random);
  add_unbudgeted(f.functions, department.scale, random);
  f.sums = tree_sum(f.functions);
  f.budgeted = three_public_budget(department, year, seed);
  f.actual = executed(f.budgeted, random);
  f.economic = economic_amounts(f.sums[kBasic], 0, f.actual, random);
  f.opening = random.between(0, f.spending() / 50);
  f.closing = f.opening + random.between(0, f.spending() / 100);
  in_unit(f, department.final_unit);
  f.income_functions = f.functions;
  f.income_functions[0].children[0].children[0].own[kBasic] += f.closing - f.opening;
  std::vector<std::string> tables = {
      income_expenditure_table(f), income_table(f), expenditure_table(f), fiscal_table(f),
      general_table(f), basic_detail_table(f),
      empty_fund_table(f, "fund", "七", "政府性基金预算财政拨款收入支出决算表", true),
      empty_fund_table(f, "capital", "八", "国有资本经营预算财政拨款支出决算表", false),
      three_public_final(f)};
  std::vector<std::string> checks = final_checks(f);
  for (std::string& form : final_forms(f, checks, random)) tables.push_back(std::move(form));
  std::string title = std::to_string(year) + " 年度" + department.name + "部门决算";
  std::string json = object({{"schema", "1"}, {"kind", quote("final-accounts")}, {"department", quote(department.name)},
                             {"year", std::to_string(year)}, {"title", quote(title)}, {"unit", quote(f.unit.label)},
                             {"source", quote("bench/gen-corpus (synthetic)")},
                             {"tables", array(tables, true)}, {"checks", array(checks, true)}});
  std::string summary = department.name + " " + std::to_string(year) + " 年度支出 " + f.money(f.spending()) + "，全部来自一般公共预算财政拨款。";
  std::string published = std::to_string(year + 1) + "-09-" + std::to_string(10 + random.between(0, 18));
  return {json + "\n", markdown(summary, published, final_body(f))};
}

// ---------------------------------------------------------------------------------------------
// Project self-evaluation forms

namespace {

std::string project_code(const Department& department, int year, int number) {
  return "4403" + std::to_string(year % 100) + std::to_string(1000000 + department.index) +
         std::to_string(100000 + year % 97 * 100 + number) + "00";
}

struct Funds {
  Cents initial, budget, actual, rate, score;
};

/// The funds with their execution rate and its score, in hundredths: 92.28 (%) or 0.92 (a
/// ratio); the weight is 10.
Funds project_funds(const ProjectFunds& money, bool percent) {
  Funds f{money.initial, money.budget, money.actual, 0, 0};
  f.rate = rounded_ratio(f.actual, percent ? 10000 : 100, f.budget);
  f.score = percent ? rounded_ratio(f.rate, 1, 10) : f.rate * 10;
  return f;
}

std::string funds_part(const Funds& f, bool percent) {
  auto line = [](const char* id, const char* item, Cents initial, Cents budget, Cents actual) {
    return row_with({{"id", quote(id)}, {"level", "2"}},
                    {{"item", quote(item)}, {"initial", figure(initial)}, {"budget", figure(budget)}, {"actual", figure(actual)},
                     {"weight", quote("—")}, {"rate", quote("—")}, {"score", quote("—")}});
  };
  std::vector<std::string> rows = {
      row_with({{"id", quote("total")}, {"sum_of", quoted_array({"appropriation", "carryover", "other"})}},
               {{"item", quote("年度资金总额")}, {"initial", figure(f.initial)}, {"budget", figure(f.budget)}, {"actual", figure(f.actual)},
                {"weight", "10"}, {"rate", figure(f.rate)}, {"score", figure(f.score)}}),
      line("appropriation", "其中：当年财政拨款", f.initial, f.budget, f.actual), line("carryover", "上年结转资金", 0, 0, 0),
      line("other", "其他资金", 0, 0, 0)};
  auto plain = [](const char* key, const char* label) {
    return object({{"key", quote(key)}, {"label", quote(label)}, {"type", quote("amount")}, {"grouping", "false"}});
  };
  std::vector<std::string> columns = {column("item", "项目资金（元）"), plain("initial", "年初预算数"), plain("budget", "全年预算数"),
                                      plain("actual", "全年执行数"), column("weight", "分值", "score"),
                                      percent ? column("rate", "执行率（%）", "percent") : column("rate", "执行率", "number"),
                                      column("score", "得分", "score")};
  return object({{"id", quote("funds")}, {"title", quote("资金使用情况")}, {"columns", array(columns)}, {"rows", array(rows, true)}});
}

std::string goals_part(const std::string& project) {
  std::string expected = "通过实施" + project + "，按期完成年度建设和服务任务，提升业务办理效率和服务对象满意度，项目支出控制在预算以内。";
  std::string achieved = "已按计划完成" + project + "的年度任务，主要产出和效益指标基本达到预期，资金使用规范。";
  return object({{"id", quote("goals")}, {"title", quote("年度总体目标")},
                 {"columns", array({column("expected", "预期目标"), column("achieved", "实际完成情况")})},
                 {"rows", array({row_with({}, {{"expected", quote(expected)}, {"achieved", quote(achieved)}})})}});
}

struct ProjectIndicator {
  const char* level1;
  const char* level2;
  const char* name;
  const char* target;
  Cents weight;
};

std::string indicators_part(Cents funds_score, Random& random) {
  static const std::vector<ProjectIndicator> kIndicators = {
      {"产出指标（50分）", "数量指标", "完成年度任务数量", "≥ 计划数", 1500},
      {"产出指标（50分）", "质量指标", "验收合格率", "≥95%", 1500},
      {"产出指标（50分）", "时效指标", "任务完成及时性", "年底前完成", 1000},
      {"产出指标（50分）", "成本指标", "项目支出控制", "≤预算金额", 1000},
      {"效益指标（30分）", "社会效益", "服务水平提升", "有效提升", 2000},
      {"效益指标（30分）", "可持续影响", "长效机制建立", "建立", 1000},
      {"满意度指标（10分）", "服务对象满意度", "服务对象满意度", "≥90%", 1000}};
  std::vector<std::string> rows;
  Cents weights = 1000, scores = funds_score;
  for (const ProjectIndicator& i : kIndicators) {
    Cents score = i.weight - random.between(0, i.weight / 10);
    weights += i.weight;
    scores += score;
    rows.push_back(row_with({}, {{"level1", quote(i.level1)}, {"level2", quote(i.level2)}, {"indicator", quote(i.name)},
                                 {"target", quote(i.target)}, {"actual", quote(score == i.weight ? "达到目标" : "基本达到")},
                                 {"weight", figure(i.weight)}, {"score", figure(score)}}));
  }
  rows.push_back(row_with({{"id", quote("total")}, {"total", "true"}},
                          {{"level1", quote("总分")}, {"weight", figure(weights)}, {"score", figure(scores)}, {"remark", quote("—")}}));
  auto merged = [](const char* key, const char* label) {
    return object({{"key", quote(key)}, {"label", quote(label)}, {"merge", "true"}});
  };
  std::vector<std::string> columns = {merged("level1", "一级指标"), merged("level2", "二级指标"), column("indicator", "三级指标"),
                                      column("target", "年度指标值"), column("actual", "实际完成值"), column("weight", "分值", "score"),
                                      column("score", "得分", "score"), column("remark", "偏差原因分析及改进措施")};
  return object({{"id", quote("indicators")}, {"title", quote("年度绩效指标")}, {"columns", array(columns)}, {"rows", array(rows, true)}});
}

}  // namespace

ProjectFunds random_funds(Random& random) {
  ProjectFunds f;
  f.initial = random.between(200000, 20000000) * 100;
  f.budget = percent_of(f.initial, random.between(80, 110));
  f.actual = percent_of(f.budget, random.between(85, 100));
  return f;
}

std::string project_form(const Department& department, int year, int number, const std::string& project,
                         const ProjectFunds& money, bool percent, Random& random) {
  Funds funds = project_funds(money, percent);
  std::string id = form_id(number);
  auto field = [](const char* label, const std::string& value) { return object({{"label", quote(label)}, {"value", quote(value)}}); };
  std::vector<std::string> fields = {field("项目编码", project_code(department, year, number)), field("项目名称", project),
                                     field("绩效自评年度", std::to_string(year)), field("实施单位", department.name),
                                     field("一级预算单位", department.supervisor)};
  std::string scale = percent ? " * 100" : "";
  std::vector<std::string> checks = {
      check("rate", "funds[total].rate = funds[total].actual / funds[total].budget" + scale),
      check("funds-score", "funds[total].score = funds[total].weight * funds[total].rate" + std::string(percent ? " / 100" : "")),
      check("weights", "indicators[total].weight = sum(indicators[*].weight) + funds[total].weight"),
      check("score", "indicators[total].score = sum(indicators[*].score) + funds[total].score")};
  return object({{"id", quote(id)}, {"title", quote("项目支出绩效自评表")}, {"group", quote("projects")}, {"unit", quote("元")},
                 {"fields", array(fields)},
                 {"parts", array({funds_part(funds, percent), goals_part(project), indicators_part(funds.score, random)}, true)},
                 {"checks", array(checks, true)}});
}

// ---------------------------------------------------------------------------------------------
// Evaluations

namespace {

struct ScoreItem {
  const char* l1;
  int l1_weight;
  const char* l2;
  int l2_weight;
  const char* name;
  int weight;
};

const std::vector<ScoreItem>& score_items() {
  static const std::vector<ScoreItem> items = {
      {"部门决策", 20, "预算编制", 10, "预算编制合理性", 5},     {"部门决策", 20, "预算编制", 10, "预算编制规范性", 5},
      {"部门决策", 20, "目标设置", 10, "绩效目标完整性", 3},     {"部门决策", 20, "目标设置", 10, "绩效指标明确性", 7},
      {"部门管理", 20, "资金管理", 8, "政府采购执行情况", 2},    {"部门管理", 20, "资金管理", 8, "财务合规性", 3},
      {"部门管理", 20, "资金管理", 8, "预决算信息公开", 3},      {"部门管理", 20, "项目管理", 4, "项目实施程序", 2},
      {"部门管理", 20, "项目管理", 4, "项目监管", 2},            {"部门管理", 20, "资产管理", 3, "资产管理安全性", 2},
      {"部门管理", 20, "资产管理", 3, "固定资产利用率", 1},      {"部门管理", 20, "人员管理", 2, "财政供养人员控制率", 1},
      {"部门管理", 20, "人员管理", 2, "编外人员控制率", 1},      {"部门管理", 20, "制度管理", 3, "管理制度健全性", 3},
      {"部门绩效", 60, "经济性", 6, "公用经费控制率", 6},        {"部门绩效", 60, "效率性", 20, "预算执行率", 10},
      {"部门绩效", 60, "效率性", 20, "重点工作完成率", 10},      {"部门绩效", 60, "效果性", 25, "社会效益、经济效益、生态效益等", 25},
      {"部门绩效", 60, "公平性", 9, "群众信访办理情况", 3},      {"部门绩效", 60, "公平性", 9, "公众或服务对象满意度", 6}};
  return items;
}

std::string scores_table(Random& random) {
  std::vector<std::string> rows;
  Cents total = 0;
  int n = 0;
  for (const ScoreItem& item : score_items()) {
    Cents score = item.weight * 100 - random.between(0, item.weight * 15);
    total += score;
    ++n;
    std::string id = (n < 10 ? "s0" : "s") + std::to_string(n);
    rows.push_back(row_with({{"id", quote(id)}},
                            {{"l1_name", quote(item.l1)}, {"l1_weight", std::to_string(item.l1_weight)}, {"l2_name", quote(item.l2)},
                             {"l2_weight", std::to_string(item.l2_weight)}, {"name", quote(item.name)}, {"weight", std::to_string(item.weight)},
                             {"explanation", quote("反映部门（单位）" + std::string(item.name) + "的情况。")},
                             {"criteria", quote("符合要求的得满分，发现一项不符合的酌情扣分，扣完为止。")}, {"score", figure(score)}}));
  }
  rows.push_back(row_with({{"id", quote("overall")}, {"sum_of", quote("above")}}, {{"l1_name", quote("综合评分")}, {"score", figure(total)}}));
  const char* grade = total >= 9000 ? "优" : total >= 8000 ? "良" : total >= 6000 ? "中" : "差";
  rows.push_back(row_with({{"id", quote("grade")}, {"total", "true"}}, {{"l1_name", quote("评分等级")}, {"score", object({{"text", quote(grade)}})}}));
  auto merged = [](const char* key, const char* label, bool score) {
    Members m = {{"key", quote(key)}, {"label", quote(label)}};
    if (score) m.insert(m.end(), {{"type", quote("score")}, {"additive", "false"}});
    m.emplace_back("merge", "true");
    return object(m);
  };
  std::vector<std::string> columns = {
      column_group("评价指标", {column_group("一级指标", {merged("l1_name", "名称", false), merged("l1_weight", "参考分值", true)}),
                               column_group("二级指标", {merged("l2_name", "名称", false), merged("l2_weight", "参考分值", true)}),
                               column_group("三级指标", {column("name", "名称"), column("weight", "参考分值", "score")})}),
      column("explanation", "指标说明"), column("criteria", "参考评分标准"), column("score", "分数", "score")};
  std::vector<std::string> checks = {
      check("decision-weight", "scores[s01].l1_weight = sum(scores[s01..s04].weight)"),
      check("management-weight", "scores[s05].l1_weight = sum(scores[s05..s14].weight)"),
      check("performance-weight", "scores[s15].l1_weight = sum(scores[s15..s20].weight)"),
      check("funds-weight", "scores[s05].l2_weight = sum(scores[s05..s07].weight)"),
      check("efficiency-weight", "scores[s16].l2_weight = sum(scores[s16..s17].weight)"),
      check("fairness-weight", "scores[s19].l2_weight = sum(scores[s19..s20].weight)")};
  return object({{"id", quote("scores")}, {"title", quote("部门整体支出绩效评分表")}, {"unit", "null"}, {"columns", array(columns)},
                 {"rows", array(rows, true)}, {"checks", array(checks, true)}});
}

std::string self_evaluation_table(const Department& d, int year, const Amounts& budget, Random& random) {
  struct Task {
    const char* name;
    const char* content;
    Cents amount;
  };
  std::vector<Task> tasks = {{"基本支出", "主要用于人员、公用及对个人和家庭补助支出等。", budget[kBasic]},
                             {"业务类项目", "主要用于各项业务工作。", budget[kBusiness]},
                             {"信息化类项目", "主要用于信息系统运维和网络安全。", budget[kInformation]},
                             {"综合管理类项目", "主要用于综合事务保障。", budget[kAdministration]},
                             {"修缮维护类项目", "主要用于办公场所维修维护。", budget[kRepair]}};
  std::vector<std::string> rows;
  Cents b_sum = 0, a_sum = 0;
  for (const Task& t : tasks) {
    Cents b = t.amount * 10000, a = percent_of(b, random.between(88, 100));
    b_sum += b;
    a_sum += a;
    rows.push_back(row_with({}, {{"task", quote(t.name)}, {"content", quote(t.content)}, {"done", quote("已按计划完成年度任务。")},
                                 {"b_total", figure(b)}, {"b_appropriation", figure(b)}, {"a_total", figure(a)}, {"a_appropriation", figure(a)}}));
  }
  rows.push_back(row_with({{"id", quote("sum")}, {"sum_of", quote("above")}},
                          {{"task", quote("金额合计")}, {"b_total", figure(b_sum)}, {"b_appropriation", figure(b_sum)},
                           {"a_total", figure(a_sum)}, {"a_appropriation", figure(a_sum)}}));
  std::vector<std::string> task_columns = {
      column("task", "任务名称"), column("content", "主要内容"), column("done", "完成情况"),
      column_group("预算数（元）", {column("b_total", "总额", "amount"), column("b_appropriation", "其中：财政拨款", "amount")}),
      column_group("执行数（元）", {column("a_total", "总额", "amount"), column("a_appropriation", "其中：财政拨款", "amount")})};
  std::string tasks_part = object({{"id", quote("tasks")}, {"title", quote("年度主要任务完成情况")}, {"columns", array(task_columns)}, {"rows", array(rows, true)}});
  std::string goal = object({{"id", quote("goal")}, {"title", quote("年度总体目标完成情况")},
                             {"columns", array({column("expected", "预期目标"), column("achieved", "目标实际完成情况")})},
                             {"rows", array({row_with({}, {{"expected", quote("围绕" + d.topics[0] + "、" + d.topics[1] + "和" + d.topics[2] + "完成年度任务。")},
                                                           {"achieved", quote("年度任务基本完成，预算执行率 " + std::to_string(a_sum * 100 / std::max<Cents>(b_sum, 1)) + "%。")}})})}});
  std::vector<std::string> indicator_rows;
  for (const std::string& topic : d.topics) {
    for (const char* level2 : {"数量", "质量", "时效"}) {
      indicator_rows.push_back(row_with({}, {{"level1", quote("产出")}, {"level2", quote(level2)}, {"indicator", quote(topic + level2 + "指标")},
                                             {"target", quote("达到计划")}, {"actual", quote("达到计划")}}));
    }
  }
  indicator_rows.push_back(row_with({}, {{"level1", quote("效益")}, {"level2", quote("社会效益")}, {"indicator", quote("公共服务水平")}, {"target", quote("提升")}, {"actual", quote("有效提升")}}));
  indicator_rows.push_back(row_with({}, {{"level1", quote("满意度")}, {"level2", quote("服务对象满意度")}, {"indicator", quote("服务对象满意度")}, {"target", quote("≥90%")}, {"actual", quote(std::to_string(random.between(90, 99)) + "%")}}));
  auto merged = [](const char* key, const char* label) { return object({{"key", quote(key)}, {"label", quote(label)}, {"merge", "true"}}); };
  std::string indicators = object({{"id", quote("indicators")}, {"title", quote("年度绩效指标完成情况")},
                                   {"columns", array({merged("level1", "一级指标"), merged("level2", "二级指标"), column("indicator", "三级指标"),
                                                      column("target", "预期指标值"), column("actual", "实际完成指标值")})},
                                   {"rows", array(indicator_rows, true)}});
  std::vector<std::string> fields = {object({{"label", quote("部门（单位）名称")}, {"value", quote(d.name)}}),
                                     object({{"label", quote("预算年度")}, {"value", quote(std::to_string(year))}})};
  return object({{"id", quote("self-evaluation")}, {"title", quote("部门（单位）整体支出绩效目标完成情况自评表")}, {"unit", quote("元")},
                 {"fields", array(fields)}, {"parts", array({tasks_part, goal, indicators}, true)}});
}

std::string evaluation_body(const Department& d, int year) {
  return "## 一、部门基本情况\n\n### （一）部门主要职能\n\n" + d.duties + "\n### （二）年度总体工作和重点工作任务\n\n年度任务围绕" + d.topics[0] + "、" +
         d.topics[1] + "和" + d.topics[2] + "三个方面展开。\n\n## 二、部门整体支出绩效自评情况\n\n本部门按照部门整体支出绩效评价共性指标体系框架开展 " +
         std::to_string(year) + " 年度自评，评分见部门整体支出绩效评分表。\n\n## 三、项目支出绩效自评情况\n\n本年度对十个项目开展了绩效自评，自评表附后。\n\n"
         "## 四、存在的问题和改进措施\n\n- 部分绩效指标量化程度不高，下一年度将细化指标值；\n- 个别项目执行进度偏慢，将加强过程监控。\n";
}

}  // namespace

ReportFiles evaluation_report(const Department& department, int year, std::uint64_t seed) {
  Random random(derive_seed(seed, {7, static_cast<std::uint64_t>(department.index),
                                   static_cast<std::uint64_t>(year)}));
  Amounts budget = tree_sum(function_amounts(department, year, seed));
  std::vector<std::string> tables = {self_evaluation_table(department, year, budget, random), scores_table(random)};
  for (int p = 1; p <= 10; ++p) {
    ProjectFunds funds = random_funds(random);
    const std::string& project = department.projects[static_cast<std::size_t>(p - 1)];
    tables.push_back(project_form(department, year, p, project, funds, false, random));
  }
  std::string title = std::to_string(year) + " 年度" + department.name + "部门整体支出绩效自评报告";
  std::string json = object({{"schema", "1"}, {"kind", quote("evaluation")}, {"department", quote(department.name)},
                             {"year", std::to_string(year)}, {"title", quote(title)}, {"unit", quote("元")},
                             {"source", quote("bench/gen-corpus (synthetic)")}, {"tables", array(tables, true)}});
  std::string summary = department.name + "对 " + std::to_string(year) + " 年部门整体支出和十个项目的绩效自评。";
  std::string published = std::to_string(year + 1) + "-06-" + std::to_string(10 + random.between(0, 18));
  return {json + "\n", markdown(summary, published, evaluation_body(department, year))};
}

}  // namespace corpus
