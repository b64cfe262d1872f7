#include "scaffold.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "content.h"
#include "file_reader.h"
#include "theme.h"
#include "toml_file.h"

namespace gongkai {

namespace fs = std::filesystem;

namespace {

/// Writes a new file; refuses to replace an existing one.
bool create_file(const fs::path& file, const std::string& text, Diagnostics& diagnostics) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(file, ec))) {
    diagnostics.error({file.string(), 0, 0}, "already exists; gongkai new never overwrites a file");
    return false;
  }
  fs::create_directories(file.parent_path(), ec);
  std::ofstream out(file, std::ios::binary);
  out << text;
  if (!out) diagnostics.error({file.string(), 0, 0}, "cannot write file");
  return static_cast<bool>(out);
}

std::string toml_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string skeleton(const std::string& name) {
  for (const EmbeddedFile& file : embedded_theme()) {
    if (file.path == "skeletons/" + name) return std::string(file.contents);
  }
  return std::string();
}

/// The department's name from its department.toml, or nullopt after reporting.
std::optional<std::string> department_name(const fs::path& source_dir, const std::string& slug,
                                           Diagnostics& diagnostics) {
  fs::path file = source_dir / "content" / slug / "department.toml";
  std::string display = display_path(source_dir, file);
  std::optional<std::string> text = read_source_file(file, display, diagnostics);
  if (!text) return std::nullopt;
  std::optional<toml::table> table = parse_toml(*text, display, diagnostics);
  if (!table) return std::nullopt;
  TomlReader reader(*table, display, diagnostics);
  return reader.string("name", true);
}

}  // namespace

std::vector<fs::path> new_department(const fs::path& source_dir, const std::string& slug,
                                     const std::string& name, Diagnostics& diagnostics) {
  if (!is_valid_slug(slug)) {
    diagnostics.error({slug, 0, 0}, "invalid department slug: use lowercase ASCII letters, digits and hyphens");
    return {};
  }
  fs::path file = source_dir / "content" / slug / "department.toml";
  std::string text = "# The department's metadata: see docs/content.md.\nname = " +
                     toml_string(name.empty() ? slug : name) +
                     "\n# short_name = \"\"\n# parent = \"\"          # slug of the parent department\n"
                     "description = \"\"\n# duties = \"\"\"\n# \"\"\"\n# website = \"\"\n";
  if (!create_file(file, text, diagnostics)) return {};
  return {file};
}

std::vector<fs::path> new_report(const fs::path& source_dir, const std::string& spec,
                                 Diagnostics& diagnostics) {
  fs::path parts(spec);
  std::vector<std::string> pieces;
  for (const fs::path& p : parts) pieces.push_back(p.string());
  std::optional<DocumentKind> kind = pieces.size() == 3 ? kind_from_slug(pieces[2]) : std::nullopt;
  bool year_ok = pieces.size() == 3 && pieces[1].size() == 4 &&
                 std::all_of(pieces[1].begin(), pieces[1].end(), ::isdigit);
  if (!kind || !year_ok || !is_valid_slug(pieces[0])) {
    diagnostics.error({spec, 0, 0}, "expected DEPARTMENT/YEAR/KIND, such as city-library/2024/budget "
                                    "(KIND: budget, final-accounts or evaluation)");
    return {};
  }
  std::optional<std::string> name = department_name(source_dir, pieces[0], diagnostics);
  if (!name) return {};
  int year = std::stoi(pieces[1]);
  std::string slug(kind_slug(*kind));
  nlohmann::ordered_json data = nlohmann::ordered_json::parse(skeleton(slug + ".json"));
  data["department"] = *name;
  data["year"] = year;
  static const char* kTitles[] = {"部门预算", "部门决算", "部门整体支出绩效评价报告"};
  data["title"] = pieces[1] + "年" + *name + kTitles[static_cast<int>(*kind)];
  std::string markdown = skeleton(slug + ".md");
  replace_all(markdown, "{{year}}", pieces[1]);
  replace_all(markdown, "{{department}}", *name);
  markdown = "+++\nsummary = \"\"\n# published = " + pieces[1] + "-01-01\n# draft = true\n+++\n\n" + markdown;
  fs::path dir = source_dir / "content" / pieces[0] / pieces[1];
  fs::path md = dir / (slug + ".md"), json = dir / (slug + ".json");
  if (fs::exists(md) || fs::exists(json)) {
    diagnostics.error({(fs::exists(md) ? md : json).string(), 0, 0}, "already exists; gongkai new never overwrites a file");
    return {};
  }
  if (!create_file(json, data.dump(1) + "\n", diagnostics) || !create_file(md, markdown, diagnostics)) return {};
  return {md, json};
}

}  // namespace gongkai
