// The tokens that the Mustache compiler's passes share: the tokenizer cuts template text into
// them, the section matcher pairs them (both template_parser.cc), the whitespace rules mark what
// the output drops (template_whitespace.cc), and the tree builder turns them into nodes
// (template_tree.h). Internal to the compiler.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "render/template_tree.h"

namespace gongkai::mustache {

/// No token: the `match` of a tag that closes nothing, the `enclosing` of a top-level tag.
inline constexpr std::size_t kNoToken = static_cast<std::size_t>(-1);

enum class TagKind : std::uint8_t {
  escaped,
  unescaped,
  section,
  inverted,
  close,
  comment,
  partial,
  parent,
  block,
  delimiters,
};

/// Tags that a closing tag ends: sections, inverted sections, parents and blocks.
inline bool opens_section(TagKind k) {
  return k == TagKind::section || k == TagKind::inverted || k == TagKind::parent ||
         k == TagKind::block;
}

inline bool is_interpolation(TagKind k) { return k == TagKind::escaped || k == TagKind::unescaped; }

/// A run of text within one line (a line break only at its end) or a tag, with what the
/// passes after the tokenizer learn about it.
struct Token {
  bool is_tag = false;
  TagKind kind = TagKind::escaped;
  std::string_view text;  // text: the literal text; tag: the trimmed name
  int line = 1;
  int column = 1;
  std::size_t line_group = 0;        // index of the template line the token starts on
  std::size_t match = kNoToken;      // open tag <-> its closing tag
  std::size_t enclosing = kNoToken;  // innermost open section, parent or block around the tag
  bool dropped = false;              // removed by the whitespace rules
  bool line_start = false;           // first token of an output line
  bool standalone = false;           // alone on its line, or a standalone parent pair
  bool pair_standalone = false;      // parent: the line end after its end tag is dropped
  BlockIndent block_indent = BlockIndent::none;
  std::string_view indent;
};

/// A block directly inside a parent: an argument, as opposed to a parameter of its template.
/// Needs the `enclosing` links of the section matcher.
inline bool is_argument_block(const std::vector<Token>& tokens, std::size_t i) {
  std::size_t enclosing = tokens[i].enclosing;
  return enclosing != kNoToken && tokens[enclosing].kind == TagKind::parent;
}

/// Applies the spec's whitespace rules (specs/whitespace.md of mustache/spec) to tokens that
/// the section matcher paired without errors: sets `dropped`, `line_start`, `standalone`,
/// `pair_standalone`, `block_indent` and `indent`, and shortens texts that lose indentation.
void apply_whitespace_rules(std::vector<Token>& tokens);

}  // namespace gongkai::mustache
