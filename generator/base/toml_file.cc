#include "base/toml_file.h"

namespace gongkai {

std::optional<toml::table> parse_toml(std::string_view text, const std::string& path,
                                      Diagnostics& diagnostics, int first_line) {
  try {
    return toml::parse(text, path);
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

std::string two_digits(unsigned value) {
  return std::string(1, static_cast<char>('0' + value / 10)) +
         static_cast<char>('0' + value % 10);
}

bool is_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> TomlReader::date(std::string_view key) {
  known_.emplace(key);
  const toml::node* node = table_.get(key);
  if (!node) return std::nullopt;
  if (node->is_date()) {
    toml::date d = *node->value<toml::date>();
    return std::to_string(d.year) + "-" + two_digits(d.month) + "-" + two_digits(d.day);
  }
  if (node->is_string() && is_iso_date(*node->value<std::string>())) {
    return *node->value<std::string>();
  }
  error_at(key, "'" + std::string(key) + "' must be a date such as 2023-02-10");
  return std::nullopt;
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
