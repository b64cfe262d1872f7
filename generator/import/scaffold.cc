#include "import/scaffold.h"

#include <utf8proc.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>

#include "base/file_reader.h"
#include "base/text_characters.h"
#include "base/toml_file.h"
#include "model/config.h"
#include "model/theme.h"

namespace gongkai {

namespace fs = std::filesystem;

namespace {

/// The year range the content loader accepts for year folders (content.cc), so that a report
/// `new` writes is never refused by `check` for its folder name.
constexpr int kFirstYear = 1949;
constexpr int kLastYear = 2200;

/// Placeholder name → value, for the {{name}} marks in skeletons.
using Values = std::map<std::string, std::string, std::less<>>;

/// A skeleton compiled into the binary, by file name ("budget.json"). Read from the embedded
/// table directly: the skeletons are not part of the theme a site may override. A missing one
/// means a broken build, reported rather than written as an empty file.
std::optional<std::string> skeleton(std::string_view name, Diagnostics& diagnostics) {
  for (const EmbeddedFile& file : embedded_theme()) {
    if (file.path.substr(0, 10) == "skeletons/" && file.path.substr(10) == name) {
      return std::string(file.contents);
    }
  }
  diagnostics.error({"skeletons/" + std::string(name), 0, 0},
                    "this gongkai was built without its skeleton files");
  return std::nullopt;
}

/// Replaces every {{name}} in `text` whose name is in `values`, in one pass, so a value that
/// itself holds braces is never expanded again. Unknown marks are left as they are.
std::string fill(std::string_view text, const Values& values) {
  std::string out;
  std::size_t at = 0;
  for (std::size_t open = text.find("{{"); open != std::string_view::npos;
       open = text.find("{{", at)) {
    std::size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) break;
    auto it = values.find(text.substr(open + 2, close - open - 2));
    out.append(text.substr(at, (it == values.end() ? close + 2 : open) - at));
    if (it != values.end()) out += it->second;
    at = close + 2;
  }
  out.append(text.substr(at));
  return out;
}

/// `text` escaped for the inside of a JSON or TOML basic string (the two agree on \" \\ \n \t
/// and \uXXXX, which is all this writes).
std::string escape_string(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x",
                    static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buffer;
    } else {
      out += c;
    }
  }
  return out;
}

/// Creates `file` (relative to `source_dir`) holding `text`, with its folders. Opens with
/// "x" (O_EXCL), so an existing file, or a symbolic link of that name, is never replaced even
/// if it appeared since it was looked for.
bool create_file(const fs::path& source_dir, const fs::path& file, const std::string& text,
                 Diagnostics& diagnostics) {
  SourceLocation where{file.generic_string(), 0, 0};
  std::error_code ec;
  fs::create_directories((source_dir / file).parent_path(), ec);
  std::FILE* out = std::fopen((source_dir / file).c_str(), "wbx");
  if (!out) {
    bool exists = errno == EEXIST;
    diagnostics.error(where, exists ? "already exists; gongkai new never overwrites a file"
                                    : std::string("cannot write file: ") + std::strerror(errno));
    return false;
  }
  bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
  written = std::fclose(out) == 0 && written;
  if (!written) {
    diagnostics.error(where, "cannot write file");
    fs::remove(source_dir / file, ec);
  }
  return written;
}

/// Reports each of `files` that already exists (or is a dangling link); true when none does.
bool none_exists(const fs::path& source_dir, const std::vector<fs::path>& files,
                 Diagnostics& diagnostics) {
  bool none = true;
  for (const fs::path& file : files) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(source_dir / file, ec))) {
      diagnostics.error({file.generic_string(), 0, 0},
                        "already exists; gongkai new never overwrites a file");
      none = false;
    }
  }
  return none;
}

/// The name and parent slug a department.toml gives.
struct DepartmentInfo {
  std::string name;
  std::string parent;
};

/// Reads content/SLUG/department.toml. Reports into `diagnostics` and returns nullopt when the
/// file is missing or broken.
std::optional<DepartmentInfo> read_department(const fs::path& source_dir, const std::string& slug,
                                              Diagnostics& diagnostics) {
  fs::path file = fs::path("content") / slug / "department.toml";
  std::string display = file.generic_string();
  std::error_code ec;
  if (!fs::is_regular_file(source_dir / file, ec)) {
    diagnostics.error({display, 0, 0}, "no department '" + slug + "' in this site; create it " +
                                           "first with `gongkai new department " + slug + "`");
    return std::nullopt;
  }
  std::optional<std::string> text = read_source_file(source_dir / file, display, diagnostics);
  std::optional<toml::table> table = text ? parse_toml(*text, display, diagnostics) : std::nullopt;
  if (!table) return std::nullopt;
  TomlReader reader(*table, display, diagnostics);
  std::optional<std::string> name = reader.string("name", true);
  if (!name) return std::nullopt;
  return DepartmentInfo{*name, reader.string("parent").value_or("")};
}

/// True when content/PARENT/department.toml is there, so that a new department naming it as
/// its parent passes `check`; else reports that it is not.
bool parent_exists(const fs::path& source_dir, const std::string& parent,
                   Diagnostics& diagnostics) {
  fs::path file = fs::path("content") / parent / "department.toml";
  std::error_code ec;
  if (fs::is_regular_file(source_dir / file, ec)) return true;
  diagnostics.error({file.generic_string(), 0, 0},
                    "no department '" + parent + "' in this site to be the parent; create it " +
                        "first with `gongkai new department " + parent + "`");
  return false;
}

/// The parent key of a new department.toml: set, or commented out like the other optional
/// keys; padded so that the comment after it lines up with theirs (slugs are ASCII).
std::string parent_key(const std::string& parent) {
  constexpr std::size_t kCommentColumn = 24;
  std::string key = parent.empty() ? "# parent = \"\"" : "parent = \"" + parent + "\"";
  return key + std::string(key.size() + 2 > kCommentColumn ? 2 : kCommentColumn - key.size(), ' ');
}

/// The name printed as 主管部门 / 一级预算单位: the parent department's, or the department's own
/// when it has no parent (or the parent cannot be read; `check` reports that on its own).
std::string supervisor_name(const fs::path& source_dir, const DepartmentInfo& department) {
  if (department.parent.empty() || !department_slug_problem(department.parent).empty()) {
    return department.name;
  }
  Diagnostics ignored;
  std::optional<DepartmentInfo> parent = read_department(source_dir, department.parent, ignored);
  return parent ? parent->name : department.name;
}

/// True when `text` is valid UTF-8.
bool is_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n =
        utf8proc_iterate(bytes + i, static_cast<utf8proc_ssize_t>(text.size() - i), &cp);
    if (n <= 0) return false;
    i += static_cast<std::size_t>(n);
  }
  return true;
}

/// True when `text` can go into a TOML or JSON string as it is: valid UTF-8 without control
/// characters, line breaks and tabs included, and without any other character the readers
/// refuse (base/text_characters.h: C1 controls such as U+0085, U+FFFE, U+FFFF).
bool is_plain_text(std::string_view text) {
  bool control = false;
  for (char c : text) control = control || static_cast<unsigned char>(c) < 0x20 || c == 0x7f;
  return is_utf8(text) && !control && !first_forbidden_character(text);
}

/// The title of a new site given none: the name of its folder, as the name of a department
/// given none is its slug ("site" when the folder's name cannot be a title).
std::string default_site_title(const fs::path& dir) {
  std::error_code ec;
  fs::path absolute = fs::absolute(dir, ec).lexically_normal();
  if (!absolute.has_filename()) absolute = absolute.parent_path();
  std::string name = absolute.filename().string();
  return name.empty() || !is_plain_text(name) ? "site" : name;
}

/// True when DIR/content is missing (it is to be created) or a folder; reports anything else.
bool content_folder_usable(const fs::path& content, Diagnostics& diagnostics) {
  std::error_code ec;
  fs::file_status status = fs::symlink_status(content, ec);
  if (!fs::exists(status) || fs::is_directory(status)) return true;
  diagnostics.error({content.generic_string(), 0, 0}, "already exists and is not a folder");
  return false;
}

/// The year part of a spec as a number, or nullopt unless it is four digits in range.
std::optional<int> parse_year(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int year = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    year = year * 10 + (c - '0');
  }
  if (year < kFirstYear || year > kLastYear) return std::nullopt;
  return year;
}

/// Splits on '/', keeping empty parts, so "a//b" has three parts and is refused by its middle.
std::vector<std::string_view> split_slashes(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t slash = text.find('/'); slash != std::string_view::npos;
       slash = text.find('/', start)) {
    parts.push_back(text.substr(start, slash - start));
    start = slash + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

std::string department_slug_problem(std::string_view slug) {
  if (is_valid_slug(slug)) return {};
  return "'" + std::string(slug) +
         "' is not a valid department slug: use lowercase ASCII letters, digits and single "
         "hyphens, such as city-library";
}

std::string department_name_problem(std::string_view name) {
  if (is_plain_text(name)) return {};
  return "the department name must be UTF-8 text without control characters";
}

std::string site_title_problem(std::string_view title) {
  if (is_plain_text(title)) return {};
  return "the site title must be UTF-8 text without control characters";
}

std::string site_language_problem(std::string_view language) {
  if (is_supported_language(std::string(language))) return {};
  return "unsupported language '" + std::string(language) +
         "': the theme has strings for zh-CN and en";
}

std::optional<ReportSpec> parse_report_spec(std::string_view spec, std::string& problem) {
  std::vector<std::string_view> parts = split_slashes(spec);
  if (parts.size() != 3) {
    problem =
        "'" + std::string(spec) + "' is not DEPARTMENT/YEAR/KIND, such as city-library/2024/budget";
    return std::nullopt;
  }
  problem = department_slug_problem(parts[0]);
  if (!problem.empty()) return std::nullopt;
  std::optional<int> year = parse_year(parts[1]);
  if (!year) {
    problem = "YEAR must be a four-digit year from " + std::to_string(kFirstYear) + " to " +
              std::to_string(kLastYear) + ", not '" + std::string(parts[1]) + "'";
    return std::nullopt;
  }
  std::optional<DocumentKind> kind = kind_from_slug(parts[2]);
  if (!kind) {
    problem =
        "KIND must be budget, final-accounts or evaluation, not '" + std::string(parts[2]) + "'";
    return std::nullopt;
  }
  return ReportSpec{std::string(parts[0]), *year, *kind};
}

std::vector<fs::path> new_site(const fs::path& dir, const std::string& title,
                               const std::string& language, Diagnostics& diagnostics) {
  std::string problem = site_title_problem(title);
  if (problem.empty()) problem = site_language_problem(language);
  if (!problem.empty()) {
    diagnostics.error({"gongkai new site", 0, 0}, problem);
    return {};
  }
  fs::path file = (dir / "site.toml").lexically_normal();
  fs::path content = (dir / "content").lexically_normal();
  std::optional<std::string> text = skeleton("site.toml", diagnostics);
  bool fresh = none_exists({}, {file}, diagnostics);
  bool usable = content_folder_usable(content, diagnostics);
  if (!text || !fresh || !usable) return {};
  Values values{{"title", escape_string(title.empty() ? default_site_title(dir) : title)},
                {"language", language}};
  if (!create_file({}, file, fill(*text, values), diagnostics)) return {};
  std::error_code ec;
  if (!fs::create_directory(content, ec) && !ec) return {file};  // it was there already
  if (ec) {
    diagnostics.error({content.generic_string(), 0, 0}, "cannot create folder: " + ec.message());
    fs::remove(file, ec);  // a site is its settings and its content folder, or nothing
    return {};
  }
  return {file, content / ""};
}

std::vector<fs::path> new_department(const fs::path& source_dir, const std::string& slug,
                                     const std::string& name, const std::string& parent,
                                     Diagnostics& diagnostics) {
  std::string problem = department_slug_problem(slug);
  if (problem.empty()) problem = department_name_problem(name);
  if (problem.empty() && !parent.empty()) problem = department_slug_problem(parent);
  if (!problem.empty()) {
    diagnostics.error({"gongkai new department", 0, 0}, problem);
    return {};
  }
  fs::path file = fs::path("content") / slug / "department.toml";
  std::optional<std::string> text = skeleton("department.toml", diagnostics);
  bool fresh = none_exists(source_dir, {file}, diagnostics);
  bool parent_ok = parent.empty() || parent_exists(source_dir, parent, diagnostics);
  if (!text || !fresh || !parent_ok) return {};
  Values values{{"name", escape_string(name.empty() ? slug : name)},
                {"parent_key", parent_key(parent)}};
  if (!create_file(source_dir, file, fill(*text, values), diagnostics)) return {};
  return {file};
}

std::optional<ReportSkeleton> report_skeleton(const fs::path& source_dir, const ReportSpec& spec,
                                              Diagnostics& diagnostics) {
  std::optional<DepartmentInfo> department =
      read_department(source_dir, spec.department, diagnostics);
  if (!department) return std::nullopt;
  return filled_skeleton(spec, department->name, supervisor_name(source_dir, *department),
                         diagnostics);
}

std::optional<ReportSkeleton> filled_skeleton(const ReportSpec& spec, const std::string& department,
                                              const std::string& supervisor,
                                              Diagnostics& diagnostics) {
  std::string kind(kind_slug(spec.kind));
  std::optional<std::string> json_text = skeleton(kind + ".json", diagnostics);
  std::optional<std::string> markdown_text = skeleton(kind + ".md", diagnostics);
  if (!json_text || !markdown_text) return std::nullopt;
  Values years{{"year", std::to_string(spec.year)}, {"prior_year", std::to_string(spec.year - 1)}};
  Values in_json = years, in_markdown = years;
  in_json["department"] = escape_string(department);
  in_json["supervisor"] = escape_string(supervisor);
  in_markdown["department"] = department;
  return ReportSkeleton{fill(*json_text, in_json), fill(*markdown_text, in_markdown), department};
}

std::vector<fs::path> new_report(const fs::path& source_dir, const ReportSpec& spec,
                                 Diagnostics& diagnostics) {
  std::optional<ReportSkeleton> texts = report_skeleton(source_dir, spec, diagnostics);
  std::string kind(kind_slug(spec.kind));
  fs::path dir = fs::path("content") / spec.department / std::to_string(spec.year);
  fs::path json = dir / (kind + ".json"), markdown = dir / (kind + ".md");
  if (!texts || !none_exists(source_dir, {json, markdown}, diagnostics)) return {};
  if (!create_file(source_dir, json, texts->json, diagnostics)) return {};
  if (!create_file(source_dir, markdown, texts->markdown, diagnostics)) {
    std::error_code ec;
    fs::remove(source_dir / json, ec);  // a report is its two files or nothing
    return {};
  }
  return {json, markdown};
}

}  // namespace gongkai
