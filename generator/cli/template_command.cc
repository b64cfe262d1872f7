#include "cli/template_command.h"

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/file_reader.h"
#include "base/json.h"

namespace gongkai {

namespace {

/// The data, read by the strict reader the report files go through (base/json.h): a syntax
/// error, a duplicate key, a control character or nesting deeper than 256 levels is an error
/// at its line and column, and a number no integer or double holds prints as written.
std::optional<nlohmann::json> read_data(const std::filesystem::path& file,
                                        Diagnostics& diagnostics) {
  std::string display = file.generic_string();
  std::optional<std::string> text = read_source_file(file, display, diagnostics);
  if (!text) return std::nullopt;
  std::optional<json::Value> data = json::parse(display, *text, diagnostics);
  if (!data) return std::nullopt;
  return json::to_nlohmann(*data, json::NumberMode::native);
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
  std::optional<nlohmann::json> context = nlohmann::json::object();
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
