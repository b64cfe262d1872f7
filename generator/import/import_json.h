// The JSON that `gongkai import` writes: the layout of `gongkai new`'s skeletons (a table's
// keys one per line, each column, row, field and check on a line of its own) and figures written
// exactly as printed, "0.00" as 0.00, which a JSON library's numbers cannot keep.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace gongkai {

using ImportJson = nlohmann::ordered_json;

/// A figure for the writer: `digits` is JSON number text ("6296", "0.00", "-0.14") written
/// as it is.
ImportJson figure_json(const std::string& digits);

/// Whether `value` is a figure made by figure_json, and its digits.
bool is_figure_json(const ImportJson& value);
std::string figure_digits(const ImportJson& value);

/// The report as the text of KIND.json.
std::string write_import_json(const ImportJson& report);

}  // namespace gongkai
