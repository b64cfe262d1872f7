// Views across reports, from the headline total each report leaves for other pages: a year's
// departments side by side, a year's totals by kind (never counting a consolidated unit twice),
// and a department's totals across the years.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chart/chart.h"
#include "model/data.h"
#include "render/markdown.h"
#include "render/view_data.h"

namespace gongkai {

struct SiteModel;
struct LoadedReport;

/// Every department's headline total of `year`, as bars.
View year_comparison_chart(const SiteModel& model, int year, const std::string& id);
/// Totals of one year by document kind: [{kind_label, count, total_text}].
View year_totals(const SiteModel& model, int year);
/// A line chart per document kind of a department's headline totals across the years.
View department_trend_charts(const SiteModel& model, const Department& department);

}  // namespace gongkai
