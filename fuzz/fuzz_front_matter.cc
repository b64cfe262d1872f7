// libFuzzer target: a report's Markdown file through the front-matter splitter and the TOML
// front-matter parser (content.h), as the content loader reads it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/diagnostic.h"
#include "model/content.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gongkai::Diagnostics diagnostics;
  std::optional<gongkai::SplitMarkdown> split =
      gongkai::split_front_matter(text, "fuzz/budget.md", diagnostics);
  if (split) (void)gongkai::parse_front_matter(*split, "fuzz/budget.md", diagnostics);
  (void)diagnostics.format_all();
  return 0;
}
