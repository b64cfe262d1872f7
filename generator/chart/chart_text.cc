// Text in charts: cleaning, escaping, measuring, wrapping.
#include "chart/chart_text.h"

#include <utf8proc.h>

#include "base/html_escape.h"  // the same five entities in SVG as in HTML
#include "chart/chart.h"

namespace gongkai::chart {

namespace {

void append_code_point(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buffer[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
}

/// Calls f(code point, its UTF-8 bytes) for each character; invalid bytes come as U+FFFD.
template <typename F>
void for_each_code_point(std::string_view text, F&& f) {
  auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) n = 1, cp = 0xFFFD;
    f(cp, std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)));
    p += n;
    left -= n;
  }
}

bool is_bidi_control(utf8proc_int32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

/// Text fit for XML 1.0 and for measuring: invalid UTF-8 and non-characters become U+FFFD,
/// control characters and line breaks become spaces, bidi overrides are dropped, runs of
/// spaces collapse and the ends are trimmed.
std::string clean_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](utf8proc_int32_t cp, std::string_view) {
    if (is_bidi_control(cp)) return;
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) cp = ' ';
    if (cp == 0xFFFE || cp == 0xFFFF) cp = 0xFFFD;
    if (cp == ' ' && (out.empty() || out.back() == ' ')) return;
    append_code_point(out, cp);
  });
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

/// Escapes cleaned text for XML content and attribute values.
std::string xml_escape(std::string_view text) {
  std::string out;
  append_html_escaped(out, text);
  return out;
}

namespace {

/// Advance width of one ASCII character, in em. Generous for the wide ones (%, M, W, @).
double ascii_em(char c) {
  if (c == ' ') return 0.35;
  if (std::string_view("%MWmw@").find(c) != std::string_view::npos) return 0.9;
  if (c >= 'A' && c <= 'Z') return 0.75;
  return 0.6;
}

double code_point_em(utf8proc_int32_t cp) {
  if (cp < 0x80) return ascii_em(static_cast<char>(cp));
  int cells = utf8proc_charwidth(cp);
  if (cells >= 2) return 1.0;
  if (cells == 0) return 0;
  // Punctuation, symbols and "ambiguous width" characters (… — “ ”) are full width in CJK fonts.
  return cp >= 0x2000 ? 1.0 : 0.65;
}

/// One character with its width, as wrapping sees it. `bytes` points into the text measured,
/// which outlives its glyphs.
struct Glyph {
  std::string_view bytes;
  utf8proc_int32_t cp = 0;
  double width = 0;
};

std::vector<Glyph> glyphs_of(std::string_view text, double size) {
  std::vector<Glyph> glyphs;
  for_each_code_point(text, [&](utf8proc_int32_t cp, std::string_view bytes) {
    glyphs.push_back({bytes, cp, code_point_em(cp) * size});
  });
  return glyphs;
}

/// width_of(glyphs_of(text, size)), summed in the same order, without the glyphs.
double glyphs_width(std::string_view text, double size) {
  double w = 0;
  for_each_code_point(
      text, [&](utf8proc_int32_t cp, std::string_view) { w += code_point_em(cp) * size; });
  return w;
}

bool is_wide(utf8proc_int32_t cp) { return cp >= 0x80 && code_point_em(cp) >= 1.0; }

/// Characters that must not start a line (kinsoku): closing brackets and punctuation.
bool no_break_before(utf8proc_int32_t cp) {
  static const std::u32string closing = U"，。、；：！？）》」』】〉”’…%,.;:!?)]}";
  return closing.find(static_cast<char32_t>(cp)) != std::u32string::npos;
}

/// Characters that must not end a line: opening brackets.
bool no_break_after(utf8proc_int32_t cp) {
  static const std::u32string opening = U"（《「『【〈“‘([{";
  return opening.find(static_cast<char32_t>(cp)) != std::u32string::npos;
}

bool may_break_between(const Glyph& before, const Glyph& after) {
  if (no_break_before(after.cp) || no_break_after(before.cp)) return false;
  return before.cp == ' ' || after.cp == ' ' || is_wide(before.cp) || is_wide(after.cp);
}

/// A run of glyphs [begin, end): a break unit or a line.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool empty() const { return begin == end; }
};

/// Unbreakable runs: a wide character with its attached punctuation, or a Latin word.
std::vector<Span> break_units(const std::vector<Glyph>& glyphs) {
  std::vector<Span> units;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    if (i == 0 || may_break_between(glyphs[i - 1], glyphs[i])) units.push_back({i, i});
    units.back().end = i + 1;
  }
  return units;
}

/// Sums left to right, so that every caller gets the same rounding for the same run.
double width_of(const std::vector<Glyph>& glyphs, Span span) {
  double w = 0;
  for (std::size_t i = span.begin; i < span.end; ++i) w += glyphs[i].width;
  return w;
}

double width_of(const std::vector<Glyph>& glyphs) { return width_of(glyphs, {0, glyphs.size()}); }

std::string join_glyphs(const std::vector<Glyph>& glyphs, Span span) {
  std::string s;
  for (std::size_t i = span.begin; i < span.end; ++i) s += glyphs[i].bytes;
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s.size() > 0 && s[0] == ' ' ? s.substr(1) : s;
}

}  // namespace

/// Shortens `text` from the end until it and an ellipsis fit `max_width`.
std::string ellipsize(std::string_view text, double max_width, double size) {
  if (glyphs_width(text, size) <= max_width) return std::string(text);
  std::vector<Glyph> glyphs = glyphs_of(text, size);
  double ellipsis = code_point_em(0x2026) * size;
  Span kept{0, glyphs.size()};
  while (!kept.empty() && width_of(glyphs, kept) + ellipsis > max_width) --kept.end;
  while (!kept.empty() && glyphs[kept.end - 1].cp == ' ') --kept.end;
  return join_glyphs(glyphs, kept) + "…";
}

namespace {

/// Greedy line filling over break units; a unit wider than a line is split by characters.
/// Spaces at the start of a line are dropped, so every line is one run of glyphs.
std::vector<Span> fill_lines(const std::vector<Glyph>& glyphs, const std::vector<Span>& units,
                             double max_width) {
  std::vector<Span> lines(1);
  double line_width = 0;  // of lines.back()
  for (Span unit : units) {
    bool fits = line_width + width_of(glyphs, unit) <= max_width;
    if (!fits && !lines.back().empty()) {
      lines.push_back({unit.begin, unit.begin});
      line_width = 0;
    }
    for (std::size_t i = unit.begin; i < unit.end; ++i) {
      const Glyph& g = glyphs[i];
      if (lines.back().empty() && g.cp == ' ') {
        lines.back() = {i + 1, i + 1};
        continue;
      }
      if (!lines.back().empty() && line_width + g.width > max_width) {
        lines.push_back({i, i});
        line_width = 0;
      }
      lines.back().end = i + 1;
      line_width += g.width;
    }
  }
  return lines;
}

/// Lines of even length: the narrowest width that needs no more lines than `max_width` does,
/// so that no line is left with a lone character.
std::vector<Span> balanced_lines(const std::vector<Glyph>& glyphs, const std::vector<Span>& units,
                                 double max_width) {
  std::vector<Span> lines = fill_lines(glyphs, units, max_width);
  if (lines.size() < 2) return lines;
  double low = width_of(glyphs) / static_cast<double>(lines.size()), high = max_width;
  for (int i = 0; i < 16 && high - low > 0.5; ++i) {
    double mid = (low + high) / 2;
    (fill_lines(glyphs, units, mid).size() <= lines.size() ? high : low) = mid;
  }
  return fill_lines(glyphs, units, high);
}

}  // namespace

/// Wraps `text` into lines no wider than `max_width`; beyond `max_lines` the last line ends in
/// an ellipsis and `truncated` is set.
Wrapped wrap_text(std::string_view text, double max_width, double size, std::size_t max_lines) {
  Wrapped out;
  std::vector<Glyph> glyphs = glyphs_of(text, size);
  std::vector<Span> units = break_units(glyphs);
  std::vector<Span> lines = fill_lines(glyphs, units, max_width);
  if (lines.size() <= max_lines) lines = balanced_lines(glyphs, units, max_width);
  for (std::size_t i = 0; i < lines.size() && i < max_lines; ++i) {
    out.lines.push_back(join_glyphs(glyphs, lines[i]));
  }
  if (lines.size() > max_lines) {
    out.truncated = true;
    out.lines.back() = ellipsize(out.lines.back() + "……", max_width, size);
  }
  return out;
}

}  // namespace gongkai::chart

namespace gongkai {

using namespace chart;  // for_each_code_point, code_point_em

double chart_text_width(std::string_view text, double font_size) {
  double em = 0;
  for_each_code_point(text,
                      [&](utf8proc_int32_t cp, std::string_view) { em += code_point_em(cp); });
  return em * font_size;
}

}  // namespace gongkai
