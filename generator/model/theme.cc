#include "model/theme.h"

#include "base/file_reader.h"
#include "base/folder_walk.h"
#include "base/toml_file.h"

namespace gongkai {

namespace fs = std::filesystem;

Theme Theme::builtin() {
  Theme theme;
  for (const EmbeddedFile& file : embedded_theme()) {
    theme.files_[std::string(file.path)] = ThemeFile{std::string(file.contents), false};
  }
  return theme;
}

namespace {

using ThemeFiles = std::map<std::string, ThemeFile, std::less<>>;

/// Reads the site's files under one theme folder into `files`, walking it with walk_folder.
class ThemeFolder {
 public:
  ThemeFolder(const fs::path& source_dir, ThemeFiles& files, Diagnostics& diagnostics)
      : source_dir_(source_dir), files_(files), diagnostics_(diagnostics) {}

  /// Lays the files under `folder` (templates, assets or i18n) over the built-in ones. A folder
  /// that cannot be listed is an error, never a silent fall-back to the built-in files.
  void load(const char* folder) {
    fs::path root = source_dir_ / folder;
    std::error_code ec;
    fs::file_status status = fs::symlink_status(root, ec);
    if (fs::is_symlink(status)) return warn_link(folder);
    if (ec && !vanished(ec)) return cannot_list(root, ec);
    if (!fs::exists(status)) return;
    if (!fs::is_directory(status)) {
      return diagnostics_.error({folder, 0, 0}, std::string("not a folder: the site's own theme "
                                                            "files go in the folder ") + folder + "/");
    }
    walk_folder(root, {[this](const fs::directory_entry& entry) { return visit(entry); },
                       [this](const fs::path& dir, std::error_code error) { cannot_list(dir, error); }});
  }

 private:
  /// Hidden entries (editors' and version control's) are skipped and links warned about;
  /// anything else that is not a folder goes to read_source_file, which refuses what is not a
  /// regular file (a FIFO named like a template must not block or vanish silently). True for a
  /// folder to walk into.
  bool visit(const fs::directory_entry& entry) {
    std::error_code ec;
    std::string display = display_path(source_dir_, entry.path());
    if (entry.path().filename().string().front() == '.') return false;
    if (entry.is_symlink(ec)) return warn_link(display), false;
    if (entry.is_directory(ec)) return true;
    std::optional<std::string> text = read_source_file(entry.path(), display, diagnostics_);
    if (text) files_[display] = ThemeFile{std::move(*text), true};
    return false;
  }
  void warn_link(const std::string& display) {
    diagnostics_.warning({display, 0, 0}, "symbolic link skipped: links are not followed");
  }
  void cannot_list(const fs::path& dir, std::error_code error) {
    diagnostics_.error({display_path(source_dir_, dir), 0, 0}, "cannot list folder: " + error.message());
  }

  const fs::path& source_dir_;
  ThemeFiles& files_;
  Diagnostics& diagnostics_;
};

}  // namespace

std::optional<Theme> Theme::load(const fs::path& source_dir, Diagnostics& diagnostics) {
  Theme theme = builtin();
  std::size_t errors_before = diagnostics.error_count();
  ThemeFolder loader(source_dir, theme.files_, diagnostics);
  for (const char* folder : {"templates", "assets", "i18n"}) loader.load(folder);
  if (diagnostics.error_count() > errors_before) return std::nullopt;
  return theme;
}

const ThemeFile* Theme::find(std::string_view path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, const ThemeFile*>> Theme::files_in(std::string_view folder) const {
  std::vector<std::pair<std::string, const ThemeFile*>> out;
  for (const auto& [path, file] : files_) {
    if (path.starts_with(folder)) out.emplace_back(path, &file);
  }
  return out;
}

std::vector<std::string> Theme::overrides() const {
  std::vector<std::string> out;
  for (const auto& [path, file] : files_) {
    if (file.overridden) out.push_back(path);
  }
  return out;
}

namespace {

void add_strings(const toml::table& table, const std::string& path, nlohmann::json& out,
                 Diagnostics& diagnostics) {
  for (const auto& [key, node] : table) {
    if (auto value = node.value<std::string>(); value && node.is_string()) {
      out[std::string(key.str())] = *value;
    } else {
      const auto& begin = node.source().begin;
      diagnostics.error({path, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                        "UI string '" + std::string(key.str()) + "' must be a string");
    }
  }
}

}  // namespace

nlohmann::json Theme::strings(const std::string& language, Diagnostics& diagnostics) const {
  nlohmann::json out = nlohmann::json::object();
  for (const std::string& lang : {std::string("zh-CN"), language}) {
    std::string path = "i18n/" + lang + ".toml";
    const ThemeFile* file = find(path);
    if (!file) continue;
    std::optional<toml::table> table = parse_toml(file->contents, path, diagnostics);
    if (table) add_strings(*table, path, out, diagnostics);
  }
  return out;
}

}  // namespace gongkai
