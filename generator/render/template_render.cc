// The Mustache renderer (template_tree.h): walks a compiled tree over a stack of pointers into
// the caller's View, appending to one string. Also what interpolation prints: HTML escaping and
// the text of values. This is the build's hot loop: plain data, no virtual calls, nothing
// allocated per node but the output.
#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "base/bytes.h"
#include "base/diagnostic.h"
#include "base/html_escape.h"
#include "render/template.h"
#include "render/template_library.h"
#include "render/template_tree.h"
#include "render/view_data.h"

namespace gongkai::mustache {
namespace {

/// Sections, expansions and blocks open at once while rendering, all templates together: bounds
/// the renderer's stack when many templates near kMaxNesting include one another.
constexpr int kMaxRenderNesting = 1000;
/// Output of one render. Far above any page; stops partials that expand exponentially.
constexpr std::size_t kMaxOutputBytes = 256u * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// What interpolation prints

/// The text of a scalar as interpolation prints it, in `buffer` when it has to be formatted;
/// nullopt for null, arrays and objects.
std::optional<std::string_view> scalar_text(const View& value, std::array<char, 32>& buffer) {
  char* first = buffer.data();
  char* last = buffer.data() + buffer.size();
  switch (value.kind()) {
    case View::Kind::string:
      return std::string_view(value.text());
    case View::Kind::boolean:
      return value.boolean() ? "true" : "false";
    case View::Kind::integer:
      return std::string_view(first, std::to_chars(first, last, value.integer()).ptr - first);
    case View::Kind::unsigned_integer:
      return std::string_view(first,
                              std::to_chars(first, last, value.unsigned_integer()).ptr - first);
    case View::Kind::real:
      return std::string_view(first, std::to_chars(first, last, value.real()).ptr - first);
    default:
      return std::nullopt;
  }
}

/// Appends `value` as `{{name}}` (escaped) or `{{{name}}}` prints it; null prints nothing.
void append_value(std::string& out, const View& value, bool escape) {
  std::array<char, 32> buffer;
  std::optional<std::string_view> text = scalar_text(value, buffer);
  std::string dumped;
  if (!text && (value.is_array() || value.is_object())) {
    text = dumped = value.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (!text) return;
  if (escape) {
    append_html_escaped(out, *text);
  } else {
    out.append(*text);
  }
}

/// Whether a section renders for `value` (nullptr: a missing name); see template.h for why 0
/// is truthy.
bool is_truthy(const View* value) {
  if (!value) return false;
  switch (value->kind()) {
    case View::Kind::null:
      return false;
    case View::Kind::boolean:
      return value->boolean();
    case View::Kind::string:
      return !value->text().empty();
    case View::Kind::array:
      return !value->empty();
    default:
      return true;
  }
}

/// `value`'s member `key`, or its element when `value` is an array and `key` an index. An
/// element of a made array is made into `made`, which keeps it while the render lasts.
const View* child(const View& value, const ViewName& name, std::deque<View>& made) {
  if (value.is_object()) return value.find(name);
  if (!value.is_array()) return nullptr;
  std::string_view key = name.text;
  std::size_t index = 0;
  auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
  if (error != std::errc() || end != key.data() + key.size() || index >= value.size()) {
    return nullptr;
  }
  if (index < value.items().size()) return &value.items()[index];
  View& scratch = made.emplace_back();
  return &value.item(index, scratch);
}

// ---------------------------------------------------------------------------------------------
// The renderer

/// The argument blocks a parent passes down: one per parent expansion on the render path,
/// linked from the innermost to the outermost.
struct Frame {
  const Node* parent;
  const Template* owner;  // the template the parent tag is in
  const Frame* outer;
};

/// Walks a compiled tree over a context stack, appending to one output string.
class Renderer {
 public:
  Renderer(const Library& library, std::string& out, Diagnostics& diagnostics)
      : library_(library), out_(out), diagnostics_(diagnostics), out_start_(out.size()) {
    stack_.reserve(16);
    indent_.reserve(64);
  }
  /// Renders `root`; false when an error was reported.
  bool run(const Template& root, const View& context);

 private:
  class Scope;
  class Nesting;

  void render(const std::vector<Node>& nodes);
  void render_node(const Node& node);
  void render_variable(const Node& node);
  void render_section(const Node& node);
  void render_expansion(const Node& node);
  void render_block(const Node& node);
  /// The value a dotted name refers to: its first part in the innermost context object that
  /// has it, then the rest from there (the spec's rule); nullptr when missing.
  const View* lookup(const std::vector<ViewName>& path) const;
  /// The template a partial or parent expands to; nullptr (reported as the policy says) when
  /// there is none, or when it has errors.
  const Template* target_of(const Node& node);
  const Template* dynamic_target(const Node& node);
  /// False (reported, rendering aborted) once the output passes kMaxOutputBytes.
  bool check_limits(const Node& node);
  void set_indent(bool keep_current, std::string_view extra);
  /// Reports at `node` of the template being rendered; an error fails the render.
  void report(Severity severity, const Node& node, std::string message);

  const Library& library_;
  std::string& out_;
  Diagnostics& diagnostics_;
  std::size_t out_start_;
  std::vector<const View*> stack_;
  /// Items of made arrays looked up by index ({{rows.0.name}}), kept while the render lasts.
  mutable std::deque<View> made_;
  const Template* current_ = nullptr;  // the template the nodes being rendered come from
  const Frame* frames_ = nullptr;
  int depth_ = 0;       // partial and parent expansions open
  int nesting_ = 0;     // sections, expansions and blocks open
  std::string indent_;  // indentations of enclosing expansions; [indent_begin_, end) is current
  std::size_t indent_begin_ = 0;
  bool skip_indent_ = false;  // the next line start already has its indentation
  bool failed_ = false;
  bool aborted_ = false;
};

/// Saves what an expansion changes and restores it on exit.
class Renderer::Scope {
 public:
  explicit Scope(Renderer& r)
      : r_(r),
        current_(r.current_),
        frames_(r.frames_),
        indent_size_(r.indent_.size()),
        indent_begin_(r.indent_begin_) {}
  ~Scope() {
    r_.current_ = current_;
    r_.frames_ = frames_;
    r_.indent_.resize(indent_size_);
    r_.indent_begin_ = indent_begin_;
    r_.skip_indent_ = false;
  }
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

 private:
  Renderer& r_;
  const Template* current_;
  const Frame* frames_;
  std::size_t indent_size_;
  std::size_t indent_begin_;
};

/// Counts one level of nesting while it lives; `entered` is false (reported) past the limit.
class Renderer::Nesting {
 public:
  Nesting(Renderer& r, const Node& node) : r_(r) {
    entered = ++r_.nesting_ <= kMaxRenderNesting;
    if (entered) return;
    r_.report(Severity::error, node,
              "sections, partials and blocks nested more than " +
                  std::to_string(kMaxRenderNesting) + " levels deep");
    r_.aborted_ = true;
  }
  ~Nesting() { --r_.nesting_; }
  Nesting(const Nesting&) = delete;
  Nesting& operator=(const Nesting&) = delete;

  bool entered;

 private:
  Renderer& r_;
};

bool Renderer::run(const Template& root, const View& context) {
  out_.reserve(out_start_ + root.size_hint.load(std::memory_order_relaxed));
  stack_.push_back(&context);
  current_ = &root;
  render(root.nodes);
  std::size_t size = out_.size() - out_start_;
  if (size > root.size_hint.load(std::memory_order_relaxed)) {
    root.size_hint.store(size, std::memory_order_relaxed);  // a hint: a lost race costs nothing
  }
  return !failed_;
}

void Renderer::render(const std::vector<Node>& nodes) {
  for (const Node& node : nodes) {
    if (aborted_) return;
    render_node(node);
  }
}

void Renderer::render_node(const Node& node) {
  if (node.line_start) {
    if (!skip_indent_) out_.append(indent_, indent_begin_);
    skip_indent_ = false;
  }
  switch (node.kind) {
    case NodeKind::text:
      out_.append(node.text);
      return;
    case NodeKind::variable:
      return render_variable(node);
    case NodeKind::section:
    case NodeKind::inverted:
      return render_section(node);
    case NodeKind::partial:
    case NodeKind::parent:
      return render_expansion(node);
    case NodeKind::block:
      return render_block(node);
  }
}

void Renderer::render_variable(const Node& node) {
  if (const View* value = lookup(node.path)) append_value(out_, *value, node.escape);
}

void Renderer::render_section(const Node& node) {
  Nesting nesting(*this, node);
  if (!nesting.entered) return;
  const View* value = lookup(node.path);
  if (node.kind == NodeKind::inverted) {
    if (!is_truthy(value)) render(node.children);
    return;
  }
  if (!is_truthy(value)) return;
  if (!value->is_array()) {
    stack_.push_back(value);
    render(node.children);
    stack_.pop_back();
    return;
  }
  View made;  // a made array's item, made as it is reached and dropped after
  for (std::size_t i = 0; i < value->size(); ++i) {
    if (aborted_ || !check_limits(node)) return;
    stack_.push_back(&value->item(i, made));
    render(node.children);
    stack_.pop_back();
  }
}

/// A partial, or a parent with the argument blocks it passes down.
void Renderer::render_expansion(const Node& node) {
  const Template* target = target_of(node);
  if (!target || !check_limits(node)) return;
  if (depth_ >= kMaxTemplateExpansionDepth) {
    report(Severity::error, node,
           what_it_is(node) + " '" + node.text + "' nested more than " +
               std::to_string(kMaxTemplateExpansionDepth) + " levels deep");
    aborted_ = true;
    return;
  }
  Nesting nesting(*this, node);
  if (!nesting.entered) return;
  Scope scope(*this);
  Frame frame{&node, current_, frames_};
  if (!node.children.empty()) frames_ = &frame;
  current_ = target;
  set_indent(node.standalone, node.indent);
  ++depth_;
  render(target->nodes);
  --depth_;
}

/// A block renders the argument passed down for it by the outermost parent expansion that
/// passes one; else its own content. The argument renders with only the frames outside the
/// one that passed it, so a block inside an argument cannot pick that argument again.
void Renderer::render_block(const Node& node) {
  const Node* argument = nullptr;
  const Frame* source = nullptr;
  for (const Frame* frame = frames_; frame; frame = frame->outer) {
    for (const Node& candidate : frame->parent->children) {
      if (candidate.text == node.text) {
        argument = &candidate;
        source = frame;
      }
    }
  }
  Nesting nesting(*this, node);
  if (!nesting.entered) return;
  if (!argument) return render(node.children);
  Scope scope(*this);
  current_ = source->owner;
  frames_ = source->outer;
  set_indent(node.block_indent != BlockIndent::none, node.indent);
  skip_indent_ = node.block_indent == BlockIndent::literal;
  render(argument->children);
}

/// Makes the current indentation the enclosing one (or nothing) followed by `extra`.
void Renderer::set_indent(bool keep_current, std::string_view extra) {
  std::size_t from = indent_begin_;
  std::size_t length = keep_current ? indent_.size() - from : 0;
  std::size_t begin = indent_.size();
  indent_.resize(begin + length + extra.size());
  std::copy_n(indent_.begin() + static_cast<std::ptrdiff_t>(from), length,
              indent_.begin() + static_cast<std::ptrdiff_t>(begin));
  std::copy(extra.begin(), extra.end(),
            indent_.begin() + static_cast<std::ptrdiff_t>(begin + length));
  indent_begin_ = begin;
}

const View* Renderer::lookup(const std::vector<ViewName>& path) const {
  if (path.empty()) return stack_.back();
  const View* value = nullptr;
  for (auto frame = stack_.rbegin(); frame != stack_.rend() && !value; ++frame) {
    if ((*frame)->is_object()) value = child(**frame, path.front(), made_);
  }
  for (std::size_t i = 1; i < path.size() && value; ++i) value = child(*value, path[i], made_);
  return value;
}

const Template* Renderer::target_of(const Node& node) {
  const Template* target = node.dynamic ? dynamic_target(node) : node.target;
  if (target && target->broken) {
    report(Severity::error, node, what_it_is(node) + " '" + target->name + "' has errors");
    return nullptr;
  }
  if (!target && !node.dynamic && library_.policy() == MissingPartial::error) {
    report(Severity::error, node, what_it_is(node) + " '" + node.text + "' not found");
  }
  return target;
}

/// The template a dynamic name refers to; nullptr, silently, when the name is not in the
/// context, as for a missing interpolation.
const Template* Renderer::dynamic_target(const Node& node) {
  const View* value = lookup(node.path);
  std::array<char, 32> buffer;
  std::optional<std::string_view> name =
      value ? scalar_text(*value, buffer) : std::optional<std::string_view>{};
  if (!name || name->empty() || value->is_boolean()) return nullptr;
  if (const Template* target = library_.obtain(*name, diagnostics_)) return target;
  bool error = library_.policy() == MissingPartial::error;
  report(
      error ? Severity::error : Severity::warning, node,
      what_it_is(node) + " '" + std::string(*name) + "' not found (named by '" + node.text + "')");
  return nullptr;
}

bool Renderer::check_limits(const Node& node) {
  if (out_.size() - out_start_ <= kMaxOutputBytes) return true;
  report(Severity::error, node,
         "output larger than " + std::to_string(kMaxOutputBytes >> 20) + " MiB");
  aborted_ = true;
  return false;
}

void Renderer::report(Severity severity, const Node& node, std::string message) {
  if (severity == Severity::error) failed_ = true;
  report_at(diagnostics_, severity, *current_, node, std::move(message));
}

}  // namespace

bool render_template(const Library& library, const Template& root, const View& context,
                     std::string& out, Diagnostics& diagnostics) {
  return Renderer(library, out, diagnostics).run(root, context);
}

}  // namespace gongkai::mustache

