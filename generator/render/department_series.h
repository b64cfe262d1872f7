// The department page's key figures over the years (docs/compare.md, "Across reports"): for each
// series — 支出总计, 基本支出, 项目支出, the 三公 total and the department's largest function
// classes — each year's budget and final accounts figure side by side, in one unit, with the
// difference and the execution rate, and a chart of both per year. Built from the key figures
// each report leaves (key_figures.h), so it needs no report's tables.
#pragma once

#include <string>

#include "model/content.h"
#include "render/view_data.h"

namespace gongkai {

struct SiteModel;
class Linker;

/// How many function classes the series show: the department's largest by their largest figure
/// in any year.
inline constexpr std::size_t kSeriesClasses = 5;

/// The series view (docs/templates.md, "Department page"): {unit_text, method, classes_basis,
/// conversions: [{text}], series: [{id, title, chart, rows: [{year, budget, actual,
/// difference_text, difference_class, rate_text}]}], one_year}, each figure {text, url, title,
/// converted, sources}. A department with one year of them gets no series (a chart per line of
/// one year says nothing its row does not) but `one_year`: {year_text, rows: [{title, …}]}, a row
/// per line. null when none of the department's budgets and final accounts prints a key figure.
View department_series(const SiteModel& model, const Department& department, const Linker& linker);

}  // namespace gongkai
