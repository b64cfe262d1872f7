// The departments under each department, found once for the whole site. The home page groups
// every department under its parent and each department page lists its children: looking the
// children up by scanning every department made both quadratic in the number of departments.
#pragma once

#include <cstddef>
#include <vector>

#include "model/content.h"

namespace gongkai {

class DepartmentTree {
 public:
  /// A tree of no departments.
  DepartmentTree() = default;
  /// Indexes every department of `content` under its parent, in one pass over the departments.
  /// `content` must outlive the tree and keep its departments where they are.
  explicit DepartmentTree(const Content& content);

  /// The departments whose parent is `parent`, by `order` and then by slug (the order the site
  /// lists siblings in). A department naming a parent that does not exist is under none.
  const std::vector<const Department*>& children_of(const Department& parent) const;
  /// The departments without a parent, in the same order.
  const std::vector<const Department*>& top_level() const { return top_; }

 private:
  const Department* first_ = nullptr;
  std::vector<const Department*> top_;
  /// By the index of the parent in content.departments.
  std::vector<std::vector<const Department*>> children_;
};

}  // namespace gongkai
