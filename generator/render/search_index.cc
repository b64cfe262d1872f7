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

/// A department as root.js lists it: how many leading characters its slug shares with the
/// previous one's, the index of its pages' code list, then the rest of its slug. Slugs are
/// ASCII letters, digits and hyphens (content.cc), so the two numbers end where the slug's
/// rest begins and nothing needs escaping.
std::string front_coded(const std::string& slug, const std::string* previous, std::size_t codes) {
  std::size_t shared = 0;
  if (previous) {
    while (shared < slug.size() && shared < previous->size() && slug[shared] == (*previous)[shared]) ++shared;
  }
  std::string out;
  append_varint(out, shared);
  append_varint(out, codes);
  return out + slug.substr(shared);
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
  postings_ = std::make_unique<PostingStore>(shards_);
  added_.assign(pages_.size(), false);
  for (std::size_t id = 0; id < pages_.size(); ++id) {
    SearchPageType type = pages_[id].type;
    if (type == SearchPageType::budget || type == SearchPageType::final_accounts || type == SearchPageType::evaluation)
      report_pages_[pages_[id].report] = id;
  }
  first_year_ = model.years.empty() ? 0 : *std::min_element(model.years.begin(), model.years.end());
}

std::string SearchIndex::root_js() const {
  int last_year = model_.years.empty() ? 0 : *std::max_element(model_.years.begin(), model_.years.end());
  int width = last_year - first_year_ < 512 ? 2 : 3;
  std::vector<std::pair<const Department*, std::string>> departments = department_codes(width);
  // Departments mostly publish the same documents year after year, so few distinct code lists
  // serve them all; each is written once.
  std::map<std::string, std::size_t> code_index;
  std::string codes = "[", depts = "[";
  const std::string* previous_slug = nullptr;
  for (const auto& [department, page_codes] : departments) {
    auto [at, added] = code_index.try_emplace(page_codes, code_index.size());
    if (added) {
      if (codes.size() > 1) codes += ',';
      append_script_safe_string(codes, page_codes);
    }
    if (depts.size() > 1) depts += ',';
    depts += '"';
    depts += front_coded(department->slug, previous_slug, at->second);
    depts += '"';
    previous_slug = &department->slug;
  }
  return "window.GONGKAI_SEARCH_ROOT={\"version\":3,\"shards\":" + std::to_string(shards_) +
         ",\"first_year\":" + std::to_string(first_year_) + ",\"width\":" + std::to_string(width) +
         ",\"types\":" + types_json() + ",\"codes\":" + codes + "],\"depts\":" + depts + "]};\n";
}

/// Each department with its pages' codes (type and year, `width` digits each), in page order.
std::vector<std::pair<const Department*, std::string>> SearchIndex::department_codes(int width) const {
  std::vector<std::pair<const Department*, std::string>> out;
  for (const SearchPageRef& page : pages_) {
    if (out.empty() || out.back().first != page.department) out.emplace_back(page.department, "");
    int offset = page.year ? page.year - first_year_ : 0;
    std::uint64_t code = static_cast<std::uint64_t>(page.type) * (width == 2 ? 512 : 32768) +
                         static_cast<std::uint64_t>(offset);
    for (int k = width - 1; k >= 0; --k) out.back().second += kDigits[(code >> (6 * k)) & 63];
  }
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

namespace {

/// Reads the varint at `text[at]` (append_varint()), moving `at` past it.
std::uint64_t read_varint(std::string_view text, std::size_t& at) {
  std::uint64_t value = 0;
  for (int shift = 0; at < text.size(); shift += 5) {
    std::size_t digit = kDigits.find(text[at++]);
    value |= static_cast<std::uint64_t>(digit & 31) << shift;
    if (digit < 32) break;
  }
  return value;
}

/// One line of a page's terms: the term, its fields and its rows ("E.R" pairs).
struct TermLine {
  std::string_view term;
  int fields = 0;
  std::vector<std::pair<unsigned, unsigned>> rows;
};

bool parse_term_line(std::string_view line, TermLine& out) {
  std::size_t tab = line.find('\t');
  if (tab == std::string_view::npos || tab == 0) return false;
  out.term = line.substr(0, tab);
  std::string_view rest = line.substr(tab + 1);
  std::size_t tab2 = rest.find('\t');
  out.fields = std::atoi(std::string(rest.substr(0, tab2)).c_str()) & 7;
  out.rows.clear();
  if (tab2 == std::string_view::npos) return true;
  std::string list(rest.substr(tab2 + 1));
  for (std::size_t p = 0; p < list.size();) {
    unsigned entry = 0, row = 0;
    if (std::sscanf(list.c_str() + p, "%u.%u", &entry, &row) == 2) out.rows.emplace_back(entry, row);
    std::size_t space = list.find(' ', p);
    p = space == std::string::npos ? list.size() : space + 1;
  }
  return true;
}

/// One posting as added: the page, then the rest as written in a shard.
struct RawPosting {
  std::uint64_t page = 0;
  std::uint64_t head = 0;  // 8 when rows follow, plus the fields
  std::string_view rows;   // the rows' varints, as added
};

std::vector<RawPosting> read_raw(std::string_view bytes) {
  std::vector<RawPosting> out;
  std::size_t at = 0;
  while (at < bytes.size()) {
    RawPosting& p = out.emplace_back();
    p.page = read_varint(bytes, at);
    p.head = read_varint(bytes, at);
    std::size_t start = at;
    if (p.head & 8) {
      for (std::uint64_t n = read_varint(bytes, at) * 2; n > 0; --n) read_varint(bytes, at);
    }
    p.rows = bytes.substr(start, at - start);
  }
  return out;
}

/// A term's postings as a shard states them: by page, each page as its distance from the
/// previous one times 16 plus the head, then its rows.
std::string shard_postings(std::string_view raw) {
  std::vector<RawPosting> postings = read_raw(raw);
  std::sort(postings.begin(), postings.end(),
            [](const RawPosting& a, const RawPosting& b) { return a.page < b.page; });
  std::string out;
  std::int64_t last = -1;
  for (const RawPosting& p : postings) {
    append_varint(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(p.page) - last) * 16 + p.head);
    out += p.rows;
    last = static_cast<std::int64_t>(p.page);
  }
  return out;
}

}  // namespace

void SearchIndex::add_page(std::size_t id, const std::string& terms_text) {
  std::vector<PendingPosting> batch;
  TermLine line;
  for (std::size_t start = 0; start < terms_text.size();) {
    std::size_t end = terms_text.find('\n', start);
    if (end == std::string::npos) end = terms_text.size();
    bool parsed = parse_term_line(std::string_view(terms_text).substr(start, end - start), line);
    start = end + 1;
    if (!parsed) continue;
    std::string bytes;
    append_varint(bytes, id);
    append_varint(bytes, (line.rows.empty() ? 0 : 8) + static_cast<std::uint64_t>(line.fields));
    if (!line.rows.empty()) append_varint(bytes, line.rows.size());
    for (auto [entry, row] : line.rows) {
      append_varint(bytes, entry);
      append_varint(bytes, row);
    }
    batch.push_back({search_shard(line.term, shards_), std::string(line.term), std::move(bytes)});
  }
  postings_->add(batch);
  std::lock_guard<std::mutex> lock(mutex_);
  added_[id] = true;
}

void SearchIndex::add_report(const LoadedReport& report, const std::string& terms_text) {
  auto page = report_pages_.find(&report);
  if (page != report_pages_.end()) add_page(page->second, terms_text);
}

void SearchIndex::build_postings() {
  for (std::size_t id = 0; id < pages_.size(); ++id) {
    if (!added_[id]) add_page(id, page_terms(pages_[id]));
  }
}

std::string SearchIndex::shard_js(std::uint32_t k, Diagnostics& diagnostics) {
  std::call_once(built_, [this] { build_postings(); });
  std::optional<std::map<std::string, std::string>> terms = postings_->take(k);
  if (!terms) {
    diagnostics.error({search_shard_path(k), 0, 0},
                      "cannot read back the search index's postings from the temporary folder");
    return {};
  }
  std::string out = "GONGKAI_SEARCH_SHARD(" + std::to_string(k) + ",{";
  for (const auto& [term, raw] : *terms) {
    if (out.back() != '{') out += ',';
    append_script_safe_string(out, term);
    out += ':';
    append_script_safe_string(out, shard_postings(raw));
  }
  out += "});\n";
  return out;
}

}  // namespace gongkai
