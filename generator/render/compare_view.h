// The pages that set two documents' figures side by side (docs/compare.md) — a department-year's
// budget against its final accounts, and a document against the previous year's of its kind —
// their view model, and their downloads as CSV and JSON. Every figure they state is printed in
// one of the two documents (converted exactly from 元 to 万元 where their units differ), or an
// exact difference of two; a rate, which does not terminate, is rounded and says so, and the
// JSON keeps it as an exact fraction. Every printed figure links to the row that prints it.
#pragma once

#include <string>

#include "render/side_by_side.h"
#include "render/site_model.h"
#include "render/view_data.h"

namespace gongkai {

/// Budget against final accounts: "dept/2023/compare/" and its page.
std::string compare_dir(const BudgetFinalPair& pair);
std::string compare_path(const BudgetFinalPair& pair);
/// A document against the previous year's: "dept/2023/budget/changes/" and its page.
std::string changes_dir(const LoadedReport& report);
std::string changes_path(const LoadedReport& report);
/// The folder of a comparison's page and downloads (one of the above).
std::string side_by_side_dir(const SideBySide& comparison);
/// "compare.csv" or "changes.csv"; "compare.json" or "changes.json".
std::string side_by_side_file(SideBySide::Kind kind, const char* extension);

/// The page's view (docs/templates.md, "Comparison pages").
View side_by_side_view(const SiteModel& model, const SideBySide& comparison);
/// One line per compared pair of figures, as CSV (the conventions of table_csv()): section,
/// code, names, both figures, difference, rate, unit, and where each figure is printed.
std::string side_by_side_csv(const SiteModel& model, const SideBySide& comparison);
/// The same as JSON, every figure exact as text and the rate also as an exact fraction.
std::string side_by_side_json(const SiteModel& model, const SideBySide& comparison);

}  // namespace gongkai
