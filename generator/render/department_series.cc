#include "render/department_series.h"

#include <algorithm>
#include <map>

#include "model/compared_lines.h"
#include "render/report_view.h"
#include "render/site_model.h"
#include "render/table_charts.h"
#include "render/view.h"

namespace gongkai {

namespace {

/// A year's budget and final accounts, either of which may be missing.
struct YearDocuments {
  int year = 0;
  const LoadedReport* budget = nullptr;
  const LoadedReport* actual = nullptr;
};

/// The department's years that have a budget or final accounts with key figures, oldest first.
std::vector<YearDocuments> years_of(const SiteModel& model, const Department& department) {
  std::map<int, YearDocuments> by_year;
  for (const LoadedReport* r : model.reports_of(department)) {
    if (r->key_figures.empty() || r->source->kind == DocumentKind::evaluation) continue;
    YearDocuments& year = by_year[r->source->year];
    year.year = r->source->year;
    (r->source->kind == DocumentKind::budget ? year.budget : year.actual) = r;
  }
  std::vector<YearDocuments> out;
  for (auto& [year, documents] : by_year) out.push_back(documents);
  return out;
}

template <typename Visit>
void each_document(const std::vector<YearDocuments>& years, Visit visit) {
  for (const YearDocuments& year : years) {
    for (const LoadedReport* r : {year.budget, year.actual}) {
      if (r) visit(*r);
    }
  }
}

/// 万元 when any figure is printed in 万元 (the 元 figures are then converted exactly), else the
/// unit the figures share.
AmountUnit series_unit(const std::vector<YearDocuments>& years) {
  bool wan = false, yuan = false;
  each_document(years, [&](const LoadedReport& r) {
    for (const KeyFigure& f : r.key_figures) {
      wan = wan || f.unit == AmountUnit::wan_yuan;
      yuan = yuan || f.unit == AmountUnit::yuan;
    }
  });
  return wan ? AmountUnit::wan_yuan : yuan ? AmountUnit::yuan : AmountUnit::none;
}

/// One series: the key of its figures and its title.
struct Series {
  std::string key, title;
};

/// The function classes with the largest figures of any year, largest first (ties by code),
/// named as the latest document prints them.
std::vector<Series> largest_classes(const std::vector<YearDocuments>& years, AmountUnit unit) {
  std::map<std::string, std::pair<Decimal, std::string>> classes;
  each_document(years, [&](const LoadedReport& r) {
    for (const KeyFigure& f : r.key_figures) {
      std::optional<Decimal> value = convert_amount(f.value, f.unit, unit);
      if (!is_function_class(f) || !value) continue;
      auto [at, added] = classes.try_emplace(f.key, *value, f.name);
      if (!added) at->second = {std::max(at->second.first, *value), f.name};
    }
  });
  std::vector<std::pair<std::string, std::pair<Decimal, std::string>>> sorted(classes.begin(),
                                                                              classes.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::vector<Series> out;
  for (std::size_t i = 0; i < sorted.size() && i < kSeriesClasses; ++i)
    out.push_back({sorted[i].first, sorted[i].first + " " + sorted[i].second.second});
  return out;
}

bool has_key(const std::vector<YearDocuments>& years, const std::string& key) {
  bool found = false;
  each_document(
      years, [&](const LoadedReport& r) { found = found || find_key_figure(r.key_figures, key); });
  return found;
}

std::vector<Series> series_of(const SiteModel& model, const std::vector<YearDocuments>& years,
                              AmountUnit unit) {
  std::vector<Series> out;
  for (const char* key : {"total", "basic", "project", "three-public"}) {
    if (has_key(years, key)) out.push_back({key, model.text(std::string("series_") + key)});
  }
  for (Series& s : largest_classes(years, unit)) out.push_back(std::move(s));
  return out;
}

/// A document's figure of the series in `unit`, exactly; nullopt when it prints none or it
/// cannot be expressed in `unit`.
std::optional<Decimal> value_of(const LoadedReport* report, const std::string& key,
                                AmountUnit unit) {
  const KeyFigure* f = report ? find_key_figure(report->key_figures, key) : nullptr;
  return f ? convert_amount(f->value, f->unit, unit) : std::nullopt;
}

/// The figure as the series table prints it, linked to the rows that print it (one, or one per
/// budget unit whose figures it adds up): the shape of a comparison page's figures.
View figure_view(const LoadedReport* report, const std::string& key, AmountUnit unit,
                 const Linker& linker) {
  const KeyFigure* f = report ? find_key_figure(report->key_figures, key) : nullptr;
  std::optional<Decimal> value = value_of(report, key, unit);
  if (!f || !value) return nullptr;
  View view = key_figure_view(*f, report_path(*report), value->format(), f->name, linker);
  view["converted"] = f->unit != unit;
  return view;
}

std::string signed_text(const Decimal& value) {
  return value.is_negative() || value.is_zero() ? value.format() : "+" + value.format();
}

View row_view(const SiteModel& model, const YearDocuments& year, const std::string& key,
              AmountUnit unit, const Linker& linker) {
  std::optional<Decimal> budget = value_of(year.budget, key, unit);
  std::optional<Decimal> actual = value_of(year.actual, key, unit);
  std::optional<Decimal> difference = budget && actual ? subtract(*actual, *budget) : std::nullopt;
  std::optional<Decimal> rate = budget && actual ? per_cent(*actual, *budget) : std::nullopt;
  std::string change = !difference || difference->is_zero() ? "same"
                       : difference->is_negative()          ? "down"
                                                            : "up";
  return {{"year", year.year},
          {"year_text", std::to_string(year.year) + model.text("year_suffix")},
          {"budget", figure_view(year.budget, key, unit, linker)},
          {"actual", figure_view(year.actual, key, unit, linker)},
          {"difference_text", difference ? signed_text(*difference) : ""},
          {"difference_class", change},
          {"rate_text", rate ? rate->format() + "%" : ""}};
}

/// Budget and actual of each year as a pair of bars.
View series_chart(const SiteModel& model, const std::vector<YearDocuments>& years,
                  const Series& series, AmountUnit unit, const std::string& id) {
  ChartSpec spec;
  spec.kind = ChartKind::grouped_bar;
  spec.id = id;
  spec.title = series.title;
  spec.unit = std::string(unit_label(unit));
  spec.show_caption = false;
  spec.additive = false;
  spec.series = {{model.text("compare_left"), {}}, {model.text("compare_right"), {}}};
  for (const YearDocuments& year : years) {
    std::string label = std::to_string(year.year);
    if (auto v = value_of(year.budget, series.key, unit))
      spec.series[0].data.push_back(chart_datum(label, *v, unit_suffix(unit)));
    if (auto v = value_of(year.actual, series.key, unit))
      spec.series[1].data.push_back(chart_datum(label, *v, unit_suffix(unit)));
  }
  if (spec.series[1].data.empty()) spec.series.pop_back();
  if (spec.series[0].data.empty()) spec.series.erase(spec.series.begin());
  return spec.series.empty() ? View(nullptr) : chart_view(model, spec);
}

/// The documents whose figures were converted to `unit`: [{text}].
View conversions(const SiteModel& model, const std::vector<YearDocuments>& years, AmountUnit unit) {
  View out = View::array();
  each_document(years, [&](const LoadedReport& r) {
    bool converted = std::any_of(r.key_figures.begin(), r.key_figures.end(),
                                 [&](const KeyFigure& f) { return f.unit != unit; });
    if (converted) out.push_back({{"text", r.title + model.text("compare_converted")}});
  });
  return out;
}

}  // namespace

View department_series(const SiteModel& model, const Department& department, const Linker& linker) {
  std::vector<YearDocuments> years = years_of(model, department);
  if (years.empty()) return nullptr;
  AmountUnit unit = series_unit(years);
  std::vector<Series> lines = series_of(model, years, unit);
  if (lines.empty()) return nullptr;
  View series = View::array(), one_year = View::array();
  for (const Series& s : lines) {
    std::string id = "series-" + s.key;
    if (years.size() == 1) {
      View row = row_view(model, years.front(), s.key, unit, linker);
      row["title"] = s.title;
      one_year.push_back(std::move(row));
      continue;
    }
    View rows = View::array();
    for (const YearDocuments& year : years)
      rows.push_back(row_view(model, year, s.key, unit, linker));
    series.push_back({{"id", id},
                      {"title", s.title},
                      {"rows", std::move(rows)},
                      {"chart", series_chart(model, years, s, unit, "chart-" + id)}});
  }
  std::string year_text = std::to_string(years.front().year) + model.text("year_suffix");
  return {
      {"unit_text", std::string(unit_label(unit))},
      {"method", model.text("series_method")},
      {"classes_basis",
       fill_in(model.text("series_classes_basis"), "count", std::to_string(kSeriesClasses))},
      {"conversions", conversions(model, years, unit)},
      {"series", std::move(series)},
      {"one_year", years.size() == 1 ? View{{"year_text", year_text}, {"rows", std::move(one_year)}}
                                     : View(nullptr)}};
}

}  // namespace gongkai
