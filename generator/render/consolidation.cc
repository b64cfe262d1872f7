#include "render/consolidation.h"

#include <functional>
#include <map>
#include <tuple>

#include "render/site_model.h"

namespace gongkai {

namespace {

/// A department's documents of one kind and year.
using Slot = std::tuple<const Department*, DocumentKind, int>;

Slot slot_of(const Department* department, const LoadedReport& report) {
  return {department, report.source->kind, report.source->year};
}

/// Walks up from departments to the report that contains theirs, remembering for each
/// department, kind and year passed what it found, so that no walk passes a department twice.
class ContainerSearch {
 public:
  explicit ContainerSearch(const SiteModel& model) : model_(model) {
    for (const LoadedReport& r : model.reports) reports_[slot_of(r.department, r)] = &r;
  }

  /// The report of the nearest department above `report`'s that consolidates and has a report
  /// of its kind and year.
  const LoadedReport* container_of(const LoadedReport& report) {
    std::vector<const Department*> passed;
    const LoadedReport* found = nullptr;
    const Department* at = report.department;
    // At most one step per department: parents form no cycle once content is loaded, and the
    // bound holds on any content.
    while (passed.size() <= model_.content.departments.size()) {
      auto known = above_.find(slot_of(at, report));
      if (known != above_.end()) {
        found = known->second;
        break;
      }
      passed.push_back(at);
      ++steps_;
      const Department* up = model_.content.parent_of(*at);
      if (!up) break;
      auto own = up->consolidates ? reports_.find(slot_of(up, report)) : reports_.end();
      if (own != reports_.end()) {
        found = own->second;
        break;
      }
      at = up;
    }
    for (const Department* d : passed) above_[slot_of(d, report)] = found;
    return found;
  }

  std::size_t steps() const { return steps_; }

 private:
  const SiteModel& model_;
  std::map<Slot, const LoadedReport*> reports_;
  /// For a department, kind and year: the containing report found above it.
  std::map<Slot, const LoadedReport*> above_;
  std::size_t steps_ = 0;
};

}  // namespace

Consolidation::Consolidation(const SiteModel& model) : first_(model.reports.data()) {
  ContainerSearch search(model);
  for (const LoadedReport& r : model.reports) containers_.push_back(search.container_of(r));
  steps_ = search.steps();
}

const LoadedReport* Consolidation::container_of(const LoadedReport& report) const {
  const LoadedReport* end = first_ + containers_.size();
  std::less<const LoadedReport*> before;
  if (!first_ || before(&report, first_) || !before(&report, end)) return nullptr;
  return containers_[static_cast<std::size_t>(&report - first_)];
}

}  // namespace gongkai
