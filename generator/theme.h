// The default theme: every file under templates/ and assets/ of the source tree, compiled into
// the binary so that a site needs nothing but site.toml and content/ to build.
#pragma once

#include <string_view>
#include <vector>

namespace gongkai {

struct EmbeddedFile {
  /// Path relative to the repository root, such as "templates/page.mustache".
  std::string_view path;
  std::string_view contents;
};

/// The built-in theme files, sorted by path. Generated at build time by cmake/embed_theme.cmake.
const std::vector<EmbeddedFile>& embedded_theme();

}  // namespace gongkai
