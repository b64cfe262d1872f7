// Helpers shared by the tests: temporary folders, files, running the gongkai binary.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/data.h"

namespace gongkai::testing {

/// A fresh folder under the system temporary directory, removed with everything in it when the
/// object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& rel) const { return path_ / rel; }

 private:
  std::filesystem::path path_;
};

/// A budget of 部门, 2023, in 万元, holding only the table (or form) `table_json`; fails the test
/// when it does not load.
gongkai::ReportData report_with_table(const std::string& table_json);
/// The report data file `file` (a fixture's KIND.json), loaded; fails the test, naming the file
/// and the loader's errors, when it does not load.
gongkai::ReportData load_report_file(const std::filesystem::path& file);

/// Writes `contents` to `path`, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& contents);
/// The whole file as bytes; throws if it cannot be read.
std::string read_file(const std::filesystem::path& path);
/// Copies a folder tree (used to copy fixture sites into a TempDir before building them).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

struct CommandResult {
  /// The exit status, or 128 + the signal's number when a signal ended the run.
  int exit_code = -1;
  /// The signal that ended the run (SIGABRT for an uncaught exception), or 0 when it exited.
  int signal = 0;
  std::string out;
  std::string err;
};

/// Runs the built gongkai binary with `args` (no shell involved) and captures its output.
CommandResult run_gongkai(const std::vector<std::string>& args,
                          const std::filesystem::path& cwd = {});

/// The repository root (where CMakeLists.txt is).
std::filesystem::path source_dir();
/// A fixture site under tests/fixtures/.
std::filesystem::path fixture(const std::string& name);
/// `../shared` beside the repository, when it is there.
std::optional<std::filesystem::path> shared_dir();
/// `../shared/NAME` when it is a folder; else a warning starting "SKIPPED:" that names the
/// folder looked for and what it should hold (`what`), and nullopt. ctest reports a test that
/// prints it as skipped (SKIP_REGULAR_EXPRESSION in tests/CMakeLists.txt).
std::optional<std::filesystem::path> shared_or_skip(const std::string& name, const std::string& what);

/// Every regular file under `root`, as relative paths mapped to contents, sorted.
std::vector<std::pair<std::string, std::string>> snapshot_tree(const std::filesystem::path& root);

}  // namespace gongkai::testing
