// Mustache: the compiler (tokenizer, section matcher, whitespace rules, tree builder), the
// renderer, the template library behind TemplateEngine, and the `gongkai template` command.
#include "template.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "bytes.h"
#include "file_reader.h"

namespace gongkai {
namespace {

using nlohmann::json;

/// Sections, parents and blocks nested inside one another in one template. Real templates need
/// a handful; the limit keeps the compiler's and renderer's recursion far from the stack's end.
constexpr std::size_t kMaxNesting = 100;
/// Sections, expansions and blocks open at once while rendering, all templates together: bounds
/// the renderer's stack when many templates near kMaxNesting include one another.
constexpr int kMaxRenderNesting = 1000;
/// Output of one render. Far above any page; stops partials that expand exponentially.
constexpr std::size_t kMaxOutputBytes = 256u * 1024 * 1024;
constexpr std::size_t kNoToken = static_cast<std::size_t>(-1);

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_any_space(char c) {
  return is_space(c) || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_any_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_any_space(s.back())) s.remove_suffix(1);
  return s;
}

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

bool opens_section(TagKind k) {
  return k == TagKind::section || k == TagKind::inverted || k == TagKind::parent ||
         k == TagKind::block;
}

bool is_interpolation(TagKind k) { return k == TagKind::escaped || k == TagKind::unescaped; }

/// "section", "parent" or "block": what error messages call an open tag of kind `k`.
const char* section_word(TagKind k) {
  if (k == TagKind::parent) return "parent";
  if (k == TagKind::block) return "block";
  return "section";
}

/// How a parameter block re-indents the argument that overrides it (specs/whitespace.md):
/// `intrinsic` prepends its intrinsic indentation to every line (its start tag ends a standalone
/// line); `literal` keeps the whitespace before its start tag in the output and prepends it to
/// the argument's later lines (start and end tag share a line with only whitespace around);
/// `none` leaves the argument as it is (the block sits inside other text).
enum class BlockIndent : std::uint8_t { none, intrinsic, literal };

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
bool is_argument_block(const std::vector<Token>& tokens, std::size_t i) {
  std::size_t enclosing = tokens[i].enclosing;
  return enclosing != kNoToken && tokens[enclosing].kind == TagKind::parent;
}

struct CompileInput {
  std::string_view text;
  const std::string& path;
  std::vector<Diagnostic>& errors;
};

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
  void push_text(std::size_t begin, std::size_t end, std::vector<Token>& tokens);
  bool read_tag(std::size_t open_at, std::vector<Token>& tokens);
  void classify(std::string_view content, Token& tag, std::vector<Token>& tokens);
  void set_delimiters(std::string_view spec, const Token& tag);
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
// Whitespace

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

  void strip_line_start(const Range& line);
  void apply_standalone_line(const Range& line);
  void apply_tag_rules(std::size_t i, std::size_t group);
  void apply_parent(std::size_t i, const Range& line);
  void apply_close(std::size_t i, const Range& line);
  void apply_block(std::size_t i, std::size_t group);
  void mark_line_starts();
  bool blank_before(std::size_t i) const;
  bool blank_after(std::size_t i) const;
  std::string_view text_before(std::size_t i) const;
  std::string_view next_line_indent(std::size_t group) const;
  std::string_view stripped(std::string_view text) const;
  void drop_text(std::size_t first, std::size_t last);

  std::vector<Token>& tokens_;
  std::vector<Range> lines_;
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

// ---------------------------------------------------------------------------------------------
// The compiled tree

enum class NodeKind : std::uint8_t { text, variable, section, inverted, partial, parent, block };

struct Template;

/// One element of a compiled template. Children: a section's body, a block's content, a
/// parent's argument blocks.
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

/// Compiles template text. Returns false after reporting errors to `errors`.
bool compile(std::string_view text, const std::string& path, std::vector<Node>& nodes,
             std::vector<Diagnostic>& errors) {
  CompileInput in{text, path, errors};
  std::vector<Token> tokens;
  bool reached_end = Tokenizer(in).run(tokens);
  bool matched = SectionMatcher(tokens, in).run(reached_end);
  if (!reached_end || !matched || !errors.empty()) return false;
  WhitespaceRules(tokens).run();
  nodes = TreeBuilder(tokens).build(0, tokens.size());
  return true;
}

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

void collect_static_refs(std::vector<Node>& nodes, std::vector<Node*>& refs) {
  for (Node& node : nodes) {
    bool expands = node.kind == NodeKind::partial || node.kind == NodeKind::parent;
    if (expands && !node.dynamic) refs.push_back(&node);
    collect_static_refs(node.children, refs);
  }
}

std::string what_it_is(const Node& node) {
  return node.kind == NodeKind::parent ? "parent" : "partial";
}

void report_at(Diagnostics& diagnostics, Severity severity, const Template& where, const Node& node,
               std::string message) {
  diagnostics.report({severity,
                      {where.path, node.line, node.column},
                      std::move(message),
                      line_text(where.source, node.line)});
}

// ---------------------------------------------------------------------------------------------
// The library of compiled templates

struct NameHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

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
  bool load(std::string_view name, Diagnostics& diagnostics);
  bool add(std::string name, TemplateSource source, Diagnostics& diagnostics);
  /// The template `name`, compiled on first use; nullptr when nobody has it.
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

// ---------------------------------------------------------------------------------------------
// Rendering

constexpr std::array<bool, 256> kHtmlSpecial = [] {
  std::array<bool, 256> special{};
  for (char c : std::string_view("&<>\"'")) special[static_cast<unsigned char>(c)] = true;
  return special;
}();

std::string_view html_entity(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    default:
      return "&#39;";
  }
}

/// Appends `text`, replacing the characters that are special in HTML. Copies runs of ordinary
/// characters at once: most values have nothing to escape.
/// True when one of the eight bytes of `word` needs an entity. A closure, so that the scan
/// inlines it.
constexpr auto has_html_special = [](std::uint64_t word) {
  return (bytes::bytes_equal(word, '&') | bytes::bytes_equal(word, '<') |
          bytes::bytes_equal(word, '>') | bytes::bytes_equal(word, '"') |
          bytes::bytes_equal(word, '\'')) != 0;
};

void append_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    // Most of a page's text has nothing to escape: skip it a word at a time.
    if (i + 8 <= text.size() && !has_html_special(bytes::load8(text, i))) {
      i += 8;
      continue;
    }
    if (kHtmlSpecial[static_cast<unsigned char>(text[i])]) {
      out.append(text, run, i - run);
      out.append(html_entity(text[i]));
      run = i + 1;
    }
    ++i;
  }
  out.append(text, run);
}

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

void append_value(std::string& out, const View& value, bool escape) {
  std::array<char, 32> buffer;
  std::optional<std::string_view> text = scalar_text(value, buffer);
  std::string dumped;
  if (!text && (value.is_array() || value.is_object())) {
    text = dumped = value.to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (!text) return;
  if (escape) {
    append_escaped(out, *text);
  } else {
    out.append(*text);
  }
}

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

/// `value`'s member `key`, or its element when `value` is an array and `key` an index.
const View* child(const View& value, const ViewName& name) {
  if (value.is_object()) return value.find(name);
  if (!value.is_array()) return nullptr;
  std::string_view key = name.text;
  std::size_t index = 0;
  auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), index);
  if (error != std::errc() || end != key.data() + key.size() || index >= value.size()) {
    return nullptr;
  }
  return &value.items()[index];
}

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
  const View* lookup(const std::vector<ViewName>& path) const;
  const Template* target_of(const Node& node);
  const Template* dynamic_target(const Node& node);
  bool check_limits(const Node& node);
  void set_indent(bool keep_current, std::string_view extra);
  void report(Severity severity, const Node& node, std::string message);

  const Library& library_;
  std::string& out_;
  Diagnostics& diagnostics_;
  std::size_t out_start_;
  std::vector<const View*> stack_;
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
  for (const View& item : value->items()) {
    if (aborted_ || !check_limits(node)) return;
    stack_.push_back(&item);
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
    if ((*frame)->is_object()) value = child(**frame, path.front());
  }
  for (std::size_t i = 1; i < path.size() && value; ++i) value = child(*value, path[i]);
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

// ---------------------------------------------------------------------------------------------
// TemplateEngine

struct TemplateEngine::Impl : Library {
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
  const Template* root = impl_->obtain(name, diagnostics);
  if (!root) {
    diagnostics.error({}, "template '" + std::string(name) + "' not found");
    return false;
  }
  if (root->broken) {
    diagnostics.error({root->path, 0, 0}, "template '" + root->name + "' has errors");
    return false;
  }
  return Renderer(*impl_, out, diagnostics).run(*root, context);
}

void append_html_escaped(std::string& out, std::string_view text) { append_escaped(out, text); }

}  // namespace gongkai
