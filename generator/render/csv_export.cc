#include "render/csv_export.h"

#include <algorithm>

#include "base/file_reader.h"

namespace gongkai {

std::vector<CsvFile> report_csv_files(const ReportData& data) {
  std::vector<CsvFile> files;
  for (const Table& table : data.tables) {
    std::string caption = table.number.empty() ? table.title : table.number + " " + table.title;
    if (!table.is_form()) {
      files.push_back({table.id + ".csv", caption, &table});
      continue;
    }
    std::string name = table.group == "projects" ? form_name(table) : caption;
    for (const Table& part : table.parts) {
      files.push_back({part.id + ".csv", name + (part.title.empty() ? "" : " — " + part.title), &part});
    }
  }
  return files;
}

void append_csv_field(std::string& out, std::string_view text, bool neutralise) {
  // A plain loop: find_first_of() searches its four characters once per byte of the text.
  bool quoted = std::any_of(text.begin(), text.end(),
                            [](char c) { return c == ',' || c == '"' || c == '\r' || c == '\n'; });
  if (quoted) out += '"';
  if (neutralise && !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    out += '\'';
  }
  if (!quoted) {
    out += text;
    return;
  }
  for (std::size_t run = 0, quote; run <= text.size(); run = quote + 1) {
    quote = std::min(text.find('"', run), text.size());
    out.append(text.substr(run, quote - run));
    if (quote < text.size()) out += "\"\"";
  }
  out += '"';
}

namespace {

std::string csv_header_label(const Table& table, const Column& column) {
  std::string label;
  if (table.sides.size() > 1 && !table.sides[column.side].label.empty()) label = table.sides[column.side].label + " / ";
  for (const std::string& g : column.groups) label += g + " / ";
  label += column.label;
  if (column.type == ColumnType::amount && table.unit != AmountUnit::none) label += "（" + std::string(unit_label(table.unit)) + "）";
  return label;
}

void append_csv_cell(std::string& out, const Cell& cell) {
  switch (cell.kind) {
    case CellKind::empty:
      return;
    case CellKind::figure:
      return append_csv_field(out, cell.text, false);
    case CellKind::dash:
      out += "—";
      return;
    case CellKind::text:
      return append_csv_field(out, cell.text, true);
  }
}

std::size_t display_rows(const Table& table) {
  std::size_t n = 0;
  for (const Side& side : table.sides) n = std::max(n, side.rows.size());
  return n;
}

/// One row's cell of a side. The agency cell of a row in a unit block names the block's unit,
/// as the page shows it once above the block: in a spreadsheet every row must say its unit.
void append_side_cell(std::string& out, const Side& side, const Row& row, int c) {
  const Cell& cell = row.cells[static_cast<std::size_t>(c)];
  const Row* unit = c == side.agency_column && cell.kind == CellKind::empty ? unit_row_of(side, row.block) : nullptr;
  if (unit) return append_csv_field(out, unit->agency, true);
  append_csv_cell(out, cell);
}

}  // namespace

std::string table_csv(const Table& table) {
  std::string out(kUtf8ByteOrderMark);
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    if (c > 0) out += ',';
    append_csv_field(out, csv_header_label(table, table.columns[c]), true);
  }
  out += "\r\n";
  for (std::size_t i = 0; i < display_rows(table); ++i) {
    bool first = true;
    for (const Side& side : table.sides) {
      for (int c : side.columns) {
        if (!first) out += ',';
        first = false;
        if (i < side.rows.size()) append_side_cell(out, side, side.rows[i], c);
      }
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace gongkai
