// Filling in the placeholders of a UI string ("{year}", "{title}") from the theme's i18n files.
#pragma once

#include <string>

namespace gongkai {

/// `text` (a UI string) with every "{key}" replaced by `value`. A value that itself contains
/// "{key}" is not filled in again.
std::string fill_in(std::string text, const std::string& key, const std::string& value);

}  // namespace gongkai
