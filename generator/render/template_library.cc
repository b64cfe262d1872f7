// The library behind TemplateEngine (template.h): compiling templates by name through the
// caller's loader, linking the partials and parents they name, and compiling on demand the ones
// that renders name dynamically.
#include "render/template_library.h"

#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "render/template_tree.h"

namespace gongkai::mustache {
namespace {

/// Appends the statically named partial and parent nodes among `nodes`, at any depth.
void collect_static_refs(std::vector<Node>& nodes, std::vector<Node*>& refs) {
  for (Node& node : nodes) {
    bool expands = node.kind == NodeKind::partial || node.kind == NodeKind::parent;
    if (expands && !node.dynamic) refs.push_back(&node);
    collect_static_refs(node.children, refs);
  }
}

}  // namespace

bool Library::load(std::string_view name, Diagnostics& diagnostics) {
  std::unique_lock lock(mutex_);
  if (const Template* known = find(name)) return !known->broken;
  bool ok = true;
  std::optional<TemplateSource> source = load_source(name, diagnostics, ok);
  if (!source) {
    if (ok) diagnostics.error({}, "template '" + std::string(name) + "' not found");
    return false;
  }
  Template* created = create(std::string(name), std::move(*source), diagnostics, ok);
  return link_closure(created, diagnostics, ok);
}

bool Library::add(std::string name, TemplateSource source, Diagnostics& diagnostics) {
  std::unique_lock lock(mutex_);
  if (find(name)) {
    diagnostics.error({source.path, 0, 0}, "template '" + name + "' is already defined");
    return false;
  }
  bool ok = true;
  Template* added = create(std::move(name), std::move(source), diagnostics, ok);
  relink(*added);
  return link_closure(added, diagnostics, ok);
}

const Template* Library::obtain(std::string_view name, Diagnostics& diagnostics) const {
  {
    std::shared_lock lock(mutex_);
    if (const Template* known = find(name)) return known;
    if (missing_.find(name) != missing_.end()) return nullptr;
  }
  std::unique_lock lock(mutex_);
  if (const Template* known = find(name)) return known;  // compiled while we waited
  if (missing_.find(name) != missing_.end()) return nullptr;
  bool ok = true;
  std::optional<TemplateSource> source = load_source(name, diagnostics, ok);
  if (!source) return nullptr;
  Template* created = create(std::string(name), std::move(*source), diagnostics, ok);
  link_closure(created, diagnostics, ok);
  return created;
}

const Template* Library::find(std::string_view name) const {
  auto found = templates_.find(name);
  return found == templates_.end() ? nullptr : found->second.get();
}

/// Compiles and registers a template (broken or not), reporting its errors.
Template* Library::create(std::string name, TemplateSource source, Diagnostics& diagnostics,
                          bool& ok) const {
  auto compiled = std::make_unique<Template>();
  compiled->name = std::move(name);
  compiled->path = std::move(source.path);
  compiled->source = std::move(source.text);
  std::vector<Diagnostic> errors;
  compiled->broken = !compile(compiled->source, compiled->path, compiled->nodes, errors);
  for (Diagnostic& error : errors) diagnostics.report(std::move(error));
  if (compiled->broken) ok = false;
  collect_static_refs(compiled->nodes, compiled->static_refs);
  Template* raw = compiled.get();
  templates_.emplace(raw->name, std::move(compiled));
  return raw;
}

/// Links the static partials of `root` and of every template compiled on the way, loading
/// those not known yet. A worklist, not recursion: a chain of partials can be long.
bool Library::link_closure(Template* root, Diagnostics& diagnostics, bool ok) const {
  std::vector<Template*> pending{root};
  while (!pending.empty()) {
    Template* owner = pending.back();
    pending.pop_back();
    for (Node* ref : owner->static_refs) link(*ref, *owner, pending, diagnostics, ok);
  }
  return ok;
}

/// Points `ref`, a static partial or parent in `owner`, at its template, compiling one not known
/// yet (queued on `pending` to be linked in turn); a missing one is reported as the policy says.
void Library::link(Node& ref, const Template& owner, std::vector<Template*>& pending,
                   Diagnostics& diagnostics, bool& ok) const {
  const Template* target = find(ref.text);
  if (!target && missing_.find(ref.text) == missing_.end()) {
    if (std::optional<TemplateSource> source = load_source(ref.text, diagnostics, ok)) {
      Template* created = create(ref.text, std::move(*source), diagnostics, ok);
      pending.push_back(created);
      target = created;
    }
  }
  ref.target = target;
  if (target && target->broken) ok = false;  // its errors were reported when it was compiled
  if (target) return;
  Severity severity = policy_ == MissingPartial::error ? Severity::error : Severity::warning;
  if (severity == Severity::error) ok = false;
  report_at(diagnostics, severity, owner, ref, what_it_is(ref) + " '" + ref.text + "' not found");
}

/// Asks the loader; remembers the names it does not have. A loader that throws is reported.
std::optional<TemplateSource> Library::load_source(std::string_view name, Diagnostics& diagnostics,
                                                   bool& ok) const {
  std::optional<TemplateSource> source;
  try {
    if (loader_) source = loader_(name);
  } catch (const std::exception& e) {
    diagnostics.error({}, "cannot load template '" + std::string(name) + "': " + e.what());
    ok = false;
  }
  if (!source) missing_.emplace(name);
  return source;
}

/// Points the partials that found nothing under the name of `added` at it.
void Library::relink(const Template& added) {
  missing_.erase(added.name);
  for (auto& [name, compiled] : templates_) {
    for (Node* ref : compiled->static_refs) {
      if (!ref->target && ref->text == added.name) ref->target = &added;
    }
  }
}

}  // namespace gongkai::mustache
