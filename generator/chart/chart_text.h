// Text in charts: cleaning hostile text, escaping it for XML, measuring it and breaking it into
// lines. The public measure is chart_text_width() (chart.h); these are the chart files' own.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai::chart {

/// Text fit for XML 1.0 and for measuring: invalid UTF-8 and non-characters become U+FFFD,
/// control characters and line breaks become spaces, bidi overrides are dropped, runs of
/// spaces collapse and the ends are trimmed.
std::string clean_text(std::string_view text);

/// Escapes cleaned text for XML content and attribute values (the same five entities as HTML).
std::string xml_escape(std::string_view text);

/// Shortens `text` (set at `size`) from the end until it and an ellipsis fit `max_width`; text
/// that fits comes back unchanged.
std::string ellipsize(std::string_view text, double max_width, double size);

/// Lines of wrapped text; `truncated` when text was cut to the lines allowed.
struct Wrapped {
  std::vector<std::string> lines;
  bool truncated = false;
};

/// Wraps `text` (set at `size`) into lines no wider than `max_width`, breaking between wide
/// characters and between words but never before closing or after opening punctuation, and
/// evening out the lines' lengths; beyond `max_lines` the last line ends in an ellipsis and
/// `truncated` is set.
Wrapped wrap_text(std::string_view text, double max_width, double size, std::size_t max_lines);

}  // namespace gongkai::chart
