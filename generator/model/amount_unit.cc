#include "model/amount_unit.h"

namespace gongkai {

std::string_view unit_label(AmountUnit unit) {
  switch (unit) {
    case AmountUnit::none:
      return "";
    case AmountUnit::yuan:
      return "元";
    case AmountUnit::wan_yuan:
      return "万元";
  }
  return "";
}

std::optional<AmountUnit> comparison_unit(AmountUnit a, AmountUnit b) {
  if (a == b) return a;
  if (a == AmountUnit::none || b == AmountUnit::none) return std::nullopt;
  return AmountUnit::wan_yuan;
}

std::optional<Decimal> convert_amount(const Decimal& value, AmountUnit from, AmountUnit to) {
  if (from == to) return value;
  if (from != AmountUnit::yuan || to != AmountUnit::wan_yuan) return std::nullopt;
  return divide(value, Decimal(10000, 0), value.scale() + 4);
}

}  // namespace gongkai
