// What every comparison of two documents shares (docs/compare.md): finding the table each kind
// of line is printed in, reading one document's lines from it — the totals, each code, each 三公
// item — in one unit, exactly, with the printed cells they come from, and setting the lines of
// two documents side by side. Budget against final accounts (budget_execution.h) and year over
// year (year_over_year.h) are built on it.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/decimal.h"
#include "model/amount_unit.h"
#include "model/data.h"

namespace gongkai {

/// A figure of one document as compared: in the comparison's unit, exact.
struct ComparedFigure {
  Decimal value;
  /// Converted from 元 to 万元 (÷ 10,000, every digit kept).
  bool converted = false;
  /// The printed cells the value comes from: one, or one per budget unit that prints the code.
  std::vector<const Cell*> cells;
};

/// A figure one document prints of another document's (the 三公 决算表's 预算数, a budget's 上年
/// row), checked against that document's own figure. A disagreement is data, not an error: a
/// budget adjusted in the year is printed adjusted.
struct PrintedCheck {
  ComparedFigure printed;
  /// Whether it equals the other document's figure exactly, both in the comparison's unit;
  /// nullopt when the other document prints none for the line.
  std::optional<bool> agrees;
};


/// `part` ÷ `whole` in per cent, rounded half away from zero to two decimals (四舍五入); nullopt
/// when `whole` is zero. The one figure of a comparison that does not terminate.
std::optional<Decimal> per_cent(const Decimal& part, const Decimal& whole);

/// The kinds of line, in the order a comparison lists its sections.
inline constexpr std::string_view kLineKinds[] = {"totals", "function", "economic", "three-public"};

/// The table of `document` that prints lines of `kind`: by the id the skeletons of `gongkai new`
/// give it for the document's kind (支出总表 `expenditure`, 表7 `function`, 表8 `economic`, 表9
/// `three-public`; 决算 表三 `expenditure`, 表五 `general`, 表六 `basic`, 表九 `three-public`),
/// else the first table whose title has the kind's words; nullptr when there is none. One more
/// kind is no comparison's: "revenue", revenue by function class (a budget's 表2 收入总表, final
/// accounts' 表二 收入决算表, both `income`), which the Fiscal Data Package reads.
const Table* line_table(const ReportData& document, std::string_view kind);

/// The unit two documents' figures are compared in: 万元 when either table uses it, else the
/// unit they share. Tables without a unit do not count.
AmountUnit common_unit(std::initializer_list<const Table*> tables,
                       AmountUnit unit = AmountUnit::none);

/// Which of the figures a document prints a line reads.
enum class Printed {
  /// The document's own: a budget's 预算数, final accounts' 决算数, a 三公 table's this year.
  own,
  /// The budget figures final accounts print beside their own (the 三公 决算表's 预算数).
  budget,
  /// Last year's figures a document prints: a budget 三公 table's row of the previous year, a
  /// 上年预算数 column of a budget's or a 上年决算数 column of final accounts' table.
  last_year,
};

/// One document's figure for one line.
struct DocumentLine {
  /// What matches the line across documents: the code of a code line; "total", "basic",
  /// "project" of the totals; the 三公 item ("total", "abroad", "vehicles", "purchase",
  /// "upkeep", "reception").
  std::string key;
  /// The classification code, "" for a total or a 三公 item.
  std::string code;
  /// As printed: beside the code, or the column's label (a 小计 under its group's label).
  std::string name;
  ComparedFigure figure;
};

/// The lines of `kind` that `document` prints in `table` (its line_table), figures in `unit`:
///  - totals: 合计, 基本支出, 项目支出 — columns by key (total, basic, project), else by label;
///  - function: each code of the 合计 column;
///  - economic: each code of 基本支出 (a budget's `basic` column, final accounts' 金额 of 表六);
///  - three-public: each item (three_public_lines.h).
/// Lines without a printed figure are left out, and so is a figure that cannot be converted.
std::vector<DocumentLine> document_lines(const ReportData& document, const Table& table,
                                         std::string_view kind, Printed which, AmountUnit unit);

/// Two documents' lines side by side.
struct PairedLine {
  std::string key, code;
  /// The first document's name, else the second's.
  std::string name;
  /// The second document's name when it differs from the first's ("" otherwise). Names are
  /// compared without spaces and with full- and half-width brackets alike: 因公出国(境)费 and
  /// 因公出国（境）费 are one name.
  std::string other_name;
  std::optional<ComparedFigure> first, second;
};

/// The lines of both documents matched by key, none dropped: in the first document's order with
/// the second's own lines after them, and code lines in code order (which is the tree's order:
/// 201, 20103, 2010301, 205 …).
std::vector<PairedLine> pair_lines(std::vector<DocumentLine> first,
                                   std::vector<DocumentLine> second);

/// The printed figure among `printed` with `key`, checked against `reference` (the other
/// document's figure for the line); nullopt when `printed` has none with that key.
std::optional<PrintedCheck> printed_check(const std::vector<DocumentLine>& printed,
                                          const std::string& key,
                                          const std::optional<ComparedFigure>& reference);

/// A printed figure in the comparison's unit; nullopt when it cannot be converted.
std::optional<ComparedFigure> compared(const Decimal& value, std::vector<const Cell*> cells,
                                       AmountUnit from, AmountUnit to);

/// Whether two printed names are the same name: spaces aside, full- and half-width brackets and
/// colons alike.
bool same_name(std::string_view a, std::string_view b);

/// `text` without spaces, with full-width brackets and colons made half-width, so that labels
/// printed either way compare equal.
std::string normalized_label(std::string_view text);

}  // namespace gongkai
