#include "base/parallel.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace gongkai;

TEST_CASE("parallel_for runs every item once, whatever the thread count", "[parallel]") {
  for (unsigned jobs : {0u, 1u, 2u, 3u, 16u}) {
    for (std::size_t count : {0u, 1u, 2u, 7u, 1000u}) {
      CAPTURE(jobs, count);
      std::vector<std::atomic<int>> runs(count);
      parallel_for(count, jobs, [&](std::size_t i) { ++runs[i]; });
      for (std::size_t i = 0; i < count; ++i) CHECK(runs[i] == 1);
    }
  }
}

TEST_CASE("parallel_for uses at most the threads it is given", "[parallel]") {
  std::mutex mutex;
  std::set<std::thread::id> threads;
  auto note = [&](std::size_t) {
    std::lock_guard lock(mutex);
    threads.insert(std::this_thread::get_id());
  };
  parallel_for(200, 1, note);
  CHECK(threads == std::set{std::this_thread::get_id()});
  threads.clear();
  parallel_for(200, 3, note);
  CHECK(threads.size() <= 3);
}

TEST_CASE("parallel_for_reporting merges diagnostics in item order, past the limit alike",
          "[parallel]") {
  auto run = [](unsigned jobs) {
    Diagnostics diagnostics(25);
    parallel_for_reporting(
        40, jobs,
        [](std::size_t i, Diagnostics& found) {
          std::string path = "item" + std::to_string(100 + i);
          found.warning({path, 1, 1}, "first of " + std::to_string(i));
          if (i % 3 == 0) found.error({path, 2, 1}, "second of " + std::to_string(i));
        },
        diagnostics);
    return std::pair{diagnostics.format_all(), diagnostics.error_count()};
  };
  auto [messages, errors] = run(1);
  CHECK(errors == 14);
  CHECK(messages.starts_with("item100:1:1: warning: first of 0\nitem100:2:1: error: second of 0\n"));
  // 25 kept: items 0 to 17 whole and the first of item 18's two.
  CHECK(messages.find("item118:1:1: warning: first of 18\n") != std::string::npos);
  CHECK(messages.find("item118:2:1") == std::string::npos);
  CHECK(messages.find("item119") == std::string::npos);
  for (unsigned jobs : {0u, 2u, 5u, 40u}) CHECK(run(jobs) == std::pair{messages, errors});
}
