#include "render/row_anchors.h"

#include <cctype>
#include <map>
#include <set>

#include "render/table_view.h"

namespace gongkai {

namespace {

/// `text` usable in an id and a URL fragment without escaping: ASCII letters, digits, '-' and
/// '_' are kept, and UTF-8 text (names) too; anything else becomes '-'.
std::string fragment_safe(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    bool keep = std::isalnum(u) || c == '-' || c == '_' || u >= 0x80;
    out += keep ? c : '-';
  }
  return out;
}

std::map<std::string, int> code_counts(const Table& table) {
  std::map<std::string, int> counts;
  for (const Side& side : table.sides) {
    for (const Row& row : side.rows) {
      if (!row.code.empty()) ++counts[row.code];
    }
  }
  return counts;
}

/// The row's identity within its table, before uniqueness is ensured.
std::string row_identity(const Side& side, const Row& row,
                         const std::map<std::string, int>& codes) {
  if (!row.id.empty()) return fragment_safe(row.id);
  if (row.code.empty()) return "r" + std::to_string(row.number);
  if (codes.at(row.code) == 1) return fragment_safe(row.code);
  const Row* unit = unit_row_of(side, row.block);
  if (!unit) return "r" + std::to_string(row.number);
  std::string block =
      unit->id.empty() ? "u" + std::to_string(row.block + 1) : fragment_safe(unit->id);
  return block + "-" + fragment_safe(row.code);
}

}  // namespace

RowAnchors::RowAnchors(const Table& table) {
  std::map<std::string, int> codes = code_counts(table);
  std::string prefix = table_anchor(table.id) + "-";
  // The table's caption has the id "ANCHOR-caption" (table-grid.mustache).
  std::set<std::string> taken = {prefix + "caption"};
  for (const Side& side : table.sides) {
    for (const Row& row : side.rows) {
      std::string anchor = prefix + row_identity(side, row, codes);
      // An id that looks like another row's code or the caption's, or two ids that differ
      // only in characters made '-': the row's number keeps them apart.
      if (!taken.insert(anchor).second) anchor = prefix + "r" + std::to_string(row.number);
      if (anchors_.size() < static_cast<std::size_t>(row.number))
        anchors_.resize(static_cast<std::size_t>(row.number));
      anchors_[static_cast<std::size_t>(row.number - 1)] = std::move(anchor);
    }
  }
}

}  // namespace gongkai
