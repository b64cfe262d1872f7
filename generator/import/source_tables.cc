#include "import/source_tables.h"

#include <cstddef>
#include <optional>
#include <string_view>

#include "import/import_text.h"

namespace gongkai {
namespace {

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

/// The text of a row read as a line: its only cell, or its cells joined by spaces.
std::string line_text(const SourceRow& row) {
  std::string out;
  for (const SourceCell& cell : row.cells) {
    if (cell.text.empty()) continue;
    if (!out.empty()) out += ' ';
    out += cell.text;
  }
  return out;
}

bool is_blank(const SourceRow& row) { return line_text(row).empty(); }

/// A grid row with text in its first cell only may be a title printed inside the grid.
bool is_single_cell(const SourceRow& row) { return row.cells.size() == 1; }

/// "表 1", "表1", "附表 3": a table's number on a line of its own.
bool is_number_line(const std::string& text) {
  std::string label = normalized_label(text);
  if (starts_with(label, "附表")) label = label.substr(std::string_view("附").size());
  if (!starts_with(label, "表")) return false;
  std::string rest = label.substr(std::string_view("表").size());
  if (rest.empty() || rest.size() > 3) return false;
  for (char c : rest) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

bool is_meta_line(const std::string& text) {
  std::string label = normalized_label(text);
  for (std::string_view prefix : {"部门名称", "部门:", "单位:", "单位名称:", "编制单位", "金额单位",
                                  "预算单位:", "填报单位"}) {
    if (starts_with(label, prefix)) return true;
  }
  // A year line: "2023年度", "2023年".
  std::size_t digits = 0;
  while (digits < label.size() && label[digits] >= '0' && label[digits] <= '9') ++digits;
  std::string rest = label.substr(digits);
  return digits == 4 && (rest == "年度" || rest == "年");
}

namespace {

/// A heading of the narrative, which ends the notes of a table: 第一部分, 一、, （一）.
bool is_heading(const std::string& text) {
  std::string label = normalized_label(text);
  if (starts_with(label, "第") && label.find("部分") != std::string::npos) return true;
  static const std::string kNumerals = "一二三四五六七八九十";
  if (label.size() >= 6 && kNumerals.find(label.substr(0, 3)) != std::string::npos &&
      label.substr(3, 1) == ",")
    return true;
  return false;
}

bool is_note_start(const std::string& text) {
  std::string label = normalized_label(text);
  return starts_with(label, "注") || starts_with(label, "备注") || starts_with(label, "附注") ||
         starts_with(label, "说明:");
}

void read_meta(SourceTable& table, const SourceRow& row) {
  std::string text = line_text(row);
  std::string label = normalized_label(text);
  std::size_t colon = label.find(':');
  std::string value = colon == std::string::npos ? "" : label.substr(colon + 1);
  if (starts_with(label, "单位:") || starts_with(label, "金额单位")) {
    table.unit = value;
  } else if (starts_with(label, "部门") || starts_with(label, "单位名称") ||
             starts_with(label, "编制单位") || starts_with(label, "预算单位") ||
             starts_with(label, "填报单位")) {
    table.department = value;
  } else {
    table.other.push_back(row);
  }
}

/// The scanner's state between rows.
enum class State { prose, after_title, in_grid, after_grid, notes };

class Scanner {
 public:
  Scanner(const SourceGrid& grid, const TableTitles& titles) : grid_(grid), titles_(titles) {}

  SourceDocument run() {
    for (std::size_t i = 0; i < grid_.rows.size(); ++i) step(i);
    flush_number();
    flush_meta();
    return std::move(document_);
  }

 private:
  void step(std::size_t i) {
    const SourceRow& row = grid_.rows[i];
    if (is_blank(row)) return blank(row);
    bool line = !row.grid || is_single_cell(row);
    std::string text = line_text(row);
    if (line && is_number_line(text)) {
      flush_number();
      number_ = row;
      return;
    }
    if (line && is_title(text, i)) return title(row, text);
    if (row.grid && !(is_single_cell(row) && state_ == State::prose)) return grid_row(row);
    // A line of one cell right inside a grid (资金使用情况 over a form's part, as a sheet gives
    // it) belongs to the grid, unless it starts the notes.
    if (state_ == State::in_grid && !is_note_start(text) && !is_heading(text)) return grid_row(row);
    if (state_ == State::after_title && is_meta_line(text)) {
      if (!continuing_) read_meta(document_.tables.back(), row);
      return;
    }
    if ((state_ == State::after_grid && is_note_start(text)) ||
        (state_ == State::notes && !is_heading(text))) {
      document_.tables.back().notes.push_back(row);
      state_ = State::notes;
      return;
    }
    prose(row);
  }

  void blank(const SourceRow& row) {
    if (state_ == State::in_grid) state_ = State::after_grid;
    if (state_ == State::prose && meta_.empty()) document_.prose.push_back(row);
  }

  /// Whether the line at `i` titles a table: it names a known table or is a short line ending
  /// in 表, and a grid row follows with only blank and meta lines between.
  bool is_title(const std::string& text, std::size_t i) const {
    std::string label = normalized_label(text);
    bool known = titles_.known(label);
    std::string bare = label;
    if (ends_with(bare, ")") && bare.rfind('(') != std::string::npos)
      bare = bare.substr(0, bare.rfind('('));  // 一般公共预算支出表(按功能分类)
    bool short_line = label.size() <= 90 && label.find("。") == std::string::npos;
    bool looks = short_line && (ends_with(bare, "表") || number_.has_value());
    if (!known && !looks) return false;
    for (std::size_t j = i + 1; j < grid_.rows.size() && j < i + 12; ++j) {
      const SourceRow& next = grid_.rows[j];
      if (is_blank(next)) continue;
      if (next.grid && !is_single_cell(next)) return true;
      if (!is_meta_line(line_text(next))) return false;
    }
    return false;
  }

  void title(const SourceRow& row, const std::string& text) {
    std::string number = number_ ? normalized_label(line_text(*number_)) : "";
    if (continues(text, number)) {
      continuing_ = true;
      number_.reset();
      state_ = State::after_title;
      return;
    }
    number_.reset();
    flush_meta();
    continuing_ = false;
    SourceTable table;
    table.number = number;
    table.title = text;
    table.where = row.where;
    document_.tables.push_back(std::move(table));
    number_.reset();
    state_ = State::after_title;
  }

  /// Whether a title printed again continues the last table (the next page of it).
  bool continues(const std::string& text, const std::string& number) const {
    if (document_.tables.empty() || state_ == State::prose) return false;
    const SourceTable& last = document_.tables.back();
    return normalized_label(last.title) == normalized_label(text) && last.number == number &&
           !titles_.repeats_per_item(normalized_label(text));
  }

  void grid_row(const SourceRow& row) {
    flush_number();
    if (state_ == State::prose || state_ == State::notes) {
      SourceTable table;
      table.where = row.where;
      for (const SourceRow& meta : meta_) read_meta(table, meta);
      meta_.clear();
      document_.tables.push_back(std::move(table));
      document_.tables.back().pages.emplace_back();
    } else if (state_ != State::in_grid) {
      document_.tables.back().pages.emplace_back();
    }
    state_ = State::in_grid;
    document_.tables.back().pages.back().push_back(row);
  }

  /// A department or unit line in the prose may belong to a grid printed without a title
  /// right under it: it is held until the next line tells.
  void prose(const SourceRow& row) {
    flush_number();
    state_ = State::prose;
    continuing_ = false;
    if (is_meta_line(line_text(row))) {
      meta_.push_back(row);
      return;
    }
    flush_meta();
    document_.prose.push_back(row);
  }

  void flush_meta() {
    for (SourceRow& meta : meta_) document_.prose.push_back(std::move(meta));
    meta_.clear();
  }

  /// A number line not followed by a title is prose after all.
  void flush_number() {
    if (number_ && state_ == State::prose) document_.prose.push_back(*number_);
    number_.reset();
  }

  const SourceGrid& grid_;
  const TableTitles& titles_;
  SourceDocument document_;
  State state_ = State::prose;
  std::optional<SourceRow> number_;
  std::vector<SourceRow> meta_;
  bool continuing_ = false;
};

}  // namespace

SourceDocument find_tables(const SourceGrid& grid, const TableTitles& titles) {
  return Scanner(grid, titles).run();
}

}  // namespace gongkai
