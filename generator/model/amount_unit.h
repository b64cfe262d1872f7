// The unit of a table's amounts (元 or 万元), and setting figures of two units side by side: a
// comparison, a change or a chart over documents printed in different units needs one unit, and
// reaches it by an exact conversion of the printed figures, never by rounding them.
#pragma once

#include <optional>
#include <string_view>

#include "base/decimal.h"

namespace gongkai {

/// Amount unit of a table. The site prints it as "单位：万元".
enum class AmountUnit { none, yuan, wan_yuan };

/// "元", "万元", or "" for none.
std::string_view unit_label(AmountUnit unit);

/// The one unit in which figures of units `a` and `b` can be set against each other: their own
/// when they share it, 万元 when one is 元 and the other 万元 (figures are converted toward the
/// larger unit, which never needs rounding); nullopt when only one of them has a unit — an
/// amount cannot be compared with a figure of unknown unit.
std::optional<AmountUnit> comparison_unit(AmountUnit a, AmountUnit b);

/// `value` in `from` expressed in `to`, exactly: 元 → 万元 divides by 10,000 with four more
/// decimals (12,345.67 元 = 1.234567 万元); the same unit returns it as it is. nullopt for any
/// other pair (万元 → 元 is never needed: comparisons convert toward 万元) or on overflow.
std::optional<Decimal> convert_amount(const Decimal& value, AmountUnit from, AmountUnit to);

}  // namespace gongkai
