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

/// The report that already contains `report`'s figures: that of the nearest ancestor department
/// that consolidates its subordinates (department.toml `consolidates`, true unless set false)
/// and has a report of the same kind and year; nullptr when none does. Found once for the
/// site (consolidation.h), so asking it of every report of a page costs no walk up.
const LoadedReport* consolidating_report(const SiteModel& model, const LoadedReport& report);

/// How many departments a year's sum may name one by one; past that it counts them.
inline constexpr std::size_t kBasisNames = 12;

/// What a year's sum over the reports of one kind counts: "部门预算合计计入：A、B。C已含于A的部门
/// 预算，未重复计入。" — `contained` pairs a report left out with the report that contains it. Past
/// kBasisNames departments, their numbers: "部门预算合计计入 160 个部门。40 个下级单位已含于…".
std::string counted_basis(
    const SiteModel& model, DocumentKind kind, const std::vector<const LoadedReport*>& counted,
    const std::vector<std::pair<const LoadedReport*, const LoadedReport*>>& contained);

/// `value` without the trailing zeros past `min_scale` (exact: no digit is dropped): a sum of
/// 万元 figures printed with two decimals and 元 figures converted with six reads as the former.
Decimal trimmed(const Decimal& value, int min_scale);

/// Every department's headline total of `year`, as bars.
View year_comparison_chart(const SiteModel& model, int year, const std::string& id);
/// Totals of one year by document kind: [{kind_label, count, total_text}].
View year_totals(const SiteModel& model, int year);
/// A line chart per document kind of a department's headline totals across the years; of its
/// evaluations only when `evaluations_only` (the budgets and final accounts being drawn by the
/// department's series, department_series.h).
View department_trend_charts(const SiteModel& model, const Department& department,
                             bool evaluations_only = false);

}  // namespace gongkai
