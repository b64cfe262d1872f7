#include "chart/chart.h"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>

#include "test_support.h"

using namespace gongkai;
using gongkai::testing::read_file;
using gongkai::testing::source_dir;
using gongkai::testing::write_file;

namespace {

// ---- data (figures from the seed documents in ../shared/seeds) -------------------------------

ChartDatum datum(std::string label, double value, std::string text = "") {
  ChartDatum d;
  d.label = std::move(label);
  d.value = value;
  d.value_text = std::move(text);
  return d;
}

ChartSpec spec_of(ChartKind kind, std::string id, std::string title,
                  std::vector<ChartSeries> series) {
  ChartSpec spec;
  spec.kind = kind;
  spec.id = std::move(id);
  spec.title = std::move(title);
  spec.unit = "万元";
  spec.series = std::move(series);
  return spec;
}

/// 2023 budget of 深圳市公共信用中心, expenditure by function class (类).
std::vector<ChartDatum> function_classes() {
  return {datum("一般公共服务支出", 5398, "5,398 万元"), datum("教育支出", 6, "6 万元"),
          datum("社会保障和就业支出", 302, "302 万元"), datum("卫生健康支出", 55, "55 万元"),
          datum("住房保障支出", 535, "535 万元")};
}

ChartSpec functions_hbar() {
  return spec_of(ChartKind::hbar, "chart-functions", "2023 年支出功能分类（类）",
                 {{"2023 年预算数", function_classes()}});
}

ChartSpec functions_donut() {
  ChartSpec spec = spec_of(ChartKind::donut, "chart-functions-donut", "2023 年支出功能分类构成",
                           {{"2023 年预算数", function_classes()}});
  spec.total_text = "6,296 万元";
  return spec;
}

ChartSpec basic_project_donut() {
  return spec_of(
      ChartKind::donut, "chart-basic-project", "基本支出与项目支出",
      {{"", {datum("基本支出", 2478, "2,478 万元"), datum("项目支出", 3818, "3,818 万元")}}});
}

/// Expenditure by economic class (款) of the same budget, zeros included.
std::vector<ChartDatum> economic_items() {
  std::vector<std::pair<const char*, double>> rows = {{"基本工资", 1190},
                                                      {"津贴补贴", 351},
                                                      {"奖金", 201},
                                                      {"机关事业单位基本养老保险缴费", 131},
                                                      {"职业年金缴费", 65},
                                                      {"职工基本医疗保险缴费", 55},
                                                      {"其他社会保障缴费", 1},
                                                      {"住房公积金", 184},
                                                      {"其他工资福利支出", 99},
                                                      {"办公费", 17},
                                                      {"印刷费", 1},
                                                      {"手续费", 0},
                                                      {"邮电费", 313},
                                                      {"物业管理费", 4},
                                                      {"差旅费", 22},
                                                      {"维修（护）费", 1148},
                                                      {"培训费", 8},
                                                      {"公务接待费", 0},
                                                      {"专用材料费", 36},
                                                      {"委托业务费", 2169},
                                                      {"工会经费", 34},
                                                      {"福利费", 3},
                                                      {"公务用车运行维护费", 12},
                                                      {"其他商品和服务支出", 110},
                                                      {"退休费", 101},
                                                      {"办公设备购置", 42}};
  std::vector<ChartDatum> data;
  for (const auto& [label, value] : rows) data.push_back(datum(label, value));
  return data;
}

ChartSpec economic_hbar() {
  return spec_of(ChartKind::hbar, "chart-economic", "2023 年支出经济分类（款）",
                 {{"2023 年预算数", economic_items()}});
}

ChartDatum with_children(ChartDatum parent, std::vector<ChartDatum> children) {
  parent.children = std::move(children);
  return parent;
}

ChartSpec functions_treemap() {
  std::vector<ChartDatum> data = {
      with_children(
          datum("一般公共服务支出", 5398, "5,398 万元"),
          {datum("市场主体管理", 1632, "1,632 万元"), datum("市场秩序执法", 730, "730 万元"),
           datum("信息化建设", 1450, "1,450 万元"), datum("事业运行", 1586, "1,586 万元")}),
      with_children(datum("教育支出", 6, "6 万元"), {datum("培训支出", 6, "6 万元")}),
      with_children(datum("社会保障和就业支出", 302, "302 万元"),
                    {datum("事业单位离退休", 106, "106 万元"),
                     datum("机关事业单位基本养老保险缴费支出", 131, "131 万元"),
                     datum("机关事业单位职业年金缴费支出", 65, "65 万元")}),
      with_children(datum("卫生健康支出", 55, "55 万元"), {datum("事业单位医疗", 55, "55 万元")}),
      with_children(datum("住房保障支出", 535, "535 万元"),
                    {datum("住房公积金", 184, "184 万元"), datum("购房补贴", 351, "351 万元")})};
  return spec_of(ChartKind::treemap, "chart-functions-map", "2023 年支出功能分类（类、项）",
                 {{"2023 年预算数", data}});
}

/// 三公 expenses, budget 2022 and 2023.
ChartSpec sangong_grouped() {
  auto year = [](const char* name, double travel, double reception, double cars) {
    return ChartSeries{
        name,
        {datum("因公出国（境）费", travel), datum("公务接待费", reception),
         datum("公务用车购置及运行维护费", cars), datum("合计", travel + reception + cars)}};
  };
  return spec_of(ChartKind::grouped_bar, "chart-sangong", "“三公”经费预算",
                 {year("2022 年", 0, 0.44, 12), year("2023 年", 0, 0.3, 12)});
}

/// Changes from the previous year's budget by project class; the 2022 column is illustrative.
ChartSpec changes_grouped() {
  auto change = [](const char* name, std::vector<double> v) {
    return ChartSeries{name,
                       {datum("信息化类", v[0]), datum("市场监督管理事务", v[1]),
                        datum("综合管理类", v[2]), datum("修缮维护类", v[3])}};
  };
  return spec_of(ChartKind::grouped_bar, "chart-changes", "项目支出比上年增减",
                 {change("2022 年", {120, -45, 2, -12}), change("2023 年", {78, 350, -3, 0})});
}

/// Final accounts 2022 of 深圳市政务服务数据管理局: budget and execution of evaluated projects.
ChartSpec projects_budget_actual() {
  std::vector<std::tuple<const char*, double, const char*, double, const char*, const char*>> rows =
      {{"部门整体支出", 123297.96, "123,297.96 万元", 120791.59, "120,791.59 万元", "98%"},
       {"深圳电子政务平台数字证书退费项目", 2292.44, "2,292.44 万元", 2115.44, "2,115.44 万元",
        "92.3%"},
       {"政务数据管理项目", 1522.01, "1,522.01 万元", 1489.84, "1,489.84 万元", "97.9%"},
       {"政府网络运行维护项目", 1816.33, "1,816.33 万元", 1800.99, "1,800.99 万元", "99.2%"},
       {"综合运维服务项目", 1995.67, "1,995.67 万元", 1950.19, "1,950.19 万元", "97.7%"},
       {"网上办事大厅效能监督系统项目", 250, "250 万元", 237.1, "237.1 万元", ""}};
  ChartSeries planned{"全年预算数", {}}, executed{"全年执行数", {}};
  for (const auto& [label, plan, plan_text, done, done_text, rate] : rows) {
    planned.data.push_back(datum(label, plan, plan_text));
    ChartDatum d = datum(label, done, done_text);
    d.rate_text = rate;
    executed.data.push_back(d);
  }
  return spec_of(ChartKind::budget_actual, "chart-execution", "2022 年预算执行情况",
                 {planned, executed});
}

/// Budget totals of 深圳市公共信用中心 across years, and the 2021 adjusted budget.
ChartSpec totals_line() {
  return spec_of(ChartKind::line, "chart-totals", "部门预算总额变化",
                 {{"年初预算",
                   {datum("2021 年", 5312.47, "5,312.47"), datum("2022 年", 5855, "5,855"),
                    datum("2023 年", 6296, "6,296")}},
                  {"调整后预算", {datum("2021 年", 5891.23, "5,891.23")}}});
}

ChartDatum score(const char* label, double value, const char* text, double full) {
  ChartDatum d = datum(label, value, text);
  d.full_marks = full;
  return d;
}

/// 2021 evaluation of 深圳市公共信用中心: indicators with their weights.
ChartSpec evaluation_scores() {
  return spec_of(ChartKind::score_bar, "chart-scores", "部门整体支出绩效评分（部分指标）",
                 {{"得分",
                   {score("预算编制合理性", 5, "5.0", 5), score("绩效指标明确性", 5.5, "5.5", 7),
                    score("政府采购执行情况", 1.98, "1.98", 2),
                    score("财务合规性", 2.91, "2.91", 3), score("公用经费控制率", 6, "6.0", 6),
                    score("社会效益、经济效益、生态效益等", 21, "21.0", 25),
                    score("公众或服务对象满意度", 6, "6.0", 6),
                    score("每月设备巡检次数", 12, "12.0", 12.5)}}});
}

const std::string kLongName =
    "深圳市市场监督管理局关于全市公共信用信息管理披露应用及公共信用信息系统建设与运行维护"
    "暨企业登记档案接收整理扫描分类标注库房协管业务合规性司法查验服务专项经费";

/// Forty items with realistic magnitudes, spread over two orders of magnitude.
std::vector<ChartDatum> forty_items() {
  std::vector<ChartDatum> data;
  for (int i = 1; i <= 40; ++i) {
    double value = std::round(2400.0 / i);
    data.push_back(datum("第" + std::to_string(i) + "项 信息化运维服务", value));
  }
  return data;
}

// ---- checks -----------------------------------------------------------------------------------

std::filesystem::path golden_path(const std::string& name) {
  return source_dir() / "tests" / "golden" / "charts" / (name + ".svg");
}

bool updating_goldens() {
  const char* flag = std::getenv("GONGKAI_UPDATE_GOLDEN");
  return flag && std::string(flag) == "1";
}

/// Compares with tests/golden/charts/NAME.svg byte for byte, or rewrites it when
/// GONGKAI_UPDATE_GOLDEN=1.
void check_golden(const std::string& name, const std::string& svg) {
  std::filesystem::path path = golden_path(name);
  if (updating_goldens()) {
    write_file(path, svg);
    return;
  }
  INFO("golden " << path.string() << " (rerun with GONGKAI_UPDATE_GOLDEN=1 to accept changes)");
  REQUIRE(std::filesystem::exists(path));
  std::string expected = read_file(path);
  std::size_t at = 0;
  while (at < svg.size() && at < expected.size() && svg[at] == expected[at]) ++at;
  INFO("first difference at byte " << at << ": got «" << svg.substr(at, 80) << "» expected «"
                                   << expected.substr(at, 80) << "»");
  CHECK(svg == expected);
}

/// Every tag closed in order, every '&' an entity, no stray '<' in text.
bool well_formed(const std::string& xml, std::string& problem) {
  std::vector<std::string> open;
  for (std::size_t i = 0; i < xml.size(); ++i) {
    if (xml[i] == '&') {
      std::size_t end = xml.find(';', i);
      std::string entity = end == std::string::npos ? "" : xml.substr(i, end - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
          entity != "&#39;") {
        problem = "bad entity at " + std::to_string(i);
        return false;
      }
    }
    if (xml[i] != '<') continue;
    std::size_t end = xml.find('>', i);
    if (end == std::string::npos) return problem = "unclosed tag", false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    if (tag.find('<') != std::string::npos) return problem = "'<' inside tag " + tag, false;
    std::string name = tag.substr(0, tag.find_first_of(" />"));
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return problem = "mismatched " + tag, false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(name);
    }
    i = end;
  }
  if (!open.empty()) problem = "unclosed " + open.back();
  return open.empty();
}

bool boxes_overlap(const ChartTextBox& a, const ChartTextBox& b) {
  const double slack = 0.5;
  return a.x + slack < b.x + b.width && b.x + slack < a.x + a.width &&
         a.y + slack < b.y + b.height && b.y + slack < a.y + a.height;
}

/// The accessibility and layout contract every chart keeps.
void check_structure(const ChartSpec& spec, const std::string& svg) {
  std::string id = spec.id;
  std::string open_tag = svg.substr(0, svg.find('>'));
  CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"" + id +
                      "-title " + id + "-desc\" viewBox=\"0 0 ",
                  0) == 0);
  CHECK(open_tag.find(" width=") == std::string::npos);
  CHECK(open_tag.find(" height=") == std::string::npos);
  CHECK(open_tag.find("class=\"chart chart-") != std::string::npos);
  CHECK(svg.find("<title id=\"" + id + "-title\">") != std::string::npos);
  CHECK(svg.find("<desc id=\"" + id + "-desc\">") != std::string::npos);
  CHECK(svg.find("\"" + id + "-desc\"></desc>") == std::string::npos);
  std::string problem;
  bool formed = well_formed(svg, problem);
  INFO(problem);
  CHECK(formed);
  ChartLayout layout = layout_chart(spec);
  REQUIRE(layout.width > 0);
  for (std::size_t i = 0; i < layout.texts.size(); ++i) {
    const ChartTextBox& a = layout.texts[i];
    INFO("text «" << a.text << "» at " << a.x << "," << a.y << " size " << a.width << "×"
                  << a.height << " in " << layout.width << "×" << layout.height);
    CHECK(a.x >= -0.01);
    CHECK(a.y >= -0.01);
    CHECK(a.x + a.width <= layout.width + 0.01);
    CHECK(a.y + a.height <= layout.height + 0.01);
    for (std::size_t j = i + 1; j < layout.texts.size(); ++j) {
      INFO("overlaps «" << layout.texts[j].text << "» at " << layout.texts[j].x << ","
                        << layout.texts[j].y);
      CHECK_FALSE(boxes_overlap(a, layout.texts[j]));
    }
  }
}

/// Renders, checks the contract and the golden file; returns the SVG.
std::string check_chart(const ChartSpec& spec, const std::string& golden) {
  REQUIRE(chart_has_data(spec));
  std::string svg = render_chart(spec);
  CHECK(svg == render_chart(spec));
  check_structure(spec, svg);
  check_golden(golden, svg);
  return svg;
}

std::string desc_of(const std::string& svg) {
  std::size_t start = svg.find("-desc\">") + 7;
  return svg.substr(start, svg.find("</desc>") - start);
}

}  // namespace

// ---- every kind, realistic data ----------------------------------------------------------------

TEST_CASE("chart: donut of expenditure by function, legend beside", "[chart]") {
  std::string svg = check_chart(functions_donut(), "donut-functions");
  CHECK(desc_of(svg) ==
        "总计 6,296 万元，其中一般公共服务支出 5,398 万元，占 85.7%；教育支出 6 万元，占 0.1%；"
        "社会保障和就业支出 302 万元，占 4.8%；卫生健康支出 55 万元，占 0.9%；住房保障支出 535 "
        "万元，占 8.5%。");
  CHECK(svg.find("class=\"chart chart-donut\"") != std::string::npos);
  CHECK(svg.find("fill=\"var(--chart-1, #0072B2)\"") != std::string::npos);
}

TEST_CASE("chart: donut of basic and project expenditure", "[chart]") {
  std::string svg = check_chart(basic_project_donut(), "donut-basic-project");
  CHECK(desc_of(svg) ==
        "总计 6,296 万元，其中基本支出 2,478 万元，占 39.4%；项目支出 3,818 万元，占 60.6%。");
}

TEST_CASE("chart: horizontal bars by function class", "[chart]") {
  std::string svg = check_chart(functions_hbar(), "hbar-functions");
  CHECK(svg.find("<text") != std::string::npos);
  CHECK(svg.find(">5,398 万元</text>") != std::string::npos);
}

TEST_CASE("chart: horizontal bars by economic class, zeros kept", "[chart]") {
  std::string svg = check_chart(economic_hbar(), "hbar-economic");
  CHECK(svg.find(">手续费</text>") != std::string::npos);
  CHECK(svg.find(">0 万元</text>") != std::string::npos);
}

TEST_CASE("chart: treemap of function classes and items", "[chart]") {
  std::string svg = check_chart(functions_treemap(), "treemap-functions");
  CHECK(
      desc_of(svg).rfind("总计 6,296 万元，其中一般公共服务支出 5,398 万元，占 85.7%（市场主体管理 "
                         "1,632 万元、",
                         0) == 0);
  // Small tiles (教育支出 6 万元) carry no label but are listed under the map.
  CHECK(svg.find("图中未标注：") != std::string::npos);
  CHECK(svg.find("教育支出 6 万元（0.1%）") != std::string::npos);
}

TEST_CASE("chart: grouped bars of 三公 expenses, this year against last", "[chart]") {
  std::string svg = check_chart(sangong_grouped(), "grouped-sangong");
  CHECK(desc_of(svg) ==
        "因公出国（境）费：2022 年 0 万元，2023 年 0 万元；公务接待费：2022 年 0.44 万元，2023 年 "
        "0.3 万元；公务用车购置及运行维护费：2022 年 12 万元，2023 年 12 万元；合计：2022 年 12.44 "
        "万元，2023 年 12.3 万元。");
}

TEST_CASE("chart: grouped bars of changes go left of the zero axis", "[chart]") {
  ChartSpec spec = changes_grouped();
  std::string svg = check_chart(spec, "grouped-changes");
  ChartLayout layout = layout_chart(spec);
  // The negative values' texts end left of the positives' texts start.
  double negative_right = 0, positive_left = layout.width;
  for (const ChartTextBox& box : layout.texts) {
    if (box.text == "-45 万元") negative_right = box.x + box.width;
    if (box.text == "350 万元") positive_left = box.x;
  }
  CHECK(negative_right > 0);
  CHECK(negative_right < positive_left);
}

TEST_CASE("chart: budget against execution with rates", "[chart]") {
  std::string svg = check_chart(projects_budget_actual(), "budget-actual-projects");
  CHECK(svg.find("执行率 92.3%") != std::string::npos);
  CHECK(svg.find("执行率 94.8%") != std::string::npos);  // computed: 237.1 ÷ 250
  CHECK(desc_of(svg).rfind("部门整体支出：全年预算数 123,297.96 万元，全年执行数 120,791.59 万元，"
                           "执行率 98%；",
                           0) == 0);
}

TEST_CASE("chart: line of totals across years, a second series with a gap", "[chart]") {
  std::string svg = check_chart(totals_line(), "line-totals");
  CHECK(desc_of(svg) ==
        "2021 年：年初预算 5,312.47，调整后预算 5,891.23；2022 年：年初预算 5,855，调整后预算 "
        "无数据；2023 年：年初预算 6,296，调整后预算 无数据。");
}

TEST_CASE("chart: scores against their weights", "[chart]") {
  std::string svg = check_chart(evaluation_scores(), "score-bar-evaluation");
  CHECK(svg.find(">12.0 / 12.5</text>") != std::string::npos);
  CHECK(desc_of(svg).rfind("合计得分 60.39，满分 66.5。", 0) == 0);
}

// ---- edge cases --------------------------------------------------------------------------------

TEST_CASE("chart: all zeros draw nothing, for every kind", "[chart]") {
  for (ChartKind kind : {ChartKind::donut, ChartKind::hbar, ChartKind::treemap,
                         ChartKind::grouped_bar, ChartKind::budget_actual, ChartKind::line}) {
    ChartSpec spec = spec_of(kind, "zero", "全为零",
                             {{"a", {datum("甲", 0), datum("乙", 0)}}, {"b", {datum("甲", 0)}}});
    CHECK_FALSE(chart_has_data(spec));
    CHECK(render_chart(spec).empty());
    CHECK(layout_chart(spec).texts.empty());
  }
  ChartSpec empty = spec_of(ChartKind::score_bar, "empty", "无数据", {});
  CHECK_FALSE(chart_has_data(empty));
  CHECK(render_chart(empty).empty());
  // A score of zero out of a positive weight is data.
  CHECK(chart_has_data(spec_of(ChartKind::score_bar, "s", "", {{"", {score("甲", 0, "0", 5)}}})));
}

TEST_CASE("chart: a single item", "[chart]") {
  check_chart(spec_of(ChartKind::donut, "one-slice", "收入来源",
                      {{"", {datum("一般公共预算拨款", 6296, "6,296 万元")}}}),
              "donut-single");
  check_chart(
      spec_of(ChartKind::hbar, "one-bar", "支出", {{"", {datum("一般公共服务支出", 5398)}}}),
      "hbar-single");
  check_chart(spec_of(ChartKind::treemap, "one-tile", "支出", {{"", {datum("住房保障支出", 535)}}}),
              "treemap-single");
  check_chart(spec_of(ChartKind::line, "one-point", "总额", {{"", {datum("2023 年", 6296)}}}),
              "line-single");
}

TEST_CASE("chart: negative values in single-series bars", "[chart]") {
  ChartSpec spec = spec_of(ChartKind::hbar, "hbar-changes", "比上年增减",
                           {{"",
                             {datum("信息化类", 78), datum("市场监督管理事务", 350),
                              datum("综合管理类", -3), datum("修缮维护类", 0)}}});
  std::string svg = check_chart(spec, "hbar-negative");
  CHECK(desc_of(svg).find("占") == std::string::npos);  // no shares of a total with negatives
  spec.kind = ChartKind::line;
  spec.id = "line-changes";
  spec.series.push_back({"2022 年",
                         {datum("信息化类", 120), datum("市场监督管理事务", -45),
                          datum("综合管理类", 2), datum("修缮维护类", -12)}});
  spec.series[0].name = "2023 年";
  check_chart(spec, "line-negative");
}

TEST_CASE("chart: forty items grow tall and stay readable", "[chart]") {
  ChartSpec bars = spec_of(ChartKind::hbar, "forty", "四十个项目", {{"", forty_items()}});
  check_chart(bars, "hbar-forty");
  ChartLayout layout = layout_chart(bars);
  CHECK(layout.height > 40 * 20);
  ChartSpec map = spec_of(ChartKind::treemap, "forty-map", "四十个项目", {{"", forty_items()}});
  std::string svg = check_chart(map, "treemap-forty");
  CHECK(svg.find("图中未标注：") != std::string::npos);
  ChartSpec donut = spec_of(ChartKind::donut, "forty-donut", "四十个项目", {{"", forty_items()}});
  donut.max_items = 8;
  svg = check_chart(donut, "donut-forty-folded");
  CHECK(svg.find("其他（33 项）") != std::string::npos);
}

TEST_CASE("chart: very long names wrap, then end in an ellipsis with the full name on hover",
          "[chart]") {
  std::vector<ChartDatum> data = {datum(kLongName, 1450, "1,450 万元"),
                                  datum("公共信用管理", 1061, "1,061 万元")};
  std::string svg =
      check_chart(spec_of(ChartKind::hbar, "long-bar", kLongName, {{"", data}}), "hbar-long-names");
  CHECK(svg.find("…") != std::string::npos);
  CHECK(svg.find("<title>" + kLongName + "</title>") != std::string::npos);
  check_chart(spec_of(ChartKind::donut, "long-donut", "项目构成", {{"", data}}),
              "donut-long-names");
  check_chart(spec_of(ChartKind::treemap, "long-map", "项目构成", {{"", data}}),
              "treemap-long-names");
  check_chart(spec_of(ChartKind::grouped_bar, "long-grouped", "项目对比",
                      {{"2022 年", data}, {"2023 年" + kLongName, data}}),
              "grouped-long-names");
  ChartDatum executed = datum(kLongName, 1400, "1,400 万元");
  check_chart(spec_of(ChartKind::budget_actual, "long-execution", "执行情况",
                      {{"预算数", {data[0]}}, {"执行数", {executed}}}),
              "budget-actual-long-names");
  check_chart(spec_of(ChartKind::score_bar, "long-scores", "评分",
                      {{"", {score(kLongName.c_str(), 12, "12.0", 12.5)}}}),
              "score-bar-long-names");
  check_chart(spec_of(ChartKind::line, "long-line", "总额",
                      {{"", {datum(kLongName, 10), datum("2023 年", 12)}}}),
              "line-long-names");
}

TEST_CASE("chart: NaN, infinite and misplaced negative values are skipped and named", "[chart]") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  ChartSpec bars = spec_of(ChartKind::hbar, "bad-bar", "支出",
                           {{"",
                             {datum("教育支出", 6), datum("坏数据", nan), datum("无穷", inf),
                              datum("住房保障支出", 535)}}});
  std::string svg = check_chart(bars, "hbar-invalid");
  CHECK(desc_of(svg) ==
        "总计 541 万元，其中教育支出 6 万元，占 1.1%；住房保障支出 535 万元，占 98.9%。另有 2 项"
        "数据无效，未绘出：坏数据、无穷。");
  ChartSpec donut = spec_of(ChartKind::donut, "bad-donut", "收入",
                            {{"", {datum("拨款", 100), datum("负数", -5), datum("极大", 1e300)}}});
  CHECK(desc_of(check_chart(donut, "donut-invalid")).find("未绘出：负数、极大。") !=
        std::string::npos);
  ChartSpec scores = spec_of(ChartKind::score_bar, "bad-score", "评分",
                             {{"", {score("甲", 3, "3", 0), score("乙", 4, "4", 5)}}});
  CHECK(desc_of(render_chart(scores)).find("未绘出：甲。") != std::string::npos);
  ChartSpec all_bad = spec_of(ChartKind::line, "all-bad", "x", {{"", {datum("2023", nan)}}});
  CHECK_FALSE(chart_has_data(all_bad));
}

TEST_CASE("chart: hostile labels are escaped", "[chart]") {
  std::string hostile = "<script>alert(\"x\")</script> & 'q' \x01\xff\xe2\x80\xae";
  ChartSpec spec = spec_of(ChartKind::hbar, "id with spaces\"<>", hostile,
                           {{hostile, {datum(hostile, 5, hostile), datum("甲", 3)}}});
  spec.unit = "<b>";
  std::string svg = render_chart(spec);
  CHECK(svg.find("<script") == std::string::npos);
  CHECK(svg.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;") !=
        std::string::npos);
  CHECK(svg.find("\xff") == std::string::npos);
  CHECK(svg.find('\x01') == std::string::npos);
  CHECK(svg.find("\xe2\x80\xae") == std::string::npos);  // the bidi override is dropped
  spec.id = "id-with-spaces---";
  check_structure(spec, svg);
  for (ChartKind kind : {ChartKind::donut, ChartKind::treemap, ChartKind::grouped_bar,
                         ChartKind::budget_actual, ChartKind::line, ChartKind::score_bar}) {
    ChartSpec other = spec;
    other.kind = kind;
    other.series.push_back(other.series[0]);
    for (ChartDatum& d : other.series[0].data) d.full_marks = 10;
    std::string out = render_chart(other);
    CHECK(out.find("<script") == std::string::npos);
    check_structure(other, out);
  }
}

TEST_CASE("chart: narrow charts put the donut legend below and keep labels inside", "[chart]") {
  ChartSpec donut = functions_donut();
  donut.width = 320;
  check_chart(donut, "donut-narrow");
  ChartSpec bars = economic_hbar();
  bars.width = 320;
  check_chart(bars, "hbar-narrow");
  ChartSpec line = totals_line();
  line.width = 320;
  check_structure(line, render_chart(line));
  ChartSpec map = functions_treemap();
  map.width = 320;
  check_structure(map, render_chart(map));
}

TEST_CASE("chart: many years on a line thin out their labels", "[chart]") {
  std::vector<ChartDatum> years;
  for (int y = 2004; y <= 2023; ++y) {
    years.push_back(datum(std::to_string(y) + " 年", 50000 + 1234.5 * (y - 2004), ""));
  }
  check_chart(spec_of(ChartKind::line, "twenty-years", "二十年总额", {{"", years}}), "line-twenty");
}

TEST_CASE("chart: options — description override, no caption, folding", "[chart]") {
  ChartSpec spec = functions_hbar();
  spec.desc = "自定义说明 <b>";
  spec.show_caption = false;
  spec.max_items = 3;
  std::string svg = render_chart(spec);
  CHECK(desc_of(svg) == "自定义说明 &lt;b&gt;");
  CHECK(svg.find("chart-caption") == std::string::npos);
  CHECK(svg.find(">其他（3 项）</text>") != std::string::npos);
  CHECK(svg.find(">363 万元</text>") != std::string::npos);  // 6 + 302 + 55
  check_structure(spec, svg);
}

TEST_CASE("chart: kind names and text measurement", "[chart]") {
  CHECK(chart_kind_name(ChartKind::grouped_bar) == "grouped-bar");
  CHECK(parse_chart_kind("budget_actual") == ChartKind::budget_actual);
  CHECK(parse_chart_kind("score-bar") == ChartKind::score_bar);
  CHECK_FALSE(parse_chart_kind("pie").has_value());
  CHECK(chart_text_width("一般", 10) == Approx(20));
  CHECK(chart_text_width("12", 10) == Approx(12));
  CHECK(chart_text_width("（…）", 10) == Approx(30));
  CHECK(chart_text_width("e\xcc\x81", 10) == Approx(6));  // combining accent takes no room
}
