// A printed form into gongkai's JSON: the label–value pairs above it (项目名称 … 实施单位) as
// its fields, and each part (项目资金, 年度总体目标, 年度绩效指标 …) found by the label printed
// in its first column or by its header, its rows read under the part's columns.
#pragma once

#include "import/import_json.h"
#include "import/import_table.h"
#include "import/source_tables.h"

namespace gongkai {

/// The skeleton form `skeleton` (a table with fields and parts) filled from `source`, with
/// `id` for its id. Rows whose figures fall beside the figure columns, as text extraction of
/// merged cells often leaves them, are moved over by up to three columns and logged; the
/// empty cells of merged columns (一级指标, 二级指标) take the text above them.
ImportJson import_form(const SourceTable& source, const ImportJson& skeleton, const std::string& id,
                       ImportLog& log);

}  // namespace gongkai
