// The sharded search index (docs/search.md), written as plain scripts so that it loads through
// <script> elements from file:// as well as over HTTP:
//   search/root.js          the list of pages (department, kind, year), the shard count;
//   search/departments.js   the departments' names, loaded when a reader filters by one;
//   search/shards/K.js      the postings of the terms whose hash is K, loaded by a query's terms;
//   DIR/search-page.js      beside every page: its title and parts, loaded for the results shown.
// Postings are built once, from each page's terms (search_page.h), after every department's
// turn; they are small (a few bytes per page and term), the fragments stream out with pages.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "render/search_postings.h"
#include "render/site_model.h"

namespace gongkai {

/// The kinds of page in the index, in the order search.js lists them.
enum class SearchPageType : int {
  department, budget, final_accounts, evaluation, compare, changes_budget, changes_final, changes_evaluation
};

/// One page of the index, in the index's order (its id is its position).
struct SearchPageRef {
  SearchPageType type = SearchPageType::department;
  const Department* department = nullptr;
  /// The report (of a report page and a year-over-year page), or the pair compared.
  const LoadedReport* report = nullptr;
  BudgetFinalPair pair;
  int year = 0;
  /// The page's folder from the site root, with a trailing '/'.
  std::string dir;
};

inline constexpr const char* kSearchRootPath = "search/root.js";
inline constexpr const char* kSearchDepartmentsPath = "search/departments.js";

/// The path of shard `k`: "search/shards/K.js".
std::string search_shard_path(std::uint32_t k);

class SearchIndex {
 public:
  /// Lists `model`'s pages and chooses the number of shards from their count.
  explicit SearchIndex(const SiteModel& model);

  const std::vector<SearchPageRef>& pages() const { return pages_; }
  std::uint32_t shard_count() const { return shards_; }

  std::string root_js() const;
  std::string departments_js() const;
  /// Takes a report page's terms (search_page.h) as its department's turn ends, from any
  /// thread, so that a streaming build need not keep them: the postings are collected as
  /// departments stream, in any order, and sorted when a shard is written.
  void add_report(const LoadedReport& report, const std::string& terms_text);
  /// Shard k; the first call adds the pages not added yet (the department pages, the
  /// comparisons, and the reports of a site loaded whole, from LoadedReport::search_terms).
  std::string shard_js(std::uint32_t k, Diagnostics& diagnostics);
  /// The fragment of a department page (those of report and comparison pages are written
  /// with their department's files), or of any page.
  std::string fragment_js(const SearchPageRef& page) const;

 private:
  void build_postings();
  /// Appends a page's postings, each "ID FIELDS [ROWS…]" in varints, to its terms' lists.
  void add_page(std::size_t id, const std::string& terms_text);
  std::string page_terms(const SearchPageRef& page) const;
  std::string types_json() const;
  std::vector<std::pair<const Department*, std::string>> department_codes(int width) const;

  const SiteModel& model_;
  std::vector<SearchPageRef> pages_;
  std::uint32_t shards_ = 1;
  int first_year_ = 0;
  std::once_flag built_;
  std::mutex mutex_;
  std::map<const LoadedReport*, std::size_t> report_pages_;
  std::vector<bool> added_;
  /// The postings as pages are added, set aside on disk until their shards are written.
  std::unique_ptr<PostingStore> postings_;
};

}  // namespace gongkai
