// Text set aside on disk during a build (base/text_spill.h).
#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "base/text_spill.h"

using namespace gongkai;

TEST_CASE("text spill: texts appended from several threads read back exactly", "[text_spill]") {
  std::shared_ptr<TextSpill> spill = TextSpill::create();
  REQUIRE(spill);
  constexpr int kThreads = 4, kEach = 200;
  std::vector<std::vector<SpilledText>> where(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        std::optional<SpilledText> at = spill->append(std::string(static_cast<std::size_t>(i), static_cast<char>('a' + t)) + "\n信用");
        if (at) where[t].push_back(*at);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    REQUIRE(where[t].size() == kEach);
    for (int i = 0; i < kEach; ++i) {
      CHECK(spill->read(where[t][static_cast<std::size_t>(i)]) ==
            std::string(static_cast<std::size_t>(i), static_cast<char>('a' + t)) + "\n信用");
    }
  }
}

TEST_CASE("text spill: an empty text, and a place past the end, which cannot be read", "[text_spill]") {
  std::shared_ptr<TextSpill> spill = TextSpill::create();
  REQUIRE(spill);
  std::optional<SpilledText> empty = spill->append("");
  REQUIRE(empty);
  CHECK(spill->read(*empty) == "");
  CHECK_FALSE(spill->read(SpilledText{spill, 1000, 10}));
}
