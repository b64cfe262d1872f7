#include "publish/output.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace gongkai;
using gongkai::testing::read_file;
using gongkai::testing::TempDir;
using gongkai::testing::write_file;
namespace fs = std::filesystem;

namespace {

bool publish(const fs::path& out, const std::map<std::string, std::string>& files,
             Diagnostics& d, PublishStats* stats = nullptr) {
  DiskOutput output(out, d);
  if (!output.begin()) return false;
  for (const auto& [path, bytes] : files) output.write(path, bytes);
  bool ok = output.commit();
  if (stats) *stats = output.stats();
  return ok;
}

std::vector<std::string> names(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

ino_t inode(const fs::path& p) {
  struct stat st {};
  stat(p.c_str(), &st);
  return st.st_ino;
}

}  // namespace

TEST_CASE("output paths must stay inside the site", "[output]") {
  CHECK(is_safe_output_path("index.html"));
  CHECK(is_safe_output_path("a/2023/budget/index.html"));
  CHECK_FALSE(is_safe_output_path("../x"));
  CHECK_FALSE(is_safe_output_path("/etc/passwd"));
  CHECK_FALSE(is_safe_output_path("a//b"));
  CHECK_FALSE(is_safe_output_path("a/./b"));
  CHECK_FALSE(is_safe_output_path(".staging"));
  CHECK_FALSE(is_safe_output_path("a\\b"));
}

TEST_CASE("publishing swaps the new site in and leaves nothing else behind", "[output]") {
  TempDir tmp;
  Diagnostics d;
  REQUIRE(publish(tmp / "public", {{"index.html", "one"}, {"a/b.css", "css"}}, d));
  CHECK(read_file(tmp / "public/index.html") == "one");
  REQUIRE(publish(tmp / "public", {{"index.html", "two"}}, d));
  CHECK(read_file(tmp / "public/index.html") == "two");
  CHECK_FALSE(fs::exists(tmp / "public/a"));
  CHECK(names(tmp.path()) == std::vector<std::string>{"public"});
}

TEST_CASE("a failed build leaves the previous site exactly as it was", "[output]") {
  TempDir tmp;
  Diagnostics ok;
  REQUIRE(publish(tmp / "public", {{"index.html", "old"}}, ok));
  Diagnostics failing;
  {
    DiskOutput output(tmp / "public", failing);
    REQUIRE(output.begin());
    output.write("index.html", "new");
    failing.error({"x", 1, 1}, "a content error");
    CHECK_FALSE(output.commit());
  }
  CHECK(read_file(tmp / "public/index.html") == "old");
  CHECK(names(tmp.path()) == std::vector<std::string>{"public"});
}

TEST_CASE("unchanged files keep their inode; leftovers of killed builds are cleared", "[output]") {
  TempDir tmp;
  Diagnostics d;
  REQUIRE(publish(tmp / "public", {{"index.html", "s"}, {"changed.html", "1"}}, d));
  ino_t same = inode(tmp / "public/index.html");
  ino_t changed = inode(tmp / "public/changed.html");
  write_file(tmp / ".public.staging-99999/index.html", "half-written");
  PublishStats stats;
  REQUIRE(publish(tmp / "public", {{"index.html", "s"}, {"changed.html", "2"}}, d, &stats));
  CHECK(inode(tmp / "public/index.html") == same);
  CHECK(inode(tmp / "public/changed.html") != changed);
  CHECK(stats.files == 2);
  CHECK(stats.unchanged == 1);
  CHECK(names(tmp.path()) == std::vector<std::string>{"public"});
}

TEST_CASE("a folder that is not a built site is never replaced", "[output]") {
  TempDir tmp;
  write_file(tmp / "precious/thesis.tex", "years of work");
  Diagnostics d;
  CHECK_FALSE(publish(tmp / "precious", {{"stray-write-test.html", "x"}}, d));
  CHECK(read_file(tmp / "precious/thesis.tex") == "years of work");
  CHECK_FALSE(fs::exists("stray-write-test.html"));
  CHECK(d.format_all().find("refusing to replace this folder") != std::string::npos);
}

TEST_CASE("memory output rejects unsafe and duplicate paths", "[output]") {
  Diagnostics d;
  MemoryOutput out(d);
  out.write("a.html", "1");
  out.write("a.html", "2");
  out.write("../evil", "3");
  CHECK(out.files().size() == 1);
  CHECK(d.format_all() ==
        "../evil: error: unsafe output path\na.html: error: two pages write the same output file\n");
}

TEST_CASE("output: a parent folder that cannot hold a build is named for what is wrong",
          "[output]") {
  TempDir tmp;
  write_file(tmp / "file", "x");
  auto problem = [](const fs::path& out) {
    Diagnostics d;
    DiskOutput output(out, d);
    CHECK_FALSE(output.begin());
    return d.format_all();
  };
  CHECK(problem(tmp / "file/public") == (tmp / "file/public").string() +
                                            ": error: the output's parent, " +
                                            (tmp / "file").string() + ", is not a folder\n");
  CHECK(problem(tmp / "file/sub/public") ==
        (tmp / "file/sub/public").string() +
            ": error: cannot create the output's parent folder: " + (tmp / "file").string() +
            " is not a folder\n");
  CHECK_FALSE(fs::exists(tmp / "file/sub"));
}

TEST_CASE("output: a missing parent folder is created", "[output]") {
  TempDir tmp;
  Diagnostics d;
  REQUIRE(publish(tmp / "a/b/public", {{"index.html", "x"}}, d));
  CHECK(read_file(tmp / "a/b/public/index.html") == "x");
  CHECK(d.format_all().empty());
}

TEST_CASE("output: a parent folder this process may not write in says so", "[output]") {
  if (::geteuid() == 0) {
    WARN("running as root, which writes in any folder: the read-only parent is not tested");
    return;
  }
  TempDir tmp;
  fs::create_directories(tmp / "ro");
  fs::permissions(tmp / "ro", fs::perms::owner_read | fs::perms::owner_exec);
  Diagnostics d;
  DiskOutput output(tmp / "ro/public", d);
  CHECK_FALSE(output.begin());
  fs::permissions(tmp / "ro", fs::perms::owner_all);
  CHECK(d.format_all() == (tmp / "ro/public").string() +
                              ": error: cannot write in the output's parent folder: Permission "
                              "denied\n");
}

namespace {

/// Publishes `files`, each streamed to the writer in pieces of three bytes.
bool publish_streamed(const fs::path& out, const std::map<std::string, std::string>& files, Diagnostics& d,
                      PublishStats* stats = nullptr) {
  DiskOutput output(out, d);
  if (!output.begin()) return false;
  for (const auto& [path, bytes] : files) {
    output.write_streamed(path, [&bytes](const TextSink& sink) {
      for (std::size_t at = 0; at < bytes.size(); at += 3) sink(std::string_view(bytes).substr(at, 3));
    });
  }
  bool ok = output.commit();
  if (stats) *stats = output.stats();
  return ok;
}

}  // namespace

TEST_CASE("output: a file streamed in pieces is written whole, and linked when unchanged", "[output]") {
  TempDir tmp;
  Diagnostics d;
  PublishStats stats;
  const std::string package = "{\n  \"name\": \"site\",\n  \"resources\": []\n}\n";
  REQUIRE(publish_streamed(tmp / "public", {{"index.html", "s"}, {"data/datapackage.json", package}}, d, &stats));
  CHECK(read_file(tmp / "public/data/datapackage.json") == package);
  CHECK(stats.files == 2);
  CHECK(stats.bytes == package.size() + 1);
  CHECK(stats.unchanged == 0);
  ino_t before = inode(tmp / "public/data/datapackage.json");
  // The same bytes: the published file is linked, not written.
  REQUIRE(publish_streamed(tmp / "public", {{"index.html", "s"}, {"data/datapackage.json", package}}, d, &stats));
  CHECK(inode(tmp / "public/data/datapackage.json") == before);
  CHECK(stats.unchanged == 2);
  // The published file with more at its end, and one cut short, are written anew.
  for (const std::string& other : {package + " ", package.substr(0, package.size() - 2)}) {
    REQUIRE(publish_streamed(tmp / "public", {{"index.html", "s"}, {"data/datapackage.json", other}}, d, &stats));
    CHECK(read_file(tmp / "public/data/datapackage.json") == other);
    CHECK(stats.unchanged == 1);
  }
  CHECK_FALSE(d.has_errors());
}

TEST_CASE("output: a streamed file refuses an unsafe path and a path written twice", "[output]") {
  TempDir tmp;
  Diagnostics d;
  DiskOutput output(tmp / "public", d);
  REQUIRE(output.begin());
  auto one_piece = [](const TextSink& sink) { sink("x"); };
  output.write_streamed("../escape.json", one_piece);
  output.write("index.html", "s");
  output.write_streamed("index.html", one_piece);
  CHECK(d.format_all() ==
        "../escape.json: error: unsafe output path\nindex.html: error: two pages write the same output file\n");
  CHECK_FALSE(fs::exists(tmp / "escape.json"));
}

TEST_CASE("output: memory output collects a streamed file's pieces", "[output]") {
  Diagnostics d;
  MemoryOutput output(d);
  output.write_streamed("datapackage.json", [](const TextSink& sink) {
    sink("{");
    sink("}\n");
  });
  CHECK(output.files().at("datapackage.json") == "{}\n");
}
