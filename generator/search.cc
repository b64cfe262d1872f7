#include "search.h"

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
    else if (text.compare(i, 3, "\xE2\x80\xA8") == 0) out += "\\u2028", i += 2;
    else if (text.compare(i, 3, "\xE2\x80\xA9") == 0) out += "\\u2029", i += 2;
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

std::string row_names(const json& table) {
  std::string names;
  if (!table.contains("rows")) return names;
  for (const json& row : table["rows"]) {
    for (const json& cell : row["cells"]) {
      if (cell["header"].get<bool>() && !cell["text"].get<std::string>().empty()) {
        names += (names.empty() ? "" : " ") + cell["text"].get<std::string>();
      }
    }
  }
  return names;
}

void add_report(const SiteModel& model, const LoadedReport& r, json& docs) {
  std::string url = report_path(r);
  docs.push_back(doc(r.title, url, model.kind_label(r.source->kind), r.department->name, r.source->front.summary));
  for (const Heading& h : r.narrative.headings) {
    docs.push_back(doc(h.text, url + "#" + h.id, model.text("search_kind_section"), r.title, ""));
  }
  if (!r.data) return;
  for (const Table& table : r.data->tables) {
    json view = table_view(model, table, nullptr);
    std::string anchor = view["anchor"];
    bool project = table.group == "projects";
    std::string kind = model.text(project ? "search_kind_project" : "search_kind_table");
    std::string names = row_names(view);
    for (const json& part : view["parts"]) names += " " + row_names(part);
    std::string title = project && !table.fields.empty() ? view["fields"][0]["value"].get<std::string>() : view["caption"].get<std::string>();
    for (const Field& f : table.fields) {
      if (project && f.label.find("项目名称") != std::string::npos) title = f.text;
    }
    docs.push_back(doc(title, url + "#" + anchor, kind, r.title, names));
  }
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
