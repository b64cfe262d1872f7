#include "base/diagnostic.h"

#include <utf8proc.h>

#include <algorithm>
#include <tuple>

namespace gongkai {
namespace {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

bool is_continuation_byte(unsigned char c) { return (c & 0xC0) == 0x80; }

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kEllipsis = "\xE2\x80\xA6";     // U+2026

/// The widest source line shown under a message, in code points. Longer lines (a minified
/// data file is one line) are cut around the column, so a 16 MiB line is never printed.
constexpr int kMaxShownColumns = 160;

/// `text` safe to print on a terminal: control characters other than tab, and bytes that are
/// not UTF-8, become U+FFFD, so input cannot move the cursor, recolour the terminal or forge
/// diagnostic lines. Stray continuation bytes are dropped: locate() gives them no column.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) {
      if (!is_continuation_byte(bytes[i])) out += kReplacement;
      ++i;
      continue;
    }
    bool control = (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0);
    out += control ? kReplacement : text.substr(i, static_cast<std::size_t>(n));
    i += static_cast<std::size_t>(n);
  }
  return out;
}

/// Byte offset of 1-based column `column` in `line`, or line.size().
std::size_t column_offset(const std::string& line, int column) {
  int col = 1;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (is_continuation_byte(static_cast<unsigned char>(line[i]))) continue;
    if (col++ == column) return i;
  }
  return line.size();
}

/// Cuts a long `line` to a window of kMaxShownColumns around `column`, marking the cuts with
/// "…", and moves `column` along, so that it still points at the same character.
std::string clip_line(const std::string& line, int& column) {
  int width = static_cast<int>(std::count_if(line.begin(), line.end(), [](char c) {
    return !is_continuation_byte(static_cast<unsigned char>(c));
  }));
  if (width <= kMaxShownColumns) return line;
  int first = std::clamp(column - kMaxShownColumns / 2, 1, width - kMaxShownColumns + 1);
  std::size_t begin = column_offset(line, first), end = column_offset(line, first + kMaxShownColumns);
  std::string out = first > 1 ? std::string(kEllipsis) : std::string();
  column = column - first + 1 + (first > 1 ? 1 : 0);
  out += line.substr(begin, end - begin);
  if (end < line.size()) out += kEllipsis;
  return out;
}

/// Leading whitespace of `line` up to `column`, with every other character replaced by a space,
/// so the caret lines up under tabs as well as spaces.
std::string caret_line(const std::string& line, int column) {
  std::string out;
  int col = 1;
  for (std::size_t i = 0; i < line.size() && col < column; ++i) {
    if (is_continuation_byte(static_cast<unsigned char>(line[i]))) continue;
    out += line[i] == '\t' ? '\t' : ' ';
    ++col;
  }
  return out + "^";
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.where.path;
  if (d.where.line > 0) out += ":" + std::to_string(d.where.line);
  if (d.where.line > 0 && d.where.column > 0) out += ":" + std::to_string(d.where.column);
  if (!out.empty()) out += ": ";
  out += severity_name(d.severity);
  out += ": " + d.message;
  if (!d.source_line.empty() && d.where.column > 0) {
    int column = d.source_column > 0 ? d.source_column : d.where.column;
    out += "\n" + d.source_line + "\n" + caret_line(d.source_line, column);
  }
  return out;
}

SourceLocation locate(std::string_view path, std::string_view text, std::size_t offset) {
  SourceLocation loc{std::string(path), 1, 1};
  offset = std::min(offset, text.size());
  for (std::size_t i = 0; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++loc.line;
      loc.column = 1;
    } else if (!is_continuation_byte(c)) {
      ++loc.column;
    }
  }
  return loc;
}

std::string line_text(std::string_view text, int line) {
  std::size_t start = 0;
  for (int l = 1; l < line; ++l) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return std::string(text.substr(start, end - start));
}

void Diagnostics::report(Diagnostic d) {
  std::lock_guard lock(mutex_);
  auto count = [&] {
    if (d.severity == Severity::error) ++errors_;
    if (d.severity == Severity::warning) ++warnings_;
  };
  if (items_.size() >= limit_) {
    count();
    ++dropped_;
    return;
  }
  d.where.path = printable(d.where.path);
  d.message = printable(d.message);
  if (!d.source_line.empty() && d.where.column > 0 && d.source_column == 0) {
    d.source_column = d.where.column;
    d.source_line = clip_line(printable(d.source_line), d.source_column);
  } else {
    d.source_line = printable(d.source_line);
  }
  // Said once: a broken template, for one, is met again on every page that uses it.
  auto same = [&](const Diagnostic& e) {
    return e.severity == d.severity && e.where.path == d.where.path && e.where.line == d.where.line &&
           e.where.column == d.where.column && e.message == d.message;
  };
  if (std::any_of(items_.begin(), items_.end(), same)) return;
  count();
  items_.push_back(std::move(d));
}

bool Diagnostics::full() const {
  std::lock_guard lock(mutex_);
  return items_.size() >= limit_;
}

void Diagnostics::error(SourceLocation where, std::string message, std::string source_line) {
  report({Severity::error, std::move(where), std::move(message), std::move(source_line)});
}

void Diagnostics::warning(SourceLocation where, std::string message, std::string source_line) {
  report({Severity::warning, std::move(where), std::move(message), std::move(source_line)});
}

bool Diagnostics::complete() const {
  std::lock_guard lock(mutex_);
  return dropped_ == 0;
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

std::size_t Diagnostics::warning_count() const {
  std::lock_guard lock(mutex_);
  return warnings_;
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::lock_guard lock(mutex_);
  std::vector<Diagnostic> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.where.path, a.where.line, a.where.column, a.message) <
           std::tie(b.where.path, b.where.line, b.where.column, b.message);
  });
  return out;
}

std::string Diagnostics::format_all() const {
  std::string out;
  for (const Diagnostic& d : sorted()) out += format_diagnostic(d) + "\n";
  std::lock_guard lock(mutex_);
  if (dropped_ > 0) {
    out += "note: " + std::to_string(dropped_) + " more diagnostics not shown (limit " +
           std::to_string(limit_) + ")\n";
  }
  return out;
}

void Diagnostics::merge(const Diagnostics& other) {
  std::vector<Diagnostic> stored = other.sorted();
  std::size_t errors = 0, warnings = 0, dropped = 0;
  {
    std::lock_guard lock(other.mutex_);
    errors = other.errors_;
    warnings = other.warnings_;
    dropped = other.dropped_;
  }
  for (const Diagnostic& d : stored) {
    if (d.severity == Severity::error) --errors;
    if (d.severity == Severity::warning) --warnings;
    report(d);
  }
  // What `other` only counted, past its limit, is counted here too.
  std::lock_guard lock(mutex_);
  errors_ += errors;
  warnings_ += warnings;
  dropped_ += dropped;
}

}  // namespace gongkai
