#include "render/figure_sources.h"

#include "render/table_view.h"

namespace gongkai {

TableSources::TableSources(const Table& table, std::string report_page)
    : table_(table), page_(std::move(report_page)), anchors_(table) {}

std::optional<FigureSource> TableSources::find(const Cell* cell) const {
  for (const Side& side : table_.sides) {
    for (const Row& row : side.rows) {
      if (row.cells.empty() || cell < row.cells.data() ||
          cell >= row.cells.data() + row.cells.size())
        continue;
      std::string text = row_header_text(table_, side, row);
      if (!row.code.empty()) text = text.empty() ? row.code : row.code + " " + text;
      return FigureSource{page_ + "#" + anchors_.of(row), std::move(text)};
    }
  }
  return std::nullopt;
}

std::vector<FigureSource> TableSources::find_all(const std::vector<const Cell*>& cells) const {
  std::vector<FigureSource> out;
  for (const Cell* cell : cells) {
    if (auto source = find(cell)) out.push_back(std::move(*source));
  }
  return out;
}

}  // namespace gongkai
