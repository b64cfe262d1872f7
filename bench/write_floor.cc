// write-floor SOURCE DEST [--threads N]: what the kernel alone charges for writing a built
// site. It reads every file under SOURCE (a gongkai or Hugo output folder) into memory, then
// times only the writing of the same tree into DEST, which must not exist: the folders with
// mkdir, each file with one open, one write and one close, spread over N threads as gongkai
// spreads its pages. Nothing is rendered, so no build of that output can be faster than this
// on the same disk (bench/run, docs/performance.md). Prints "wall user system" in seconds.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Tree {
  /// Relative paths, parents before children.
  std::vector<std::string> folders;
  /// Relative path and bytes of every regular file.
  std::vector<std::pair<std::string, std::string>> files;
};

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

/// Loads the tree under `source` into `tree`, links not followed. False, after saying why, when
/// it cannot be read.
bool load_tree(const fs::path& source, Tree& tree) {
  std::error_code ec;
  for (fs::recursive_directory_iterator it(source, ec), end; !ec && it != end; it.increment(ec)) {
    std::string relative = fs::relative(it->path(), source).string();
    fs::file_status status = it->symlink_status();
    if (fs::is_directory(status)) tree.folders.push_back(relative);
    if (fs::is_regular_file(status)) tree.files.emplace_back(relative, read_whole(it->path()));
  }
  if (ec) std::cerr << "write-floor: cannot read " << source << ": " << ec.message() << "\n";
  return !ec;
}

bool write_file(const std::string& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  return ::close(fd) == 0 && ok;
}

/// Writes the tree under `dest`; false on the first failure.
bool write_tree(const Tree& tree, const std::string& dest, unsigned threads) {
  if (::mkdir(dest.c_str(), 0755) != 0) return false;
  for (const std::string& folder : tree.folders) {
    if (::mkdir((dest + "/" + folder).c_str(), 0755) != 0) return false;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> ok{true};
  auto work = [&] {
    for (std::size_t i = next++; i < tree.files.size(); i = next++) {
      if (!write_file(dest + "/" + tree.files[i].first, tree.files[i].second)) ok = false;
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& thread : pool) thread.join();
  return ok;
}

double seconds(const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times writing a copy of a built site's files, with nothing rendered"};
  std::string source;
  std::string dest;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  app.add_option("SOURCE", source, "A built output folder")->required();
  app.add_option("DEST", dest, "Where to write the copy; must not exist")->required();
  app.add_option("--threads", threads, "Writing threads (default: one per core)");
  CLI11_PARSE(app, argc, argv);

  Tree tree;
  if (!load_tree(source, tree)) return 1;
  rusage before{};
  ::getrusage(RUSAGE_SELF, &before);
  auto start = std::chrono::steady_clock::now();
  bool ok = write_tree(tree, dest, std::max(1u, threads));
  double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  rusage after{};
  ::getrusage(RUSAGE_SELF, &after);
  if (!ok) {
    std::perror(("write-floor: cannot write into " + dest).c_str());
    return 1;
  }
  std::printf("%.2f %.2f %.2f\n", wall, seconds(after.ru_utime) - seconds(before.ru_utime),
              seconds(after.ru_stime) - seconds(before.ru_stime));
  return 0;
}
