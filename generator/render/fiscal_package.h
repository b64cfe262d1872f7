// A report's spending and revenue as a Fiscal Data Package (Open Knowledge / OpenSpending, v0.3;
// docs/downloads.md, "Fiscal Data Package"): the tidy rows as CSV (fiscal_rows.h,
// fiscal_revenue.h), spending by function class and by economic class and, when the report
// prints it by function class, revenue, and the datapackage.json that describes them — tabular
// resources with a schema of typed fields each, and the fiscal model: the amounts as measures
// (CNY, the factor of the table's unit, expenditure or revenue, approved for a budget and
// executed for final accounts), each of one resource, and the dimensions (year, department and
// budget unit, function class, economic class, the printed row). The site has one package too,
// whose resources are every report's CSV files.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text_sink.h"
#include "model/amount_unit.h"
#include "model/content.h"
#include "render/fiscal_rows.h"

namespace gongkai {

struct LoadedReport;
struct SiteModel;

/// A report's package is a folder of its own in the report's folder, "fdp/" (a table's CSV is
/// ID.csv and a form part's FORM.PART.csv, and no id holds a '/': no name can clash), holding
/// the package and its CSV files; the site's package is datapackage.json at its root.
inline constexpr std::string_view kFiscalFolder = "fdp/";
inline constexpr std::string_view kFiscalCsvName = "function.csv";
inline constexpr std::string_view kFiscalEconomicCsvName = "economic.csv";
inline constexpr std::string_view kFiscalRevenueCsvName = "revenue.csv";
inline constexpr std::string_view kFiscalPackageName = "datapackage.json";

/// What a package says about the report its rows come from.
struct FiscalReport {
  std::string department_slug, department_name;
  int year = 0;
  DocumentKind kind = DocumentKind::budget;
  /// The unit of the amounts as printed: 元 or 万元 (never none).
  AmountUnit unit = AmountUnit::yuan;
  /// The report's folder from the site's root, with a trailing '/': "dept/2023/budget/"; its
  /// package is in kFiscalFolder there.
  std::string dir;
  std::string title;
  /// In the site's package only: the package name ("dept-2023-budget") of the consolidating
  /// report that already holds this report's figures (totals_view.h, consolidating_report), when
  /// that report has a package too; "" otherwise.
  std::string consolidated_in;
  /// Whether the package has revenue.csv: the report has the key figure "revenue" (key_figures.h,
  /// revenue rows whose table prints a total) in the unit of its spending.
  bool revenue = false;
};

/// The report's package, or nullopt when it has none: only a budget or final accounts whose
/// spending table (支出总表, 支出决算表) gives a total in 元 or 万元 — its key figure "total"
/// (key_figures.h), which a kept department's reports still have, so the site's package can be
/// written without reading their figures again.
std::optional<FiscalReport> fiscal_report(const LoadedReport& report);

/// The CSV file of `breakdown`: function.csv, economic.csv or revenue.csv.
std::string_view fiscal_csv_name(FiscalBreakdown breakdown);

/// The breakdowns the report's package has files of, in order: function and economic, and
/// revenue when `report.revenue`.
std::vector<FiscalBreakdown> fiscal_breakdowns(const FiscalReport& report);

/// The rows of `breakdown` the report's CSV holds: fiscal_rows(), unless the table's unit is
/// another than the report's (an economic table in 元 beside a spending table in 万元), whose
/// rows are left out rather than converted (the package gives one factor per resource).
std::optional<FiscalRows> fiscal_rows_of(const FiscalReport& report, const ReportData& data,
                                         FiscalBreakdown breakdown);

/// The rows of `breakdown` as CSV: UTF-8 without a byte-order mark, CRLF, RFC 4180 quoting, a
/// header row of the field names (the same identifying columns in every file, then the
/// breakdown's measures), amounts as printed (no separators), text as printed (not neutralised:
/// the file is for programs; the table CSVs are for spreadsheets). `rows` null: the header alone.
std::string fiscal_csv(const FiscalReport& report, FiscalBreakdown breakdown,
                       const FiscalRows* rows);

/// The report's fdp/datapackage.json: a resource per fiscal_breakdowns() file beside it.
/// Keys sorted, two-space indent, a final newline.
std::string report_fiscal_package(const FiscalReport& report);

/// The packages of the site's reports, in the site's order, each with `consolidated_in` set.
std::vector<FiscalReport> site_fiscal_reports(const SiteModel& model);

/// The site's datapackage.json, at the site's root: the resources of each report (its CSV files by
/// their paths from the root), each with its own measures (each report's unit and phase), and
/// the dimensions shared by all. `reports` in the site's order. The resources of a report whose
/// figures a consolidating report already holds say so: "consolidatedIn" (that report's
/// package name) and a description, so that a sum over the site can leave them out.
std::string site_fiscal_package(std::string_view title, const std::vector<FiscalReport>& reports);
/// The same bytes handed to `sink` in pieces of about a megabyte: at 10,000 reports the
/// package is 144 MB, which a build then never holds whole.
void write_site_fiscal_package(std::string_view title, const std::vector<FiscalReport>& reports,
                               const TextSink& sink);

}  // namespace gongkai
