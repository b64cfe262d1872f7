// Spending by function class (功能分类, the 3-digit 类) across the departments of a year
// (docs/compare.md, "Across reports"): for budgets and for final accounts, each class's exact sum
// over the departments, never counting the same money twice — a department whose report is
// already contained in a consolidating ancestor's report of the same kind and year is listed but
// not added — with the list of what was counted and every addend linked to its printed row.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/decimal.h"
#include "model/amount_unit.h"
#include "model/content.h"
#include "render/view_data.h"

namespace gongkai {

struct SiteModel;
struct LoadedReport;
struct KeyFigure;
class Linker;

/// One department's figure of a class, in the sum's unit.
struct ClassPart {
  const LoadedReport* report = nullptr;
  const KeyFigure* figure = nullptr;
  Decimal value;
};

struct ClassTotal {
  std::string code;
  /// As the first counted department prints it.
  std::string name;
  /// The exact sum of the parts; nullopt on overflow.
  std::optional<Decimal> total;
  std::vector<ClassPart> parts;
};

/// The function classes of one kind of document in one year.
struct KindClasses {
  DocumentKind kind = DocumentKind::budget;
  /// 万元 when any counted figure is printed in 万元 (元 figures converted exactly), else the
  /// unit they share.
  AmountUnit unit = AmountUnit::none;
  /// In code order.
  std::vector<ClassTotal> classes;
  /// The sum of every class; nullopt on overflow or when there is no class.
  std::optional<Decimal> total;
  /// The most decimals of a figure printed in `unit` (not converted), which the sums keep.
  int printed_scale = 0;
  /// The reports added up, in department order.
  std::vector<const LoadedReport*> counted;
  /// Reports not added because a consolidating ancestor's report contains them: (report,
  /// container).
  std::vector<std::pair<const LoadedReport*, const LoadedReport*>> contained;
  /// Reports that print no function class, or one that cannot be expressed in `unit`.
  std::vector<const LoadedReport*> left_out;
};

/// The budgets' and the final accounts' classes of `year`, for the kinds that have reports.
std::vector<KindClasses> year_function_classes(const SiteModel& model, int year);

/// "years/2023/functions/index.html": the page of every department's figure of every class.
std::string functions_path(int year);
/// Whether `year` has a functions page: when it has a budget or final accounts. Decided from the
/// list of reports alone, since the page graph is built before any report is read.
bool has_function_classes_page(const SiteModel& model, int year);

/// The year page's summary: [{kind, kind_label, unit_text, total_text, url, basis, contained,
/// left_out, chart, classes: [{code, name, total_text, share_text, count}]}].
View year_classes_view(const SiteModel& model, const std::vector<KindClasses>& kinds, int year,
                       const Linker& linker);

/// The functions page's view of one year (docs/templates.md, "Function classes page"). Its
/// `rows` are a made array (View::made): each department's row is made as the page renders it,
/// from the model, which must outlive the view.
View functions_view(const SiteModel& model, int year);

}  // namespace gongkai
