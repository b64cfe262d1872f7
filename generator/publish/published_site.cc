#include "publish/published_site.h"

#include <algorithm>
#include <set>

namespace gongkai {

namespace fs = std::filesystem;

PublishedSite::PublishedSite(fs::path output_dir, Diagnostics& diagnostics, unsigned jobs)
    : output_(output_dir), disk_(std::move(output_dir), diagnostics, jobs) {}

bool PublishedSite::open() { return disk_.lock(); }

std::optional<BuildManifest> PublishedSite::up_to_date(const std::string& fingerprint) const {
  return disk_.current(fingerprint);
}

bool PublishedSite::begin() { return disk_.begin(); }

bool PublishedSite::commit(BuildManifest record, const ReuseRecord& reuse) {
  return disk_.commit(std::move(record), reuse);
}

namespace {

/// The output folders of a recorded department's files: each report's, and the comparison
/// folder of each of its years ("dept/2023/compare/", when the year has one), which is the
/// department's too. Sorted, without repeats.
std::vector<std::string> department_folders(const DepartmentRecord& department) {
  std::set<std::string> folders;
  for (const ReportSummary& report : department.reports) {
    folders.insert(report.dir);
    std::size_t year_end = report.dir.rfind('/', report.dir.size() - 2);
    if (year_end != std::string::npos)
      folders.insert(report.dir.substr(0, year_end + 1) + "compare/");
  }
  return {folders.begin(), folders.end()};
}

/// Appends the recorded files under `folder` to `files` when the scan finds each as recorded;
/// false otherwise. Whether the folder's index.html is among them goes to `has_page`.
bool add_intact(const std::string& folder, const std::vector<OutputEntry>& recorded,
                const std::vector<OutputEntry>& scanned, std::vector<OutputEntry>& files,
                bool& has_page) {
  auto before = [](const OutputEntry& entry, const std::string& path) { return entry.path < path; };
  has_page = false;
  for (auto it = std::lower_bound(recorded.begin(), recorded.end(), folder, before);
       it != recorded.end() && it->path.starts_with(folder); ++it) {
    auto now = std::lower_bound(scanned.begin(), scanned.end(), it->path, before);
    if (now == scanned.end() || *now != *it) return false;
    if (it->type == 'f') files.push_back(*it);
    has_page = has_page || it->path == folder + "index.html";
  }
  return true;
}

/// The files of a recorded department — its reports' and its comparisons' — as the manifest
/// lists them, when a scan of the output finds every one of them as the manifest recorded it
/// and each report has its page; nullopt otherwise.
std::optional<std::vector<OutputEntry>> intact_files(const DepartmentRecord& department,
                                                     const std::vector<OutputEntry>& recorded,
                                                     const std::vector<OutputEntry>& scanned) {
  std::vector<OutputEntry> files;
  for (const std::string& folder : department_folders(department)) {
    bool has_page = false;
    if (!add_intact(folder, recorded, scanned, files, has_page)) return std::nullopt;
    if (!has_page && !folder.ends_with("/compare/")) return std::nullopt;
  }
  return files;
}

}  // namespace

ReusedDepartments PublishedSite::reusable_departments(
    const std::map<std::string, std::string>& digests) {
  const std::optional<BuildManifest>& manifest = disk_.published_manifest();
  if (!manifest || manifest->boot.empty() || manifest->boot != boot_identity()) return {};
  // The departments that changed are read past, not kept: at 10,000 reports the record holds
  // 150 MB of search entries.
  previous_ = read_reuse(reuse_path(output_), manifest->fingerprint,
                         [&](const std::string& slug, const std::string& digest) {
                           auto now = digests.find(slug);
                           return now != digests.end() && now->second == digest;
                         });
  std::error_code ec;
  if (!previous_ || !fs::is_directory(fs::symlink_status(output_, ec))) {
    previous_.reset();
    return {};
  }
  std::optional<std::vector<OutputEntry>> scanned = scan_output(output_, disk_.jobs());
  if (!scanned) return {};
  std::vector<DepartmentRecord> usable;
  std::vector<std::vector<OutputEntry>> files;
  for (DepartmentRecord& department : previous_->departments) {
    if (auto intact = intact_files(department, manifest->entries, *scanned)) {
      usable.push_back(std::move(department));
      files.push_back(std::move(*intact));
    }
  }
  previous_->departments = std::move(usable);
  ReusedDepartments reused;
  for (std::size_t i = 0; i < files.size(); ++i) {
    reused[previous_->departments[i].slug] = {&previous_->departments[i], std::move(files[i])};
  }
  return reused;
}

}  // namespace gongkai
