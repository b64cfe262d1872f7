#include "render/totals_view.h"

#include <algorithm>
#include <map>

#include "render/report_view.h"
#include "render/site_model.h"
#include "render/table_charts.h"
#include "render/view.h"

namespace gongkai {

namespace {

std::string unit_text(AmountUnit unit) { return unit_suffix(unit); }

}  // namespace

Decimal trimmed(const Decimal& value, int min_scale) {
  for (int scale = std::max(0, min_scale); scale < value.scale(); ++scale) {
    std::optional<Decimal> shorter = value.rounded(scale);
    if (shorter && *shorter == value) return *shorter;
  }
  return value;
}

const LoadedReport* consolidating_report(const SiteModel& model, const LoadedReport& report) {
  return model.consolidation.container_of(report);
}

// ---------------------------------------------------------------------------------------------
// Comparisons across reports

namespace {

/// A report's headline total in 万元 (a 元 total converted exactly), for the length of a bar
/// among departments whose tables use 元 or 万元 (the bar's label prints the figure as
/// published); nullopt for a total without a unit, which cannot be set beside them.
std::optional<double> total_in_wan(const LoadedReport& report) {
  const std::optional<HeadlineTotal>& total = report.headline;
  std::optional<Decimal> value =
      total ? convert_amount(total->value, total->unit, AmountUnit::wan_yuan) : std::nullopt;
  return value ? std::optional<double>(chart_value(*value)) : std::nullopt;
}

/// The report a department is represented by in a year: its budget, else final accounts, else
/// evaluation.
const LoadedReport* representative(const std::vector<const LoadedReport*>& reports) {
  for (DocumentKind kind : kAllKinds) {
    for (const LoadedReport* r : reports) {
      if (r->source->kind == kind) return r;
    }
  }
  return nullptr;
}

/// The exact sum of headline totals: in their own unit when they all share one (so a sum of
/// budgets published in 万元 reads as they do), else in 万元 with every digit of the 元
/// figures kept. "" when there is nothing to add, when a total without a unit is among totals
/// with one, or when the sum overflows.
std::string sum_of_totals(const std::vector<HeadlineTotal>& totals) {
  if (totals.empty()) return "";
  bool same_unit = std::all_of(totals.begin(), totals.end(),
                               [&](const HeadlineTotal& t) { return t.unit == totals[0].unit; });
  std::optional<Decimal> sum = Decimal();
  int scale = 0;
  for (const HeadlineTotal& t : totals) {
    std::optional<Decimal> value = t.value;
    if (!same_unit) value = convert_amount(t.value, t.unit, AmountUnit::wan_yuan);
    if (value && sum) sum = add(*sum, *value);
    if (!value || !sum) return "";
    if (same_unit || t.unit != AmountUnit::yuan) scale = std::max(scale, t.value.scale());
  }
  if (same_unit) return sum->format() + unit_text(totals[0].unit);
  return trimmed(*sum, scale).format() + unit_text(AmountUnit::wan_yuan);
}

}  // namespace

std::string counted_basis(
    const SiteModel& model, DocumentKind kind, const std::vector<const LoadedReport*>& counted,
    const std::vector<std::pair<const LoadedReport*, const LoadedReport*>>& contained) {
  std::string kind_label = model.kind_label(kind);
  if (counted.size() + contained.size() > kBasisNames) {
    std::string out = fill_in(fill_in(model.text("year_total_basis_count"), "kind", kind_label),
                              "count", std::to_string(counted.size()));
    if (contained.empty()) return out;
    return out + fill_in(fill_in(model.text("year_total_contained_count"), "kind", kind_label),
                         "count", std::to_string(contained.size()));
  }
  std::string names;
  for (const LoadedReport* r : counted)
    names += (names.empty() ? "" : model.text("list_separator")) + r->department->short_name;
  std::string out =
      fill_in(fill_in(model.text("year_total_basis"), "kind", kind_label), "names", names);
  for (const auto& [report, container] : contained) {
    out += fill_in(fill_in(fill_in(model.text("year_total_contained"), "kind", kind_label), "name",
                           report->department->short_name),
                   "parent", container->department->short_name);
  }
  return out;
}

View year_comparison_chart(const SiteModel& model, int year, const std::string& id) {
  std::map<const Department*, std::vector<const LoadedReport*>> by_department;
  for (const LoadedReport* r : model.reports_in(year)) by_department[r->department].push_back(r);
  ChartSpec spec;
  spec.kind = ChartKind::hbar;
  spec.id = id;
  spec.title = std::to_string(year) + model.text("chart_year_title");
  spec.unit = "万元";
  spec.show_caption = false;
  ChartSeries series{model.text("chart_total"), {}};
  std::vector<const LoadedReport*> shown;
  for (const Department& d : model.content.departments) {
    auto it = by_department.find(&d);
    if (it == by_department.end()) continue;
    const LoadedReport* r = representative(it->second);
    std::optional<double> total = r ? total_in_wan(*r) : std::nullopt;
    if (!total) continue;
    series.data.push_back({d.short_name + "（" + model.kind_label(r->source->kind) + "）",
                           *total,
                           r->headline->text,
                           {},
                           0,
                           "",
                           ""});
    shown.push_back(r);
  }
  if (series.data.empty()) return nullptr;
  // The bars add up to a total only when they are reports of one kind and unit and none
  // already contains another's figures.
  std::vector<HeadlineTotal> totals;
  for (const LoadedReport* r : shown) {
    bool same =
        r->source->kind == shown[0]->source->kind && r->headline->unit == shown[0]->headline->unit;
    if (!same || consolidating_report(model, *r)) spec.additive = false;
    totals.push_back(*r->headline);
  }
  if (spec.additive) spec.total_text = sum_of_totals(totals);
  spec.series.push_back(std::move(series));
  return chart_view(model, spec);
}

View year_totals(const SiteModel& model, int year) {
  View out = View::array();
  for (DocumentKind kind : kAllKinds) {
    std::vector<HeadlineTotal> totals;
    std::vector<const LoadedReport*> counted;
    std::vector<std::pair<const LoadedReport*, const LoadedReport*>> contained;
    int count = 0;
    for (const LoadedReport* r : model.reports_in(year)) {
      if (r->source->kind != kind) continue;
      ++count;
      if (const LoadedReport* container = consolidating_report(model, *r)) {
        contained.push_back({r, container});
      } else if (r->headline) {
        totals.push_back(*r->headline);
        counted.push_back(r);
      }
    }
    if (count == 0) continue;
    out.push_back(
        {{"kind_label", model.kind_label(kind)},
         {"count", count},
         {"total_text", sum_of_totals(totals)},
         {"basis", counted.empty() ? "" : counted_basis(model, kind, counted, contained)}});
  }
  return out;
}

namespace {

/// One year's headline total of a department's reports of one kind.
struct YearTotal {
  int year = 0;
  const HeadlineTotal* total = nullptr;
};

std::vector<YearTotal> year_totals_of(const std::vector<const LoadedReport*>& reports,
                                      DocumentKind kind) {
  std::vector<YearTotal> out;
  for (const LoadedReport* r : reports) {
    if (r->headline && r->source->kind == kind) out.push_back({r->source->year, &*r->headline});
  }
  return out;
}

/// The unit a trend is drawn in: 万元 when any year is printed in 万元 (the 元 years are then
/// converted exactly), else the unit the years share.
AmountUnit trend_unit(const std::vector<YearTotal>& totals) {
  auto any = [&](AmountUnit unit) {
    return std::any_of(totals.begin(), totals.end(),
                       [&](const YearTotal& t) { return t.total->unit == unit; });
  };
  return any(AmountUnit::wan_yuan) ? AmountUnit::wan_yuan
         : any(AmountUnit::yuan)   ? AmountUnit::yuan
                                   : AmountUnit::none;
}

/// The points of a trend, each in `unit`, exactly; a total that cannot be expressed in it (one
/// without a unit among amounts) is left out rather than drawn at a wrong height.
ChartSeries trend_series(const std::string& name, const std::vector<YearTotal>& totals,
                         AmountUnit unit) {
  ChartSeries series{name, {}};
  for (const YearTotal& t : totals) {
    std::optional<Decimal> value = convert_amount(t.total->value, t.total->unit, unit);
    if (value) series.data.push_back(chart_datum(std::to_string(t.year), *value, unit_text(unit)));
  }
  return series;
}

/// Which years of a trend were converted to `unit`, with the figures as printed: "单位：万元。
/// 2022 年（30,140,133.57 元）印刷为元数，…"; "" when none was.
std::string converted_note(const SiteModel& model, const std::vector<YearTotal>& totals,
                           AmountUnit unit) {
  std::string list;
  for (const YearTotal& t : totals) {
    if (t.total->unit == unit || !convert_amount(t.total->value, t.total->unit, unit)) continue;
    std::string item =
        fill_in(model.text("chart_note_converted_item"), "year", std::to_string(t.year));
    list +=
        (list.empty() ? "" : model.text("list_separator")) + fill_in(item, "figure", t.total->text);
  }
  return list.empty() ? "" : fill_in(model.text("chart_note_converted"), "list", list);
}

}  // namespace

View department_trend_charts(const SiteModel& model, const Department& department,
                             bool evaluations_only) {
  View charts = View::array();
  std::vector<const LoadedReport*> reports = model.reports_of(department);
  for (DocumentKind kind : kAllKinds) {
    if (evaluations_only && kind != DocumentKind::evaluation) continue;
    std::vector<YearTotal> totals = year_totals_of(reports, kind);
    AmountUnit unit = trend_unit(totals);
    ChartSeries series = trend_series(model.kind_label(kind), totals, unit);
    if (series.data.size() < 2) continue;
    ChartSpec spec;
    spec.kind = ChartKind::line;
    spec.id = "chart-trend-" + std::string(kind_slug(kind));
    spec.title = model.kind_label(kind) + model.text("chart_trend_suffix");
    spec.unit = std::string(unit_label(unit));
    spec.note = converted_note(model, totals, unit);
    spec.show_caption = false;
    spec.series.push_back(std::move(series));
    charts.push_back(chart_view(model, spec));
  }
  return charts;
}

}  // namespace gongkai
