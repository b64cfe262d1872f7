#include "serve/source_keys.h"

#include <algorithm>

#include "model/content.h"

namespace gongkai {

bool is_source_folder(std::string_view name) {
  return std::find(std::begin(kSourceFolders), std::end(kSourceFolders), name) !=
         std::end(kSourceFolders);
}

std::vector<std::string_view> path_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t end = std::min(path.find('/', start), path.size());
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

bool dependency_matches(std::string_view dependency, std::string_view changed) {
  if (dependency == changed || dependency == "*" || changed == "*") return true;
  if (dependency.ends_with('/') && changed.starts_with(dependency)) return true;
  return changed.ends_with('/') && dependency.starts_with(changed);
}

namespace {

/// "content/D/YEAR/KIND" for a report's .md or .json, else nullopt: both files of a report are
/// one source, as the loader reads them together.
std::optional<std::string> report_key_of(const std::vector<std::string_view>& segments) {
  if (segments.size() != 4 || segments[0] != "content") return std::nullopt;
  std::string_view file = segments[3];
  std::size_t dot = file.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view extension = file.substr(dot);
  if ((extension != ".md" && extension != ".json") || !kind_from_slug(file.substr(0, dot))) {
    return std::nullopt;
  }
  return "content/" + std::string(segments[1]) + "/" + std::string(segments[2]) + "/" +
         std::string(file.substr(0, dot));
}

}  // namespace

std::optional<std::string> source_key_of(std::string_view relative_path, bool is_folder) {
  std::vector<std::string_view> segments = path_segments(relative_path);
  for (std::string_view segment : segments) {
    if (segment.empty() || segment.front() == '.') return std::nullopt;
  }
  if (segments.size() == 1 && !is_folder) {
    return segments[0] == "site.toml" ? std::optional<std::string>("site.toml") : std::nullopt;
  }
  if (!is_source_folder(segments[0])) return std::nullopt;
  if (is_folder) return std::string(relative_path) + "/";
  if (std::optional<std::string> report = report_key_of(segments)) return report;
  return std::string(relative_path);
}

}  // namespace gongkai
