// What a build states about itself, so that two copies of a site can be told apart and a copy
// can be traced to the sources it was built from: the generator's version, the newest date
// the content gives, and one SHA-256 over every file the build read. The home page's footer
// and version.json state it, and an archive's README repeats it (docs/archive.md).
//
// Only pages rendered by every build state it: a department's pages, kept from the last build
// when nothing of theirs changed, stay byte-identical to a fresh build's because they do not.
#pragma once

#include <cstddef>
#include <string>

#include "model/config.h"
#include "model/content.h"
#include "model/theme.h"

namespace gongkai {

struct BuildIdentity {
  /// "gongkai 0.9.0".
  std::string generator;
  /// The newest `published` date of the reports built, "YYYY-MM-DD"; "" when none gives one.
  /// Never the clock: the same sources give the same identity, whenever they are built.
  std::string content_date;
  /// SHA-256 of input_listing(), 64 lowercase hex digits.
  std::string inputs_sha256;
  std::size_t input_files = 0;

  /// The first 12 hex digits, as the footer shows them.
  std::string short_digest() const { return inputs_sha256.substr(0, 12); }
};

/// The files the build read — site.toml, each department.toml, each report's Markdown and data
/// file, and the site's own templates, assets and i18n files — one line each,
/// "<sha256>  <path>\n" with the path relative to the source folder, sorted by path byte for
/// byte: what `sha256sum` prints for them, so anyone can recompute it from the sources.
/// Draft reports are in it only when they were built.
std::string input_listing(const SiteConfig& config, const Theme& theme, const Content& content);

BuildIdentity build_identity(const SiteConfig& config, const Theme& theme, const Content& content);

/// version.json at the site's root: the identity as a JSON object, keys in a fixed order.
std::string version_json(const BuildIdentity& identity);

}  // namespace gongkai
