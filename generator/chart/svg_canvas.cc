// The SVG canvas charts draw on, and text blocks fitted to a width.
#include "chart/svg_canvas.h"

#include <algorithm>

#include "base/html_escape.h"
#include "chart/chart_text.h"

namespace gongkai::chart {

double line_pitch(double size) { return size * kLineHeight; }

/// Height of `lines` lines of text set at `size`, from the first line's top to the last's bottom.
double block_height(std::size_t lines, double size) {
  return lines == 0 ? 0 : size + static_cast<double>(lines - 1) * line_pitch(size);
}

/// The first baseline of a block of `lines` lines vertically centred on `center`.
double centered_baseline(double center, std::size_t lines, double size) {
  return center - block_height(lines, size) / 2 + kAscent * size;
}

std::string colour(int index) {
  int k = index % static_cast<int>(kPalette.size());
  return "var(--chart-" + std::to_string(k + 1) + ", " + kPalette[static_cast<std::size_t>(k)] +
         ")";
}

std::string colour_class(int index) {
  return "chart-c" + std::to_string(index % static_cast<int>(kPalette.size()) + 1);
}

/// Slice fills: colours first, hatches once colours repeat — and always from the second slice
/// on, since neighbouring Okabe–Ito colours can print as similar greys.
int slice_hatch(std::size_t i) { return static_cast<int>(i % kHatches); }

std::string point(Point p) { return num(p.x) + " " + num(p.y); }

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

namespace {

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

}  // namespace

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

}  // namespace gongkai::chart
