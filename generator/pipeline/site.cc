#include "pipeline/site.h"

#include <functional>

#include "base/parallel.h"
#include "check/check.h"
#include "pipeline/site_digest.h"
#include "pipeline/site_load.h"
#include "pipeline/source_changes.h"
#include "render/page_graph.h"
#include "render/site_model.h"

namespace gongkai {

namespace fs = std::filesystem;

std::string SiteModel::kind_label(DocumentKind kind) const {
  std::string key = "kind_" + std::string(kind_slug(kind));
  std::replace(key.begin(), key.end(), '-', '_');
  return text(key);
}

namespace {

/// The reports of one department: a contiguous run of `reports`, which are sorted by department
/// (in content.departments order, so by the address of their Department) and then by year and
/// kind. A binary search keeps report pages from scanning every report of the site, which made
/// building the site quadratic in its size.
std::pair<const LoadedReport*, const LoadedReport*> department_range(
    const std::vector<LoadedReport>& reports, const Department* department) {
  std::less<const Department*> before;
  const LoadedReport* first = reports.data();
  const LoadedReport* last = first + reports.size();
  first = std::partition_point(
      first, last, [&](const LoadedReport& r) { return before(r.department, department); });
  last = std::partition_point(
      first, last, [&](const LoadedReport& r) { return r.department == department; });
  return {first, last};
}

}  // namespace

std::vector<const LoadedReport*> SiteModel::reports_of(const Department& department) const {
  std::vector<const LoadedReport*> out;
  auto [first, last] = department_range(reports, &department);
  for (const LoadedReport* r = first; r != last; ++r) out.push_back(r);
  return out;
}

std::vector<const LoadedReport*> SiteModel::reports_in(int year) const {
  std::vector<const LoadedReport*> out;
  for (const LoadedReport& r : reports) {
    if (r.source->year == year) out.push_back(&r);
  }
  return out;
}

const LoadedReport* SiteModel::previous_of(const LoadedReport& report) const {
  const LoadedReport* best = nullptr;
  auto [first, last] = department_range(reports, report.department);
  for (const LoadedReport* r = first; r != last; ++r) {
    if (r->source->kind == report.source->kind && r->source->year < report.source->year &&
        (!best || r->source->year > best->source->year)) {
      best = r;
    }
  }
  return best;
}

const LoadedReport* SiteModel::previous_in_comparison(const LoadedReport& report) const {
  return report.source->kind == DocumentKind::evaluation ? nullptr : previous_of(report);
}

const LoadedReport* SiteModel::same_year(const LoadedReport& report, DocumentKind kind) const {
  auto [first, last] = department_range(reports, report.department);
  for (const LoadedReport* r = first; r != last; ++r) {
    if (r->source->kind == kind && r->source->year == report.source->year) return r;
  }
  return nullptr;
}

std::vector<BudgetFinalPair> SiteModel::budget_final_pairs(const Department& department) const {
  std::vector<BudgetFinalPair> out;
  for (const LoadedReport* r : reports_of(department)) {
    if (r->source->kind != DocumentKind::budget) continue;
    if (const LoadedReport* actual = same_year(*r, DocumentKind::final_accounts)) out.push_back({r, actual});
  }
  return out;
}

Site::Site(std::unique_ptr<SiteModel> model) : model_(std::move(model)) {}
Site::~Site() = default;
Site::Site(Site&&) noexcept = default;
Site& Site::operator=(Site&&) noexcept = default;

std::size_t Site::report_count() const {
  std::size_t count = 0;
  for (const Department& department : model_->content.departments) count += department.reports.size();
  return count;
}
std::size_t Site::department_count() const { return model_->content.departments.size(); }
const SiteConfig& Site::config() const { return model_->config; }
const BuildIdentity& Site::identity() const { return model_->identity; }

void note_raw_html(const SiteConfig& config, Diagnostics& diagnostics) {
  if (!config.raw_html) return;
  diagnostics.report({Severity::note, {"site.toml", 0, 0},
                      "[markdown] raw_html = true: raw HTML and javascript: links in the "
                      "narratives are published as written", ""});
}

std::optional<Site> Site::load(const BuildOptions& options, Diagnostics& diagnostics) {
  std::unique_ptr<SiteModel> model = load_model(options, diagnostics);
  if (!model) return std::nullopt;
  return Site(std::move(model));
}

bool Site::load_figures(Diagnostics& diagnostics) {
  SiteModel& model = *model_;
  std::vector<ReportSource*> sources = report_sources(model);
  parallel_for_reporting(
      model.reports.size(), model.options.jobs,
      [&](std::size_t i, Diagnostics& found) {
        if (model.reports[i].stage != ReportStage::listed) return;
        parse_report(model, model.reports[i], found);
        release_texts(*sources[i]);
      },
      diagnostics);
  return !diagnostics.has_errors();
}

std::optional<Site> Site::reload(const Site& previous, Diagnostics& diagnostics) {
  const SiteModel& before = *previous.model_;
  std::unique_ptr<SiteModel> model = load_model(before.options, diagnostics);
  if (!model) return std::nullopt;
  reload_reports(*model, before, diagnostics);
  if (diagnostics.has_errors()) return std::nullopt;
  return Site(std::move(model));
}

void Site::check(Diagnostics& diagnostics) {
  std::vector<LoadedReport*> reports;
  for (LoadedReport& report : model_->reports) {
    if (report.stage == ReportStage::parsed) reports.push_back(&report);
  }
  parallel_for_reporting(
      reports.size(), model_->options.jobs,
      [&](std::size_t i, Diagnostics& found) {
        if (reports[i]->data) check_report(*reports[i]->data, found);
        reports[i]->stage = ReportStage::checked;
      },
      diagnostics);
}

std::vector<ReportCoverage> Site::coverage() const {
  std::vector<ReportCoverage> out;
  for (const LoadedReport& report : model_->reports) {
    if (report.data) out.push_back(measure_coverage(*report.data));
  }
  return out;
}

std::map<std::string, std::set<std::string>> Site::dependencies() const {
  return page_graph(*model_).dependencies(*model_);
}

std::set<std::string> Site::changed_sources(const Site& other) const {
  return gongkai::changed_sources(*model_, *other.model_);
}

std::string Site::fingerprint(const Diagnostics& reported) const {
  return site_fingerprint(*model_, reported);
}

const std::map<std::string, std::string>& Site::department_digests() const {
  if (!department_digests_) department_digests_ = gongkai::department_digests(*model_);
  return *department_digests_;
}

std::vector<DepartmentRecord> Site::take_department_records() { return std::move(department_records_); }

}  // namespace gongkai
