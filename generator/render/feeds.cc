#include "render/feeds.h"

#include <algorithm>

#include "base/html_escape.h"
#include "render/view.h"

namespace gongkai {

namespace {

std::string element(const std::string& name, const std::string& text) {
  return "<" + name + ">" + escape_html(text) + "</" + name + ">";
}

std::string entry_date(const LoadedReport& report) {
  const std::string& published = report.source->front.published;
  return (published.empty() ? std::to_string(report.source->year) + "-01-01" : published) +
         "T00:00:00Z";
}

std::vector<const LoadedReport*> newest_first(const SiteModel& model) {
  std::vector<const LoadedReport*> out;
  for (const LoadedReport& r : model.reports) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(), [](const LoadedReport* a, const LoadedReport* b) {
    return entry_date(*a) > entry_date(*b);
  });
  return out;
}

/// Hands `out` to `sink` and empties it once it holds a piece's worth: at 10,000 reports the
/// feed and the sitemap are megabytes each, built at the end of a build beside other large files.
void flush_piece(std::string& out, const TextSink& sink) {
  constexpr std::size_t kPieceBytes = 256 << 10;
  if (out.size() < kPieceBytes) return;
  sink(out);
  out.clear();
}

/// The pieces `write` hands its sink, joined.
std::string collected(const std::function<void(const TextSink&)>& write) {
  std::string text;
  write([&text](std::string_view piece) { text += piece; });
  return text;
}

std::string atom_entry(const SiteModel& model, const LoadedReport& report) {
  std::string url = model.config.base_url + report_path(report);
  std::string summary = report.source->front.summary;
  std::string out = "  <entry>\n    " + element("title", report.title) + "\n    " +
                    element("id", url) + "\n    <link rel=\"alternate\" type=\"text/html\" href=\"" +
                    escape_html(url) + "\"/>\n    " + element("updated", entry_date(report)) +
                    "\n    <author>" + element("name", report.department->name) + "</author>\n";
  if (!summary.empty()) out += "    " + element("summary", summary) + "\n";
  out += "    <category term=\"" + std::string(kind_slug(report.source->kind)) + "\" label=\"" +
         escape_html(model.kind_label(report.source->kind)) + "\"/>\n  </entry>\n";
  return out;
}

}  // namespace

void write_sitemap_xml(const SiteModel& model, const std::vector<std::string>& page_paths, const TextSink& sink) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  for (const std::string& path : page_paths) {
    out += "  <url>" + element("loc", model.config.base_url + path) + "</url>\n";
    flush_piece(out, sink);
  }
  out += "</urlset>\n";
  sink(out);
}

std::string sitemap_xml(const SiteModel& model, const std::vector<std::string>& page_paths) {
  return collected([&](const TextSink& sink) { write_sitemap_xml(model, page_paths, sink); });
}

void write_atom_feed(const SiteModel& model, const TextSink& sink) {
  std::vector<const LoadedReport*> reports = newest_first(model);
  std::string updated = reports.empty() ? "1970-01-01T00:00:00Z" : entry_date(*reports.front());
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" +
                    escape_html(model.config.language) + "\">\n  " + element("title", model.config.title) +
                    "\n  " + element("id", model.config.base_url) + "\n  <link rel=\"alternate\" href=\"" +
                    escape_html(model.config.base_url) + "\"/>\n  <link rel=\"self\" href=\"" +
                    escape_html(model.config.base_url + "feed.xml") + "\"/>\n  " +
                    element("updated", updated) + "\n";
  if (!model.config.publisher.empty()) {
    out += "  <author>" + element("name", model.config.publisher) + "</author>\n";
  }
  for (const LoadedReport* report : reports) {
    out += atom_entry(model, *report);
    flush_piece(out, sink);
  }
  out += "</feed>\n";
  sink(out);
}

std::string atom_feed(const SiteModel& model) {
  return collected([&](const TextSink& sink) { write_atom_feed(model, sink); });
}

std::string robots_txt(const SiteModel& model) {
  std::string out = "User-agent: *\nAllow: /\n";
  if (!model.config.base_url.empty()) out += "Sitemap: " + model.config.base_url + "sitemap.xml\n";
  return out;
}

}  // namespace gongkai
