#include "base/decimal.h"

#include <catch2/catch.hpp>

using namespace gongkai;

namespace {

Decimal dec(const char* text) {
  std::optional<Decimal> d = Decimal::parse(text);
  REQUIRE(d);
  return *d;
}

Decimal::ParseError parse_error(const char* text) {
  Decimal::ParseError error = Decimal::ParseError::none;
  CHECK_FALSE(Decimal::parse(text, &error));
  return error;
}

}  // namespace

TEST_CASE("decimals keep the published text and scale", "[decimal]") {
  for (const char* text : {"0", "0.00", "12.3", "12.30", "-0.14", "120791.59", "76000000.00",
                           "6296", "0.0019", "-12"}) {
    CHECK(dec(text).to_string() == text);
  }
  CHECK(dec("0.00").scale() == 2);
  CHECK(dec("12.3").scale() == 1);
  CHECK(dec("1450").scale() == 0);
  // A zero published with a minus sign prints as published; it is still zero, and what is
  // computed from it is an ordinary zero.
  CHECK(dec("-0.00").to_string() == "-0.00");
  CHECK(dec("-0").format() == "-0");
  CHECK(dec("-0.00").is_zero());
  CHECK_FALSE(dec("-0.00").is_negative());
  CHECK(dec("-0.00").abs().to_string() == "0.00");
  CHECK(dec("-0.00").negated().to_string() == "0.00");
  CHECK(add(dec("-0.00"), dec("0"))->to_string() == "0.00");
  CHECK(dec("-0.00").format_fixed(1) == "0.0");
  CHECK(dec("-0.14").is_negative());
  CHECK(dec("0.00").is_zero());
  CHECK(Decimal(-14, 2).to_string() == "-0.14");
}

TEST_CASE("decimals refuse what is not a plain published figure", "[decimal]") {
  CHECK(parse_error("") == Decimal::ParseError::empty);
  CHECK(parse_error("1e3") == Decimal::ParseError::exponent);
  CHECK(parse_error("1.5E2") == Decimal::ParseError::exponent);
  CHECK(parse_error("1.") == Decimal::ParseError::syntax);
  CHECK(parse_error(".5") == Decimal::ParseError::syntax);
  CHECK(parse_error("+1") == Decimal::ParseError::syntax);
  CHECK(parse_error("1,450") == Decimal::ParseError::syntax);
  CHECK(parse_error("-") == Decimal::ParseError::syntax);
  CHECK(parse_error("abc") == Decimal::ParseError::syntax);
  CHECK(parse_error("1234567890123456789012345") == Decimal::ParseError::too_many_digits);
  CHECK(parse_error("0.123456789") == Decimal::ParseError::too_many_decimals);
  CHECK(Decimal::parse("123456789012345678901234"));
  CHECK(Decimal::parse("0000000000000000000000000001"));  // leading zeros are not significant
  CHECK(Decimal::describe(Decimal::ParseError::exponent) ==
        "the figure has an exponent; write it out as printed");
}

TEST_CASE("decimals format with thousands separators at the published scale", "[decimal]") {
  CHECK(dec("1450").format() == "1,450");
  CHECK(dec("120791.59").format() == "120,791.59");
  CHECK(dec("-1234.50").format() == "-1,234.50");
  CHECK(dec("999").format() == "999");
  CHECK(dec("1000").format() == "1,000");
  CHECK(dec("0.3").format() == "0.3");
  CHECK(dec("76000000.00").format(false) == "76000000.00");
  CHECK(dec("123456789012345678901234").format() == "123,456,789,012,345,678,901,234");
  // Around 2^64, where formatting leaves 64-bit arithmetic.
  CHECK(dec("18446744073709551615").format(false) == "18446744073709551615");
  CHECK(dec("18446744073709551616").format(false) == "18446744073709551616");
  CHECK(dec("-184467440737095516.16").format() == "-184,467,440,737,095,516.16");
  CHECK(dec("0").format() == "0");
  CHECK(dec("0.00").format() == "0.00");
  CHECK(dec("-0.05").format() == "-0.05");
  CHECK(dec("0.00000001").format() == "0.00000001");
  CHECK(divide(dec("1"), dec("3"), 18)->format() == "0.333333333333333333");
  CHECK(dec("100").format(false) == "100");
  CHECK(dec("100000").format() == "100,000");
}

TEST_CASE("decimals round half away from zero", "[decimal]") {
  CHECK(dec("9.228").format_fixed(2) == "9.23");
  CHECK(dec("9.225").format_fixed(2) == "9.23");
  CHECK(dec("9.2249").format_fixed(2) == "9.22");
  CHECK(dec("-0.005").format_fixed(2) == "-0.01");
  CHECK(dec("2.5").format_fixed(0) == "3");
  CHECK(dec("1234.5").format_fixed(0) == "1,235");
  CHECK(dec("12.3").format_fixed(2) == "12.30");
  CHECK(dec("21154406.61").rounded(-2)->to_string() == "21154400");
  CHECK(dec("21154450").rounded(-2)->to_string() == "21154500");
  CHECK(dec("0.4").rounded(0)->to_string() == "0");
}

TEST_CASE("decimals compare exactly regardless of scale", "[decimal]") {
  CHECK(dec("12.3") == dec("12.30"));
  CHECK(dec("0.1") < dec("0.11"));
  CHECK(dec("-0.2") < dec("-0.14"));
  CHECK(dec("1450") > dec("999.99"));
  CHECK(dec("0") == dec("-0.00"));
}

TEST_CASE("decimal arithmetic is exact", "[decimal]") {
  CHECK(add(dec("0.1"), dec("0.2"))->to_string() == "0.3");
  CHECK(add(dec("7170.73"), dec("113620.85"))->to_string() == "120791.58");
  CHECK(add(dec("12"), dec("0.44"))->to_string() == "12.44");
  CHECK(subtract(dec("12.3"), dec("12.44"))->to_string() == "-0.14");
  CHECK(multiply(dec("10"), dec("0.9228"))->to_string() == "9.2280");
  CHECK(dec("12.34").half_unit().to_string() == "0.005");
  CHECK(dec("12").half_unit().to_string() == "0.5");
}

TEST_CASE("decimal division rounds to the requested scale", "[decimal]") {
  CHECK(divide(dec("21154406.61"), dec("22924400.00"), 12)->to_string() == "0.922789979672");
  CHECK(divide(dec("1"), dec("3"), 12)->to_string() == "0.333333333333");
  CHECK(divide(dec("-2"), dec("3"), 4)->to_string() == "-0.6667");
  CHECK(divide(dec("5"), dec("0.5"), 0)->to_string() == "10");
  CHECK_FALSE(divide(dec("1"), dec("0.00"), 2));
  CHECK_FALSE(divide(dec("1"), dec("3"), 19));
}

TEST_CASE("decimal overflow is reported, never wrapped", "[decimal]") {
  Decimal big = dec("123456789012345678901234");
  CHECK(multiply(big, dec("1000"))->to_string() == "123456789012345678901234000");
  CHECK_FALSE(multiply(big, big));
  CHECK_FALSE(divide(big, dec("0.00000001"), 18));
  CHECK(add(big, big));
}

TEST_CASE("a ratio as an exact fraction in lowest terms", "[decimal]") {
  auto d = [](const char* text) { return *gongkai::Decimal::parse(text); };
  CHECK(fraction_text(d("3014.013357"), d("2983")) == "3014013357/2983000000");
  CHECK(fraction_text(d("95.40"), d("96")) == "159/160");
  CHECK(fraction_text(d("-9.6"), d("9.60")) == "-1");
  CHECK(fraction_text(d("0.00"), d("8")) == "0");
  CHECK(fraction_text(d("3"), d("-4")) == "-3/4");
  CHECK(fraction_text(d("3"), d("0.0")) == "");
}
