#include "model/year_over_year.h"

namespace gongkai {

std::optional<Decimal> growth_rate(const Decimal& change, const Decimal& last_year) {
  return per_cent(change, last_year);
}

namespace {

/// A figure, or 0 for a year that does not print the line.
Decimal value_or_zero(const std::optional<ComparedFigure>& figure) {
  return figure ? figure->value : Decimal();
}

/// A line of either year, with its change and growth.
YearLine year_line(PairedLine&& paired) {
  YearLine line;
  line.key = std::move(paired.key);
  line.code = std::move(paired.code);
  line.name = std::move(paired.name);
  line.last_year_name = std::move(paired.other_name);
  line.this_year = std::move(paired.first);
  line.last_year = std::move(paired.second);
  line.presence = !line.last_year   ? Presence::appeared
                  : !line.this_year ? Presence::vanished
                                    : Presence::both;
  line.change = subtract(value_or_zero(line.this_year), value_or_zero(line.last_year));
  if (line.change && line.last_year && !line.last_year->value.is_zero()) {
    line.growth = growth_rate(*line.change, line.last_year->value);
  }
  return line;
}

/// The pair of tables of one kind of line.
struct Found {
  std::string_view kind;
  const Table& this_year;
  const Table& last_year;
};

YearSection section(const Found& found, const ReportData& now, const ReportData& before,
                    AmountUnit unit) {
  std::vector<PairedLine> paired =
      pair_lines(document_lines(now, found.this_year, found.kind, Printed::own, unit),
                 document_lines(before, found.last_year, found.kind, Printed::own, unit));
  // A 上年 figure is the year just before's: checked only against that year's document.
  std::vector<DocumentLine> printed;
  if (before.year == now.year - 1)
    printed = document_lines(now, found.this_year, found.kind, Printed::last_year, unit);
  YearSection out{std::string(found.kind), found.this_year.id, found.last_year.id, {}};
  for (PairedLine& line : paired) {
    out.lines.push_back(year_line(std::move(line)));
    out.lines.back().printed_last_year =
        printed_check(printed, out.lines.back().key, out.lines.back().last_year);
  }
  return out;
}

}  // namespace

YearOverYear compare_with_previous_year(const ReportData& this_year, const ReportData& last_year) {
  YearOverYear out;
  out.this_year = this_year.year;
  out.last_year = last_year.year;
  if (this_year.kind != last_year.kind) return out;
  std::vector<Found> found;
  for (std::string_view kind : kLineKinds) {
    const Table* now = line_table(this_year, kind);
    const Table* before = line_table(last_year, kind);
    if (now && before) found.push_back({kind, *now, *before});
  }
  // One unit for the whole comparison, so that its figures can be read against each other.
  for (const Found& f : found) out.unit = common_unit({&f.this_year, &f.last_year}, out.unit);
  for (const Found& f : found) out.sections.push_back(section(f, this_year, last_year, out.unit));
  return out;
}

}  // namespace gongkai
