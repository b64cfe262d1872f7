// Reading source files: one place that applies the size limit, rejects what is not a regular
// file, and reports failures as diagnostics.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "base/diagnostic.h"

namespace gongkai {

/// The UTF-8 byte-order mark a source file may start with (Windows editors write one). Readers
/// skip it and report.json leaves it out; CSV downloads start with it on purpose, so that
/// spreadsheet programs read them as UTF-8.
inline constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";

/// The largest source file gongkai reads (16 MiB): far above any real disclosure, low enough
/// that a stray huge file is refused before it is read into memory.
constexpr std::uintmax_t kMaxSourceFileBytes = 16u * 1024 * 1024;

/// Reads a whole file. `display` is the path printed in diagnostics (relative to the source
/// folder). Reports and returns nullopt when the file is missing, not a regular file, larger
/// than kMaxSourceFileBytes, or unreadable.
std::optional<std::string> read_source_file(const std::filesystem::path& file,
                                            const std::string& display, Diagnostics& diagnostics);

/// `file` relative to `source_dir` when it lies inside it, else `file` as given; with '/'.
std::string display_path(const std::filesystem::path& source_dir,
                         const std::filesystem::path& file);

}  // namespace gongkai
