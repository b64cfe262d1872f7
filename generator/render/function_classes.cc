#include "render/function_classes.h"

#include <algorithm>
#include <map>
#include <memory>

#include "model/compared_lines.h"
#include "render/report_view.h"
#include "render/site_model.h"
#include "render/table_charts.h"
#include "render/totals_view.h"
#include "render/view.h"

namespace gongkai {

namespace {

bool has_classes(const LoadedReport& report) {
  return std::any_of(report.key_figures.begin(), report.key_figures.end(), is_function_class);
}

AmountUnit classes_unit(const std::vector<const LoadedReport*>& reports) {
  bool wan = false, yuan = false;
  for (const LoadedReport* r : reports) {
    for (const KeyFigure& f : r->key_figures) {
      wan = wan || (is_function_class(f) && f.unit == AmountUnit::wan_yuan);
      yuan = yuan || (is_function_class(f) && f.unit == AmountUnit::yuan);
    }
  }
  return wan ? AmountUnit::wan_yuan : yuan ? AmountUnit::yuan : AmountUnit::none;
}

/// Whether every class figure of `report` can be expressed in `unit`.
bool convertible(const LoadedReport& report, AmountUnit unit) {
  return std::all_of(report.key_figures.begin(), report.key_figures.end(), [&](const KeyFigure& f) {
    return !is_function_class(f) || convert_amount(f.value, f.unit, unit).has_value();
  });
}

/// Sorts the kind's reports into counted, contained and left out.
void sort_reports(const SiteModel& model, int year, KindClasses& out) {
  std::vector<const LoadedReport*> candidates;
  for (const LoadedReport* r : model.reports_in(year)) {
    if (r->source->kind != out.kind) continue;
    if (const LoadedReport* container = consolidating_report(model, *r)) {
      out.contained.push_back({r, container});
    } else {
      (has_classes(*r) ? candidates : out.left_out).push_back(r);
    }
  }
  out.unit = classes_unit(candidates);
  for (const LoadedReport* r : candidates) {
    (convertible(*r, out.unit) ? out.counted : out.left_out).push_back(r);
  }
}

/// Adds up the counted reports' classes, exactly.
void add_classes(KindClasses& out) {
  std::map<std::string, ClassTotal> by_code;
  for (const LoadedReport* r : out.counted) {
    for (const KeyFigure& f : r->key_figures) {
      if (!is_function_class(f)) continue;
      ClassTotal& c = by_code[f.key];
      if (c.parts.empty()) c = {f.key, f.name, Decimal(), {}};
      Decimal value = *convert_amount(f.value, f.unit, out.unit);
      if (f.unit == out.unit) out.printed_scale = std::max(out.printed_scale, f.value.scale());
      c.parts.push_back({r, &f, value});
      if (c.total) c.total = add(*c.total, value);
    }
  }
  out.total = by_code.empty() ? std::nullopt : std::optional<Decimal>(Decimal());
  for (auto& [code, c] : by_code) {
    out.total = out.total && c.total ? add(*out.total, *c.total) : std::nullopt;
    out.classes.push_back(std::move(c));
  }
}

/// What was counted, contained and left out.
std::string basis_text(const SiteModel& model, const KindClasses& kind) {
  std::string out = counted_basis(model, kind.kind, kind.counted, kind.contained);
  if (kind.left_out.empty()) return out;
  if (kind.counted.size() + kind.contained.size() + kind.left_out.size() > kBasisNames)
    return out + fill_in(model.text("classes_left_out_count"), "count",
                         std::to_string(kind.left_out.size()));
  std::string names;
  for (const LoadedReport* r : kind.left_out)
    names += (names.empty() ? "" : model.text("list_separator")) + r->department->short_name;
  return out + fill_in(model.text("classes_left_out"), "names", names);
}

/// A sum as the page prints it: exact, without trailing zeros past the most decimals of a figure
/// printed in the sum's unit (a 元 figure converted to 万元 has four more).
std::string sum_text(const KindClasses& kind, const std::optional<Decimal>& sum) {
  return sum ? trimmed(*sum, kind.printed_scale).format() : "";
}

/// The classes as bars, largest first.
View classes_chart(const SiteModel& model, const KindClasses& kind, int year) {
  ChartSpec spec;
  spec.kind = ChartKind::hbar;
  spec.id = "chart-classes-" + std::string(kind_slug(kind.kind)) + "-" + std::to_string(year);
  spec.title = model.kind_label(kind.kind) + model.text("classes_chart_suffix");
  spec.unit = std::string(unit_label(kind.unit));
  spec.show_caption = false;
  spec.additive = false;
  ChartSeries series{model.kind_label(kind.kind), {}};
  std::vector<const ClassTotal*> sorted;
  for (const ClassTotal& c : kind.classes) {
    if (c.total) sorted.push_back(&c);
  }
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ClassTotal* a, const ClassTotal* b) { return *a->total > *b->total; });
  for (const ClassTotal* c : sorted)
    series.data.push_back(chart_datum(
        c->code + " " + c->name, trimmed(*c->total, kind.printed_scale), unit_suffix(kind.unit)));
  if (series.data.empty()) return nullptr;
  spec.series.push_back(std::move(series));
  return chart_view(model, spec);
}

View class_row(const KindClasses& kind, const ClassTotal& c) {
  std::optional<Decimal> share = c.total && kind.total && !kind.total->is_zero()
                                     ? per_cent(*c.total, *kind.total)
                                     : std::nullopt;
  return {{"code", c.code},
          {"name", c.name},
          {"total_text", sum_text(kind, c.total)},
          {"share_text", share ? share->format() + "%" : ""},
          {"count", c.parts.size()}};
}

}  // namespace

std::vector<KindClasses> year_function_classes(const SiteModel& model, int year) {
  std::vector<KindClasses> out;
  for (DocumentKind kind : {DocumentKind::budget, DocumentKind::final_accounts}) {
    KindClasses classes;
    classes.kind = kind;
    sort_reports(model, year, classes);
    add_classes(classes);
    if (!classes.counted.empty()) out.push_back(std::move(classes));
  }
  return out;
}

std::string functions_path(int year) {
  return "years/" + std::to_string(year) + "/functions/index.html";
}

bool has_function_classes_page(const SiteModel& model, int year) {
  std::vector<const LoadedReport*> reports = model.reports_in(year);
  return std::any_of(reports.begin(), reports.end(), [](const LoadedReport* r) {
    return r->source->kind != DocumentKind::evaluation;
  });
}

View year_classes_view(const SiteModel& model, const std::vector<KindClasses>& kinds, int year,
                       const Linker& linker) {
  View out = View::array();
  for (const KindClasses& kind : kinds) {
    std::string slug(kind_slug(kind.kind));
    std::string url = linker.to(functions_path(year)) + "#classes-" + slug;
    View classes = View::array();
    for (const ClassTotal& c : kind.classes) {
      View row = class_row(kind, c);
      row["url"] = url;
      classes.push_back(std::move(row));
    }
    out.push_back({{"kind", slug},
                   {"kind_label", model.kind_label(kind.kind)},
                   {"id", "classes-" + slug},
                   {"unit_text", std::string(unit_label(kind.unit))},
                   {"total_text", sum_text(kind, kind.total)},
                   {"url", url},
                   {"basis", basis_text(model, kind)},
                   {"chart", classes_chart(model, kind, year)},
                   {"classes", std::move(classes)}});
  }
  return out;
}

namespace {

/// A department's figure of a class, linked to the rows that print it.
View part_view(const ClassPart* part, const Linker& linker) {
  if (!part) return {{"text", ""}, {"url", ""}, {"title", ""}, {"sources", View::array()}};
  const KeyFigure& f = *part->figure;
  return key_figure_view(f, report_path(*part->report), part->value.format(),
                         part->report->title + " " + f.key + " " + f.name, linker);
}

/// A kind's figures as a grid, a row per counted department and a column per class, with what
/// the rows' views are made from. Shared by the made rows of a page's view, which keep it alive.
struct ClassGrid {
  std::shared_ptr<const std::vector<KindClasses>> kinds;
  const KindClasses* kind = nullptr;
  Linker linker;
  /// counted.size() × classes.size(): the part of a department's row and a class's column, or
  /// nullptr where the department prints no figure of the class.
  std::vector<const ClassPart*> cells;
};

std::shared_ptr<const ClassGrid> class_grid(std::shared_ptr<const std::vector<KindClasses>> kinds,
                                            const KindClasses& kind, const Linker& linker) {
  auto grid = std::make_shared<ClassGrid>(ClassGrid{std::move(kinds), &kind, linker, {}});
  std::map<const LoadedReport*, std::size_t> row_of;
  for (const LoadedReport* r : kind.counted) row_of.emplace(r, row_of.size());
  const std::size_t columns = kind.classes.size();
  grid->cells.assign(kind.counted.size() * columns, nullptr);
  for (std::size_t column = 0; column < columns; ++column) {
    for (const ClassPart& part : kind.classes[column].parts)
      grid->cells[row_of.at(part.report) * columns + column] = &part;
  }
  return grid;
}

View grid_row(const ClassGrid& grid, std::size_t row) {
  const LoadedReport* r = grid.kind->counted[row];
  const std::size_t columns = grid.kind->classes.size();
  View cells = View::array();
  for (std::size_t column = 0; column < columns; ++column)
    cells.push_back(part_view(grid.cells[row * columns + column], grid.linker));
  return {{"department", r->department->name},
          {"url", grid.linker.to(report_path(*r))},
          {"cells", std::move(cells)}};
}

/// A row per counted department, a column per class: made one row at a time as the page is
/// rendered, since at 2,000 departments a year the cells' views would take tens of megabytes.
View matrix_rows(std::shared_ptr<const std::vector<KindClasses>> kinds, const KindClasses& kind,
                 const Linker& linker) {
  std::shared_ptr<const ClassGrid> grid = class_grid(std::move(kinds), kind, linker);
  return View::made(kind.counted.size(), [grid](std::size_t row) { return grid_row(*grid, row); });
}

/// The reports a kind's sums leave out: [{department, url, parent, parent_url}], `parent` the
/// department whose report contains it ("" for one left out for want of class figures).
View not_counted(const KindClasses& kind, const Linker& linker) {
  View out = View::array();
  for (const auto& [report, container] : kind.contained) {
    out.push_back({{"department", report->department->name},
                   {"url", linker.to(report_path(*report))},
                   {"parent", container->department->name},
                   {"parent_url", linker.to(report_path(*container))}});
  }
  for (const LoadedReport* report : kind.left_out) {
    out.push_back({{"department", report->department->name},
                   {"url", linker.to(report_path(*report))},
                   {"parent", ""},
                   {"parent_url", ""}});
  }
  return out;
}

View kind_matrix(const SiteModel& model, std::shared_ptr<const std::vector<KindClasses>> kinds,
                 const KindClasses& kind, const Linker& linker) {
  View columns = View::array(), totals = View::array();
  for (const ClassTotal& c : kind.classes) {
    columns.push_back({{"code", c.code}, {"name", c.name}});
    totals.push_back({{"text", sum_text(kind, c.total)}});
  }
  std::string slug(kind_slug(kind.kind));
  return {{"id", "classes-" + slug},
          {"kind_label", model.kind_label(kind.kind)},
          {"unit_text", std::string(unit_label(kind.unit))},
          {"total_text", sum_text(kind, kind.total)},
          {"basis", basis_text(model, kind)},
          {"columns", std::move(columns)},
          {"rows", matrix_rows(std::move(kinds), kind, linker)},
          {"not_counted", not_counted(kind, linker)},
          {"totals", std::move(totals)}};
}

}  // namespace

View functions_view(const SiteModel& model, int year) {
  const std::string path = functions_path(year);
  Linker linker(path);
  std::string year_title = model.config.language == "en"
                               ? model.text("year_title") + " " + std::to_string(year)
                               : std::to_string(year) + model.text("year_title");
  View breadcrumbs = crumbs(model, linker);
  breadcrumbs.push_back(link(year_title, linker.to(year_path(year))));
  std::string title = fill_in(model.text("classes_page_title"), "year", std::to_string(year));
  add_current(breadcrumbs, title);
  View view = common_view(model, path, "functions", title, breadcrumbs);
  View kinds = View::array();
  auto classes =
      std::make_shared<const std::vector<KindClasses>>(year_function_classes(model, year));
  for (const KindClasses& kind : *classes)
    kinds.push_back(kind_matrix(model, classes, kind, linker));
  view["year"] = year;
  view["year_url"] = linker.to(year_path(year));
  view["method"] = model.text("classes_method");
  view["kinds"] = std::move(kinds);
  return view;
}

}  // namespace gongkai
