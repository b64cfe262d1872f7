#include "base/toml_file.h"

#include "base/text_characters.h"

namespace gongkai {

namespace {

/// Reports, at its place, every string value and key of a parsed document that holds a
/// forbidden character (base/text_characters.h): toml++ refuses them raw but decodes escapes
/// such as \u0000 or \uFFFF into them.
class ForbiddenCharacterScan {
 public:
  ForbiddenCharacterScan(std::string_view text, const std::string& path, Diagnostics& diagnostics,
                         int first_line)
      : text_(text), path_(path), diagnostics_(diagnostics), first_line_(first_line) {}

  /// True when nothing below `node` holds a forbidden character. Recursion is bounded by the
  /// nesting toml++ accepts.
  bool scan(const toml::node& node) {
    if (const toml::table* table = node.as_table()) {
      for (const auto& [key, value] : *table) {
        check("key", key.str(), key.source());
        scan(value);
      }
    } else if (const toml::array* array = node.as_array()) {
      for (const toml::node& item : *array) scan(item);
    } else if (const auto* string = node.as_string()) {
      check("string", string->get(), node.source());
    }
    return clean_;
  }

 private:
  std::string_view text_;
  const std::string& path_;
  Diagnostics& diagnostics_;
  int first_line_;
  bool clean_ = true;

  void check(std::string_view what, std::string_view value, const toml::source_region& where) {
    std::optional<ForbiddenCharacter> bad = first_forbidden_character(value);
    if (!bad) return;
    clean_ = false;
    auto line = static_cast<int>(where.begin.line);
    diagnostics_.error({path_, line + first_line_ - 1, static_cast<int>(where.begin.column)},
                       std::string(what) + " holds " +
                           describe_forbidden_character(bad->code_point) +
                           ", which no page, CSV file or feed can carry",
                       line_text(text_, line));
  }
};

}  // namespace

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      Diagnostics& diagnostics, int first_line) {
  try {
    toml::table table = toml::parse(text, path);
    ForbiddenCharacterScan scan(text, path, diagnostics, first_line);
    if (!scan.scan(table)) return std::nullopt;
    return table;
  } catch (const toml::parse_error& e) {
    const auto& begin = e.source().begin;
    int line = static_cast<int>(begin.line) + first_line - 1;
    std::string source_line = line_text(text, static_cast<int>(begin.line));
    diagnostics.error({path, line, static_cast<int>(begin.column)},
                      std::string(e.description()), source_line);
    return std::nullopt;
  }
}

TomlReader::TomlReader(const toml::table& table, std::string path, Diagnostics& diagnostics,
                       int line_offset)
    : table_(table), path_(std::move(path)), diagnostics_(diagnostics), line_offset_(line_offset) {}

SourceLocation TomlReader::location_of(std::string_view key) const {
  const toml::node* node = table_.get(key);
  const toml::source_region& region = node ? node->source() : table_.source();
  return {path_, static_cast<int>(region.begin.line) + line_offset_,
          static_cast<int>(region.begin.column)};
}

void TomlReader::error_at(std::string_view key, std::string message) {
  diagnostics_.error(location_of(key), std::move(message));
}

namespace {

/// True when `text` holds nothing but spaces, tabs, line breaks and ideographic spaces (U+3000).
bool is_blank(std::string_view text) {
  static constexpr std::string_view kIdeographicSpace = "\u3000";
  for (std::size_t i = 0; i < text.size();) {
    if (text.substr(i).starts_with(kIdeographicSpace)) {
      i += kIdeographicSpace.size();
    } else if (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n') {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> TomlReader::string(std::string_view key, bool required) {
  known_.emplace(key);
  const toml::node* node = table_.get(key);
  if (!node) {
    if (required) error_at(key, "missing required key '" + std::string(key) + "'");
    return std::nullopt;
  }
  if (auto value = node->value<std::string>(); value && node->is_string()) {
    if (!required || !is_blank(*value)) return *value;
    error_at(key, "'" + std::string(key) + "' must not be empty");
    return std::nullopt;
  }
  error_at(key, "'" + std::string(key) + "' must be a string");
  return std::nullopt;
}

std::optional<bool> TomlReader::boolean(std::string_view key) {
  known_.emplace(key);
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  if (node->is_boolean()) return node->value<bool>();
  error_at(key, "'" + std::string(key) + "' must be true or false");
  return std::nullopt;
}

std::optional<std::int64_t> TomlReader::integer(std::string_view key) {
  known_.emplace(key);
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  if (node->is_integer()) return node->value<std::int64_t>();
  error_at(key, "'" + std::string(key) + "' must be an integer");
  return std::nullopt;
}

namespace {

/// `value` as `width` decimal digits, zeros in front: years print as four digits (0999).
std::string padded(unsigned value, int width) {
  std::string out(static_cast<std::size_t>(width), '0');
  for (int i = width - 1; i >= 0 && value > 0; --i, value /= 10) {
    out[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
  }
  return out;
}

std::optional<toml::date> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t n) {
    unsigned value = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      value = value * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return value;
  };
  return toml::date(number(0, 4), number(5, 2), number(8, 2));
}

unsigned days_in_month(unsigned year, unsigned month) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

/// Why `d` is not a day of the (proleptic Gregorian) calendar, or "" when it is one.
std::string calendar_problem(const toml::date& d) {
  if (d.month < 1 || d.month > 12) return "there is no month " + padded(d.month, 2);
  unsigned days = days_in_month(d.year, d.month);
  if (d.day >= 1 && d.day <= days) return "";
  return padded(d.year, 4) + "-" + padded(d.month, 2) + " has no day " + padded(d.day, 2) +
         " (it has " + std::to_string(days) + " days)";
}

}  // namespace

std::optional<std::string> TomlReader::date(std::string_view key) {
  known_.emplace(key);
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  std::optional<toml::date> d;
  if (node->is_date()) d = node->value<toml::date>();
  if (node->is_string()) d = parse_iso_date(*node->value<std::string>());
  if (!d) {
    error_at(key, "'" + std::string(key) + "' must be a date such as 2023-02-10");
    return std::nullopt;
  }
  if (std::string problem = calendar_problem(*d); !problem.empty()) {
    error_at(key, "'" + std::string(key) + "' is not a date of the calendar: " + problem);
    return std::nullopt;
  }
  return padded(d->year, 4) + "-" + padded(d->month, 2) + "-" + padded(d->day, 2);
}

const toml::table* TomlReader::table(std::string_view key) {
  known_.emplace(key);
  const toml::node* node = table_.get(key);
  if (!node) return nullptr;
  if (node->is_table()) return node->as_table();
  error_at(key, "'" + std::string(key) + "' must be a table");
  return nullptr;
}

void TomlReader::warn_unknown_keys(std::string_view where) {
  for (const auto& [key, node] : table_) {
    if (known_.count(key.str())) continue;
    std::string name = where.empty() ? std::string(key.str()) : std::string(where) + "." + std::string(key.str());
    const auto& begin = node.source().begin;
    diagnostics_.warning(
        {path_, static_cast<int>(begin.line) + line_offset_, static_cast<int>(key.source().begin.column)},
        "unknown key '" + name + "' (ignored)");
  }
}

}  // namespace gongkai
