// `gongkai new`: skeleton files for editors. A new site gets its site.toml and an empty
// content/ folder, ready to build; a new department gets its department.toml; a new
// report gets its Markdown (front matter and the usual parts of that kind of document) and its
// JSON (every table that kind of document publishes, with its printed headers and standard row
// labels but no figures), ready to fill in. The skeletons live in skeletons/ and are compiled
// into the binary (cmake/embed_theme.cmake); a freshly written skeleton passes `gongkai check`
// (tests/scaffold_test.cc). Marks the skeletons may hold, filled in when a file is written:
//   {{title}} {{language}}     site.toml: the site's title and language
//   {{name}}                   department.toml: the department's name
//   {{parent_key}}             department.toml: `parent = "SLUG"`, or `# parent = ""` (the key
//                              commented out) for a department without a parent, and the
//                              spaces up to the comment column
//   {{department}} {{supervisor}} {{year}} {{prior_year}}
//                              reports: the department's name, its parent's (主管部门; its own
//                              when it has none), the report's year and the year before
// In JSON the names are escaped for a string, so `"year": {{year}}` is the only mark outside one.
//
// Argument checks (usage errors; the CLI runs them before touching the site):
//   'X' is not a valid department slug: use lowercase ASCII letters, digits and single
//     hyphens, such as city-library
//   'X' is not DEPARTMENT/YEAR/KIND, such as city-library/2024/budget
//   YEAR must be a four-digit year from 1949 to 2200, not 'X'
//   KIND must be budget, final-accounts or evaluation, not 'X'
//   the department name must be UTF-8 text without control characters
//   the site title must be UTF-8 text without control characters
//   unsupported language 'X': the theme has strings for zh-CN and en
// Site errors (reported at the file concerned, relative to the site folder; for `new site`,
// DIR/… as given):
//   PATH: error: already exists; gongkai new never overwrites a file
//   DIR/content: error: already exists and is not a folder
//   DIR/content: error: cannot create folder: REASON
//   content/D/department.toml: error: no department 'D' in this site; create it first with
//     `gongkai new department D`
//   content/P/department.toml: error: no department 'P' in this site to be the parent; create
//     it first with `gongkai new department P`
//   PATH: error: cannot write file: REASON
//   skeletons/NAME: error: this gongkai was built without its skeleton files
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "model/content.h"

namespace gongkai {

/// What `new report` is asked for: DEPARTMENT/YEAR/KIND split and validated.
struct ReportSpec {
  std::string department;
  int year = 0;
  DocumentKind kind = DocumentKind::budget;
};

/// Empty when `slug` can name a department folder, else the usage message saying why not. Kept
/// apart from new_department so the CLI can refuse bad arguments as usage errors (status 2).
std::string department_slug_problem(std::string_view slug);

/// Empty when `name` can be written into department.toml (valid UTF-8, no control characters),
/// else the usage message.
std::string department_name_problem(std::string_view name);

/// Empty when `title` can be written into site.toml (valid UTF-8, no control characters), else
/// the usage message.
std::string site_title_problem(std::string_view title);

/// Empty when the theme has UI strings for `language`, else the usage message.
std::string site_language_problem(std::string_view language);

/// Parses "city-library/2024/budget". On failure returns nullopt and sets `problem` to the usage
/// message naming the part at fault.
std::optional<ReportSpec> parse_report_spec(std::string_view spec, std::string& problem);

/// Writes DIR/site.toml with `title` (DIR's own name when empty) and `language`, the other
/// keys empty and every key explained, and creates DIR/content/ (and DIR) when missing: a site
/// that builds as it is. Returns what it wrote, as DIR/site.toml and DIR/content/ with DIR as
/// given; empty after an error, which is reported: a bad title or language, an existing
/// site.toml (never replaced) or content that is not a folder. Nothing is written then.
std::vector<std::filesystem::path> new_site(const std::filesystem::path& dir,
                                            const std::string& title, const std::string& language,
                                            Diagnostics& diagnostics);

/// Writes SOURCE/content/SLUG/department.toml with `name` (the slug when empty), `parent`
/// when not empty, and the other optional keys commented out. Returns the file written,
/// relative to `source_dir`; empty after an error, which is reported: a bad slug, name or
/// parent slug, an existing department.toml (never replaced), or a parent that is not a
/// department of the site (content/PARENT/department.toml), which `check` would refuse.
std::vector<std::filesystem::path> new_department(const std::filesystem::path& source_dir,
                                                  const std::string& slug, const std::string& name,
                                                  const std::string& parent,
                                                  Diagnostics& diagnostics);

/// The skeleton of a report, its marks filled in: what `new report` writes, and what
/// `import` fills.
struct ReportSkeleton {
  std::string json;
  std::string markdown;
  std::string department;  ///< the department's name
};

/// The skeleton texts for `spec`; nullopt after a reported error (no such department, a build
/// without its skeletons).
std::optional<ReportSkeleton> report_skeleton(const std::filesystem::path& source_dir,
                                              const ReportSpec& spec, Diagnostics& diagnostics);

/// The skeleton texts for `spec` with the names given (the department's, its parent's for
/// 主管部门), for a report outside any site (the fuzz target of import).
std::optional<ReportSkeleton> filled_skeleton(const ReportSpec& spec, const std::string& department,
                                              const std::string& supervisor,
                                              Diagnostics& diagnostics);

/// Writes SOURCE/content/DEPT/YEAR/KIND.json and KIND.md from the skeletons, with the
/// department's name, its parent's name (主管部门) and the year filled in. The department
/// must exist. Neither file is written when either exists, so a report is never half replaced.
/// Returns the files written, relative to `source_dir`; empty after a reported error.
std::vector<std::filesystem::path> new_report(const std::filesystem::path& source_dir,
                                              const ReportSpec& spec, Diagnostics& diagnostics);

}  // namespace gongkai
