// The spec's whitespace rules (specs/whitespace.md of mustache/spec) over the tokens of one
// template: which lines a standalone tag removes, how partials and parents are indented and how
// blocks re-indent what overrides them. Runs between the section matcher and the tree builder
// (template_parser.cc).
#include <cstddef>
#include <string_view>
#include <vector>

#include "render/template_tokens.h"

namespace gongkai::mustache {
namespace {

/// Spaces and tabs: what indentation is made of.
bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string_view leading_spaces(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && is_space(s[n])) ++n;
  return s.substr(0, n);
}

/// Text made only of spaces and tabs, optionally ended by a line break.
bool is_blank(std::string_view s) {
  std::string_view rest = s.substr(leading_spaces(s).size());
  return rest.empty() || rest == "\n" || rest == "\r\n";
}

/// Applies the spec's whitespace rules to matched tokens: drops standalone lines, records the
/// indentation of standalone partials and parents, and re-indents blocks.
///
/// - A line holding one non-interpolation tag and otherwise only whitespace is standalone: its
///   whitespace and line end go; a partial or parent there is indented by that whitespace.
/// - A parent whose start tag has only whitespace before it and whose end tag has only
///   whitespace after it is standalone too: indented by the first, the line end after the
///   second dropped. What a parent holds other than its argument blocks is ignored.
/// - An argument block (a block directly inside a parent) is an inline template: a line end
///   right after its start tag, and whitespace before its end tag at the start of a line, belong
///   to the tags. When its start tag ends a line, the leading whitespace of the next line is its
///   intrinsic indentation, removed from the start of each of its lines.
/// - A parameter block (any other block) re-indents the argument overriding it; BlockIndent
///   says how. Its own default content renders as written.
class WhitespaceRules {
 public:
  explicit WhitespaceRules(std::vector<Token>& tokens);
  void run();

 private:
  struct Range {
    std::size_t first;
    std::size_t last;  // one past the end
  };

  /// Removes the intrinsic indentation of the argument blocks open around `line`.
  void strip_line_start(const Range& line);
  /// Marks the one tag of a standalone line and drops the line's text.
  void apply_standalone_line(const Range& line);
  void apply_tag_rules(std::size_t i, std::size_t group);
  void apply_parent(std::size_t i, const Range& line);
  void apply_close(std::size_t i, const Range& line);
  void apply_block(std::size_t i, std::size_t group);
  void mark_line_starts();
  /// Only whitespace before (after) token `i` on its line.
  bool blank_before(std::size_t i) const;
  bool blank_after(std::size_t i) const;
  std::string_view text_before(std::size_t i) const;
  std::string_view next_line_indent(std::size_t group) const;
  std::string_view stripped(std::string_view text) const;
  void drop_text(std::size_t first, std::size_t last);

  std::vector<Token>& tokens_;
  std::vector<Range> lines_;              // the tokens of each template line
  std::vector<std::string_view> strips_;  // intrinsic indentation of open argument blocks
};

WhitespaceRules::WhitespaceRules(std::vector<Token>& tokens) : tokens_(tokens) {
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    std::size_t group = tokens_[i].line_group;
    if (group >= lines_.size()) lines_.resize(group + 1, Range{i, i});
    lines_[group].last = i + 1;
  }
}

void WhitespaceRules::run() {
  for (std::size_t group = 0; group < lines_.size(); ++group) {
    const Range line = lines_[group];
    strip_line_start(line);
    apply_standalone_line(line);
    for (std::size_t i = line.first; i < line.last; ++i) {
      if (tokens_[i].is_tag) apply_tag_rules(i, group);
    }
  }
  mark_line_starts();
}

void WhitespaceRules::strip_line_start(const Range& line) {
  if (line.first < line.last && !tokens_[line.first].is_tag) {
    tokens_[line.first].text = stripped(tokens_[line.first].text);
  }
}

std::string_view WhitespaceRules::stripped(std::string_view text) const {
  for (std::string_view strip : strips_) {
    if (text.substr(0, strip.size()) == strip) text.remove_prefix(strip.size());
  }
  return text;
}

void WhitespaceRules::apply_standalone_line(const Range& line) {
  std::size_t tag = kNoToken;
  for (std::size_t i = line.first; i < line.last; ++i) {
    const Token& token = tokens_[i];
    if (token.is_tag && tag != kNoToken) return;
    if (token.is_tag) tag = i;
    if (!token.is_tag && !is_blank(token.text)) return;
  }
  if (tag == kNoToken || is_interpolation(tokens_[tag].kind)) return;
  tokens_[tag].standalone = true;
  tokens_[tag].indent = text_before(tag);
  drop_text(line.first, line.last);
}

void WhitespaceRules::apply_tag_rules(std::size_t i, std::size_t group) {
  switch (tokens_[i].kind) {
    case TagKind::parent:
      return apply_parent(i, lines_[group]);
    case TagKind::close:
      return apply_close(i, lines_[group]);
    case TagKind::block:
      return apply_block(i, group);
    default:
      return;
  }
}

void WhitespaceRules::apply_parent(std::size_t i, const Range& line) {
  Token& parent = tokens_[i];
  if (!blank_before(i) || !blank_after(parent.match)) return;
  parent.standalone = true;
  parent.pair_standalone = true;
  parent.indent = text_before(i);
  drop_text(line.first, i);
}

void WhitespaceRules::apply_close(std::size_t i, const Range& line) {
  const Token& open = tokens_[tokens_[i].match];
  if (open.kind == TagKind::parent && open.pair_standalone) drop_text(i + 1, line.last);
  if (open.kind != TagKind::block || !is_argument_block(tokens_, tokens_[i].match)) return;
  if (blank_before(i)) drop_text(line.first, i);
  strips_.pop_back();
}

void WhitespaceRules::apply_block(std::size_t i, std::size_t group) {
  Token& block = tokens_[i];
  if (is_argument_block(tokens_, i)) {
    bool ends_line = blank_after(i);
    if (ends_line) drop_text(i + 1, lines_[group].last);
    strips_.push_back(ends_line ? next_line_indent(group) : std::string_view{});
  } else if (block.standalone) {
    block.block_indent = BlockIndent::intrinsic;
    block.indent = next_line_indent(group);
  } else if (blank_before(i) && blank_after(block.match)) {
    block.block_indent = BlockIndent::literal;
    block.indent = text_before(i);
  }
}

/// The first remaining token of each line starts an output line, where indentation goes. A
/// standalone tag's line is gone from the output, so it starts nothing.
void WhitespaceRules::mark_line_starts() {
  for (Token& token : tokens_) {
    if (!token.is_tag && token.text.empty()) token.dropped = true;
  }
  for (const Range& line : lines_) {
    for (std::size_t i = line.first; i < line.last; ++i) {
      if (tokens_[i].dropped || tokens_[i].standalone) continue;
      tokens_[i].line_start = true;
      break;
    }
  }
}

bool WhitespaceRules::blank_before(std::size_t i) const {
  const Range& line = lines_[tokens_[i].line_group];
  for (std::size_t j = line.first; j < i; ++j) {
    if (tokens_[j].is_tag || !is_blank(tokens_[j].text)) return false;
  }
  return true;
}

bool WhitespaceRules::blank_after(std::size_t i) const {
  const Range& line = lines_[tokens_[i].line_group];
  for (std::size_t j = i + 1; j < line.last; ++j) {
    if (tokens_[j].is_tag || !is_blank(tokens_[j].text)) return false;
  }
  return true;
}

/// The whitespace text before tag `i` on its line, when the tag starts the line after it.
std::string_view WhitespaceRules::text_before(std::size_t i) const {
  std::size_t first = lines_[tokens_[i].line_group].first;
  return first < i && !tokens_[first].is_tag ? tokens_[first].text : std::string_view{};
}

std::string_view WhitespaceRules::next_line_indent(std::size_t group) const {
  if (group + 1 >= lines_.size()) return {};
  const Token& first = tokens_[lines_[group + 1].first];
  return first.is_tag ? std::string_view{} : leading_spaces(stripped(first.text));
}

void WhitespaceRules::drop_text(std::size_t first, std::size_t last) {
  for (std::size_t i = first; i < last; ++i) {
    if (!tokens_[i].is_tag) tokens_[i].dropped = true;
  }
}

}  // namespace

void apply_whitespace_rules(std::vector<Token>& tokens) { WhitespaceRules(tokens).run(); }

}  // namespace gongkai::mustache
