// Mustache templates (https://mustache.github.io/mustache.5.html) over View data (view_data.h):
// interpolation, sections, inverted sections, comments, set delimiters, partials, inheritance
// (parents `{{<name}}` and blocks `{{$name}}`) and dynamic names (`{{>*name}}`, `{{<*name}}`).
// Lambdas are not supported: data is a JSON-like tree.
//
// A template is compiled once into a node tree; rendering walks that tree over a stack of
// pointers into the caller's View, so it neither copies the data nor parses anything again.
//
// Choices where the Mustache spec leaves room:
// - Falsey for sections: a missing name, null, false, "" and []. Numbers, 0 included, are
//   truthy: a published figure of 0 is still a figure.
// - Escaping replaces & < > " and ' (as &#39;, so single-quoted attributes are safe too).
// - Numbers print as integers, or as the shortest text that reads back as the same double
//   (1.21, not 1.2100000000000000); arrays and objects print as compact JSON.
// - A dotted name part that is a number indexes an array: `{{rows.0.name}}`.
// - Standalone lines, partial indentation and block reindentation follow the spec
//   (specs/whitespace.md of mustache/spec), blank lines included.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "render/view_data.h"

namespace gongkai {

/// The text of a template and the path that diagnostics print for it.
struct TemplateSource {
  std::string text;
  std::string path;
};

/// Finds the source of a template (partial or parent) by name; nullopt when there is none.
/// Called with the engine's lock held: it must not call back into the engine.
using TemplateLoader = std::function<std::optional<TemplateSource>(std::string_view name)>;

/// What a partial or parent that cannot be found does. `empty` is the spec's behaviour (renders
/// nothing; reported as a warning), `error` is for site builds, where a missing partial is a bug.
enum class MissingPartial { empty, error };

/// How many partial and parent expansions may be nested. Deeper nesting is reported as an error
/// (it is almost always endless recursion) instead of overflowing the stack.
inline constexpr int kMaxTemplateExpansionDepth = 100;

/// Compiles and renders Mustache templates by name.
///
/// Thread safety: `render` and `render_to` may run from any number of threads at once, also
/// while partials named dynamically are compiled on demand. `load` and `add` must not run
/// while a render is running.
class TemplateEngine {
 public:
  TemplateEngine(TemplateLoader loader, MissingPartial policy);
  ~TemplateEngine();
  TemplateEngine(TemplateEngine&&) noexcept;
  TemplateEngine& operator=(TemplateEngine&&) noexcept;

  /// Compiles `name` from the loader, and every statically named partial/parent it uses
  /// (transitively). Reports every problem found; false when any of them is an error.
  /// Loading a name already compiled only says whether it compiled cleanly.
  bool load(std::string_view name, Diagnostics& diagnostics);

  /// Compiles a template given directly under `name` (for `gongkai template FILE`), and what it
  /// uses, as `load` does. Partials compiled earlier that named `name` and found nothing now
  /// use it. A name can be added only once.
  bool add(std::string name, TemplateSource source, Diagnostics& diagnostics);

  /// Renders a template, compiling it first if needed. nullopt on an error (reported).
  std::optional<std::string> render(std::string_view name, const View& context,
                                    Diagnostics& diagnostics) const;
  /// `render` over JSON data, converted to a View first (for tests and `gongkai template`).
  std::optional<std::string> render(std::string_view name, const nlohmann::json& context,
                                    Diagnostics& diagnostics) const;

  /// Renders like `render` but appends to `out`, so a caller rendering many pages can reuse one
  /// buffer. On an error returns false, and `out` may hold part of the output.
  bool render_to(std::string_view name, const View& context, std::string& out,
                 Diagnostics& diagnostics) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gongkai
