#include "import_compare.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <tuple>

#include "import/import_text.h"

namespace gongkai::testing {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kMark = "\x1F#";

/// The JSON with each number turned into a marked string holding its text as written, so that
/// 0.00 and 0 stay apart.
std::string numbers_as_text(const std::string& json) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size())
        out += json[++i];
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '-' || (c >= '0' && c <= '9')) {
      std::size_t end = i;
      while (end < json.size() &&
             std::string("-+.eE0123456789").find(json[end]) != std::string::npos)
        ++end;
      out += "\"\\u001F#" + json.substr(i, end - i) + "\"";
      i = end - 1;
      continue;
    }
    out += c;
  }
  return out;
}

bool is_figure(const Json& value) {
  return value.is_string() && value.get<std::string>().starts_with(kMark);
}

std::string text_of(const Json& value) {
  if (is_figure(value)) return value.get<std::string>().substr(2);
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

struct Column {
  std::string key;
  std::vector<std::string> path;
  bool label = false;  // a text column that can name a row
  bool merge = false;
};

void flatten(const Json& columns, std::vector<std::string> groups, std::vector<Column>& out) {
  for (const Json& column : columns) {
    std::vector<std::string> path = groups;
    path.push_back(normalized_label(column.value("label", "")));
    if (!path.back().empty() && path.back()[0] == '*') path.back() = path.back().substr(1);
    if (column.contains("columns")) {
      flatten(column["columns"], path, out);
      continue;
    }
    std::string type = column.value("type", "text");
    out.push_back({column.value("key", ""), path, type == "text" || type == "agency",
                   column.value("merge", false)});
  }
}

/// A grid of a table: the whole table, a side, or a part, named for matching.
struct Grid {
  std::string name;
  std::vector<Column> columns;
  const Json* rows;
};

std::vector<Grid> grids_of(const Json& table) {
  std::vector<Grid> grids;
  if (table.contains("parts")) {
    for (const Json& part : table["parts"]) {
      Grid grid{normalized_label(part.value("title", "")), {}, &part["rows"]};
      if (grid.name.empty()) grid.name = part.value("id", "");
      flatten(part["columns"], {}, grid.columns);
      grids.push_back(std::move(grid));
    }
  } else if (table.contains("sides")) {
    for (std::size_t s = 0; s < table["sides"].size(); ++s) {
      Grid grid{"side" + std::to_string(s), {}, &table["sides"][s]["rows"]};
      flatten(table["sides"][s]["columns"], {}, grid.columns);
      grids.push_back(std::move(grid));
    }
  } else {
    Grid grid{"", {}, &table["rows"]};
    flatten(table["columns"], {}, grid.columns);
    grids.push_back(std::move(grid));
  }
  return grids;
}

using RowKey = std::tuple<std::string, std::string, int>;

/// Each row's key: its code, else its label (first text cell, merged columns last), with the
/// number of rows of the same key before it.
std::vector<RowKey> row_keys(const Grid& grid) {
  std::map<std::pair<std::string, std::string>, int> seen;
  std::vector<RowKey> keys;
  for (const Json& row : *grid.rows) {
    Json cells = row.value("cells", Json::object());
    std::pair<std::string, std::string> key{"label", ""};
    if (cells.contains("code")) {
      key = {"code", text_of(cells["code"])};
    } else {
      for (bool merged : {false, true}) {
        for (const Column& column : grid.columns) {
          if (!key.second.empty() || !column.label || column.merge != merged) continue;
          if (cells.contains(column.key) && cells[column.key].is_string() &&
              !is_figure(cells[column.key]))
            key.second = normalized_label(cells[column.key].get<std::string>());
        }
      }
    }
    keys.emplace_back(key.first, key.second, ++seen[key]);
  }
  return keys;
}

std::optional<std::string> column_for(const Column& wanted, const Grid& grid) {
  for (const Column& column : grid.columns) {
    if (column.path == wanted.path) return column.key;
  }
  std::optional<std::string> only;
  for (const Column& column : grid.columns) {
    if (column.path.back() != wanted.path.back()) continue;
    if (only) return std::nullopt;
    only = column.key;
  }
  return only;
}

void compare_grid(const std::string& title, const Grid& expected, const Grid* imported,
                  FigureComparison& out) {
  std::vector<RowKey> keys = row_keys(expected);
  std::map<RowKey, const Json*> rows;
  if (imported) {
    std::vector<RowKey> imported_keys = row_keys(*imported);
    for (std::size_t r = 0; r < imported_keys.size(); ++r)
      rows[imported_keys[r]] = &(*imported->rows)[r];
  }
  for (std::size_t r = 0; r < keys.size(); ++r) {
    Json cells = (*expected.rows)[r].value("cells", Json::object());
    for (const Column& column : expected.columns) {
      if (!cells.contains(column.key) || !is_figure(cells[column.key])) continue;
      ++out.figures;
      std::optional<std::string> key = imported ? column_for(column, *imported) : std::nullopt;
      auto row = rows.find(keys[r]);
      const Json* found = nullptr;
      if (key && row != rows.end() && row->second->contains("cells") &&
          (*row->second)["cells"].contains(*key))
        found = &(*row->second)["cells"][*key];
      if (found && is_figure(*found) && text_of(*found) == text_of(cells[column.key])) {
        ++out.matched;
        continue;
      }
      out.misses.push_back(title + " · " + std::get<1>(keys[r]) +
                           std::get<0>(keys[r]).substr(0, 0) + " · " + column.key + ": expected " +
                           text_of(cells[column.key]) + ", found " +
                           (found ? text_of(*found) : "nothing"));
    }
  }
}

}  // namespace

nlohmann::ordered_json parse_printed(const std::string& json) {
  return Json::parse(numbers_as_text(json));
}

std::optional<std::string> printed_number(const nlohmann::ordered_json& value) {
  if (!is_figure(value)) return std::nullopt;
  return text_of(value);
}

FigureComparison compare_figures(const std::string& expected_text,
                                 const std::string& imported_text) {
  Json expected = parse_printed(expected_text);
  Json imported = parse_printed(imported_text);
  std::map<std::string, std::vector<const Json*>> by_title;
  for (const Json& table : imported["tables"])
    by_title[normalized_label(table.value("title", ""))].push_back(&table);
  std::map<std::string, std::size_t> used;
  FigureComparison out;
  for (const Json& table : expected["tables"]) {
    std::string title = normalized_label(table.value("title", ""));
    std::size_t n = used[title]++;
    const Json* match = n < by_title[title].size() ? by_title[title][n] : nullptr;
    if (!match) out.missing_tables.push_back(table.value("title", ""));
    std::vector<Grid> imported_grids;
    if (match) imported_grids = grids_of(*match);
    for (const Grid& grid : grids_of(table)) {
      const Grid* other = nullptr;
      for (const Grid& candidate : imported_grids) {
        if (candidate.name == grid.name) other = &candidate;
      }
      compare_grid(table.value("title", ""), grid, other, out);
    }
  }
  return out;
}

}  // namespace gongkai::testing
