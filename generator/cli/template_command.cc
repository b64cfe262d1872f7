#include "cli/template_command.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/file_reader.h"

namespace gongkai {

using json = nlohmann::json;

namespace {

/// Nesting of the data `gongkai template` accepts; printing an array or object recurses.
constexpr std::size_t kMaxDataDepth = 256;

/// The message of a parse_error without its "[json.exception...] parse error at ..." prefix.
std::string json_error_message(const json::parse_error& e) {
  std::string_view what = e.what();
  std::size_t column = what.find("column ");
  std::size_t colon = what.find(": ", column == what.npos ? 0 : column);
  return std::string(colon == what.npos ? what : what.substr(colon + 2));
}

/// How deeply arrays and objects nest in `value`, found without recursion.
std::size_t depth_of(const json& value) {
  std::vector<std::pair<const json*, std::size_t>> pending{{&value, 1}};
  std::size_t deepest = 0;
  while (!pending.empty()) {
    auto [next, depth] = pending.back();
    pending.pop_back();
    deepest = std::max(deepest, depth);
    if (!next->is_structured()) continue;
    for (const json& item : *next) pending.emplace_back(&item, depth + 1);
  }
  return deepest;
}

std::optional<json> read_data(const std::filesystem::path& file, Diagnostics& diagnostics) {
  std::string display = file.generic_string();
  std::optional<std::string> text = read_source_file(file, display, diagnostics);
  if (!text) return std::nullopt;
  try {
    json data = json::parse(*text);
    if (depth_of(data) <= kMaxDataDepth) return data;
    diagnostics.error({display, 0, 0},
                      "data nested more than " + std::to_string(kMaxDataDepth) + " levels deep");
  } catch (const json::parse_error& e) {
    SourceLocation where = locate(display, *text, e.byte == 0 ? 0 : e.byte - 1);
    diagnostics.error(where, "invalid JSON: " + json_error_message(e),
                      line_text(*text, where.line));
  }
  return std::nullopt;
}

}  // namespace

TemplateLoader directory_loader(std::filesystem::path dir) {
  return [dir = std::move(dir)](std::string_view name) -> std::optional<TemplateSource> {
    bool unsafe = name.empty() || name.find('/') != name.npos || name.find('\\') != name.npos ||
                  name.find("..") != name.npos || name.find('\0') != name.npos;
    if (unsafe) return std::nullopt;
    std::filesystem::path file = dir / (std::string(name) + ".mustache");
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(file, ec))) return std::nullopt;
    Diagnostics problems;
    std::string display = file.generic_string();
    std::optional<std::string> text = read_source_file(file, display, problems);
    if (!text) {
      // It exists but cannot be used: say why (the engine reports what a loader throws).
      Diagnostic problem = problems.sorted().front();
      throw std::runtime_error(problem.where.path + ": " + problem.message);
    }
    return TemplateSource{std::move(*text), display};
  };
}

int template_command(const std::filesystem::path& file,
                     const std::optional<std::filesystem::path>& data,
                     const std::optional<std::filesystem::path>& partials, std::ostream& out,
                     Diagnostics& diagnostics) {
  std::string display = file.generic_string();
  std::optional<std::string> text = read_source_file(file, display, diagnostics);
  std::optional<json> context = json::object();
  if (data) context = read_data(*data, diagnostics);
  if (!text || !context) return 1;
  TemplateLoader loader = partials ? directory_loader(*partials) : TemplateLoader{};
  TemplateEngine engine(std::move(loader), MissingPartial::empty);
  if (!engine.add(display, {std::move(*text), display}, diagnostics)) return 1;
  std::string rendered;
  if (!engine.render_to(display, View::from_json(*context), rendered, diagnostics)) return 1;
  out.write(rendered.data(), static_cast<std::streamsize>(rendered.size()));
  if (out) return 0;
  diagnostics.error({}, "cannot write the rendered output");
  return 1;
}

}  // namespace gongkai
