#include "publish/site_verify.h"

#include <zip.h>

#include <fstream>
#include <memory>
#include <vector>

#include "base/sha256.h"
#include "publish/site_archive.h"

namespace gongkai {

namespace fs = std::filesystem;

bool is_contained_path(const std::string& path) {
  if (path.empty() || path.find('\\') != std::string::npos ||
      path.find('\0') != std::string::npos) {
    return false;
  }
  std::size_t start = 0;
  while (true) {
    std::size_t end = path.find('/', start);
    std::string_view segment =
        std::string_view(path).substr(start, end == std::string::npos ? end : end - start);
    if (segment.empty() || segment == "." || segment == "..") return false;
    if (end == std::string::npos) return true;
    start = end + 1;
  }
}

std::optional<std::map<std::string, std::string>> parse_sums(const std::string& text,
                                                             const std::string& where,
                                                             Diagnostics& diagnostics) {
  std::map<std::string, std::string> listed;
  bool ok = true;
  int number = 0;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++number;
    bool well_formed = line.size() > 66 && is_sha256_hex(line.substr(0, 64)) && line[64] == ' ' &&
                       (line[65] == ' ' || line[65] == '*');
    std::string path = well_formed ? line.substr(66) : "";
    if (!well_formed) {
      diagnostics.error({where, number, 1},
                        "malformed line: expected 64 lowercase hex digits, two spaces and a path");
    } else if (!is_contained_path(path)) {
      diagnostics.error({where, number, 67},
                        "unsafe path (absolute, or with '..' or empty segments): not checked");
      well_formed = false;
    } else if (!listed.emplace(path, line.substr(0, 64)).second) {
      diagnostics.error({where, number, 67}, "'" + path + "' is listed twice");
      well_formed = false;
    }
    ok = ok && well_formed;
  }
  if (ok && listed.empty()) diagnostics.error({where, 0, 0}, "lists no file");
  if (!ok || listed.empty()) return std::nullopt;
  return listed;
}

namespace {

/// What was found of one file of the copy: its digest, or why there is none.
struct Found {
  std::string sha256;
  std::string problem;
};

/// Reports every listed file missing or changed and every file found but not listed; counts
/// them in `result`.
void compare(const std::map<std::string, std::string>& listed,
             const std::map<std::string, Found>& found, VerifyResult& result,
             Diagnostics& diagnostics) {
  result.checked = true;
  result.listed = listed.size();
  for (const auto& [path, sha256] : listed) {
    auto it = found.find(path);
    if (it == found.end()) {
      diagnostics.error({path, 0, 0}, "missing (listed in SHA256SUMS)");
      ++result.missing;
    } else if (!it->second.problem.empty()) {
      diagnostics.error({path, 0, 0}, it->second.problem);
      ++result.changed;
    } else if (it->second.sha256 != sha256) {
      diagnostics.error({path, 0, 0}, "changed (its SHA-256 differs from SHA256SUMS)");
      ++result.changed;
    }
  }
  for (const auto& [path, file] : found) {
    if (listed.count(path)) continue;
    diagnostics.error({path, 0, 0}, file.problem.empty() ? "not in SHA256SUMS"
                                                         : file.problem + "; not in SHA256SUMS");
    ++result.extra;
  }
}

/// At most `limit` + 1 bytes of `file`: one more than allowed tells a file that is too long.
std::optional<std::string> read_bounded(const fs::path& file, std::size_t limit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text(limit + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return std::nullopt;
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

/// SHA256SUMS, read and parsed; nullopt after reporting at `where`.
std::optional<std::map<std::string, std::string>> sums_from(const std::optional<std::string>& text,
                                                            const std::string& where,
                                                            Diagnostics& diagnostics) {
  if (!text) {
    diagnostics.error({where, 0, 0},
                      "no SHA256SUMS to verify against: a copy made by gongkai archive holds one "
                      "at its top");
    return std::nullopt;
  }
  if (text->size() > kMaxSumsBytes) {
    diagnostics.error({where, 0, 0},
                      "larger than " + std::to_string(kMaxSumsBytes >> 20) + " MiB: not read");
    return std::nullopt;
  }
  return parse_sums(*text, where, diagnostics);
}

}  // namespace

VerifyResult verify_folder(const fs::path& dir, Diagnostics& diagnostics) {
  VerifyResult result;
  const fs::path sums_file = dir / kSumsName;
  std::error_code ec;
  std::optional<std::string> text;
  if (fs::is_regular_file(fs::symlink_status(sums_file, ec)))
    text = read_bounded(sums_file, kMaxSumsBytes);
  auto listed = sums_from(text, sums_file.string(), diagnostics);
  if (!listed) return result;
  std::map<std::string, Found> found;
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    fs::file_status status = it->symlink_status(ec);
    std::string path = it->path().lexically_relative(dir).generic_string();
    if (ec || fs::is_directory(status) || path == kSumsName) continue;
    Found& file = found[path];
    if (!fs::is_regular_file(status)) {
      file.problem = "not a regular file (a symbolic link, say): not read";
    } else if (std::optional<std::string> digest = sha256_of_file(it->path())) {
      file.sha256 = *digest;
    } else {
      file.problem = "cannot be read";
    }
  }
  if (ec) {
    diagnostics.error({dir.string(), 0, 0}, "cannot read the folder: " + ec.message());
    return result;
  }
  compare(*listed, found, result, diagnostics);
  return result;
}

namespace {

struct ZipCloser {
  void operator()(zip_t* zip) const { zip_discard(zip); }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;
struct EntryCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

/// Reads entry `index` into `sink` in pieces, at most `limit` bytes; "" when whole, else why not.
template <class Sink>
std::string read_entry(zip_t* zip, zip_uint64_t index, std::uint64_t limit, Sink sink) {
  std::unique_ptr<zip_file_t, EntryCloser> file(zip_fopen_index(zip, index, 0));
  if (!file) return std::string("cannot be read from the archive: ") + zip_strerror(zip);
  std::vector<char> buffer(1 << 16);
  std::uint64_t total = 0;
  while (true) {
    zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0)
      return std::string("cannot be read from the archive: ") + zip_file_strerror(file.get());
    if (n == 0) return "";
    total += static_cast<std::uint64_t>(n);
    if (total > limit) return "larger than " + std::to_string(limit >> 20) + " MiB: not read";
    sink(std::string_view(buffer.data(), static_cast<std::size_t>(n)));
  }
}

/// The name of the archive's SHA256SUMS — at its top, or in a top folder — the shortest when
/// there are several; nullopt when there is none.
std::optional<zip_uint64_t> find_sums(const std::vector<std::string>& names) {
  std::optional<zip_uint64_t> best;
  for (zip_uint64_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    std::size_t slash = name.find('/');
    bool top =
        name == kSumsName || (slash != std::string::npos && name.substr(slash + 1) == kSumsName &&
                              is_contained_path(name));
    if (top && (!best || name.size() < names[*best].size())) best = i;
  }
  return best;
}

/// Every entry's name, as stored; nullopt after reporting when the archive has too many.
std::optional<std::vector<std::string>> entry_names(zip_t* zip, const std::string& where,
                                                    Diagnostics& diagnostics) {
  zip_int64_t count = zip_get_num_entries(zip, 0);
  if (count < 0 || static_cast<std::uint64_t>(count) > kMaxEntries) {
    diagnostics.error({where, 0, 0}, "more than 1,000,000 entries: not read");
    return std::nullopt;
  }
  std::vector<std::string> names;
  for (zip_int64_t i = 0; i < count; ++i) {
    const char* name = zip_get_name(zip, static_cast<zip_uint64_t>(i), 0);
    names.push_back(name ? name : "");
  }
  return names;
}

/// The entries other than SHA256SUMS, by path relative to `prefix`; those outside it by
/// their whole name.
std::map<std::string, Found> archive_files(zip_t* zip, const std::vector<std::string>& names,
                                           zip_uint64_t sums, const std::string& prefix) {
  std::map<std::string, Found> found;
  for (zip_uint64_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    if (i == sums) continue;
    bool folder = name.ends_with('/');
    std::string bare = folder ? name.substr(0, name.size() - 1) : name;
    if (!is_contained_path(bare)) {
      found[name].problem =
          "unsafe name in the archive (absolute, or with '..' or empty segments): not read";
      continue;
    }
    if (folder) continue;
    std::string path = name.starts_with(prefix) ? name.substr(prefix.size()) : name;
    if (found.count(path)) {
      found[path].problem = "more than one entry of this name in the archive";
      continue;
    }
    Found& file = found[path];
    Sha256 digest;
    file.problem =
        read_entry(zip, i, kMaxEntryBytes, [&](std::string_view bytes) { digest.add(bytes); });
    if (file.problem.empty()) file.sha256 = digest.hex();
  }
  return found;
}

}  // namespace

VerifyResult verify_archive(const fs::path& file, Diagnostics& diagnostics) {
  VerifyResult result;
  const std::string where = file.string();
  int code = 0;
  ZipHandle zip(zip_open(file.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code));
  if (!zip) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    diagnostics.error({where, 0, 0},
                      std::string("not a readable zip archive: ") + zip_error_strerror(&error));
    zip_error_fini(&error);
    return result;
  }
  std::optional<std::vector<std::string>> names = entry_names(zip.get(), where, diagnostics);
  if (!names) return result;
  std::optional<zip_uint64_t> sums = find_sums(*names);
  std::optional<std::string> text;
  std::string prefix;
  if (sums) {
    const std::string& name = (*names)[*sums];
    prefix = name.substr(0, name.size() - std::string_view(kSumsName).size());
    std::string bytes;
    std::string problem = read_entry(zip.get(), *sums, kMaxSumsBytes,
                                     [&](std::string_view piece) { bytes.append(piece); });
    if (!problem.empty()) {
      diagnostics.error({where + "/" + name, 0, 0}, problem);
      return result;
    }
    text = std::move(bytes);
  }
  auto listed = sums_from(text, sums ? where + "/" + (*names)[*sums] : where, diagnostics);
  if (!listed) return result;
  compare(*listed, archive_files(zip.get(), *names, *sums, prefix), result, diagnostics);
  return result;
}

std::string verify_summary(const VerifyResult& result) {
  if (result.clean()) {
    return "verified " + std::to_string(result.listed) + " files against SHA256SUMS: all match";
  }
  if (!result.checked) return "verify failed: nothing to verify against";
  return "verify failed: " + std::to_string(result.changed) + " changed, " +
         std::to_string(result.missing) + " missing, " + std::to_string(result.extra) +
         " not in SHA256SUMS (of " + std::to_string(result.listed) + " files listed)";
}

}  // namespace gongkai
