#include "base/fill_in.h"

namespace gongkai {

std::string fill_in(std::string text, const std::string& key, const std::string& value) {
  const std::string placeholder = "{" + key + "}";
  for (std::size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

}  // namespace gongkai
