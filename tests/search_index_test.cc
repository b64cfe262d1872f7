// The sharded search index (render/search_terms.h, search_page.h, search_index.h): how text is
// cut into terms, and what a built site's shards say, read back as search.js reads them.
#include "render/search_index.h"

#include <catch2/catch.hpp>
#include <map>

#include "render/search_page.h"
#include "render/search_terms.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> terms_of(std::string_view text) {
  std::vector<std::string> out;
  for_each_search_term(text, [&](const std::string& term) { out.push_back(term); });
  return out;
}

/// One posting as search.js decodes it.
struct Posting {
  std::size_t page = 0;
  int fields = 0;
  std::vector<std::pair<unsigned, unsigned>> rows;
};

constexpr std::string_view kDigits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// One base-64 varint of the index at `at`, as search.js reads it.
std::uint64_t read_varint(const std::string& encoded, std::size_t& at) {
  std::uint64_t value = 0, scale = 1;
  std::size_t digit = 0;
  do {
    digit = kDigits.find(encoded.at(at++));
    value += (digit & 31) * scale;
    scale *= 32;
  } while (digit >= 32);
  return value;
}

std::vector<Posting> decode(const std::string& encoded) {
  std::size_t at = 0;
  auto next = [&] { return read_varint(encoded, at); };
  std::vector<Posting> out;
  std::int64_t page = -1;
  while (at < encoded.size()) {
    std::uint64_t value = next();
    page += static_cast<std::int64_t>(value / 16);
    Posting& p = out.emplace_back();
    p.page = static_cast<std::size_t>(page);
    p.fields = static_cast<int>(value & 7);
    if (value & 8) {
      for (std::uint64_t n = next(); n > 0; --n) {
        unsigned entry = static_cast<unsigned>(next());
        p.rows.emplace_back(entry, static_cast<unsigned>(next()));
      }
    }
  }
  return out;
}

/// The JSON argument of a `NAME(…, JSON);` or `window.NAME=JSON;` script.
nlohmann::json script_json(const std::string& script) {
  std::size_t open = script.find('{');
  std::size_t close = script.rfind('}');
  REQUIRE(open != std::string::npos);
  return nlohmann::json::parse(script.substr(open, close - open + 1));
}

/// The folders of the index's pages, decoded from root.js as search.js decodes them.
std::vector<std::string> page_dirs(const nlohmann::json& root) {
  std::vector<std::string> dirs;
  int width = root["width"];
  std::string slug;
  for (const auto& written : root["depts"]) {
    std::string text = written;
    std::size_t at = 0;
    std::size_t shared = read_varint(text, at);
    std::string codes = root["codes"].at(read_varint(text, at));
    slug = slug.substr(0, shared) + text.substr(at);
    for (std::size_t k = 0; k + static_cast<std::size_t>(width) <= codes.size(); k += static_cast<std::size_t>(width)) {
      int code = 0;
      for (int c = 0; c < width; ++c) code = code * 64 + static_cast<int>(kDigits.find(codes[k + static_cast<std::size_t>(c)]));
      int span = width == 2 ? 512 : 32768;
      int type = code / span;
      int year = root["first_year"].get<int>() + code % span;
      dirs.push_back(type == 0 ? slug + "/"
                               : slug + "/" + std::to_string(year) + "/" + root["types"][type][1].get<std::string>());
    }
  }
  return dirs;
}

}  // namespace

TEST_CASE("search terms: Han bigrams, lower-cased words, numbers by their integer part", "[search]") {
  CHECK(terms_of("信用信息") == std::vector<std::string>{"信用", "用信", "信息"});
  CHECK(terms_of("Budget 2023年预算") == std::vector<std::string>{"budget", "2023", "年预", "预算"});
  CHECK(terms_of("6,296.50万元") == std::vector<std::string>{"6296", "万元"});
  CHECK(terms_of("６２９６") == std::vector<std::string>{"6296"});  // full-width digits
  CHECK(terms_of("一、公务用车") == std::vector<std::string>{"公务", "务用", "用车"});
  CHECK(terms_of("a,b 1,2 3. 4,") == std::vector<std::string>{"a", "b", "12", "3", "4"});
  CHECK(terms_of("某") == std::vector<std::string>{});  // a lone Han character has no pair
  CHECK(terms_of("Ärger café") == std::vector<std::string>{"Ärger", "café"});  // only ASCII is folded
  CHECK(number_term("6,296.00") == "6296");
  CHECK(number_term("0.5") == "0");
  CHECK(number_term("1.2.3") == "");
  CHECK(number_term("x1") == "");
}

TEST_CASE("search shards: FNV-1a of the term's bytes, as search.js computes it", "[search]") {
  CHECK(search_shard("", 1000) == 2166136261u % 1000);
  CHECK(search_shard("a", 0xFFFFFFFFu) == 0xE40C292Cu);  // the published FNV-1a value of "a"
  CHECK(search_shard("信用", 1) == 0);
}

TEST_CASE("search sections: each heading's text, markup and charts left out", "[search]") {
  auto texts = section_texts(
      "<p>intro &amp; more</p><h2 id=\"a\">Heading <em>A</em></h2><p>one\n two</p>"
      "<figure><svg><text>9,999</text></svg></figure><h3 id=\"b\">B</h3><ul><li>x</li><li>y</li></ul>");
  CHECK(texts[""] == "intro & more");
  CHECK(texts["a"] == "one two");
  CHECK(texts["b"] == "x y");
}

TEST_CASE("search page terms: fields and the rows printing a code or figure", "[search]") {
  SearchPage page;
  page.add_text("信用中心", search_title);
  page.add_text("信用信息", search_body);
  page.add_number("2013804", search_strong, "3.7");
  page.add_number("2013804", search_strong, "3.7");
  page.add_number("-6,296.00", search_body, "0.1");
  page.add_number("12", search_body, "0.2");  // under three digits: not indexed
  CHECK(page.terms_text() ==
        "2013804\t2\t3.7\n"
        "6296\t1\t0.1\n"
        "中心\t4\n"
        "信息\t1\n"
        "信用\t5\n"
        "用中\t4\n"
        "用信\t1\n");
}

TEST_CASE("the built example's index finds a code and a figure in their rows", "[search]") {
  TempDir tmp;
  fs::path out = tmp.path() / "public";
  CommandResult r = run_gongkai({"build", "--output", out.string(), "-q"}, source_dir());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  nlohmann::json root = script_json(read_file(out / kSearchRootPath));
  std::vector<std::string> dirs = page_dirs(root);
  REQUIRE(!dirs.empty());
  for (const std::string& dir : dirs) {
    INFO(dir);
    CHECK(fs::is_regular_file(out / dir / "index.html"));
    CHECK(fs::is_regular_file(out / dir / kSearchFragmentName));
  }
  std::uint32_t shards = root["shards"];
  auto rows_of = [&](const std::string& term) {
    nlohmann::json shard = script_json(read_file(out / search_shard_path(search_shard(term, shards))));
    REQUIRE(shard.contains(term));
    std::vector<std::string> found;
    for (const Posting& p : decode(shard[term])) {
      nlohmann::json fragment = script_json(read_file(out / dirs.at(p.page) / kSearchFragmentName));
      for (auto [entry, row] : p.rows) {
        std::string anchor = fragment["e"][entry][4][row][0];
        if (anchor.starts_with("-")) anchor = fragment["e"][entry][0].get<std::string>() + anchor;
        found.push_back(dirs[p.page] + "#" + anchor + " " + fragment["e"][entry][4][row][1].get<std::string>());
      }
    }
    return found;
  };
  const std::string budget = "shenzhen-public-credit-center/2023/budget/";
  std::vector<std::string> code = rows_of("2013804");
  CHECK(std::find(code.begin(), code.end(), budget + "#table-function-2013804 2013804 市场主体管理") != code.end());
  std::vector<std::string> figure = rows_of("6296");
  INFO(figure.size());
  for (const std::string& f : figure) UNSCOPED_INFO(f);
  CHECK(std::find(figure.begin(), figure.end(), budget + "#table-summary-gov 一、政府预算拨款") != figure.end());
  std::vector<std::string> under = rows_of("20138");  // a 5-digit class finds the rows under it
  CHECK(std::count_if(under.begin(), under.end(), [](const std::string& s) { return s.find("-20138") != std::string::npos; }) >= 2);
}
