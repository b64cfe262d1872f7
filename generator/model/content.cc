#include "model/content.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "base/file_reader.h"
#include "base/folder_walk.h"
#include "base/parallel.h"
#include "base/sha256.h"
#include "base/toml_file.h"
#include "base/web_url.h"

namespace gongkai {

namespace fs = std::filesystem;

std::string_view kind_slug(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::budget:
      return "budget";
    case DocumentKind::final_accounts:
      return "final-accounts";
    case DocumentKind::evaluation:
      return "evaluation";
  }
  return "budget";
}

std::optional<DocumentKind> kind_from_slug(std::string_view slug) {
  for (DocumentKind kind : kAllKinds) {
    if (kind_slug(kind) == slug) return kind;
  }
  return std::nullopt;
}

bool is_valid_slug(std::string_view slug) {
  if (slug.empty() || slug.size() > 100 || slug.front() == '-' || slug.back() == '-') {
    return false;
  }
  char previous = 0;
  for (char c : slug) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || (c == '-' && previous == '-')) return false;
    previous = c;
  }
  return true;
}

const Department* Content::find(std::string_view slug) const {
  auto it = std::lower_bound(departments.begin(), departments.end(), slug,
                             [](const Department& d, std::string_view s) { return d.slug < s; });
  return it != departments.end() && it->slug == slug ? &*it : nullptr;
}

const Department* Content::parent_of(const Department& department) const {
  return department.parent.empty() ? nullptr : find(department.parent);
}

std::vector<const Department*> Content::ancestors(const Department& department) const {
  // A set of those seen, not a search of the list: a search made each call quadratic in the
  // depth, and a chain of 10,000 departments cubic over the site.
  std::vector<const Department*> out;
  std::unordered_set<const Department*> seen{&department};
  for (const Department* up = parent_of(department); up && seen.insert(up).second; up = parent_of(*up)) {
    out.push_back(up);
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Content::Trail Content::nearest_ancestors(const Department& department, std::size_t limit) const {
  Trail trail;
  std::unordered_set<const Department*> seen{&department};
  const Department* up = parent_of(department);
  for (; up && trail.departments.size() < limit && seen.insert(up).second; up = parent_of(*up)) {
    trail.departments.push_back(up);
  }
  trail.elided = up && !seen.count(up);
  std::reverse(trail.departments.begin(), trail.departments.end());
  return trail;
}

std::vector<const Department*> Content::unseen_ancestors(
    const Department& department, std::unordered_set<const Department*>& seen) const {
  std::vector<const Department*> out;
  const Department* up = parent_of(department);
  for (; up && seen.insert(up).second; up = parent_of(*up)) out.push_back(up);
  return out;
}

namespace {

/// Links to other sites (website, source_url) become hrefs: only http(s) URLs with a host,
/// never javascript: or data: (base/web_url.h).
void require_web_url(TomlReader& reader, std::string_view key, const std::string& url) {
  if (url.empty()) return;
  if (std::string problem = web_url_problem(url, UrlRule::page); !problem.empty()) {
    reader.error_at(key, std::string(key) + " " + problem);
  }
}

/// The end of the line starting at `pos` (the offset of its '\n', or text.size()).
std::size_t line_end(std::string_view text, std::size_t pos) {
  std::size_t nl = text.find('\n', pos);
  return nl == std::string_view::npos ? text.size() : nl;
}

bool is_fence_line(std::string_view text, std::size_t start, std::size_t end) {
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return line == "+++";
}

}  // namespace

std::optional<SplitMarkdown> split_front_matter(std::string_view text, const std::string& path,
                                                Diagnostics& diagnostics) {
  std::size_t start = text.starts_with(kUtf8ByteOrderMark) ? kUtf8ByteOrderMark.size() : 0;
  std::size_t first_end = line_end(text, start);
  if (!is_fence_line(text, start, first_end)) {
    diagnostics.error({path, 1, 1}, "expected front matter: the file must start with a line '+++'",
                      line_text(text, 1));
    return std::nullopt;
  }
  SplitMarkdown split;
  std::size_t front_start = std::min(first_end + 1, text.size());
  int line = 2;
  for (std::size_t pos = front_start; pos < text.size(); ++line) {
    std::size_t end = line_end(text, pos);
    if (is_fence_line(text, pos, end)) {
      split.front_matter = text.substr(front_start, pos - front_start);
      std::size_t body = std::min(end + 1, text.size());
      split.body = text.substr(body);
      split.body_line = line + 1;
      return split;
    }
    pos = end + 1;
  }
  diagnostics.error({path, 1, 1}, "front matter is not closed: no line '+++' after the first",
                    line_text(text, 1));
  return std::nullopt;
}

std::optional<FrontMatter> parse_front_matter(const SplitMarkdown& split, const std::string& path,
                                              Diagnostics& diagnostics) {
  std::optional<toml::table> table =
      parse_toml(split.front_matter, path, diagnostics, split.front_matter_line);
  if (!table) return std::nullopt;
  Diagnostics local;
  TomlReader reader(*table, path, local, split.front_matter_line - 1);
  FrontMatter front;
  front.title = reader.string("title").value_or("");
  front.summary = reader.string("summary").value_or("");
  front.published = reader.date("published").value_or("");
  front.source_url = reader.string("source_url").value_or("");
  require_web_url(reader, "source_url", front.source_url);
  front.draft = reader.boolean("draft").value_or(false);
  reader.warn_unknown_keys();
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return front;
}

namespace {

/// Walks content/, reporting into one Diagnostics; each step is one small method.
class ContentLoader {
 public:
  ContentLoader(fs::path source_dir, bool include_drafts, Diagnostics& diagnostics)
      : source_(std::move(source_dir)), drafts_(include_drafts), diagnostics_(diagnostics) {}

  /// Loads every department, `jobs` at a time (0: one per core).
  std::optional<Content> load(unsigned jobs);

 private:
  std::string display(const fs::path& p) const { return display_path(source_, p); }
  void error(const fs::path& p, std::string message) {
    diagnostics_.error({display(p), 0, 0}, std::move(message));
  }
  /// The entries of a folder, sorted by name, with symbolic links warned about and skipped.
  std::vector<fs::directory_entry> entries(const fs::path& dir);
  std::optional<Department> load_department(const fs::path& dir);
  bool read_metadata(const fs::path& file, Department& department);
  void load_year(const fs::path& dir, int year, Department& department);
  void load_report(const fs::path& dir, int year, DocumentKind kind, Department& department);
  void check_parents(const Content& content);

  fs::path source_;
  bool drafts_;
  Diagnostics& diagnostics_;
};

std::vector<fs::directory_entry> ContentLoader::entries(const fs::path& dir) {
  FolderListing listing = list_folder(dir);
  if (listing.error) error(dir, "cannot list folder: " + listing.error.message());
  std::erase_if(listing.entries, [this](const fs::directory_entry& entry) {
    std::error_code ec;
    if (!entry.is_symlink(ec)) return false;
    diagnostics_.warning({display(entry.path()), 0, 0}, "symbolic link skipped: links are not followed");
    return true;
  });
  return std::move(listing.entries);
}

bool is_hidden(const fs::path& p) { return p.filename().string().front() == '.'; }

std::optional<int> parse_year(const std::string& name) {
  if (name.size() != 4 || !std::all_of(name.begin(), name.end(), ::isdigit)) return std::nullopt;
  int year = std::stoi(name);
  if (year < 1949 || year > 2200) return std::nullopt;
  return year;
}

std::optional<Content> ContentLoader::load(unsigned jobs) {
  fs::path root = source_ / "content";
  std::error_code ec;
  fs::file_status status = fs::symlink_status(root, ec);
  if (fs::is_symlink(status)) {
    diagnostics_.warning({display(root), 0, 0}, "symbolic link skipped: links are not followed");
  }
  if (!fs::is_directory(status)) {
    error(root, "no content folder: a site keeps its departments under content/");
    return std::nullopt;
  }
  std::vector<fs::directory_entry> found = entries(root);
  std::erase_if(found, [](const fs::directory_entry& entry) { return is_hidden(entry.path()); });
  // Departments are independent: each is read (every file of it hashed) on a thread of its
  // own, and its diagnostics join the others' in folder order.
  std::vector<std::optional<Department>> departments(found.size());
  parallel_for_reporting(
      found.size(), jobs,
      [&](std::size_t i, Diagnostics& local) {
        ContentLoader loader(source_, drafts_, local);
        if (!found[i].is_directory()) {
          loader.error(found[i].path(), "unexpected file: content/ holds one folder per department");
          return;
        }
        departments[i] = loader.load_department(found[i].path());
      },
      diagnostics_);
  Content content;
  for (std::optional<Department>& department : departments) {
    if (department) content.departments.push_back(std::move(*department));
  }
  check_parents(content);
  if (diagnostics_.has_errors()) return std::nullopt;
  return content;
}

std::optional<Department> ContentLoader::load_department(const fs::path& dir) {
  Department department;
  department.slug = dir.filename().string();
  if (!is_valid_slug(department.slug)) {
    error(dir, "invalid department folder name '" + department.slug +
                   "': use lowercase ASCII letters, digits and hyphens");
    return std::nullopt;
  }
  if (!read_metadata(dir / "department.toml", department)) return std::nullopt;
  for (const fs::directory_entry& entry : entries(dir)) {
    std::string name = entry.path().filename().string();
    if (is_hidden(entry.path()) || name == "department.toml") continue;
    std::optional<int> year = parse_year(name);
    if (!entry.is_directory() || !year) {
      error(entry.path(), "unexpected '" + name +
                              "': a department folder holds department.toml and year folders "
                              "such as 2023/");
      continue;
    }
    load_year(entry.path(), *year, department);
  }
  return department;
}

bool ContentLoader::read_metadata(const fs::path& file, Department& department) {
  department.metadata_path = display(file);
  std::optional<std::string> text = read_source_file(file, department.metadata_path, diagnostics_);
  if (!text) return false;
  department.metadata_sha256 = sha256_hex(*text);
  std::optional<toml::table> table = parse_toml(*text, department.metadata_path, diagnostics_);
  if (!table) return false;
  TomlReader reader(*table, department.metadata_path, diagnostics_);
  department.name = reader.string("name", true).value_or("");
  department.short_name = reader.string("short_name").value_or(department.name);
  department.parent = reader.string("parent").value_or("");
  department.description = reader.string("description").value_or("");
  department.duties = reader.string("duties").value_or("");
  department.website = reader.string("website").value_or("");
  require_web_url(reader, "website", department.website);
  department.order = reader.integer("order").value_or(0);
  department.consolidates = reader.boolean("consolidates").value_or(true);
  if (!department.parent.empty() && !is_valid_slug(department.parent)) {
    reader.error_at("parent", "parent must be the slug of another department, such as "
                              "'shenzhen-market-regulation'");
  }
  reader.warn_unknown_keys();
  return true;
}

void ContentLoader::load_year(const fs::path& dir, int year, Department& department) {
  std::set<std::string> stems;
  for (const fs::directory_entry& entry : entries(dir)) {
    if (is_hidden(entry.path())) continue;
    fs::path p = entry.path();
    std::string ext = p.extension().string();
    std::string stem = p.stem().string();
    if (!entry.is_regular_file() || (ext != ".md" && ext != ".json") || !kind_from_slug(stem)) {
      error(p, "unexpected '" + p.filename().string() +
                   "': a year folder holds budget, final-accounts and evaluation, each as "
                   "a .md and a .json file");
      continue;
    }
    stems.insert(stem);
  }
  for (const std::string& stem : stems) load_report(dir, year, *kind_from_slug(stem), department);
}

void ContentLoader::load_report(const fs::path& dir, int year, DocumentKind kind,
                                Department& department) {
  ReportSource report;
  report.department = department.slug;
  report.year = year;
  report.kind = kind;
  std::string slug(kind_slug(kind));
  report.markdown_path = display(dir / (slug + ".md"));
  report.data_path = display(dir / (slug + ".json"));
  std::optional<std::string> markdown = read_source_file(dir / (slug + ".md"), report.markdown_path, diagnostics_);
  std::optional<std::string> data = read_source_file(dir / (slug + ".json"), report.data_path, diagnostics_);
  if (!markdown || !data) return;
  report.markdown_text = std::move(*markdown);
  report.data_file = (dir / (slug + ".json")).string();
  report.markdown_hash = std::hash<std::string>{}(report.markdown_text);
  report.data_hash = std::hash<std::string>{}(*data);
  report.markdown_sha256 = sha256_hex(report.markdown_text);
  report.data_sha256 = sha256_hex(*data);
  std::optional<SplitMarkdown> split = split_front_matter(report.markdown_text, report.markdown_path, diagnostics_);
  if (!split) return;
  std::optional<FrontMatter> front = parse_front_matter(*split, report.markdown_path, diagnostics_);
  if (!front) return;
  report.front = std::move(*front);
  report.body_offset = static_cast<std::size_t>(split->body.data() - report.markdown_text.data());
  report.body_line = split->body_line;
  if (report.front.draft && !drafts_) return;
  department.reports.push_back(std::move(report));
}

/// Reports a parent that does not exist, and each department whose parents come round again
/// ("a cycle through" the first department met twice going up from it). Each department is
/// walked up from once: a department whose chain is known ends the walk, so a chain of n
/// departments costs n steps in all, where walking each one's chain to the top cost n².
void ContentLoader::check_parents(const Content& content) {
  std::size_t n = content.departments.size();
  // For each department once known: the first department its walk up meets twice (nullptr
  // when the walk ends at the top or at a missing parent).
  std::vector<const Department*> repeat(n, nullptr);
  std::vector<char> state(n, 0);  // 0 not walked, 1 on the walk under way, 2 known
  auto index = [&](const Department* d) { return static_cast<std::size_t>(d - content.departments.data()); };
  for (const Department& department : content.departments) {
    if (department.parent.empty() || !is_valid_slug(department.parent)) continue;  // reported
    if (!content.find(department.parent) && department.parent != department.slug) {
      diagnostics_.error({department.metadata_path, 0, 0},
                         "parent department '" + department.parent + "' does not exist");
    }
  }
  for (const Department& start : content.departments) {
    std::vector<const Department*> path;
    const Department* d = &start;
    while (d && state[index(d)] == 0) {
      state[index(d)] = 1;
      path.push_back(d);
      d = content.parent_of(*d);
    }
    // The walk ended at the top (nullptr), at a department known already, or on itself (a
    // cycle: d is on the path, and is the first repeat of every department on the cycle).
    bool cycle = d && state[index(d)] == 1;
    const Department* above = !d ? nullptr : cycle ? d : repeat[index(d)];
    bool on_cycle = cycle;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      // Departments on the cycle repeat first at themselves; those below it at the department
      // where their walk enters the cycle.
      repeat[index(*it)] = on_cycle ? *it : above;
      if (on_cycle && *it == d) on_cycle = false, above = d;
      state[index(*it)] = 2;
    }
  }
  for (const Department& department : content.departments) {
    if (const Department* r = repeat[index(&department)]) {
      diagnostics_.error({department.metadata_path, 0, 0},
                         "parent departments form a cycle through '" + r->slug + "'");
    }
  }
}

}  // namespace

std::optional<Content> load_content(const fs::path& source_dir, bool include_drafts,
                                    Diagnostics& diagnostics, unsigned jobs) {
  return ContentLoader(source_dir, include_drafts, diagnostics).load(jobs);
}

std::optional<std::string> read_data_text(const ReportSource& source, Diagnostics& diagnostics) {
  std::optional<std::string> text = read_source_file(source.data_file, source.data_path, diagnostics);
  if (!text) return std::nullopt;
  if (std::hash<std::string>{}(*text) == source.data_hash) return text;
  diagnostics.error({source.data_path, 0, 0}, "changed while the site was being built; build again");
  return std::nullopt;
}

}  // namespace gongkai
