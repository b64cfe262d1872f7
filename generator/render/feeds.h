// Files for machines: sitemap.xml and an Atom feed of disclosures (only when site.toml sets
// base_url, as both need absolute URLs), and robots.txt.
#pragma once

#include <string>
#include <vector>

#include "base/text_sink.h"
#include "render/site_model.h"

namespace gongkai {

/// A sitemap of `page_paths` (output paths of HTML pages, from the site root).
std::string sitemap_xml(const SiteModel& model, const std::vector<std::string>& page_paths);
/// The same bytes, handed to `sink` in pieces of about 256 KB.
void write_sitemap_xml(const SiteModel& model, const std::vector<std::string>& page_paths, const TextSink& sink);

/// An Atom feed with one entry per report, newest first. Dates come from the reports'
/// `published` front matter (or 1 January of the report's year), never from the clock, so the
/// same content gives the same bytes.
std::string atom_feed(const SiteModel& model);
/// The same bytes, handed to `sink` in pieces of about 256 KB.
void write_atom_feed(const SiteModel& model, const TextSink& sink);

std::string robots_txt(const SiteModel& model);

}  // namespace gongkai
