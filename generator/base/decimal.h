// Exact decimal figures. Published budget figures are decimal and rounded by the publisher; they
// must be added, compared and shown exactly as printed, so they never pass through binary
// floating point. A Decimal is a 128-bit integer mantissa and a scale (digits after the point):
// "120791.59" is 12079159 × 10⁻², and it remembers that it was published with two decimals.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai {

/// Packed to 8-byte alignment (20 bytes of data in 24, where a 16-aligned __int128 would make
/// it 32): a report holds thousands of cells, each with a Decimal, and the whole site's cells
/// stay in memory during a build (docs/performance.md).
class __attribute__((packed, aligned(8))) Decimal {
 public:
  /// Largest number of significant digits and of decimals a parsed literal may have. Figures of
  /// this size can be added by the million and multiplied pairwise without overflow.
  static constexpr int kMaxDigits = 24;
  static constexpr int kMaxScale = 8;
  /// Largest scale arithmetic results keep (division works to this many decimals at most).
  static constexpr int kMaxResultScale = 18;

  enum class ParseError { none, empty, syntax, exponent, too_many_digits, too_many_decimals };

  /// Zero with scale 0.
  Decimal() = default;
  /// `units` × 10^-scale, e.g. Decimal(-14, 2) is -0.14. Scale 0–18.
  Decimal(long long units, int scale);

  /// Parses a plain decimal literal: optional '-', digits, optionally '.' and digits, as JSON
  /// writes numbers but without exponent. The scale is the number of digits after the point, so
  /// "0.00" has scale 2. Returns nullopt and sets `error` (when given) for anything else.
  static std::optional<Decimal> parse(std::string_view text, ParseError* error = nullptr);
  /// A sentence for each ParseError, for diagnostics.
  static std::string_view describe(ParseError error);

  int scale() const { return scale_; }
  bool is_zero() const { return mantissa_ == 0; }
  bool is_negative() const { return mantissa_ < 0; }
  Decimal abs() const;
  Decimal negated() const;

  /// Half a unit in the last place of this figure as published: 0.005 for 12.34, 0.5 for 12.
  Decimal half_unit() const;

  /// Rounded to `scale` decimals, half away from zero (四舍五入). A negative scale rounds to
  /// tens, hundreds…; the result then has scale 0. Rounding to a scale at or above the current
  /// one only widens the scale (12.3 → 12.30), which is exact.
  std::optional<Decimal> rounded(int scale) const;

  /// Plain text at this figure's own scale: "-0.14", "120791.59", "0.00". A zero parsed with a
  /// minus sign keeps it ("-0.00"): every figure prints exactly as published, in a page as in
  /// its CSV file. Zeros computed by arithmetic or rounding print without one.
  std::string to_string() const;
  /// Text at this figure's own scale with thousands separators in the integer part when
  /// `grouping` is set: "120,791.59", "1,450", "-0.14".
  std::string format(bool grouping = true) const;
  /// Rounded half away from zero to `decimals` (0–18) and formatted.
  std::string format_fixed(int decimals, bool grouping = true) const;

  /// Exact comparison regardless of scale: 12.3 == 12.30.
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend bool operator==(const Decimal& a, const Decimal& b) { return (a <=> b) == 0; }

  /// Exact sum and difference; the scale is the larger of the two. nullopt on overflow.
  friend std::optional<Decimal> add(const Decimal& a, const Decimal& b);
  friend std::optional<Decimal> subtract(const Decimal& a, const Decimal& b);
  /// Exact product (scales add; above 18 it is rounded half away from zero to 18). nullopt on
  /// overflow.
  friend std::optional<Decimal> multiply(const Decimal& a, const Decimal& b);
  /// Quotient rounded half away from zero to `scale` decimals (0–18). nullopt when `b` is zero or
  /// on overflow.
  friend std::optional<Decimal> divide(const Decimal& a, const Decimal& b, int scale);
  /// `a` ÷ `b` as an exact fraction in lowest terms, "3014013357/2983000000", "-1" or "0" (the
  /// denominator left out when it is 1, the sign on the numerator); "" when `b` is zero. For
  /// ratios that do not terminate as decimals, such as a rate, kept exactly in a download.
  friend std::string fraction_text(const Decimal& a, const Decimal& b);

 private:
  __extension__ using Int = __int128;
  Decimal(Int mantissa, int scale, bool) : mantissa_(mantissa), scale_(scale) {}
  /// The mantissa at a larger scale, or nullopt on overflow.
  std::optional<Int> mantissa_at(int scale) const;

  Int mantissa_ = 0;
  int scale_ = 0;
  /// Set by parse() for a zero published with a minus sign ("-0", "-0.00"), which compares
  /// equal to zero but prints as written.
  bool negative_zero_ = false;
};

}  // namespace gongkai
