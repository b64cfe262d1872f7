// Diagnostics: every user-facing error and warning of a run, in the form
// `path:line:col: error: message`, collected rather than thrown so that a run reports all of
// its problems (up to a limit), not just the first.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

/// A place in a source file. Lines and columns count from 1; 0 means "unknown" and is left out
/// when printed. Columns count Unicode code points, so a caret lines up under Chinese text in
/// a terminal that shows one column per character cell only approximately, but editors agree.
struct SourceLocation {
  std::string path;
  int line = 0;
  int column = 0;

  bool operator==(const SourceLocation&) const = default;
};

enum class Severity { error, warning, note };

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation where;
  std::string message;
  /// The text of the offending line, when known, printed under the message with a caret.
  /// Diagnostics::report makes it printable and cuts a long line to a window around the column.
  std::string source_line;
  /// The caret's column in `source_line` when that is a cut window; 0 means where.column.
  int source_column = 0;

  bool operator==(const Diagnostic&) const = default;
};

/// Formats one diagnostic: `path:line:col: error: message`, followed, when the source line is
/// known, by that line and a caret under the column.
std::string format_diagnostic(const Diagnostic& d);

/// The 1-based line and column (in code points) of byte `offset` in `text`.
SourceLocation locate(std::string_view path, std::string_view text, std::size_t offset);

/// The text of 1-based line `line` of `text`, without its line end.
std::string line_text(std::string_view text, int line);

/// Collects the diagnostics of a run. Thread-safe: pages rendered in parallel report here.
/// A diagnostic identical to one stored (severity, place and message) is dropped uncounted:
/// a broken template is met on every page that uses it, and said once. Keeps at most `limit`
/// diagnostics (errors, warnings and notes together); later ones are counted, not stored, so a
/// pathological input cannot flood the terminal or memory.
class Diagnostics {
 public:
  explicit Diagnostics(std::size_t limit = 100) : limit_(limit) {}

  void report(Diagnostic d);
  void error(SourceLocation where, std::string message, std::string source_line = {});
  void warning(SourceLocation where, std::string message, std::string source_line = {});

  bool has_errors() const;
  /// True when every diagnostic reported is stored: none was dropped past the limit.
  bool complete() const;
  /// True once `limit` diagnostics are stored: later ones are only counted, so a caller may
  /// skip costly work for them, such as finding the source line in a large file.
  bool full() const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  /// The stored diagnostics, sorted by path, line, column and message for deterministic output.
  std::vector<Diagnostic> sorted() const;
  /// Every stored diagnostic formatted, one per line, plus a line saying how many were dropped.
  std::string format_all() const;
  /// Appends everything `other` holds.
  void merge(const Diagnostics& other);

 private:
  mutable std::mutex mutex_;
  std::size_t limit_;
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  std::size_t dropped_ = 0;
};

}  // namespace gongkai
