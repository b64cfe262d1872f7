#include "serve/rebuilder.h"

#include <algorithm>
#include <utility>

#include "publish/output.h"
#include "serve/source_keys.h"

namespace gongkai {

using Clock = std::chrono::steady_clock;
using KeySet = std::set<std::string>;

// ---------------------------------------------------------------------------------------------
// Affected outputs

namespace {

bool depends_on_any(const std::set<std::string>& dependencies, const KeySet& changed) {
  for (const std::string& dependency : dependencies) {
    for (const std::string& key : changed) {
      if (dependency_matches(dependency, key)) return true;
    }
  }
  return false;
}

}  // namespace

std::set<std::string> affected_outputs(const Dependencies& before, const Dependencies& after,
                                       const KeySet& changed) {
  std::set<std::string> out;
  for (const auto& [path, keys] : after) {
    auto old = before.find(path);
    if (old == before.end() || depends_on_any(keys, changed) ||
        depends_on_any(old->second, changed)) {
      out.insert(path);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rebuilds

Rebuilder::Rebuilder(BuildOptions options) : options_(std::move(options)) {
  snapshot_.store(std::make_shared<const SiteSnapshot>());
}

namespace {

/// Puts the freshly rendered files in place of the old ones, keeps the untouched ones, drops
/// the outputs the site no longer has, and lists what differs. An unchanged file keeps its old
/// bytes, shared with the previous snapshot.
SiteSnapshot::Files merge_outputs(const SiteSnapshot::Files& before, const Dependencies& outputs,
                                  std::map<std::string, std::string> rendered,
                                  std::vector<std::string>& changed) {
  SiteSnapshot::Files files;
  for (const auto& [path, keys] : outputs) {
    auto old = before.find(path);
    auto fresh = rendered.find(path);
    if (fresh == rendered.end()) {
      if (old != before.end()) files.emplace(path, old->second);
      continue;
    }
    if (old != before.end() && *old->second == fresh->second) {
      files.emplace(path, old->second);
      continue;
    }
    changed.push_back(path);
    files.emplace(path, std::make_shared<const std::string>(std::move(fresh->second)));
  }
  for (const auto& [path, bytes] : before) {
    if (!outputs.count(path)) changed.push_back(path);
  }
  std::sort(changed.begin(), changed.end());
  return files;
}

/// The errors among `diagnostics`, sorted as they are printed.
std::vector<Diagnostic> errors_of(const Diagnostics& diagnostics) {
  std::vector<Diagnostic> errors = diagnostics.sorted();
  std::erase_if(errors, [](const Diagnostic& d) { return d.severity != Severity::error; });
  return errors;
}

}  // namespace

/// The site with its figures: loaded, or reloaded from the last good one. The build checks
/// the reports that were parsed anew.
std::optional<Site> Rebuilder::load(Diagnostics& diagnostics) {
  if (site_) return Site::reload(*site_, diagnostics);
  std::optional<Site> site = Site::load(options_, diagnostics);
  if (site && !site->load_figures(diagnostics)) return std::nullopt;
  return site;
}

RebuildResult Rebuilder::rebuild(const std::set<std::string>& hints, Diagnostics& diagnostics) {
  Clock::time_point start = Clock::now();
  std::optional<Site> next = load(diagnostics);
  if (!next || diagnostics.has_errors()) return fail(diagnostics);
  RebuildResult result;
  result.ok = true;
  result.full = !site_;
  result.changed_sources = site_ ? next->changed_sources(*site_) : KeySet{"*"};
  if (site_) result.changed_sources.insert(hints.begin(), hints.end());
  Dependencies dependencies = next->dependencies();
  std::set<std::string> affected =
      affected_outputs(dependencies_, dependencies, result.changed_sources);
  MemoryOutput output(diagnostics);
  if (!next->build(output, diagnostics, {nullptr, &affected, false})) return fail(diagnostics);
  std::shared_ptr<const SiteSnapshot> current = snapshot();
  SiteSnapshot::Files files =
      merge_outputs(current->files, dependencies, output.take(), result.changed_outputs);
  result.rendered = affected.size();
  site_ = std::move(next);
  dependencies_ = std::move(dependencies);
  result.unchanged =
      result.changed_outputs.empty() && current->errors.empty() && current->has_site();
  if (!result.unchanged) publish(std::move(files), {}, 0);
  result.generation = generation_;
  result.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  return result;
}

/// Keeps the last good files and publishes them with the errors, and with the panel's texts as
/// the sources now give them (the site's language may be what the edit changed).
RebuildResult Rebuilder::fail(const Diagnostics& diagnostics) {
  std::vector<Diagnostic> errors = errors_of(diagnostics);
  std::size_t more = diagnostics.error_count() - std::min(diagnostics.error_count(), errors.size());
  std::string language = site_ ? site_->config().language : SiteConfig().language;
  publish(snapshot()->files, std::move(errors), more,
          load_preview_texts(options_.source_dir, language));
  RebuildResult result;
  result.generation = generation_;
  return result;
}

/// Makes a new snapshot the one readers get, with the next generation.
void Rebuilder::publish(SiteSnapshot::Files files, std::vector<Diagnostic> errors, std::size_t more,
                        PreviewTexts texts) {
  auto next = std::make_shared<SiteSnapshot>();
  next->files = std::move(files);
  next->errors = std::move(errors);
  next->more_errors = more;
  next->texts = std::move(texts);
  next->generation = ++generation_;
  snapshot_.store(std::move(next));
}

}  // namespace gongkai
