// The search index's postings while a build collects them (render/search_postings.h).
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "render/search_postings.h"
#include "render/search_terms.h"

using namespace gongkai;

namespace {

/// Adds, from four threads, page p's posting "P" for the terms t0 … t(p mod 50), and returns
/// what each shard must then hold.
std::map<std::uint32_t, std::map<std::string, std::string>> fill(PostingStore& store, std::uint32_t shards) {
  constexpr int kPages = 2000, kThreads = 4;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int p = t; p < kPages; p += kThreads) {
        std::vector<PendingPosting> batch;
        for (int term = 0; term <= p % 50; ++term) {
          std::string text = "t" + std::to_string(term);
          batch.push_back({search_shard(text, shards), text, std::to_string(p) + ";"});
        }
        store.add(batch);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::map<std::uint32_t, std::map<std::string, std::string>> expected;
  for (int p = 0; p < kPages; ++p) {
    for (int term = 0; term <= p % 50; ++term) {
      std::string text = "t" + std::to_string(term);
      expected[search_shard(text, shards)][text] += std::to_string(p) + ";";
    }
  }
  return expected;
}

/// The postings "P;" of a term, sorted, whatever order the threads added them in.
std::vector<std::string> sorted_pages(const std::string& postings) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < postings.size();) {
    std::size_t end = postings.find(';', at);
    out.push_back(postings.substr(at, end - at));
    at = end + 1;
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("search postings: every shard gets back exactly what was added, set aside or not", "[search]") {
  for (std::uint32_t shards : {1u, 8u, 64u, 512u}) {
    INFO(shards << " shards");
    PostingStore store(shards);
    auto expected = fill(store, shards);
    for (std::uint32_t k = 0; k < shards; ++k) {
      std::optional<std::map<std::string, std::string>> got = store.take(k);
      REQUIRE(got);
      const std::map<std::string, std::string>& want = expected[k];
      REQUIRE(got->size() == want.size());
      for (const auto& [term, postings] : want) CHECK(sorted_pages(got->at(term)) == sorted_pages(postings));
    }
    // A shard taken again is read back again, the same.
    std::optional<std::map<std::string, std::string>> again = store.take(0);
    REQUIRE(again);
    CHECK(again->size() == expected[0].size());
  }
}
