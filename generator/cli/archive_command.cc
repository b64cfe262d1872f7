#include "cli/archive_command.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>

#include "base/fill_in.h"
#include "model/config.h"
#include "model/theme.h"
#include "publish/output.h"
#include "publish/site_archive.h"
#include "publish/site_verify.h"

namespace gongkai {

namespace fs = std::filesystem;

namespace {

/// The build identity the site states in version.json (build_identity.h), as text fields;
/// empty when the site has none (built by an older gongkai) or it is not such an object.
std::map<std::string, std::string> stated_identity(const fs::path& site) {
  std::ifstream in(site / "version.json", std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  nlohmann::json json = nlohmann::json::parse(text.str(), nullptr, false);
  std::map<std::string, std::string> fields;
  if (!json.is_object()) return fields;
  for (const char* key : {"generator", "content_date", "inputs_sha256"}) {
    if (!json.contains(key) || !json[key].is_string()) return {};
    fields[key] = json[key].get<std::string>();
  }
  return fields;
}

/// The README of the archive, in the site's language (i18n keys archive_readme_*). It does not
/// name the archive's file, so that a copy written under another name is byte-identical.
std::string readme_text(const nlohmann::json& strings, const SiteConfig& config,
                        const std::string& folder,
                        const std::map<std::string, std::string>& identity) {
  std::map<std::string, std::string> fields = identity;
  fields["title"] = config.title;
  fields["folder"] = folder;
  if (fields.count("content_date") && fields["content_date"].empty())
    fields["content_date"] = strings.value("archive_readme_no_date", std::string("—"));
  auto text = [&](const char* key) {
    std::string value = strings.value(key, std::string(key));
    for (const auto& [name, with] : fields) value = fill_in(value, name, with);
    return value + "\n\n";
  };
  std::string readme = text("archive_readme_intro");
  if (!identity.empty()) readme += text("archive_readme_version");
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
  std::map<std::string, std::string> identity = stated_identity(request.site);
  request.readme = readme_text(theme->strings(config->language, diagnostics), *config,
                               request.folder, identity);
  if (!identity.empty()) request.date = identity["content_date"];
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
