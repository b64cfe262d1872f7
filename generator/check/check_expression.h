// Declared checks: assertions written in a report's data (check_expression.cc).
#pragma once

#include "base/diagnostic.h"
#include "check/check.h"
#include "model/data.h"

namespace gongkai {

/// Parses and evaluates one declared check and reports its syntax or reference errors, its
/// failure (an error, or a warning when acknowledged), or an acknowledgement it no longer
/// needs. With `coverage`, adds the figures it read, unless it fails acknowledged without a
/// pinned difference.
void run_declared_check(const ReportData& report, const DeclaredCheck& check,
                        Diagnostics& diagnostics, CheckCoverage* coverage);

}  // namespace gongkai
