#include "import/import.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "import/import_form.h"
#include "import/import_narrative.h"
#include "import/import_text.h"

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

namespace {

/// The tables imported so far: each skeleton table's fillings in printed order (a grouped form
/// has several), and the tables no skeleton knows.
struct Filled {
  std::vector<std::vector<ImportJson>> by_skeleton;
  ImportJson unknown = ImportJson::array();
};

/// Imports one printed table into `filled`; returns its caption for the report.
std::string import_table(const SourceTable& source, int match, const ImportJson& skeleton_tables,
                         const CodeNames& codes, Filled& filled, ImportLog& log) {
  if (match < 0) {
    filled.unknown.push_back(
        import_unknown_grid(source, "table-" + std::to_string(filled.unknown.size() + 1), log));
    return filled.unknown.back()["id"].get<std::string>() + " " + caption(filled.unknown.back());
  }
  const ImportJson& table = skeleton_tables[static_cast<std::size_t>(match)];
  std::vector<ImportJson>& into = filled.by_skeleton[static_cast<std::size_t>(match)];
  if (!is_form(table)) {
    into.push_back(import_grid(source, table, codes, log));
    return caption(table);
  }
  bool grouped = table.contains("group");
  std::string id = grouped ? item_id(table["id"], static_cast<int>(into.size()) + 1)
                           : table["id"].get<std::string>();
  into.push_back(import_form(source, table, id, log));
  return grouped ? id + " " + caption(table) : caption(table);
}

/// The report's tables in the skeleton's order, then those no skeleton knows; the skeleton's
/// tables not printed are named in `not_printed`.
ImportJson assembled(const ImportJson& skeleton_tables, Filled& filled,
                     std::vector<std::string>& not_printed) {
  ImportJson tables = ImportJson::array();
  for (std::size_t k = 0; k < skeleton_tables.size(); ++k) {
    if (filled.by_skeleton[k].empty()) not_printed.push_back(caption(skeleton_tables[k]));
    for (ImportJson& table : filled.by_skeleton[k]) tables.push_back(std::move(table));
  }
  for (ImportJson& table : filled.unknown) tables.push_back(std::move(table));
  return tables;
}

}  // namespace

ImportResult import_report(const std::vector<SourceGrid>& sources, const ReportSkeleton& skeleton) {
  ImportJson report = ImportJson::parse(skeleton.json);
  SourceDocument document = read_document(sources, report);
  CodeNames codes = code_names(document);
  std::vector<int> match = match_tables(document, report);
  Filled filled{std::vector<std::vector<ImportJson>>(report["tables"].size())};
  ImportResult result;
  for (std::size_t s = 0; s < document.tables.size(); ++s) {
    const SourceTable& source = document.tables[s];
    std::size_t width = table_width(source);
    if (width > kMaxImportedColumns) {
      result.log.unplaced.push_back({source.where, "a table of " + std::to_string(width) +
                                                       " columns, wider than any printed table; "
                                                       "not imported"});
      continue;
    }
    ImportedTable summary{"", source.where, result.log.rows, result.log.figures};
    summary.caption = import_table(source, match[s], report["tables"], codes, filled, result.log);
    summary.rows = result.log.rows - summary.rows;
    summary.figures = result.log.figures - summary.figures;
    result.tables.push_back(std::move(summary));
  }
  report["tables"] = assembled(report["tables"], filled, result.not_printed);
  result.json = write_import_json(report);
  result.markdown = report_markdown(skeleton.markdown, document.prose);
  return result;
}

}  // namespace gongkai
