#include "model/department_tree.h"

#include <algorithm>
#include <functional>

namespace gongkai {

namespace {

/// Siblings by `order`; `departments` is sorted by slug already, and the sort keeps that order
/// among equal `order`s.
void sort_siblings(std::vector<const Department*>& departments) {
  std::stable_sort(departments.begin(), departments.end(),
                   [](const Department* a, const Department* b) { return a->order < b->order; });
}

}  // namespace

DepartmentTree::DepartmentTree(const Content& content)
    : first_(content.departments.data()), children_(content.departments.size()) {
  for (const Department& department : content.departments) {
    if (department.parent.empty()) {
      top_.push_back(&department);
    } else if (const Department* parent = content.parent_of(department)) {
      children_[static_cast<std::size_t>(parent - first_)].push_back(&department);
    }
  }
  sort_siblings(top_);
  for (std::vector<const Department*>& siblings : children_) sort_siblings(siblings);
}

const std::vector<const Department*>& DepartmentTree::children_of(const Department& parent) const {
  static const std::vector<const Department*> kNone;
  const Department* end = first_ + children_.size();
  std::less<const Department*> before;
  if (!first_ || before(&parent, first_) || !before(&parent, end)) return kNone;
  return children_[static_cast<std::size_t>(&parent - first_)];
}

}  // namespace gongkai
