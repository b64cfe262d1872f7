// A department's budget for one year (部门预算): the twelve tables of a Shenzhen budget
// disclosure (表1–表12), file-level checks tying them together, and a nine-part narrative.
#include <algorithm>
#include <cstdio>

#include "corpus.h"

namespace corpus {

namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

/// Pensions, medical insurance and housing are a fraction of the administration's basic cost.
Cents basic_level(const CodeNode& leaf, std::int64_t scale, Random& random) {
  if (starts_with(leaf.code, "208") || starts_with(leaf.code, "221")) {
    return random.between(scale * 80, scale * 300);
  }
  if (starts_with(leaf.code, "210")) return random.between(scale * 40, scale * 150);
  return random.between(scale * 500, scale * 1500);
}

void fill_leaf(CodeNode& leaf, Cents level, Random& year) {
  Cents amount = level * year.between(92, 112) / 100;
  if (leaf.basic) {
    leaf.own[kBasic] = amount;
    return;
  }
  leaf.own[kProject] = amount;
  leaf.own[kProcurement] = percent_of(amount, year.between(0, 70));
  leaf.own[kSme] = percent_of(leaf.own[kProcurement], year.between(50, 100));
  leaf.own[kMicro] = percent_of(leaf.own[kSme], year.between(0, 60));
  std::vector<Cents> kinds = split(amount, 4, year);
  leaf.own[kBusiness] = kinds[0];
  leaf.own[kInformation] = kinds[1];
  leaf.own[kAdministration] = kinds[2];
  leaf.own[kRepair] = kinds[3];
}

/// Applies to `tree` the revisions of `year` and before: an item keeps its amounts (drawn for
/// it before, so that its level carries on) under its new code and name.
void revise(std::vector<CodeNode>& tree, const std::vector<Revision>& revisions, int year) {
  for (const Revision& r : revisions) {
    if (r.year > year) continue;
    for (CodeNode& lei : tree) {
      for (CodeNode& kuan : lei.children) {
        for (CodeNode& leaf : kuan.children) {
          if (leaf.code != r.code) continue;
          leaf.code = r.new_code;
          leaf.name = r.new_name;
        }
        std::sort(kuan.children.begin(), kuan.children.end(),
                  [](const CodeNode& a, const CodeNode& b) { return a.code < b.code; });
      }
    }
  }
}

}  // namespace

std::vector<CodeNode> function_amounts(const Department& department, int year,
                                       std::uint64_t seed) {
  std::vector<CodeNode> tree = department.functions;
  Random yearly(derive_seed(seed, {2, static_cast<std::uint64_t>(department.index),
                                   static_cast<std::uint64_t>(year)}));
  std::uint64_t item = 0;
  for (CodeNode& lei : tree) {
    for (CodeNode& kuan : lei.children) {
      for (CodeNode& leaf : kuan.children) {
        Random level(derive_seed(seed, {4, static_cast<std::uint64_t>(department.index), item++}));
        Cents base = leaf.basic ? basic_level(leaf, department.scale, level)
                                : level.between(department.scale * 200, department.scale * 3000);
        fill_leaf(leaf, base, yearly);
      }
    }
  }
  revise(tree, department.revisions, year);
  return tree;
}

ThreePublic three_public_budget(const Department& department, int year, std::uint64_t seed) {
  Random random(derive_seed(seed, {3, static_cast<std::uint64_t>(department.index),
                                   static_cast<std::uint64_t>(year)}));
  ThreePublic out;
  out.abroad = random.chance(25) ? random.between(100, 2000) : 0;
  out.reception = random.between(10, 300);
  out.purchase = random.chance(10) ? random.between(1500, 3000) : 0;
  out.upkeep = department.vehicles * random.between(150, 300);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Economic classification

namespace {

CodeNode economic_class(std::string code, std::string name) {
  return CodeNode{std::move(code), std::move(name), false, {}, {}};
}

/// Adds leaves sharing `amount` in field `field` (and `also`, e.g. personnel or public).
void add_split(CodeNode& parent, const std::vector<std::pair<const char*, const char*>>& items,
               Cents amount, Field field, Field also, Random& random) {
  std::vector<Cents> parts = split(amount, items.size(), random);
  for (std::size_t i = 0; i < items.size(); ++i) {
    CodeNode leaf{items[i].first, items[i].second, false, {}, {}};
    leaf.own[field] = parts[i];
    if (also != kFieldCount) leaf.own[also] = parts[i];
    parent.children.push_back(std::move(leaf));
  }
}

void add_fixed(CodeNode& parent, const char* code, const char* name, Cents amount) {
  CodeNode leaf{code, name, false, {}, {}};
  leaf.own[kBasic] = leaf.own[kPublic] = amount;
  parent.children.push_back(std::move(leaf));
}

void sort_children(CodeNode& node) {
  std::sort(node.children.begin(), node.children.end(),
            [](const CodeNode& a, const CodeNode& b) { return a.code < b.code; });
}

}  // namespace

std::vector<CodeNode> economic_amounts(Cents basic, Cents project, const ThreePublic& fixed,
                                       Random& random) {
  Cents fixed_public = fixed.abroad + fixed.reception + fixed.upkeep;
  Cents welfare = percent_of(basic, random.between(2, 6));
  Cents goods = std::max(percent_of(basic, random.between(8, 15)), fixed_public + 100);
  Cents wages = basic - welfare - goods;
  CodeNode c301 = economic_class("301", "工资福利支出");
  add_split(c301, {{"30101", "基本工资"}, {"30102", "津贴补贴"}, {"30103", "奖金"},
                   {"30108", "机关事业单位基本养老保险缴费"}, {"30109", "职业年金缴费"},
                   {"30110", "职工基本医疗保险缴费"}, {"30113", "住房公积金"}},
            wages, kBasic, kPersonnel, random);
  CodeNode c302 = economic_class("302", "商品和服务支出");
  add_split(c302, {{"30201", "办公费"}, {"30205", "水费"}, {"30207", "邮电费"},
                   {"30211", "差旅费"}, {"30228", "工会经费"}},
            goods - fixed_public, kBasic, kPublic, random);
  add_fixed(c302, "30212", "因公出国（境）费用", fixed.abroad);
  add_fixed(c302, "30217", "公务接待费", fixed.reception);
  add_fixed(c302, "30231", "公务用车运行维护费", fixed.upkeep);
  Cents capital = percent_of(project - fixed.purchase, random.between(10, 35));
  add_split(c302, {{"30213", "维修（护）费"}, {"30226", "劳务费"}, {"30227", "委托业务费"},
                   {"30299", "其他商品和服务支出"}},
            project - fixed.purchase - capital, kProject, kFieldCount, random);
  sort_children(c302);
  CodeNode c303 = economic_class("303", "对个人和家庭的补助");
  add_split(c303, {{"30302", "退休费"}, {"30305", "生活补助"}}, welfare, kBasic, kPersonnel,
            random);
  CodeNode c310 = economic_class("310", "资本性支出");
  add_split(c310, {{"31002", "办公设备购置"}, {"31007", "信息网络及软件购置更新"}}, capital,
            kProject, kFieldCount, random);
  if (fixed.purchase > 0) {
    CodeNode car{"31013", "公务用车购置", false, {}, {}};
    car.own[kProject] = fixed.purchase;
    c310.children.push_back(std::move(car));
  }
  return {std::move(c301), std::move(c302), std::move(c303), std::move(c310)};
}

// ---------------------------------------------------------------------------------------------
// The tables

namespace {

Cents total_of(const Amounts& a) { return a[kBasic] + a[kProject]; }
Cents basic_of(const Amounts& a) { return a[kBasic]; }
Cents project_of(const Amounts& a) { return a[kProject]; }
Cents zero_of(const Amounts&) { return 0; }
bool keep_all(const Amounts&) { return true; }
bool has_basic(const Amounts& a) { return a[kBasic] > 0; }
bool has_project(const Amounts& a) { return a[kProject] > 0; }

/// One budget being written: the department, the year and the figures every table shares.
struct Budget {
  const Department& department;
  int year;
  std::vector<CodeNode> functions;
  std::vector<CodeNode> economic;
  ThreePublic previous_three_public;
  ThreePublic three_public;
  Amounts sums{};
  Unit unit = kWan;

  Cents total() const { return total_of(sums); }
  /// "1,234.50 万元" in the budget's unit.
  std::string money(Cents value) const { return corpus::money(value, unit); }
};

std::string agency_row(const Budget& b, const std::vector<AmountColumn>& columns,
                       const Amounts& sums) {
  Members cells = {{"agency", quote(b.department.name)}};
  for (const AmountColumn& c : columns) cells.emplace_back(c.key, figure(c.value(sums)));
  return object({{"id", quote("agency")}, {"cells", object(cells)}});
}

std::vector<std::string> unit_columns() {
  return {column("agency", "预算单位", "agency"), column("code", "科目编码", "code"),
          column("name", "科目名称")};
}

/// A 预算单位-coded table: the unit row, then the tree's coded rows.
std::string coded_table(const Budget& b, const std::vector<CodeNode>& tree, Members head,
                        std::vector<std::string> columns, const std::vector<AmountColumn>& values,
                        bool (*keep)(const Amounts&)) {
  std::vector<std::string> rows = {agency_row(b, values, tree_sum(tree))};
  for (std::string& row : coded_rows(tree, values, keep)) rows.push_back(std::move(row));
  head.emplace_back("unit", quote(b.unit.label));
  head.emplace_back("columns", array(columns));
  head.emplace_back("rows", array(rows, true));
  return object(head);
}

Members table_head(std::string_view id, std::string_view number, std::string_view title) {
  return {{"id", quote(id)}, {"number", quote(number)}, {"title", quote(title)}};
}

/// The 支出 half of 表1/表6: 类 (numbered 一、二、…) › 款 › 项 with sums of children.
std::vector<std::string> spending_rows(const std::vector<CodeNode>& tree) {
  std::vector<std::string> rows;
  int n = 0;
  for (const CodeNode& lei : tree) {
    rows.push_back(row_with({{"id", quote("s" + lei.code)}, {"sum_of", quote("children")}},
                            {{"spending_item", quote(chinese_numeral(++n) + "、" + lei.name)},
                             {"spending", figure(lei.total())}}));
    for (const CodeNode& kuan : lei.children) {
      rows.push_back(row_with({{"level", "2"}, {"sum_of", quote("children")}},
                              {{"spending_item", quote(kuan.name)}, {"spending", figure(kuan.total())}}));
      for (const CodeNode& leaf : kuan.children) {
        rows.push_back(row_with({{"level", "3"}},
                                {{"spending_item", quote(leaf.name)}, {"spending", figure(leaf.total())}}));
      }
    }
  }
  return rows;
}

/// 本年合计 (sum of the rows above), 上年结转/结转下年, 总计, after padding to `lines`.
void add_totals(std::vector<std::string>& rows, std::size_t lines, const std::string& prefix,
                const std::string& item_key, const std::string& amount_key, Cents total,
                const char* current_label, const char* carryover_label,
                const char* total_label) {
  while (rows.size() < lines) rows.push_back("{}");
  auto row = [&](const std::string& id, const std::string& sum_of, const char* label) {
    Members extra = {{"id", quote(prefix + "-" + id)}};
    if (!sum_of.empty()) extra.emplace_back("sum_of", sum_of);
    Cents amount = id == "carryover" ? 0 : total;
    rows.push_back(row_with(extra, {{item_key, quote(label)}, {amount_key, figure(amount)}}));
  };
  row("current", quote("above"), current_label);
  row("carryover", "", carryover_label);
  row("total", quoted_array({prefix + "-current", prefix + "-carryover"}), total_label);
}

std::string income_line(const char* label, Cents amount, int level, bool parent) {
  Members extra;
  if (level > 1) extra.emplace_back("level", std::to_string(level));
  if (parent) extra.emplace_back("sum_of", quote("children"));
  return row_with(extra, {{"income_item", quote(label)}, {"income", figure(amount)}});
}

std::string two_sided(Members head, Unit unit, const std::string& income_label,
                      std::vector<std::string> income, const std::string& spending_label,
                      std::vector<std::string> spending, const std::string& year_label) {
  std::string income_side = object(
      {{"label", quote(income_label)},
       {"columns", array({column("income_item", "项目"), column("income", year_label, "amount")})},
       {"rows", array(income, true)}});
  std::string spending_side = object(
      {{"label", quote(spending_label)},
       {"columns", array({column("spending_item", "项目"), column("spending", year_label, "amount")})},
       {"rows", array(spending, true)}});
  head.emplace_back("unit", quote(unit.label));
  head.emplace_back("sides", array({income_side, spending_side}, true));
  head.emplace_back("checks", array({check("balance", "[income-total].income = [spending-total].spending")}));
  return object(head);
}

std::string year_label(const Budget& b) { return std::to_string(b.year) + " 年预算数"; }

std::string summary_table(const Budget& b) {
  Cents t = b.total();
  std::vector<std::string> income = {
      income_line("一、政府预算拨款", t, 1, true), income_line("1. 一般公共预算拨款", t, 2, false),
      income_line("2. 政府性基金预算拨款", 0, 2, false), income_line("3. 国有资本经营预算拨款", 0, 2, false),
      income_line("二、财政专户管理资金", 0, 1, false), income_line("三、单位资金", 0, 1, true),
      income_line("1. 事业收入", 0, 2, false), income_line("2. 事业单位经营收入", 0, 2, false),
      income_line("3. 上级补助收入", 0, 2, false), income_line("4. 附属单位上缴收入", 0, 2, false),
      income_line("5. 其他收入", 0, 2, false)};
  std::vector<std::string> spending = spending_rows(b.functions);
  std::size_t lines = std::max(income.size(), spending.size());
  add_totals(income, lines, "income", "income_item", "income", t, "本年收入合计", "上年结余、结转", "收入总计");
  add_totals(spending, lines, "spending", "spending_item", "spending", t, "本年支出合计", "结转下年", "支出总计");
  Members head = table_head("summary", "表1", "收支总表");
  return two_sided(head, b.unit, "收 入", income, "支 出", spending, year_label(b));
}

std::string gov_funds_table(const Budget& b) {
  Cents t = b.total();
  std::vector<std::string> income = {
      income_line("政府预算拨款", t, 1, true), income_line("一般公共预算拨款", t, 2, false),
      income_line("政府性基金预算拨款", 0, 2, false), income_line("国有资本经营预算拨款", 0, 2, false)};
  std::vector<std::string> spending = spending_rows(b.functions);
  std::size_t lines = std::max(income.size(), spending.size());
  add_totals(income, lines, "income", "income_item", "income", t, "本年收入合计", "上年结余、结转", "收入总计");
  add_totals(spending, lines, "spending", "spending_item", "spending", t, "本年支出合计", "结转下年", "支出总计");
  Members head = table_head("gov-funds", "表6", "政府预算拨款收支总表");
  return two_sided(head, b.unit, "收入", income, "支出", spending, year_label(b));
}

std::string income_table(const Budget& b) {
  std::vector<std::string> columns = unit_columns();
  columns.push_back(column("total", "收入总计", "amount", {"general", "fund", "capital", "special", "own"}));
  columns.push_back(column("general", "一般公共预算拨款", "amount"));
  columns.push_back(column("fund", "政府性基金预算拨款", "amount"));
  columns.push_back(column("capital", "国有资本经营预算拨款", "amount"));
  columns.push_back(column("special", "财政专户管理资金", "amount"));
  columns.push_back(column("own", "单位资金", "amount"));
  std::vector<AmountColumn> values = {{"total", total_of}, {"general", total_of}, {"fund", zero_of},
                                      {"capital", zero_of}, {"special", zero_of}, {"own", zero_of}};
  return coded_table(b, b.functions, table_head("income", "表2", "收入总表"), columns, values, keep_all);
}

std::string expenditure_table(const Budget& b) {
  std::vector<std::string> columns = unit_columns();
  columns.push_back(column("total", "支出总计", "amount", {"basic", "project"}));
  columns.push_back(column("basic", "基本支出", "amount"));
  columns.push_back(column("project", "项目支出", "amount"));
  columns.push_back(column_group(std::to_string(b.year) + " 年政府采购项目",
                                 {column("procurement", "小计", "amount"),
                                  column("sme", "其中：面向中小企业政府采购项目", "amount"),
                                  column("micro", "其中：面向小型、微型企业政府采购项目", "amount")}));
  std::vector<AmountColumn> values = {
      {"total", total_of}, {"basic", basic_of}, {"project", project_of},
      {"procurement", [](const Amounts& a) { return a[kProcurement]; }},
      {"sme", [](const Amounts& a) { return a[kSme]; }},
      {"micro", [](const Amounts& a) { return a[kMicro]; }}};
  Members head = table_head("expenditure", "表3", "支出总表");
  head.emplace_back("checks", array({check("sme-within-procurement", "[agency].sme <= [agency].procurement")}));
  return coded_table(b, b.functions, head, columns, values, keep_all);
}

std::string basic_table(const Budget& b) {
  std::vector<std::string> columns = unit_columns();
  columns.push_back(column("total", "合计", "amount", {"personnel", "public"}));
  columns.push_back(column("personnel", "人员经费", "amount"));
  columns.push_back(column("public", "公用经费", "amount"));
  std::vector<AmountColumn> values = {{"total", basic_of},
                                      {"personnel", [](const Amounts& a) { return a[kPersonnel]; }},
                                      {"public", [](const Amounts& a) { return a[kPublic]; }}};
  return coded_table(b, b.economic, table_head("basic", "表4", "基本支出总表"), columns, values, has_basic);
}

std::string project_table(const Budget& b) {
  std::vector<std::string> columns = unit_columns();
  columns.push_back(column("total", "合计", "amount", {"business", "information", "administration", "repair"}));
  columns.push_back(column("business", "业务类", "amount"));
  columns.push_back(column("information", "信息化类", "amount"));
  columns.push_back(column("administration", "综合管理类", "amount"));
  columns.push_back(column("repair", "修缮维护类", "amount"));
  std::vector<AmountColumn> values = {
      {"total", project_of},
      {"business", [](const Amounts& a) { return a[kBusiness]; }},
      {"information", [](const Amounts& a) { return a[kInformation]; }},
      {"administration", [](const Amounts& a) { return a[kAdministration]; }},
      {"repair", [](const Amounts& a) { return a[kRepair]; }}};
  return coded_table(b, b.functions, table_head("project", "表5", "项目支出总表"), columns, values, has_project);
}

std::vector<std::string> spending_columns() {
  std::vector<std::string> columns = unit_columns();
  columns.push_back(column("total", "支出总计", "amount", {"basic", "project"}));
  columns.push_back(column("basic", "基本支出", "amount"));
  columns.push_back(column("project", "项目支出", "amount"));
  return columns;
}

std::vector<AmountColumn> spending_values() {
  return {{"total", total_of}, {"basic", basic_of}, {"project", project_of}};
}

std::string function_table(const Budget& b) {
  return coded_table(b, b.functions, table_head("function", "表7", "一般公共预算支出表（按功能分类）"),
                     spending_columns(), spending_values(), keep_all);
}

std::string economic_table(const Budget& b) {
  return coded_table(b, b.economic, table_head("economic", "表8", "一般公共预算支出表（按经济分类）"),
                     spending_columns(), spending_values(), keep_all);
}

std::string three_public_row(const Budget& b, const std::string& id, const std::string& label,
                             const ThreePublic& v, bool is_signed) {
  Members extra = {{"id", quote(id)}};
  if (is_signed) extra.emplace_back("signed", "true");
  return row_with(extra, {{"agency", quote(b.department.name)}, {"year", quote(label)},
                          {"total", figure(v.total())}, {"abroad", figure(v.abroad)},
                          {"reception", figure(v.reception)}, {"vehicles", figure(v.vehicles())},
                          {"purchase", figure(v.purchase)}, {"upkeep", figure(v.upkeep)}});
}

std::string three_public_table(const Budget& b) {
  const ThreePublic& now = b.three_public;
  const ThreePublic& before = b.previous_three_public;
  ThreePublic change{now.abroad - before.abroad, now.reception - before.reception,
                     now.purchase - before.purchase, now.upkeep - before.upkeep};
  std::string prev_id = "y" + std::to_string(b.year - 1), this_id = "y" + std::to_string(b.year);
  std::vector<std::string> columns = {
      object({{"key", quote("agency")}, {"label", quote("预算单位")}, {"merge", "true"}}),
      column("year", "年度"),
      column("total", "总计", "amount", {"abroad", "reception", "vehicles"}),
      column("abroad", "因公出国(境)费", "amount"), column("reception", "公务接待费", "amount"),
      column_group("公务用车购置及运行维护费",
                   {column("vehicles", "小计", "amount", {"purchase", "upkeep"}),
                    column("purchase", "公务用车购置费", "amount"),
                    column("upkeep", "公务用车运行维护费", "amount")})};
  std::vector<std::string> rows = {
      three_public_row(b, prev_id, std::to_string(b.year - 1) + " 年", before, false),
      three_public_row(b, this_id, std::to_string(b.year) + " 年", now, false),
      three_public_row(b, "change", "增减变化金额", change, true)};
  std::vector<std::string> checks;
  for (const char* key : {"total", "abroad", "reception", "vehicles", "purchase", "upkeep"}) {
    checks.push_back(check(std::string("change-") + key, "[" + this_id + "]." + key + " - [" + prev_id +
                                                             "]." + key + " = [change]." + key));
  }
  Members head = table_head("three-public", "表9", "一般公共预算“三公”经费支出表");
  head.emplace_back("unit", quote(b.unit.label));
  head.emplace_back("columns", array(columns));
  head.emplace_back("rows", array(rows, true));
  head.emplace_back("notes", quoted_array({"无"}));
  head.emplace_back("checks", array(checks, true));
  return object(head);
}

std::string empty_table(const Budget& b, const char* id, const char* number, const char* title) {
  Members head = table_head(id, number, title);
  head.emplace_back("unit", quote(b.unit.label));
  head.emplace_back("empty", "true");
  head.emplace_back("columns", array(spending_columns()));
  head.emplace_back("rows", array({row_with({}, {{"agency", quote(b.department.name)}, {"total", "0"},
                                                 {"basic", "0"}, {"project", "0"}})}));
  head.emplace_back("notes", quoted_array({"本表本年无发生额。"}));
  return object(head);
}

// 表12: tasks, the overall goal and the performance indicators.

std::string task_row(const char* id, const char* task, const std::string& content, Cents amount) {
  return row_with({{"id", quote(id)}},
                  {{"task", quote(task)}, {"content", quote(content)}, {"total", figure(amount)},
                   {"appropriation", figure(amount)}, {"other", "0"}});
}

std::string tasks_part(const Budget& b) {
  const Department& d = b.department;
  Amounts s = b.sums;
  std::vector<std::string> rows = {
      task_row("basic", "基本支出", "主要用于人员、公用及对个人和家庭补助支出等。", s[kBasic]),
      task_row("business", "业务类", "主要用于" + d.topics[0] + "、" + d.topics[1] + "等业务工作。", s[kBusiness]),
      task_row("information", "信息化类", "主要用于业务系统运维、网络与信息安全及机房保障。", s[kInformation]),
      task_row("administration", "综合管理类", "主要用于办公设备购置和综合事务保障。", s[kAdministration]),
      task_row("repair", "修缮维护类", "主要用于办公场所的维修维护。", s[kRepair]),
      row_with({{"id", quote("sum")}, {"sum_of", quote("above")}},
               {{"task", quote("金额合计")}, {"total", figure(b.total())},
                {"appropriation", figure(b.total())}, {"other", "0"}})};
  std::vector<std::string> columns = {
      column("task", "任务名称"), column("content", "主要内容"),
      column_group(std::string("预算金额（") + b.unit.label + "）", {column("total", "总额", "amount", {"appropriation", "other"}),
                                        column("appropriation", "其中：财政拨款", "amount"),
                                        column("other", "其中：其他资金", "amount")})};
  return object({{"id", quote("tasks")}, {"title", quote("")}, {"columns", array(columns)},
                 {"rows", array(rows, true)}});
}

std::string goal_part(const Budget& b) {
  const Department& d = b.department;
  std::string text = "一是围绕" + d.topics[0] + "，完善工作机制，提升服务质量；二是推进" +
                     d.topics[1] + "，按期完成年度任务；三是加强" + d.topics[2] +
                     "，强化数据支撑和风险防控；四是严格预算执行，确保项目支出不超预算、资金使用合规有效。";
  return object({{"id", quote("goal")}, {"title", quote("年度总体目标")},
                 {"columns", array({column("text", "")})},
                 {"rows", array({row_with({}, {{"text", quote(text)}})})}});
}

struct Indicator {
  const char* level1;
  const char* level2;
  const char* name;
  /// printf format of the target with one %d, drawn from [low, high]; no %d: printed as is.
  const char* target;
  int low;
  int high;
};

std::string indicator_target(const Indicator& i, Random& random) {
  char text[64];
  std::snprintf(text, sizeof text, i.target, static_cast<int>(random.between(i.low, i.high)));
  return text;
}

std::string indicators_part(Random& random) {
  static const std::vector<Indicator> kPool = {
      {"产出指标", "数量指标", "完成年度重点任务数量", "≥%d 项", 5, 30},
      {"产出指标", "数量指标", "开展业务培训场次", "≥%d 场", 2, 12},
      {"产出指标", "数量指标", "信息系统运维巡检次数", "≥%d 次", 100, 800},
      {"产出指标", "数量指标", "办理业务件数", "≥%d 件", 1000, 90000},
      {"产出指标", "数量指标", "编制工作报告", "%d 份", 2, 12},
      {"产出指标", "质量指标", "业务办理合格率", "≥%d%%", 90, 99},
      {"产出指标", "质量指标", "系统正常运行率", "≥%d%%", 95, 99},
      {"产出指标", "质量指标", "档案整理差错率", "≤%d%%", 1, 5},
      {"产出指标", "时效指标", "任务完成及时性", "及时", 0, 0},
      {"产出指标", "时效指标", "故障响应时间", "%d 小时内", 2, 24},
      {"产出指标", "成本指标", "项目支出金额", "≤预算金额", 0, 0},
      {"效益指标", "社会效益", "服务对象覆盖面", "有效扩大", 0, 0},
      {"效益指标", "社会效益", "公共服务水平", "明显提升", 0, 0},
      {"效益指标", "经济效益", "行政成本节约", "有效控制", 0, 0},
      {"效益指标", "可持续影响指标", "长效管理机制", "建立健全", 0, 0},
      {"满意度指标", "服务对象满意度指标", "服务对象满意度", "≥%d%%", 85, 98},
      {"满意度指标", "服务对象满意度指标", "有效投诉率", "≤%d%%", 1, 10},
      {"满意度指标", "服务对象满意度指标", "干部职工满意度", "≥%d%%", 85, 98}};
  std::vector<std::string> rows;
  for (const Indicator& i : kPool) {
    rows.push_back(row_with({}, {{"level1", quote(i.level1)}, {"level2", quote(i.level2)},
                                 {"indicator", quote(i.name)},
                                 {"target", quote(indicator_target(i, random))}}));
  }
  std::vector<std::string> columns = {
      object({{"key", quote("level1")}, {"label", quote("一级指标")}, {"merge", "true"}}),
      object({{"key", quote("level2")}, {"label", quote("二级指标")}, {"merge", "true"}}),
      column("indicator", "三级指标"), column("target", "目标值")};
  return object({{"id", quote("indicators")}, {"title", quote("年度绩效指标")},
                 {"columns", array(columns)}, {"rows", array(rows, true)}});
}

std::string unit_goals_table(const Budget& b, Random& random) {
  Members head = table_head("unit-goals", "表12", "单位整体支出绩效目标表");
  head.emplace_back("subtitle", quote(std::to_string(b.year) + " 年度"));
  head.emplace_back("unit", quote(b.unit.label));
  head.emplace_back("fields", array({object({{"label", quote("单位名称")}, {"value", quote(b.department.name)}}),
                                     object({{"label", quote("主管部门")}, {"value", quote(b.department.supervisor)}})}));
  head.emplace_back("parts", array({tasks_part(b), goal_part(b), indicators_part(random)}, true));
  return object(head);
}

std::vector<std::string> file_checks(const Budget& b) {
  std::vector<std::string> checks = {
      check("summary-vs-gov-funds", "summary[spending-total].spending = gov-funds[spending-total].spending"),
      check("summary-vs-expenditure", "summary[spending-current].spending = expenditure[agency].total"),
      check("summary-vs-function", "summary[spending-current].spending = function[agency].total")};
  for (const CodeNode& lei : b.functions) {
    checks.push_back(check("summary-" + lei.code, "summary[s" + lei.code + "].spending = function[" + lei.code + "].total"));
  }
  for (const char* c : {"basic", "project"}) {
    std::string col = c;
    checks.push_back(check("expenditure-vs-function-" + col, "expenditure[agency]." + col + " = function[agency]." + col));
    checks.push_back(check("function-vs-economic-" + col, "function[agency]." + col + " = economic[agency]." + col));
  }
  checks.push_back(check("income-vs-function", "income[agency].total = function[agency].total"));
  checks.push_back(check("basic-vs-function", "basic[agency].total = function[agency].basic"));
  checks.push_back(check("project-vs-function", "project[agency].total = function[agency].project"));
  checks.push_back(check("three-public-upkeep", "three-public[y" + std::to_string(b.year) + "].upkeep = economic[30231].total"));
  checks.push_back(check("three-public-reception", "three-public[y" + std::to_string(b.year) + "].reception = economic[30217].total"));
  checks.push_back(check("tasks-vs-function", "unit-goals.tasks[sum].total = function[agency].total"));
  checks.push_back(check("tasks-basic-vs-function", "unit-goals.tasks[basic].total = function[agency].basic"));
  for (const char* c : {"business", "information", "administration", "repair"}) {
    std::string col = c;
    checks.push_back(check("tasks-" + col + "-vs-project", "unit-goals.tasks[" + col + "].total = project[agency]." + col));
  }
  return checks;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The narrative: nine parts, as the disclosures print them.

namespace {

std::string change_text(Cents now, Cents before, Unit unit) {
  if (now == before) return "与上年持平";
  std::string direction = now > before ? "增加 " : "减少 ";
  return "比上年" + direction + money(now > before ? now - before : before - now, unit);
}

std::string part_overview(const Budget& b, Random& random) {
  const Department& d = b.department;
  int offices = static_cast<int>(random.between(4, 14));
  int staff = static_cast<int>(random.between(30, 400));
  return "## 第一部分 部门概况\n\n### 一、部门职责\n\n" + d.name + "的主要职责是：" + d.duties.substr(0, d.duties.size() - 1) +
         "\n\n### 二、机构设置情况\n\n本部门设" + std::to_string(offices) +
         " 个内设机构，纳入本预算编制范围的只有本级。\n\n- 核定编制 " + std::to_string(staff) +
         " 名，实有在编 " + std::to_string(staff - random.between(0, staff / 10)) + " 人；\n- 退休 " +
         std::to_string(random.between(0, staff / 4)) + " 人；\n- 公务用车 " + std::to_string(d.vehicles) +
         " 辆。\n\n### 三、" + std::to_string(b.year) + "年主要工作目标\n\n1. **" + d.topics[0] + "**：完善工作机制，提升服务质量和效率。\n2. **" +
         d.topics[1] + "**：按计划推进年度重点任务，加强过程管理。\n3. **" + d.topics[2] +
         "**：强化信息化支撑，做好数据治理和安全保障。\n\n";
}

std::string part_totals(const Budget& b) {
  return "## 第二部分 部门预算收支总体情况\n\n" + std::to_string(b.year) + " 年部门预算收入和支出均为 " + b.money(b.total()) +
         "，全部为一般公共预算拨款，没有政府性基金和国有资本经营预算拨款，也没有上年结转。\n\n";
}

std::string part_spending(const Budget& b) {
  std::string out = "## 第三部分 部门预算支出具体情况\n\n预算 " + b.money(b.total()) + "，其中基本支出 " + b.money(b.sums[kBasic]) +
                    "，项目支出 " + b.money(b.sums[kProject]) + "。按功能分类：\n\n";
  for (const CodeNode& lei : b.functions) {
    out += "- **" + lei.name + " " + b.money(lei.total()) + "**：";
    for (std::size_t i = 0; i < lei.children.size(); ++i) {
      out += (i ? "；" : "") + lei.children[i].name + " " + b.money(lei.children[i].total());
    }
    out += "。\n";
  }
  out += "\n按经济分类的构成如下：\n\n```chart\nkind = \"donut\"\ntable = \"economic\"\ntitle = \"按经济分类的支出构成\"\n```\n\n";
  return out;
}

std::string part_procurement(const Budget& b) {
  return "## 第四部分 政府采购预算情况\n\n纳入 " + std::to_string(b.year) + " 年部门预算的政府采购共 " + b.money(b.sums[kProcurement]) +
         "，其中面向中小企业的政府采购项目 " + b.money(b.sums[kSme]) + "，面向小型、微型企业的 " + b.money(b.sums[kMicro]) + "。\n\n";
}

std::string part_three_public(const Budget& b) {
  const ThreePublic& now = b.three_public;
  const ThreePublic& before = b.previous_three_public;
  return "## 第五部分 一般公共预算“三公”经费预算情况\n\n“三公”经费预算 " + b.money(now.total()) + "，" +
         change_text(now.total(), before.total(), b.unit) + "。\n\n1. **因公出国（境）费**：" + b.money(now.abroad) + "，" +
         change_text(now.abroad, before.abroad, b.unit) + "。\n2. **公务接待费**：" + b.money(now.reception) + "，" +
         change_text(now.reception, before.reception, b.unit) + "，用于接待上级部门和外地单位来访公务。\n3. **公务用车购置及运行维护费**：" +
         b.money(now.vehicles()) + "。其中购置费 " + b.money(now.purchase) + "，运行维护费 " + b.money(now.upkeep) +
         "（燃料、维修、路桥、保险等）。\n\n";
}

std::string part_performance(const Budget& b) {
  return "## 第六部分 部门预算绩效管理情况\n\n本部门按要求编报了部门整体支出绩效目标和全部项目的绩效目标，覆盖项目支出 " +
         b.money(b.sums[kProject]) + "。绩效目标细化到数量、质量、时效、成本、效益和满意度指标，见表 12。\n\n";
}

std::string part_assets(const Budget& b) {
  return "## 第七部分 国有资产占用情况\n\n截至上年末，本部门共有车辆 " + std::to_string(b.department.vehicles) +
         " 辆，均为一般公务用车；本年度" + (b.three_public.purchase > 0 ? "安排购置公务用车 1 辆。" : "不购置公务用车。") + "\n\n";
}

std::string part_other(const Budget& b) {
  return "## 第八部分 其他重要事项的情况说明\n\n本部门" + std::to_string(b.year) +
         " 年没有政府性基金预算和国有资本经营预算拨款，相关表格为空表。涉密项目按要求不予公开。\n\n";
}

std::string part_terms() {
  return "## 第九部分 名词解释\n\n- **基本支出**：为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。\n"
         "- **项目支出**：在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。\n"
         "- **“三公”经费**：因公出国（境）费、公务用车购置及运行维护费和公务接待费。\n";
}

std::string budget_body(const Budget& b, Random& random) {
  return part_overview(b, random) + part_totals(b) + part_spending(b) + part_procurement(b) +
         part_three_public(b) + part_performance(b) + part_assets(b) + part_other(b) + part_terms();
}

/// The budget's figures, drawn in 万元, restated in `unit` (exactly: 元 = 万元 × 10,000).
void in_unit(Budget& b, Unit unit) {
  b.unit = unit;
  scale_tree(b.functions, unit.factor);
  scale_tree(b.economic, unit.factor);
  b.three_public = b.three_public.times(unit.factor);
  b.previous_three_public = b.previous_three_public.times(unit.factor);
  b.sums = tree_sum(b.functions);
}

std::string budget_summary(const Budget& b) {
  return b.department.name + " " + std::to_string(b.year) + " 年收支预算均为 " + b.money(b.total()) + "，其中基本支出 " +
         b.money(b.sums[kBasic]) + "，项目支出 " + b.money(b.sums[kProject]) + "。";
}

}  // namespace

ReportFiles budget_report(const Department& department, int year, std::uint64_t seed) {
  Random random(derive_seed(seed, {5, static_cast<std::uint64_t>(department.index),
                                   static_cast<std::uint64_t>(year)}));
  Budget b{department, year, function_amounts(department, year, seed), {}, {}, {}, {}};
  b.sums = tree_sum(b.functions);
  b.three_public = three_public_budget(department, year, seed);
  b.previous_three_public = three_public_budget(department, year - 1, seed);
  b.economic = economic_amounts(b.sums[kBasic], b.sums[kProject], b.three_public, random);
  in_unit(b, department.budget_unit);
  std::vector<std::string> tables = {
      summary_table(b),     income_table(b),   expenditure_table(b),
      basic_table(b),       project_table(b),  gov_funds_table(b),
      function_table(b),    economic_table(b), three_public_table(b),
      empty_table(b, "fund", "表10", "政府性基金预算支出表"),
      empty_table(b, "state-capital", "表11", "国有资本经营预算支出表"),
      unit_goals_table(b, random)};
  std::string title = std::to_string(year) + " 年" + department.name + "部门预算";
  std::string json = object({{"schema", "1"}, {"kind", quote("budget")}, {"department", quote(department.name)},
                             {"year", std::to_string(year)}, {"title", quote(title)}, {"unit", quote(b.unit.label)},
                             {"source", quote("bench/gen-corpus (synthetic)")},
                             {"tables", array(tables, true)}, {"checks", array(file_checks(b), true)}});
  std::string published = std::to_string(year) + "-02-" + std::to_string(10 + random.between(0, 18));
  return {json + "\n", markdown(budget_summary(b), published, budget_body(b, random))};
}

}  // namespace corpus
