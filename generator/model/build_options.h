// What a run asks of loading and building: which site, drafts or not, how many threads, and
// whether view models are dumped for theme authors.
#pragma once

#include <filesystem>

namespace gongkai {

struct BuildOptions {
  std::filesystem::path source_dir;
  bool include_drafts = false;
  /// Worker threads for loading and rendering; 0 means one per core.
  unsigned jobs = 0;
  /// When set, the view model of every page is also written there as JSON (for theme authors).
  std::filesystem::path dump_views_dir;
};

}  // namespace gongkai
