// Amount units: the unit two figures are compared in, and exact conversion from 元 to 万元.
#include "model/amount_unit.h"

#include <catch2/catch.hpp>

using namespace gongkai;

namespace {

std::string text(const std::optional<Decimal>& value) { return value ? value->to_string() : "none"; }

Decimal figure(const char* literal) { return *Decimal::parse(literal); }

}  // namespace

TEST_CASE("amount unit: 元 converts to 万元 exactly, every digit kept", "[amount_unit]") {
  CHECK(text(convert_amount(figure("12345.67"), AmountUnit::yuan, AmountUnit::wan_yuan)) == "1.234567");
  CHECK(text(convert_amount(figure("30140133.57"), AmountUnit::yuan, AmountUnit::wan_yuan)) == "3014.013357");
  CHECK(text(convert_amount(figure("6296"), AmountUnit::wan_yuan, AmountUnit::wan_yuan)) == "6296");
  CHECK(text(convert_amount(figure("5"), AmountUnit::none, AmountUnit::none)) == "5");
  CHECK_FALSE(convert_amount(figure("1"), AmountUnit::wan_yuan, AmountUnit::yuan));
  CHECK_FALSE(convert_amount(figure("1"), AmountUnit::none, AmountUnit::wan_yuan));
}

TEST_CASE("amount unit: figures are compared in their shared unit, else in 万元, never against no unit", "[amount_unit]") {
  CHECK(comparison_unit(AmountUnit::yuan, AmountUnit::yuan) == AmountUnit::yuan);
  CHECK(comparison_unit(AmountUnit::wan_yuan, AmountUnit::yuan) == AmountUnit::wan_yuan);
  CHECK(comparison_unit(AmountUnit::yuan, AmountUnit::wan_yuan) == AmountUnit::wan_yuan);
  CHECK(comparison_unit(AmountUnit::none, AmountUnit::none) == AmountUnit::none);
  CHECK_FALSE(comparison_unit(AmountUnit::none, AmountUnit::wan_yuan));
  CHECK_FALSE(comparison_unit(AmountUnit::yuan, AmountUnit::none));
}
