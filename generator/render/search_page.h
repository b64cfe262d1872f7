// One page of the search index (docs/search.md): what it says, cut into terms, and its
// fragment, the small script that search.js loads to show the page among the results.
//
// A page's terms are kept as text (SearchPage::terms_text) from the moment its report is read
// until the index is written, and in the record of a build: one line per distinct term,
// "TERM\tFIELDS" or "TERM\tFIELDS\tE.R E.R …", FIELDS a sum of search_field bits and E.R the
// rows (entry E of the fragment, row R of that entry) that print a code or figure.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "render/site_model.h"

namespace gongkai {

/// Where on a page a term occurs; a term's weight is that of its best field.
enum SearchField : int { search_body = 1, search_strong = 2, search_title = 4 };

/// One part of a page a result can link to: a section of the narrative, a table, a project.
struct SearchEntry {
  std::string anchor, kind, title, text;
  /// A table's rows: [anchor, label], in printed order.
  std::vector<std::pair<std::string, std::string>> rows;
};

struct SearchPage {
  std::string title, context, kind, url, text;
  std::vector<SearchEntry> entries;
  /// Term -> its fields and, for codes and figures, the rows ("E.R") printing it.
  struct Hits {
    int fields = 0;
    std::vector<std::string> rows;
  };
  std::map<std::string, Hits> terms;

  /// Adds every term of `text` in `field`.
  void add_text(const std::string& text, int field);
  /// Adds the number `text` (a code or figure, by its term) printed in `row` ("E.R"), when it
  /// has three digits or more: smaller ones are on every page and would find nothing.
  void add_number(const std::string& text, int field, const std::string& row);
  std::string terms_text() const;
  /// The fragment: `GONGKAI_SEARCH_PAGE("DIR", {...});`, DIR the page's folder.
  std::string fragment_js(const std::string& dir) const;
};

/// A report page's entry in the index, built while its figures are read.
SearchPage report_search_page(const SiteModel& model, const LoadedReport& report);
/// A department page's, and the two kinds of comparison page's.
SearchPage department_search_page(const SiteModel& model, const Department& department);
SearchPage compare_search_page(const SiteModel& model, const BudgetFinalPair& pair);
SearchPage changes_search_page(const SiteModel& model, const LoadedReport& report);

/// The file name of a page's fragment, in the page's folder.
inline constexpr const char* kSearchFragmentName = "search-page.js";

/// The plain text of each section of rendered narrative HTML, by the id of the heading that
/// opens it ("" for the text before the first heading); charts (<svg>) left out.
std::map<std::string, std::string> section_texts(const std::string& html);

}  // namespace gongkai
