// Data preparation: clean text, default value texts, drop invalid items.
#include "chart/chart_data.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "chart/chart_format.h"
#include "chart/chart_text.h"

namespace gongkai::chart {

std::string with_unit(double value, const std::string& unit) {
  std::string text = format_number(value);
  return unit.empty() ? text : text + " " + unit;
}

namespace {

bool negatives_invalid(ChartKind kind) {
  return kind == ChartKind::donut || kind == ChartKind::treemap ||
         kind == ChartKind::budget_actual || kind == ChartKind::score_bar;
}

/// Magnitudes beyond this are taken as corrupt data: sums of them could overflow.
constexpr double kLargestValue = 1e15;

bool value_is_valid(double value, ChartKind kind) {
  return std::isfinite(value) && std::fabs(value) <= kLargestValue &&
         !(value < 0 && negatives_invalid(kind));
}

std::string display_label(const std::string& raw) {
  std::string label = clean_text(raw);
  return label.empty() ? "（未命名）" : label;
}

Item clean_item(const ChartDatum& datum, const std::string& unit) {
  Item item;
  item.label = display_label(datum.label);
  item.value = datum.value;
  item.value_text = clean_text(datum.value_text);
  if (item.value_text.empty()) item.value_text = with_unit(datum.value, unit);
  item.full_marks = datum.full_marks;
  item.full_marks_text = clean_text(datum.full_marks_text);
  if (item.full_marks_text.empty()) item.full_marks_text = format_number(datum.full_marks);
  item.rate_text = clean_text(datum.rate_text);
  return item;
}

bool item_is_valid(const ChartDatum& datum, ChartKind kind) {
  if (!value_is_valid(datum.value, kind)) return false;
  if (kind != ChartKind::score_bar) return true;
  return std::isfinite(datum.full_marks) && datum.full_marks > 0 &&
         datum.full_marks <= kLargestValue;
}

/// Valid items of `data` (with valid children, for treemaps), invalid labels noted.
Prepared prepare_items(const std::vector<ChartDatum>& data, const ChartSpec& spec) {
  Prepared out;
  for (const ChartDatum& datum : data) {
    if (!item_is_valid(datum, spec.kind)) {
      out.invalid.push_back(display_label(datum.label));
      continue;
    }
    Item item = clean_item(datum, spec.unit);
    if (spec.kind == ChartKind::treemap) {
      Prepared children = prepare_items(datum.children, spec);
      item.children = std::move(children.items);
      for (std::string& label : children.invalid) out.invalid.push_back(item.label + "/" + label);
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

/// Keeps the largest `max_items` − 1 items in their order and adds up the rest as "其他".
void fold_small_items(std::vector<Item>& items, std::size_t max_items, const std::string& unit) {
  std::size_t count = items.size();
  fold_items(
      items, max_items, [](const Item& item) { return item.value; },
      [](Item& rest, const Item& item) { rest.value += item.value; });
  if (items.size() < count) items.back().value_text = with_unit(items.back().value, unit);
}

const std::vector<ChartDatum>& first_series(const ChartSpec& spec) {
  static const std::vector<ChartDatum> none;
  return spec.series.empty() ? none : spec.series[0].data;
}

}  // namespace

Prepared prepare_single(const ChartSpec& spec) {
  Prepared prepared = prepare_items(first_series(spec), spec);
  bool folds = spec.additive && (spec.kind == ChartKind::donut || spec.kind == ChartKind::hbar ||
                                 spec.kind == ChartKind::treemap);
  if (folds) fold_small_items(prepared.items, spec.max_items, spec.unit);
  return prepared;
}

Table prepare_table(const ChartSpec& spec) {
  Table table;
  std::map<std::string, std::size_t> index;  // label + occurrence → category
  for (std::size_t s = 0; s < spec.series.size(); ++s) {
    table.series_names.push_back(clean_text(spec.series[s].name));
    table.cells.emplace_back(table.categories.size());
    std::map<std::string, int> seen;
    for (const ChartDatum& datum : spec.series[s].data) {
      std::string label = display_label(datum.label);
      std::string key = label + '\x1f' + std::to_string(seen[label]++);
      auto [it, added] = index.emplace(key, table.categories.size());
      if (added) {
        table.categories.push_back(label);
        for (auto& column : table.cells) column.resize(table.categories.size());
      }
      if (item_is_valid(datum, spec.kind)) {
        table.cells[s][it->second] = clean_item(datum, spec.unit);
      } else {
        std::string name = table.series_names[s];
        table.invalid.push_back(name.empty() ? label : label + "（" + name + "）");
      }
    }
  }
  return table;
}

bool any_nonzero(const std::vector<Item>& items) {
  return std::any_of(items.begin(), items.end(), [](const Item& i) { return i.value != 0; });
}

bool table_has_data(const Table& table) {
  for (const auto& column : table.cells) {
    for (const auto& cell : column) {
      if (cell && cell->value != 0) return true;
    }
  }
  return false;
}

double sum_of(const std::vector<Item>& items) {
  double total = 0;
  for (const Item& item : items) total += item.value;
  return total;
}

std::string series_name(const Table& table, std::size_t s, const char* fallback) {
  return s < table.series_names.size() && !table.series_names[s].empty() ? table.series_names[s]
                                                                         : fallback;
}

}  // namespace gongkai::chart
