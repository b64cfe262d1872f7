// The library of compiled templates behind TemplateEngine (template.h): compiles templates by
// name through the caller's loader, links the partials and parents they name, and serves
// renders, which may compile the partials they name dynamically. Internal to the template
// engine.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "render/template.h"
#include "render/template_tree.h"

namespace gongkai::mustache {

/// Hashes names as string_views, so that lookups by string_view need no std::string.
struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// Templates by name. unique_ptr: nodes link to templates by address, so they must not move.
using TemplateMap =
    std::unordered_map<std::string, std::unique_ptr<Template>, NameHash, std::equal_to<>>;
using NameSet = std::unordered_set<std::string, NameHash, std::equal_to<>>;

/// Every template compiled so far, by name, and the names the loader does not have. A
/// shared_mutex guards both: renders look up under a shared lock and compile what is missing
/// under an exclusive one.
class Library {
 public:
  Library(TemplateLoader loader, MissingPartial policy)
      : loader_(std::move(loader)), policy_(policy) {}

  MissingPartial policy() const { return policy_; }
  /// TemplateEngine::load: compiles `name` and what it names, transitively.
  bool load(std::string_view name, Diagnostics& diagnostics);
  /// TemplateEngine::add: compiles `source` as `name`, links earlier partials that found
  /// nothing under `name` to it, then compiles what it names.
  bool add(std::string name, TemplateSource source, Diagnostics& diagnostics);
  /// The template `name`, compiled on first use; nullptr when nobody has it. Safe while other
  /// threads render: what it compiles is published under the exclusive lock.
  const Template* obtain(std::string_view name, Diagnostics& diagnostics) const;

 private:
  const Template* find(std::string_view name) const;
  Template* create(std::string name, TemplateSource source, Diagnostics& diagnostics,
                   bool& ok) const;
  bool link_closure(Template* root, Diagnostics& diagnostics, bool ok) const;
  void link(Node& ref, const Template& owner, std::vector<Template*>& pending,
            Diagnostics& diagnostics, bool& ok) const;
  std::optional<TemplateSource> load_source(std::string_view name, Diagnostics& diagnostics,
                                            bool& ok) const;
  void relink(const Template& added);

  TemplateLoader loader_;
  MissingPartial policy_;
  mutable std::shared_mutex mutex_;
  mutable TemplateMap templates_;
  mutable NameSet missing_;
};

}  // namespace gongkai::mustache
