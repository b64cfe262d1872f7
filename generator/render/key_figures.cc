#include "render/key_figures.h"

#include <algorithm>

#include "model/compared_lines.h"
#include "model/department_figures.h"
#include "render/figure_sources.h"
#include "render/fiscal_revenue.h"
#include "render/view.h"

namespace gongkai {

namespace {

/// The anchors of the rows that hold `cells` in `table`.
std::vector<std::string> row_anchors_of(const TableSources& sources,
                                        const std::vector<const Cell*>& cells) {
  std::vector<std::string> out;
  for (const FigureSource& source : sources.find_all(cells)) {
    std::string anchor = source.target.substr(source.target.find('#') + 1);
    if (std::find(out.begin(), out.end(), anchor) == out.end()) out.push_back(std::move(anchor));
  }
  return out;
}

/// The lines of `kind` that `keep` accepts, as key figures in the table's own unit.
template <typename Keep>
void add_lines(const ReportData& data, std::string_view kind, Keep keep,
               std::vector<KeyFigure>& out) {
  const Table* table = line_table(data, kind);
  if (!table) return;
  TableSources sources(*table, "");
  for (DocumentLine& line : document_lines(data, *table, kind, Printed::own, table->unit)) {
    if (!keep(line)) continue;
    std::string key = kind == "three-public" ? "three-public" : line.key;
    out.push_back({std::move(key), std::move(line.name), line.figure.value, table->unit,
                   row_anchors_of(sources, line.figure.cells)});
  }
}

/// The figure "revenue": the total (本年收入合计) of the revenue table the Fiscal Data Package
/// reads (fiscal_revenue.h), when it gives rows and prints a total in the spending table's unit.
void add_revenue(const ReportData& data, std::vector<KeyFigure>& out) {
  const Table* totals = line_table(data, "totals");
  std::optional<FiscalRows> rows = revenue_rows(data);
  if (!rows || !totals || rows->unit == AmountUnit::none || rows->unit != totals->unit) return;
  const Table& table = *rows->table;
  for (const Side& side : table.sides) {
    if (side.code_column < 0) continue;
    int column = revenue_columns(table, side).value_or(MeasureColumns{-1})[0];
    std::optional<DepartmentTotal> total =
        column < 0 ? std::nullopt : department_total(table, column);
    if (!total) return;
    TableSources sources(table, "");
    out.push_back({"revenue", table.columns[static_cast<std::size_t>(column)].label, total->value,
                   table.unit, row_anchors_of(sources, total->cells)});
    return;
  }
}

void escape_into(std::string& out, std::string_view text) {
  for (char c : text) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
}

/// The fields of one line written by key_figures_text(), unescaped.
std::optional<std::vector<std::string>> fields_of(std::string_view line) {
  std::vector<std::string> fields(1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\t') {
      fields.emplace_back();
    } else if (c != '\\') {
      fields.back() += c;
    } else if (++i < line.size() && (line[i] == '\\' || line[i] == 't' || line[i] == 'n')) {
      fields.back() += line[i] == 't' ? '\t' : line[i] == 'n' ? '\n' : '\\';
    } else {
      return std::nullopt;
    }
  }
  return fields;
}

std::vector<std::string> split_spaces(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = std::min(text.find(' ', at), text.size());
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

std::optional<KeyFigure> figure_from_line(std::string_view line) {
  std::optional<std::vector<std::string>> fields = fields_of(line);
  if (!fields || fields->size() != 5) return std::nullopt;
  std::optional<Decimal> value = Decimal::parse((*fields)[2]);
  const std::string& unit = (*fields)[3];
  if (!value || unit.size() != 1 || unit[0] < '0' || unit[0] > '2') return std::nullopt;
  return KeyFigure{(*fields)[0], (*fields)[1], *value, static_cast<AmountUnit>(unit[0] - '0'),
                   split_spaces((*fields)[4])};
}

}  // namespace

std::vector<KeyFigure> key_figures(const ReportData& data) {
  std::vector<KeyFigure> out;
  if (data.kind != DocumentKind::budget && data.kind != DocumentKind::final_accounts) return out;
  add_lines(
      data, "totals", [](const DocumentLine&) { return true; }, out);
  add_lines(
      data, "three-public", [](const DocumentLine& l) { return l.key == "total"; }, out);
  add_lines(
      data, "function", [](const DocumentLine& l) { return l.code.size() == 3; }, out);
  add_revenue(data, out);
  return out;
}

bool is_function_class(const KeyFigure& figure) {
  return figure.key.size() == 3 && std::all_of(figure.key.begin(), figure.key.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
}

View key_figure_view(const KeyFigure& figure, const std::string& report_page, std::string text,
                     std::string title, const Linker& linker) {
  const std::vector<std::string>& anchors = figure.anchors;
  View sources = View::array();
  for (std::size_t i = 0; anchors.size() > 1 && i < anchors.size(); ++i) {
    sources.push_back(
        {{"n", i + 1}, {"url", linker.to(report_page + "#" + anchors[i])}, {"title", figure.name}});
  }
  return {{"text", std::move(text)},
          {"url", anchors.empty() ? "" : linker.to(report_page + "#" + anchors.front())},
          {"title", std::move(title)},
          {"sources", std::move(sources)}};
}

const KeyFigure* find_key_figure(const std::vector<KeyFigure>& figures, std::string_view key) {
  for (const KeyFigure& figure : figures) {
    if (figure.key == key) return &figure;
  }
  return nullptr;
}

std::string key_figures_text(const std::vector<KeyFigure>& figures) {
  std::string out;
  for (const KeyFigure& f : figures) {
    escape_into(out, f.key);
    out += '\t';
    escape_into(out, f.name);
    out += '\t' + f.value.to_string() + '\t' + std::to_string(static_cast<int>(f.unit)) + '\t';
    for (std::size_t i = 0; i < f.anchors.size(); ++i) out += (i ? " " : "") + f.anchors[i];
    out += '\n';
  }
  return out;
}

std::optional<std::vector<KeyFigure>> key_figures_from_text(std::string_view text) {
  std::vector<KeyFigure> out;
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string_view::npos) return std::nullopt;
    std::optional<KeyFigure> figure = figure_from_line(text.substr(at, end - at));
    if (!figure) return std::nullopt;
    out.push_back(std::move(*figure));
    at = end + 1;
  }
  return out;
}

}  // namespace gongkai
