// The anchors of table rows on report pages: what a comparison's figures link to.
#include "render/row_anchors.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace gongkai;
using gongkai::testing::report_with_table;

namespace {

std::vector<std::string> anchors_of(const std::string& table_json) {
  ReportData data = report_with_table(table_json);
  const Table& table = data.tables.at(0);
  RowAnchors anchors(table);
  std::vector<std::string> out;
  for (const Side& side : table.sides) {
    for (const Row& row : side.rows) out.push_back(anchors.of(row));
  }
  return out;
}

}  // namespace

TEST_CASE("a row is anchored by its id, else its code, else its number", "[row_anchors]") {
  auto anchors = anchors_of(R"({"id": "function", "title": "t", "columns": [
      {"key": "code", "label": "科目编码", "type": "code"}, {"key": "name", "label": "科目名称"},
      {"key": "total", "label": "合计", "type": "amount"}],
    "rows": [{"id": "sum", "cells": {"name": "合计", "total": 3}, "total": true},
             {"cells": {"code": "201", "name": "一般公共服务支出", "total": 3}},
             {"cells": {"code": "20101", "name": "人大事务", "total": 3}},
             {"cells": {"name": "说明行"}}]})");
  CHECK(anchors == std::vector<std::string>{"table-function-sum", "table-function-201",
                                            "table-function-20101", "table-function-r4"});
}

TEST_CASE("a code repeated in the unit blocks of a consolidated table is anchored with its block",
          "[row_anchors]") {
  auto anchors = anchors_of(R"({"id": "function", "title": "t", "columns": [
      {"key": "code", "label": "科目编码", "type": "code"}, {"key": "unit", "label": "单位名称", "type": "agency"},
      {"key": "total", "label": "合计", "type": "amount"}],
    "rows": [{"cells": {"unit": "甲单位", "total": 1}},
             {"cells": {"code": "201", "total": 1}},
             {"id": "b", "cells": {"unit": "乙单位", "total": 2}},
             {"cells": {"code": "201", "total": 2}},
             {"cells": {"code": "205", "total": 0}}]})");
  CHECK(anchors == std::vector<std::string>{"table-function-r1", "table-function-u1-201",
                                            "table-function-b", "table-function-b-201",
                                            "table-function-205"});
}

TEST_CASE("row anchors are unique and never the caption's", "[row_anchors]") {
  auto anchors = anchors_of(R"({"id": "tx", "title": "t", "columns": [
      {"key": "code", "label": "编码", "type": "code"}, {"key": "unit", "label": "单位", "type": "agency"},
      {"key": "total", "label": "合计", "type": "amount"}],
    "rows": [{"id": "caption", "cells": {"total": 2}},
             {"id": "u1-201", "cells": {"total": 1}},
             {"cells": {"unit": "甲单位", "total": 1}},
             {"cells": {"code": "201", "total": 1}},
             {"cells": {"unit": "乙单位", "total": 1}},
             {"cells": {"code": "201", "total": 1}}]})");
  CHECK(anchors == std::vector<std::string>{"table-tx-r1", "table-tx-u1-201", "table-tx-r3",
                                            "table-tx-r4", "table-tx-r5", "table-tx-u2-201"});
}
