// The SVG canvas charts draw on: a body under construction that also records every text's box,
// the sizes and spacing text is set with, the palette and hatches of categorical marks, the
// attributes of axes and tracks, and blocks of text fitted to a width.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/html_escape.h"  // the same five entities in SVG as in HTML
#include "chart/chart.h"         // ChartTextBox
#include "chart/chart_format.h"  // append_num

namespace gongkai::chart {

/// Text sizes and spacing, in viewBox units (line height and ascent in em).
constexpr double kFont = 15;     // labels
constexpr double kSmall = 13;    // values, legends, notes
constexpr double kCaption = 17;  // the visible title
constexpr double kLineHeight = 1.35;
constexpr double kAscent = 0.88;  // of the em box above the baseline
constexpr double kPad = 16;
constexpr double kGap = 6;  // between a mark and its text

/// The distance from one baseline to the next for text set at `size`.
double line_pitch(double size);

/// Height of `lines` lines of text set at `size`, from the first line's top to the last's bottom.
double block_height(std::size_t lines, double size);

/// The first baseline of a block of `lines` lines vertically centred on `center`.
double centered_baseline(double center, std::size_t lines, double size);

/// How a text's x is taken: as its start, its middle or its end.
enum class Anchor { start, middle, end };

/// One piece of text to draw: its lines, where the first baseline goes, and how it looks.
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

/// The categorical palette (Okabe–Ito) and the number of fill patterns, solid included.
constexpr std::array<const char*, 8> kPalette = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                                 "#56B4E9", "#D55E00", "#F0E442", "#8C8C8C"};
constexpr int kHatches = 6;  // 0 = solid; then diagonal, dots, horizontal, back-diagonal, grid

/// The colour of categorical mark `index` (repeating after eight): a CSS custom property
/// ("--chart-1" …) with its Okabe–Ito fallback.
std::string colour(int index);

/// The class that names the same colour ("chart-c1" … "chart-c8").
std::string colour_class(int index);

/// Slice fills: colours first, hatches once colours repeat — and always from the second slice
/// on, since neighbouring Okabe–Ito colours can print as similar greys. Donuts and treemaps.
int slice_hatch(std::size_t i);

/// A point in viewBox units.
struct Point {
  double x = 0;
  double y = 0;
};

/// "x y" as path data writes a point, each as num() writes it.
std::string point(Point p);

/// An SVG body under construction that also records every text's box (when asked) and the
/// hatch patterns its fills use, for defs(). Coordinates are written as append_num() writes
/// them; hover texts and text content are escaped here.
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

/// Attributes of a categorical mark: its classes (`css_class` and the colour's class) and its
/// fill, solid or hatched as Canvas::fill() gives it.
std::string mark_attributes(Canvas& canvas, const std::string& css_class, int index, int hatch);

/// Attributes of the marks that are not categorical: tracks, axes, gridlines, and the
/// background-coloured stroke that separates neighbouring slices and tiles.
const char* const kTrackAttributes =
    "class=\"chart-track\" fill=\"var(--chart-track, #E8E8E8)\" "
    "stroke=\"var(--chart-track-line, #767676)\" stroke-width=\"1\"";
const char* const kAxisAttributes =
    "class=\"chart-axis\" stroke=\"var(--chart-axis, #595959)\" stroke-width=\"1\"";
const char* const kGridAttributes =
    "class=\"chart-grid\" stroke=\"var(--chart-grid, #D9D9D9)\" stroke-width=\"1\"";
const char* const kSeparator = "stroke=\"var(--chart-bg, #FFFFFF)\"";

/// A single line of text set at `size`, shortened with an ellipsis to `max_width`; the hover
/// keeps the full text when it was shortened. Position and class are the caller's to set.
TextBlock single_line(std::string_view text, double max_width, double size);

/// A block of `text` wrapped to `max_width` in at most `max_lines` lines; the hover holds the
/// full text when wrapping had to cut it. Position and class are the caller's to set.
TextBlock wrapped_block(std::string_view text, double max_width, double size,
                        std::size_t max_lines);

}  // namespace gongkai::chart
