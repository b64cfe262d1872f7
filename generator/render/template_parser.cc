// The Mustache compiler (template_tree.h): the tokenizer, which cuts template text into tokens
// and follows set-delimiter tags; the section matcher, which pairs open and closing tags; and
// the tree builder, which turns the tokens, once the whitespace rules (template_whitespace.cc)
// have marked them, into nodes. Every pass reports what it finds; a template with errors
// compiles to nothing.
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"
#include "render/template_tokens.h"
#include "render/template_tree.h"
#include "render/view_data.h"

namespace gongkai::mustache {
namespace {

bool is_any_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_any_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_any_space(s.back())) s.remove_suffix(1);
  return s;
}

bool has_space(std::string_view s) { return std::any_of(s.begin(), s.end(), is_any_space); }

/// "*name" with the spaces after the asterisk removed ("* name" is allowed); else `name`.
std::string normalized_name(std::string_view name) {
  if (name.empty() || name.front() != '*') return std::string(name);
  return "*" + std::string(trim(name.substr(1)));
}

/// A dotted name: "." (the current context) or non-empty parts joined by dots.
bool is_valid_path(std::string_view name) {
  if (name == ".") return true;
  if (name.empty() || name.front() == '.' || name.back() == '.') return false;
  return name.find("..") == std::string_view::npos;
}

/// The parts of a dotted name; "." gives no parts.
std::vector<ViewName> split_path(std::string_view name) {
  std::vector<ViewName> parts;
  if (name == ".") return parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = name.find('.', start);
    parts.emplace_back(name.substr(start, dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// "section", "parent" or "block": what error messages call an open tag of kind `k`.
const char* section_word(TagKind k) {
  if (k == TagKind::parent) return "parent";
  if (k == TagKind::block) return "block";
  return "section";
}

/// What the passes of one compilation share: the text, the path diagnostics name, and the errors
/// found so far.
struct CompileInput {
  std::string_view text;
  const std::string& path;
  std::vector<Diagnostic>& errors;
};

/// Reports an error at `line`:`column` of the template being compiled.
void add_error(CompileInput& in, int line, int column, std::string message) {
  in.errors.push_back(
      {Severity::error, {in.path, line, column}, std::move(message), line_text(in.text, line)});
}

/// Splits template text into tokens, following set-delimiter tags as it goes.
class Tokenizer {
 public:
  explicit Tokenizer(CompileInput& in) : in_(in) {}

  /// Appends the tokens of the whole text. Returns false when it stopped at an unclosed tag;
  /// other errors are reported and the offending tag skipped.
  bool run(std::vector<Token>& tokens);

 private:
  void move_to(std::size_t offset);
  /// Appends text [begin, end) as one token per line, so that later passes see lines.
  void push_text(std::size_t begin, std::size_t end, std::vector<Token>& tokens);
  /// Reads the tag opening at `open_at`; false (reported) when it is never closed.
  bool read_tag(std::size_t open_at, std::vector<Token>& tokens);
  void classify(std::string_view content, Token& tag, std::vector<Token>& tokens);
  /// Switches to the delimiters of a `{{=open close=}}` tag; a bad change is reported and ignored.
  void set_delimiters(std::string_view spec, const Token& tag);
  /// What is wrong with the name of a tag of kind `kind`; "" when nothing is.
  std::string name_problem(TagKind kind, std::string_view name) const;

  CompileInput& in_;
  std::string open_ = "{{";
  std::string close_ = "}}";
  std::size_t pos_ = 0;
  std::size_t cursor_ = 0;  // line_ and column_ are those of byte cursor_
  int line_ = 1;
  int column_ = 1;
  std::size_t line_group_ = 0;
};

bool Tokenizer::run(std::vector<Token>& tokens) {
  const std::string_view text = in_.text;
  while (pos_ < text.size()) {
    std::size_t open_at = std::min(text.find(open_, pos_), text.size());
    push_text(pos_, open_at, tokens);
    if (open_at == text.size()) break;
    if (!read_tag(open_at, tokens)) return false;
  }
  return true;
}

/// Advances the line/column cursor; columns count code points, as gongkai::locate does.
void Tokenizer::move_to(std::size_t offset) {
  for (; cursor_ < offset; ++cursor_) {
    unsigned char c = static_cast<unsigned char>(in_.text[cursor_]);
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column_;
    }
  }
}

void Tokenizer::push_text(std::size_t begin, std::size_t end, std::vector<Token>& tokens) {
  while (begin < end) {
    std::size_t newline = in_.text.find('\n', begin);
    std::size_t stop = newline < end ? newline + 1 : end;
    move_to(begin);
    Token token;
    token.text = in_.text.substr(begin, stop - begin);
    token.line = line_;
    token.column = column_;
    token.line_group = line_group_;
    tokens.push_back(token);
    if (in_.text[stop - 1] == '\n') ++line_group_;
    begin = stop;
  }
}

bool Tokenizer::read_tag(std::size_t open_at, std::vector<Token>& tokens) {
  const std::string_view text = in_.text;
  move_to(open_at);
  Token tag;
  tag.is_tag = true;
  tag.line = line_;
  tag.column = column_;
  tag.line_group = line_group_;
  std::size_t inner = open_at + open_.size();
  char sigil = inner < text.size() ? text[inner] : '\0';
  std::string closer = close_;
  if (sigil == '{' || sigil == '=') closer.insert(closer.begin(), sigil == '{' ? '}' : '=');
  std::size_t skip = closer.size() > close_.size() ? 1 : 0;
  std::size_t close_at = inner + skip <= text.size() ? text.find(closer, inner + skip) : text.npos;
  if (close_at == text.npos && sigil == '=') {
    // "{{=}}" or a change without its closing '=': a bad change, not an unclosed tag.
    std::size_t plain = text.find(close_, inner + 1);
    if (plain != text.npos) {
      set_delimiters({}, tag);
      pos_ = plain + close_.size();
      return true;
    }
  }
  if (close_at == text.npos) {
    add_error(in_, line_, column_, "unclosed tag: expected '" + closer + "'");
    return false;
  }
  pos_ = close_at + closer.size();
  classify(text.substr(inner, close_at - inner), tag, tokens);
  return true;
}

/// Reads the sigil and name of a tag whose content (between the delimiters, the closing '}' or
/// '=' left out) is `content`, and appends it unless it is invalid.
void Tokenizer::classify(std::string_view content, Token& tag, std::vector<Token>& tokens) {
  char sigil = content.empty() ? '\0' : content.front();
  static constexpr std::string_view kSigils = "#^/!><$={&";
  static constexpr TagKind kKinds[] = {TagKind::section,  TagKind::inverted,   TagKind::close,
                                       TagKind::comment,  TagKind::partial,    TagKind::parent,
                                       TagKind::block,    TagKind::delimiters, TagKind::unescaped,
                                       TagKind::unescaped};
  std::size_t index = sigil == '\0' ? kSigils.npos : kSigils.find(sigil);
  tag.kind = index == kSigils.npos ? TagKind::escaped : kKinds[index];
  if (index != kSigils.npos) content.remove_prefix(1);
  if (tag.kind == TagKind::delimiters) {
    set_delimiters(content, tag);
    return tokens.push_back(tag);  // standalone like any other tag
  }
  tag.text = trim(content);
  if (tag.kind != TagKind::comment) {
    std::string problem = name_problem(tag.kind, tag.text);
    if (!problem.empty()) return add_error(in_, tag.line, tag.column, problem);
  }
  tokens.push_back(tag);
}

std::string Tokenizer::name_problem(TagKind kind, std::string_view name) const {
  if (name.empty()) return "tag has no name";
  bool dynamic = (kind == TagKind::partial || kind == TagKind::parent || kind == TagKind::close) &&
                 name.front() == '*';
  std::string_view bare = dynamic ? trim(name.substr(1)) : name;
  if (bare.empty()) return "tag has no name";
  bool dotted =
      dynamic || is_interpolation(kind) || kind == TagKind::section || kind == TagKind::inverted;
  if (has_space(bare) || (dotted && !is_valid_path(bare))) {
    return "invalid name '" + std::string(name) + "'";
  }
  return {};
}

void Tokenizer::set_delimiters(std::string_view spec, const Token& tag) {
  spec = trim(spec);
  std::size_t gap = std::find_if(spec.begin(), spec.end(), is_any_space) - spec.begin();
  std::string_view open = spec.substr(0, gap);
  std::string_view close = trim(spec.substr(gap));
  bool valid = !open.empty() && !close.empty() && !has_space(close) &&
               open.find('=') == open.npos && close.find('=') == close.npos;
  if (!valid) {
    return add_error(in_, tag.line, tag.column,
                     "invalid delimiter change: expected two delimiters without spaces or '=', "
                     "as in '{{=<% %>=}}'");
  }
  open_ = open;
  close_ = close;
}

// ---------------------------------------------------------------------------------------------
// Section matching

/// Pairs every open tag with its closing tag and records which open tag encloses each tag.
/// Reports unmatched, mismatched and unclosed tags; returns false if it reported anything.
class SectionMatcher {
 public:
  SectionMatcher(std::vector<Token>& tokens, CompileInput& in) : tokens_(tokens), in_(in) {}
  /// `reached_end`: the tokenizer read the whole text, so tags still open are unclosed (after
  /// an unclosed tag they may close in the text it did not read).
  bool run(bool reached_end);

 private:
  void close(std::size_t i);
  void report_unclosed();
  bool names_match(std::size_t open, std::size_t close) const;

  std::vector<Token>& tokens_;
  CompileInput& in_;
  std::vector<std::size_t> open_;
};

bool SectionMatcher::run(bool reached_end) {
  std::size_t errors_before = in_.errors.size();
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    Token& token = tokens_[i];
    if (!token.is_tag) continue;
    token.enclosing = open_.empty() ? kNoToken : open_.back();
    if (token.kind == TagKind::close) {
      close(i);
    } else if (opens_section(token.kind)) {
      if (open_.size() >= kMaxNesting) {
        add_error(in_, token.line, token.column,
                  "sections nested more than " + std::to_string(kMaxNesting) + " levels deep");
        return false;
      }
      open_.push_back(i);
    }
  }
  if (reached_end) report_unclosed();
  return in_.errors.size() == errors_before;
}

void SectionMatcher::report_unclosed() {
  for (std::size_t i : open_) {
    const Token& token = tokens_[i];
    add_error(
        in_, token.line, token.column,
        std::string("unclosed ") + section_word(token.kind) + " '" + std::string(token.text) + "'");
  }
}

void SectionMatcher::close(std::size_t i) {
  const Token& token = tokens_[i];
  std::string name = "'" + std::string(token.text) + "'";
  if (open_.empty()) {
    return add_error(in_, token.line, token.column, "closing tag " + name + " has no open section");
  }
  auto found = std::find_if(open_.rbegin(), open_.rend(),
                            [&](std::size_t open) { return names_match(open, i); });
  if (found != open_.rbegin()) {
    const Token& top = tokens_[open_.back()];
    add_error(in_, token.line, token.column,
              "closing tag " + name + " does not match open " + section_word(top.kind) + " '" +
                  std::string(top.text) + "'");
  }
  if (found == open_.rend()) return;
  tokens_[*found].match = i;
  tokens_[i].match = *found;
  open_.erase(std::prev(found.base()), open_.end());
}

bool SectionMatcher::names_match(std::size_t open, std::size_t close) const {
  return normalized_name(tokens_[open].text) == normalized_name(tokens_[close].text);
}

// ---------------------------------------------------------------------------------------------
// The tree

/// Turns matched tokens into nodes.
class TreeBuilder {
 public:
  explicit TreeBuilder(const std::vector<Token>& tokens) : tokens_(tokens) {}
  std::vector<Node> build(std::size_t begin, std::size_t end) const;

 private:
  Node make(std::size_t i) const;
  std::vector<Node> body(std::size_t open, bool argument) const;
  std::vector<Node> arguments(std::size_t parent) const;
  static void append_text(std::vector<Node>& nodes, const Token& token);

  const std::vector<Token>& tokens_;
};

std::vector<Node> TreeBuilder::build(std::size_t begin, std::size_t end) const {
  std::vector<Node> nodes;
  for (std::size_t i = begin; i < end; ++i) {
    const Token& token = tokens_[i];
    if (token.dropped) continue;
    if (!token.is_tag || token.kind == TagKind::comment || token.kind == TagKind::delimiters) {
      append_text(nodes, token);  // a tag that prints nothing still marks where a line starts
      continue;
    }
    nodes.push_back(make(i));
    if (opens_section(token.kind)) i = token.match;
  }
  return nodes;
}

/// The nodes between open tag `open` and its closing tag. When the closing tag starts a line,
/// that line's indentation is part of the body (it repeats with the section), except in an
/// argument block, whose end is like the end of a file.
std::vector<Node> TreeBuilder::body(std::size_t open, bool argument) const {
  std::size_t close = tokens_[open].match;
  std::vector<Node> nodes = build(open + 1, close);
  if (tokens_[close].line_start && !argument) append_text(nodes, tokens_[close]);
  if (argument && !nodes.empty() && !nodes.front().standalone) nodes.front().line_start = true;
  return nodes;
}

/// Appends a text token (or, for a tag printing nothing, only its line start) to `nodes`.
void TreeBuilder::append_text(std::vector<Node>& nodes, const Token& token) {
  std::string_view text = token.is_tag ? std::string_view{} : token.text;
  if (!token.line_start && !nodes.empty() && nodes.back().kind == NodeKind::text) {
    nodes.back().text += text;
    return;
  }
  if (!token.line_start && text.empty()) return;
  Node node;
  node.text = text;
  node.line_start = token.line_start;
  node.line = token.line;
  node.column = token.column;
  nodes.push_back(std::move(node));
}

Node TreeBuilder::make(std::size_t i) const {
  const Token& token = tokens_[i];
  Node node;
  node.line = token.line;
  node.column = token.column;
  node.line_start = token.line_start;
  node.text = normalized_name(token.text);
  switch (token.kind) {
    case TagKind::escaped:
    case TagKind::unescaped:
      node.kind = NodeKind::variable;
      node.escape = token.kind == TagKind::escaped;
      node.path = split_path(node.text);
      return node;
    case TagKind::section:
    case TagKind::inverted:
      node.kind = token.kind == TagKind::section ? NodeKind::section : NodeKind::inverted;
      node.path = split_path(node.text);
      node.children = body(i, false);
      return node;
    case TagKind::block:
      node.kind = NodeKind::block;
      node.block_indent = token.block_indent;
      node.indent = token.indent;
      node.children = body(i, is_argument_block(tokens_, i));
      return node;
    default:  // partial, parent
      node.kind = token.kind == TagKind::partial ? NodeKind::partial : NodeKind::parent;
      node.standalone = token.standalone;
      node.indent = token.indent;
      node.dynamic = node.text.front() == '*';
      if (node.dynamic) node.path = split_path(std::string_view(node.text).substr(1));
      if (token.kind == TagKind::parent) node.children = arguments(i);
      return node;
  }
}

/// The argument blocks of parent `parent`; the rest of what it holds is ignored. Each is an
/// inline template, so its first line takes the indentation of the block it overrides.
std::vector<Node> TreeBuilder::arguments(std::size_t parent) const {
  std::vector<Node> blocks;
  for (std::size_t i = parent + 1; i < tokens_[parent].match; ++i) {
    const Token& token = tokens_[i];
    if (!token.is_tag || !opens_section(token.kind)) continue;
    if (token.kind == TagKind::block) blocks.push_back(make(i));
    i = token.match;
  }
  return blocks;
}

}  // namespace

/// The passes in order. The whitespace rules and the tree builder need correctly paired tags,
/// so they run only on a template without errors.
bool compile(std::string_view text, const std::string& path, std::vector<Node>& nodes,
             std::vector<Diagnostic>& errors) {
  CompileInput in{text, path, errors};
  std::vector<Token> tokens;
  bool reached_end = Tokenizer(in).run(tokens);
  bool matched = SectionMatcher(tokens, in).run(reached_end);
  if (!reached_end || !matched || !errors.empty()) return false;
  apply_whitespace_rules(tokens);
  nodes = TreeBuilder(tokens).build(0, tokens.size());
  return true;
}

}  // namespace gongkai::mustache
