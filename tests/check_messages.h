// Helpers for the tests of `check`: a report's data checked into formatted messages, and the
// place of a piece of its text, so that tests assert exact `path:line:col: error: message`s.
#pragma once

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "check/check.h"
#include "model/data.h"

namespace gongkai::testing {

/// Loads `text` (which must load cleanly) as `path`, checks it and formats every diagnostic.
inline std::vector<std::string> check_text(const std::string& text, const std::string& path = "r.json") {
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data(path, text, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(data);
  REQUIRE(diagnostics.sorted().empty());
  check_report(*data, diagnostics);
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics.sorted()) out.push_back(format_diagnostic(d));
  return out;
}

/// "path:line:col" of the n-th occurrence (1-based) of `needle` in `text`.
inline std::string at(const std::string& text, const std::string& needle, int n = 1,
                      const std::string& path = "r.json") {
  std::size_t offset = std::string::npos;
  for (int i = 0; i < n; ++i) {
    offset = text.find(needle, offset == std::string::npos ? 0 : offset + 1);
    REQUIRE(offset != std::string::npos);
  }
  SourceLocation where = locate(path, text, offset);
  return path + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

}  // namespace gongkai::testing
