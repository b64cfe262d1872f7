// The anchor of every row of a table on its report page, so that a figure derived from it (a
// comparison, a difference, a rate) can link to the printed row it comes from (docs/compare.md,
// "Traceable figures"). An anchor depends only on the table's id and the row's own identity —
// its id, its code, its unit block — never on where the row happens to be printed, so it stays
// the same across rebuilds and across years as long as the row does.
#pragma once

#include <string>
#include <vector>

#include "model/data.h"

namespace gongkai {

/// The anchors of one table's rows: "table-function-2010301" for a coded row whose code occurs
/// once in the table; "table-function-u2-2010301" for a code repeated across unit blocks (the
/// row's block counted from 1, or the unit row's id when it has one); "table-summary-sum" for a
/// row with an id; else "table-summary-r12" (the row's number). Unique within the table.
class RowAnchors {
 public:
  explicit RowAnchors(const Table& table);
  /// The anchor of `row`, a row of the table given to the constructor.
  const std::string& of(const Row& row) const {
    return anchors_[static_cast<std::size_t>(row.number - 1)];
  }

 private:
  std::vector<std::string> anchors_;
};

}  // namespace gongkai
