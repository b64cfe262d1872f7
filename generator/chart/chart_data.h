// Data preparation: the spec's data cleaned (labels, value texts) and validated (invalid items
// left out and named), as one list of items (donut, hbar, treemap, score_bar) or as a table of
// series over shared categories (grouped_bar, line, budget_actual).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "chart/chart.h"

namespace gongkai::chart {

/// A cleaned, validated datum.
struct Item {
  std::string label;
  double value = 0;
  std::string value_text;
  std::vector<Item> children;
  double full_marks = 0;
  std::string full_marks_text;
  std::string rate_text;
};

struct Prepared {
  std::vector<Item> items;
  /// Labels of items left out because their numbers were unusable.
  std::vector<std::string> invalid;
};

/// Several series over shared categories (matched by label, k-th occurrence to k-th).
struct Table {
  std::vector<std::string> categories;
  std::vector<std::string> series_names;
  std::vector<std::vector<std::optional<Item>>> cells;  // [series][category]
  std::vector<std::string> invalid;
};

/// `value` as format_number() writes it, then `unit` after a space when there is one.
std::string with_unit(double value, const std::string& unit);

/// The first series' valid items, cleaned (treemaps: with their valid children), invalid labels
/// noted; for additive donut, hbar and treemap specs folded to `max_items` with one "其他".
Prepared prepare_single(const ChartSpec& spec);

/// Every series over the categories in order of first appearance; a cell is empty where a series
/// has no such label or its datum is invalid (then noted as "label（series）").
Table prepare_table(const ChartSpec& spec);

/// Whether any item's value is non-zero.
bool any_nonzero(const std::vector<Item>& items);

/// Whether any cell holds a non-zero value.
bool table_has_data(const Table& table);

/// The items' values added up in order.
double sum_of(const std::vector<Item>& items);

/// The name of series `s`, or `fallback` when it is unnamed or there is no such series.
std::string series_name(const Table& table, std::size_t s, const char* fallback);

}  // namespace gongkai::chart
