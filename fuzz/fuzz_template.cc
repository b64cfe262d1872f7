// libFuzzer target: the Mustache compiler and renderer (template.h). The input is split at NUL
// bytes into the main template and the partials "a", "b" and "c", so that partials, parents,
// blocks and dynamic names (which may name each other, or themselves) are reached too. The
// context is a small fixed view model.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "render/template.h"

namespace {

const nlohmann::json& context() {
  static const nlohmann::json value = nlohmann::json::parse(R"({
    "title": "<b>预算</b> & \"quotes\"", "empty": "", "zero": 0, "no": false, "nothing": null,
    "name": "a", "list": [{"name": "b", "n": 1}, {"name": "c", "n": 2.5}, {"name": "x"}],
    "nested": {"name": "c", "deeper": {"list": [1, 2, 3], "text": "'"}}, "items": []
  })");
  return value;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string, std::less<>> partials;
  std::size_t cut = input.find('\0');
  std::string_view main = input.substr(0, cut);
  const char* names[] = {"a", "b", "c"};
  for (const char* name : names) {
    if (cut == std::string_view::npos) break;
    std::size_t start = cut + 1;
    cut = input.find('\0', start);
    partials[name] = std::string(input.substr(start, cut == std::string_view::npos ? cut : cut - start));
  }
  gongkai::TemplateLoader loader =
      [&partials](std::string_view name) -> std::optional<gongkai::TemplateSource> {
    auto it = partials.find(name);
    if (it == partials.end()) return std::nullopt;
    return gongkai::TemplateSource{it->second, std::string(name) + ".mustache"};
  };
  gongkai::Diagnostics diagnostics;
  gongkai::TemplateEngine engine(loader, gongkai::MissingPartial::error);
  if (engine.add("main", {std::string(main), "main.mustache"}, diagnostics)) {
    (void)engine.render("main", context(), diagnostics);
  }
  (void)diagnostics.format_all();
  return 0;
}
