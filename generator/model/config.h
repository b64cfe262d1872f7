// Stage 1: the site configuration, site.toml.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/diagnostic.h"

namespace gongkai {

/// What site.toml says, with defaults filled in. See docs/content.md for every key.
struct SiteConfig {
  std::filesystem::path source_dir;
  std::string title;
  /// BCP 47 tag of the site's language; selects the theme's i18n strings ("zh-CN" or "en").
  std::string language = "zh-CN";
  std::string description;
  /// The organisation publishing the site, shown in the footer and the feed.
  std::string publisher;
  /// Absolute URL the site is served from, ending in '/'. Optional: only the Atom feed and the
  /// sitemap need absolute URLs, so they are written only when it is set.
  std::string base_url;
  /// Raw HTML in Markdown is dropped unless the site opts in ([markdown] raw_html = true).
  bool raw_html = false;
  /// SHA-256 of site.toml as read (64 hex digits; "" when parsed from a string): part of the
  /// build identity (build_identity.h).
  std::string file_sha256;
};

/// The languages the default theme carries strings for.
bool is_supported_language(const std::string& language);

/// Reads SOURCE/site.toml. Reports syntax errors at their line and column, type errors at the
/// key, and unknown keys as warnings. Returns nullopt on any error.
std::optional<SiteConfig> load_config(const std::filesystem::path& source_dir,
                                      Diagnostics& diagnostics);

/// Parses site.toml text; `path` is the name used in diagnostics.
std::optional<SiteConfig> parse_config(std::string_view text, const std::string& path,
                                       Diagnostics& diagnostics);

}  // namespace gongkai
