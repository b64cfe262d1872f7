// gongkai archive and gongkai verify (publish/site_archive.h, publish/site_verify.h): the
// example site packed, unpacked, edited and checked, in a folder and in the .zip itself.
#include "publish/site_archive.h"

#include <zip.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <regex>

#include "base/sha256.h"
#include "example_site.h"
#include "publish/site_verify.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

/// The example site, built once per test case, in a temporary folder.
struct ArchivedSite {
  TempDir tmp;
  fs::path site = tmp / "site";
  fs::path zip = site / "public.zip";
  ArchivedSite() {
    copy_example_site(site);
    CommandResult built = run_gongkai({"build", "--source", site.string(), "--quiet"});
    INFO(built.err);
    REQUIRE(built.exit_code == 0);
  }
  CommandResult archive(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"archive", "--source", site.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_gongkai(args);
  }
};

/// The entries of `file` by name, read with libzip.
std::map<std::string, std::string> read_zip(const fs::path& file) {
  int error = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_RDONLY, &error);
  REQUIRE(zip != nullptr);
  std::map<std::string, std::string> entries;
  for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
    zip_stat_t stat;
    REQUIRE(zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat) == 0);
    std::string bytes(stat.size, '\0');
    zip_file_t* entry = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
    REQUIRE(entry != nullptr);
    REQUIRE(zip_fread(entry, bytes.data(), bytes.size()) == static_cast<zip_int64_t>(stat.size));
    zip_fclose(entry);
    entries[stat.name] = bytes;
  }
  zip_discard(zip);
  return entries;
}

void unpack(const fs::path& file, const fs::path& into) {
  for (const auto& [name, bytes] : read_zip(file)) write_file(into / name, bytes);
}

/// Replaces, deletes and adds entries of the archive `file` in place.
void edit_zip(const fs::path& file,
              const std::map<std::string, std::optional<std::string>>& edits) {
  int error = 0;
  zip_t* zip = zip_open(file.c_str(), 0, &error);
  REQUIRE(zip != nullptr);
  for (const auto& [name, bytes] : edits) {
    zip_int64_t index = zip_name_locate(zip, name.c_str(), 0);
    if (!bytes) {
      REQUIRE(zip_delete(zip, static_cast<zip_uint64_t>(index)) == 0);
      continue;
    }
    zip_source_t* source = zip_source_buffer(zip, bytes->data(), bytes->size(), 0);
    REQUIRE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE) >= 0);
  }
  REQUIRE(zip_close(zip) == 0);
}

std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

TEST_CASE("archive: the built example site, SHA256SUMS and README; verify is clean", "[archive]") {
  ArchivedSite s;
  CommandResult archived = s.archive();
  INFO(archived.err);
  REQUIRE(archived.exit_code == 0);
  CHECK(archived.out.starts_with("archived "));
  CHECK(archived.out.ends_with("→ " + s.zip.string() + "\n"));
  REQUIRE(fs::is_regular_file(s.zip));
  for (const auto& entry : fs::directory_iterator(s.site))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);

  std::map<std::string, std::string> entries = read_zip(s.zip);
  REQUIRE(entries.count("public/SHA256SUMS"));
  REQUIRE(entries.count("public/README.txt"));
  REQUIRE(entries.count("public/index.html"));
  for (const auto& [name, bytes] : entries) CHECK(name.starts_with("public/"));
  // Every file of the built site, byte for byte.
  for (const auto& [path, bytes] : snapshot_tree(s.site / "public")) {
    INFO(path);
    CHECK(entries.at("public/" + path) == bytes);
  }
  CHECK(entries.size() == snapshot_tree(s.site / "public").size() + 2);

  // SHA256SUMS: `sha256sum` format, sorted, every file but itself, the right digests.
  const std::string& sums = entries.at("public/SHA256SUMS");
  std::regex line("^([0-9a-f]{64})  ([^ ].*)$");
  std::string previous;
  std::size_t lines = 0;
  for (std::size_t start = 0; start < sums.size(); ++lines) {
    std::size_t end = sums.find('\n', start);
    REQUIRE(end != std::string::npos);
    std::smatch m;
    std::string text = sums.substr(start, end - start);
    REQUIRE(std::regex_match(text, m, line));
    CHECK(m[2].str() > previous);
    previous = m[2].str();
    CHECK(m[1].str() == sha256_hex(entries.at("public/" + m[2].str())));
    start = end + 1;
  }
  CHECK(lines == entries.size() - 1);

  // The README is in the site's language (the example site is zh-CN) and says how to verify.
  const std::string& readme = entries.at("public/README.txt");
  CHECK(readme.find("sha256sum -c SHA256SUMS") != std::string::npos);
  CHECK(readme.find("gongkai verify public") != std::string::npos);
  CHECK(readme.find("index.html") != std::string::npos);
  CHECK(readme.find("打开方法") != std::string::npos);

  CommandResult zip_check = run_gongkai({"verify", s.zip.string()});
  CHECK(zip_check.exit_code == 0);
  CHECK(zip_check.err.empty());
  CHECK(zip_check.out ==
        "verified " + std::to_string(lines) + " files against SHA256SUMS: all match\n");

  TempDir copy;
  unpack(s.zip, copy.path());
  CommandResult folder_check = run_gongkai({"verify", (copy / "public").string()});
  CHECK(folder_check.exit_code == 0);
  CHECK(folder_check.out == zip_check.out);
  if (std::system("command -v sha256sum >/dev/null") == 0) {
    std::string command =
        "cd '" + (copy / "public").string() + "' && sha256sum -c --quiet SHA256SUMS";
    CHECK(std::system(command.c_str()) == 0);
  }
}

TEST_CASE("archive: the same site gives byte-identical archives", "[archive]") {
  ArchivedSite s;
  REQUIRE(s.archive().exit_code == 0);
  std::string first = read_file(s.zip);
  TempDir other;
  // Another file name and time zone: the entries' names, times and permissions stay the same.
  const char* zone = std::getenv("TZ");
  std::string saved = zone ? zone : "";
  ::setenv("TZ", "Asia/Shanghai", 1);
  CommandResult again = s.archive({"--output", (other / "copy.zip").string()});
  zone ? ::setenv("TZ", saved.c_str(), 1) : ::unsetenv("TZ");
  REQUIRE(again.exit_code == 0);
  CHECK(read_file(other / "copy.zip") == first);
  REQUIRE(s.archive().exit_code == 0);
  CHECK(read_file(s.zip) == first);
}

TEST_CASE("archive: refuses a missing site and an archive inside the site", "[archive]") {
  TempDir tmp;
  copy_example_site(tmp / "site");
  CommandResult none = run_gongkai({"archive", "--source", (tmp / "site").string()});
  CHECK(none.exit_code == 1);
  CHECK(none.err == (tmp / "site" / "public").string() +
                        ": error: no built site here: build the site first (gongkai build) or "
                        "name its folder with --site\n"
                        "archive failed: 1 error(s), 0 warning(s); no archive was written\n");
  fs::create_directories(tmp / "site" / "public");
  CommandResult inside = run_gongkai({"archive", "--source", (tmp / "site").string(), "--output",
                                      (tmp / "site" / "public" / "a.zip").string()});
  CHECK(inside.exit_code == 1);
  CHECK(inside.err.starts_with(
      (tmp / "site" / "public" / "a.zip").string() +
      ": error: the archive must not be written inside the site it packs\n"));
  CHECK_FALSE(fs::exists(tmp / "site" / "public" / "a.zip"));
}

TEST_CASE("verify: a changed, a deleted and an added file, in a folder and in the .zip",
          "[archive]") {
  ArchivedSite s;
  REQUIRE(s.archive().exit_code == 0);
  std::size_t listed = line_count(read_zip(s.zip).at("public/SHA256SUMS"));
  const std::string expected =
      "assets/style.css: error: missing (listed in SHA256SUMS)\n"
      "extra.html: error: not in SHA256SUMS\n"
      "index.html: error: changed (its SHA-256 differs from SHA256SUMS)\n"
      "verify failed: 1 changed, 1 missing, 1 not in SHA256SUMS (of " +
      std::to_string(listed) + " files listed)\n";

  TempDir copy;
  unpack(s.zip, copy.path());
  fs::path folder = copy / "public";
  append(folder / "index.html", "<!-- edited -->");
  fs::remove(folder / "assets" / "style.css");
  write_file(folder / "extra.html", "<p>not published</p>");
  CommandResult on_folder = run_gongkai({"verify", folder.string()});
  CHECK(on_folder.exit_code == 1);
  CHECK(on_folder.out.empty());
  CHECK(on_folder.err == expected);

  std::string index = read_zip(s.zip).at("public/index.html") + "<!-- edited -->";
  edit_zip(s.zip, {{"public/index.html", index},
                   {"public/assets/style.css", std::nullopt},
                   {"public/extra.html", std::string("<p>not published</p>")}});
  CommandResult on_zip = run_gongkai({"verify", s.zip.string()});
  CHECK(on_zip.exit_code == 1);
  CHECK(on_zip.err == expected);
}

TEST_CASE("verify: no SHA256SUMS, a malformed one, a missing target", "[archive]") {
  TempDir tmp;
  write_file(tmp / "site" / "index.html", "<p>hi</p>");
  CommandResult none = run_gongkai({"verify", (tmp / "site").string()});
  CHECK(none.exit_code == 1);
  CHECK(none.err == (tmp / "site" / "SHA256SUMS").string() +
                        ": error: no SHA256SUMS to verify against: a copy made by gongkai "
                        "archive holds one at its top\n"
                        "verify failed: nothing to verify against\n");

  write_file(tmp / "site" / "SHA256SUMS", sha256_hex("<p>hi</p>") + "  index.html\nnot a line\n" +
                                              sha256_hex("") + "  ../etc/passwd\n" +
                                              sha256_hex("") + "  index.html\n");
  CommandResult malformed = run_gongkai({"verify", (tmp / "site").string()});
  std::string sums = (tmp / "site" / "SHA256SUMS").string();
  CHECK(malformed.exit_code == 1);
  CHECK(
      malformed.err ==
      sums +
          ":2:1: error: malformed line: expected 64 lowercase hex digits, two spaces and a path\n" +
          sums +
          ":3:67: error: unsafe path (absolute, or with '..' or empty segments): not checked\n" +
          sums + ":4:67: error: 'index.html' is listed twice\n" +
          "verify failed: nothing to verify against\n");

  CommandResult missing = run_gongkai({"verify", (tmp / "nothing.zip").string()});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == (tmp / "nothing.zip").string() + ": error: no such folder or file\n" +
                           "verify failed: nothing to verify against\n");

  write_file(tmp / "fake.zip", "PK not really");
  CommandResult fake = run_gongkai({"verify", (tmp / "fake.zip").string()});
  CHECK(fake.exit_code == 1);
  CHECK(
      fake.err.starts_with((tmp / "fake.zip").string() + ": error: not a readable zip archive: "));
}

TEST_CASE("verify: a hostile archive is reported, never unpacked or trusted", "[archive]") {
  TempDir tmp;
  fs::path file = tmp / "hostile.zip";
  std::string good = "<p>ok</p>";
  std::string sums = sha256_hex(good) + "  index.html\n";
  int error = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip != nullptr);
  std::vector<std::pair<std::string, std::string>> entries = {{"site/SHA256SUMS", sums},
                                                              {"site/index.html", good},
                                                              {"site/../../evil", "x"},
                                                              {"/etc/cron.d/evil", "x"},
                                                              {"other/file", "y"}};
  for (const auto& [name, bytes] : entries) {
    zip_source_t* source = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
    REQUIRE(zip_file_add(zip, name.c_str(), source, 0) >= 0);
  }
  REQUIRE(zip_close(zip) == 0);
  Diagnostics diagnostics;
  VerifyResult result = verify_archive(file, diagnostics);
  CHECK(result.checked);
  CHECK(result.listed == 1);
  CHECK(result.extra == 3);
  CHECK_FALSE(result.clean());
  CHECK(diagnostics.format_all() ==
        "/etc/cron.d/evil: error: unsafe name in the archive (absolute, or with '..' or empty "
        "segments): not read; not in SHA256SUMS\n"
        "other/file: error: not in SHA256SUMS\n"
        "site/../../evil: error: unsafe name in the archive (absolute, or with '..' or empty "
        "segments): not read; not in SHA256SUMS\n");
  CHECK_FALSE(fs::exists(tmp / "evil"));
}

TEST_CASE("verify: contained paths and SHA256SUMS lines", "[archive]") {
  CHECK(is_contained_path("index.html"));
  CHECK(is_contained_path("dept/2023/budget/index.html"));
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../b", "a//b", "a/./b", "a\\b", "a/"})
    CHECK_FALSE(is_contained_path(bad));
  Diagnostics diagnostics;
  auto listed = parse_sums(sha256_hex("a") + " *a.txt\n" + sha256_hex("b") + "  b c.txt\n",
                           "SHA256SUMS", diagnostics);
  REQUIRE(listed);
  CHECK(listed->at("a.txt") == sha256_hex("a"));
  CHECK(listed->at("b c.txt") == sha256_hex("b"));
  Diagnostics empty;
  CHECK_FALSE(parse_sums("", "SHA256SUMS", empty));
  CHECK(empty.format_all() == "SHA256SUMS: error: lists no file\n");
}

TEST_CASE("archive: the README states the build identity; entries carry the content's date", "[archive]") {
  TempDir tmp;
  copy_tree(fixture("minimal"), tmp / "site");
  REQUIRE(run_gongkai({"build", "--source", (tmp / "site").string(), "--quiet"}).exit_code == 0);
  std::string version = read_file(tmp / "site/public/version.json");
  std::smatch digest;
  REQUIRE(std::regex_search(version, digest, std::regex("\"inputs_sha256\": \"([0-9a-f]{64})\"")));
  CHECK(read_file(tmp / "site/public/index.html").find("<code>" + digest[1].str().substr(0, 12) + "</code>") !=
        std::string::npos);

  REQUIRE(run_gongkai({"archive", "--source", (tmp / "site").string(), "-q"}).exit_code == 0);
  std::map<std::string, std::string> entries = read_zip(tmp / "site/public.zip");
  // The minimal fixture's newest report was published on 2023-02-10.
  CHECK(entries.at("public/README.txt").find("本版本：由 gongkai " + std::string(GONGKAI_VERSION) +
                                             " 生成，内容日期 2023-02-10，源文件摘要 SHA-256 " +
                                             digest[1].str()) != std::string::npos);
  CHECK(entries.at("public/SHA256SUMS").find("  version.json\n") != std::string::npos);
  int error = 0;
  zip_t* zip = zip_open((tmp / "site/public.zip").c_str(), ZIP_RDONLY, &error);
  REQUIRE(zip != nullptr);
  zip_stat_t stat;
  REQUIRE(zip_stat(zip, "public/index.html", 0, &stat) == 0);
  std::tm date{};
  localtime_r(&stat.mtime, &date);  // libzip reads a zip's date as local time
  CHECK(date.tm_year + 1900 == 2023);
  CHECK(date.tm_mon + 1 == 2);
  CHECK(date.tm_mday == 10);
  zip_discard(zip);
}
