#include "base/text_characters.h"

namespace gongkai {

bool is_forbidden_character(char32_t code_point) {
  if (code_point == U'\t' || code_point == U'\n' || code_point == U'\r') return false;
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F) ||
         code_point == 0xFFFE || code_point == 0xFFFF;
}

std::optional<ForbiddenCharacter> first_forbidden_character(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80 && is_forbidden_character(c)) return ForbiddenCharacter{i, c};
    // U+0080–U+009F are C2 80–C2 9F.
    if (c == 0xC2 && i + 1 < text.size()) {
      auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return ForbiddenCharacter{i, next};
    }
    // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
    if (c == 0xEF && text.substr(i + 1, 2) == "\xBF\xBE") return ForbiddenCharacter{i, 0xFFFE};
    if (c == 0xEF && text.substr(i + 1, 2) == "\xBF\xBF") return ForbiddenCharacter{i, 0xFFFF};
  }
  return std::nullopt;
}

std::string describe_forbidden_character(char32_t code_point) {
  static const char* digits = "0123456789ABCDEF";
  std::string name = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) name += digits[(code_point >> shift) & 0xF];
  return name + (code_point >= 0xFFFE ? ", a noncharacter" : ", a control character");
}

}  // namespace gongkai
