#include "render/search.h"

#include <algorithm>
#include <array>

#include "base/bytes.h"
#include "base/json.h"
#include "render/compare_view.h"
#include "render/table_view.h"
#include "render/view.h"

namespace gongkai {

std::string script_safe_json(const nlohmann::json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<') out += "\\u003c";
    else if (c == '>') out += "\\u003e";
    else if (c == '&') out += "\\u0026";
    else if (c == '\xE2' && text.compare(i, 3, "\xE2\x80\xA8") == 0) out += "\\u2028", i += 2;
    else if (c == '\xE2' && text.compare(i, 3, "\xE2\x80\xA9") == 0) out += "\\u2029", i += 2;
    else out += c;
  }
  return out;
}

namespace {

constexpr std::size_t kMaxSnippetBytes = 600;

/// Cuts text to at most `limit` bytes at a UTF-8 character boundary.
std::string clip(std::string text, std::size_t limit = kMaxSnippetBytes) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

/// True when one of the eight bytes of `word` may need escaping in a script-safe JSON string:
/// a quote, a backslash, <, >, &, a control character, or the first byte of U+2028 or U+2029.
/// A closure, so that the scan inlines it.
constexpr auto may_need_escape = [](std::uint64_t word) {
  return (bytes::bytes_equal(word, '"') | bytes::bytes_equal(word, '\\') |
          bytes::bytes_equal(word, '<') | bytes::bytes_equal(word, '>') |
          bytes::bytes_equal(word, '&') | bytes::bytes_equal(word, '\xE2') |
          bytes::control_bytes(word)) != 0;
};

/// The escape of the character at `text[i]` ("" when it goes out as it is), its length in
/// bytes in `length`. A control character's escape is spelt in `scratch`.
std::string_view escape_at(std::string_view text, std::size_t i, std::array<char, 6>& scratch,
                           std::size_t& length) {
  length = 1;
  unsigned char c = static_cast<unsigned char>(text[i]);
  switch (c) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '<': return "\\u003c";
    case '>': return "\\u003e";
    case '&': return "\\u0026";
    default:
      break;
  }
  if (c < 0x20) {
    static const char* const hex = "0123456789abcdef";
    scratch = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
    return {scratch.data(), scratch.size()};
  }
  // Line and paragraph separators end a line inside a <script> in older JavaScript.
  std::string_view three = text.substr(i, 3);
  if (three != "\xE2\x80\xA8" && three != "\xE2\x80\xA9") return "";
  length = 3;
  return three.back() == '\xA8' ? "\\u2028" : "\\u2029";
}

}  // namespace

void append_script_safe_string(std::string& out, std::string_view text) {
  if (json::first_invalid_utf8(text) != std::string_view::npos) {
    out += script_safe_json(nlohmann::json(std::string(text)));  // nlohmann replaces bad bytes
    return;
  }
  out += '"';
  std::array<char, 6> scratch{};
  std::size_t run = 0;
  // Titles and snippets rarely hold anything to escape: they are skipped a word at a time.
  std::size_t i = bytes::skip_clean_words(text, 0, may_need_escape);
  while (i < text.size()) {
    std::size_t length = 0;
    std::string_view escape = escape_at(text, i, scratch, length);
    if (!escape.empty()) {
      out.append(text, run, i - run);
      out += escape;
      run = i + length;
    }
    i = bytes::skip_clean_words(text, escape.empty() ? i + 1 : run, may_need_escape);
  }
  out.append(text, run);
  out += '"';
}

namespace {

/// One entry of the index; members in the order nlohmann::json printed them (sorted).
void append_doc(std::string& out, const std::string& title, const std::string& url, const std::string& kind,
                const std::string& context, const std::string& text) {
  if (out.back() != '[') out += ',';
  out += "{\"d\":";
  append_script_safe_string(out, context);
  out += ",\"k\":";
  append_script_safe_string(out, kind);
  out += ",\"t\":";
  append_script_safe_string(out, title);
  out += ",\"u\":";
  append_script_safe_string(out, url);
  out += ",\"x\":";
  append_script_safe_string(out, clip(text));
  out += '}';
}

/// The names of a grid's rows, space-separated, in the order its view prints them: row by row,
/// sides left to right. Read from the table itself rather than from a table_view, which would
/// build (and throw away) the whole printed table once more for every report.
std::string row_names(const Table& table) {
  std::size_t rows = 0;
  for (const Side& side : table.sides) rows = std::max(rows, side.rows.size());
  std::string names;
  for (std::size_t i = 0; i < rows; ++i) {
    for (const Side& side : table.sides) {
      if (i >= side.rows.size()) continue;
      std::string text = row_header_text(table, side, side.rows[i]);
      if (!text.empty()) names += (names.empty() ? "" : " ") + text;
    }
  }
  return names;
}

/// A table's search entry: its caption (a project's name for project forms) and row names.
void add_table(std::string& out, const SiteModel& model, const LoadedReport& r, const std::string& url,
               const Table& table) {
  bool project = table.group == "projects";
  std::string kind = model.text(project ? "search_kind_project" : "search_kind_table");
  std::string names = row_names(table);
  for (const Table& part : table.parts) names += " " + row_names(part);
  std::string title = table.number.empty() ? table.title : table.number + " " + table.title;
  if (project && !table.fields.empty()) {
    const Field& first = table.fields.front();
    title = first.figure ? first.figure->format(false) : first.text;
  }
  for (const Field& f : table.fields) {
    if (project && f.label.find("项目名称") != std::string::npos) title = f.text;
  }
  append_doc(out, title, url + "#" + table_anchor(table.id), kind, r.title, names);
}

/// The comparison of the year's budget with these final accounts, when the site has both: it
/// is listed with the final accounts, the later of the two.
void add_comparison(std::string& out, const SiteModel& model, const LoadedReport& r) {
  const LoadedReport* budget = model.same_year(r, DocumentKind::budget);
  if (!budget) return;
  std::string title = r.department->name + " " + std::to_string(r.source->year) + model.text("year_suffix") +
                      model.text("compare_title");
  append_doc(out, title, compare_path({budget, &r}), model.text("compare_title"), r.department->name,
             model.text("compare_search_text"));
}

/// The comparison of the report with the previous year's of its kind, when the site has one.
void add_changes(std::string& out, const SiteModel& model, const LoadedReport& r) {
  const LoadedReport* previous = model.previous_in_comparison(r);
  if (!previous) return;
  std::string title = r.title + " " + model.text("changes_against") + std::to_string(previous->source->year) +
                      model.text("year_suffix");
  append_doc(out, title, changes_path(r), model.text("changes_link"), r.department->name,
             model.text("changes_search_text"));
}

void add_report(std::string& out, const SiteModel& model, const LoadedReport& r) {
  const std::string url = report_path(r);
  append_doc(out, r.title, url, model.kind_label(r.source->kind), r.department->name, r.source->front.summary);
  for (const Heading& h : r.narrative.headings) {
    append_doc(out, h.text, url + "#" + h.id, model.text("search_kind_section"), r.title, "");
  }
  if (r.source->kind == DocumentKind::final_accounts) add_comparison(out, model, r);
  add_changes(out, model, r);
  if (!r.data) return;
  for (const Table& table : r.data->tables) add_table(out, model, r, url, table);
}

}  // namespace

std::string report_search_entries(const SiteModel& model, const LoadedReport& report) {
  std::string out = "[";  // append_doc() puts a comma before every entry but a first
  add_report(out, model, report);
  return out.substr(1);
}

namespace {

/// The index, with `release(report)` called on each report once its entries are in. Reserved
/// at its full size first: grown by doubling, the index of a site of 10,000 budgets (a quarter
/// of a gigabyte) would briefly need three times that.
template <class Model, class Release>
std::string build_index(Model& model, Release release) {
  std::string out = "window.GONGKAI_SEARCH = {\"docs\":[";
  for (const Department& d : model.content.departments) {
    append_doc(out, d.name, department_path(d), model.text("search_kind_department"), "", d.description);
  }
  std::size_t size = out.size();
  for (const LoadedReport& r : model.reports) size += r.search_entries.size() + 1;
  out.reserve(size + 32);
  for (auto& r : model.reports) {
    if (!r.search_entries.empty()) {
      if (out.back() != '[') out += ',';
      out += r.search_entries;
    }
    release(r);
  }
  out += "],\"version\":1};\n";
  return out;
}

}  // namespace

std::string search_index_js(const SiteModel& model) {
  return build_index(model, [](const LoadedReport&) {});
}

std::string take_search_index_js(SiteModel& model, const std::function<void(LoadedReport&)>& take) {
  return build_index(model, [&take](LoadedReport& r) {
    if (take) take(r);
    std::string().swap(r.search_entries);
  });
}

}  // namespace gongkai
