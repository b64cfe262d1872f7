// What the commands of the command line share: exit statuses, the options every site command
// takes, finding the site folder, and printing diagnostics.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "base/diagnostic.h"
#include "pipeline/site.h"

namespace gongkai {

/// Exit statuses: the contract scripts rely on.
constexpr int kExitOk = 0;
constexpr int kExitContentError = 1;
constexpr int kExitUsageError = 2;

struct CommonOptions {
  std::string source = ".";
  bool drafts = false;
  bool quiet = false;
};

/// Prints every diagnostic of the run to standard error, sorted.
void print_diagnostics(const Diagnostics& diagnostics);
/// "N error(s), M warning(s)".
std::string summary(const Diagnostics& diagnostics);
/// The site folder as an absolute, normal path; reports when it holds no site.toml.
std::optional<std::filesystem::path> site_folder(const std::string& source,
                                                 Diagnostics& diagnostics);
/// The site loaded with its figures and checked; nullopt when anything had an error.
std::optional<Site> load_and_check(const BuildOptions& options, Diagnostics& diagnostics);

}  // namespace gongkai
