#include "render/workbook_export.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <set>

#include "render/workbook_sheet.h"

namespace gongkai {

namespace {

using xlsx::Look;
using xlsx::Role;
using xlsx::Sheet;

/// The zip format's first day, which libxlsxwriter also gives every file in the archive.
constexpr std::time_t kZipEpoch = 315'532'800;  // 1980-01-01T00:00:00Z
/// Widest header label measured for its column, in width units: longer labels wrap.
constexpr int kHeaderWidthCap = 16;

std::string lower_ascii(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string caption_of(const Table& table) {
  return table.number.empty() ? table.title : table.number + " " + table.title;
}

/// The columns a table's (or a form's widest part's) grid spans, at least one.
std::uint32_t grid_width(const Table& table) {
  std::size_t width = table.columns.size();
  for (const Table& part : table.parts) width = std::max<std::size_t>(width, grid_width(part));
  return static_cast<std::uint32_t>(std::clamp<std::size_t>(width, 1, xlsx::kMaxColumns));
}

std::size_t display_rows(const Table& table) {
  std::size_t n = 0;
  for (const Side& side : table.sides) n = std::max(n, side.rows.size());
  return n;
}

/// The unit the page prints for a table: a form's goals part inherits its form's unit but holds
/// no amounts, so only tables with amounts (and forms) name one.
std::string unit_of(const Table& table) {
  return table.is_form() || table.has_amount_column() ? std::string(unit_label(table.unit)) : "";
}

/// Writes a sheet of one table or form from its first row down.
class TableWriter {
 public:
  TableWriter(Sheet& sheet, const ReportData& data, const WorkbookTexts& texts, std::uint32_t width)
      : sheet_(sheet), data_(data), texts_(texts), width_(width) {}

  /// A grid or a form, with its caption, lines and fields.
  void write(const Table& table) {
    line(caption_of(table), Role::title);
    if (!table.subtitle.empty()) line(table.subtitle, Role::line);
    department_and_unit(unit_of(table));
    fields(table);
    if (!table.is_form()) return grid(table);
    form_ = true;
    for (const Table& part : table.parts) {
      ++row_;  // a blank row between parts
      std::string own = caption_of(part);
      left_and_right(own.empty() ? caption_of(table) : own, Role::caption, unit_of(part));
      fields(part);
      grid(part);
    }
    notes(table);
  }

 private:
  /// A line of text across the sheet's width.
  void line(const std::string& text, Role role) {
    sheet_.merged(row_, 0, row_, width_ - 1, text, {.role = role});
    ++row_;
  }

  /// 编制单位：… at the left and 单位：万元 at the right, as printed above a table.
  void department_and_unit(const std::string& unit) {
    std::string department =
        data_.department.empty() ? "" : texts_.department_prefix + data_.department;
    left_and_right(department, Role::line, unit);
  }

  /// `left` over the left half of a row and the unit line over the right half; each on a row
  /// of its own when the sheet is one column wide or one of them is empty.
  void left_and_right(const std::string& left, Role role, const std::string& unit) {
    std::string unit_text = unit.empty() ? "" : texts_.unit_prefix + unit;
    if (width_ == 1 || left.empty() || unit_text.empty()) {
      if (!left.empty()) line(left, role);
      if (!unit_text.empty()) line(unit_text, width_ == 1 ? Role::line : Role::line_end);
      return;
    }
    std::uint32_t split = width_ / 2;
    sheet_.merged(row_, 0, row_, split - 1, left, {.role = role});
    sheet_.merged(row_, split, row_, width_ - 1, unit_text, {.role = Role::line_end});
    ++row_;
  }

  /// Label–value pairs (项目名称, 主管部门…): the label in the first column, the value after it.
  void fields(const Table& table) {
    for (const Field& field : table.fields) {
      std::string value = field.figure ? field.figure->format(false) : field.text;
      if (width_ == 1) {
        line(field.label + "：" + value, Role::line);
        continue;
      }
      sheet_.text(row_, 0, field.label, {.role = Role::text, .bold = true}, false);
      sheet_.merged(row_, 1, row_, width_ - 1, value, {.role = Role::text});
      ++row_;
    }
  }

  void grid(const Table& table) {
    std::uint32_t first = row_;
    header(table);
    serial(table);
    if (body_row_ == 0) {
      body_row_ = row_;
      if (row_ > first) header_rows_ = {first, row_ - 1};
    }
    for (std::size_t i = 0; i < display_rows(table); ++i) body_row(table, i);
    if (table.published_empty) line(texts_.empty_table, Role::line);
    notes(table);
  }

  /// The header tree: each header cell placed as an HTML table places it (after the cells
  /// that rows above span down into) and merged over its spans.
  void header(const Table& table) {
    std::uint32_t rows = static_cast<std::uint32_t>(table.header.size());
    std::uint32_t columns = static_cast<std::uint32_t>(table.columns.size());
    std::vector<std::vector<bool>> taken(rows, std::vector<bool>(columns, false));
    for (std::uint32_t r = 0; r < rows; ++r) {
      std::uint32_t c = 0;
      for (const HeaderCell& cell : table.header[r]) {
        while (c < columns && taken[r][c]) ++c;
        if (c >= columns) break;
        std::uint32_t last_c =
            std::min(columns, c + static_cast<std::uint32_t>(std::max(cell.column_span, 1))) - 1;
        std::uint32_t last_r =
            std::min(rows, r + static_cast<std::uint32_t>(std::max(cell.row_span, 1))) - 1;
        for (std::uint32_t y = r; y <= last_r; ++y)
          std::fill(taken[y].begin() + c, taken[y].begin() + last_c + 1, true);
        header_cell(row_ + r, c, row_ + last_r, last_c, cell.label);
        c = last_c + 1;
      }
      for (std::uint32_t rest = 0; rest < columns; ++rest) {
        if (!taken[r][rest]) sheet_.blank(row_ + r, rest, {.role = Role::header});
      }
    }
    row_ += rows;
  }

  void header_cell(std::uint32_t r, std::uint32_t c, std::uint32_t last_r, std::uint32_t last_c,
                   const std::string& label) {
    sheet_.merged(r, c, last_r, last_c, label, {.role = Role::header});
    // A label widens its own column up to kHeaderWidthCap; beyond that it wraps.
    if (c == last_c)
      sheet_.measure(c, std::min(xlsx::text_width(label, kHeaderWidthCap), kHeaderWidthCap));
    if (r == last_r) wrapped_.push_back({r, c, last_c, label});
  }

  /// The printed 栏次 row, when any column has one.
  void serial(const Table& table) {
    bool any = std::any_of(table.columns.begin(), table.columns.end(),
                           [](const Column& c) { return c.serial.has_value(); });
    if (!any) return;
    for (std::uint32_t c = 0; c < table.columns.size(); ++c) {
      sheet_.text(row_, c, table.columns[c].serial.value_or(""), {.role = Role::serial}, false);
    }
    ++row_;
  }

  /// Display row `i`: the i-th row of every side, side by side.
  void body_row(const Table& table, std::size_t i) {
    std::uint32_t col = 0;
    for (const Side& side : table.sides) {
      const Row* row = i < side.rows.size() ? &side.rows[i] : nullptr;
      int name = row ? name_column(table, side, *row) : -1;
      for (int c : side.columns) {
        if (row) {
          body_cell(table, side, *row, c, col, c == name);
        } else {
          sheet_.blank(row_, col, {.role = Role::text});
        }
        ++col;
      }
    }
    ++row_;
  }

  /// The column holding a row's name, which the page indents by level: the first non-merged
  /// text or agency column whose cell is filled; -1 when none.
  static int name_column(const Table& table, const Side& side, const Row& row) {
    for (int c : side.columns) {
      const Column& column = table.columns[static_cast<std::size_t>(c)];
      bool label =
          (column.type == ColumnType::text || column.type == ColumnType::agency) && !column.merge;
      if (label && row.cells[static_cast<std::size_t>(c)].kind != CellKind::empty) return c;
    }
    return -1;
  }

  void body_cell(const Table& table, const Side& side, const Row& row, int c, std::uint32_t col,
                 bool name) {
    const Column& column = table.columns[static_cast<std::size_t>(c)];
    const Cell& cell = row.cells[static_cast<std::size_t>(c)];
    bool bold = row.total;
    switch (cell.kind) {
      case CellKind::empty: {
        // As in the CSV: a unit block's rows name their unit, which the page prints once above.
        const Row* unit = c == side.agency_column ? unit_row_of(side, row.block) : nullptr;
        if (unit) return sheet_.text(row_, col, unit->agency, {.role = Role::text, .bold = bold});
        return sheet_.blank(row_, col,
                            {.role = column.holds_figures() ? Role::figure_text : Role::text});
      }
      case CellKind::figure:
        return sheet_.figure(row_, col, cell.figure, column.grouping, bold);
      case CellKind::dash:
        return sheet_.text(row_, col, "—", {.role = Role::figure_text, .bold = bold});
      case CellKind::text: {
        Role role = column.type == ColumnType::code ? Role::code
                    : column.holds_figures()        ? Role::figure_text
                                                    : Role::text;
        auto indent = static_cast<std::uint8_t>(name ? std::clamp(row.level - 1, 0, 9) : 0);
        return sheet_.text(row_, col, cell.text, {.role = role, .bold = bold, .indent = indent});
      }
    }
  }

  /// The notes under a grid, each wrapped across the sheet's width.
  void notes(const Table& table) {
    if (table.notes.empty()) return;
    line(texts_.note_label, Role::line);
    for (const std::string& note : table.notes) {
      wrapped_.push_back({row_, 0, width_ - 1, note});
      line(note, Role::note);
    }
  }

 public:
  /// Row heights for the wrapped header labels and notes, now that the columns' widths are
  /// known; then the sheet's widths and print layout.
  void finish() {
    for (const Wrapped& w : wrapped_) {
      int room = 0;
      for (std::uint32_t c = w.col; c <= w.last_col; ++c) room += sheet_.width(c);
      int need = xlsx::text_width(w.text, 100 * room);
      sheet_.row_lines(w.row, room <= 1 ? 1 : (need + room - 2) / (room - 1));
    }
    sheet_.finish();
    sheet_.print_layout(header_rows_, form_ ? 0 : body_row_);
  }

 private:
  /// A text that wraps over columns [col, last_col] of a row: the row must be high enough.
  struct Wrapped {
    std::uint32_t row, col, last_col;
    std::string_view text;
  };
  Sheet& sheet_;
  const ReportData& data_;
  const WorkbookTexts& texts_;
  std::uint32_t width_;
  std::uint32_t row_ = 0;
  std::uint32_t body_row_ = 0;
  /// The header rows of the first grid, repeated on printed pages; nullopt when it has none.
  std::optional<std::pair<std::uint32_t, std::uint32_t>> header_rows_;
  bool form_ = false;
  std::vector<Wrapped> wrapped_;
};

}  // namespace

std::vector<std::string> workbook_sheet_names(const ReportData& data) {
  std::vector<std::string> names;
  std::set<std::string> taken = {"history"};  // Excel reserves "History"
  for (const Table& table : data.tables) {
    std::string name;
    for (const std::string& wanted : {xlsx::sheet_name(table.number), xlsx::sheet_name(table.id)}) {
      if (!wanted.empty() && !taken.contains(lower_ascii(wanted))) {
        name = wanted;
        break;
      }
    }
    std::string base = xlsx::sheet_name(table.id.substr(0, 24));
    for (int n = 2; name.empty(); ++n) {
      std::string candidate = base + "~" + std::to_string(n);
      if (!taken.contains(lower_ascii(candidate))) name = candidate;
    }
    taken.insert(lower_ascii(name));
    names.push_back(name);
  }
  return names;
}

std::time_t workbook_created(std::string_view published) {
  using namespace std::chrono;
  int y = 0;
  unsigned m = 0, d = 0;
  bool shaped = published.size() == 10 && published[4] == '-' && published[7] == '-' &&
                std::all_of(published.begin(), published.end(), [](char c) {
                  return std::isdigit(static_cast<unsigned char>(c)) || c == '-';
                });
  if (shaped) {
    y = std::stoi(std::string(published.substr(0, 4)));
    m = static_cast<unsigned>(std::stoi(std::string(published.substr(5, 2))));
    d = static_cast<unsigned>(std::stoi(std::string(published.substr(8, 2))));
  }
  year_month_day date{year{y}, month{m}, day{d}};
  if (!shaped || !date.ok() || y < 1980) return kZipEpoch;
  return static_cast<std::time_t>(sys_days(date).time_since_epoch().count()) * 86'400;
}

std::string report_workbook(const ReportData& data, const WorkbookTexts& texts, std::time_t created,
                            Diagnostics& diagnostics) {
  xlsx::Book book(data.title, created, texts.truncated);
  std::vector<std::string> names = workbook_sheet_names(data);
  for (std::size_t t = 0; book.ok() && t < data.tables.size(); ++t) {
    const Table& table = data.tables[t];
    Sheet sheet = book.add_sheet(names[t]);
    TableWriter writer(sheet, data, texts, grid_width(table));
    writer.write(table);
    writer.finish();
  }
  std::optional<std::string> bytes = book.close();
  if (!bytes) diagnostics.error({data.path, 0, 0}, "workbook: " + book.error());
  return bytes.value_or("");
}

}  // namespace gongkai
