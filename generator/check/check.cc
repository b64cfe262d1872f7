#include "check/check.h"

#include <algorithm>
#include <string>
#include <vector>

#include "check/check_expression.h"
#include "check/check_rules.h"
#include "check/check_sums.h"

namespace gongkai {
namespace {

/// An acknowledgement with the table it was written in, for resolving relative references.
struct AckEntry {
  const Acknowledgement* ack;
  std::string owner;
  bool used = false;

  bool matches(const std::string& reference) const {
    const std::string& r = ack->check;
    return reference == r || reference == owner + "." + r ||
           (!r.empty() && r.front() == '[' && reference == owner + r);
  }

  bool matches(const Finding& f) const {
    return matches(f.reference) || (!f.alias.empty() && matches(f.alias));
  }
};

std::vector<AckEntry> acknowledgements_of(const Table& table) {
  std::vector<AckEntry> out;
  for (const Acknowledgement& a : table.acknowledged) out.push_back({&a, table.id});
  for (const Table& part : table.parts) {
    for (const Acknowledgement& a : part.acknowledged) out.push_back({&a, part.id});
  }
  return out;
}

/// Reports one finding: an error, or a warning when acknowledged (and, when the
/// acknowledgement pins a difference, only while the difference is the same). Returns
/// whether the finding's figures stay protected.
bool report_finding(const Finding& f, std::vector<AckEntry>& acks, Diagnostics& diagnostics) {
  auto match =
      std::find_if(acks.begin(), acks.end(), [&](const AckEntry& a) { return a.matches(f); });
  if (match == acks.end()) {
    diagnostics.error(f.where, f.message);
    return true;
  }
  match->used = true;
  const std::optional<Decimal>& pinned = match->ack->difference;
  if (pinned && *pinned != f.difference) {
    diagnostics.error(f.where, f.message + unlike_pinned(*pinned, f.difference));
    return true;
  }
  diagnostics.warning(f.where, f.message + " — acknowledged: " + match->ack->note);
  return pinned.has_value();
}

/// Every automatic finding of a top-level table or form, in document order.
std::vector<Finding> automatic_findings(const ReportData& report, const Table& table,
                                        CheckCoverage* coverage) {
  FindingLog log(coverage);
  auto check_grid = [&](const Named& named) {
    check_sums(named, log);
    check_rules(report, named, log);
  };
  check_grid({table, table.title});
  for (const Table& part : table.parts) {
    check_grid({part, part.title.empty() ? table.title : table.title + " " + part.title});
  }
  return std::move(log.findings());
}

void report_findings(const ReportData& report, const Table& table, Diagnostics& diagnostics,
                     CheckCoverage* coverage) {
  std::vector<AckEntry> acks = acknowledgements_of(table);
  for (const Finding& f : automatic_findings(report, table, coverage)) {
    bool protects = report_finding(f, acks, diagnostics);
    if (coverage && protects) {
      for (const Cell* cell : f.cells) coverage->add(cell);
    }
  }
  for (const AckEntry& a : acks) {
    if (a.used) continue;
    diagnostics.warning(a.ack->where, "acknowledged inconsistency \"" + a.ack->check +
                                          "\" does not occur; remove the acknowledgement");
  }
}

/// True when the grid has amount columns and not one figure in them.
bool lacks_amounts(const Table& grid) {
  if (!grid.has_amount_column() || grid.published_empty) return false;
  for (const Side& side : grid.sides) {
    for (const Row& row : side.rows) {
      for (int c : side.columns) {
        bool amount = grid.columns[static_cast<std::size_t>(c)].type == ColumnType::amount;
        if (amount && row.cells[static_cast<std::size_t>(c)].has_figure()) return false;
      }
    }
  }
  return true;
}

/// A table with amount columns but no amount is either still to be filled in (a skeleton of
/// `gongkai new`) or published empty, which the file must then say: a warning, so that an
/// unfinished disclosure is not published unnoticed.
void warn_unfilled(const Table& table, Diagnostics& diagnostics) {
  std::vector<const Table*> grids;
  if (table.is_form()) {
    for (const Table& part : table.parts) grids.push_back(&part);
  } else {
    grids.push_back(&table);
  }
  for (const Table* grid : grids) {
    if (!lacks_amounts(*grid)) continue;
    std::string name =
        grid == &table || grid->title.empty() ? table.title : table.title + " " + grid->title;
    diagnostics.warning(grid->where, name +
                                         ": no amounts filled in; fill in the figures, or mark the "
                                         "table \"empty\": true if the published table is empty");
  }
}

}  // namespace

void check_report(const ReportData& report, Diagnostics& diagnostics, CheckCoverage* coverage) {
  for (const Table& table : report.tables) {
    warn_unfilled(table, diagnostics);
    report_findings(report, table, diagnostics, coverage);
    for (const DeclaredCheck& check : table.checks) {
      run_declared_check(report, check, diagnostics, coverage);
    }
  }
  for (const DeclaredCheck& check : report.checks) {
    run_declared_check(report, check, diagnostics, coverage);
  }
}

}  // namespace gongkai
