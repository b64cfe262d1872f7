// The ids a page holds besides its headings' — those the theme's templates write ("main",
// "search-q", "projects-title") and those the generator makes for tables, charts and sections
// ("table-function", "chart-md-16-title") — which an id made from a narrative heading must not
// take: two elements with one id break the heading's link, the skip link, the search box's
// label and a chart's accessible name.
#pragma once

#include <array>
#include <set>
#include <string>
#include <string_view>

#include "model/theme.h"

namespace gongkai {

/// The prefixes of every id the generator makes for what a page holds, on any page: a table,
/// its caption, its rows and a project (`table-`); a chart, its title, description, patterns
/// and data table (`chart-`); a department's series (`series-`); a year's function classes
/// (`classes-`); the sections of a comparison (`compare-`, `changes-`); the preview's error
/// panel (`gongkai-`). Reserved whole, so that no content (a table's id, a chart block's line)
/// can make a heading's id equal to one.
inline constexpr std::array<std::string_view, 7> kGeneratedIdPrefixes = {
    "table-", "chart-", "series-", "classes-", "compare-", "changes-", "gongkai-"};

/// True when `id` starts with one of kGeneratedIdPrefixes.
bool has_generated_prefix(std::string_view id);

/// Every literal `id="…"` of the theme's templates, its own and the built-in ones it keeps.
/// An id with a Mustache tag in it (`id="{{id}}-title"`) is made per table or chart and is
/// not listed.
std::set<std::string> template_ids(const Theme& theme);

/// The literal ids of one template's text.
std::set<std::string> literal_ids(std::string_view text);

}  // namespace gongkai
