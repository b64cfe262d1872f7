#include "render/page_ids.h"

namespace gongkai {

bool has_generated_prefix(std::string_view id) {
  for (std::string_view prefix : kGeneratedIdPrefixes) {
    if (id.starts_with(prefix)) return true;
  }
  return false;
}

std::set<std::string> literal_ids(std::string_view text) {
  static constexpr std::string_view kOpen = " id=\"";
  std::set<std::string> ids;
  for (std::size_t at = text.find(kOpen); at != std::string_view::npos; at = text.find(kOpen, at + 1)) {
    std::size_t start = at + kOpen.size();
    std::size_t end = text.find('"', start);
    if (end == std::string_view::npos) break;
    std::string_view id = text.substr(start, end - start);
    if (!id.empty() && id.find("{{") == std::string_view::npos) ids.emplace(id);
  }
  return ids;
}

std::set<std::string> template_ids(const Theme& theme) {
  std::set<std::string> ids;
  for (const auto& [path, file] : theme.files_in("templates/")) ids.merge(literal_ids(file->contents));
  return ids;
}

}  // namespace gongkai
