// The parts of a report page's view model that come from its figures: its tables (table_view.h),
// the charts chosen for them, its projects and findings, and its downloads.
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

/// Adds tables, table_toc, charts, projects, findings and downloads to a report's view.
void add_report_data_view(const SiteModel& model, const LoadedReport& report, View& view);

/// The chart view ({id, title, svg, table, empty_text}) of a spec.
View chart_view(const SiteModel& model, const ChartSpec& spec);

}  // namespace gongkai
