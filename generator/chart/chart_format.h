// Numbers in charts: coordinates as the SVG writes them and values as readers see them.
// Internal to the chart files (chart.cc and the files it draws with); locale-independent.
#pragma once

#include <string>

namespace gongkai::chart {

/// `v` in fixed notation with `decimals` digits; locale-independent. "0" if to_chars fails.
std::string fixed(double v, int decimals);

/// Appends a coordinate: at most two decimals, no trailing zeros, "-0" as "0"; non-finite
/// values as 0. Written straight into `out`: a site's charts print millions of them.
void append_num(std::string& out, double v);

/// A coordinate as append_num() writes it.
std::string num(double v);

/// A value for readers: thousands separators, at most two decimals, no trailing zeros.
std::string format_number(double v);

/// A share of a whole (0.5 = half) as a percentage with one decimal; "<0.1%" for small
/// non-zero shares.
std::string format_percent(double share);

/// The same share for the description, in words: "<0.1%" reads "不足 0.1%".
std::string percent_in_words(double share);

}  // namespace gongkai::chart
