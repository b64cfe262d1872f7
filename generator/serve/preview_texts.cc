#include "serve/preview_texts.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "base/diagnostic.h"
#include "model/config.h"
#include "model/theme.h"

namespace gongkai {

namespace fs = std::filesystem;

std::string PreviewTexts::text(std::string_view key, std::size_t count) const {
  auto it = strings.find(key);
  std::string out = it == strings.end() ? std::string(key) : it->second;
  if (std::size_t at = out.find("{n}"); at != std::string::npos) {
    out.replace(at, 3, std::to_string(count));
  }
  return out;
}

namespace {

/// The language site.toml gives now, or `fallback` when it cannot be read.
std::string preview_language(const fs::path& source_dir, const std::string& fallback) {
  Diagnostics ignored;  // the rebuild reports them
  std::optional<SiteConfig> config = load_config(source_dir, ignored);
  return config ? config->language : fallback;
}

/// The UI strings of `language` from the site's theme, or from the built-in one when the
/// site's own theme files cannot be read or its strings are broken.
nlohmann::json preview_strings(const fs::path& source_dir, const std::string& language) {
  Diagnostics problems;
  std::optional<Theme> theme = Theme::load(source_dir, problems);
  nlohmann::json strings = theme ? theme->strings(language, problems) : nlohmann::json();
  if (theme && !problems.has_errors()) return strings;
  Diagnostics ignored;
  return Theme::builtin().strings(language, ignored);
}

}  // namespace

PreviewTexts load_preview_texts(const fs::path& source_dir, const std::string& fallback_language) {
  PreviewTexts texts;
  texts.language = preview_language(source_dir, fallback_language);
  const nlohmann::json strings = preview_strings(source_dir, texts.language);
  for (const auto& [key, value] : strings.items()) {
    if (!key.starts_with("serve_") || !value.is_string()) continue;
    texts.strings[key] = value.get<std::string>();
  }
  return texts;
}

}  // namespace gongkai
