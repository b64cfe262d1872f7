// Files for machines: sitemap.xml and an Atom feed of disclosures (only when site.toml sets
// base_url, as both need absolute URLs), and robots.txt.
#pragma once

#include <string>
#include <vector>

#include "render/site_model.h"

namespace gongkai {

/// A sitemap of `page_paths` (output paths of HTML pages, from the site root).
std::string sitemap_xml(const SiteModel& model, const std::vector<std::string>& page_paths);

/// An Atom feed with one entry per report, newest first. Dates come from the reports'
/// `published` front matter (or 1 January of the report's year), never from the clock, so the
/// same content gives the same bytes.
std::string atom_feed(const SiteModel& model);

std::string robots_txt(const SiteModel& model);

}  // namespace gongkai
