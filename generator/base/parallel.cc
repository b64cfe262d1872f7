#include "base/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace gongkai {

void parallel_for(std::size_t count, unsigned jobs, const std::function<void(std::size_t)>& task) {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::size_t threads = std::clamp<std::size_t>(count, 1, jobs == 0 ? cores : jobs);
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) task(i);
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (std::thread& thread : pool) thread.join();
}

void parallel_for_reporting(std::size_t count, unsigned jobs,
                            const std::function<void(std::size_t, Diagnostics&)>& task,
                            Diagnostics& diagnostics) {
  std::vector<Diagnostics> found(count);
  parallel_for(count, jobs, [&](std::size_t i) { task(i, found[i]); });
  for (const Diagnostics& each : found) diagnostics.merge(each);
}

}  // namespace gongkai
