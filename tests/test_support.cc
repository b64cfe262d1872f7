#include "test_support.h"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace gongkai::testing {

TempDir::TempDir() {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = fs::temp_directory_path() / ("gongkai-test-" + std::to_string(rd()));
    if (fs::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& path, const std::string& contents) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << contents;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void copy_tree(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
}

namespace {

std::string drain(int fd) {
  std::string out;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

CommandResult run_gongkai(const std::vector<std::string>& args, const fs::path& cwd) {
  fs::path out_file = fs::temp_directory_path() / ("gongkai-out-" + std::to_string(getpid()) +
                                                   "-" + std::to_string(std::random_device{}()));
  fs::path err_file = out_file;
  err_file += ".err";
  pid_t pid = fork();
  if (pid == 0) {
    int out_fd = open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err_fd = open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    if (!cwd.empty() && chdir(cwd.c_str()) != 0) _exit(127);
    std::vector<char*> argv;
    std::string binary = GONGKAI_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copies = args;
    for (std::string& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  int out_fd = open(out_file.c_str(), O_RDONLY);
  int err_fd = open(err_file.c_str(), O_RDONLY);
  result.out = drain(out_fd);
  result.err = drain(err_fd);
  close(out_fd);
  close(err_fd);
  fs::remove(out_file);
  fs::remove(err_file);
  return result;
}

fs::path source_dir() { return GONGKAI_SOURCE_DIR; }

fs::path fixture(const std::string& name) { return source_dir() / "tests" / "fixtures" / name; }

std::optional<fs::path> shared_dir() {
  fs::path shared = source_dir().parent_path() / "shared";
  if (fs::is_directory(shared)) return shared;
  return std::nullopt;
}

std::optional<fs::path> shared_or_skip(const std::string& name, const std::string& what) {
  fs::path dir = (source_dir().parent_path() / "shared" / name).lexically_normal();
  if (fs::is_directory(dir)) return dir;
  WARN("SKIPPED: no folder " << dir.string() << " (" << what << ")");
  return std::nullopt;
}

std::vector<std::pair<std::string, std::string>> snapshot_tree(const fs::path& root) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    files.emplace_back(fs::relative(entry.path(), root).generic_string(), read_file(entry.path()));
  }
  std::sort(files.begin(), files.end());
  return files;
}

ReportData load_report_file(const std::filesystem::path& file) {
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data(file.string(), read_file(file), diagnostics);
  INFO(file.string() << "\n" << diagnostics.format_all());
  REQUIRE(data);
  return std::move(*data);
}

ReportData report_with_table(const std::string& table_json) {
  std::string text =
      R"({"schema": 1, "kind": "budget", "department": "部门", "year": 2023, "title": "标题", "unit": "万元", "tables": [)" +
      table_json + "]}";
  Diagnostics diagnostics;
  std::optional<ReportData> data = load_report_data("r.json", text, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(data);
  return std::move(*data);
}


}  // namespace gongkai::testing
