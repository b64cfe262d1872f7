#include "cli/archive_command.h"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "model/config.h"
#include "model/theme.h"
#include "publish/output.h"
#include "publish/site_archive.h"
#include "publish/site_verify.h"

namespace gongkai {

namespace fs = std::filesystem;

namespace {

std::string replaced(std::string text, const std::string& key, const std::string& value) {
  const std::string placeholder = "{" + key + "}";
  for (std::size_t at = text.find(placeholder); at != std::string::npos;
       at = text.find(placeholder, at + value.size())) {
    text.replace(at, placeholder.size(), value);
  }
  return text;
}

/// The README of the archive, in the site's language (i18n keys archive_readme_*). It does not
/// name the archive's file, so that a copy written under another name is byte-identical.
std::string readme_text(const nlohmann::json& strings, const SiteConfig& config,
                        const std::string& folder) {
  auto text = [&](const char* key) {
    std::string value = strings.value(key, std::string(key));
    for (auto [name, with] : {std::pair{"title", config.title}, std::pair{"folder", folder}}) {
      value = replaced(value, name, with);
    }
    return value + "\n\n";
  };
  std::string readme = text("archive_readme_intro");
  readme += text("archive_readme_open");
  readme += text("archive_readme_verify");
  readme.pop_back();
  return readme;
}

bool is_within(const fs::path& inner, const fs::path& outer) {
  auto [end, _] = std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end());
  return end == outer.end();
}

/// The request for `options`; nullopt after reporting.
std::optional<ArchiveRequest> archive_request(const ArchiveCommandOptions& options,
                                              Diagnostics& diagnostics) {
  std::optional<fs::path> source = site_folder(options.source, diagnostics);
  if (!source) return std::nullopt;
  std::optional<SiteConfig> config = load_config(*source, diagnostics);
  std::optional<Theme> theme = Theme::load(*source, diagnostics);
  if (!config || !theme) return std::nullopt;
  ArchiveRequest request;
  request.site =
      options.site.empty() ? *source / "public" : fs::absolute(options.site).lexically_normal();
  if (!request.site.has_filename()) request.site = request.site.parent_path();
  request.file = options.output.empty() ? fs::path(request.site.string() + ".zip")
                                        : fs::absolute(options.output).lexically_normal();
  if (is_within(request.file, request.site)) {
    diagnostics.error({request.file.string(), 0, 0},
                      "the archive must not be written inside the site it packs");
    return std::nullopt;
  }
  request.folder = request.site.filename().string();
  request.readme = readme_text(theme->strings(config->language, diagnostics), *config,
                               request.folder);
  return request;
}

}  // namespace

int run_archive(const ArchiveCommandOptions& options) {
  Diagnostics diagnostics;
  std::optional<ArchiveRequest> request = archive_request(options, diagnostics);
  std::optional<ArchiveResult> result;
  if (request && !diagnostics.has_errors()) {
    // The lock `gongkai build` takes: no build swaps a new site in while it is packed.
    DiskOutput lock(request->site, diagnostics);
    if (lock.lock()) result = write_site_archive(*request, diagnostics);
  }
  print_diagnostics(diagnostics);
  if (!result) {
    std::cerr << "archive failed: " << summary(diagnostics) << "; no archive was written\n";
    return kExitContentError;
  }
  if (!options.quiet) {
    std::cout << "archived " << result->files << " files of " << request->site.string() << " ("
              << result->bytes << " bytes; SHA256SUMS " << result->sums_sha256.substr(0, 12)
              << ") → " << request->file.string() << "\n";
  }
  return kExitOk;
}

int run_verify(const std::string& target) {
  // Every difference is printed, not only the first 100: the limit is the archive's.
  Diagnostics diagnostics(kMaxEntries + 1000);
  std::error_code ec;
  fs::file_status status = fs::status(target, ec);
  VerifyResult result;
  if (fs::is_directory(status)) {
    result = verify_folder(target, diagnostics);
  } else if (fs::is_regular_file(status)) {
    result = verify_archive(target, diagnostics);
  } else {
    diagnostics.error({target, 0, 0}, "no such folder or file");
  }
  print_diagnostics(diagnostics);
  (result.clean() ? std::cout : std::cerr) << verify_summary(result) << "\n";
  return result.clean() ? kExitOk : kExitContentError;
}

}  // namespace gongkai
