#include "cli/command_support.h"

#include <iostream>

namespace gongkai {

namespace fs = std::filesystem;

void print_diagnostics(const Diagnostics& diagnostics) {
  std::string text = diagnostics.format_all();
  if (!text.empty()) std::cerr << text << std::flush;
}

std::string summary(const Diagnostics& diagnostics) {
  return std::to_string(diagnostics.error_count()) + " error(s), " +
         std::to_string(diagnostics.warning_count()) + " warning(s)";
}

std::optional<fs::path> site_folder(const std::string& source, Diagnostics& diagnostics) {
  std::error_code ec;
  fs::path dir = fs::absolute(source, ec).lexically_normal();
  if (!dir.has_filename()) dir = dir.parent_path();
  if (!fs::is_regular_file(dir / "site.toml", ec)) {
    diagnostics.error({(dir / "site.toml").string(), 0, 0},
                      "no site.toml here: run gongkai in a site folder or name one with --source");
    return std::nullopt;
  }
  return dir;
}

std::optional<Site> load_and_check(const BuildOptions& options, Diagnostics& diagnostics) {
  std::optional<Site> site = Site::load(options, diagnostics);
  if (site && site->load_figures(diagnostics)) {
    note_raw_html(site->config(), diagnostics);
    site->check(diagnostics);
  }
  if (diagnostics.has_errors()) return std::nullopt;
  return site;
}

}  // namespace gongkai
