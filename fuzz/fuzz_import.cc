// libFuzzer target: the text of a published document through `gongkai import` (text_source.h
// read_text, source_tables.h find_tables, import.h import_report), into each kind of report.
// The first byte chooses the kind; the rest is the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/diagnostic.h"
#include "import/import.h"
#include "import/scaffold.h"
#include "import/text_source.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  gongkai::ReportSpec spec{"dept", 2023, static_cast<gongkai::DocumentKind>(data[0] % 3)};
  gongkai::Diagnostics diagnostics;
  std::optional<gongkai::ReportSkeleton> skeleton =
      gongkai::filled_skeleton(spec, "某局", "某局", diagnostics);
  if (!skeleton) return 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  gongkai::ImportResult result =
      gongkai::import_report({gongkai::read_text(text, "fuzz.txt")}, *skeleton);
  (void)result;
  return 0;
}
