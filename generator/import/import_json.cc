#include "import/import_json.h"

#include <algorithm>
#include <string_view>

namespace gongkai {
namespace {

/// Figures travel as strings behind this mark, which no printed text holds.
constexpr std::string_view kFigureMark = "\x1F#";

/// Objects and arrays written on one line: rows, leaf columns, fields, checks, notes.
bool is_compact(const ImportJson& value, std::string_view key) {
  if (value.is_object()) {
    return value.contains("cells") || value.contains("key") || value.contains("assert") ||
           (value.contains("label") && value.contains("value")) || value.contains("check") ||
           value.empty();
  }
  if (value.is_array()) {
    return key == "notes" || key == "sum_of" || value.empty() ||
           (value.size() <= 8 && std::all_of(value.begin(), value.end(),
                                             [](const ImportJson& v) { return v.is_primitive(); }));
  }
  return true;
}

void write_compact(const ImportJson& value, std::string& out);

void write_primitive(const ImportJson& value, std::string& out) {
  if (is_figure_json(value)) {
    out += figure_digits(value);
  } else {
    out += value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

void write_compact(const ImportJson& value, std::string& out) {
  if (value.is_object()) {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      if (!first) out += ", ";
      first = false;
      out += ImportJson(key).dump() + ": ";
      write_compact(item, out);
    }
    out += '}';
  } else if (value.is_array()) {
    out += '[';
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (i) out += ", ";
      write_compact(value[i], out);
    }
    out += ']';
  } else {
    write_primitive(value, out);
  }
}

void write_expanded(const ImportJson& value, std::string_view key, int indent, std::string& out) {
  std::string pad(static_cast<std::size_t>(indent + 2), ' ');
  if (is_compact(value, key)) return write_compact(value, out);
  bool object = value.is_object();
  out += object ? "{\n" : "[\n";
  std::size_t i = 0;
  for (const auto& [item_key, item] : value.items()) {
    out += pad;
    if (object) out += ImportJson(item_key).dump() + ": ";
    write_expanded(item, object ? std::string_view(item_key) : key, indent + 2, out);
    out += ++i < value.size() ? ",\n" : "\n";
  }
  out += std::string(static_cast<std::size_t>(indent), ' ') + (object ? "}" : "]");
}

}  // namespace

ImportJson figure_json(const std::string& digits) { return std::string(kFigureMark) + digits; }

bool is_figure_json(const ImportJson& value) {
  return value.is_string() && value.get_ref<const std::string&>().starts_with(kFigureMark);
}

std::string figure_digits(const ImportJson& value) {
  return value.get_ref<const std::string&>().substr(kFigureMark.size());
}

std::string write_import_json(const ImportJson& report) {
  std::string out;
  write_expanded(report, "", 0, out);
  return out + "\n";
}

}  // namespace gongkai
