// job-times SITE: where one thread's build time goes, by kind of output file. It builds SITE into
// memory with one thread, where the page graph produces one file after another, so the time
// between two writes is what producing the second took (for a department's first file it also
// holds parsing and checking its reports; a comparison is computed by the first of its three
// files, its CSV). Prints a Markdown table: kind, files, seconds, share
// of the build (bench/run, docs/performance.md). Nothing is written to disk.
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "pipeline/site.h"
#include "publish/output.h"

using namespace gongkai;

namespace {

using Clock = std::chrono::steady_clock;

/// The kind of an output path, for the table's rows.
std::string kind_of(const std::string& path) {
  auto has = [&](const char* part) { return path.find(part) != std::string::npos; };
  if (has("/compare/"))
    return path.ends_with(".html") ? "budget against final accounts: page"
                                   : "budget against final accounts: CSV and JSON";
  if (has("/changes/"))
    return path.ends_with(".html") ? "year over year: page" : "year over year: CSV and JSON";
  if (has("/functions/")) return "years: function classes across departments";
  if (path.ends_with("/index.html") && path.find('/') == path.rfind('/') &&
      !path.starts_with("search/"))
    return "department pages (with their series over the years)";
  if (path.ends_with("/search-page.js")) return "search index: a page's fragment (search-page.js)";
  if (path.starts_with("search/") && path.ends_with(".js"))
    return "search index: root, shards and department names (search/)";
  if (path.ends_with("report.json")) return "report.json (with parsing and checking)";
  if (has("/fdp/")) return "report Fiscal Data Package (fdp/)";
  if (path == "datapackage.json") return "site Fiscal Data Package (datapackage.json)";
  if (path.ends_with(".csv")) return "table CSV";
  if (path.ends_with(".xlsx")) return "report workbook (xlsx)";
  if (has("/budget/index.html") || has("/final-accounts/index.html") ||
      has("/evaluation/index.html"))
    return "report page";
  return "site-wide files (home, years, search page, sitemap, assets)";
}

/// Times each write from the one before.
class TimingOutput : public OutputWriter {
 public:
  void write(const std::string& path, std::string bytes) override {
    Clock::time_point now = Clock::now();
    Entry& entry = kinds_[kind_of(path)];
    entry.seconds += std::chrono::duration<double>(now - last_).count();
    entry.files += 1;
    entry.bytes += bytes.size();
    last_ = now;
  }
  void start() { last_ = Clock::now(); }
  void print() const {
    double total = 0;
    for (const auto& [kind, entry] : kinds_) total += entry.seconds;
    std::printf("| output | files | MB | seconds | share |\n|---|--:|--:|--:|--:|\n");
    for (const auto& [kind, entry] : kinds_) {
      std::printf("| %s | %zu | %.1f | %.2f | %.1f %% |\n", kind.c_str(), entry.files,
                  entry.bytes / 1e6, entry.seconds, 100 * entry.seconds / total);
    }
    std::printf("| all | | | %.2f | |\n", total);
  }

 private:
  struct Entry {
    double seconds = 0;
    std::size_t files = 0, bytes = 0;
  };
  std::map<std::string, Entry> kinds_;
  Clock::time_point last_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: job-times SITE\n");
    return 2;
  }
  Diagnostics diagnostics;
  std::optional<Site> site = Site::load({argv[1], false, 1, {}}, diagnostics);
  if (!site) {
    std::fputs(diagnostics.format_all().c_str(), stderr);
    return 1;
  }
  TimingOutput output;
  output.start();
  bool built = site->build(output, diagnostics);
  if (!built || diagnostics.has_errors()) {
    std::fputs(diagnostics.format_all().c_str(), stderr);
    return 1;
  }
  output.print();
  return 0;
}
