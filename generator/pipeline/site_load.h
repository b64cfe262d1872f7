// Stage 2, loading, in steps the build and the preview share: the model before its reports'
// figures (configuration, theme, content, UI strings, templates, the list of reports and
// years), and each report's figures and narrative, parsed when the build reaches it.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "pipeline/site.h"
#include "render/site_model.h"

namespace gongkai {

/// The model with every report listed and not parsed, and the years of the site. nullptr after
/// reporting when the configuration, theme or content cannot be read.
std::unique_ptr<SiteModel> load_model(const BuildOptions& options, Diagnostics& diagnostics);

/// The source of each of model.reports, in that order, for freeing their texts once parsed.
std::vector<ReportSource*> report_sources(SiteModel& model);

/// Parses a listed report's figures, renders its narrative and sums it up for other pages;
/// keeps the data file's bytes when `keep_text` (a streaming build publishes them). Safe to
/// run for several reports at once.
void parse_report(const SiteModel& model, LoadedReport& report, Diagnostics& diagnostics,
                  bool keep_text = false);
/// Frees the texts of a report's files once it is parsed (ReportSource::markdown_text).
void release_texts(ReportSource& source);

/// Drops what only a report's own files needed, once they are written.
void release_figures(LoadedReport& report);

/// Parses every listed report of `model` whose files and settings `before` does not hold
/// unchanged; takes the others' figures, narrative and check from `before`.
void reload_reports(SiteModel& model, const SiteModel& before, Diagnostics& diagnostics);

}  // namespace gongkai
