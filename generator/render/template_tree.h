// The compiled form of a Mustache template (template.h) and the two passes over it: compile()
// builds the node tree once from the text (template_parser.cc), the library links the partials
// and parents it names (template_library.h), and render_template() walks it over a View
// (template_render.cc). Internal to the template engine; see template.h for the contract.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "render/view_data.h"

namespace gongkai::mustache {

/// Sections, parents and blocks nested inside one another in one template. Real templates need
/// a handful; the limit keeps the compiler's and renderer's recursion far from the stack's end.
inline constexpr std::size_t kMaxNesting = 100;

/// How a parameter block re-indents the argument that overrides it (specs/whitespace.md):
/// `intrinsic` prepends its intrinsic indentation to every line (its start tag ends a standalone
/// line); `literal` keeps the whitespace before its start tag in the output and prepends it to
/// the argument's later lines (start and end tag share a line with only whitespace around);
/// `none` leaves the argument as it is (the block sits inside other text).
enum class BlockIndent : std::uint8_t { none, intrinsic, literal };

enum class NodeKind : std::uint8_t { text, variable, section, inverted, partial, parent, block };

struct Template;

/// One element of a compiled template. Children: a section's body, a block's content, a
/// parent's argument blocks. The renderer reads these fields in its inner loop: keep them plain.
struct Node {
  NodeKind kind = NodeKind::text;
  bool line_start = false;  // indentation goes before this node
  bool escape = false;      // variable: HTML-escape the value
  bool standalone = false;  // partial/parent: indent the expansion by `indent`
  bool dynamic = false;     // partial/parent: the name is looked up in the context at `path`
  BlockIndent block_indent = BlockIndent::none;
  int line = 0;
  int column = 0;
  std::string text;  // text: the text; partial/parent/block: the name ("*a.b" when dynamic)
  std::string indent;
  std::vector<ViewName> path;  // variable, section, dynamic name
  std::vector<Node> children;
  const Template* target = nullptr;  // static partial/parent, linked by the library
};

/// A compiled template as the library keeps it. Immutable once published, but for
/// `size_hint` and the links that `add` completes while no render runs.
struct Template {
  std::string name;
  std::string path;
  std::string source;
  std::vector<Node> nodes;
  bool broken = false;             // did not compile; its errors were reported then
  std::vector<Node*> static_refs;  // partial and parent nodes named in the template text
  mutable std::atomic<std::size_t> size_hint{0};  // largest output so far, to reserve
};

class Library;

/// Compiles template text (diagnostics name it `path`) into `nodes`, at most kMaxNesting deep.
/// `errors` must come in empty. Returns false after appending every error found to `errors`;
/// `nodes` is then left as it was.
bool compile(std::string_view text, const std::string& path, std::vector<Node>& nodes,
             std::vector<Diagnostic>& errors);

/// Renders `root`, which compiled cleanly, over `context`, appending to `out`. Partials named
/// dynamically are compiled through `library` on demand. Reports problems to `diagnostics`;
/// false when one of them is an error, and then `out` may hold part of the output.
bool render_template(const Library& library, const Template& root, const View& context,
                     std::string& out, Diagnostics& diagnostics);

/// "parent" or "partial": what messages call the expansion `node`.
inline std::string what_it_is(const Node& node) {
  return node.kind == NodeKind::parent ? "parent" : "partial";
}

/// Reports `message` at `node` of the template `where`, quoting the node's source line.
inline void report_at(Diagnostics& diagnostics, Severity severity, const Template& where,
                      const Node& node, std::string message) {
  diagnostics.report({severity,
                      {where.path, node.line, node.column},
                      std::move(message),
                      line_text(where.source, node.line)});
}

}  // namespace gongkai::mustache
