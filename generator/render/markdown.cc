#include "render/markdown.h"

#include <cmark.h>
#include <utf8proc.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <set>

#include "base/html_escape.h"
#include "render/page_ids.h"

namespace gongkai {

namespace {

bool keeps_in_id(utf8proc_int32_t cp) {
  utf8proc_category_t category = utf8proc_category(cp);
  return (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
         (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
}

void append_code_point(std::string& out, utf8proc_int32_t cp) {
  utf8proc_uint8_t buffer[4];
  utf8proc_ssize_t n = utf8proc_encode_char(cp, buffer);
  out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
}

}  // namespace

std::string heading_id(std::string_view text) {
  std::string id;
  bool pending_hyphen = false;
  auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) n = 1, cp = -1;
    p += n;
    left -= n;
    if (cp < 0 || !keeps_in_id(cp)) {
      pending_hyphen = !id.empty();
      continue;
    }
    if (pending_hyphen) id += '-';
    pending_hyphen = false;
    append_code_point(id, cp < 128 ? static_cast<utf8proc_int32_t>(std::tolower(cp)) : cp);
  }
  if (id.empty()) return "section";
  return has_generated_prefix(id) ? std::string(kHeadingIdPrefix) + id : id;
}

namespace {

struct NodeDeleter {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeDeleter>;

struct CharDeleter {
  void operator()(char* p) const { free(p); }
};

std::string take_string(char* p) {
  std::unique_ptr<char, CharDeleter> owned(p);
  return p ? std::string(p) : std::string();
}

/// The plain text of a node's inline content.
std::string plain_text(cmark_node* node) {
  std::string text;
  cmark_iter* iter = cmark_iter_new(node);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* cur = cmark_iter_get_node(iter);
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node_type type = cmark_node_get_type(cur);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) {
      text += cmark_node_get_literal(cur);
    } else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) {
      text += ' ';
    }
  }
  cmark_iter_free(iter);
  return text;
}

class Renderer {
 public:
  Renderer(const std::string& path, int first_line, const MarkdownOptions& options,
           Diagnostics& diagnostics)
      : path_(path), first_line_(first_line), options_(options), diagnostics_(diagnostics) {
    if (options.taken_ids) used_ids_ = *options.taken_ids;
  }

  RenderedMarkdown render(std::string_view text);

 private:
  int cmark_options() const {
    return (options_.raw_html ? CMARK_OPT_UNSAFE : CMARK_OPT_SAFE);
  }
  std::string render_node(cmark_node* node) const {
    return take_string(cmark_render_html(node, cmark_options()));
  }
  void drop_dangerous_urls(cmark_node* document);
  std::string render_heading(cmark_node* node);
  std::string render_block(cmark_node* node);
  std::string unique_id(std::string id);

  const std::string& path_;
  int first_line_;
  const MarkdownOptions& options_;
  Diagnostics& diagnostics_;
  std::set<std::string> used_ids_;
  std::string_view text_;
  RenderedMarkdown result_;
};

std::string Renderer::unique_id(std::string id) {
  std::string candidate = id;
  for (int n = 2; !used_ids_.insert(candidate).second; ++n) candidate = id + "-" + std::to_string(n);
  return candidate;
}

std::string Renderer::render_heading(cmark_node* node) {
  int level = std::min(6, cmark_node_get_heading_level(node) + options_.min_heading_level - 1);
  Heading heading{level, plain_text(node), ""};
  heading.id = unique_id(heading_id(heading.text));
  std::string inner = render_node(node);
  // cmark renders "<hN>...</hN>\n"; keep the inline HTML between the tags.
  std::size_t open = inner.find('>') + 1;
  std::size_t close = inner.rfind("</h");
  std::string tag = "h" + std::to_string(level);
  std::string html = "<" + tag + " id=\"" + escape_html(heading.id) + "\">" +
                     inner.substr(open, close - open) + "</" + tag + ">\n";
  result_.headings.push_back(std::move(heading));
  return html;
}

std::string Renderer::render_block(cmark_node* node) {
  cmark_node_type type = cmark_node_get_type(node);
  if (type == CMARK_NODE_HEADING) return render_heading(node);
  const char* info = type == CMARK_NODE_CODE_BLOCK ? cmark_node_get_fence_info(node) : nullptr;
  if (info && std::string_view(info) == "chart" && options_.chart_block) {
    SourceLocation where{path_, cmark_node_get_start_line(node) + first_line_ - 1, 1};
    return options_.chart_block(cmark_node_get_literal(node), where).value_or("");
  }
  return render_node(node);
}

/// The scheme of a URL in lower case ("javascript"), or "" when it has none. Leading spaces
/// and control characters are skipped, as browsers do.
std::string url_scheme(std::string_view url) {
  std::size_t start = 0;
  while (start < url.size() && static_cast<unsigned char>(url[start]) <= 0x20) ++start;
  std::string scheme;
  for (std::size_t i = start; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return scheme;
    if (static_cast<unsigned char>(c) < 0x20) continue;  // browsers drop tabs and newlines
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') return "";
    scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return "";
}

/// cmark counts columns in bytes; diagnostics count code points.
int code_point_column(std::string_view text, int line, int byte_column) {
  std::size_t start = 0;
  for (int l = 1; l < line && start != std::string_view::npos; ++l) {
    start = text.find('\n', start);
    if (start != std::string_view::npos) ++start;
  }
  if (start == std::string_view::npos) return std::max(1, byte_column);
  int column = 1;
  std::size_t end = std::min(text.size(), start + static_cast<std::size_t>(std::max(0, byte_column - 1)));
  for (std::size_t i = start; i < end; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

bool is_dangerous_scheme(const std::string& scheme) {
  return scheme == "javascript" || scheme == "vbscript" || scheme == "data" || scheme == "file";
}

/// Empties the URL of every link and image whose scheme can run script or smuggle content
/// (javascript:, vbscript:, data:, file:), whatever the raw-HTML setting: cmark's safe mode
/// lets data: images through, and its unsafe mode lets everything through. Each is a warning
/// at the link's line, so that the editor learns why the link went.
void Renderer::drop_dangerous_urls(cmark_node* document) {
  cmark_iter* iter = cmark_iter_new(document);
  for (cmark_event_type ev; (ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE;) {
    cmark_node* node = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(node);
    if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE)) continue;
    const char* url = cmark_node_get_url(node);
    std::string scheme = url_scheme(url ? url : "");
    if (!is_dangerous_scheme(scheme)) continue;
    cmark_node_set_url(node, "");
    int line = cmark_node_get_start_line(node);
    diagnostics_.warning({path_, line + first_line_ - 1,
                          code_point_column(text_, line, cmark_node_get_start_column(node))},
                         std::string(type == CMARK_NODE_LINK ? "link" : "image") + " to a " +
                             scheme + ": URL dropped: such URLs can run scripts or hide content");
  }
  cmark_iter_free(iter);
}

RenderedMarkdown Renderer::render(std::string_view text) {
  text_ = text;
  NodePtr document(cmark_parse_document(text.data(), text.size(), cmark_options()));
  drop_dangerous_urls(document.get());
  for (cmark_node* child = cmark_node_first_child(document.get()); child;
       child = cmark_node_next(child)) {
    result_.html += render_block(child);
  }
  return std::move(result_);
}

/// Offset of the first byte of `text` that is not UTF-8 or is a NUL, or npos. cmark would
/// silently turn both into U+FFFD; a disclosure's text is reported instead, as in JSON and TOML.
std::size_t first_bad_byte(std::string_view text) {
  auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0 || cp == 0) return i;
    i += static_cast<std::size_t>(n);
  }
  return std::string_view::npos;
}

}  // namespace

RenderedMarkdown render_markdown(std::string_view text, const std::string& path, int first_line,
                                 const MarkdownOptions& options, Diagnostics& diagnostics) {
  std::size_t bad = first_bad_byte(text);
  if (bad != std::string_view::npos) {
    SourceLocation where = locate(path, text, bad);
    std::string line = line_text(text, where.line);
    where.line += first_line - 1;
    diagnostics.error(where, text[bad] == '\0' ? "NUL character (U+0000) in the text"
                                                 : "invalid UTF-8 byte sequence", line);
    return {};
  }
  return Renderer(path, first_line, options, diagnostics).render(text);
}

}  // namespace gongkai
