// Which report already contains each report's figures: that of the nearest department above
// its own that consolidates its subordinates and has a report of the same kind and year. Year
// pages, the function classes pages and the site's Fiscal Data Package ask it of every report
// of a year; walking up from each report anew cost, on a chain of n departments whose walks go
// far (none consolidates, or none above has that year's report), n² steps per page. The answers
// are found once for the site, walking past each department once per kind and year.
#pragma once

#include <cstddef>
#include <vector>

namespace gongkai {

struct SiteModel;
struct LoadedReport;

class Consolidation {
 public:
  /// No report is contained in another.
  Consolidation() = default;
  /// Finds the consolidating report of every report of `model.reports`, which must stay where
  /// they are while this is used.
  explicit Consolidation(const SiteModel& model);

  /// The report that already contains `report`'s figures, or nullptr.
  const LoadedReport* container_of(const LoadedReport& report) const;
  /// How many departments the walks up passed, all reports together: at most one per
  /// department, kind and year, whatever the depth. For tests.
  std::size_t steps() const { return steps_; }

 private:
  const LoadedReport* first_ = nullptr;
  /// By the index of the report in model.reports.
  std::vector<const LoadedReport*> containers_;
  std::size_t steps_ = 0;
};

}  // namespace gongkai
