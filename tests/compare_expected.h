// The compare fixture (tests/fixtures/compare) and the results its EXPECTED.md lists, for the
// tests of comparisons: its reports, and the rows of EXPECTED.md's tables as printed there.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/decimal.h"
#include "model/compared_lines.h"
#include "model/data.h"

namespace gongkai::testing {

/// content/city-archives/YEAR/KIND.json of the compare fixture, loaded once for the whole test
/// run (a comparison keeps pointers into its cells); fails the test when it does not load.
const ReportData& compare_report(int year, const std::string& kind);

/// The body rows of the first Markdown table after the line that starts with `heading` in
/// EXPECTED.md, each as its cells, trimmed; fails the test when there is no such table.
std::vector<std::vector<std::string>> expected_rows(const std::string& heading);

/// A 万元 figure in 元 as EXPECTED.md prints it ("28,960,000.00", two decimals, grouped), "—"
/// for none, or "inexact …" when it has more than two decimals in 元.
std::string in_yuan(const std::optional<Decimal>& wan_yuan);
std::string in_yuan(const std::optional<ComparedFigure>& wan_yuan);

/// A per cent as EXPECTED.md prints it: "3.00%", "—" for none.
std::string as_per_cent(const std::optional<Decimal>& value);

/// The per cent of an EXPECTED.md rate or growth cell: "87/2896 = 3.00%" and "74.13%" give
/// "3.00%" and "74.13%"; "—（上年为 0）" gives "—".
std::string expected_per_cent(const std::string& cell);

}  // namespace gongkai::testing
