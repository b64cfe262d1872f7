#include <algorithm>
#include <optional>

#include "base/parallel.h"
#include "base/text_spill.h"
#include "check/check.h"
#include "pipeline/site.h"
#include "pipeline/site_load.h"
#include "render/page_graph.h"
#include "render/search_index.h"
#include "render/site_model.h"

// Stages 4–5: one run of the page graph (page_graph.h), Site::build().

namespace gongkai {

namespace {

/// What one department's reports reported, by stage, merged in stage order at the end.
struct StageDiagnostics {
  Diagnostics load, check, render;
};

/// True when a department's build can be recorded for reuse: no error, and every diagnostic
/// stored, so that the record can print them all again.
bool recordable(const StageDiagnostics& found) {
  for (const Diagnostics* stage : {&found.load, &found.check, &found.render}) {
    if (stage->has_errors() || !stage->complete()) return false;
  }
  return true;
}

/// The record of a department just built, for a later build to reuse.
DepartmentRecord department_record(const SiteModel& model, const DepartmentJobs& range,
                                   const std::string& digest, const StageDiagnostics& found) {
  DepartmentRecord record;
  record.slug = model.reports[range.first].department->slug;
  record.digest = digest;
  record.load = found.load.sorted();
  record.check = found.check.sorted();
  record.render = found.render.sorted();
  for (std::size_t i = range.first; i < range.last; ++i) {
    const LoadedReport& report = model.reports[i];
    ReportSummary& summary = record.reports.emplace_back();
    summary.dir = report.dir;
    summary.has_headline = report.headline.has_value();
    if (report.headline) {
      summary.headline_label = report.headline->label;
      summary.headline_text = report.headline->text;
      summary.headline_value = report.headline->value.to_string();
      summary.headline_unit = static_cast<int>(report.headline->unit);
    }
    summary.key_figures = key_figures_text(report.key_figures);
    // The search terms follow once the index has them (GraphRun::index_department()).
  }
  return record;
}

/// The headline and key figures of a report as its summary recorded them; false when the summary
/// is damaged.
bool restore_headline(const ReportSummary& summary, LoadedReport& report) {
  report.headline.reset();
  std::optional<std::vector<KeyFigure>> figures = key_figures_from_text(summary.key_figures);
  if (!figures) return false;
  report.key_figures = std::move(*figures);
  if (!summary.has_headline) return true;
  std::optional<Decimal> value = Decimal::parse(summary.headline_value);
  if (!value || summary.headline_unit < 0 ||
      summary.headline_unit > static_cast<int>(AmountUnit::wan_yuan)) {
    return false;
  }
  report.headline = HeadlineTotal{summary.headline_label, summary.headline_text, *value,
                                  static_cast<AmountUnit>(summary.headline_unit)};
  return true;
}

/// Takes a department's reports from its record instead of parsing them: their headlines, search
/// entries and diagnostics (its files are linked later, link_kept()). False, having changed
/// nothing, when the record does not describe these reports.
bool restore_department(SiteModel& model, const DepartmentJobs& range,
                        const std::vector<ReportSource*>& sources, const ReusedDepartment& kept,
                        StageDiagnostics& found) {
  std::vector<ReportSummary>& summaries = kept.record->reports;
  if (summaries.size() != range.last - range.first) return false;
  for (const std::vector<Diagnostic>* stage :
       {&kept.record->load, &kept.record->check, &kept.record->render}) {
    bool has_error = std::any_of(stage->begin(), stage->end(),
                                 [](const Diagnostic& d) { return d.severity == Severity::error; });
    if (has_error) return false;
  }
  std::vector<LoadedReport> restored;
  for (std::size_t i = range.first; i < range.last; ++i) {
    const ReportSummary& summary = summaries[i - range.first];
    LoadedReport& report = restored.emplace_back();
    if (summary.dir != model.reports[i].dir || !restore_headline(summary, report)) return false;
  }
  for (std::size_t i = range.first; i < range.last; ++i) {
    model.reports[i].headline = std::move(restored[i - range.first].headline);
    model.reports[i].key_figures = std::move(restored[i - range.first].key_figures);
    model.reports[i].search_terms = summaries[i - range.first].search_terms;
    model.reports[i].stage = ReportStage::released;
    release_texts(*sources[i]);
  }
  for (const Diagnostic& d : kept.record->load) found.load.report(d);
  for (const Diagnostic& d : kept.record->check) found.check.report(d);
  for (const Diagnostic& d : kept.record->render) found.render.report(d);
  return true;
}

/// Links the files of the kept departments from the published site. Only once the build is
/// known to publish unless rendering fails: linking changes the files' change times, so a build
/// failing after it would leave the next one unable to keep any of them.
void link_kept_files(const std::vector<const ReusedDepartment*>& kept, unsigned jobs,
                     OutputWriter& output, Diagnostics& diagnostics) {
  parallel_for(kept.size(), jobs, [&](std::size_t k) {
    if (!kept[k]) return;
    for (const OutputEntry& file : kept[k]->files) {
      if (!output.keep(file)) {
        diagnostics.error({file.path, 0, 0},
                          "the published file changed while the site was being built; build again");
      }
    }
  });
}

/// Merges the departments' diagnostics stage by stage, each stage only when the site before
/// its reports (`clean`) and the stages before it had no error, judged from the stages
/// themselves (the writer may have reported into `diagnostics` meanwhile). False when loading
/// or checking had one: then the site-wide pages are not rendered either, while rendering
/// errors leave them to be rendered (and to report theirs).
bool merge_stages(const SiteModel& model, const std::vector<StageDiagnostics>& found, bool clean,
                  bool with_raw_html_note, Diagnostics& diagnostics) {
  auto any_error = [&](Diagnostics StageDiagnostics::*stage) {
    return std::any_of(found.begin(), found.end(),
                       [&](const StageDiagnostics& each) { return (each.*stage).has_errors(); });
  };
  for (const StageDiagnostics& each : found) diagnostics.merge(each.load);
  if (!clean || any_error(&StageDiagnostics::load)) return false;
  if (with_raw_html_note) note_raw_html(model.config, diagnostics);
  for (const StageDiagnostics& each : found) diagnostics.merge(each.check);
  if (any_error(&StageDiagnostics::check)) return false;
  for (const StageDiagnostics& each : found) diagnostics.merge(each.render);
  return true;
}

/// Brings a department's reports to `checked` — parsing those only listed, checking those not
/// checked yet — and writes its files (those `only` names, when set). Its reports are parsed
/// together because each page compares with the previous year's report of its kind; those it
/// parsed it releases again. Checking and rendering stop at the first stage with an error, as
/// for the whole site; `clean` says whether the site had none before its reports. True when it
/// parsed them all itself (their record can then be kept for the next build).
bool run_department(SiteModel& model, const DepartmentJobs& part,
                    const std::vector<ReportSource*>& sources, bool clean, const BuildScope& scope,
                    OutputWriter& output, StageDiagnostics& found) {
  std::size_t parsed_here = 0;
  for (std::size_t i = part.first; i < part.last; ++i) {
    if (model.reports[i].stage != ReportStage::listed) continue;
    parse_report(model, model.reports[i], found.load, true);
    release_texts(*sources[i]);
    ++parsed_here;
  }
  if (clean && !found.load.has_errors()) {
    for (std::size_t i = part.first; i < part.last; ++i) {
      LoadedReport& report = model.reports[i];
      if (report.stage != ReportStage::parsed) continue;
      if (report.data) check_report(*report.data, found.check);
      report.stage = ReportStage::checked;
    }
  }
  if (clean && !found.load.has_errors() && !found.check.has_errors()) {
    for (const OutputJob& job : part.jobs(model)) {
      if (!scope.only || scope.only->count(job.path))
        output.write(job.path, job.produce(found.render));
    }
  }
  if (parsed_here > 0) {
    for (std::size_t i = part.first; i < part.last; ++i) release_figures(model.reports[i]);
  }
  return parsed_here == part.last - part.first;
}

/// One run of the page graph: each department's turn (on any thread), then the merged
/// diagnostics, the kept departments' files, the records for the next build and the site-wide
/// files.
class GraphRun {
 public:
  /// `streaming`: the reports are parsed as the run reaches them and released after (a site
  /// loaded with its figures keeps them, and its search terms).
  GraphRun(SiteModel& model, bool streaming, const std::map<std::string, std::string>& digests,
           const BuildScope& scope, OutputWriter& output, bool clean)
      : model_(model),
        streaming_(streaming),
        digests_(digests),
        scope_(scope),
        output_(output),
        clean_(clean),
        graph_(page_graph(model)),
        sources_(report_sources(model)),
        found_(graph_.departments.size()),
        records_(graph_.departments.size()),
        kept_(graph_.departments.size(), nullptr),
        spill_(streaming ? TextSpill::create() : nullptr) {}
  GraphRun(const GraphRun&) = delete;
  GraphRun& operator=(const GraphRun&) = delete;

  std::size_t department_count() const { return graph_.departments.size(); }

  /// Department k's turn: kept from the published site when it can be, else run_department().
  void department(std::size_t k) {
    const DepartmentJobs& part = graph_.departments[k];
    const std::string& slug = model_.reports[part.first].department->slug;
    auto digest = digests_.find(slug);
    if (digest == digests_.end() || !clean_) {
      run_department(model_, part, sources_, clean_, scope_, output_, found_[k]);
    } else if (!keep(k, slug, digest->second)) {
      bool streamed = run_department(model_, part, sources_, clean_, scope_, output_, found_[k]);
      if (streamed && recordable(found_[k]))
        records_[k] = department_record(model_, part, digest->second, found_[k]);
    }
    if (streaming_) index_department(k);
  }

  bool merge_stages(Diagnostics& diagnostics) const {
    return gongkai::merge_stages(model_, found_, clean_, scope_.note_raw_html, diagnostics);
  }

  /// Links the kept departments' files; returns how many departments were kept.
  std::size_t link_kept(Diagnostics& diagnostics) {
    link_kept_files(kept_, model_.options.jobs, output_, diagnostics);
    return static_cast<std::size_t>(
        std::count_if(kept_.begin(), kept_.end(), [](auto* k) { return k != nullptr; }));
  }

  /// Moves the records into `out`.
  void move_records(std::vector<DepartmentRecord>& out) {
    for (std::optional<DepartmentRecord>& record : records_) {
      if (record) out.push_back(std::move(*record));
    }
  }

  /// The pages and files about the whole site (those `only` names, when set).
  void site_files(Diagnostics& diagnostics) {
    std::vector<OutputJob>& jobs = graph_.site;
    std::erase_if(
        jobs, [&](const OutputJob& job) { return scope_.only && !scope_.only->count(job.path); });
    parallel_for(jobs.size(), model_.options.jobs, [&](std::size_t i) {
      const OutputJob& job = jobs[i];
      if (job.stream) {
        output_.write_streamed(job.path, [&](const TextSink& sink) { job.stream(diagnostics, sink); });
      } else {
        output_.write(job.path, job.produce(diagnostics));
      }
    });
  }

 private:
  /// Hands department k's reports' search terms to the index, then to the department's record
  /// (which the next build reads) or to nothing. The record's copy goes to the spill file when
  /// there is one: at 10,000 reports the terms are about 170 MB, read again only when the
  /// record is written.
  void index_department(std::size_t k) {
    const DepartmentJobs& part = graph_.departments[k];
    for (std::size_t i = part.first; i < part.last; ++i) {
      LoadedReport& report = model_.reports[i];
      graph_.search->add_report(report, report.search_terms);
      if (records_[k]) keep_terms(records_[k]->reports[i - part.first], std::move(report.search_terms));
      std::string().swap(report.search_terms);
    }
  }

  /// Gives a record its report's terms: set aside in the spill file, or kept in memory when
  /// there is none or it cannot be written.
  void keep_terms(ReportSummary& summary, std::string terms) {
    std::optional<SpilledText> spilled = spill_ ? spill_->append(terms) : std::nullopt;
    if (spilled) {
      summary.spilled_terms = std::move(*spilled);
      std::string().swap(summary.search_terms);
    } else {
      summary.search_terms = std::move(terms);
    }
  }

  /// Takes department k from the published site when its record is still valid.
  bool keep(std::size_t k, const std::string& slug, const std::string& digest) {
    if (!scope_.reused) return false;
    auto published = scope_.reused->find(slug);
    if (published == scope_.reused->end() || published->second.record->digest != digest ||
        !restore_department(model_, graph_.departments[k], sources_, published->second,
                            found_[k])) {
      return false;
    }
    kept_[k] = &published->second;
    records_[k] = std::move(*published->second.record);
    return true;
  }

  SiteModel& model_;
  bool streaming_;
  const std::map<std::string, std::string>& digests_;
  const BuildScope& scope_;
  OutputWriter& output_;
  bool clean_;
  PageGraph graph_;
  std::vector<ReportSource*> sources_;
  std::vector<StageDiagnostics> found_;
  std::vector<std::optional<DepartmentRecord>> records_;
  std::vector<const ReusedDepartment*> kept_;
  std::shared_ptr<TextSpill> spill_;
};

bool has_listed_reports(const SiteModel& model) {
  return std::any_of(model.reports.begin(), model.reports.end(),
                     [](const LoadedReport& r) { return r.stage == ReportStage::listed; });
}

}  // namespace

bool Site::build(OutputWriter& output, Diagnostics& diagnostics, const BuildScope& scope) {
  // Only a streaming build can record its departments for the next build to keep.
  static const std::map<std::string, std::string> kNoDigests;
  bool streaming = has_listed_reports(*model_);
  GraphRun run(*model_, streaming, streaming ? department_digests() : kNoDigests, scope, output,
               !diagnostics.has_errors());
  parallel_for(run.department_count(), model_->options.jobs,
               [&](std::size_t k) { run.department(k); });
  if (!run.merge_stages(diagnostics)) return false;
  kept_departments_ = run.link_kept(diagnostics);
  run.move_records(department_records_);
  run.site_files(diagnostics);
  return !diagnostics.has_errors();
}

}  // namespace gongkai
