// bench/gen-corpus: the benchmark corpus must pass `gongkai check` and be reproducible.
#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdlib>

#include "test_support.h"

using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

/// Runs the gen-corpus binary on OUT with `args`; its exit status.
int gen_corpus(const fs::path& out, const std::vector<std::string>& args) {
  auto quoted = [](const std::string& s) { return "'" + s + "'"; };
  std::string command = quoted(GONGKAI_GEN_CORPUS) + " " + quoted(out.string());
  for (const std::string& a : args) command += " " + quoted(a);
  int status = std::system((command + " >/dev/null 2>&1").c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const std::vector<std::string> kSmall = {"--departments", "4", "--years", "3", "--seed", "5"};

}  // namespace

TEST_CASE("bench: gen-corpus writes a site that gongkai check passes", "[bench]") {
  TempDir tmp;
  REQUIRE(gen_corpus(tmp / "site", kSmall) == 0);
  CommandResult check = run_gongkai({"check", "--source", (tmp / "site").string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  // 4 × 3 budgets, and final accounts and evaluations for every third department-year.
  CHECK(check.out.find("checked 20 reports of 4 departments: 0 error(s), 0 warning(s)") !=
        std::string::npos);
  CHECK(fs::is_regular_file(tmp / "site/content/shenzhen-public-credit-center/2015/evaluation.json"));
}

TEST_CASE("bench: gen-corpus gives the same bytes for a seed, other bytes for another", "[bench]") {
  TempDir tmp;
  REQUIRE(gen_corpus(tmp / "a", kSmall) == 0);
  REQUIRE(gen_corpus(tmp / "b", kSmall) == 0);
  CHECK(snapshot_tree(tmp / "a") == snapshot_tree(tmp / "b"));
  std::vector<std::string> other = kSmall;
  other.back() = "6";
  REQUIRE(gen_corpus(tmp / "c", other) == 0);
  CHECK(snapshot_tree(tmp / "a") != snapshot_tree(tmp / "c"));
  // Writing again over an earlier corpus replaces it with the same bytes.
  REQUIRE(gen_corpus(tmp / "c", kSmall) == 0);
  CHECK(snapshot_tree(tmp / "a") == snapshot_tree(tmp / "c"));
}

TEST_CASE("bench: gen-corpus leaves a folder that is not a corpus alone", "[bench]") {
  TempDir tmp;
  write_file(tmp / "mine/notes.txt", "keep me");
  CHECK(gen_corpus(tmp / "mine", kSmall) != 0);
  CHECK(read_file(tmp / "mine/notes.txt") == "keep me");
  CHECK_FALSE(fs::exists(tmp / "mine/content"));
}
