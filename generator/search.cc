#include "search.h"

#include <algorithm>

#include "report_view.h"
#include "view.h"

namespace gongkai {

using nlohmann::json;

std::string script_safe_json(const json& value) {
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
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

json doc(const std::string& title, const std::string& url, const std::string& kind,
         const std::string& context, const std::string& text) {
  return {{"t", title}, {"u", url}, {"k", kind}, {"d", context}, {"x", clip(text)}};
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
json table_doc(const SiteModel& model, const LoadedReport& r, const std::string& url, const Table& table) {
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
  return doc(title, url + "#" + table_anchor(table.id), kind, r.title, names);
}

void add_report(const SiteModel& model, const LoadedReport& r, json& docs) {
  std::string url = report_path(r);
  docs.push_back(doc(r.title, url, model.kind_label(r.source->kind), r.department->name, r.source->front.summary));
  for (const Heading& h : r.narrative.headings) {
    docs.push_back(doc(h.text, url + "#" + h.id, model.text("search_kind_section"), r.title, ""));
  }
  if (!r.data) return;
  for (const Table& table : r.data->tables) docs.push_back(table_doc(model, r, url, table));
}

}  // namespace

std::string search_index_js(const SiteModel& model) {
  json docs = json::array();
  for (const Department& d : model.content.departments) {
    docs.push_back(doc(d.name, department_path(d), model.text("search_kind_department"), "", d.description));
  }
  for (const LoadedReport& r : model.reports) add_report(model, r, docs);
  return "window.GONGKAI_SEARCH = " + script_safe_json({{"version", 1}, {"docs", docs}}) + ";\n";
}

}  // namespace gongkai
