// The structural checks of one table or form part (check_sums.cc).
#pragma once

#include "check/check_support.h"

namespace gongkai {

/// Code hierarchies, unit rows, department totals, "sum_of" rows and columns, and tables
/// marked empty, on every side of `named.table`.
void check_sums(const Named& named, FindingLog& log);

}  // namespace gongkai
