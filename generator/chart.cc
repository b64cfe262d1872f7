#include "chart.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <numbers>

#include "template.h"  // append_html_escaped: the same five entities in SVG as in HTML

namespace gongkai {

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

namespace {

/// `v` in fixed notation with `decimals` digits; locale-independent.
std::string fixed(double v, int decimals) {
  std::array<char, 512> buffer;
  auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), v,
                              std::chars_format::fixed, decimals);
  if (result.ec != std::errc()) return "0";
  return std::string(buffer.data(), result.ptr);
}

/// Drops trailing zeros of a fixed-notation number, then a trailing point; "-0" becomes "0".
std::string trim_zeros(std::string s) {
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

/// `v` rounded to hundredths as an integer count of hundredths, when that is exactly what
/// to_chars would print: nullopt for huge values and near ties (x.xx5), whose rounding depends
/// on the last bits of `v`. Charts print tens of thousands of coordinates per site; to_chars
/// with a precision is several times slower than this.
std::optional<long long> hundredths(double v) {
  if (!(std::fabs(v) < 1e9)) return std::nullopt;
  double scaled = v * 100;
  double rounded = std::nearbyint(scaled);
  if (std::fabs(std::fabs(scaled - rounded) - 0.5) < 1e-3) return std::nullopt;
  return static_cast<long long>(rounded);
}

/// Appends a coordinate: at most two decimals, no trailing zeros. Written straight into `out`:
/// a site's charts print millions of them.
void append_num(std::string& out, double v) {
  if (!std::isfinite(v)) v = 0;
  std::optional<long long> h = hundredths(v);
  if (!h) {
    out += trim_zeros(fixed(v, 2));
    return;
  }
  unsigned long long magnitude =
      *h < 0 ? 0ull - static_cast<unsigned long long>(*h) : static_cast<unsigned long long>(*h);
  std::array<char, 32> buffer;
  char* end = buffer.data();
  if (*h < 0) *end++ = '-';
  end = std::to_chars(end, buffer.data() + buffer.size(), magnitude / 100).ptr;
  unsigned long long cents = magnitude % 100;
  if (cents != 0) {
    *end++ = '.';
    *end++ = static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) *end++ = static_cast<char>('0' + cents % 10);
  }
  out.append(buffer.data(), end);
}

/// A coordinate as append_num() writes it.
std::string num(double v) {
  std::string out;
  append_num(out, v);
  return out;
}

/// A value for readers: thousands separators, at most two decimals.
std::string format_number(double v) {
  std::string s = trim_zeros(fixed(v, 2));
  std::size_t start = s[0] == '-' ? 1 : 0;
  std::size_t end = s.find('.');
  if (end == std::string::npos) end = s.size();
  for (std::size_t i = end; i > start + 3; i -= 3) s.insert(i - 3, ",");
  return s;
}

/// A share of a whole as a percentage with one decimal; "<0.1%" for small non-zero shares.
std::string format_percent(double share) {
  double percent = share * 100;
  if (percent > 0 && percent < 0.05) return "<0.1%";
  return fixed(percent, 1) + "%";
}

/// The same share for the description, in words.
std::string percent_in_words(double share) {
  std::string text = format_percent(share);
  return text[0] == '<' ? "不足 0.1%" : text;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Text: cleaning, escaping, measuring, wrapping
// ---------------------------------------------------------------------------------------------

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
  for_each_code_point(text, [&](utf8proc_int32_t cp, std::string_view) { w += code_point_em(cp) * size; });
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

struct Wrapped {
  std::vector<std::string> lines;
  bool truncated = false;
};

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

}  // namespace

double chart_text_width(std::string_view text, double font_size) {
  double em = 0;
  for_each_code_point(text,
                      [&](utf8proc_int32_t cp, std::string_view) { em += code_point_em(cp); });
  return em * font_size;
}

// ---------------------------------------------------------------------------------------------
// Drawing: an SVG body under construction that also records every text's box
// ---------------------------------------------------------------------------------------------

namespace {

constexpr double kFont = 15;     // labels
constexpr double kSmall = 13;    // values, legends, notes
constexpr double kCaption = 17;  // the visible title
constexpr double kLineHeight = 1.35;
constexpr double kAscent = 0.88;  // of the em box above the baseline
constexpr double kPad = 16;
constexpr double kGap = 6;  // between a mark and its text

double line_pitch(double size) { return size * kLineHeight; }

/// Height of `lines` lines of text set at `size`, from the first line's top to the last's bottom.
double block_height(std::size_t lines, double size) {
  return lines == 0 ? 0 : size + static_cast<double>(lines - 1) * line_pitch(size);
}

/// The first baseline of a block of `lines` lines vertically centred on `center`.
double centered_baseline(double center, std::size_t lines, double size) {
  return center - block_height(lines, size) / 2 + kAscent * size;
}

enum class Anchor { start, middle, end };

struct TextBlock {
  std::vector<std::string> lines;  // cleaned, not escaped
  double x = 0;
  double y = 0;  // first baseline
  double size = kFont;
  Anchor anchor = Anchor::start;
  std::string css_class = "chart-label";
  std::string hover;  // full text for a <title> child, when the lines shorten it
  bool bold = false;
  bool halo = false;  // outlined in the background colour, for text over marks
};

constexpr std::array<const char*, 8> kPalette = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                 "#56B4E9", "#D55E00", "#F0E442", "#8C8C8C"};
constexpr int kHatches = 6;  // 0 = solid; then diagonal, dots, horizontal, back-diagonal, grid

std::string colour(int index) {
  int k = index % static_cast<int>(kPalette.size());
  return "var(--chart-" + std::to_string(k + 1) + ", " + kPalette[static_cast<std::size_t>(k)] +
         ")";
}

std::string colour_class(int index) {
  return "chart-c" + std::to_string(index % static_cast<int>(kPalette.size()) + 1);
}

class Canvas {
 public:
  /// `keep_boxes`: remember every text's box for layout_chart(); drawing alone does not need
  /// them, and measuring every label again costs.
  Canvas(std::string id, double width, bool keep_boxes)
      : id_(std::move(id)), width_(width), keep_boxes_(keep_boxes) {}

  double width() const { return width_; }
  const std::string& id() const { return id_; }
  /// The boxes of every text drawn so far, moved out.
  std::vector<ChartTextBox> take_boxes() { return std::move(boxes_); }

  void append(std::string_view markup) { body_ += markup; }

  /// A rectangle; `hover` (plain text) becomes its <title>.
  void rect(double x, double y, double w, double h, const std::string& attributes,
            const std::string& hover = "") {
    open("rect", {{"x", x}, {"y", y}, {"width", std::max(w, 0.0)}, {"height", std::max(h, 0.0)}});
    close("rect", attributes, hover);
  }

  void path(const std::string& d, const std::string& attributes, const std::string& hover = "") {
    body_.append("<path d=\"").append(d).append("\"");
    close("path", attributes, hover);
  }

  void line(double x1, double y1, double x2, double y2, const std::string& attributes) {
    open("line", {{"x1", x1}, {"y1", y1}, {"x2", x2}, {"y2", y2}});
    close("line", attributes, "");
  }

  void text(const TextBlock& block);

  /// A translucent background plate behind `block`, so it reads over any fill or hatch.
  void chip(const TextBlock& block);

  /// The fill for categorical mark `index`: a colour, hatched from the seventh on (and for
  /// every index when `hatch_all`) so that marks stay apart in greyscale print.
  std::string fill(int index, int hatch) {
    if (hatch % kHatches == 0) return "fill=\"" + colour(index) + "\"";
    std::string key = std::to_string(index % static_cast<int>(kPalette.size())) + "-" +
                      std::to_string(hatch % kHatches);
    patterns_[key] = {index, hatch % kHatches};
    return "fill=\"url(#" + id_ + "-p" + key + ")\"";
  }

  std::string defs() const;
  const std::string& body() const { return body_; }

 private:
  /// Appends `<NAME a="1" b="2.5"`: an element's coordinates, written straight into the body
  /// (a report's charts have thousands of them).
  void open(const char* name, std::initializer_list<std::pair<const char*, double>> coordinates) {
    body_.append("<").append(name);
    for (const auto& [attribute, value] : coordinates) {
      body_.append(" ").append(attribute).append("=\"");
      append_num(body_, value);
      body_ += '"';
    }
  }

  /// Ends an element opened by open(): ` ATTRIBUTES/>`, or with `hover` as its <title>.
  void close(const char* name, const std::string& attributes, const std::string& hover) {
    body_.append(" ").append(attributes);
    if (hover.empty()) {
      body_ += "/>\n";
    } else {
      body_.append("><title>");
      append_html_escaped(body_, hover);
      body_.append("</title></").append(name).append(">\n");
    }
  }

  void record(const TextBlock& block);

  std::string id_;
  double width_;
  bool keep_boxes_;
  std::string body_;
  std::vector<ChartTextBox> boxes_;
  std::map<std::string, std::pair<int, int>> patterns_;
};

void Canvas::record(const TextBlock& block) {
  for (std::size_t i = 0; i < block.lines.size(); ++i) {
    double w = chart_text_width(block.lines[i], block.size);
    double left = block.anchor == Anchor::start    ? block.x
                  : block.anchor == Anchor::middle ? block.x - w / 2
                                                   : block.x - w;
    double baseline = block.y + static_cast<double>(i) * line_pitch(block.size);
    boxes_.push_back({left, baseline - kAscent * block.size, w, block.size, block.lines[i]});
  }
}

void Canvas::chip(const TextBlock& block) {
  std::size_t first = boxes_.size();
  record(block);
  double left = 1e300, right = -1e300, top = 1e300, bottom = -1e300;
  for (std::size_t i = first; i < boxes_.size(); ++i) {
    left = std::min(left, boxes_[i].x), right = std::max(right, boxes_[i].x + boxes_[i].width);
    top = std::min(top, boxes_[i].y), bottom = std::max(bottom, boxes_[i].y + boxes_[i].height);
  }
  boxes_.resize(first);
  if (left > right) return;
  rect(left - 2, top - 2, right - left + 4, bottom - top + 4,
       "class=\"chart-chip\" fill=\"var(--chart-bg, #FFFFFF)\" fill-opacity=\"0.85\" rx=\"2\"");
}

void Canvas::text(const TextBlock& block) {
  using namespace std::string_view_literals;
  if (block.lines.empty()) return;
  if (keep_boxes_) record(block);
  // Written straight into the body: a report's charts have thousands of labels.
  body_ += "<text x=\""sv;
  append_num(body_, block.x);
  body_ += "\" y=\""sv;
  append_num(body_, block.y);
  body_.append("\" class=\""sv).append(block.css_class).append("\""sv);
  if (block.size != kFont) {
    body_ += " font-size=\""sv;
    append_num(body_, block.size);
    body_ += '"';
  }
  if (block.anchor == Anchor::middle) body_ += " text-anchor=\"middle\""sv;
  if (block.anchor == Anchor::end) body_ += " text-anchor=\"end\""sv;
  if (block.bold) body_ += " font-weight=\"bold\""sv;
  if (block.halo) {
    body_ +=
        " stroke=\"var(--chart-bg, #FFFFFF)\" stroke-width=\"3\" stroke-linejoin=\"round\" "
        "paint-order=\"stroke\""sv;
  }
  body_ += '>';
  if (!block.hover.empty()) {
    body_ += "<title>"sv;
    append_html_escaped(body_, block.hover);
    body_ += "</title>"sv;
  }
  if (block.lines.size() == 1) {
    append_html_escaped(body_, block.lines[0]);
  } else {
    for (std::size_t i = 0; i < block.lines.size(); ++i) {
      double baseline = block.y + static_cast<double>(i) * line_pitch(block.size);
      body_ += "<tspan x=\""sv;
      append_num(body_, block.x);
      body_ += "\" y=\""sv;
      append_num(body_, baseline);
      body_ += "\">"sv;
      append_html_escaped(body_, block.lines[i]);
      body_ += "</tspan>"sv;
    }
  }
  body_ += "</text>\n"sv;
}

std::string hatch_marks(int hatch) {
  const char* line = "stroke=\"var(--chart-hatch, #000000)\" stroke-opacity=\"0.4\"";
  switch (hatch) {
    case 1:
      return std::string("<path d=\"M-2 2L2-2M0 8L8 0M6 10L10 6\" ") + line + "/>";
    case 2:
      return "<circle cx=\"4\" cy=\"4\" r=\"1.5\" fill=\"var(--chart-hatch, #000000)\" "
             "fill-opacity=\"0.4\"/>";
    case 3:
      return std::string("<path d=\"M0 4H8\" ") + line + "/>";
    case 4:
      return std::string("<path d=\"M-2 6L2 10M0 0L8 8M6-2L10 2\" ") + line + "/>";
    default:
      return std::string("<path d=\"M0 4H8M4 0V8\" ") + line + "/>";
  }
}

std::string Canvas::defs() const {
  if (patterns_.empty()) return "";
  std::string out = "<defs>\n";
  for (const auto& [key, pattern] : patterns_) {
    out += "<pattern id=\"" + id_ + "-p" + key +
           "\" class=\"chart-pattern\" patternUnits=\"userSpaceOnUse\" width=\"8\" height=\"8\">"
           "<rect width=\"8\" height=\"8\" class=\"" +
           colour_class(pattern.first) + "\" fill=\"" + colour(pattern.first) + "\"/>" +
           hatch_marks(pattern.second) + "</pattern>\n";
  }
  return out + "</defs>\n";
}

/// Attributes of a categorical mark: its classes and its fill.
std::string mark_attributes(Canvas& canvas, const std::string& css_class, int index, int hatch) {
  return "class=\"" + css_class + " " + colour_class(index) + "\" " + canvas.fill(index, hatch);
}

const char* const kTrackAttributes =
    "class=\"chart-track\" fill=\"var(--chart-track, #E8E8E8)\" "
    "stroke=\"var(--chart-track-line, #767676)\" stroke-width=\"1\"";
const char* const kAxisAttributes =
    "class=\"chart-axis\" stroke=\"var(--chart-axis, #595959)\" stroke-width=\"1\"";
const char* const kGridAttributes =
    "class=\"chart-grid\" stroke=\"var(--chart-grid, #D9D9D9)\" stroke-width=\"1\"";
const char* const kSeparator = "stroke=\"var(--chart-bg, #FFFFFF)\"";

/// A single line of text shortened with an ellipsis to `max_width`; the hover keeps the rest.
TextBlock single_line(std::string_view text, double max_width, double size) {
  TextBlock block;
  block.size = size;
  block.lines = {ellipsize(text, max_width, size)};
  if (block.lines[0] != text) block.hover = std::string(text);
  return block;
}

/// A wrapped block; the hover holds the full text when wrapping had to cut it.
TextBlock wrapped_block(std::string_view text, double max_width, double size,
                        std::size_t max_lines) {
  Wrapped wrapped = wrap_text(text, max_width, size, max_lines);
  TextBlock block;
  block.size = size;
  block.lines = wrapped.lines;
  if (wrapped.truncated) block.hover = std::string(text);
  return block;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Data preparation: clean text, default value texts, drop invalid items
// ---------------------------------------------------------------------------------------------

namespace {

/// A cleaned, validated datum.
struct Item {
  std::string label;
  double value = 0;
  std::string value_text;
  std::vector<Item> children;
  double full_marks = 0;
  std::string full_marks_text;
  std::string rate_text;
};

struct Prepared {
  std::vector<Item> items;
  /// Labels of items left out because their numbers were unusable.
  std::vector<std::string> invalid;
};

std::string with_unit(double value, const std::string& unit) {
  std::string text = format_number(value);
  return unit.empty() ? text : text + " " + unit;
}

bool negatives_invalid(ChartKind kind) {
  return kind == ChartKind::donut || kind == ChartKind::treemap ||
         kind == ChartKind::budget_actual || kind == ChartKind::score_bar;
}

/// Magnitudes beyond this are taken as corrupt data: sums of them could overflow.
constexpr double kLargestValue = 1e15;

bool value_is_valid(double value, ChartKind kind) {
  return std::isfinite(value) && std::fabs(value) <= kLargestValue &&
         !(value < 0 && negatives_invalid(kind));
}

std::string display_label(const std::string& raw) {
  std::string label = clean_text(raw);
  return label.empty() ? "（未命名）" : label;
}

Item clean_item(const ChartDatum& datum, const std::string& unit) {
  Item item;
  item.label = display_label(datum.label);
  item.value = datum.value;
  item.value_text = clean_text(datum.value_text);
  if (item.value_text.empty()) item.value_text = with_unit(datum.value, unit);
  item.full_marks = datum.full_marks;
  item.full_marks_text = clean_text(datum.full_marks_text);
  if (item.full_marks_text.empty()) item.full_marks_text = format_number(datum.full_marks);
  item.rate_text = clean_text(datum.rate_text);
  return item;
}

bool item_is_valid(const ChartDatum& datum, ChartKind kind) {
  if (!value_is_valid(datum.value, kind)) return false;
  if (kind != ChartKind::score_bar) return true;
  return std::isfinite(datum.full_marks) && datum.full_marks > 0 &&
         datum.full_marks <= kLargestValue;
}

/// Valid items of `data` (with valid children, for treemaps), invalid labels noted.
Prepared prepare_items(const std::vector<ChartDatum>& data, const ChartSpec& spec) {
  Prepared out;
  for (const ChartDatum& datum : data) {
    if (!item_is_valid(datum, spec.kind)) {
      out.invalid.push_back(display_label(datum.label));
      continue;
    }
    Item item = clean_item(datum, spec.unit);
    if (spec.kind == ChartKind::treemap) {
      Prepared children = prepare_items(datum.children, spec);
      item.children = std::move(children.items);
      for (std::string& label : children.invalid) out.invalid.push_back(item.label + "/" + label);
    }
    out.items.push_back(std::move(item));
  }
  return out;
}

/// Keeps the largest `max_items` − 1 items in their order and adds up the rest as "其他".
void fold_small_items(std::vector<Item>& items, std::size_t max_items, const std::string& unit) {
  if (max_items == 0 || items.size() <= max_items) return;
  std::vector<double> values;
  for (const Item& item : items) values.push_back(item.value);
  std::vector<bool> keep = items_kept(values, max_items);
  std::vector<Item> kept;
  Item rest;
  std::size_t folded = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (keep[i]) {
      kept.push_back(std::move(items[i]));
    } else {
      rest.value += items[i].value;
      ++folded;
    }
  }
  rest.label = "其他（" + std::to_string(folded) + " 项）";
  rest.value_text = with_unit(rest.value, unit);
  kept.push_back(std::move(rest));
  items = std::move(kept);
}

const std::vector<ChartDatum>& first_series(const ChartSpec& spec) {
  static const std::vector<ChartDatum> none;
  return spec.series.empty() ? none : spec.series[0].data;
}

Prepared prepare_single(const ChartSpec& spec) {
  Prepared prepared = prepare_items(first_series(spec), spec);
  bool folds = spec.additive && (spec.kind == ChartKind::donut || spec.kind == ChartKind::hbar ||
                                 spec.kind == ChartKind::treemap);
  if (folds) fold_small_items(prepared.items, spec.max_items, spec.unit);
  return prepared;
}

/// Several series over shared categories (matched by label, k-th occurrence to k-th).
struct Table {
  std::vector<std::string> categories;
  std::vector<std::string> series_names;
  std::vector<std::vector<std::optional<Item>>> cells;  // [series][category]
  std::vector<std::string> invalid;
};

Table prepare_table(const ChartSpec& spec) {
  Table table;
  std::map<std::string, std::size_t> index;  // label + occurrence → category
  for (std::size_t s = 0; s < spec.series.size(); ++s) {
    table.series_names.push_back(clean_text(spec.series[s].name));
    table.cells.emplace_back(table.categories.size());
    std::map<std::string, int> seen;
    for (const ChartDatum& datum : spec.series[s].data) {
      std::string label = display_label(datum.label);
      std::string key = label + '\x1f' + std::to_string(seen[label]++);
      auto [it, added] = index.emplace(key, table.categories.size());
      if (added) {
        table.categories.push_back(label);
        for (auto& column : table.cells) column.resize(table.categories.size());
      }
      if (item_is_valid(datum, spec.kind)) {
        table.cells[s][it->second] = clean_item(datum, spec.unit);
      } else {
        std::string name = table.series_names[s];
        table.invalid.push_back(name.empty() ? label : label + "（" + name + "）");
      }
    }
  }
  return table;
}

bool any_nonzero(const std::vector<Item>& items) {
  return std::any_of(items.begin(), items.end(), [](const Item& i) { return i.value != 0; });
}

bool table_has_data(const Table& table) {
  for (const auto& column : table.cells) {
    for (const auto& cell : column) {
      if (cell && cell->value != 0) return true;
    }
  }
  return false;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Shared pieces: caption, legends, label columns, descriptions
// ---------------------------------------------------------------------------------------------

namespace {

/// Draws the caption when asked; returns the y below it.
double draw_caption(Canvas& canvas, const ChartSpec& spec) {
  std::string title = clean_text(spec.title);
  if (!spec.show_caption || title.empty()) return kPad - 4;
  TextBlock block = wrapped_block(title, canvas.width() - 2 * kPad, kCaption, 2);
  block.x = kPad;
  block.y = 12 + kAscent * kCaption;
  block.bold = true;
  block.css_class = "chart-caption";
  canvas.text(block);
  return 12 + block_height(block.lines.size(), kCaption) + 10;
}

/// One legend entry: a swatch drawn by the caller's function, then the name.
struct LegendEntry {
  std::string name;
  std::function<void(Canvas&, double x, double y)> swatch;  // in a 14 × 14 box at (x, y)
};

/// Entries left to right, wrapping to new rows; returns the y below the legend.
double draw_legend(Canvas& canvas, const std::vector<LegendEntry>& entries, double top) {
  const double swatch = 14, row = 22, spacing = 18;
  double x = kPad, y = top;
  double right = canvas.width() - kPad;
  for (const LegendEntry& entry : entries) {
    TextBlock name = single_line(entry.name, right - kPad - swatch - kGap, kSmall);
    double w = swatch + kGap + chart_text_width(name.lines[0], kSmall);
    if (x > kPad && x + w > right) x = kPad, y += row;
    entry.swatch(canvas, x, y);
    name.x = x + swatch + kGap;
    name.y = centered_baseline(y + swatch / 2, 1, kSmall);
    name.css_class = "chart-legend";
    canvas.text(name);
    x += w + spacing;
  }
  return entries.empty() ? top : y + row;
}

std::function<void(Canvas&, double, double)> box_swatch(std::string attributes) {
  return
      [attributes](Canvas& canvas, double x, double y) { canvas.rect(x, y, 14, 14, attributes); };
}

/// The labels' column: as wide as the widest label, capped at 35% of the width, and each label
/// wrapped to it (three lines at most, then an ellipsis).
struct LabelColumn {
  double width = 0;
  std::vector<TextBlock> blocks;
};

LabelColumn label_column(const std::vector<std::string>& labels, double chart_width) {
  LabelColumn column;
  double cap = std::max(60.0, chart_width * 0.35);
  for (const std::string& label : labels) {
    column.width = std::max(column.width, std::min(cap, chart_text_width(label, kFont)));
  }
  for (const std::string& label : labels) {
    column.blocks.push_back(wrapped_block(label, column.width, kFont, 3));
  }
  return column;
}

/// Value texts never take more than 30% of the width.
TextBlock value_block(const std::string& text, double chart_width) {
  return single_line(text, chart_width * 0.3, kSmall);
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

/// The sentence about items left out, or "".
std::string invalid_note(const std::vector<std::string>& invalid) {
  if (invalid.empty()) return "";
  return "另有 " + std::to_string(invalid.size()) + " 项数据无效，未绘出：" + join(invalid, "、") +
         "。";
}

double sum_of(const std::vector<Item>& items) {
  double total = 0;
  for (const Item& item : items) total += item.value;
  return total;
}

std::string total_text(const ChartSpec& spec, double total) {
  std::string given = clean_text(spec.total_text);
  return given.empty() ? with_unit(total, spec.unit) : given;
}

/// "总计 X，其中A a，占 p%；B b，占 q%。" — shares only when no value is negative; "A a；B b。"
/// when the items are not parts of one whole.
std::string part_of_whole_desc(const ChartSpec& spec, const std::vector<Item>& items) {
  double total = sum_of(items);
  bool shares = spec.additive && std::none_of(items.begin(), items.end(), [](const Item& i) { return i.value < 0; });
  std::vector<std::string> parts;
  for (const Item& item : items) {
    std::string part = item.label + " " + item.value_text;
    if (shares && total > 0) part += "，占 " + percent_in_words(item.value / total);
    parts.push_back(part);
  }
  if (!spec.additive) return join(parts, "；") + "。";
  return "总计 " + total_text(spec, total) + "，其中" + join(parts, "；") + "。";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Horizontal bars: hbar (one series) and grouped_bar (several), with a zero axis
// ---------------------------------------------------------------------------------------------

namespace {

struct BarScale {
  double zero = 0;      // x of the value 0
  double scale = 0;     // units per value
  double text_cap = 0;  // widest a value text may be
};

const std::string kNoData = "无数据";

const std::string& bar_text(const std::optional<Item>& cell) {
  return cell ? cell->value_text : kNoData;
}

/// Room for value texts on both sides: positives' texts right of their bar end, negatives'
/// left. Texts are capped so that the bars keep at least a third of the plot.
BarScale bar_scale(const Table& table, double left, double right, double width) {
  double lo = 0, hi = 0, text_left = 0, text_right = 0;
  for (const auto& column : table.cells) {
    for (const auto& cell : column) lo = std::min(lo, cell ? cell->value : 0);
  }
  double sides = lo < 0 ? 2 : 1;
  double cap = std::min(width * 0.3, (right - left) * 0.65 / sides - kGap);
  for (const auto& column : table.cells) {
    for (const auto& cell : column) {
      double w = chart_text_width(single_line(bar_text(cell), cap, kSmall).lines[0], kSmall) + kGap;
      double v = cell ? cell->value : 0;
      hi = std::max(hi, v);
      (v < 0 ? text_left : text_right) = std::max(v < 0 ? text_left : text_right, w);
    }
  }
  double span = hi - lo;
  double room = right - left - text_left - text_right;
  double scale = span > 0 ? room / span : 0;
  return {left + text_left - lo * scale, scale, cap};
}

struct BarStyle {
  double bar_height = 20;
  bool by_series = false;  // colour by series (grouped) rather than one colour (hbar)
};

/// One category: its label and one bar per series, stacked vertically. Returns the row's height.
double draw_bar_row(Canvas& canvas, const Table& table, std::size_t category, TextBlock label,
                    double label_right, double top, const BarScale& scale, const BarStyle& style) {
  const double between = 4;
  std::size_t n = table.cells.size();
  double group = static_cast<double>(n) * style.bar_height + static_cast<double>(n - 1) * between;
  double height = std::max(group, block_height(label.lines.size(), kFont));
  label.x = label_right;
  label.anchor = Anchor::end;
  label.y = centered_baseline(top + height / 2, label.lines.size(), kFont);
  canvas.text(label);
  double y = top + (height - group) / 2;
  for (std::size_t s = 0; s < n; ++s, y += style.bar_height + between) {
    const std::optional<Item>& cell = table.cells[s][category];
    double v = cell ? cell->value : 0;
    double end = scale.zero + v * scale.scale;
    std::string series = table.series_names[s];
    std::string hover =
        table.categories[category] + (series.empty() ? "" : " " + series) + "：" + bar_text(cell);
    int index = style.by_series ? static_cast<int>(s) : 0;
    if (cell && v != 0) {
      canvas.rect(std::min(scale.zero, end), y, std::fabs(end - scale.zero), style.bar_height,
                  mark_attributes(canvas, "chart-bar", index, style.by_series ? index : 0), hover);
    }
    TextBlock value = single_line(bar_text(cell), scale.text_cap, kSmall);
    value.css_class = "chart-value";
    value.x = v < 0 ? end - kGap : end + kGap;
    value.anchor = v < 0 ? Anchor::end : Anchor::start;
    value.y = centered_baseline(y + style.bar_height / 2, 1, kSmall);
    canvas.text(value);
  }
  return height;
}

/// Draws all rows from `top`; returns the y below them.
double draw_bar_rows(Canvas& canvas, const Table& table, double top, const BarStyle& style) {
  const double row_gap = style.by_series ? 14 : 10;
  LabelColumn labels = label_column(table.categories, canvas.width());
  double plot_left = kPad + labels.width + 10;
  BarScale scale = bar_scale(table, plot_left, canvas.width() - kPad, canvas.width());
  double y = top;
  for (std::size_t c = 0; c < table.categories.size(); ++c) {
    y += draw_bar_row(canvas, table, c, labels.blocks[c], kPad + labels.width, y, scale, style);
    y += row_gap;
  }
  canvas.line(scale.zero, top - 4, scale.zero, y - row_gap + 4, kAxisAttributes);
  return y - row_gap + 4;
}

/// A single-series table from prepared items (hbar).
Table single_series_table(const Prepared& prepared) {
  Table table;
  table.series_names = {""};
  table.cells.emplace_back();
  for (const Item& item : prepared.items) {
    table.categories.push_back(item.label);
    table.cells[0].push_back(item);
  }
  table.invalid = prepared.invalid;
  return table;
}

double draw_hbar(Canvas& canvas, const Prepared& prepared, double top) {
  return draw_bar_rows(canvas, single_series_table(prepared), top + 6, BarStyle{20, false});
}

std::vector<LegendEntry> series_legend(Canvas& canvas, const Table& table) {
  std::vector<LegendEntry> entries;
  for (std::size_t s = 0; s < table.series_names.size(); ++s) {
    int index = static_cast<int>(s);
    std::string name =
        table.series_names[s].empty() ? "系列 " + std::to_string(s + 1) : table.series_names[s];
    entries.push_back({name, box_swatch(mark_attributes(canvas, "chart-swatch", index, index))});
  }
  return entries;
}

double draw_grouped(Canvas& canvas, const Table& table, double top) {
  double y = draw_legend(canvas, series_legend(canvas, table), top);
  return draw_bar_rows(canvas, table, y + 8, BarStyle{16, true});
}

/// "A：2022 年 x，2023 年 y；B：…。"
std::string table_desc(const Table& table) {
  std::vector<std::string> rows;
  for (std::size_t c = 0; c < table.categories.size(); ++c) {
    std::vector<std::string> cells;
    for (std::size_t s = 0; s < table.cells.size(); ++s) {
      const std::optional<Item>& cell = table.cells[s][c];
      std::string name = table.series_names[s];
      cells.push_back((name.empty() ? "" : name + " ") + (cell ? cell->value_text : "无数据"));
    }
    rows.push_back(table.categories[c] + "：" + join(cells, "，"));
  }
  return join(rows, "；") + "。";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Track rows: budget_actual (planned track, executed fill) and score_bar (weight, score)
// ---------------------------------------------------------------------------------------------

namespace {

struct TrackRow {
  std::string label;
  double track = 0;
  double fill = 0;
  std::string end_text;              // after the bar: "执行率 92.3%", "12.0 / 12.5"
  std::vector<std::string> details;  // under the bar: on one line if they fit, else one each
  std::string hover;
};

struct TrackGeometry {
  LabelColumn labels;
  double plot_left = 0;
  double scale = 0;
};

TrackGeometry track_geometry(const std::vector<TrackRow>& rows, double width) {
  TrackGeometry g;
  std::vector<std::string> names;
  double max_value = 0, end_text = 0;
  for (const TrackRow& row : rows) {
    names.push_back(row.label);
    max_value = std::max({max_value, row.track, row.fill});
    end_text =
        std::max(end_text, chart_text_width(value_block(row.end_text, width).lines[0], kSmall));
  }
  g.labels = label_column(names, width);
  g.plot_left = kPad + g.labels.width + 10;
  double room = std::max(width - kPad - g.plot_left - end_text - kGap, 20.0);
  g.scale = max_value > 0 ? room / max_value : 0;
  return g;
}

/// The details under a bar: joined on one line when that fits, else one line each.
TextBlock detail_block(const std::vector<std::string>& details, double max_width) {
  TextBlock block;
  block.size = kSmall;
  block.css_class = "chart-note";
  std::string joined = join(details, "，");
  if (details.empty()) return block;
  if (chart_text_width(joined, kSmall) <= max_width) {
    block.lines = {joined};
    return block;
  }
  for (const std::string& part : details) block.lines.push_back(ellipsize(part, max_width, kSmall));
  if (block.lines != details) block.hover = joined;
  return block;
}

double draw_track_row(Canvas& canvas, const TrackRow& row, TextBlock label, const TrackGeometry& g,
                      double top) {
  const double bar = 18;
  TextBlock detail = detail_block(row.details, canvas.width() - kPad - g.plot_left);
  double content = bar + (detail.lines.empty() ? 0 : 4 + block_height(detail.lines.size(), kSmall));
  double height = std::max(content, block_height(label.lines.size(), kFont));
  label.x = g.plot_left - 10;
  label.anchor = Anchor::end;
  label.y = top + bar / 2 - block_height(1, kFont) / 2 + kAscent * kFont;
  canvas.text(label);
  canvas.rect(g.plot_left, top, row.track * g.scale, bar, kTrackAttributes, row.hover);
  canvas.rect(g.plot_left, top + 4, row.fill * g.scale, bar - 8,
              "class=\"chart-bar chart-c1\" fill=\"" + colour(0) + "\"", row.hover);
  TextBlock end = value_block(row.end_text, canvas.width());
  end.css_class = "chart-value";
  end.x = g.plot_left + std::max(row.track, row.fill) * g.scale + kGap;
  end.y = centered_baseline(top + bar / 2, 1, kSmall);
  canvas.text(end);
  if (!detail.lines.empty()) {
    detail.x = g.plot_left;
    detail.y = top + bar + 4 + kAscent * kSmall;
    canvas.text(detail);
  }
  return height;
}

double draw_track_rows(Canvas& canvas, const std::vector<TrackRow>& rows, double top) {
  TrackGeometry g = track_geometry(rows, canvas.width());
  double y = top;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    y += draw_track_row(canvas, rows[i], g.labels.blocks[i], g, y) + 14;
  }
  return y - 14;
}

std::vector<LegendEntry> track_legend(const std::string& track_name, const std::string& fill_name) {
  return {{track_name, box_swatch(kTrackAttributes)},
          {fill_name, box_swatch("class=\"chart-swatch chart-c1\" fill=\"" + colour(0) + "\"")}};
}

std::string series_name(const Table& table, std::size_t s, const char* fallback) {
  return s < table.series_names.size() && !table.series_names[s].empty() ? table.series_names[s]
                                                                         : fallback;
}

std::string execution_rate(const Item& planned, const Item& executed) {
  if (!executed.rate_text.empty()) return executed.rate_text;
  double percent = planned.value > 0 ? executed.value / planned.value * 100 : 0;
  if (planned.value <= 0 || !(percent < 1e6)) return "—";
  return fixed(percent, 1) + "%";
}

/// Execution beyond this share of the budget is drawn at this length (the text tells the rest).
constexpr double kLargestRate = 1.5;

/// Rows of budget_actual: categories with both a planned and an executed value. Each track is
/// that item's own budget, so the bars compare execution rates; the amounts are in the text.
std::vector<TrackRow> budget_rows(const Table& table, std::vector<std::string>& missing) {
  std::vector<TrackRow> rows;
  std::string planned_name = series_name(table, 0, "预算数");
  std::string executed_name = series_name(table, 1, "执行数");
  for (std::size_t c = 0; c < table.categories.size(); ++c) {
    const std::optional<Item>& planned = table.cells[0][c];
    const std::optional<Item>* executed = table.cells.size() > 1 ? &table.cells[1][c] : nullptr;
    if (!planned || !executed || !*executed) {
      missing.push_back(table.categories[c]);
      continue;
    }
    std::string rate = execution_rate(*planned, **executed);
    std::vector<std::string> details = {planned_name + " " + planned->value_text,
                                        executed_name + " " + (*executed)->value_text};
    double done = (*executed)->value;
    double share = planned->value > 0 ? done / planned->value : done > 0 ? kLargestRate : 0;
    rows.push_back({table.categories[c], planned->value > 0 ? 1.0 : 0.0,
                    std::min(share, kLargestRate), "执行率 " + rate, details,
                    table.categories[c] + "：" + join(details, "，") + "，执行率 " + rate});
  }
  return rows;
}

std::string budget_desc(const std::vector<TrackRow>& rows) {
  std::vector<std::string> parts;
  for (const TrackRow& row : rows) {
    parts.push_back(row.label + "：" + join(row.details, "，") + "，" + row.end_text);
  }
  return join(parts, "；") + "。";
}

std::vector<TrackRow> score_rows(const Prepared& prepared) {
  std::vector<TrackRow> rows;
  for (const Item& item : prepared.items) {
    std::string text = item.value_text + " / " + item.full_marks_text;
    rows.push_back({item.label,
                    item.full_marks,
                    item.value,
                    text,
                    {},
                    item.label + "：得分 " + item.value_text + "，满分 " + item.full_marks_text});
  }
  return rows;
}

std::string score_desc(const Prepared& prepared) {
  double score = 0, full = 0;
  std::vector<std::string> parts;
  for (const Item& item : prepared.items) {
    score += item.value, full += item.full_marks;
    parts.push_back(item.label + " " + item.value_text + " / " + item.full_marks_text);
  }
  return "合计得分 " + format_number(score) + "，满分 " + format_number(full) + "。各项得分：" +
         join(parts, "；") + "。";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Donut: ring of slices, total in the middle, legend beside (wide) or below (narrow)
// ---------------------------------------------------------------------------------------------

namespace {

struct Point {
  double x = 0;
  double y = 0;
};

Point on_circle(Point c, double r, double angle) {  // angle 0 = 12 o'clock, clockwise
  return {c.x + r * std::sin(angle), c.y - r * std::cos(angle)};
}

std::string point(Point p) { return num(p.x) + " " + num(p.y); }

/// An annular sector; a whole ring when the sweep is (nearly) 2π.
std::string ring_sector(Point c, double outer, double inner, double from, double to) {
  const double two_pi = 2 * std::numbers::pi;
  if (to - from >= two_pi - 1e-9) {
    std::string o = num(outer), i = num(inner);
    return "M" + point(on_circle(c, outer, 0)) + "A" + o + " " + o + " 0 1 1 " +
           point(on_circle(c, outer, std::numbers::pi)) + "A" + o + " " + o + " 0 1 1 " +
           point(on_circle(c, outer, 0)) + "ZM" + point(on_circle(c, inner, 0)) + "A" + i + " " +
           i + " 0 1 0 " + point(on_circle(c, inner, std::numbers::pi)) + "A" + i + " " + i +
           " 0 1 0 " + point(on_circle(c, inner, 0)) + "Z";
  }
  std::string large = to - from > std::numbers::pi ? "1" : "0";
  return "M" + point(on_circle(c, outer, from)) + "A" + num(outer) + " " + num(outer) + " 0 " +
         large + " 1 " + point(on_circle(c, outer, to)) + "L" + point(on_circle(c, inner, to)) +
         "A" + num(inner) + " " + num(inner) + " 0 " + large + " 0 " +
         point(on_circle(c, inner, from)) + "Z";
}

/// Slice fills: colours first, hatches once colours repeat — and always from the second slice
/// on, since neighbouring Okabe–Ito colours can print as similar greys.
int slice_hatch(std::size_t i) { return static_cast<int>(i % kHatches); }

void draw_slices(Canvas& canvas, const std::vector<Item>& items, Point c, double r) {
  double total = sum_of(items), angle = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].value <= 0) continue;
    double sweep = items[i].value / total * 2 * std::numbers::pi;
    std::string hover = items[i].label + "：" + items[i].value_text + "（" +
                        format_percent(items[i].value / total) + "）";
    canvas.path(ring_sector(c, r, r * 0.6, angle, angle + sweep),
                mark_attributes(canvas, "chart-slice", static_cast<int>(i), slice_hatch(i)) + " " +
                    kSeparator + " stroke-width=\"1.5\" fill-rule=\"evenodd\"",
                hover);
    angle += sweep;
  }
}

/// "总计" and the total inside the hole, when they fit.
void draw_donut_centre(Canvas& canvas, const ChartSpec& spec, double total, Point c, double r) {
  std::string text = total_text(spec, total);
  double room = 2 * r * 0.6 * 0.85;
  if (chart_text_width(text, kFont) > room) return;
  TextBlock caption;
  caption.lines = {"总计"};
  caption.size = kSmall;
  caption.anchor = Anchor::middle;
  caption.css_class = "chart-note";
  caption.x = c.x;
  caption.y = c.y - 4;
  canvas.text(caption);
  TextBlock value;
  value.lines = {text};
  value.anchor = Anchor::middle;
  value.bold = true;
  value.css_class = "chart-total";
  value.x = c.x;
  value.y = c.y + 4 + kAscent * kFont;
  canvas.text(value);
}

/// Legend entries: swatch, label (wrapped), and "value（share）" below. Returns the y below.
double draw_donut_legend(Canvas& canvas, const std::vector<Item>& items, double x, double top,
                         double width) {
  const double swatch = 14;
  double total = sum_of(items), y = top;
  for (std::size_t i = 0; i < items.size(); ++i) {
    TextBlock label = wrapped_block(items[i].label, width - swatch - 8, kFont, 3);
    label.x = x + swatch + 8;
    label.y = y + kAscent * kFont;
    canvas.rect(x, y + 1, swatch, swatch,
                mark_attributes(canvas, "chart-swatch", static_cast<int>(i), slice_hatch(i)));
    canvas.text(label);
    double below = y + block_height(label.lines.size(), kFont) + 4;
    TextBlock value =
        single_line(items[i].value_text + "（" + format_percent(items[i].value / total) + "）",
                    width - swatch - 8, kSmall);
    value.css_class = "chart-value";
    value.x = label.x;
    value.y = below + kAscent * kSmall;
    canvas.text(value);
    y = below + kSmall + 12;
  }
  return y - 12;
}

double draw_donut(Canvas& canvas, const ChartSpec& spec, const Prepared& prepared, double top) {
  double w = canvas.width();
  bool beside = w >= 460;
  double diameter = beside ? std::min(220.0, w * 0.38) : std::min(220.0, w - 2 * kPad);
  double r = diameter / 2;
  Point c = beside ? Point{kPad + r, top + 4 + r} : Point{w / 2, top + 4 + r};
  draw_slices(canvas, prepared.items, c, r);
  draw_donut_centre(canvas, spec, sum_of(prepared.items), c, r);
  double legend_x = beside ? kPad + diameter + 24 : kPad;
  double legend_top = beside ? top + 4 : top + 4 + diameter + 16;
  double bottom =
      draw_donut_legend(canvas, prepared.items, legend_x, legend_top, w - kPad - legend_x);
  return std::max(bottom, top + 4 + diameter);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Treemap: squarified tiles, two levels, headers and labels where they fit
// ---------------------------------------------------------------------------------------------

namespace {

struct Rect {
  double x = 0;
  double y = 0;
  double w = 0;
  double h = 0;
};

/// The worst aspect ratio of a row of `areas` laid along a side of length `side`.
double worst_ratio(double sum, double smallest, double largest, double side) {
  double s2 = side * side, sum2 = sum * sum;
  return std::max(s2 * largest / sum2, sum2 / (s2 * smallest));
}

/// Lays areas[begin, end) as one strip along the shorter side of `space`, which shrinks.
void place_strip(const std::vector<double>& areas, std::size_t begin, std::size_t end, Rect& space,
                 std::vector<Rect>& out) {
  double sum = 0;
  for (std::size_t i = begin; i < end; ++i) sum += areas[i];
  bool vertical = space.w >= space.h;  // strip is a column at the left
  double thickness = vertical ? sum / space.h : sum / space.w;
  double offset = 0;
  for (std::size_t i = begin; i < end; ++i) {
    double length = areas[i] / thickness;
    out.push_back(vertical ? Rect{space.x, space.y + offset, thickness, length}
                           : Rect{space.x + offset, space.y, length, thickness});
    offset += length;
  }
  if (vertical)
    space.x += thickness, space.w -= thickness;
  else
    space.y += thickness, space.h -= thickness;
}

/// Squarified treemap (Bruls, Huizing, van Wijk) of `values` sorted descending, into `bounds`.
std::vector<Rect> squarify(const std::vector<double>& values, Rect bounds) {
  std::vector<Rect> out;
  double total = 0;
  for (double v : values) total += v;
  if (total <= 0 || bounds.w <= 0 || bounds.h <= 0) return std::vector<Rect>(values.size());
  std::vector<double> areas;
  for (double v : values) areas.push_back(v / total * bounds.w * bounds.h);
  Rect space = bounds;
  std::size_t begin = 0;
  while (begin < areas.size()) {
    double side = std::min(space.w, space.h), sum = areas[begin];
    std::size_t end = begin + 1;
    while (end < areas.size() && worst_ratio(sum + areas[end], areas[end], areas[begin], side) <=
                                     worst_ratio(sum, areas[end - 1], areas[begin], side)) {
      sum += areas[end++];
    }
    place_strip(areas, begin, end, space, out);
    begin = end;
  }
  return out;
}

/// Rectangles for `items` in their own order, laid out largest first; zero items get none.
std::vector<Rect> tile(const std::vector<Item>& items, Rect bounds) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (items[i].value > 0) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return items[a].value > items[b].value; });
  std::vector<double> values;
  for (std::size_t i : order) values.push_back(items[i].value);
  std::vector<Rect> placed = squarify(values, bounds);
  std::vector<Rect> out(items.size());
  for (std::size_t k = 0; k < order.size(); ++k) out[order[k]] = placed[k];
  return out;
}

struct TreemapState {
  double total = 0;
  std::vector<std::string> unlabelled;  // "label value（share）"
};

/// "name value（share）" for the list of tiles drawn without a label.
std::string share_entry(const std::string& name, const Item& item, double share) {
  return name + " " + item.value_text + "（" + format_percent(share) + "）";
}

/// Name lines then the value, inside a tile, if both fit; false when the tile is too small.
bool label_tile(Canvas& canvas, const Item& item, Rect r) {
  const double inner_w = r.w - 8, inner_h = r.h - 6;
  double pitch = line_pitch(kSmall);
  auto lines_fitting = static_cast<std::size_t>(std::max(0.0, (inner_h - kSmall) / pitch + 1));
  if (inner_w < 3 * kSmall || lines_fitting < 2 ||
      chart_text_width(item.value_text, kSmall) > inner_w) {
    return false;
  }
  TextBlock name =
      wrapped_block(item.label, inner_w, kSmall, std::min<std::size_t>(3, lines_fitting - 1));
  name.lines.push_back(item.value_text);
  name.x = r.x + 4;
  name.y = r.y + 4 + kAscent * kSmall;
  name.css_class = "chart-tile-label";
  canvas.chip(name);
  canvas.text(name);
  return true;
}

/// Height of a parent tile's header band.
constexpr double kHeaderBand = 22;

/// The parent's "name value" band at the top of its tile; false when it does not fit.
bool label_header(Canvas& canvas, const Item& item, Rect r) {
  const double band = kHeaderBand;
  double inner_w = r.w - 8;
  std::string value = " " + item.value_text;
  double value_w = chart_text_width(value, kSmall);
  if (r.h < band + 24 || inner_w - value_w < 3 * kSmall) return false;
  TextBlock header = single_line(item.label, inner_w - value_w, kSmall);
  header.lines[0] += value;
  header.x = r.x + 4;
  header.y = r.y + 3 + kAscent * kSmall;
  header.bold = true;
  header.css_class = "chart-tile-header";
  canvas.chip(header);
  canvas.text(header);
  return true;
}

/// The second level inside `area`: outlined tiles over the parent's fill, labelled if they fit.
/// Children's shares are of the whole, through their parent, as their tiles' areas are.
void draw_children(Canvas& canvas, const Item& parent, Rect area, TreemapState& state) {
  std::vector<Rect> tiles = tile(parent.children, area);
  double parent_share = parent.value / state.total, children = sum_of(parent.children);
  for (std::size_t i = 0; i < parent.children.size(); ++i) {
    const Item& child = parent.children[i];
    if (child.value <= 0) continue;
    canvas.rect(
        tiles[i].x, tiles[i].y, tiles[i].w, tiles[i].h,
        "class=\"chart-subtile\" fill=\"none\" " + std::string(kSeparator) + " stroke-width=\"1\"",
        parent.label + " / " + child.label + "：" + child.value_text);
    if (!label_tile(canvas, child, tiles[i])) {
      state.unlabelled.push_back(share_entry(parent.label + "/" + child.label, child,
                                             parent_share * child.value / children));
    }
  }
}

/// A first-level tile: its fill, then either its own label or a header band over its children.
void draw_parent(Canvas& canvas, const Item& parent, int index, Rect r, TreemapState& state) {
  std::string attributes =
      mark_attributes(canvas, "chart-tile", index, slice_hatch(static_cast<std::size_t>(index)));
  canvas.rect(r.x, r.y, r.w, r.h, attributes + " " + kSeparator + " stroke-width=\"2\"",
              parent.label + "：" + parent.value_text);
  bool has_children = sum_of(parent.children) > 0;
  bool labelled = has_children ? label_header(canvas, parent, r) : label_tile(canvas, parent, r);
  if (!labelled) {
    state.unlabelled.push_back(share_entry(parent.label, parent, parent.value / state.total));
  }
  if (!has_children) return;
  double band = labelled ? kHeaderBand : 0;
  Rect area{r.x + 1, r.y + band + 1, std::max(r.w - 2, 0.0), std::max(r.h - band - 2, 0.0)};
  draw_children(canvas, parent, area, state);
}

double draw_treemap(Canvas& canvas, const Prepared& prepared, double top) {
  double w = canvas.width() - 2 * kPad;
  Rect bounds{kPad, top + 4, w, std::round(std::clamp(w * 0.62, 200.0, 520.0))};
  TreemapState state{sum_of(prepared.items), {}};
  std::vector<Rect> tiles = tile(prepared.items, bounds);
  for (std::size_t i = 0; i < prepared.items.size(); ++i) {
    if (prepared.items[i].value > 0) {
      draw_parent(canvas, prepared.items[i], static_cast<int>(i), tiles[i], state);
    }
  }
  double y = bounds.y + bounds.h;
  if (state.unlabelled.empty()) return y;
  TextBlock note = wrapped_block("图中未标注：" + join(state.unlabelled, "；"), w, kSmall, 1000);
  note.css_class = "chart-note";
  note.x = kPad;
  note.y = y + 10 + kAscent * kSmall;
  canvas.text(note);
  return y + 10 + block_height(note.lines.size(), kSmall);
}

std::string treemap_desc(const ChartSpec& spec, const std::vector<Item>& items) {
  double total = sum_of(items);
  std::vector<std::string> parts;
  for (const Item& item : items) {
    std::string part = item.label + " " + item.value_text;
    if (total > 0) part += "，占 " + percent_in_words(item.value / total);
    std::vector<std::string> children;
    for (const Item& child : item.children)
      children.push_back(child.label + " " + child.value_text);
    if (!children.empty()) part += "（" + join(children, "、") + "）";
    parts.push_back(part);
  }
  return "总计 " + total_text(spec, total) + "，其中" + join(parts, "；") + "。";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Line: one line per series over shared categories (years), markers and value labels
// ---------------------------------------------------------------------------------------------

namespace {

/// Gridline values: a 1-2-5 step covering [lo, hi], lo ≤ 0 ≤ hi.
std::vector<double> nice_ticks(double lo, double hi) {
  double span = hi - lo;
  double raw = span / 4;
  double magnitude = std::pow(10, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  std::vector<double> ticks;
  double first = std::floor(lo / step) * step;
  for (int i = 0; i < 12; ++i) {
    double t = first + step * i;
    ticks.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
    if (t >= hi) break;
  }
  return ticks;
}

const char* const kDashes[] = {"", "7 4", "2 3", "9 3 2 3"};

/// A marker of shape `series % 4` (circle, square, triangle, diamond) centred at p.
std::string marker_path(int series, Point p) {
  const double r = 4.5;
  std::string x = num(p.x), y = num(p.y);
  switch (series % 4) {
    case 1:
      return "M" + num(p.x - r) + " " + num(p.y - r) + "h" + num(2 * r) + "v" + num(2 * r) + "h" +
             num(-2 * r) + "Z";
    case 2:
      return "M" + x + " " + num(p.y - r - 1) + "L" + num(p.x + r + 1) + " " + num(p.y + r) + "H" +
             num(p.x - r - 1) + "Z";
    case 3:
      return "M" + x + " " + num(p.y - r - 1) + "L" + num(p.x + r + 1) + " " + y + "L" + x + " " +
             num(p.y + r + 1) + "L" + num(p.x - r - 1) + " " + y + "Z";
    default:
      return "M" + num(p.x - r) + " " + y + "a" + num(r) + " " + num(r) + " 0 1 0 " + num(2 * r) +
             " 0a" + num(r) + " " + num(r) + " 0 1 0 " + num(-2 * r) + " 0Z";
  }
}

std::string series_stroke(int s) {
  std::string out = "stroke=\"" + colour(s) + "\" stroke-width=\"2.5\" fill=\"none\"";
  const char* dash = kDashes[s % 4];
  if (*dash) out += std::string(" stroke-dasharray=\"") + dash + "\"";
  return out;
}

struct LinePlot {
  double left = 0, right = 0, top = 0, bottom = 0;
  double lo = 0, hi = 0;
  std::vector<double> xs;
  double spacing = 0;  // between neighbouring categories
  double y(double v) const { return bottom - (v - lo) / (hi - lo) * (bottom - top); }
};

/// Point labels are kept this narrow so the outer columns' inset can hold half of one.
constexpr double kPointLabelWidth = 120;

/// The point labels' texts: as given, or bare numbers when those would collide.
std::vector<std::vector<std::string>> point_texts(const Table& table, double spacing,
                                                  double& widest) {
  for (bool compact : {false, true}) {
    std::vector<std::vector<std::string>> texts(table.cells.size());
    widest = 0;
    for (std::size_t s = 0; s < table.cells.size(); ++s) {
      for (const auto& cell : table.cells[s]) {
        std::string t = !cell     ? ""
                        : compact ? format_number(cell->value)
                                  : ellipsize(cell->value_text, kPointLabelWidth, kSmall);
        widest = std::max(widest, chart_text_width(t, kSmall));
        texts[s].push_back(t);
      }
    }
    if (compact || widest <= spacing - kGap) return texts;
  }
  return {};
}

/// Every `stride`-th category, counted back from the last, so the latest is always labelled.
bool shown(std::size_t c, std::size_t count, std::size_t stride) {
  return (count - 1 - c) % stride == 0;
}

std::size_t stride_for(double widest, double spacing, std::size_t count) {
  if (count < 2 || widest + kGap <= spacing) return 1;
  return static_cast<std::size_t>(std::ceil((widest + kGap) / spacing));
}

bool boxes_meet(const ChartTextBox& a, const ChartTextBox& b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/// Point labels: each goes just above its marker (below, for negatives), else the other side,
/// else further out, at the first place that covers no marker and no other label and stays in
/// the plot; a label with no such place is left out (its value is in the description and in
/// the marker's hover title).
class PointLabels {
 public:
  PointLabels(double left, double right, double top, double bottom)
      : left_(left), right_(right), top_(top), bottom_(bottom) {}

  void add_marker(Point p) { taken_.push_back({p.x - 6, p.y - 6, 12, 12, ""}); }

  /// Where a label `width` wide for the marker at `marker` goes: centre x and baseline.
  std::optional<Point> place(Point marker, double width, bool prefer_below) {
    const double pitch = kSmall * 1.2;
    double x = std::clamp(marker.x, left_ + width / 2, right_ - width / 2);
    double above = marker.y - 9, below = marker.y + 9 + kAscent * kSmall;
    for (int k = 0; k < 4; ++k) {
      for (double baseline : {prefer_below ? below + pitch * k : above - pitch * k,
                              prefer_below ? above - pitch * k : below + pitch * k}) {
        ChartTextBox box{x - width / 2, baseline - kAscent * kSmall, width, kSmall, ""};
        if (fits(box)) {
          taken_.push_back(box);
          return Point{x, baseline};
        }
      }
    }
    return std::nullopt;
  }

 private:
  bool fits(const ChartTextBox& box) const {
    if (box.x < left_ - 0.01 || box.x + box.width > right_ + 0.01) return false;
    if (box.y < top_ || box.y + box.height > bottom_) return false;
    return std::none_of(taken_.begin(), taken_.end(),
                        [&](const ChartTextBox& t) { return boxes_meet(box, t); });
  }

  double left_, right_, top_, bottom_;
  std::vector<ChartTextBox> taken_;
};

void draw_point_labels(Canvas& canvas, const Table& table, const LinePlot& plot) {
  double widest = 0;
  auto texts = point_texts(table, plot.spacing, widest);
  std::size_t count = table.categories.size();
  std::size_t stride = stride_for(widest, plot.spacing, count);
  PointLabels placer(plot.left, canvas.width() - 4, plot.top - 18, plot.bottom - 1);
  for (std::size_t c = 0; c < count; ++c) {
    for (const auto& column : table.cells) {
      if (column[c]) placer.add_marker({plot.xs[c], plot.y(column[c]->value)});
    }
  }
  for (std::size_t c = 0; c < count; ++c) {
    if (!shown(c, count, stride)) continue;
    std::vector<std::pair<double, std::size_t>> order;  // marker y, series: top first
    for (std::size_t s = 0; s < table.cells.size(); ++s) {
      if (table.cells[s][c]) order.push_back({plot.y(table.cells[s][c]->value), s});
    }
    std::sort(order.begin(), order.end());
    for (const auto& [marker_y, s] : order) {
      double width = chart_text_width(texts[s][c], kSmall);
      auto at = placer.place({plot.xs[c], marker_y}, width, table.cells[s][c]->value < 0);
      if (!at) continue;
      TextBlock block;
      block.lines = {texts[s][c]};
      block.size = kSmall;
      block.anchor = Anchor::middle;
      block.halo = true;
      block.css_class = "chart-value";
      block.x = at->x;
      block.y = at->y;
      canvas.text(block);
    }
  }
}

void draw_axes(Canvas& canvas, const LinePlot& plot, const std::vector<double>& ticks) {
  for (double t : ticks) {
    double y = plot.y(t);
    canvas.line(plot.left, y, plot.right, y, t == 0 ? kAxisAttributes : kGridAttributes);
    TextBlock label;
    label.lines = {format_number(t)};
    label.size = kSmall;
    label.anchor = Anchor::end;
    label.css_class = "chart-tick";
    label.x = plot.left - kGap;
    label.y = centered_baseline(y, 1, kSmall);
    canvas.text(label);
  }
}

/// Category names under the plot; returns the y below them.
/// Every name fits its column in two lines, so none needs leaving out.
bool names_fit_two_lines(const Table& table, double room) {
  return std::none_of(table.categories.begin(), table.categories.end(),
                      [&](const auto& name) { return wrap_text(name, room, kSmall, 2).truncated; });
}

double draw_categories(Canvas& canvas, const Table& table, const LinePlot& plot) {
  double widest = 0;
  for (const std::string& name : table.categories) {
    widest = std::max(widest, std::min(chart_text_width(name, kSmall), 120.0));
  }
  std::size_t count = table.categories.size();
  std::size_t stride =
      names_fit_two_lines(table, plot.spacing - kGap) ? 1 : stride_for(widest, plot.spacing, count);
  double room =
      count < 2 ? plot.right - plot.left : plot.spacing * static_cast<double>(stride) - kGap;
  double bottom = plot.bottom;
  for (std::size_t c = 0; c < count; ++c) {
    if (!shown(c, count, stride)) continue;
    double edge = 2 * std::min(plot.xs[c] - 4, canvas.width() - 4 - plot.xs[c]);
    TextBlock name = wrapped_block(table.categories[c], std::min(room, edge), kSmall, 2);
    name.anchor = Anchor::middle;
    name.css_class = "chart-category";
    name.x = plot.xs[c];
    name.y = plot.bottom + 8 + kAscent * kSmall;
    canvas.text(name);
    bottom = std::max(bottom, plot.bottom + 8 + block_height(name.lines.size(), kSmall));
  }
  return bottom;
}

void draw_series_lines(Canvas& canvas, const Table& table, const LinePlot& plot) {
  for (std::size_t s = 0; s < table.cells.size(); ++s) {
    int index = static_cast<int>(s);
    std::string d;
    bool pen_down = false;
    for (std::size_t c = 0; c < table.categories.size(); ++c) {
      const auto& cell = table.cells[s][c];
      if (!cell) {
        pen_down = false;
        continue;
      }
      d += (pen_down ? "L" : "M") + point({plot.xs[c], plot.y(cell->value)});
      pen_down = true;
    }
    canvas.path(d, "class=\"chart-line " + colour_class(index) + "\" " + series_stroke(index));
    for (std::size_t c = 0; c < table.categories.size(); ++c) {
      const auto& cell = table.cells[s][c];
      if (!cell) continue;
      std::string hover = (table.series_names[s].empty() ? "" : table.series_names[s] + " ") +
                          table.categories[c] + "：" + cell->value_text;
      canvas.path(marker_path(index, {plot.xs[c], plot.y(cell->value)}),
                  "class=\"chart-marker " + colour_class(index) + "\" fill=\"" + colour(index) +
                      "\" " + kSeparator + " stroke-width=\"1.5\"",
                  hover);
    }
  }
}

std::vector<LegendEntry> line_legend(const Table& table) {
  std::vector<LegendEntry> entries;
  for (std::size_t s = 0; s < table.series_names.size(); ++s) {
    int index = static_cast<int>(s);
    entries.push_back(
        {series_name(table, s, "系列"), [index](Canvas& canvas, double x, double y) {
           canvas.line(x - 2, y + 7, x + 16, y + 7,
                       "class=\"chart-line " + colour_class(index) + "\" " + series_stroke(index));
           canvas.path(
               marker_path(index, {x + 7, y + 7}),
               "class=\"chart-marker " + colour_class(index) + "\" fill=\"" + colour(index) + "\"");
         }});
  }
  return entries;
}

void place_columns(LinePlot& plot, const Table& table, double widest_label) {
  std::size_t n = table.categories.size();
  double width = plot.right - plot.left;
  double inset = std::clamp(widest_label / 2 + 4, 16.0, width / 4);
  plot.spacing = n < 2 ? width : (width - 2 * inset) / static_cast<double>(n - 1);
  for (std::size_t c = 0; c < n; ++c) {
    plot.xs.push_back(n < 2 ? plot.left + width / 2 : plot.left + inset + plot.spacing * c);
  }
}

/// "单位：万元" above the plot; returns the y below it.
double draw_unit_note(Canvas& canvas, const ChartSpec& spec, double top) {
  std::string unit = clean_text(spec.unit);
  if (unit.empty()) return top;
  TextBlock note = single_line("单位：" + unit, canvas.width() - 2 * kPad, kSmall);
  note.css_class = "chart-note";
  note.x = kPad;
  note.y = top + kAscent * kSmall;
  canvas.text(note);
  return top + kSmall + 8;
}

/// The widest of the texts that sit centred on a category: value labels and category names.
double widest_centred_text(const Table& table) {
  double widest = 0;
  for (const auto& column : table.cells) {
    for (const auto& cell : column) {
      if (cell) widest = std::max(widest, chart_text_width(cell->value_text, kSmall));
    }
  }
  for (const std::string& name : table.categories) {
    widest = std::max(widest, chart_text_width(name, kSmall));
  }
  return std::min(widest, kPointLabelWidth);
}

/// The plot's frame and value range (zero always included), with gridline values in `ticks`.
LinePlot line_plot(const Table& table, double width, double top, std::vector<double>& ticks) {
  LinePlot plot;
  for (const auto& column : table.cells) {
    for (const auto& cell : column) {
      if (cell) plot.lo = std::min(plot.lo, cell->value), plot.hi = std::max(plot.hi, cell->value);
    }
  }
  ticks = nice_ticks(plot.lo, plot.hi);
  plot.lo = std::min(plot.lo, ticks.front()), plot.hi = std::max(plot.hi, ticks.back());
  double tick_width = 0;
  for (double t : ticks) {
    tick_width = std::max(tick_width, chart_text_width(format_number(t), kSmall));
  }
  plot.left = kPad + tick_width + kGap;
  plot.right = width - kPad;
  plot.top = top + 22;
  plot.bottom = plot.top + std::clamp(width * 0.42, 160.0, 320.0);
  place_columns(plot, table, widest_centred_text(table));
  return plot;
}

double draw_line(Canvas& canvas, const ChartSpec& spec, const Table& table, double top) {
  if (table.series_names.size() > 1) top = draw_legend(canvas, line_legend(table), top);
  top = draw_unit_note(canvas, spec, top);
  std::vector<double> ticks;
  LinePlot plot = line_plot(table, canvas.width(), top, ticks);
  draw_axes(canvas, plot, ticks);
  draw_series_lines(canvas, table, plot);
  draw_point_labels(canvas, table, plot);
  return draw_categories(canvas, table, plot);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Assembly
// ---------------------------------------------------------------------------------------------

namespace {

std::string safe_id(std::string_view raw) {
  std::string id;
  for (char c : raw) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
    id += keep ? c : '-';
  }
  if (id.empty() || !((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= 'A' && id[0] <= 'Z'))) {
    id = "chart-" + id;
  }
  return id;
}

struct Drawing {
  std::string svg;
  ChartLayout layout;
};

/// The kind's marks and texts below `top`; returns the drawing's height and its description.
struct Drawn {
  double bottom = 0;
  std::string desc;
};

Drawn draw_single(Canvas& canvas, const ChartSpec& spec, const Prepared& prepared, double top) {
  switch (spec.kind) {
    case ChartKind::donut:
      return {draw_donut(canvas, spec, prepared, top), part_of_whole_desc(spec, prepared.items)};
    case ChartKind::treemap:
      return {draw_treemap(canvas, prepared, top), treemap_desc(spec, prepared.items)};
    case ChartKind::score_bar: {
      double y = draw_legend(canvas, track_legend("分值（满分）", "得分"), top);
      return {draw_track_rows(canvas, score_rows(prepared), y + 8), score_desc(prepared)};
    }
    default:
      return {draw_hbar(canvas, prepared, top), part_of_whole_desc(spec, prepared.items)};
  }
}

Drawn draw_table(Canvas& canvas, const ChartSpec& spec, Table& table, double top) {
  if (spec.kind == ChartKind::line) return {draw_line(canvas, spec, table, top), table_desc(table)};
  if (spec.kind == ChartKind::grouped_bar)
    return {draw_grouped(canvas, table, top), table_desc(table)};
  std::vector<TrackRow> rows = budget_rows(table, table.invalid);
  double y = draw_legend(
      canvas, track_legend(series_name(table, 0, "预算数"), series_name(table, 1, "执行数")), top);
  return {draw_track_rows(canvas, rows, y + 8), budget_desc(rows)};
}

bool uses_table(ChartKind kind) {
  return kind == ChartKind::grouped_bar || kind == ChartKind::line ||
         kind == ChartKind::budget_actual;
}

std::string svg_header(const ChartSpec& spec, const std::string& id, double w, double h) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"" + id +
         "-title " + id + "-desc\" viewBox=\"0 0 " + num(w) + " " + num(h) +
         "\" class=\"chart chart-" + std::string(chart_kind_name(spec.kind)) +
         "\" font-family=\"'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
         "'Microsoft YaHei', sans-serif\" font-size=\"15\" fill=\"var(--chart-text, #1F1F1F)\">\n";
}

/// Whether a table chart (grouped bars, budget against spending, lines) has anything to draw.
bool table_chart_has_data(const ChartSpec& spec, const Table& table) {
  if (spec.kind != ChartKind::budget_actual) return table_has_data(table);
  std::vector<std::string> missing;
  std::vector<TrackRow> rows = budget_rows(table, missing);
  // An item with neither a budget nor spending has nothing to show.
  return std::any_of(rows.begin(), rows.end(),
                     [](const TrackRow& row) { return row.track != 0 || row.fill != 0; });
}

bool single_chart_has_data(const ChartSpec& spec, const Prepared& prepared) {
  if (spec.kind == ChartKind::score_bar) return !prepared.items.empty();
  bool whole = spec.kind == ChartKind::donut || spec.kind == ChartKind::treemap;
  if (whole && !spec.additive) return false;
  return any_nonzero(prepared.items);
}

/// The chart, its items prepared once: deciding whether there is data and drawing read the same
/// prepared items. The layout is filled in only `with_layout`.
std::optional<Drawing> draw(const ChartSpec& spec, bool with_layout) {
  std::optional<Table> table;
  std::optional<Prepared> prepared;
  if (uses_table(spec.kind)) {
    table = prepare_table(spec);
    if (!table_chart_has_data(spec, *table)) return std::nullopt;
  } else {
    prepared = prepare_single(spec);
    if (!single_chart_has_data(spec, *prepared)) return std::nullopt;
  }
  std::string id = safe_id(spec.id);
  Canvas canvas(id, std::round(std::clamp(spec.width, 280.0, 2000.0)), with_layout);
  double top = draw_caption(canvas, spec);
  Drawn drawn;
  std::vector<std::string> invalid;
  if (table) {
    drawn = draw_table(canvas, spec, *table, top);
    invalid = table->invalid;
  } else {
    drawn = draw_single(canvas, spec, *prepared, top);
    invalid = prepared->invalid;
  }
  double height = std::ceil(drawn.bottom + kPad - 4);
  std::string desc = clean_text(spec.desc);
  if (desc.empty()) desc = drawn.desc + invalid_note(invalid);
  std::string note = clean_text(spec.note);
  if (!note.empty()) desc += note;
  std::string title = clean_text(spec.title);
  Drawing out;
  out.svg = svg_header(spec, id, canvas.width(), height) + "<title id=\"" + id + "-title\">" +
            xml_escape(title) + "</title>\n<desc id=\"" + id + "-desc\">" + xml_escape(desc) +
            "</desc>\n" + canvas.defs() + canvas.body() + "</svg>\n";
  out.layout = {canvas.width(), height, canvas.take_boxes()};
  return out;
}

}  // namespace

std::string_view chart_kind_name(ChartKind kind) {
  switch (kind) {
    case ChartKind::donut:
      return "donut";
    case ChartKind::hbar:
      return "hbar";
    case ChartKind::treemap:
      return "treemap";
    case ChartKind::grouped_bar:
      return "grouped-bar";
    case ChartKind::budget_actual:
      return "budget-actual";
    case ChartKind::line:
      return "line";
    case ChartKind::score_bar:
      return "score-bar";
  }
  return "hbar";
}

std::optional<ChartKind> parse_chart_kind(std::string_view name) {
  std::string normal(name);
  std::replace(normal.begin(), normal.end(), '_', '-');
  for (ChartKind kind :
       {ChartKind::donut, ChartKind::hbar, ChartKind::treemap, ChartKind::grouped_bar,
        ChartKind::budget_actual, ChartKind::line, ChartKind::score_bar}) {
    if (chart_kind_name(kind) == normal) return kind;
  }
  return std::nullopt;
}

std::vector<bool> items_kept(const std::vector<double>& values, std::size_t max_items) {
  if (max_items == 0 || values.size() <= max_items) return std::vector<bool>(values.size(), true);
  std::vector<std::size_t> order(values.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return values[a] > values[b]; });
  std::vector<bool> keep(values.size(), false);
  for (std::size_t i = 0; i + 1 < max_items; ++i) keep[order[i]] = true;
  return keep;
}

bool chart_has_data(const ChartSpec& spec) {
  if (uses_table(spec.kind)) return table_chart_has_data(spec, prepare_table(spec));
  return single_chart_has_data(spec, prepare_single(spec));
}

std::string render_chart(const ChartSpec& spec) {
  std::optional<Drawing> drawing = draw(spec, false);
  return drawing ? std::move(drawing->svg) : "";
}

ChartLayout layout_chart(const ChartSpec& spec) {
  std::optional<Drawing> drawing = draw(spec, true);
  return drawing ? std::move(drawing->layout) : ChartLayout{};
}

}  // namespace gongkai
