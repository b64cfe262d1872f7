// Revenue by function class for a report's Fiscal Data Package (docs/downloads.md, "Fiscal Data
// Package"): the lines of a budget's 收入总表 or final accounts' 收入决算表 (both `income`) that
// print a 功能分类 code, chosen as fiscal_rows.h chooses spending lines, with one amount per
// printed source of revenue (本年收入合计, 财政拨款收入, 上级补助收入, 事业收入, 经营收入,
// 附属单位上缴收入, 其他收入) under a stable English key.
#pragma once

#include <array>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "model/data.h"
#include "render/fiscal_rows.h"

namespace gongkai {

/// The amount columns of revenue rows, in order: their keys in revenue.csv and the model.
inline constexpr std::array<std::string_view, 7> kRevenueMeasures = {"total",
                                                                     "fiscal_appropriation",
                                                                     "higher_level_subsidy",
                                                                     "business",
                                                                     "operating",
                                                                     "subordinate_remittance",
                                                                     "other"};

/// The printed title of the revenue measure `measure` ("财政拨款收入 fiscal appropriation"); the
/// measure's key itself when it is not one of kRevenueMeasures.
std::string_view revenue_measure_title(std::string_view measure);

/// The index in kRevenueMeasures of the source of revenue an amount column holds: by its key in
/// the data file (`total`, `appropriation`, `superior`, `business`, `operating`, `affiliated`,
/// `other`), else by its printed label (本年收入合计, 财政拨款收入…, spaces and bracket widths
/// aside); -1 when it is none of them.
int revenue_measure_of(const Column& column);

/// The side's amount columns per kRevenueMeasures (-1 where it prints none); nullopt when one of
/// its amount columns is no known source of revenue, or two are the same one: the table is then
/// not read at all, rather than read without a column (docs/downloads.md).
std::optional<MeasureColumns> revenue_columns(const Table& table, const Side& side);

/// The revenue rows of a budget or final accounts: line_table(data, "revenue"), read by
/// coded_fiscal_rows() with revenue_columns(); nullopt for an evaluation, a document without
/// such a table, a table without a code column (a budget's 收入总表 printed by source only) or
/// with an amount column revenue_columns() refuses.
std::optional<FiscalRows> revenue_rows(const ReportData& data);

}  // namespace gongkai
