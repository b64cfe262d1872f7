// Atomic publishing under SIGKILL: `gongkai build` is killed at random moments while it
// replaces one version of a site with another, and after every kill the output folder must be
// exactly the old site or exactly the new one, never a mix; the next build must succeed and
// clear what the killed ones left behind.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "test_support.h"

using namespace gongkai::testing;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kReportCopies = 200;
/// A build of about this long gives kills in every phase of a build, and keeps the test quick:
/// where a build of kReportCopies takes much longer (a sanitizer build, a busy machine), the
/// site is cut down to match.
constexpr auto kTargetBuildTime = std::chrono::milliseconds(500);
/// The test is bounded by counts, never by time: kKills kills, and more (up to kMaxKills) only
/// until both outcomes, the old site kept and the new one swapped in, have been seen.
constexpr int kKills = 60;
constexpr int kMaxKills = 400;
/// After this many kills in a row that all left the old site, the delays double: a machine
/// slower now than when the build was timed still reaches the swap.
constexpr int kKillsBeforeLonger = 10;

/// A site of kReportCopies departments, each holding a copy of the minimal fixture's report.
void make_big_site(const fs::path& site) {
  fs::path library = fixture("minimal") / "content" / "city-library";
  write_file(site / "site.toml", read_file(fixture("minimal") / "site.toml"));
  for (int i = 0; i < kReportCopies; ++i) {
    fs::path dept = site / "content" / ("library-" + std::to_string(i));
    write_file(dept / "department.toml", "name = \"示例市图书馆 " + std::to_string(i) + "\"\n");
    for (const char* file : {"budget.md", "budget.json"}) {
      write_file(dept / "2023" / file, read_file(library / "2023" / file));
    }
  }
}

/// Makes the site one of two versions that differ on every page (the site title).
void set_version(const fs::path& site, int version) {
  write_file(site / "site.toml", "title = \"版本 " + std::to_string(version) +
                                     "\"\nbase_url = \"https://example.org/open/\"\n");
}

pid_t start_build(const fs::path& site, const fs::path& output) {
  pid_t pid = fork();
  if (pid == 0) {
    int null_fd = open("/dev/null", O_WRONLY);
    dup2(null_fd, 1);
    dup2(null_fd, 2);
    std::string binary = GONGKAI_BINARY;
    std::vector<std::string> args{binary, "build", "--source", site.string(), "--output",
                                  output.string(), "--jobs", "2"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

/// Names beside the output folder other than the site, the output and the manifests and reuse
/// records of finished builds.
std::vector<std::string> leftovers(const fs::path& parent) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(parent)) {
    std::string name = entry.path().filename().string();
    if (name != "site" && name != "out" && name != ".out.manifest" && name != ".trial.manifest" &&
        name != ".out.reuse" && name != ".trial.reuse") {
      out.push_back(name);
    }
  }
  return out;
}

bool is_staging_leftover(const std::string& name) {
  return name.rfind(".out.staging-", 0) == 0 || name.rfind(".out.manifest.tmp-", 0) == 0 ||
         name.rfind(".out.reuse.tmp-", 0) == 0;
}

int build(const fs::path& site, const fs::path& output) {
  return run_gongkai({"build", "-q", "--source", site.string(), "--output", output.string()})
      .exit_code;
}

std::chrono::microseconds timed_build(const fs::path& site, const fs::path& output) {
  auto start = Clock::now();
  REQUIRE(build(site, output) == 0);
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
}

/// Removes departments from the end until a build should take about kTargetBuildTime.
void fit_build_time(const fs::path& site, std::chrono::microseconds duration) {
  if (duration <= 2 * kTargetBuildTime) return;
  int keep = std::max<int>(20, static_cast<int>(kReportCopies * kTargetBuildTime / duration));
  for (int i = keep; i < kReportCopies; ++i) {
    fs::remove_all(site / "content" / ("library-" + std::to_string(i)));
  }
}

}  // namespace

TEST_CASE("kill: a build killed at any moment leaves the old site or the new one", "[kill][serial]") {
  TempDir tmp;
  fs::path site = tmp / "site", output = tmp / "out";
  make_big_site(site);
  std::vector<std::pair<std::string, std::string>> versions[2];
  set_version(site, 0);
  fit_build_time(site, timed_build(site, tmp / "trial"));
  fs::remove_all(tmp / "trial");
  REQUIRE(build(site, output) == 0);
  versions[0] = snapshot_tree(output);
  set_version(site, 1);
  auto duration = timed_build(site, output);
  versions[1] = snapshot_tree(output);
  REQUIRE(versions[0] != versions[1]);

  // Fixed seed: the same delays every run. Up to twice the measured build time, because killed
  // builds also clear what the one before left; doubled while kills keep leaving the old site.
  std::mt19937 random(20240611);
  std::uniform_int_distribution<long> delay(0, duration.count() * 2);
  int published = 1, kills = 0, swaps = 0, scale = 1, since_swap = 0;
  while (kills < kMaxKills && (kills < kKills || swaps == 0 || swaps == kills)) {
    int target = 1 - published;
    set_version(site, target);
    pid_t pid = start_build(site, output);
    std::this_thread::sleep_for(std::chrono::microseconds(delay(random) * scale));
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ++kills;
    auto now = snapshot_tree(output);
    INFO("kill " << kills << " while publishing version " << target);
    bool old_site = now == versions[published], new_site = now == versions[target];
    REQUIRE((old_site || new_site));
    for (const std::string& name : leftovers(tmp.path())) CHECK(is_staging_leftover(name));
    if (new_site) ++swaps, published = target, since_swap = 0;
    if (!new_site && ++since_swap % kKillsBeforeLonger == 0) scale = std::min(scale * 2, 64);
  }
  WARN("killed " << kills << " builds of a " << duration.count() / 1000 << " ms build; "
                 << swaps << " had swapped the new site in");
  CHECK(swaps > 0);
  CHECK(swaps < kills);

  set_version(site, 1 - published);
  REQUIRE(build(site, output) == 0);
  CHECK(snapshot_tree(output) == versions[1 - published]);
  CHECK(leftovers(tmp.path()).empty());
  CHECK(fs::exists(tmp / ".out.manifest"));
}
