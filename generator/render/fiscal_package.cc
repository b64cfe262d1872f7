#include "render/fiscal_package.h"

#include <array>
#include <nlohmann/json.hpp>

#include "render/csv_export.h"
#include "render/fiscal_revenue.h"
#include "render/key_figures.h"
#include "render/site_model.h"
#include "render/totals_view.h"

namespace gongkai {

using nlohmann::json;

namespace {

/// A CSV column: its name, Table Schema type and title.
struct FiscalField {
  const char* name;
  const char* type;
  const char* title;
};

/// The columns every CSV file starts with, in order; the breakdown's measures follow.
constexpr FiscalField kFields[] = {
    {"year", "year", "年度 year"},
    {"department", "string", "部门 department (slug)"},
    {"department_name", "string", "部门名称 department name"},
    {"budget_unit", "string", "预算单位 budget unit (empty when the table names none)"},
    {"table", "string", "表 table id in report.json"},
    {"row", "string", "行 the row's anchor on the report page"},
    {"function_code", "string", "功能分类科目编码 function code (类/款/项)"},
    {"function_name", "string", "功能分类科目名称 function name"},
    {"function_class_code", "string", "功能分类 类 function class code (3 digits)"},
    {"function_class_name", "string", "功能分类 类 function class name"},
    {"function_section_code", "string", "功能分类 款 function section code (5 digits)"},
    {"function_section_name", "string", "功能分类 款 function section name"},
    {"economic_code", "string", "经济分类科目编码 economic code (类/款)"},
    {"economic_name", "string", "经济分类科目名称 economic name"},
    {"economic_class_code", "string", "经济分类 类 economic class code (3 digits)"},
    {"economic_class_name", "string", "经济分类 类 economic class name"},
};

/// The measures (amount columns) of `breakdown`, in order.
std::vector<std::string_view> measures_of(FiscalBreakdown breakdown) {
  if (breakdown == FiscalBreakdown::revenue)
    return {kRevenueMeasures.begin(), kRevenueMeasures.end()};
  return {kFiscalMeasures.begin(), kFiscalMeasures.end()};
}

/// A measure's title: its printed label and English name.
std::string measure_title(FiscalBreakdown breakdown, std::string_view measure) {
  if (breakdown == FiscalBreakdown::revenue) return std::string(revenue_measure_title(measure));
  if (measure == "basic") return "基本支出 basic expenditure";
  if (measure == "project") return "项目支出 project expenditure";
  return "合计 total";
}

void append_row(std::string& out, const std::vector<std::string_view>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, fields[i], false);
  }
  out += "\r\n";
}

json schema(FiscalBreakdown breakdown) {
  json fields = json::array();
  for (const FiscalField& field : kFields) {
    fields.push_back({{"name", field.name}, {"type", field.type}, {"title", field.title}});
  }
  for (std::string_view m : measures_of(breakdown)) {
    fields.push_back({{"name", m},
                      {"type", "number"},
                      {"title", measure_title(breakdown, m)},
                      {"decimalChar", "."}});
  }
  return {{"fields", std::move(fields)}, {"primaryKey", {"table", "row"}}};
}

std::string_view breakdown_name(FiscalBreakdown breakdown) {
  switch (breakdown) {
    case FiscalBreakdown::economic:
      return "economic";
    case FiscalBreakdown::revenue:
      return "revenue";
    case FiscalBreakdown::function:
      break;
  }
  return "function";
}

/// The resource's title after the report's.
const char* resource_title(FiscalBreakdown breakdown) {
  switch (breakdown) {
    case FiscalBreakdown::economic:
      return "：支出（按经济分类）";
    case FiscalBreakdown::revenue:
      return "：收入（按功能分类）";
    case FiscalBreakdown::function:
      break;
  }
  return "：支出（按功能分类）";
}

/// The report's package name: "dept-2023-budget" (lowercase letters, digits and '-').
std::string package_name(const FiscalReport& report) {
  return report.department_slug + "-" + std::to_string(report.year) + "-" +
         std::string(kind_slug(report.kind));
}

/// A resource's name: "dept-2023-budget-function".
std::string resource_name(const FiscalReport& report, FiscalBreakdown breakdown) {
  return package_name(report) + "-" + std::string(breakdown_name(breakdown));
}

json resource(const FiscalReport& report, FiscalBreakdown breakdown, std::string path) {
  return {{"name", resource_name(report, breakdown)},
          {"title", report.title + resource_title(breakdown)},
          {"path", std::move(path)},
          {"profile", "tabular-data-resource"},
          {"format", "csv"},
          {"mediatype", "text/csv"},
          {"encoding", "utf-8"},
          {"schema", schema(breakdown)}};
}

/// A measure: the column `source` of the resource of `breakdown`, in CNY at the report's unit,
/// spent (received, for revenue), in the document's phase.
json measure(const FiscalReport& report, FiscalBreakdown breakdown, std::string_view source) {
  return {{"source", source},
          {"resource", resource_name(report, breakdown)},
          {"title",
           measure_title(breakdown, source) + " (" + std::string(breakdown_name(breakdown)) + ")"},
          {"currency", "CNY"},
          {"factor", report.unit == AmountUnit::wan_yuan ? 10000 : 1},
          {"direction", breakdown == FiscalBreakdown::revenue ? "revenue" : "expenditure"},
          {"phase", report.kind == DocumentKind::budget ? "approved" : "executed"}};
}

json attribute(const char* source) { return {{"source", source}}; }
json attribute(const char* source, const char* relation, const char* to) {
  return {{"source", source}, {relation, to}};
}

/// The dimensions every resource has, by the CSV's columns.
json dimensions() {
  json date = {{"dimensionType", "datetime"},
               {"attributes", {{"year", attribute("year")}}},
               {"primaryKey", "year"}};
  json administrative = {
      {"dimensionType", "classification"},
      {"classificationType", "administrative"},
      {"attributes",
       {{"department", attribute("department")},
        {"department_name", attribute("department_name", "labelfor", "department")},
        {"budget_unit", attribute("budget_unit", "parent", "department")}}},
      {"primaryKey", {"department", "budget_unit"}}};
  json functional = {
      {"dimensionType", "classification"},
      {"classificationType", "functional"},
      {"attributes",
       {{"function_class_code", attribute("function_class_code")},
        {"function_class_name",
         attribute("function_class_name", "labelfor", "function_class_code")},
        {"function_section_code",
         attribute("function_section_code", "parent", "function_class_code")},
        {"function_section_name",
         attribute("function_section_name", "labelfor", "function_section_code")},
        {"function_code", attribute("function_code", "parent", "function_section_code")},
        {"function_name", attribute("function_name", "labelfor", "function_code")}}},
      {"primaryKey", "function_code"}};
  json economic = {{"dimensionType", "classification"},
                   {"classificationType", "economic"},
                   {"attributes",
                    {{"economic_class_code", attribute("economic_class_code")},
                     {"economic_class_name",
                      attribute("economic_class_name", "labelfor", "economic_class_code")},
                     {"economic_code", attribute("economic_code", "parent", "economic_class_code")},
                     {"economic_name", attribute("economic_name", "labelfor", "economic_code")}}},
                   {"primaryKey", "economic_code"}};
  json source = {{"dimensionType", "other"},
                 {"attributes", {{"table", attribute("table")}, {"row", attribute("row")}}},
                 {"primaryKey", {"table", "row"}}};
  return {{"date", std::move(date)},
          {"administrative", std::move(administrative)},
          {"functional", std::move(functional)},
          {"economic", std::move(economic)},
          {"source", std::move(source)}};
}

/// One report in a package: its measures are named `prefix`, the breakdown and the column
/// ("function_total"); `dir` is its CSV files' folder from the package.
struct PackageEntry {
  const FiscalReport* report = nullptr;
  std::string prefix, dir;
};

/// Appends `value` as dump(2) writes it `depth` levels deep in a document: every line after the
/// first indented by two more spaces per level (a raw line end occurs only between members: a
/// string holds "\n" escaped).
void append_nested(std::string& out, const json& value, int depth) {
  std::string text = value.dump(2, ' ', false, json::error_handler_t::replace);
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(static_cast<std::size_t>(2 * depth), ' ');
  }
}

/// A string as JSON text.
std::string json_string(std::string_view text) {
  return json(text).dump(-1, ' ', false, json::error_handler_t::replace);
}

/// Appends the start of the `index`th member or element of a block `depth` levels deep.
void append_item(std::string& out, std::size_t index, int depth) {
  out += index ? ",\n" : "\n";
  out.append(static_cast<std::size_t>(2 * (depth + 1)), ' ');
}

/// Appends the end of a block `depth` levels deep that had `count` members.
void append_close(std::string& out, std::size_t count, int depth, char close) {
  if (count) {
    out += '\n';
    out.append(static_cast<std::size_t>(2 * depth), ' ');
  }
  out += close;
}

/// A resource whose figures the report `report.consolidated_in` holds already.
void mark_consolidated(const FiscalReport& report, json& resource) {
  resource["consolidatedIn"] = report.consolidated_in;
  resource["description"] =
      "其数字已包含在汇总报表 " + report.consolidated_in +
      " 中，全站相加时不再计入。Its figures are part of the consolidated report " +
      report.consolidated_in + ": leave it out of a sum over the site.";
}

/// Appends model.measures (at depth 2): every entry's, sorted by name as a JSON object's keys.
/// Hands `out` to `sink` and empties it once it holds about a megabyte: a site's package is
/// written in pieces (write_site_fiscal_package()).
class PieceWriter {
 public:
  explicit PieceWriter(const TextSink& sink) : sink_(sink) {}
  void maybe_flush(std::string& out) const {
    if (out.size() < kPieceBytes) return;
    sink_(out);
    out.clear();
  }
  void flush(std::string& out) const {
    sink_(out);
    out.clear();
  }

 private:
  static constexpr std::size_t kPieceBytes = 1 << 20;
  const TextSink& sink_;
};

/// A measure of a package entry, small: a site of 10,000 reports has about 200,000 measures,
/// whose names as strings in a map took 20 MB.
struct MeasureKey {
  std::uint32_t entry = 0;
  FiscalBreakdown breakdown = FiscalBreakdown::function;
  std::uint8_t column = 0;
};

/// The measure's name in parts: the entry's prefix, the breakdown's name, "_" and the column
/// ("dept_2023_budget_" "function" "_" "total").
std::array<std::string_view, 4> name_parts(const std::vector<PackageEntry>& entries, const MeasureKey& key) {
  std::string_view column = key.breakdown == FiscalBreakdown::revenue ? kRevenueMeasures[key.column]
                                                                      : kFiscalMeasures[key.column];
  return {entries[key.entry].prefix, breakdown_name(key.breakdown), "_", column};
}

/// Whether the joined parts `a` sort before the joined parts `b`, without joining them.
bool joined_less(const std::array<std::string_view, 4>& a, const std::array<std::string_view, 4>& b) {
  std::size_t i = 0, j = 0, x = 0, y = 0;  // part and offset in each
  for (;;) {
    while (i < a.size() && x == a[i].size()) ++i, x = 0;
    while (j < b.size() && y == b[j].size()) ++j, y = 0;
    if (i == a.size() || j == b.size()) return i == a.size() && j < b.size();
    auto p = static_cast<unsigned char>(a[i][x++]), q = static_cast<unsigned char>(b[j][y++]);
    if (p != q) return p < q;
  }
}

/// Every entry's measures in name order, as a JSON object's keys sort; of equal names the last,
/// as assigning into a map by name would keep.
std::vector<MeasureKey> measure_keys(const std::vector<PackageEntry>& entries) {
  std::vector<MeasureKey> keys;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    for (FiscalBreakdown breakdown : fiscal_breakdowns(*entries[e].report)) {
      std::size_t columns = measures_of(breakdown).size();
      for (std::size_t c = 0; c < columns; ++c) {
        keys.push_back({static_cast<std::uint32_t>(e), breakdown, static_cast<std::uint8_t>(c)});
      }
    }
  }
  auto less = [&entries](const MeasureKey& a, const MeasureKey& b) {
    return joined_less(name_parts(entries, a), name_parts(entries, b));
  };
  std::stable_sort(keys.begin(), keys.end(), less);
  std::vector<MeasureKey> unique;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i + 1 == keys.size() || less(keys[i], keys[i + 1])) unique.push_back(keys[i]);
  }
  return unique;
}

void append_measures(std::string& out, const std::vector<PackageEntry>& entries, const PieceWriter& pieces) {
  std::vector<MeasureKey> measures = measure_keys(entries);
  out += '{';
  std::size_t i = 0;
  for (const MeasureKey& key : measures) {
    append_item(out, i++, 2);
    std::array<std::string_view, 4> parts = name_parts(entries, key);
    out += json_string(std::string(parts[0]) + std::string(parts[1]) + "_" + std::string(parts[3])) + ": ";
    append_nested(out, measure(*entries[key.entry].report, key.breakdown, parts[3]), 3);
    pieces.maybe_flush(out);
  }
  append_close(out, measures.size(), 2, '}');
}

/// Appends resources (at depth 1): every entry's, in order.
void append_resources(std::string& out, const std::vector<PackageEntry>& entries, const PieceWriter& pieces) {
  out += '[';
  std::size_t i = 0;
  for (const PackageEntry& e : entries) {
    for (FiscalBreakdown breakdown : fiscal_breakdowns(*e.report)) {
      json each = resource(*e.report, breakdown, e.dir + std::string(fiscal_csv_name(breakdown)));
      if (!e.report->consolidated_in.empty()) mark_consolidated(*e.report, each);
      append_item(out, i++, 1);
      append_nested(out, each, 2);
      pieces.maybe_flush(out);
    }
  }
  append_close(out, i, 1, ']');
}

/// The package's text as dump(2) of one JSON tree would print it — keys sorted, two-space
/// indent — and a final newline, written member by member and handed to `sink` in pieces: a
/// site's package has thousands of resources, and a tree of them all takes several times the
/// memory of the text.
void write_package(std::string_view name, std::string_view title, const std::vector<PackageEntry>& entries,
                   const TextSink& sink) {
  PieceWriter pieces(sink);
  std::string out =
      "{\n  \"countryCode\": \"CN\",\n  \"granularity\": \"aggregated\",\n"
      "  \"model\": {\n    \"dimensions\": ";
  append_nested(out, dimensions(), 2);
  out += ",\n    \"measures\": ";
  append_measures(out, entries, pieces);
  out += "\n  },\n  \"name\": " + json_string(name) +
         ",\n  \"profile\": \"fiscal-data-package\",\n" + "  \"resources\": ";
  append_resources(out, entries, pieces);
  out += ",\n  \"title\": " + json_string(title) + "\n}\n";
  pieces.flush(out);
}

std::string package_text(std::string_view name, std::string_view title, const std::vector<PackageEntry>& entries) {
  std::string text;
  write_package(name, title, entries, [&text](std::string_view piece) { text += piece; });
  return text;
}

}  // namespace

std::optional<FiscalReport> fiscal_report(const LoadedReport& report) {
  DocumentKind kind = report.source->kind;
  if (kind != DocumentKind::budget && kind != DocumentKind::final_accounts) return std::nullopt;
  const KeyFigure* total = find_key_figure(report.key_figures, "total");
  if (!total || total->unit == AmountUnit::none) return std::nullopt;
  const KeyFigure* revenue = find_key_figure(report.key_figures, "revenue");
  return FiscalReport{report.department->slug,
                      report.department->name,
                      report.source->year,
                      kind,
                      total->unit,
                      report.dir,
                      report.title,
                      "",
                      revenue && revenue->unit == total->unit};
}

std::string_view fiscal_csv_name(FiscalBreakdown breakdown) {
  switch (breakdown) {
    case FiscalBreakdown::economic:
      return kFiscalEconomicCsvName;
    case FiscalBreakdown::revenue:
      return kFiscalRevenueCsvName;
    case FiscalBreakdown::function:
      break;
  }
  return kFiscalCsvName;
}

std::vector<FiscalBreakdown> fiscal_breakdowns(const FiscalReport& report) {
  std::vector<FiscalBreakdown> out = {FiscalBreakdown::function, FiscalBreakdown::economic};
  if (report.revenue) out.push_back(FiscalBreakdown::revenue);
  return out;
}

std::optional<FiscalRows> fiscal_rows_of(const FiscalReport& report, const ReportData& data,
                                         FiscalBreakdown breakdown) {
  std::optional<FiscalRows> rows = fiscal_rows(data, breakdown);
  if (rows && rows->unit != report.unit) return std::nullopt;
  return rows;
}

std::string fiscal_csv(const FiscalReport& report, FiscalBreakdown breakdown,
                       const FiscalRows* rows) {
  std::string out;
  std::vector<std::string_view> header;
  for (const FiscalField& field : kFields) header.push_back(field.name);
  for (std::string_view m : measures_of(breakdown)) header.push_back(m);
  append_row(out, header);
  if (!rows) return out;
  std::string year = std::to_string(report.year);
  bool function = breakdown != FiscalBreakdown::economic;
  for (const FiscalRow& r : rows->rows) {
    std::vector<std::string_view> fields = {
        year,          report.department_slug, report.department_name,
        r.budget_unit, rows->table->id,        r.anchor};
    std::vector<std::string_view> codes = {r.code,       r.name,         r.class_code,
                                           r.class_name, r.section_code, r.section_name};
    std::vector<std::string_view> none(6, "");
    const auto& as_function = function ? codes : none;
    fields.insert(fields.end(), as_function.begin(), as_function.end());
    if (function) {
      fields.insert(fields.end(), 4, "");
    } else {
      fields.insert(fields.end(), {r.code, r.name, r.class_code, r.class_name});
    }
    fields.insert(fields.end(), r.amounts.begin(), r.amounts.end());
    append_row(out, fields);
  }
  return out;
}

std::string report_fiscal_package(const FiscalReport& report) {
  return package_text(package_name(report), report.title, {{&report, "", ""}});
}

std::vector<FiscalReport> site_fiscal_reports(const SiteModel& model) {
  std::vector<FiscalReport> out;
  for (const LoadedReport& r : model.reports) {
    std::optional<FiscalReport> fiscal = fiscal_report(r);
    if (!fiscal) continue;
    const LoadedReport* container = consolidating_report(model, r);
    std::optional<FiscalReport> holder = container ? fiscal_report(*container) : std::nullopt;
    if (holder) fiscal->consolidated_in = package_name(*holder);
    out.push_back(std::move(*fiscal));
  }
  return out;
}

namespace {

/// The site package's entries: every report's, its measures named after its package.
std::vector<PackageEntry> site_entries(const std::vector<FiscalReport>& reports) {
  std::vector<PackageEntry> entries;
  for (const FiscalReport& report : reports) {
    // Measure names are words (\w): the package's name with '_' for '-' (slugs have no '_').
    std::string prefix = package_name(report) + "_";
    for (char& c : prefix) c = c == '-' ? '_' : c;
    entries.push_back({&report, std::move(prefix), report.dir + std::string(kFiscalFolder)});
  }
  return entries;
}

}  // namespace

std::string site_fiscal_package(std::string_view title, const std::vector<FiscalReport>& reports) {
  return package_text("site", title, site_entries(reports));
}

void write_site_fiscal_package(std::string_view title, const std::vector<FiscalReport>& reports,
                               const TextSink& sink) {
  write_package("site", title, site_entries(reports), sink);
}

}  // namespace gongkai
