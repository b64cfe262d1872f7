// What changed between two loads of a site, as source keys (page_graph.h): for the preview,
// which renders again only the outputs whose inputs changed.
#pragma once

#include <set>
#include <string>

#include "model/config.h"
#include "model/content.h"

namespace gongkai {

struct SiteModel;

/// Compares every member: this stops compiling when SiteConfig gains one, so that a new
/// setting cannot be missed.
bool same_config(const SiteConfig& a, const SiteConfig& b);
/// The same files (by their hashes).
bool same_report_files(const ReportSource& a, const ReportSource& b);

/// The source keys whose contents differ between `a` and `b`, including keys that only one of
/// them has.
std::set<std::string> changed_sources(const SiteModel& a, const SiteModel& b);

}  // namespace gongkai
