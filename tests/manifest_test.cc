#include "publish/manifest.h"

#include <catch2/catch.hpp>

#include "test_support.h"

using namespace gongkai;
using gongkai::testing::read_file;
using gongkai::testing::TempDir;
using gongkai::testing::write_file;
namespace fs = std::filesystem;

namespace {

std::string digest_of(std::initializer_list<std::string_view> fields) {
  Digest digest;
  for (std::string_view field : fields) digest.add(field);
  return digest.hex();
}

BuildManifest sample() {
  BuildManifest m;
  m.fingerprint = digest_of({"x"});
  m.boot = "0b1a2c3d-1111-2222-3333-444455556666";
  m.diagnostics = "site.toml:5:1: warning: unknown key \"colour\"\nentries 3\n";
  m.reports = 2;
  m.departments = 1;
  m.entries = {{"a b.html", 'f', 12, -5, 1796090955056416173, 77},
               {"assets", 'd', 0, 0, 0, 0},
               {"assets/style.css", 'f', 0, 1, 2, 3}};
  return m;
}

}  // namespace

TEST_CASE("manifest: a digest tells field boundaries and order apart", "[manifest]") {
  CHECK(digest_of({"ab", "c"}) != digest_of({"a", "bc"}));
  CHECK(digest_of({"a", "b"}) != digest_of({"b", "a"}));
  CHECK(digest_of({""}) != digest_of({}));
  CHECK(digest_of({"ab", "c"}) == digest_of({"ab", "c"}));
  CHECK(digest_of({"x"}).size() == 32);
  CHECK(generator_identity().size() == 32);
  CHECK(boot_identity().size() == 36);
}

TEST_CASE("manifest: written and read back whole, diagnostics with line breaks included", "[manifest]") {
  TempDir tmp;
  fs::path file = manifest_path(tmp / "public");
  CHECK(file == tmp / ".public.manifest");
  BuildManifest m = sample();
  REQUIRE(write_manifest(file, m));
  std::optional<BuildManifest> back = read_manifest(file);
  REQUIRE(back);
  CHECK(back->fingerprint == m.fingerprint);
  CHECK(back->boot == m.boot);
  CHECK(back->diagnostics == m.diagnostics);
  CHECK(back->reports == 2);
  CHECK(back->departments == 1);
  CHECK(back->entries == m.entries);
}

TEST_CASE("manifest: a damaged, foreign or missing manifest reads as none", "[manifest]") {
  TempDir tmp;
  fs::path file = tmp / ".public.manifest";
  CHECK_FALSE(read_manifest(file));
  REQUIRE(write_manifest(file, sample()));
  std::string text = read_file(file);
  auto damaged = [&](const std::string& bytes) {
    write_file(file, bytes);
    return !read_manifest(file).has_value();
  };
  CHECK(damaged(text.substr(0, text.size() - 10)));              // cut inside the last entry
  CHECK(text.ends_with("assets/style.css\nend 3\n"));
  std::string without_last = text.substr(0, text.rfind("f 0 1 2 3"));
  CHECK(damaged(without_last + "end 3\n"));                          // an entry short
  CHECK(damaged(without_last + "end\n"));                            // the end without its count
  CHECK(damaged("gongkai-manifest 1" + text.substr(text.find('\n'))));  // the format before
  CHECK(damaged(text + "f 1 2 3 4 x\n"));                         // past the end line
  CHECK(damaged(text.substr(0, text.rfind("end 3\n")) + "f 1 2 3 4\nend 4\n"));  // without a path
  CHECK(damaged(text.replace(text.find("reports 2"), 9, "reports x")));
}

namespace {

ReuseRecord sample_reuse() {
  ReuseRecord r;
  r.fingerprint = digest_of({"x"});
  DepartmentRecord& d = r.departments.emplace_back();
  d.slug = "city-library";
  d.digest = digest_of({"y"});
  ReportSummary& budget = d.reports.emplace_back();
  budget.dir = "city-library/2023/budget/";
  budget.has_headline = true;
  budget.headline_label = "收入总计";
  budget.headline_text = "1,200 万元";
  budget.headline_value = "1200.00";
  budget.headline_unit = 2;
  budget.key_figures = "total\t支出总计\t1200.00\t2\ttable-expenditure-sum\n201\t一般公共服务支出\t800\t2\ttable-function-u1-201 table-function-u2-201\n";
  budget.search_terms = "{\"t\":\"a\nb\"},\n{\"t\":\"\"}";
  ReportSummary& empty = d.reports.emplace_back();
  empty.dir = "city-library/2022/budget/";
  d.check.push_back({Severity::warning, {"content/x.json", 3, 7}, "sums differ\nby 1", "  \"a\": 1,", 0});
  d.render.push_back({Severity::note, {"", 0, 0}, "", "", 0});
  r.departments.push_back({"city-finance", digest_of({"z"}), {}, {}, {}, {}});
  return r;
}

}  // namespace

TEST_CASE("manifest: a reuse record is written and read back whole", "[manifest]") {
  TempDir tmp;
  fs::path file = reuse_path(tmp / "public");
  CHECK(file == tmp / ".public.reuse");
  REQUIRE(write_reuse(file, sample_reuse()));
  std::optional<ReuseRecord> back = read_reuse(file, sample_reuse().fingerprint);
  REQUIRE(back);
  CHECK(*back == sample_reuse());
  REQUIRE(write_reuse(file, ReuseRecord{"f", {}}));
  CHECK(read_reuse(file, "f") == ReuseRecord{"f", {}});
}

TEST_CASE("manifest: a reuse record is read only for its manifest, and only the departments wanted", "[manifest]") {
  TempDir tmp;
  fs::path file = tmp / ".public.reuse";
  REQUIRE(write_reuse(file, sample_reuse()));
  CHECK_FALSE(read_reuse(file, "another build"));
  std::optional<ReuseRecord> some = read_reuse(
      file, sample_reuse().fingerprint,
      [](const std::string& slug, const std::string& digest) { return slug == "city-finance" && digest == digest_of({"z"}); });
  REQUIRE(some);
  REQUIRE(some->departments.size() == 1);
  CHECK(some->departments[0] == sample_reuse().departments[1]);
}

TEST_CASE("manifest: a damaged, foreign or missing reuse record reads as none", "[manifest]") {
  TempDir tmp;
  fs::path file = tmp / ".public.reuse";
  CHECK_FALSE(read_reuse(file, sample_reuse().fingerprint));
  REQUIRE(write_reuse(file, sample_reuse()));
  std::string text = read_file(file);
  auto damaged = [&](const std::string& bytes) {
    write_file(file, bytes);
    return !read_reuse(file, sample_reuse().fingerprint).has_value();
  };
  for (std::size_t cut : {std::size_t{1}, std::size_t{5}, text.size() / 2, text.size() - 1}) {
    CHECK(damaged(text.substr(0, text.size() - cut)));
  }
  CHECK(damaged("gongkai-reuse 1" + text.substr(text.find('\n'))));
  CHECK(damaged(text + "x"));
  std::string longer = text;
  CHECK(damaged(longer.replace(longer.find("label 12"), 8, "label 13")));
  std::string severity = text;
  CHECK(damaged(severity.replace(severity.find("severity 1\n1"), 12, "severity 1\n7")));
}

TEST_CASE("manifest: a path with a line break is not recorded", "[manifest]") {
  TempDir tmp;
  BuildManifest m = sample();
  m.entries.push_back({"odd\nname", 'f', 1, 1, 1, 1});
  CHECK_FALSE(write_manifest(tmp / ".public.manifest", m));
  CHECK_FALSE(fs::exists(tmp / ".public.manifest"));
}

TEST_CASE("manifest: entries written as they come read back as a whole manifest; stopped, none", "[manifest]") {
  TempDir tmp;
  fs::path file = tmp / ".public.manifest";
  BuildManifest header = sample();
  std::vector<OutputEntry> entries = std::move(header.entries);
  header.entries.clear();
  std::size_t given = 0;
  auto source = [&](std::size_t stop_after) {
    return [&, stop_after](const std::function<bool(const OutputEntry&)>& visit) {
      for (const OutputEntry& entry : entries) {
        if (given == stop_after) return false;
        ++given;
        if (!visit(entry)) return false;
      }
      return true;
    };
  };
  REQUIRE(write_manifest(file, header, source(99)));
  REQUIRE(write_manifest(tmp / "whole", sample()));
  CHECK(read_file(file) == read_file(tmp / "whole"));
  fs::remove(tmp / "whole");
  CHECK(read_manifest(file)->entries == entries);
  given = 0;
  CHECK_FALSE(write_manifest(tmp / "cut", header, source(2)));
  CHECK(given == 2);
  CHECK_FALSE(fs::exists(tmp / "cut"));
  CHECK(std::distance(fs::directory_iterator(tmp / ""), fs::directory_iterator()) == 1);  // no temporary left
}

TEST_CASE("manifest: a scan lists files and folders by path, with their identity", "[manifest]") {
  TempDir tmp;
  write_file(tmp / "site/b.html", "bb");
  write_file(tmp / "site/a/index.html", "a");
  std::vector<OutputEntry> entries = scan_output(tmp / "site").value();
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].path == "a");
  CHECK(entries[0].type == 'd');
  CHECK(entries[1].path == "a/index.html");
  CHECK(entries[2].path == "b.html");
  CHECK(entries[2].size == 2);
  CHECK(entries[2].inode != 0);
  CHECK(scan_output(tmp / "site") == entries);
  write_file(tmp / "site/b.html", "cc");
  CHECK(scan_output(tmp / "site") != entries);
  CHECK_FALSE(scan_output(tmp / "missing"));
}

TEST_CASE("manifest: a scan of many folders on several threads lists them in path order", "[manifest]") {
  TempDir tmp;
  // "a-b" sorts between "a" and "a/x": the top-level folders' entries interleave.
  for (std::string dir : {"a", "a-b", "b", "c/d/e", "z"}) {
    write_file(tmp / ("site/" + dir + "/index.html"), dir);
    write_file(tmp / ("site/" + dir + "/t.csv"), "1");
  }
  write_file(tmp / "site/a.html", "top");
  std::vector<OutputEntry> serial = scan_output(tmp / "site", 1).value();
  CHECK(serial.size() == 18);
  CHECK(std::is_sorted(serial.begin(), serial.end(),
                       [](const OutputEntry& x, const OutputEntry& y) { return x.path < y.path; }));
  CHECK(serial[0].path == "a");
  CHECK(serial[1].path == "a-b");
  CHECK(serial[4].path == "a.html");
  CHECK(serial[5].path == "a/index.html");
  for (unsigned jobs : {0u, 2u, 3u, 16u}) CHECK(scan_output(tmp / "site", jobs) == serial);
  std::filesystem::remove_all(tmp / "site/c/d");
  std::filesystem::create_directory_symlink("/etc", tmp / "site/c/d");
  std::vector<OutputEntry> linked = scan_output(tmp / "site", 2).value();
  auto link = std::find_if(linked.begin(), linked.end(), [](const OutputEntry& e) { return e.path == "c/d"; });
  REQUIRE(link != linked.end());
  CHECK(link->type == 'o');
  CHECK(linked.size() == 15);  // /etc is not entered
}

TEST_CASE("manifest: a visit of more folders than one batch gives every entry once, in path order", "[manifest]") {
  TempDir tmp;
  // 150 folders (batches of 64), with top-level files whose names sort among the folders'
  // contents ("d10-x.html" between "d10" and "d10/index.html").
  for (int i = 0; i < 150; ++i) {
    std::string name = "d" + std::to_string(i);
    write_file(tmp / ("site/" + name + "/index.html"), name);
    write_file(tmp / ("site/" + name + "/2023/t.csv"), "1");
    if (i % 10 == 0) write_file(tmp / ("site/" + name + "-x.html"), "x");
  }
  std::vector<std::string> paths;
  REQUIRE(visit_output(tmp / "site", 3, [&paths](const OutputEntry& e) {
    paths.push_back(e.path);
    return true;
  }));
  CHECK(paths.size() == 150 * 4 + 15);
  CHECK(std::is_sorted(paths.begin(), paths.end()));
  CHECK(std::adjacent_find(paths.begin(), paths.end()) == paths.end());
  std::vector<OutputEntry> serial = scan_output(tmp / "site", 1).value();
  CHECK(serial.size() == paths.size());
  CHECK(scan_output(tmp / "site", 2) == serial);
  std::size_t seen = 0;
  CHECK_FALSE(visit_output(tmp / "site", 2, [&seen](const OutputEntry&) { return ++seen < 100; }));
  CHECK(seen == 100);
  CHECK_FALSE(visit_output(tmp / "missing", 2, [](const OutputEntry&) { return true; }));
}

TEST_CASE("manifest: a record's terms set aside in a spill file are written as if kept in memory", "[manifest]") {
  std::shared_ptr<TextSpill> spill = TextSpill::create();
  REQUIRE(spill);
  ReuseRecord spilled = sample_reuse();
  ReportSummary& budget = spilled.departments[0].reports[0];
  std::optional<SpilledText> where = spill->append(budget.search_terms);
  REQUIRE(where);
  budget.spilled_terms = *where;
  budget.search_terms.clear();
  TempDir tmp;
  fs::path file = tmp / ".public.reuse";
  REQUIRE(write_reuse(file, spilled));
  CHECK(read_reuse(file, spilled.fingerprint) == sample_reuse());
}
