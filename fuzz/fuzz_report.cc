// libFuzzer target: a report data file through the loader and the checks, as `gongkai build`
// reads it (json.h parse, data.h load_report_data, check.h check_report).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "base/diagnostic.h"
#include "check/check.h"
#include "model/data.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  gongkai::Diagnostics diagnostics;
  std::optional<gongkai::ReportData> report =
      gongkai::load_report_data("fuzz/budget.json", text, diagnostics);
  if (report) gongkai::check_report(*report, diagnostics);
  (void)diagnostics.format_all();
  return 0;
}
