#include "model/theme.h"

#include "base/file_reader.h"
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

std::optional<Theme> Theme::load(const fs::path& source_dir, Diagnostics& diagnostics) {
  Theme theme = builtin();
  std::size_t errors_before = diagnostics.error_count();
  for (const char* folder : {"templates", "assets", "i18n"}) {
    fs::path root = source_dir / folder;
    std::error_code ec;
    fs::file_status status = fs::symlink_status(root, ec);
    if (fs::is_symlink(status)) {
      diagnostics.warning({folder, 0, 0}, "symbolic link skipped: links are not followed");
    }
    if (!fs::is_directory(status)) continue;
    for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); ++it) {
      std::string display = display_path(source_dir, it->path());
      if (it->is_symlink()) {
        diagnostics.warning({display, 0, 0}, "symbolic link skipped: links are not followed");
        continue;
      }
      if (!it->is_regular_file() || it->path().filename().string().front() == '.') continue;
      std::optional<std::string> text = read_source_file(it->path(), display, diagnostics);
      if (text) theme.files_[display] = ThemeFile{std::move(*text), true};
    }
  }
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
