#include "publish/site_archive.h"

#include <unistd.h>
#include <zip.h>

#include <algorithm>
#include <cstdio>
#include <fstream>

#include "base/sha256.h"

namespace gongkai {

namespace fs = std::filesystem;

std::string sha256sums_text(const std::vector<SiteFileDigest>& files) {
  std::string out;
  for (const SiteFileDigest& file : files)
    out.append(file.sha256).append("  ").append(file.path) += '\n';
  return out;
}

std::optional<std::vector<std::string>> list_site_files(const fs::path& root,
                                                        Diagnostics& diagnostics) {
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(root, ec))) {
    diagnostics.error({root.string(), 0, 0},
                      "no built site here: build the site first (gongkai build) or name its "
                      "folder with --site");
    return std::nullopt;
  }
  std::vector<std::string> files;
  bool ok = true;
  fs::recursive_directory_iterator it(root, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    fs::file_status status = it->symlink_status(ec);
    if (ec) break;
    std::string relative = it->path().lexically_relative(root).generic_string();
    if (fs::is_regular_file(status)) {
      files.push_back(relative);
    } else if (!fs::is_directory(status)) {
      diagnostics.error({(root / relative).string(), 0, 0},
                        "not a regular file or folder (a symbolic link, say): a built site "
                        "holds none, and an archive would not hold it");
      ok = false;
    }
  }
  if (ec) {
    diagnostics.error({root.string(), 0, 0}, "cannot read the folder: " + ec.message());
    return std::nullopt;
  }
  if (!ok) return std::nullopt;
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<std::string> sha256_of_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  Sha256 digest;
  std::string buffer(1 << 20, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    digest.add(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return std::nullopt;
  return digest.hex();
}

namespace {

/// A zip's date and time fields (MS-DOS format) for midnight of `date` ("YYYY-MM-DD"), or of
/// 1980-01-01. Set explicitly, never from a time_t, which libzip converts in the local time
/// zone: the archive would differ between machines.
std::pair<std::uint16_t, std::uint16_t> dos_time_date(const std::string& date) {
  int year = 0, month = 0, day = 0;
  bool valid = date.size() == 10 &&
               std::sscanf(date.c_str(), "%4d-%2d-%2d", &year, &month, &day) == 3 && year >= 1980 &&
               year <= 2107 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  if (!valid) year = 1980, month = 1, day = 1;
  return {0, static_cast<std::uint16_t>(((year - 1980) << 9) | (month << 5) | day)};
}

/// Sets the fixed time and permissions of entry `index`.
bool fix_entry(zip_t* zip, zip_int64_t index, std::pair<std::uint16_t, std::uint16_t> when) {
  auto i = static_cast<zip_uint64_t>(index);
  constexpr zip_uint32_t kRegularFile = 0100644u << 16;  // rw-r--r--, in the Unix attributes
  return zip_file_set_dostime(zip, i, when.first, when.second, 0) == 0 &&
         zip_file_set_external_attributes(zip, i, 0, ZIP_OPSYS_UNIX, kRegularFile) == 0;
}

/// Adds `source` as entry `name`; takes the source in every case.
bool add_entry(zip_t* zip, const std::string& name, zip_source_t* source,
               std::pair<std::uint16_t, std::uint16_t> when) {
  if (source == nullptr) return false;
  zip_int64_t index = zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8);
  if (index < 0) {
    zip_source_free(source);
    return false;
  }
  return fix_entry(zip, index, when);
}

/// The archive being written: a temporary file beside the target, removed unless renamed.
class ZipWriter {
 public:
  explicit ZipWriter(fs::path target) : target_(std::move(target)) {
    temporary_ = target_;
    temporary_ += ".tmp-" + std::to_string(::getpid());
    int error = 0;
    zip_ = zip_open(temporary_.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  }
  ~ZipWriter() {
    if (zip_ != nullptr) zip_discard(zip_);
    std::error_code ec;
    if (!renamed_) fs::remove(temporary_, ec);
  }
  zip_t* get() const { return zip_; }
  std::string error() const { return zip_ ? zip_strerror(zip_) : "cannot create the file"; }
  /// Writes the archive and renames it into place; false with the reason in `why`.
  bool finish(std::string& why) {
    if (zip_close(zip_) != 0) {
      why = zip_strerror(zip_);
      return false;
    }
    zip_ = nullptr;
    std::error_code ec;
    fs::rename(temporary_, target_, ec);
    renamed_ = !ec;
    if (ec) why = ec.message();
    return renamed_;
  }

 private:
  fs::path target_;
  fs::path temporary_;
  zip_t* zip_ = nullptr;
  bool renamed_ = false;
};

/// The site's files with their digests, and the README's, sorted by path; nullopt after
/// reporting.
std::optional<std::vector<SiteFileDigest>> digests(const ArchiveRequest& request,
                                                   const std::vector<std::string>& files,
                                                   Diagnostics& diagnostics) {
  std::vector<SiteFileDigest> out;
  for (const std::string& path : files) {
    if (path == kSumsName || path == kArchiveReadmeName) {
      diagnostics.error(
          {(request.site / path).string(), 0, 0},
          "the site holds a " + path + " of its own, which the archive's would replace");
      return std::nullopt;
    }
    std::optional<std::string> digest = sha256_of_file(request.site / path);
    if (!digest) {
      diagnostics.error({(request.site / path).string(), 0, 0}, "cannot read the file");
      return std::nullopt;
    }
    out.push_back({path, *digest});
  }
  out.push_back({kArchiveReadmeName, sha256_hex(request.readme)});
  std::sort(out.begin(), out.end(),
            [](const SiteFileDigest& a, const SiteFileDigest& b) { return a.path < b.path; });
  return out;
}

}  // namespace

std::optional<ArchiveResult> write_site_archive(const ArchiveRequest& request,
                                                Diagnostics& diagnostics) {
  std::optional<std::vector<std::string>> files = list_site_files(request.site, diagnostics);
  if (!files) return std::nullopt;
  std::optional<std::vector<SiteFileDigest>> listed = digests(request, *files, diagnostics);
  if (!listed) return std::nullopt;
  const std::string sums = sha256sums_text(*listed);
  auto fail = [&](const std::string& why) {
    diagnostics.error({request.file.string(), 0, 0}, "cannot write the archive: " + why);
    return std::nullopt;
  };
  ZipWriter writer(request.file);
  if (writer.get() == nullptr) return fail(writer.error());
  auto when = dos_time_date(request.date);
  const std::string prefix = request.folder.empty() ? "" : request.folder + "/";
  // SHA256SUMS sorts before the lowercase names of a built site; the order of entries is the
  // sorted order of their names in any case.
  std::vector<std::pair<std::string, zip_source_t*>> entries;
  zip_t* zip = writer.get();
  for (const SiteFileDigest& file : *listed) {
    zip_source_t* source =
        file.path == kArchiveReadmeName
            ? zip_source_buffer(zip, request.readme.data(), request.readme.size(), 0)
            : zip_source_file(zip, (request.site / file.path).c_str(), 0, -1);
    entries.emplace_back(prefix + file.path, source);
  }
  entries.emplace_back(prefix + kSumsName, zip_source_buffer(zip, sums.data(), sums.size(), 0));
  std::sort(entries.begin(), entries.end());
  bool ok = true;
  for (auto& [name, source] : entries) {
    if (ok) {
      ok = add_entry(zip, name, source, when);
    } else if (source != nullptr) {
      zip_source_free(source);
    }
  }
  if (!ok) return fail(writer.error());
  std::string why;
  if (!writer.finish(why)) return fail(why);
  std::error_code ec;
  ArchiveResult result;
  result.files = entries.size();
  result.bytes = fs::file_size(request.file, ec);
  result.sums_sha256 = sha256_hex(sums);
  return result;
}

}  // namespace gongkai
