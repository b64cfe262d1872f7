// The Reader of a report data file: where its messages go and how it reads the typed members of
// JSON objects (data_reader.h). The messages are those listed in data.h.
#include "model/data_reader.h"

#include <charconv>
#include <utility>

namespace gongkai::data_reader {
namespace {

bool is_identifier(std::string_view s) {
  if (s.empty() || s.front() < 'a' || s.front() > 'z') return false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

bool is_digits(std::string_view s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string_view::npos;
}

/// "A, B, C": the keys an object may have, for "unknown key" messages.
std::string join(std::initializer_list<std::string_view> items) {
  std::string out;
  for (std::string_view item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

}  // namespace

bool is_valid_code(std::string_view s) {
  return is_digits(s) && (s.size() == 3 || s.size() == 5 || s.size() == 7);
}

std::optional<int> integer_literal(const Value& v) {
  if (!v.is(Type::number) || !is_digits(v.text) || v.text.size() > 9) return std::nullopt;
  int out = 0;
  std::from_chars(v.text.data(), v.text.data() + v.text.size(), out);
  return out;
}

std::string at_text(TextPosition where) {
  return "line " + std::to_string(where.line) + ", column " + std::to_string(where.column);
}

std::string at_text(const SourceLocation& where) {
  return at_text(TextPosition{where.line, where.column});
}

Position position_of(TextPosition where) { return {where.line, where.column}; }

void Reader::error(Position p, std::string message) {
  failed_ = true;
  diagnostics_.error(at(p), std::move(message),
                     diagnostics_.full() ? std::string() : line_text(text_, p.line));
}

bool Reader::expect_object(const Value& v, std::string_view what) {
  if (v.is(Type::object)) return true;
  error(v.position,
        std::string(what) + " must be an object, not " + std::string(json::type_name(v.type)));
  return false;
}

void Reader::check_keys(const Value& object, std::string_view what,
                        std::initializer_list<std::string_view> allowed) {
  for (const Member& m : object.members) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == m.key;
    if (!known) {
      error(m.key_position, "unknown key \"" + m.key + "\" in " + std::string(what) +
                                "; expected one of: " + join(allowed));
    }
  }
}

const Value* Reader::require(const Value& object, std::string_view key, std::string_view what) {
  const Value* v = object.find(key);
  if (!v)
    error(object.position, "missing key \"" + std::string(key) + "\" in " + std::string(what));
  return v;
}

bool Reader::expect_type(const Value& v, std::string_view key, Type type) {
  if (v.is(type)) return true;
  error(v.position, "\"" + std::string(key) + "\" must be " + std::string(json::type_name(type)) +
                        ", not " + std::string(json::type_name(v.type)));
  return false;
}

std::string Reader::string_member(const Value& object, std::string_view key, std::string_view what,
                                  bool required) {
  const Value* v = required ? require(object, key, what) : object.find(key);
  if (!v || !expect_type(*v, key, Type::string)) return {};
  return v->text;
}

bool Reader::bool_member(const Value& object, std::string_view key) {
  const Value* v = object.find(key);
  return v && expect_type(*v, key, Type::boolean) && v->boolean;
}

std::string Reader::identifier_member(const Value& object, std::string_view key,
                                      std::string_view what, bool required) {
  const Value* v = required ? require(object, key, what) : object.find(key);
  if (!v || !expect_type(*v, key, Type::string)) return {};
  if (!is_identifier(v->text)) {
    error(v->position, "invalid identifier \"" + v->text +
                           "\": use lowercase letters, digits, '-' and '_', starting with a "
                           "letter");
    return {};
  }
  return v->text;
}

const Value* Reader::array_member(const Value& object, std::string_view key, std::string_view what,
                                  bool required, bool non_empty) {
  const Value* v = required ? require(object, key, what) : object.find(key);
  if (!v || !expect_type(*v, key, Type::array)) return nullptr;
  if (non_empty && v->items.empty()) {
    error(v->position, "\"" + std::string(key) + "\" must not be empty");
    return nullptr;
  }
  return v;
}

std::vector<std::string> Reader::string_list(const Value& object, std::string_view key) {
  std::vector<std::string> out;
  const Value* list = array_member(object, key, "", false);
  if (!list) return out;
  for (const Value& item : list->items) {
    if (expect_type(item, key, Type::string)) out.push_back(item.text);
  }
  return out;
}

std::optional<AmountUnit> Reader::unit_member(const Value& object) {
  const Value* v = object.find("unit");
  if (!v) return std::nullopt;
  if (v->is(Type::null)) return AmountUnit::none;
  if (!expect_type(*v, "unit", Type::string)) return std::nullopt;
  if (v->text == "万元") return AmountUnit::wan_yuan;
  if (v->text == "元") return AmountUnit::yuan;
  error(v->position, "unknown unit \"" + v->text + "\"; expected \"万元\", \"元\" or null");
  return std::nullopt;
}

std::optional<Decimal> Reader::parse_figure(const Value& v, std::string_view column) {
  Decimal::ParseError problem = Decimal::ParseError::none;
  std::optional<Decimal> figure = Decimal::parse(v.text, &problem);
  if (!figure) {
    error(v.position, "invalid figure " + v.text + " in column \"" + std::string(column) +
                          "\": " + std::string(Decimal::describe(problem)));
  }
  return figure;
}

void Reader::note_duplicate(std::map<std::string, SourceLocation>& seen, const std::string& name,
                            Position p, std::string_view what) {
  if (name.empty()) return;
  auto [it, inserted] = seen.emplace(name, at(p));
  if (!inserted) {
    error(p, "duplicate " + std::string(what) + " \"" + name + "\" (first at " +
                 at_text(it->second) + ")");
  }
}

bool Reader::count_cells(std::size_t count, Position where) {
  cells_ += count;
  if (cells_ <= kMaxCellsPerFile) return true;
  if (!cells_reported_) {
    error(where, "a file may have at most " + std::to_string(kMaxCellsPerFile) +
                     " cells (rows times leaf columns, all tables together)");
  }
  cells_reported_ = true;
  return false;
}

}  // namespace gongkai::data_reader
