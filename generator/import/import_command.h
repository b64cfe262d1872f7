// `gongkai import SOURCE... --into DEPT/YEAR/KIND`: reads each source by its kind (the text of
// a PDF, a CSV file, an .xlsx workbook), imports them as one document, writes the report's two
// files and says what it found and what it left for an editor. The CLI then runs `check`.
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "import/scaffold.h"

namespace gongkai {

struct ImportCommandOptions {
  std::string source = ".";
  std::vector<std::string> inputs;
  std::string into;
  bool force = false;
  bool dry_run = false;
};

/// Imports `options.inputs` into the report `spec` of the site in `site_dir`: prints the import
/// report to `out` (what was found, tables not printed, and every line or cell left unplaced
/// at its place in the source) and writes KIND.json and KIND.md, unless `dry_run`, or either
/// exists and `force` is not given (an error, nothing written). Unreadable sources are errors
/// and nothing is written. Returns the files written, relative to `site_dir`.
std::vector<std::filesystem::path> import_into_site(const std::filesystem::path& site_dir,
                                                    const ReportSpec& spec,
                                                    const ImportCommandOptions& options,
                                                    std::ostream& out, Diagnostics& diagnostics);

}  // namespace gongkai
