// Running independent pieces of a build on several threads with output that does not depend on
// how many there are: each item is done by one thread, and whatever the items report is merged
// in item order.
#pragma once

#include <cstddef>
#include <functional>

#include "base/diagnostic.h"

namespace gongkai {

/// Runs `task(i)` for every i in [0, count) on up to `jobs` threads (0: one per core). Items
/// are handed out in order, one at a time; the calling thread works too.
void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task);

/// parallel_for() for work that reports problems: item i reports into diagnostics of its own,
/// and these are merged into `diagnostics` in item order, so that which diagnostics are kept
/// past the limit does not depend on the threads.
void parallel_for_reporting(std::size_t count, unsigned jobs,
                            const std::function<void(std::size_t, Diagnostics&)>& task,
                            Diagnostics& diagnostics);

}  // namespace gongkai
