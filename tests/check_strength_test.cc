// How much of the data `check` protects, measured: every printed figure of the example site's
// real documents and of the consolidated fixture is changed in turn and the report checked
// again. A change counts as caught when the check reports an error it did not report before.
// Bounded by the number of figures (about 6,000), not by time.
#include <catch2/catch.hpp>
#include <map>
#include <string>

#include "check/check.h"
#include "model/data.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

/// The figure changed by at least 10 % and by at least ten units of its last printed digit (a
/// zero, which no percentage moves, becomes ten units), upwards, at its printed scale: never a
/// change that rounding could explain away in a sum of a few figures.
Decimal changed(const Decimal& x) {
  Decimal unit(1, x.scale());
  Decimal tenth = *divide(x.abs(), Decimal(10, 0), x.scale());
  if (*multiply(tenth, Decimal(10, 0)) < x.abs()) tenth = *add(tenth, unit);
  Decimal floor = *multiply(Decimal(10, 0), unit);
  return *add(x, tenth < floor ? floor : tenth);
}

struct Strength {
  int figures = 0;
  int caught = 0;
  std::vector<std::string> escaped;
};

std::vector<Cell*> figures_of(ReportData& report) {
  std::vector<Cell*> out;
  for (Table& table : report.tables) {
    std::vector<Table*> grids = {&table};
    for (Table& part : table.parts) grids.push_back(&part);
    for (Table* grid : grids) {
      for (Side& side : grid->sides) {
        for (Row& row : side.rows) {
          for (Cell& cell : row.cells) {
            if (cell.has_figure()) out.push_back(&cell);
          }
        }
      }
    }
  }
  return out;
}

/// Checks `file` as it is (no error, and no warning that is not an acknowledged one), then
/// with each of its figures changed in turn.
void measure(const fs::path& file, const std::string& name, Strength& strength) {
  Diagnostics loading;
  std::optional<ReportData> report = load_report_data(name, read_file(file), loading);
  REQUIRE(report);
  Diagnostics baseline;
  check_report(*report, baseline);
  INFO(baseline.format_all());
  REQUIRE_FALSE(baseline.has_errors());
  for (const Diagnostic& d : baseline.sorted()) CHECK(d.message.find(" — acknowledged: ") != std::string::npos);
  for (Cell* cell : figures_of(*report)) {
    Decimal original = cell->figure;
    cell->figure = changed(original);
    Diagnostics found(0);
    check_report(*report, found);
    ++strength.figures;
    if (found.has_errors()) {
      ++strength.caught;
    } else {
      strength.escaped.push_back(name + ":" + std::to_string(cell->where.line) + ":" +
                                 std::to_string(cell->where.column) + " " + original.format() + " → " +
                                 cell->figure.format());
    }
    cell->figure = original;
  }
}

}  // namespace

TEST_CASE("check refuses at least 98 % of changed figures of every kind, and no real document",
          "[check_strength]") {
  std::map<std::string, Strength> by_kind;
  for (const fs::path& root : {source_dir(), fixture("consolidated")}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / "content")) {
      if (entry.path().extension() != ".json") continue;
      std::string kind = entry.path().stem().string();
      measure(entry.path(), fs::relative(entry.path(), source_dir()).generic_string(), by_kind[kind]);
    }
  }
  REQUIRE(by_kind.size() == 3);
  for (const auto& [kind, strength] : by_kind) {
    std::string escaped;
    for (const std::string& e : strength.escaped) escaped += "\n  " + e;
    INFO(kind << ": " << strength.caught << " of " << strength.figures << " changes refused; escaped:" << escaped);
    CHECK(strength.figures > 500);
    CHECK(strength.caught * 100 >= strength.figures * 98);
  }
}
