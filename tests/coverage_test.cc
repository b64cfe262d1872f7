#include "check/coverage.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "check_messages.h"
#include "test_support.h"

using namespace gongkai;
using gongkai::testing::at;

namespace {

ReportData load(const std::string& text) {
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data("r.json", text, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(data);
  return *data;
}

/// 表1 adds its rows up; 表2 prints a figure no check reads, a dash and a text cell; the
/// project form's weights are acknowledged as failing without a pinned difference.
const char* kReport = R"j({"schema": 1, "kind": "budget", "department": "部门", "year": 2023, "title": "t", "unit": "万元", "tables": [
  {"id": "a", "number": "表1", "title": "收入表", "columns": [{"key": "name", "label": "项目"}, {"key": "v", "label": "金额", "type": "amount"}],
   "rows": [{"cells": {"name": "甲", "v": 1}}, {"cells": {"name": "乙", "v": 2}}, {"sum_of": "above", "cells": {"name": "合计", "v": 3}}]},
  {"id": "b", "number": "表2", "title": "人员表", "columns": [{"key": "name", "label": "项目"}, {"key": "n", "label": "人数", "type": "number"}],
   "rows": [{"cells": {"name": "在编", "n": 46}}, {"cells": {"name": "编外", "n": "—"}}, {"cells": {"name": "说明", "n": {"text": "无"}}}]},
  {"id": "p", "title": "项目支出绩效自评表", "group": "projects", "fields": [{"label": "项目名称", "value": "档案扫描"}], "parts": [
    {"id": "i", "title": "年度绩效指标", "columns": [{"key": "name", "label": "三级指标"}, {"key": "w", "label": "分值", "type": "score"}],
     "rows": [{"cells": {"name": "数量", "w": 50}}, {"id": "total", "total": true, "cells": {"name": "总分", "w": 100}}]}],
   "checks": [{"id": "w", "assert": "i[total].w = sum(i[*].w)", "acknowledged": "原表如此。"}]}]})j";

}  // namespace

TEST_CASE("coverage counts, table by table, the figures a check reads", "[coverage]") {
  ReportCoverage coverage = measure_coverage(load(kReport));
  CHECK(coverage.figures == 6);
  CHECK(coverage.covered == 3);
  REQUIRE(coverage.tables.size() == 3);
  CHECK(coverage.tables[0].caption == "表1 收入表");
  CHECK(coverage.tables[0].covered == 3);
  CHECK(coverage.tables[1].figures == 1);
  CHECK(coverage.tables[2].caption == "档案扫描 — 年度绩效指标");
  std::string text = coverage_text({coverage});
  CHECK(text ==
        "coverage: 3 of 6 printed figures (50.0 %) are read by at least one check\n"
        "r.json: 3 of 6 (50.0 %)\n"
        "  表1 收入表: 3 of 3 (100.0 %)\n"
        "  表2 人员表: 0 of 1 (0.0 %)\n"
        "  档案扫描 — 年度绩效指标: 0 of 2 (0.0 %)\n" +
            at(kReport, "46") + ": note: 表2 人员表: 在编 人数 46 is read by no check\n" +
            at(kReport, "50}") + ": note: 档案扫描 — 年度绩效指标: 数量 分值 50 is read by no check\n" +
            at(kReport, "100}") + ": note: 档案扫描 — 年度绩效指标: 总分 分值 100 is read by no check\n");
  nlohmann::json json = coverage_json({coverage});
  CHECK(json["figures"] == 6);
  CHECK(json["covered"] == 3);
  CHECK(json["reports"][0]["tables"][1]["uncovered"][0]["text"] == "表2 人员表: 在编 人数 46");
  CHECK(json["reports"][0]["tables"][1]["uncovered"][0]["line"] == 5);
}

TEST_CASE("a pinned difference keeps an acknowledged check's figures covered", "[coverage]") {
  std::string pinned = kReport;
  std::string ack = "\"acknowledged\": \"原表如此。\"";
  pinned.replace(pinned.find(ack), ack.size(), ack + ", \"difference\": 50");
  ReportCoverage coverage = measure_coverage(load(pinned));
  CHECK(coverage.covered == 5);
  CHECK(coverage.tables[2].uncovered.empty());
}

TEST_CASE("check --coverage on the example site reads every printed figure", "[coverage]") {
  testing::CommandResult r = testing::run_gongkai({"check", "--coverage", "--source", testing::source_dir().string()});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("coverage: 2242 of 2242 printed figures (100.0 %) are read by at least one check\n", 0) == 0);
  CHECK(r.out.find("  九 财政拨款“三公”经费支出决算表: 12 of 12 (100.0 %)\n") != std::string::npos);
  CHECK(r.out.find("is read by no check") == std::string::npos);
  testing::CommandResult json = testing::run_gongkai(
      {"check", "--coverage", "--format", "json", "--source", testing::source_dir().string()});
  nlohmann::json parsed = nlohmann::json::parse(json.out);
  CHECK(parsed["errors"] == 0);
  CHECK(parsed["coverage"]["figures"] == 2242);
  CHECK(parsed["coverage"]["reports"].size() == 3);
}
