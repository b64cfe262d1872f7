// The theme: templates, assets and UI strings. The default theme is compiled into the binary so
// that a site needs nothing but site.toml and content/; a site's own templates/, assets/ and
// i18n/ files replace the built-in ones by name.
#pragma once

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"

namespace gongkai {

struct EmbeddedFile {
  /// Path relative to the repository root, such as "templates/page.mustache".
  std::string_view path;
  std::string_view contents;
};

/// The built-in theme files, sorted by path. Generated at build time by cmake/embed_theme.cmake.
const std::vector<EmbeddedFile>& embedded_theme();

struct ThemeFile {
  std::string contents;
  /// True when the site's own file replaced the built-in one.
  bool overridden = false;
};

class Theme {
 public:
  /// The built-in theme with the files under SOURCE/templates, SOURCE/assets and SOURCE/i18n
  /// laid over it. Symbolic links are skipped with a warning; unreadable files are errors.
  static std::optional<Theme> load(const std::filesystem::path& source_dir,
                                   Diagnostics& diagnostics);
  /// The built-in theme alone.
  static Theme builtin();

  /// The file at theme path `path` ("templates/page.mustache"), or null.
  const ThemeFile* find(std::string_view path) const;
  /// Every file under assets/, keyed by theme path, sorted.
  std::vector<std::pair<std::string, const ThemeFile*>> assets() const { return files_in("assets/"); }
  /// Every file under `folder` ("templates/", with the slash), keyed by theme path, sorted.
  std::vector<std::pair<std::string, const ThemeFile*>> files_in(std::string_view folder) const;
  /// The UI strings for `language` from i18n/LANGUAGE.toml, as a flat JSON object
  /// ({"nav_home": "首页", …}); keys missing there fall back to zh-CN.
  nlohmann::json strings(const std::string& language, Diagnostics& diagnostics) const;
  /// Theme paths of the files the site overrides, for the build log.
  std::vector<std::string> overrides() const;

 private:
  std::map<std::string, ThemeFile, std::less<>> files_;
};

}  // namespace gongkai
