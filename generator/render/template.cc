// TemplateEngine (template.h): the public face of the Mustache engine. The work is done by the
// compiler (template_parser.cc, template_whitespace.cc), the library of compiled templates
// (template_library.cc) and the renderer (template_render.cc), over the tree of
// template_tree.h.
#include "render/template.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "render/template_library.h"
#include "render/template_tree.h"

namespace gongkai {

/// The library itself: TemplateEngine only forwards to it, and renders what it holds.
struct TemplateEngine::Impl : mustache::Library {
  using Library::Library;
};

TemplateEngine::TemplateEngine(TemplateLoader loader, MissingPartial policy)
    : impl_(std::make_unique<Impl>(std::move(loader), policy)) {}
TemplateEngine::~TemplateEngine() = default;
TemplateEngine::TemplateEngine(TemplateEngine&&) noexcept = default;
TemplateEngine& TemplateEngine::operator=(TemplateEngine&&) noexcept = default;

bool TemplateEngine::load(std::string_view name, Diagnostics& diagnostics) {
  return impl_->load(name, diagnostics);
}

bool TemplateEngine::add(std::string name, TemplateSource source, Diagnostics& diagnostics) {
  return impl_->add(std::move(name), std::move(source), diagnostics);
}

std::optional<std::string> TemplateEngine::render(std::string_view name, const View& context,
                                                  Diagnostics& diagnostics) const {
  std::string out;
  if (!render_to(name, context, out, diagnostics)) return std::nullopt;
  return out;
}

std::optional<std::string> TemplateEngine::render(std::string_view name,
                                                  const nlohmann::json& context,
                                                  Diagnostics& diagnostics) const {
  return render(name, View::from_json(context), diagnostics);
}

bool TemplateEngine::render_to(std::string_view name, const View& context, std::string& out,
                               Diagnostics& diagnostics) const {
  const mustache::Template* root = impl_->obtain(name, diagnostics);
  if (!root) {
    diagnostics.error({}, "template '" + std::string(name) + "' not found");
    return false;
  }
  if (root->broken) {
    diagnostics.error({root->path, 0, 0}, "template '" + root->name + "' has errors");
    return false;
  }
  return mustache::render_template(*impl_, *root, context, out, diagnostics);
}

}  // namespace gongkai
