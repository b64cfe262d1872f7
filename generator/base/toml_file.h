// Reading TOML (site.toml, department.toml, front matter) with errors and warnings reported as
// diagnostics at the line and column toml++ gives, and typed field access that names the key.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "base/diagnostic.h"

namespace gongkai {

/// Parses `text` as TOML. `path` names the file in diagnostics; `first_line` shifts line numbers
/// for TOML embedded in a larger file (front matter starts on line 2 of its Markdown file).
/// Returns nullopt after reporting the syntax error.
std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      Diagnostics& diagnostics, int first_line = 1);

/// Typed, diagnosed access to the keys of one TOML table. Every key read is remembered, so
/// `warn_unknown_keys` can name the keys nobody asked for (usually typos).
class TomlReader {
 public:
  TomlReader(const toml::table& table, std::string path, Diagnostics& diagnostics,
             int line_offset = 0);

  /// The string at `key`; reports an error when it is present with another type, and when it
  /// is absent but `required`. A required string must not be blank (only spaces, tabs, line
  /// breaks or U+3000): a page, feed or breadcrumb would print nothing for it.
  std::optional<std::string> string(std::string_view key, bool required = false);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::int64_t> integer(std::string_view key);
  /// A TOML date (or a string in YYYY-MM-DD form), as "YYYY-MM-DD".
  std::optional<std::string> date(std::string_view key);
  /// A sub-table, for sections like [markdown].
  const toml::table* table(std::string_view key);

  /// Warns, with its line, about every key that was never read.
  void warn_unknown_keys(std::string_view where = "");
  /// The location of `key` (or of the table itself when the key is absent).
  SourceLocation location_of(std::string_view key) const;
  void error_at(std::string_view key, std::string message);

 private:
  const toml::table& table_;
  std::string path_;
  Diagnostics& diagnostics_;
  int line_offset_;
  std::set<std::string, std::less<>> known_;
};

}  // namespace gongkai
