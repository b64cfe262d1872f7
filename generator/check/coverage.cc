#include "check/coverage.h"

#include <cstdio>

#include "check/check.h"
#include "check/check_support.h"

namespace gongkai {
namespace {

std::string caption_of(const Table& table) {
  return table.number.empty() ? table.title : table.number + " " + table.title;
}

/// A form is named by its project where it has one (every project form has the same title).
std::string form_caption(const Table& form) {
  std::string name = form_name(form);
  return name == form.title ? caption_of(form) : name;
}

TableCoverage grid_coverage(const Table& grid, const std::string& caption, const CheckCoverage& coverage) {
  TableCoverage out{grid.id, caption, 0, 0, {}};
  for (const Side& side : grid.sides) {
    for (const Row& row : side.rows) {
      for (int c : side.columns) {
        const Cell& cell = row.cells[static_cast<std::size_t>(c)];
        if (!cell.has_figure()) continue;
        ++out.figures;
        if (coverage.covers(&cell)) {
          ++out.covered;
          continue;
        }
        out.uncovered.push_back({{grid.where.path, cell.where.line, cell.where.column},
                                 caption + ": " + check_row_label(grid, side, row) + " " +
                                     check_column_label(grid, c) + " " + cell.figure.format()});
      }
    }
  }
  return out;
}

void add_table(ReportCoverage& report, TableCoverage table) {
  if (table.figures == 0) return;
  report.figures += table.figures;
  report.covered += table.covered;
  report.tables.push_back(std::move(table));
}

std::string share(std::size_t part, std::size_t whole) {
  if (whole == 0) return "—";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f %%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buffer;
}

std::string counts(std::size_t covered, std::size_t figures) {
  return std::to_string(covered) + " of " + std::to_string(figures) + " (" + share(covered, figures) + ")";
}

}  // namespace

ReportCoverage measure_coverage(const ReportData& report) {
  CheckCoverage coverage;
  Diagnostics ignored(0);
  check_report(report, ignored, &coverage);
  ReportCoverage out{report.path, {}, 0, 0};
  for (const Table& table : report.tables) {
    if (!table.is_form()) {
      add_table(out, grid_coverage(table, caption_of(table), coverage));
      continue;
    }
    for (const Table& part : table.parts) {
      std::string caption = form_caption(table) + (part.title.empty() ? "" : " — " + part.title);
      add_table(out, grid_coverage(part, caption, coverage));
    }
  }
  return out;
}

std::string coverage_text(const std::vector<ReportCoverage>& reports) {
  std::size_t figures = 0, covered = 0;
  for (const ReportCoverage& r : reports) {
    figures += r.figures;
    covered += r.covered;
  }
  std::string out = "coverage: " + std::to_string(covered) + " of " + std::to_string(figures) +
                    " printed figures (" + share(covered, figures) + ") are read by at least one check\n";
  for (const ReportCoverage& r : reports) {
    out += r.path + ": " + counts(r.covered, r.figures) + "\n";
    for (const TableCoverage& t : r.tables) out += "  " + t.caption + ": " + counts(t.covered, t.figures) + "\n";
  }
  for (const ReportCoverage& r : reports) {
    for (const TableCoverage& t : r.tables) {
      for (const UncoveredFigure& u : t.uncovered) {
        out += format_diagnostic({Severity::note, u.where, u.text + " is read by no check", {}, 0}) + "\n";
      }
    }
  }
  return out;
}

nlohmann::json coverage_json(const std::vector<ReportCoverage>& reports) {
  nlohmann::json list = nlohmann::json::array();
  std::size_t figures = 0, covered = 0;
  for (const ReportCoverage& r : reports) {
    nlohmann::json tables = nlohmann::json::array();
    for (const TableCoverage& t : r.tables) {
      nlohmann::json uncovered = nlohmann::json::array();
      for (const UncoveredFigure& u : t.uncovered) {
        uncovered.push_back({{"path", u.where.path}, {"line", u.where.line}, {"column", u.where.column}, {"text", u.text}});
      }
      tables.push_back({{"id", t.id}, {"caption", t.caption}, {"figures", t.figures},
                        {"covered", t.covered}, {"uncovered", std::move(uncovered)}});
    }
    list.push_back({{"path", r.path}, {"figures", r.figures}, {"covered", r.covered}, {"tables", std::move(tables)}});
    figures += r.figures;
    covered += r.covered;
  }
  return {{"figures", figures}, {"covered", covered}, {"reports", std::move(list)}};
}

}  // namespace gongkai
