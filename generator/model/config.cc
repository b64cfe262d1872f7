#include "model/config.h"

#include "base/file_reader.h"
#include "base/sha256.h"
#include "base/toml_file.h"
#include "base/web_url.h"

namespace gongkai {

bool is_supported_language(const std::string& language) {
  return language == "zh-CN" || language == "en";
}

namespace {

void read_markdown_section(TomlReader& reader, SiteConfig& config, const std::string& path,
                           Diagnostics& diagnostics) {
  const toml::table* markdown = reader.table("markdown");
  if (!markdown) return;
  TomlReader section(*markdown, path, diagnostics);
  config.raw_html = section.boolean("raw_html").value_or(false);
  section.warn_unknown_keys("markdown");
}

/// base_url: the absolute address every page's is appended to (feed, sitemap, robots.txt).
void read_base_url(TomlReader& reader, SiteConfig& config) {
  std::string url = reader.string("base_url").value_or("");
  if (url.empty()) return;
  if (std::string problem = web_url_problem(url, UrlRule::base); !problem.empty()) {
    reader.error_at("base_url", "base_url " + problem);
    return;
  }
  config.base_url = with_lowercase_scheme(url);
  if (config.base_url.back() != '/') config.base_url += '/';
}

}  // namespace

std::optional<SiteConfig> parse_config(std::string_view text, const std::string& path,
                                       Diagnostics& diagnostics) {
  std::optional<toml::table> table = parse_toml(text, path, diagnostics);
  if (!table) return std::nullopt;
  Diagnostics local;
  TomlReader reader(*table, path, local);
  SiteConfig config;
  config.title = reader.string("title", true).value_or("");
  config.language = reader.string("language").value_or("zh-CN");
  if (!is_supported_language(config.language)) {
    reader.error_at("language", "unsupported language '" + config.language +
                                    "' (the theme has strings for zh-CN and en)");
  }
  config.description = reader.string("description").value_or("");
  config.publisher = reader.string("publisher").value_or("");
  read_base_url(reader, config);
  read_markdown_section(reader, config, path, local);
  reader.warn_unknown_keys();
  diagnostics.merge(local);
  if (local.has_errors()) return std::nullopt;
  return config;
}

std::optional<SiteConfig> load_config(const std::filesystem::path& source_dir,
                                      Diagnostics& diagnostics) {
  std::filesystem::path file = source_dir / "site.toml";
  std::string display = display_path(source_dir, file);
  std::optional<std::string> text = read_source_file(file, display, diagnostics);
  if (!text) return std::nullopt;
  std::optional<SiteConfig> config = parse_config(*text, display, diagnostics);
  if (config) {
    config->source_dir = source_dir;
    config->file_sha256 = sha256_hex(*text);
  }
  return config;
}

}  // namespace gongkai
