#include "base/file_reader.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "test_support.h"

using namespace gongkai;
using gongkai::testing::TempDir;
using gongkai::testing::write_file;
namespace fs = std::filesystem;

TEST_CASE("file reader: a file is read whole, byte for byte", "[file_reader]") {
  TempDir tmp;
  // A byte-order mark, a NUL, invalid UTF-8 and CRLF line ends: all kept as they are (callers
  // skip the byte-order mark), and more than the 4096 bytes read at a time.
  std::string contents = std::string(kUtf8ByteOrderMark) + std::string("a\0b\xFF\r\n", 6) +
                         std::string(10000, 'x') + "end";
  write_file(tmp / "a.json", contents);
  Diagnostics d;
  std::optional<std::string> text = read_source_file(tmp / "a.json", "a.json", d);
  REQUIRE(text);
  CHECK(text->size() == 3 + 6 + 10000 + 3);
  CHECK(*text == contents);
  CHECK(d.format_all().empty());
}

TEST_CASE("file reader: an empty file is an empty text, not a failure", "[file_reader]") {
  TempDir tmp;
  write_file(tmp / "empty.md", "");
  Diagnostics d;
  std::optional<std::string> text = read_source_file(tmp / "empty.md", "empty.md", d);
  REQUIRE(text);
  CHECK(text->empty());
  CHECK_FALSE(d.has_errors());
}

TEST_CASE("file reader: a file longer than its stat size is read to its end", "[file_reader]") {
  // /proc files say they are 0 bytes long and are not: the reader reads on past fstat's size.
  REQUIRE(fs::file_size("/proc/version") == 0);
  std::ifstream in("/proc/version", std::ios::binary);
  std::stringstream expected;
  expected << in.rdbuf();
  REQUIRE(!expected.str().empty());
  Diagnostics d;
  std::optional<std::string> text = read_source_file("/proc/version", "version", d);
  REQUIRE(text);
  CHECK(*text == expected.str());
  CHECK(d.format_all().empty());
}

TEST_CASE("file reader: a missing file is 'file not found' at the display path", "[file_reader]") {
  TempDir tmp;
  Diagnostics d;
  CHECK_FALSE(
      read_source_file(tmp / "content/a/2023/budget.json", "content/a/2023/budget.json", d));
  CHECK(d.error_count() == 1);
  CHECK(d.format_all() == "content/a/2023/budget.json: error: file not found\n");
}

TEST_CASE("file reader: folders and FIFOs are not regular files", "[file_reader]") {
  TempDir tmp;
  fs::create_directory(tmp / "folder.md");
  REQUIRE(::mkfifo((tmp / "fifo.md").c_str(), 0600) == 0);
  Diagnostics d;
  CHECK_FALSE(read_source_file(tmp / "folder.md", "folder.md", d));
  // A FIFO nobody writes to would block a reader: it is refused before it is opened.
  CHECK_FALSE(read_source_file(tmp / "fifo.md", "fifo.md", d));
  CHECK(d.error_count() == 2);
  CHECK(d.format_all() ==
        "fifo.md: error: not a regular file\n"
        "folder.md: error: not a regular file\n");
}

TEST_CASE("file reader: symbolic links are not followed, dangling or not", "[file_reader]") {
  TempDir tmp;
  write_file(tmp / "real.toml", "title = \"x\"\n");
  fs::create_symlink(tmp / "real.toml", tmp / "link.toml");
  fs::create_symlink(tmp / "nowhere.toml", tmp / "dangling.toml");
  Diagnostics d;
  CHECK_FALSE(read_source_file(tmp / "link.toml", "link.toml", d));
  CHECK_FALSE(read_source_file(tmp / "dangling.toml", "dangling.toml", d));
  CHECK(d.error_count() == 2);
  CHECK(d.format_all() ==
        "dangling.toml: error: symbolic links are not followed\n"
        "link.toml: error: symbolic links are not followed\n");
}

TEST_CASE("file reader: a file over 16 MiB is refused with its size, one at the limit is read",
          "[file_reader]") {
  CHECK(kMaxSourceFileBytes == 16777216);
  TempDir tmp;
  // Sparse files: the size is what the reader looks at first.
  write_file(tmp / "over.json", "");
  fs::resize_file(tmp / "over.json", kMaxSourceFileBytes + 1);
  write_file(tmp / "huge.json", "");
  fs::resize_file(tmp / "huge.json", 200u * 1024 * 1024);
  write_file(tmp / "limit.json", "");
  fs::resize_file(tmp / "limit.json", kMaxSourceFileBytes);
  Diagnostics d;
  CHECK_FALSE(read_source_file(tmp / "over.json", "content/over.json", d));
  CHECK_FALSE(read_source_file(tmp / "huge.json", "content/city-library/2023/budget.json", d));
  CHECK(d.format_all() ==
        "content/city-library/2023/budget.json: error: file is 209715200 bytes, over the limit of "
        "16777216 bytes\n"
        "content/over.json: error: file is 16777217 bytes, over the limit of 16777216 bytes\n");
  Diagnostics at_limit;
  std::optional<std::string> text = read_source_file(tmp / "limit.json", "limit.json", at_limit);
  REQUIRE(text);
  CHECK(text->size() == kMaxSourceFileBytes);
  CHECK(text->find_first_not_of('\0') == std::string::npos);
  CHECK(at_limit.format_all().empty());
}

TEST_CASE("file reader: a file without read permission is 'cannot read file'", "[file_reader]") {
  if (::geteuid() == 0) {
    WARN("SKIPPED: running as root, which reads any file: the unreadable file is not tested");
    return;
  }
  TempDir tmp;
  write_file(tmp / "secret.md", "x");
  fs::permissions(tmp / "secret.md", fs::perms::none);
  Diagnostics d;
  CHECK_FALSE(read_source_file(tmp / "secret.md", "secret.md", d));
  CHECK(d.format_all() == "secret.md: error: cannot read file\n");
}

TEST_CASE("display path: relative to the source folder inside it, as given outside",
          "[file_reader]") {
  CHECK(display_path("/site", "/site/content/a/2023/budget.md") == "content/a/2023/budget.md");
  CHECK(display_path("/site/", "/site/./templates/../assets/style.css") == "assets/style.css");
  CHECK(display_path("site", "site/i18n/en.toml") == "i18n/en.toml");
  // Outside the folder, including a sibling whose name starts with the folder's name.
  CHECK(display_path("/site", "/other/site.toml") == "/other/site.toml");
  CHECK(display_path("/site", "/site-old/site.toml") == "/site-old/site.toml");
  CHECK(display_path("/site/content", "/site/site.toml") == "/site/site.toml");
}
