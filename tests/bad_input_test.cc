// The bad-input corpus (tests/bad-input/README.md): every case is a small site built with the
// gongkai binary; the test asserts the exit status and the exact standard error, that a failed
// build leaves neither an output folder nor a staging folder behind, and that a successful
// build's output holds no executable markup, whatever the input held.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cctype>
#include <cstdlib>
#include <fstream>

#include "test_support.h"

using namespace gongkai::testing;
namespace fs = std::filesystem;

namespace {

fs::path corpus_dir() { return source_dir() / "tests" / "bad-input"; }

/// Reads one `"…"` argument with C escapes (\n \r \t \0 \\ \" \xNN) starting at `pos`.
std::string quoted(const std::string& line, std::size_t& pos) {
  std::string out;
  for (++pos; pos < line.size() && line[pos] != '"'; ++pos) {
    if (line[pos] != '\\' || pos + 1 >= line.size()) {
      out += line[pos];
      continue;
    }
    char c = line[++pos];
    if (c == 'x' && pos + 2 < line.size()) {
      out += static_cast<char>(std::stoi(line.substr(pos + 1, 2), nullptr, 16));
      pos += 2;
    } else {
      out += c == 'n' ? '\n' : c == 'r' ? '\r' : c == 't' ? '\t' : c == '0' ? '\0' : c;
    }
  }
  if (pos >= line.size()) throw std::runtime_error("unterminated string in: " + line);
  ++pos;
  return out;
}

/// Splits a directive line into words and `"…"` strings.
std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  for (std::size_t pos = 0; pos < line.size();) {
    if (line[pos] == ' ') {
      ++pos;
    } else if (line[pos] == '"') {
      out.push_back(quoted(line, pos));
    } else {
      std::size_t end = line.find(' ', pos);
      if (end == std::string::npos) end = line.size();
      out.push_back(line.substr(pos, end - pos));
      pos = end;
    }
  }
  return out;
}

/// The non-empty, non-comment lines of `file` as words; none when the file is absent.
std::vector<std::vector<std::string>> directives(const fs::path& file) {
  std::vector<std::vector<std::string>> out;
  if (!fs::exists(file)) return out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line[0] != '#') out.push_back(words(line));
  }
  return out;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
    text.replace(at, from.size(), to);
  }
  return text;
}

void append_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary | std::ios::app) << text;
}

/// Carries out one line of setup.txt in `site` (see tests/bad-input/README.md).
void apply_directive(const std::vector<std::string>& d, const fs::path& site) {
  const std::string& op = d.at(0);
  fs::path path = site / d.at(1);
  if (op == "remove") {
    fs::remove_all(path);
  } else if (op == "mkdir") {
    fs::create_directories(path);
  } else if (op == "write") {
    write_file(path, d.at(2));
  } else if (op == "append") {
    append_file(path, d.at(2));
  } else if (op == "repeat") {
    std::string text;
    for (long n = std::stol(d.at(2)); n > 0; --n) text += d.at(3);
    append_file(path, text);
  } else if (op == "replace") {
    std::string text = read_file(path);
    std::size_t at = text.find(d.at(2));
    if (at == std::string::npos || text.find(d.at(2), at + 1) != std::string::npos) {
      throw std::runtime_error("replace: \"" + d.at(2) + "\" is not in " + d.at(1) + " exactly once");
    }
    write_file(path, text.replace(at, d.at(2).size(), d.at(3)));
  } else if (op == "bom") {
    write_file(path, "\xEF\xBB\xBF" + read_file(path));
  } else if (op == "crlf") {
    write_file(path, replace_all(read_file(path), "\n", "\r\n"));
  } else if (op == "sparse") {
    write_file(path, "");
    fs::resize_file(path, std::stoull(d.at(2)));
  } else if (op == "symlink") {
    fs::create_directories(path.parent_path());
    fs::create_symlink(d.at(2), path);
  } else if (op == "fifo") {
    fs::create_directories(path.parent_path());
    if (::mkfifo(path.c_str(), 0644) != 0) throw std::runtime_error("fifo: cannot make " + d.at(1));
  } else {
    throw std::runtime_error("unknown setup directive: " + op);
  }
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// An attribute value as a browser would read it for a URL scheme: the few character references
/// a scheme can hide behind decoded, whitespace and control characters dropped, lowercased.
std::string url_scheme_text(std::string value) {
  for (const auto& [ref, c] : std::vector<std::pair<std::string, std::string>>{
           {"&colon;", ":"}, {"&#58;", ":"}, {"&#x3a;", ":"}, {"&tab;", ""}, {"&newline;", ""}}) {
    value = replace_all(lowercase(value), ref, c);
  }
  std::string out;
  for (char c : value) {
    if (static_cast<unsigned char>(c) > ' ') out += c;
  }
  return out;
}

struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::size_t end = 0;  // offset just past '>'
};

/// Parses the tag starting at text[pos] == '<' followed by a letter.
Tag parse_tag(const std::string& text, std::size_t pos) {
  Tag tag;
  std::size_t i = pos + 1;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == ':')) {
    tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
  }
  while (i < text.size() && text[i] != '>') {
    if (std::isspace(static_cast<unsigned char>(text[i])) || text[i] == '/') {
      ++i;
      continue;
    }
    std::string name, value;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != '=' &&
           text[i] != '>') {
      name += text[i++];
    }
    if (i < text.size() && text[i] == '=') {
      char quote = text[++i];
      if (quote == '"' || quote == '\'') {
        std::size_t close = text.find(quote, i + 1);
        value = text.substr(i + 1, close - i - 1);
        i = close == std::string::npos ? text.size() : close + 1;
      } else {
        while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i])) && text[i] != '>') value += text[i++];
      }
    }
    tag.attributes.emplace_back(lowercase(name), value);
  }
  tag.end = i + 1;
  return tag;
}

/// What makes markup executable: event-handler attributes, script URLs, inline scripts and
/// embedding elements. Returns a description of the first finding, or "".
std::string executable_markup(const std::string& text) {
  for (std::size_t pos = text.find('<'); pos != std::string::npos; pos = text.find('<', pos + 1)) {
    if (pos + 1 >= text.size() || !std::isalpha(static_cast<unsigned char>(text[pos + 1]))) continue;
    Tag tag = parse_tag(text, pos);
    std::string where = " in <" + tag.name + "> at byte " + std::to_string(pos);
    for (const char* banned : {"iframe", "object", "embed", "base", "frame", "applet"}) {
      if (tag.name == banned) return "element" + where;
    }
    bool has_src = false;
    for (const auto& [name, value] : tag.attributes) {
      if (name.rfind("on", 0) == 0) return "event handler " + name + where;
      std::string scheme = url_scheme_text(value);
      bool url_attribute = name == "href" || name == "src" || name == "xlink:href" ||
                           name == "action" || name == "formaction" || name == "srcdoc";
      for (const char* bad : {"javascript:", "vbscript:", "data:"}) {
        if (url_attribute && scheme.rfind(bad, 0) == 0) return "URL " + value + where;
      }
      has_src = has_src || name == "src";
    }
    if (tag.name == "script") {
      std::size_t close = text.find("</script", tag.end);
      if (!has_src || close != tag.end) return "inline script" + where;
    }
  }
  return "";
}

/// The cells of a CSV file (RFC 4180).
std::vector<std::string> csv_cells(const std::string& text) {
  std::vector<std::string> cells;
  std::string cell;
  bool quoted_cell = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted_cell) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted_cell = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted_cell = true;
    } else if (c == ',' || c == '\n') {
      cells.push_back(cell);
      cell.clear();
    } else if (c != '\r') {
      cell += c;
    }
  }
  return cells;
}

bool is_plain_number(const std::string& cell) {
  return !cell.empty() && cell.find_first_not_of("-0123456789.") == std::string::npos;
}

/// A spreadsheet formula hidden in a CSV cell, or "".
std::string csv_formula(const std::string& text) {
  for (const std::string& cell : csv_cells(text)) {
    if (!cell.empty() && std::string("=+-@\t\r").find(cell[0]) != std::string::npos &&
        !is_plain_number(cell)) {
      return "formula cell " + cell;
    }
  }
  return "";
}

/// Checks every output file for content that would run in a browser or a spreadsheet.
void check_output_is_inert(const fs::path& output) {
  for (const auto& [path, bytes] : snapshot_tree(output)) {
    INFO("output file " << path);
    std::string ext = fs::path(path).extension().string();
    if (ext == ".html" || ext == ".xml" || ext == ".svg") CHECK(executable_markup(bytes) == "");
    if (ext == ".csv") CHECK(csv_formula(bytes) == "");
    if (ext == ".js" && !path.starts_with("assets/")) {  // the search index and fragments
      CHECK(bytes.find('<') == std::string::npos);
      CHECK(bytes.find("\xE2\x80\xA8") == std::string::npos);
      CHECK(bytes.find("\xE2\x80\xA9") == std::string::npos);
    }
  }
}

/// The assertions of expected-output.txt: `contains PATH "text"`, `lacks PATH "text"`,
/// `exists PATH`, `missing PATH`.
void check_expected_output(const fs::path& case_dir, const fs::path& output) {
  for (const std::vector<std::string>& d : directives(case_dir / "expected-output.txt")) {
    fs::path file = output / d.at(1);
    INFO("expected-output.txt: " << d.at(0) << " " << d.at(1));
    if (d[0] == "exists") CHECK(fs::exists(file));
    if (d[0] == "missing") CHECK_FALSE(fs::exists(file));
    if (d[0] == "contains") CHECK(read_file(file).find(d.at(2)) != std::string::npos);
    if (d[0] == "lacks") CHECK(read_file(file).find(d.at(2)) == std::string::npos);
  }
}

/// Names in `site` left by publishing into site/public: the output, its manifest, its reuse
/// record and its staging folders.
std::vector<std::string> output_leftovers(const fs::path& site) {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(site)) {
    std::string name = entry.path().filename().string();
    if (name == "public" || name.rfind(".public.", 0) == 0) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// A run ended by a signal (an abort, an uncaught exception, a segmentation fault) is a crash,
/// whatever its output: never acceptable, and never recorded as expected.
void require_no_signal(const CommandResult& r, const std::string& command) {
  INFO("gongkai " << command << " ended by signal " << r.signal << " (exit status " << r.exit_code
                  << "); its standard error:\n" << r.err);
  REQUIRE(r.signal == 0);
}

void run_case(const fs::path& case_dir) {
  // A case is a change to the base site and what gongkai says about it: without either it
  // would test nothing (or record whatever gongkai says).
  REQUIRE((fs::exists(case_dir / "site") || fs::exists(case_dir / "setup.txt")));
  bool updating = std::getenv("GONGKAI_UPDATE_BAD_INPUT") != nullptr;
  REQUIRE((updating || fs::exists(case_dir / "expected.txt")));
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(corpus_dir() / "base", site);
  if (fs::exists(case_dir / "site")) copy_tree(case_dir / "site", site);
  for (const std::vector<std::string>& d : directives(case_dir / "setup.txt")) apply_directive(d, site);

  // `check` reads everything `build` does without publishing: it must not crash either.
  CommandResult checked = run_gongkai({"check", "--source", site.string()});
  require_no_signal(checked, "check");
  CHECK((checked.exit_code == 0 || checked.exit_code == 1));
  CommandResult r = run_gongkai({"build", "--source", site.string()});
  require_no_signal(r, "build");
  std::string err = replace_all(r.err, site.string(), "$SITE");
  // To record the output of a new case: GONGKAI_UPDATE_BAD_INPUT=1 gongkai_tests "[bad-input]",
  // then read every changed expected.txt critically before keeping it.
  if (updating) write_file(case_dir / "expected.txt", err);
  std::string expected = read_file(case_dir / "expected.txt");
  bool should_fail = expected.find("\nbuild failed: ") != std::string::npos ||
                     expected.rfind("build failed: ", 0) == 0;
  CHECK(err == expected);
  CHECK(r.exit_code == (should_fail ? 1 : 0));
  if (should_fail) {
    CHECK(output_leftovers(site).empty());
    return;
  }
  CHECK(output_leftovers(site) == std::vector<std::string>{".public.manifest", ".public.reuse", "public"});
  if (!fs::is_directory(site / "public")) return;
  check_output_is_inert(site / "public");
  check_expected_output(case_dir, site / "public");
}

/// The case folders of the corpus in `corpus`, sorted; none when it is missing.
std::vector<fs::path> cases(const fs::path& corpus = corpus_dir()) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(corpus / "cases", ec)) {
    if (entry.is_directory()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

/// The corpus holds 77 cases and only grows: far fewer means it vanished or was cut (a bad
/// checkout, a moved folder), which must not pass as "no failures".
constexpr std::size_t kMinimumCases = 70;

std::string corpus_problem(const std::vector<fs::path>& found) {
  if (found.size() >= kMinimumCases) return "";
  return "the bad-input corpus holds " + std::to_string(found.size()) + " cases, not at least " +
         std::to_string(kMinimumCases);
}

}  // namespace

TEST_CASE("bad input: every corpus case fails exactly as expected or builds inert output",
          "[bad-input]") {
  std::vector<fs::path> all = cases();
  REQUIRE(corpus_problem(all) == "");
  for (const fs::path& case_dir : all) {
    DYNAMIC_SECTION(case_dir.filename().string()) { run_case(case_dir); }
  }
}

TEST_CASE("bad input: an empty or missing corpus fails the test", "[bad-input]") {
  TempDir empty;
  CHECK(corpus_problem(cases(empty.path())) == "the bad-input corpus holds 0 cases, not at least 70");
  fs::create_directories(empty / "cases/one");
  CHECK(corpus_problem(cases(empty.path())) == "the bad-input corpus holds 1 cases, not at least 70");
  CHECK(corpus_problem(cases()) == "");
}

TEST_CASE("bad input: the markup scanner finds what it must", "[bad-input]") {
  CHECK(executable_markup("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == "");
  CHECK(executable_markup("<a href=\"https://example.org/\" rel=\"external\">x</a>") == "");
  CHECK(executable_markup("<script src=\"../search.js\"></script>") == "");
  CHECK(executable_markup("<p><script>alert(1)</script></p>") != "");
  CHECK(executable_markup("<img src=x onerror=alert(1)>") != "");
  CHECK(executable_markup("<a href=\" JavaScript&colon;alert(1)\">x</a>") != "");
  CHECK(executable_markup("<svg><a xlink:href='data:text/html,x'>x</a></svg>") != "");
  CHECK(executable_markup("<iframe srcdoc=\"x\"></iframe>") != "");
  CHECK(csv_formula("\xEF\xBB\xBFname,total\r\n'=1+2,-5\r\n\"a,b\",12.5\r\n") == "");
  CHECK(csv_formula("name\r\n\"=HYPERLINK(\"\"x\"\")\"\r\n") != "");
  CHECK(csv_formula("name\r\n@SUM(A1)\r\n") != "");
}
