#include "render/search_index.h"

#include <algorithm>
#include <map>

#include "render/compare_view.h"
#include "render/search.h"
#include "render/search_page.h"
#include "render/search_terms.h"

namespace gongkai {

namespace {

/// Pages per shard aimed at: measured on the bench corpora (docs/search.md, "Shards"), where a
/// query's shards then weigh a few kilobytes each beside the postings it reads.
constexpr std::size_t kPagesPerShard = 8;
constexpr std::uint32_t kMaxShards = 4096;

/// 64 characters that need no escape in a JSON string; each carries five bits of a number and,
/// from 32 up, says that another character follows.
constexpr std::string_view kDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

void append_varint(std::string& out, std::uint64_t value) {
  while (value >= 32) {
    out += kDigits[32 + (value & 31)];
    value >>= 5;
  }
  out += kDigits[value];
}

SearchPageType report_type(DocumentKind kind, bool changes) {
  int base = changes ? static_cast<int>(SearchPageType::changes_budget) : static_cast<int>(SearchPageType::budget);
  return static_cast<SearchPageType>(base + static_cast<int>(kind));
}

/// The pages of one department: its own, its reports', its comparisons'.
void list_department(const SiteModel& model, const Department& d, std::vector<SearchPageRef>& out) {
  out.push_back({SearchPageType::department, &d, nullptr, {}, 0, d.slug + "/"});
  for (const LoadedReport* r : model.reports_of(d))
    out.push_back({report_type(r->source->kind, false), &d, r, {}, r->source->year, r->dir});
  for (const BudgetFinalPair& pair : model.budget_final_pairs(d)) {
    out.push_back({SearchPageType::compare, &d, nullptr, pair, pair.budget->source->year, compare_dir(pair)});
  }
  for (const LoadedReport* r : model.reports_of(d)) {
    if (model.previous_in_comparison(*r))
      out.push_back({report_type(r->source->kind, true), &d, r, {}, r->source->year, changes_dir(*r)});
  }
}

std::uint32_t shards_for(std::size_t pages) {
  std::uint32_t shards = 1;
  while (shards < kMaxShards && shards * kPagesPerShard < pages) shards *= 2;
  return shards;
}

}  // namespace

std::string search_shard_path(std::uint32_t k) { return "search/shards/" + std::to_string(k) + ".js"; }

SearchIndex::SearchIndex(const SiteModel& model) : model_(model) {
  for (const Department& d : model.content.departments) list_department(model, d, pages_);
  shards_ = shards_for(pages_.size());
  first_year_ = model.years.empty() ? 0 : *std::min_element(model.years.begin(), model.years.end());
}

std::string SearchIndex::root_js() const {
  int last_year = model_.years.empty() ? 0 : *std::max_element(model_.years.begin(), model_.years.end());
  int width = last_year - first_year_ < 512 ? 2 : 3;
  std::string out = "window.GONGKAI_SEARCH_ROOT={\"version\":2,\"shards\":" + std::to_string(shards_) +
                    ",\"first_year\":" + std::to_string(first_year_) + ",\"width\":" + std::to_string(width) +
                    ",\"types\":" + types_json() + ",\"depts\":[";
  const Department* current = nullptr;
  for (const SearchPageRef& page : pages_) {
    if (page.department != current) {
      if (current) out += "\"],";
      current = page.department;
      out += '[';
      append_script_safe_string(out, page.department->slug);
      out += ",\"";
    }
    int offset = page.year ? page.year - first_year_ : 0;
    std::uint64_t code = static_cast<std::uint64_t>(page.type) * (width == 2 ? 512 : 32768) +
                         static_cast<std::uint64_t>(offset);
    for (int k = width - 1; k >= 0; --k) out += kDigits[(code >> (6 * k)) & 63];
  }
  if (current) out += "\"]";
  out += "]};\n";
  return out;
}

/// Each page type's label (the filter by kind) and folder within its department and year.
std::string SearchIndex::types_json() const {
  std::vector<std::pair<std::string, std::string>> types = {{model_.text("search_kind_department"), ""}};
  for (DocumentKind kind : {DocumentKind::budget, DocumentKind::final_accounts, DocumentKind::evaluation})
    types.emplace_back(model_.kind_label(kind), std::string(kind_slug(kind)) + "/");
  types.emplace_back(model_.text("compare_title"), "compare/");
  for (DocumentKind kind : {DocumentKind::budget, DocumentKind::final_accounts, DocumentKind::evaluation})
    types.emplace_back(model_.text("changes_link"), std::string(kind_slug(kind)) + "/changes/");
  std::string out = "[";
  for (const auto& [label, folder] : types) {
    out += out.size() > 1 ? ",[" : "[";
    append_script_safe_string(out, label);
    out += ',';
    append_script_safe_string(out, folder);
    out += ']';
  }
  return out + "]";
}

std::string SearchIndex::departments_js() const {
  std::string out = "GONGKAI_SEARCH_DEPARTMENTS([";
  for (const Department& d : model_.content.departments) {
    if (out.back() != '[') out += ',';
    append_script_safe_string(out, d.name);
  }
  out += "]);\n";
  return out;
}

std::string SearchIndex::fragment_js(const SearchPageRef& page) const {
  switch (page.type) {
    case SearchPageType::department:
      return department_search_page(model_, *page.department).fragment_js(page.dir);
    case SearchPageType::compare:
      return compare_search_page(model_, page.pair).fragment_js(page.dir);
    case SearchPageType::changes_budget:
    case SearchPageType::changes_final:
    case SearchPageType::changes_evaluation:
      return changes_search_page(model_, *page.report).fragment_js(page.dir);
    default:
      return page.report->search_fragment;
  }
}

std::string SearchIndex::page_terms(const SearchPageRef& page) const {
  switch (page.type) {
    case SearchPageType::department:
      return department_search_page(model_, *page.department).terms_text();
    case SearchPageType::compare:
      return compare_search_page(model_, page.pair).terms_text();
    case SearchPageType::changes_budget:
    case SearchPageType::changes_final:
    case SearchPageType::changes_evaluation:
      return changes_search_page(model_, *page.report).terms_text();
    default:
      return page.report->search_terms;
  }
}

/// One page's terms (search_page.h) into the postings: per page, the distance from the
/// term's previous page times 16, plus 8 when rows follow, plus the fields; then the number
/// of rows and each row's entry and row.
void SearchIndex::add_page(std::size_t id, const std::string& terms_text) {
  std::size_t start = 0;
  while (start < terms_text.size()) {
    std::size_t end = terms_text.find('\n', start);
    if (end == std::string::npos) end = terms_text.size();
    std::string_view line(terms_text.data() + start, end - start);
    start = end + 1;
    std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) continue;
    std::string term(line.substr(0, tab));
    std::string_view rest = line.substr(tab + 1);
    std::size_t tab2 = rest.find('\t');
    int fields = std::atoi(std::string(rest.substr(0, tab2)).c_str()) & 7;
    std::vector<std::pair<unsigned, unsigned>> rows;
    if (tab2 != std::string_view::npos) {
      std::string list(rest.substr(tab2 + 1));
      for (std::size_t p = 0; p < list.size();) {
        unsigned entry = 0, row = 0;
        if (std::sscanf(list.c_str() + p, "%u.%u", &entry, &row) == 2) rows.emplace_back(entry, row);
        std::size_t space = list.find(' ', p);
        p = space == std::string::npos ? list.size() : space + 1;
      }
    }
    Posting& posting = postings_[search_shard(term, shards_)][term];
    std::uint64_t delta = static_cast<std::uint64_t>(static_cast<std::int64_t>(id) - posting.last);
    posting.last = static_cast<std::int64_t>(id);
    append_varint(posting.bytes, delta * 16 + (rows.empty() ? 0 : 8) + static_cast<std::uint64_t>(fields));
    if (rows.empty()) continue;
    append_varint(posting.bytes, rows.size());
    for (auto [entry, row] : rows) {
      append_varint(posting.bytes, entry);
      append_varint(posting.bytes, row);
    }
  }
}

void SearchIndex::build_postings() {
  postings_.assign(shards_, {});
  for (std::size_t id = 0; id < pages_.size(); ++id) add_page(id, page_terms(pages_[id]));
}

std::string SearchIndex::shard_js(std::uint32_t k) {
  std::call_once(built_, [this] { build_postings(); });
  std::string out = "GONGKAI_SEARCH_SHARD(" + std::to_string(k) + ",{";
  for (const auto& [term, posting] : postings_[k]) {
    if (out.back() != '{') out += ',';
    append_script_safe_string(out, term);
    out += ':';
    append_script_safe_string(out, posting.bytes);
  }
  out += "});\n";
  return out;
}

}  // namespace gongkai
