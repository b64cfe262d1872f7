#include "pipeline/site_digest.h"

#include <unordered_map>
#include <unordered_set>

#include "publish/manifest.h"
#include "render/site_model.h"

namespace gongkai {

// Like same_config() (source_changes.h), each function names every member of what it digests,
// so that a new member stops the build until it is digested here too.

namespace {

void add_config(Digest& digest, const SiteConfig& config) {
  const auto& [source_dir, title, language, description, publisher, base_url, raw_html,
               file_sha256] = config;
  // The file's bytes change only the build identity, which site_fingerprint() adds; pages kept
  // from the last build do not state it (build_identity.h).
  (void)file_sha256;
  for (const std::string& field :
       {source_dir.string(), title, language, description, publisher, base_url}) {
    digest.add(field);
  }
  digest.add(raw_html ? 1 : 0);
}

void add_report_source(Digest& digest, const ReportSource& source) {
  const auto& [department, year, kind, markdown_path, data_path, front, markdown_text, body_offset,
               body_line, data_file, markdown_hash, data_hash, markdown_sha256, data_sha256] = source;
  (void)markdown_sha256, (void)data_sha256;  // the same bytes as the hashes below
  // The front matter, body and text are the Markdown file's contents, which its hash stands for.
  (void)front, (void)markdown_text, (void)body_offset, (void)body_line;
  for (const std::string& field : {department, markdown_path, data_path, data_file}) {
    digest.add(field);
  }
  digest.add(year);
  digest.add(static_cast<std::int64_t>(kind));
  digest.add(static_cast<std::int64_t>(markdown_hash));
  digest.add(static_cast<std::int64_t>(data_hash));
}

/// A department's own settings, without its reports.
void add_department_metadata(Digest& digest, const Department& department) {
  const auto& [slug, name, short_name, parent, description, duties, website, order, consolidates,
               metadata_path, metadata_sha256, reports] = department;
  (void)reports, (void)metadata_sha256;  // the file's bytes: only the build identity states them
  for (const std::string* field :
       {&slug, &name, &short_name, &parent, &description, &duties, &website, &metadata_path}) {
    digest.add(*field);
  }
  digest.add(order);
  digest.add(static_cast<std::int64_t>(consolidates));
}

void add_department(Digest& digest, const Department& department) {
  add_department_metadata(digest, department);
  digest.add(static_cast<std::int64_t>(department.reports.size()));
  for (const ReportSource& source : department.reports) add_report_source(digest, source);
}

/// The digest, as hex, of each department's metadata and of the departments above it: each
/// department's from its parent's, so that every department is digested once. Digesting each
/// department's ancestors again made a chain of departments quadratic in its depth.
std::unordered_map<const Department*, std::string> chain_digests(const Content& content) {
  std::unordered_map<const Department*, std::string> out;
  for (const Department& start : content.departments) {
    std::vector<const Department*> path;
    std::unordered_set<const Department*> on_path;
    const Department* d = &start;
    for (; d && !out.count(d) && on_path.insert(d).second; d = content.parent_of(*d)) path.push_back(d);
    // The walk stopped at the top, at a department digested already, or on a department met
    // twice (parents in a cycle, which loading reports).
    std::string above = d && out.count(d) ? out[d] : "";
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      Digest digest;
      add_department_metadata(digest, **it);
      digest.add(above);
      above = out[*it] = digest.hex();
    }
  }
  return out;
}

/// What every output depends on: the generator, the options, the configuration and the
/// site's theme files. nullopt when views are dumped (such builds are never skipped or
/// reused) or the generator cannot be identified.
std::optional<Digest> site_digest(const SiteModel& model) {
  if (!model.options.dump_views_dir.empty() || generator_identity().empty()) return std::nullopt;
  Digest digest;
  digest.add(GONGKAI_VERSION);
  digest.add(generator_identity());
  digest.add(model.options.include_drafts ? 1 : 0);
  add_config(digest, model.config);
  for (const std::string& path : model.theme.overrides()) {
    digest.add(path);
    digest.add(model.theme.find(path)->contents);
  }
  return digest;
}

}  // namespace

std::map<std::string, std::string> department_digests(const SiteModel& model) {
  // What a report page and its downloads read (report_page() in page_graph.cc): the site's
  // settings, theme and years, the department and the departments above it, and its reports
  // (its list of reports, and the previous year's report of each kind, are among them).
  std::optional<Digest> site = site_digest(model);
  std::map<std::string, std::string> digests;
  if (!site) return digests;
  site->add(static_cast<std::int64_t>(model.years.size()));
  for (int year : model.years) site->add(year);
  std::string common = site->hex();  // not the theme's texts again for every department
  std::unordered_map<const Department*, std::string> chains = chain_digests(model.content);
  for (const Department& department : model.content.departments) {
    Digest digest;
    digest.add(common);
    add_department(digest, department);
    const Department* parent = model.content.parent_of(department);
    digest.add(parent && parent != &department ? chains[parent] : "");
    digests[department.slug] = digest.hex();
  }
  return digests;
}

std::string site_fingerprint(const SiteModel& model, const Diagnostics& reported) {
  std::optional<Digest> digest = site_digest(model);
  if (!digest) return "";
  digest->add(static_cast<std::int64_t>(model.content.departments.size()));
  for (const Department& department : model.content.departments)
    add_department(*digest, department);
  digest->add(reported.format_all());
  digest->add(model.identity.inputs_sha256);
  return digest->hex();
}

}  // namespace gongkai
