// Markdown to HTML through cmark: safe by default, headings with stable ids (Chinese headings
// included) collected for a table of contents, and fenced blocks with the info string `chart`
// handed to a callback that replaces them (the chart stage draws them as SVG).
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace gongkai {

struct Heading {
  int level = 1;
  /// The heading's plain text (inline markup removed).
  std::string text;
  /// Unique within the page; see heading_id().
  std::string id;
};

/// Replaces a fenced `chart` block: given the block's text and its location, returns the HTML
/// to put in its place, or nullopt after reporting an error.
using ChartBlockHandler =
    std::function<std::optional<std::string>(std::string_view spec, const SourceLocation& where)>;

struct MarkdownOptions {
  /// Keep raw HTML and unsafe link schemes. Off unless site.toml opts in.
  bool raw_html = false;
  /// Headings below this level are shifted down so the page's own <h1> stays the only one.
  int min_heading_level = 2;
  ChartBlockHandler chart_block;
  /// Ids the page already has (page_ids.h): a heading's id is never one of them, it gets a
  /// suffix instead ("main-2"). Null: none.
  const std::set<std::string>* taken_ids = nullptr;
};

struct RenderedMarkdown {
  std::string html;
  std::vector<Heading> headings;
};

/// Renders Markdown `text` (whose first line is line `first_line` of `path`).
RenderedMarkdown render_markdown(std::string_view text, const std::string& path, int first_line,
                                 const MarkdownOptions& options, Diagnostics& diagnostics);

/// What a heading's id starts with when its text would make an id under a prefix the generator
/// keeps for its own (page_ids.h): `## chart-md-16-title` gets `heading-chart-md-16-title`.
inline constexpr std::string_view kHeadingIdPrefix = "heading-";

/// A fragment id for a heading: ASCII letters lowercased, letters and digits of any script
/// kept, everything else folded into single hyphens; "section" when nothing is left; after
/// kHeadingIdPrefix when it would start with a prefix of the generator's ids. Stable: depends
/// only on the text, so links survive unrelated edits.
std::string heading_id(std::string_view text);

}  // namespace gongkai
