// Stage 2: the content tree. Finds every department and report under content/, reads their
// metadata and front matter, and keeps the raw Markdown and JSON for the later stages.
//
//   content/<department>/department.toml
//   content/<department>/<year>/<kind>.md     TOML front matter between +++ lines, then Markdown
//   content/<department>/<year>/<kind>.json   tables and figures (docs/data-format.md)
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "base/diagnostic.h"

namespace gongkai {

enum class DocumentKind { budget, final_accounts, evaluation };

/// All kinds, in the order the site lists them.
constexpr DocumentKind kAllKinds[] = {DocumentKind::budget, DocumentKind::final_accounts,
                                      DocumentKind::evaluation};

/// The kind's file and URL name: "budget", "final-accounts", "evaluation".
std::string_view kind_slug(DocumentKind kind);
std::optional<DocumentKind> kind_from_slug(std::string_view slug);

/// Slugs and file names: lowercase ASCII letters, digits and single inner hyphens.
bool is_valid_slug(std::string_view slug);

/// The TOML front matter of a report's Markdown file.
struct FrontMatter {
  /// Overrides the generated title ("2023年深圳市公共信用中心部门预算").
  std::string title;
  std::string summary;
  /// The date the department published the disclosure, "YYYY-MM-DD"; used by the feed.
  std::string published;
  /// Where the original publication can be found (the PDF on the department's site).
  std::string source_url;
  bool draft = false;
};

/// Splits a Markdown file into its `+++` front matter and body. Returns false, after reporting,
/// when the file does not start with a front matter block or the block is never closed.
struct SplitMarkdown {
  std::string_view front_matter;
  std::string_view body;
  /// 1-based line numbers in the file where the front matter and the body begin.
  int front_matter_line = 2;
  int body_line = 1;
};
std::optional<SplitMarkdown> split_front_matter(std::string_view text, const std::string& path,
                                                Diagnostics& diagnostics);

/// Parses the TOML of a front matter block.
std::optional<FrontMatter> parse_front_matter(const SplitMarkdown& split, const std::string& path,
                                              Diagnostics& diagnostics);

/// One disclosure: a department's document of one kind for one year.
struct ReportSource {
  std::string department;
  int year = 0;
  DocumentKind kind = DocumentKind::budget;
  /// Paths relative to the source folder, as printed in diagnostics.
  std::string markdown_path;
  std::string data_path;
  FrontMatter front;
  /// The Markdown file's text, released once the narrative is rendered. The data file is only
  /// hashed here: kept, the data files of a large site would be most of its memory before any
  /// is parsed. read_data_text() reads it again to parse it and to publish it as report.json.
  std::string markdown_text;
  /// Byte offset and line where the Markdown body starts inside markdown_text.
  std::size_t body_offset = 0;
  int body_line = 1;
  /// The data file as read, as a path string: a std::filesystem::path keeps each of its
  /// components apart as well, about 500 bytes a report (8 MB at 10,000 reports).
  std::string data_file;
  /// std::hash of markdown_text and of the data file's bytes: to find unchanged reports, and
  /// files changed since they were first read.
  std::size_t markdown_hash = 0;
  std::size_t data_hash = 0;
  /// SHA-256 of the same bytes, for the build identity (build_identity.h): a digest that any
  /// copy of the sources can be checked against with sha256sum.
  std::string markdown_sha256;
  std::string data_sha256;

  std::string_view body() const { return std::string_view(markdown_text).substr(body_offset); }
};

/// The report's data file, read again: the bytes load_content() hashed, or nullopt after
/// reporting when it cannot be read or has changed since (the build must then stop).
std::optional<std::string> read_data_text(const ReportSource& source, Diagnostics& diagnostics);

struct Department {
  std::string slug;
  std::string name;
  /// A shorter name for tight places (breadcrumbs, chart labels); defaults to name.
  std::string short_name;
  /// Slug of the parent department, or empty.
  std::string parent;
  std::string description;
  /// The department's duties (职责), Markdown.
  std::string duties;
  std::string website;
  /// Sort key among siblings; departments with equal order sort by slug.
  std::int64_t order = 0;
  /// Whether this department's reports consolidate (汇总) its subordinate departments' figures,
  /// as a 部门预算 or 部门决算 of a department with budget units does: totals over several
  /// departments then count its report of a kind and year instead of its subordinates'.
  bool consolidates = true;
  std::string metadata_path;
  /// SHA-256 of department.toml as read: part of the build identity (build_identity.h).
  std::string metadata_sha256;
  /// Sorted by year, then kind.
  std::vector<ReportSource> reports;
};

struct Content {
  /// Sorted by slug.
  std::vector<Department> departments;

  const Department* find(std::string_view slug) const;
  /// The department `department` names as its parent; nullptr for none, or one that does not
  /// exist.
  const Department* parent_of(const Department& department) const;
  /// The departments above `department`, outermost first: the parent last. Stops at a parent
  /// that does not exist or would come round again (loading reports both), so it is finite
  /// on any content.
  std::vector<const Department*> ancestors(const Department& department) const;
  /// The `limit` departments nearest above `department`, outermost first, as ancestors() lists
  /// them; `elided` when there are more above those. O(limit), whatever the depth: what a page
  /// shows of a deep hierarchy (its breadcrumbs) stays bounded, so that a chain of n
  /// departments gives pages of n·limit breadcrumbs in all, not n².
  struct Trail {
    std::vector<const Department*> departments;
    bool elided = false;
  };
  Trail nearest_ancestors(const Department& department, std::size_t limit) const;
  /// The departments above `department` that `seen` does not hold, nearest first, each added to
  /// `seen`. The walk up stops at the first department `seen` holds: filled by this function
  /// alone, `seen` holds that department's ancestors too, so a page that names the departments
  /// above each of n departments of one chain takes n steps in all, where ancestors() for each
  /// took n² (a year page's inputs).
  std::vector<const Department*> unseen_ancestors(const Department& department,
                                                  std::unordered_set<const Department*>& seen) const;
};

/// How many departments above a page's department its breadcrumbs name; more are elided ("…").
inline constexpr std::size_t kBreadcrumbAncestors = 6;

/// Loads SOURCE/content. Drafts are left out unless `include_drafts`. Reports every problem:
/// bad slugs and year folders, unknown files, a report missing its .md or .json, unknown or
/// cyclic parents, symbolic links (not followed). Departments are read `jobs` at a time (0: one
/// per core); what is loaded and reported does not depend on `jobs`.
std::optional<Content> load_content(const std::filesystem::path& source_dir, bool include_drafts,
                                    Diagnostics& diagnostics, unsigned jobs = 0);

}  // namespace gongkai
