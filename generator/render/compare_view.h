// The page that sets a department-year's budget beside its final accounts (docs/compare.md):
// its view model, and its downloads as CSV and JSON. Every figure it states is printed in one of
// the two documents (converted exactly from 元 to 万元 where their units differ), or an exact
// difference of two; the execution rate, which does not terminate, is rounded and says so, and
// the JSON keeps it as an exact fraction. Every printed figure links to the row that prints it.
#pragma once

#include <string>

#include "model/budget_execution.h"
#include "render/site_model.h"
#include "render/view_data.h"

namespace gongkai {

/// The comparison's folder from the site root: "dept/2023/compare/".
std::string compare_dir(const BudgetFinalPair& pair);
/// Its page: "dept/2023/compare/index.html".
std::string compare_path(const BudgetFinalPair& pair);
inline constexpr const char* kCompareCsv = "compare.csv";
inline constexpr const char* kCompareJson = "compare.json";

/// The figures of both documents set side by side; both must be parsed.
BudgetExecution compare_pair(const BudgetFinalPair& pair);

/// The page's view (docs/templates.md, "Comparison page").
View compare_page_view(const SiteModel& model, const BudgetFinalPair& pair, const BudgetExecution& execution);

/// One line per compared figure pair, as CSV (the conventions of table_csv()): section, code,
/// names, 预算数, 决算数, 差额, 执行率, unit, and where each figure is printed.
std::string compare_csv(const SiteModel& model, const BudgetFinalPair& pair, const BudgetExecution& execution);
/// The same as JSON, with every figure exact as text and the rate also as an exact fraction.
std::string compare_json(const SiteModel& model, const BudgetFinalPair& pair, const BudgetExecution& execution);

}  // namespace gongkai
