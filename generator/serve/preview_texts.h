// The preview's own texts in the site's language. They come from the theme like every UI
// string, but are read apart from a build, because they are needed exactly when a build fails.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace gongkai {

/// The preview's own texts — the error panel over its pages and the page it shows before the
/// site was ever built — in the site's language: the site's UI strings whose keys start with
/// "serve_" (i18n/LANG.toml, the site's own file or the built-in one).
struct PreviewTexts {
  /// The site's language, for the lang attribute of the panel and the page.
  std::string language = "zh-CN";
  std::map<std::string, std::string, std::less<>> strings;

  /// The string `key` with "{n}" replaced by `count`; the key itself when there is no such
  /// string, as on pages.
  std::string text(std::string_view key, std::size_t count = 0) const;
};

/// The texts of the site in `source_dir` as its sources are now: the language its site.toml
/// gives (`fallback_language` when site.toml cannot be read) and the strings of its theme (the
/// built-in ones when the site's own i18n files cannot be read). It cannot fail: the panel has
/// to speak whatever the error is.
PreviewTexts load_preview_texts(const std::filesystem::path& source_dir,
                                const std::string& fallback_language);

}  // namespace gongkai
