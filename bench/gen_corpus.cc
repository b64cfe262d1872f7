// gen-corpus OUT --departments N --years Y [--seed S]: writes a complete synthetic gongkai site
// (site.toml and content/) for build benchmarks: N×Y budgets of the Hugo anchor's shape, plus
// final accounts and evaluations for every third department-year. The final accounts disagree
// with their year's budget as real ones do (corpus.h). Every report passes `gongkai check`; the
// same arguments always give the same bytes.
#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "corpus.h"

namespace fs = std::filesystem;

namespace {

constexpr const char* kMarker = "# gen-corpus:";

struct Options {
  std::string out;
  int departments = 20;
  int years = 5;
  std::uint64_t seed = 1;
  int first_year = 2015;
  bool budgets_only = false;
};

bool write(const fs::path& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
  return static_cast<bool>(file);
}

/// OUT must be missing, empty, or an earlier corpus (its site.toml starts with the marker),
/// whose site.toml and content/ are then replaced. Anything else is left alone.
bool prepare(const fs::path& out) {
  std::error_code ec;
  if (fs::exists(out, ec) && !fs::is_empty(out, ec)) {
    std::ifstream site(out / "site.toml");
    std::string first;
    std::getline(site, first);
    if (first.rfind(kMarker, 0) != 0) {
      std::cerr << "gen-corpus: " << out.string()
                << " is not empty and holds no earlier corpus; refusing to write there\n";
      return false;
    }
    fs::remove_all(out / "content", ec);
  }
  fs::create_directories(out / "content", ec);
  return !ec;
}

std::string site_toml(const Options& o) {
  return std::string(kMarker) + " a synthetic site for benchmarks (seed " + std::to_string(o.seed) +
         ", " + std::to_string(o.departments) + " departments × " + std::to_string(o.years) +
         " years). Safe to delete.\n"
         "title = \"预决算公开（基准语料）\"\nlanguage = \"zh-CN\"\n"
         "description = \"由 bench/gen-corpus 生成的部门预算、决算和绩效评价报告，用于测量构建速度。\"\n"
         "publisher = \"gongkai bench\"\nbase_url = \"https://example.gov.cn/\"\n";
}

bool write_report(const fs::path& dir, const char* kind, const corpus::ReportFiles& files) {
  return write(dir / (std::string(kind) + ".json"), files.json) &&
         write(dir / (std::string(kind) + ".md"), files.markdown);
}

/// Writes one department's folder; returns the number of reports written, or -1.
int write_department(const fs::path& content, const corpus::Department& d, const Options& o) {
  fs::path root = content / d.slug;
  fs::create_directories(root);
  if (!write(root / "department.toml", corpus::department_toml(d))) return -1;
  int reports = 0;
  for (int y = 0; y < o.years; ++y) {
    int year = o.first_year + y;
    fs::path dir = root / std::to_string(year);
    fs::create_directories(dir);
    bool ok = write_report(dir, "budget", corpus::budget_report(d, year, o.seed));
    ++reports;
    if (!o.budgets_only && (d.index * o.years + y) % 3 == 0) {
      ok = ok && write_report(dir, "final-accounts", corpus::final_accounts_report(d, year, o.seed)) &&
           write_report(dir, "evaluation", corpus::evaluation_report(d, year, o.seed));
      reports += 2;
    }
    if (!ok) return -1;
  }
  return reports;
}

int run(const Options& o) {
  fs::path out(o.out);
  if (!prepare(out) || !write(out / "site.toml", site_toml(o))) return 1;
  int reports = 0;
  for (const corpus::Department& d :
       corpus::make_departments(o.departments, o.seed, o.first_year, o.years)) {
    int written = write_department(out / "content", d, o);
    if (written < 0) {
      std::cerr << "gen-corpus: cannot write under " << (out / "content" / d.slug).string() << "\n";
      return 1;
    }
    reports += written;
  }
  std::cout << "gen-corpus: " << reports << " reports of " << o.departments << " departments → "
            << out.string() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a synthetic gongkai site for build benchmarks"};
  Options o;
  app.add_option("out", o.out, "Output folder (missing, empty, or an earlier corpus)")->required();
  app.add_option("--departments", o.departments, "Number of departments")
      ->check(CLI::Range(1, 100000))->capture_default_str();
  app.add_option("--years", o.years, "Years per department")
      ->check(CLI::Range(1, 50))->capture_default_str();
  app.add_option("--seed", o.seed, "Seed: the same seed gives the same bytes")->capture_default_str();
  app.add_option("--first-year", o.first_year, "The first year")
      ->check(CLI::Range(1990, 2100))->capture_default_str();
  app.add_flag("--budgets-only", o.budgets_only,
               "Only the N×Y budgets (no final accounts or evaluations): the Hugo anchor's work");
  CLI11_PARSE(app, argc, argv);
  return run(o);
}
