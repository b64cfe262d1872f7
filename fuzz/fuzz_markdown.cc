// libFuzzer target: a report narrative through the Markdown pipeline (markdown.h), with
// ```chart blocks drawn from a small fixed report (table_charts.h markdown_chart_handler), once
// with raw HTML off (the default) and once with it on.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/diagnostic.h"
#include "model/data.h"
#include "render/markdown.h"
#include "render/table_charts.h"

namespace {

constexpr std::string_view kReport = R"({
  "schema": 1, "kind": "budget", "department": "示例", "year": 2023, "title": "示例预算",
  "unit": "万元",
  "tables": [{
    "id": "function", "title": "支出表",
    "columns": [
      {"key": "code", "label": "科目编码", "type": "code"},
      {"key": "name", "label": "科目名称"},
      {"key": "total", "label": "合计", "type": "amount", "sum_of": ["basic", "project"]},
      {"key": "basic", "label": "基本支出", "type": "amount"},
      {"key": "project", "label": "项目支出", "type": "amount", "signed": true}
    ],
    "rows": [
      {"cells": {"code": "207", "name": "文化<旅游>", "total": 1100, "basic": 700, "project": 400}},
      {"cells": {"code": "20702", "name": "文物", "total": 1100, "basic": 700, "project": 400}},
      {"cells": {"code": "208", "name": "社保", "total": 100, "basic": 100, "project": 0}}
    ]
  }]
})";

const gongkai::ReportData& report() {
  static const gongkai::ReportData data = [] {
    gongkai::Diagnostics diagnostics;
    return *gongkai::load_report_data("fuzz/budget.json", kReport, diagnostics);
  }();
  return data;
}

void render(std::string_view text, bool raw_html) {
  gongkai::Diagnostics diagnostics;
  gongkai::MarkdownOptions options;
  options.raw_html = raw_html;
  static const nlohmann::json strings = nlohmann::json::object();
  options.chart_block = gongkai::markdown_chart_handler(strings, report(), diagnostics);
  (void)gongkai::render_markdown(text, "fuzz/budget.md", 5, options, diagnostics);
  (void)diagnostics.format_all();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  render(text, false);
  render(text, true);
  return 0;
}
