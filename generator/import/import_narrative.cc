#include "import/import_narrative.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "import/import_text.h"

namespace gongkai {
namespace {

std::string joined(const SourceRow& row) {
  std::string out;
  for (const SourceCell& cell : row.cells) {
    if (cell.text.empty()) continue;
    if (!out.empty()) out += ' ';
    out += cell.text;
  }
  return plain_cell_text(out);
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

/// The number of characters of `text` (UTF-8).
std::size_t length(const std::string& text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

bool is_page_number(const std::string& text) {
  std::string label = normalized_label(text);
  std::size_t digits = 0;
  for (char c : label) digits += c >= '0' && c <= '9';
  std::size_t other = label.size() - digits;
  return digits > 0 && digits <= 4 &&
         (other == 0 || label == "-" + label.substr(1, digits) + "-" ||
          (starts_with(label, "第") && label.ends_with("页")));
}

bool has_chinese_ordinal(const std::string& text, std::string_view comma) {
  static const std::string kNumerals = "一二三四五六七八九十";
  std::size_t i = 0;
  while (i + 3 <= text.size() && kNumerals.find(text.substr(i, 3)) != std::string::npos) i += 3;
  return i > 0 && text.compare(i, comma.size(), comma) == 0;
}

/// The heading level of a line standing alone, or 0.
int heading_level(const std::string& text) {
  if (length(text) > 40 || text.find("。") != std::string::npos) return 0;
  // 第一部分 部门概况, 第一部分：…概况
  if (starts_with(text, "第") && text.find("部分") != std::string::npos && text.find("部分") < 15)
    return 2;
  // A sentence, a definition (一、X：指…) or an item with figures is a paragraph, not a heading.
  for (std::string_view mark : {"，", "；", "：", ",", ";", ":"}) {
    if (text.find(mark) != std::string::npos) return 0;
  }
  // 一、文字部分 and 二、表格部分 stand above the 第一部分 … of each.
  if (has_chinese_ordinal(text, "、")) return text.ends_with("部分") ? 2 : 3;
  if ((starts_with(text, "（") || starts_with(text, "(")) &&
      has_chinese_ordinal(text.substr(starts_with(text, "（") ? 3 : 1),
                          starts_with(text, "（") ? "）" : ")"))
    return 4;
  return 0;
}

/// Whether a paragraph starts a numbered item or a heading, so is never joined to the one
/// before.
bool starts_item(const std::string& text) {
  if (heading_level(text) > 0 || starts_with(text, "- ")) return true;
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits > 0 && digits < text.size() &&
      (text[digits] == '.' || starts_with(text.substr(digits), "、")))
    return true;
  return starts_with(text, "（") || starts_with(text, "(") || has_chinese_ordinal(text, "、") ||
         starts_with(text, "注");
}

/// Whether a paragraph ends where a sentence or a list item may end.
bool ends_sentence(const std::string& text) {
  for (std::string_view end :
       {"。", "！", "？", "；", "：", "”", "）", ".", ":", ";", ")", "!", "?"}) {
    if (text.ends_with(end)) return true;
  }
  return false;
}

/// Whether the join of two parts of one paragraph needs a space (Latin text on both sides).
bool needs_space(const std::string& before, const std::string& after) {
  unsigned char last = static_cast<unsigned char>(before.back());
  unsigned char next = static_cast<unsigned char>(after.front());
  return last < 0x80 && next < 0x80 && std::isalnum(last) && std::isalnum(next);
}

std::vector<std::string> paragraphs(const std::vector<SourceRow>& prose) {
  std::map<std::string, int> repeats;
  for (const SourceRow& row : prose) {
    std::string text = joined(row);
    if (!text.empty() && length(text) <= 30) ++repeats[text];
  }
  std::vector<std::string> out;
  bool open = false;  // the last paragraph may go on
  for (const SourceRow& row : prose) {
    std::string text = joined(row);
    if (text.empty()) {
      open = !out.empty() && !ends_sentence(out.back()) && heading_level(out.back()) == 0;
      continue;
    }
    if (is_page_number(text) || (repeats[text] >= 3 && heading_level(text) == 0)) continue;
    if (open && !starts_item(text)) {
      out.back() += (needs_space(out.back(), text) ? " " : "") + text;
    } else {
      out.push_back(text);
    }
    open = !ends_sentence(text) && heading_level(text) == 0;
  }
  return out;
}

/// The paragraphs without the table of contents: from a line 目录 up to the line where the
/// text repeats its first entry. Kept whole when the text never does.
std::vector<std::string> without_contents(const std::vector<std::string>& paragraphs) {
  auto contents = std::find_if(paragraphs.begin(), paragraphs.end(), [](const std::string& p) {
    return normalized_label(p).ends_with("目录");
  });
  if (contents == paragraphs.end() || contents + 1 == paragraphs.end()) return paragraphs;
  std::string first = normalized_label(*(contents + 1));
  if (first.starts_with("-")) first = first.substr(1);
  auto body = std::find_if(contents + 2, paragraphs.end(),
                           [&](const std::string& p) { return normalized_label(p) == first; });
  if (body == paragraphs.end()) return paragraphs;
  std::vector<std::string> out(paragraphs.begin(), contents);
  std::string before = normalized_label(*contents);
  before = before.substr(0, before.size() - std::string("目录").size());
  if (!before.empty()) out.push_back(contents->substr(0, contents->rfind("目")));
  out.insert(out.end(), body, paragraphs.end());
  return out;
}

/// "第一部分部门概况" → "第一部分 部门概况": the space the heading printed, which closing
/// the spaces between Chinese characters took away.
std::string spaced_part(const std::string& heading) {
  std::size_t part = heading.find("部分");
  if (part == std::string::npos || part + 6 >= heading.size() || heading[part + 6] == ' ' ||
      heading[part + 6] == ':' || heading.compare(part + 6, 3, "：") == 0)
    return heading;
  return heading.substr(0, part + 6) + " " + heading.substr(part + 6);
}

}  // namespace

std::string narrative_markdown(const std::vector<SourceRow>& prose) {
  std::string out;
  for (const std::string& paragraph : without_contents(paragraphs(prose))) {
    int level = heading_level(paragraph);
    if (!out.empty()) out += "\n";
    if (level > 0) out += std::string(static_cast<std::size_t>(level), '#') + " ";
    out += (level == 2 ? spaced_part(paragraph) : paragraph) + "\n";
  }
  return out;
}

}  // namespace gongkai
