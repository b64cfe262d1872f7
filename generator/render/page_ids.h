// The ids a theme's templates write into pages ("main", "search-q", "projects-title"), which
// an id made from a narrative heading must not take: two elements with one id break the
// heading's link, the skip link and the search box's label.
#pragma once

#include <set>
#include <string>
#include <string_view>

#include "model/theme.h"

namespace gongkai {

/// Every literal `id="…"` of the theme's templates, its own and the built-in ones it keeps.
/// An id with a Mustache tag in it (`id="{{id}}-title"`) is made per table or chart and is
/// not listed.
std::set<std::string> template_ids(const Theme& theme);

/// The literal ids of one template's text.
std::set<std::string> literal_ids(std::string_view text);

}  // namespace gongkai
