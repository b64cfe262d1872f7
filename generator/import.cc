#include "import.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "import_form.h"
#include "import_narrative.h"
#include "import_text.h"

namespace gongkai {
namespace {

bool is_form(const ImportJson& table) { return table.contains("parts"); }

std::string title_of(const ImportJson& table) { return normalized_label(table.value("title", "")); }

/// The tables of all sources, and their prose, as one document.
SourceDocument read_document(const std::vector<SourceGrid>& sources, const ImportJson& skeleton) {
  std::vector<std::string> titles, repeated;
  for (const ImportJson& table : skeleton["tables"]) {
    titles.push_back(title_of(table));
    if (table.contains("group")) repeated.push_back(title_of(table));
  }
  auto contains = [](const std::vector<std::string>& list) {
    return [&list](const std::string& label) {
      return std::find(list.begin(), list.end(), label) != list.end();
    };
  };
  TableTitles known{contains(titles), contains(repeated)};
  SourceDocument document;
  for (const SourceGrid& grid : sources) {
    SourceDocument part = find_tables(grid, known);
    for (SourceTable& table : part.tables) document.tables.push_back(std::move(table));
    for (SourceRow& row : part.prose) document.prose.push_back(std::move(row));
    document.prose.push_back(SourceRow{});
  }
  return document;
}

/// Which skeleton table each source table fills: the same title (and number, when both print
/// one), else for a table printed without a title the first unfilled skeleton table of the same
/// header. -1 for none.
std::vector<int> match_tables(const SourceDocument& document, const ImportJson& skeleton) {
  const ImportJson& tables = skeleton["tables"];
  std::vector<int> match(document.tables.size(), -1);
  std::vector<bool> filled(tables.size(), false);
  for (std::size_t s = 0; s < document.tables.size(); ++s) {
    const SourceTable& source = document.tables[s];
    std::string title = normalized_label(source.title);
    for (std::size_t k = 0; k < tables.size(); ++k) {
      bool grouped = tables[k].contains("group");
      if ((filled[k] && !grouped) || title.empty() || title_of(tables[k]) != title) continue;
      match[s] = static_cast<int>(k);
      filled[k] = true;
      break;
    }
  }
  for (std::size_t s = 0; s < document.tables.size(); ++s) {
    if (match[s] >= 0 || !document.tables[s].title.empty()) continue;
    for (std::size_t k = 0; k < tables.size(); ++k) {
      if (filled[k] || is_form(tables[k]) || !header_matches(document.tables[s], tables[k]))
        continue;
      match[s] = static_cast<int>(k);
      filled[k] = true;
      break;
    }
  }
  return match;
}

/// "p01" → "p02": the id of the n-th item of a grouped form.
std::string item_id(const std::string& first, int n) {
  std::string stem = first;
  while (!stem.empty() && stem.back() >= '0' && stem.back() <= '9') stem.pop_back();
  char number[16];
  std::snprintf(number, sizeof number, "%02d", n);
  return stem + number;
}

std::string caption(const ImportJson& table) {
  std::string number = table.value("number", "");
  return number.empty() ? table.value("title", "") : number + " " + table.value("title", "");
}

/// The Markdown of the report: the skeleton's front matter, then the narrative printed.
std::string report_markdown(const std::string& skeleton_markdown,
                            const std::vector<SourceRow>& prose) {
  std::size_t open = skeleton_markdown.find("+++");
  std::size_t close = skeleton_markdown.find("+++", open + 3);
  std::string front = close == std::string::npos ? "" : skeleton_markdown.substr(0, close + 3);
  std::string body = narrative_markdown(prose);
  return front + "\n\n" + body;
}

}  // namespace

ImportResult import_report(const std::vector<SourceGrid>& sources, const ReportSkeleton& skeleton) {
  ImportJson report = ImportJson::parse(skeleton.json);
  SourceDocument document = read_document(sources, report);
  CodeNames codes = code_names(document);
  std::vector<int> match = match_tables(document, report);
  const ImportJson& skeleton_tables = report["tables"];
  std::vector<std::vector<ImportJson>> filled(skeleton_tables.size());
  ImportResult result;
  ImportJson unknown = ImportJson::array();
  for (std::size_t s = 0; s < document.tables.size(); ++s) {
    const SourceTable& source = document.tables[s];
    if (table_width(source) > kMaxImportedColumns) {
      result.log.unplaced.push_back(
          {source.where, "a table of " + std::to_string(table_width(source)) +
                             " columns, wider than any printed table; not imported"});
      continue;
    }
    ImportedTable summary{"", source.where, result.log.rows, result.log.figures};
    if (match[s] < 0) {
      unknown.push_back(
          import_unknown_grid(source, "table-" + std::to_string(unknown.size() + 1), result.log));
      summary.caption = unknown.back()["id"].get<std::string>() + " " + caption(unknown.back());
    } else {
      const ImportJson& table = skeleton_tables[static_cast<std::size_t>(match[s])];
      std::vector<ImportJson>& into = filled[static_cast<std::size_t>(match[s])];
      if (is_form(table)) {
        std::string id = table.contains("group")
                             ? item_id(table["id"], static_cast<int>(into.size()) + 1)
                             : table["id"].get<std::string>();
        into.push_back(import_form(source, table, id, result.log));
        summary.caption = table.contains("group") ? id + " " + caption(table) : caption(table);
      } else {
        into.push_back(import_grid(source, table, codes, result.log));
        summary.caption = caption(table);
      }
    }
    summary.rows = result.log.rows - summary.rows;
    summary.figures = result.log.figures - summary.figures;
    result.tables.push_back(std::move(summary));
  }
  ImportJson tables = ImportJson::array();
  for (std::size_t k = 0; k < skeleton_tables.size(); ++k) {
    if (filled[k].empty()) result.not_printed.push_back(caption(skeleton_tables[k]));
    for (ImportJson& table : filled[k]) tables.push_back(std::move(table));
  }
  for (ImportJson& table : unknown) tables.push_back(std::move(table));
  report["tables"] = tables;
  result.json = write_import_json(report);
  result.markdown = report_markdown(skeleton.markdown, document.prose);
  return result;
}

}  // namespace gongkai
