// What the automatic checks share (check_sums.cc, check_rules.cc, check.cc): a finding, how
// messages name tables, rows, columns and cells, and the comparison of a printed figure with
// the figures it should equal. Internal to the check stage; see check.h for the contract.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "check/check.h"
#include "model/data.h"

namespace gongkai {

/// One inconsistency found by an automatic check.
struct Finding {
  SourceLocation where;
  std::string message;
  /// The full cell reference, "table[row].column", that acknowledges it.
  std::string reference;
  /// The same cell as "table[#N].column", which acknowledgements written before rows had
  /// other names may use; "" when it equals `reference`.
  std::string alias;
  /// How far the figure is off: the printed figure minus what the check expects (negative when
  /// it is below), compared with an acknowledgement's "difference".
  Decimal difference;
  /// The cells the failed comparison read, for coverage (filled only when it is measured).
  std::vector<const Cell*> cells;
};

/// What an error says when an acknowledgement pins another difference than the one found:
/// ", not the acknowledged difference P", and the difference found when only its sign differs.
std::string unlike_pinned(const Decimal& pinned, const Decimal& found);

/// A table as messages name it; a part is named with its form's title.
struct Named {
  const Table& table;
  std::string name;
};

/// Where the automatic checks of one table put what they find and, when coverage is measured,
/// the cells of the comparisons that held.
class FindingLog {
 public:
  explicit FindingLog(CheckCoverage* coverage) : coverage_(coverage) {}
  bool recording() const { return coverage_ != nullptr; }
  /// A comparison that held: it protects every cell it read.
  void held(const std::vector<const Cell*>& cells) const;
  void add(Finding finding) { findings_.push_back(std::move(finding)); }
  std::vector<Finding>& findings() { return findings_; }

 private:
  CheckCoverage* coverage_;
  std::vector<Finding> findings_;
};

std::string cell_reference(const Table& table, const Row& row, int column);
/// The row's code and leading text cells, or "row #N".
std::string check_row_label(const Table& table, const Side& side, const Row& row);
/// The leaf label, with its group labels when another leaf has the same label.
std::string check_column_label(const Table& table, int index);

/// The sum of some figures, with the tolerance their rounding allows.
struct PartSum {
  Decimal sum;
  Decimal tolerance;
  int figures = 0;
  bool overflow = false;
  /// The cells added, when coverage is measured.
  std::vector<const Cell*> cells;
};

/// Adds `cell` when it holds a figure. `exact`: the figure is not rounded (scores), so it adds
/// nothing to the tolerance.
void add_part(PartSum& total, const Cell& cell, bool exact, bool record);

/// Half a unit at `scale` (negative scales: tens, hundreds, …).
Decimal half_unit_at(int scale);

/// Compares `row`'s figure in `column` with `parts` and logs a finding "TABLE: ROW COLUMN is X
/// but WHAT VERB Y (difference D) [REF]" (VERB: "sum to", or "is" for a difference) when they
/// differ by more than the tolerance. A score column is compared exactly, after rounding the sum to
/// the figure's published digit: scores are given, not rounded, and their totals add them as
/// printed.
void compare_sum(const Named& named, const Side& side, const Row& row, int column,
                 const PartSum& parts, const std::string& what, FindingLog& log,
                 const std::string& verb = "sum to");

/// A finding at `row`'s cell in `column`: "TABLE: ROW COLUMN is X but DETAIL [REF]".
Finding finding_at(const Named& named, const Side& side, const Row& row, int column,
                   const std::string& detail, const Decimal& difference);

/// The cell's text with spaces (ASCII and ideographic) removed, for matching printed labels.
std::string squeezed(const std::string& text);

}  // namespace gongkai
