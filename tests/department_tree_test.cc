// model/department_tree.h: each department's children, indexed once.
#include "model/department_tree.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

using namespace gongkai;

namespace {

/// A content of departments given as slug, parent and order, in slug order as loaded.
Content content_of(const std::vector<std::tuple<std::string, std::string, std::int64_t>>& rows) {
  Content content;
  for (const auto& [slug, parent, order] : rows) {
    Department d;
    d.slug = slug;
    d.parent = parent;
    d.order = order;
    content.departments.push_back(std::move(d));
  }
  return content;
}

std::vector<std::string> slugs(const std::vector<const Department*>& departments) {
  std::vector<std::string> out;
  for (const Department* d : departments) out.push_back(d->slug);
  return out;
}

}  // namespace

TEST_CASE("department tree: siblings by order, then by slug", "[department_tree]") {
  Content content = content_of({{"a-unit", "top", 2},
                                {"b-unit", "top", 1},
                                {"c-unit", "top", 2},
                                {"lone", "", 0},
                                {"orphan", "missing", 0},
                                {"sub", "b-unit", 0},
                                {"top", "", -1}});
  DepartmentTree tree(content);
  CHECK(slugs(tree.top_level()) == std::vector<std::string>{"top", "lone"});
  const Department& top = *content.find("top");
  CHECK(slugs(tree.children_of(top)) == std::vector<std::string>{"b-unit", "a-unit", "c-unit"});
  CHECK(slugs(tree.children_of(*content.find("b-unit"))) == std::vector<std::string>{"sub"});
  CHECK(tree.children_of(*content.find("sub")).empty());
  // A parent that does not exist (load_content reports it) holds no one, and the orphan is not
  // at the top either.
  CHECK(tree.children_of(*content.find("lone")).empty());
  Department stranger;
  CHECK(tree.children_of(stranger).empty());
  CHECK(DepartmentTree().top_level().empty());
  CHECK(DepartmentTree().children_of(top).empty());
}

TEST_CASE("department tree: every department is listed once, and a lookup lists nothing anew",
          "[department_tree]") {
  // One parent over 5,000 units, and 5,000 departments at the top: each department page and
  // the home page look children up, which once scanned every department each time (quadratic
  // in the departments). The lists are made once: each department sits in exactly one, and a
  // lookup hands back the list made then, not one built for the call.
  std::vector<std::tuple<std::string, std::string, std::int64_t>> rows;
  for (int i = 0; i < 10000; ++i) {
    std::string digits = std::to_string(i);
    std::string slug = "d" + std::string(5 - digits.size(), '0') + digits;
    rows.emplace_back(slug, i == 0 || i > 5000 ? "" : "d00000", i % 7);
  }
  Content content = content_of(rows);
  DepartmentTree tree(content);
  std::size_t listed = tree.top_level().size();
  for (const Department& d : content.departments) listed += tree.children_of(d).size();
  CHECK(listed == content.departments.size());
  CHECK(tree.children_of(content.departments[0]).size() == 5000);
  CHECK(tree.top_level().size() == 5000);
  CHECK(&tree.children_of(content.departments[0]) == &tree.children_of(content.departments[0]));
  CHECK(&tree.top_level() == &tree.top_level());
}
