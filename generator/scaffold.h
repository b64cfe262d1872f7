// `gongkai new`: skeleton files for editors. A new department gets its department.toml; a new
// report gets its Markdown (front matter and the usual parts of that kind of document) and its
// JSON (every table that kind of document publishes, with columns and standard row labels but
// no figures), ready to fill in. Existing files are never overwritten.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "diagnostic.h"

namespace gongkai {

/// Writes content/SLUG/department.toml. Returns the files written (empty after an error).
std::vector<std::filesystem::path> new_department(const std::filesystem::path& source_dir,
                                                  const std::string& slug,
                                                  const std::string& name,
                                                  Diagnostics& diagnostics);

/// `spec` is DEPT/YEAR/KIND (e.g. "city-library/2024/budget"). The department must exist; its
/// name and the year are filled into the skeleton. Returns the files written.
std::vector<std::filesystem::path> new_report(const std::filesystem::path& source_dir,
                                              const std::string& spec, Diagnostics& diagnostics);

}  // namespace gongkai
