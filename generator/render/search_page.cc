#include "render/search_page.h"

#include <algorithm>

#include "render/compare_view.h"
#include "render/row_anchors.h"
#include "render/search.h"
#include "render/search_terms.h"
#include "render/table_view.h"
#include "render/view.h"

namespace gongkai {

namespace {

/// A fragment keeps this much of a section's text, and of a row's label: enough for a snippet;
/// the terms are taken from the whole text.
constexpr std::size_t kFragmentTextBytes = 360;
constexpr std::size_t kRowLabelBytes = 90;
/// A code or figure links to at most this many rows of one page.
constexpr std::size_t kRowsPerTerm = 3;

std::string clip(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

/// The character an entity stands for, for the few the Markdown renderer writes.
std::string entity(std::string_view name) {
  if (name == "amp") return "&";
  if (name == "lt") return "<";
  if (name == "gt") return ">";
  if (name == "quot") return "\"";
  if (name == "#39" || name == "#x27") return "'";
  if (name == "nbsp" || name == "#160") return " ";
  return "";
}

/// The value of attribute `name` in a start tag, "" when absent.
std::string attribute(std::string_view tag, std::string_view name) {
  std::string key = " " + std::string(name) + "=\"";
  std::size_t at = tag.find(key);
  if (at == std::string_view::npos) return "";
  std::size_t start = at + key.size();
  std::size_t end = tag.find('"', start);
  return end == std::string_view::npos ? "" : std::string(tag.substr(start, end - start));
}

bool is_heading_tag(std::string_view tag) {
  return tag.size() > 3 && tag[1] == 'h' && tag[2] >= '1' && tag[2] <= '6' &&
         (tag[3] == ' ' || tag[3] == '>');
}

}  // namespace

namespace {

/// `text` with every run of ASCII white space as one space, none at either end.
std::string collapse_spaces(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space) out += c;
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::map<std::string, std::string> section_texts(const std::string& html) {
  std::map<std::string, std::string> out;
  std::string current;
  bool in_heading = false;
  std::size_t i = 0;
  while (i < html.size()) {
    if (html[i] == '<') {
      std::size_t end = html.find('>', i);
      if (end == std::string::npos) break;
      std::string_view tag(html.data() + i, end + 1 - i);
      if (tag.starts_with("<svg")) {
        std::size_t close = html.find("</svg>", end);
        i = close == std::string::npos ? html.size() : close + 6;
        continue;
      }
      if (is_heading_tag(tag)) {
        std::string id = attribute(tag, "id");
        if (!id.empty()) current = id;
        in_heading = true;
      } else if (tag.starts_with("</h")) {
        in_heading = false;
      }
      std::string& text = out[current];
      if (!text.empty() && text.back() != ' ') text += ' ';
      i = end + 1;
      continue;
    }
    std::size_t next = html.find_first_of("<&", i);
    if (next == std::string::npos) next = html.size();
    if (!in_heading) out[current].append(html, i, next - i);
    i = next;
    if (i < html.size() && html[i] == '&') {
      std::size_t semi = html.find(';', i);
      if (semi == std::string::npos || semi - i > 8) {
        if (!in_heading) out[current] += '&';
        ++i;
        continue;
      }
      if (!in_heading) out[current] += entity(std::string_view(html).substr(i + 1, semi - i - 1));
      i = semi + 1;
    }
  }
  for (auto& [id, text] : out) text = collapse_spaces(text);
  return out;
}

void SearchPage::add_text(const std::string& text, int field) {
  for_each_search_term(text, [&](const std::string& term) { terms[term].fields |= field; });
}

void SearchPage::add_number(const std::string& text, int field, const std::string& row) {
  std::string term = number_term(text.starts_with('-') ? text.substr(1) : text);
  if (term.size() < 3) return;
  Hits& hits = terms[term];
  hits.fields |= field;
  if (hits.rows.size() < kRowsPerTerm && std::find(hits.rows.begin(), hits.rows.end(), row) == hits.rows.end())
    hits.rows.push_back(row);
}

std::string SearchPage::terms_text() const {
  std::size_t size = 0;
  for (const auto& [term, hits] : terms) size += term.size() + 4 + hits.rows.size() * 8;
  std::string out;
  out.reserve(size);  // kept to the end of a build, for every report: no slack from doubling
  for (const auto& [term, hits] : terms) {
    out += term;
    out += '\t';
    out += std::to_string(hits.fields);
    for (std::size_t k = 0; k < hits.rows.size(); ++k) {
      out += k == 0 ? '\t' : ' ';
      out += hits.rows[k];
    }
    out += '\n';
  }
  out.shrink_to_fit();
  return out;
}

namespace {

void append_entry(std::string& out, const SearchEntry& entry) {
  out += '[';
  for (const std::string* field : {&entry.anchor, &entry.kind, &entry.title}) {
    append_script_safe_string(out, *field);
    out += ',';
  }
  append_script_safe_string(out, entry.text);
  if (!entry.rows.empty()) {
    out += ",[";
    for (std::size_t k = 0; k < entry.rows.size(); ++k) {
      out += k == 0 ? "[" : ",[";
      // A row's anchor extends its table's ("table-function" → "table-function-2013804"):
      // written as the rest ("-2013804"), a budget's fragment is a third smaller.
      const std::string& anchor = entry.rows[k].first;
      bool extends = anchor.size() > entry.anchor.size() && anchor.starts_with(entry.anchor) &&
                     anchor[entry.anchor.size()] == '-';
      append_script_safe_string(out, extends ? anchor.substr(entry.anchor.size()) : anchor);
      out += ',';
      append_script_safe_string(out, entry.rows[k].second);
      out += ']';
    }
    out += ']';
  }
  out += ']';
}

}  // namespace

std::string SearchPage::fragment_js(const std::string& dir) const {
  std::string out = "GONGKAI_SEARCH_PAGE(";
  append_script_safe_string(out, dir);
  out += ",{\"t\":";
  append_script_safe_string(out, title);
  out += ",\"d\":";
  append_script_safe_string(out, context);
  out += ",\"k\":";
  append_script_safe_string(out, kind);
  out += ",\"u\":";
  append_script_safe_string(out, url);
  out += ",\"x\":";
  append_script_safe_string(out, clip(text, kFragmentTextBytes));
  out += ",\"e\":[";
  for (std::size_t k = 0; k < entries.size(); ++k) {
    if (k > 0) out += ',';
    append_entry(out, entries[k]);
  }
  out += "]});\n";
  return out;
}

namespace {

/// The narrative's sections, each an entry: its heading strong, its text body.
void add_sections(SearchPage& page, const SiteModel& model, const LoadedReport& report) {
  std::map<std::string, std::string> texts = section_texts(report.narrative.html);
  for (const Heading& h : report.narrative.headings) {
    const std::string& text = texts[h.id];
    page.entries.push_back({h.id, model.text("search_kind_section"), h.text, clip(text, kFragmentTextBytes), {}});
    page.add_text(h.text, search_strong);
    page.add_text(text, search_body);
  }
}

/// A table's name: its number and title, or a project form's project name.
std::string table_name(const Table& table) {
  std::string title = table.number.empty() ? table.title : table.number + " " + table.title;
  if (table.group != "projects") return title;
  if (!table.fields.empty()) {
    const Field& first = table.fields.front();
    title = first.figure ? first.figure->format(false) : first.text;
  }
  for (const Field& f : table.fields) {
    if (f.label.find("项目名称") != std::string::npos) title = f.text;
  }
  return title;
}

/// The rows of `table` into `entry` (and their terms into the page): names strong, codes and
/// their 3- and 5-digit classes strong, figures as printed, each with the row printing it.
void add_rows(SearchPage& page, SearchEntry& entry, std::size_t index, const Table& table) {
  RowAnchors anchors(table);
  for (const Side& side : table.sides) {
    for (const Row& row : side.rows) {
      std::string ref = std::to_string(index) + "." + std::to_string(entry.rows.size());
      std::string label = row_header_text(table, side, row);
      // A coded row is shown with its code, which a search for the code then marks.
      std::string shown = row.code.empty() || label.starts_with(row.code) ? label : row.code + " " + label;
      entry.rows.emplace_back(anchors.of(row), clip(shown, kRowLabelBytes));
      page.add_text(label, search_strong);
      for (std::size_t length : {std::size_t{3}, std::size_t{5}, row.code.size()}) {
        if (length <= row.code.size()) page.add_number(row.code.substr(0, length), search_strong, ref);
      }
      for (const Cell& cell : row.cells) {
        if (cell.has_figure()) page.add_number(cell.figure.format(false), search_body, ref);
        else if (!cell.text.empty() && cell.text != row.code) page.add_text(cell.text, search_body);
      }
    }
  }
}

void add_table(SearchPage& page, const SiteModel& model, const Table& table) {
  bool project = table.group == "projects";
  std::size_t index = page.entries.size();
  page.entries.push_back({table_anchor(table.id),
                          model.text(project ? "search_kind_project" : "search_kind_table"),
                          table_name(table), "", {}});
  page.add_text(page.entries[index].title, search_strong);
  std::string fields;
  for (const Field& f : table.fields) {
    std::string value = f.figure ? f.figure->format(false) : f.text;
    page.add_text(f.label, search_body);
    page.add_text(value, search_body);
    fields += (fields.empty() ? "" : " ") + f.label + " " + value;
  }
  page.entries[index].text = clip(fields, kFragmentTextBytes);
  add_rows(page, page.entries[index], index, table);
  for (const Table& part : table.parts) add_rows(page, page.entries[index], index, part);
}

SearchPage titled_page(const std::string& title, const std::string& context, const std::string& kind,
                       const std::string& url, const std::string& text) {
  SearchPage page;
  page.title = title;
  page.context = context;
  page.kind = kind;
  page.url = url;
  page.text = text;
  page.add_text(title, search_title);
  page.add_text(context, search_strong);
  page.add_text(text, search_body);
  return page;
}

}  // namespace

SearchPage report_search_page(const SiteModel& model, const LoadedReport& report) {
  SearchPage page = titled_page(report.title, report.department->name, model.kind_label(report.source->kind),
                                report_path(report), report.source->front.summary);
  add_sections(page, model, report);
  if (report.data) {
    for (const Table& table : report.data->tables) add_table(page, model, table);
  }
  return page;
}

SearchPage department_search_page(const SiteModel& model, const Department& department) {
  return titled_page(department.name, "", model.text("search_kind_department"), department_path(department),
                     department.description);
}

SearchPage compare_search_page(const SiteModel& model, const BudgetFinalPair& pair) {
  const LoadedReport& final_accounts = *pair.final_accounts;
  std::string title = final_accounts.department->name + " " + std::to_string(final_accounts.source->year) +
                      model.text("year_suffix") + model.text("compare_title");
  return titled_page(title, final_accounts.department->name, model.text("compare_title"), compare_path(pair),
                     model.text("compare_search_text"));
}

SearchPage changes_search_page(const SiteModel& model, const LoadedReport& report) {
  const LoadedReport* previous = model.previous_in_comparison(report);
  std::string title = report.title + " " + model.text("changes_against") +
                      (previous ? std::to_string(previous->source->year) : std::string()) +
                      model.text("year_suffix");
  return titled_page(title, report.department->name, model.text("changes_link"), changes_path(report),
                     model.text("changes_search_text"));
}

}  // namespace gongkai
