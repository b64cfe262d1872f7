#include "model/build_identity.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "base/sha256.h"

namespace gongkai {

namespace {

using Digests = std::map<std::string, std::string>;  // path → SHA-256, sorted by path

void add_content(Digests& digests, const Content& content) {
  for (const Department& department : content.departments) {
    if (!department.metadata_sha256.empty())
      digests[department.metadata_path] = department.metadata_sha256;
    for (const ReportSource& report : department.reports) {
      digests[report.markdown_path] = report.markdown_sha256;
      digests[report.data_path] = report.data_sha256;
    }
  }
}

Digests input_digests(const SiteConfig& config, const Theme& theme, const Content& content) {
  Digests digests;
  if (!config.file_sha256.empty()) digests["site.toml"] = config.file_sha256;
  for (const std::string& path : theme.overrides()) {
    if (const ThemeFile* file = theme.find(path)) digests[path] = sha256_hex(file->contents);
  }
  add_content(digests, content);
  return digests;
}

std::string newest_published(const Content& content) {
  std::string newest;
  for (const Department& department : content.departments) {
    for (const ReportSource& report : department.reports)
      newest = std::max(newest, report.front.published);
  }
  return newest;
}

}  // namespace

std::string input_listing(const SiteConfig& config, const Theme& theme, const Content& content) {
  std::string listing;
  for (const auto& [path, digest] : input_digests(config, theme, content))
    listing += digest + "  " + path + "\n";
  return listing;
}

BuildIdentity build_identity(const SiteConfig& config, const Theme& theme, const Content& content) {
  BuildIdentity identity;
  identity.generator = std::string("gongkai ") + GONGKAI_VERSION;
  identity.content_date = newest_published(content);
  std::string listing = input_listing(config, theme, content);
  identity.input_files = static_cast<std::size_t>(std::count(listing.begin(), listing.end(), '\n'));
  identity.inputs_sha256 = sha256_hex(listing);
  return identity;
}

std::string version_json(const BuildIdentity& identity) {
  nlohmann::ordered_json json = {{"generator", identity.generator},
                                 {"content_date", identity.content_date},
                                 {"inputs_sha256", identity.inputs_sha256},
                                 {"input_files", identity.input_files}};
  return json.dump(2) + "\n";
}

}  // namespace gongkai
