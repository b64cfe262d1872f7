#include "publish/manifest.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "base/parallel.h"

namespace gongkai {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFormatLine = "gongkai-manifest 2";
constexpr std::string_view kEntriesLine = "entries";
/// Followed by the number of entries: last, because the entries are written as they are scanned.
constexpr std::string_view kEndWord = "end";

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : bytes) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

void append_hex(std::string& out, std::uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (int shift = 60; shift >= 0; shift -= 4) out += kDigits[(value >> shift) & 0xf];
}

}  // namespace

std::int64_t nanoseconds(const struct timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1000000000 + time.tv_nsec;
}

namespace {

OutputEntry entry_of(const struct stat& info, std::string relative) {
  OutputEntry entry;
  entry.path = std::move(relative);
  entry.type = S_ISREG(info.st_mode) ? 'f' : S_ISDIR(info.st_mode) ? 'd' : 'o';
  if (entry.type == 'd') return entry;  // its times change with its entries, which are listed
  entry.size = static_cast<std::uint64_t>(info.st_size);
  entry.mtime_ns = nanoseconds(info.st_mtim);
  entry.ctime_ns = nanoseconds(info.st_ctim);
  entry.inode = static_cast<std::uint64_t>(info.st_ino);
  return entry;
}

/// Appends the entries under the folder open as `dir` (closed here), their paths prefixed with
/// `prefix`; false when any of it cannot be read. Names are looked up relative to the folder,
/// not walked from the root for every file. With `subfolders`, folders are listed but not
/// entered: their paths go there instead, to be scanned apart.
bool scan_folder(int dir, const std::string& prefix, std::vector<OutputEntry>& entries,
                 std::vector<std::string>* subfolders = nullptr) {
  DIR* stream = ::fdopendir(dir);
  if (stream == nullptr) {
    ::close(dir);
    return false;
  }
  bool ok = true;
  for (errno = 0; dirent* item = ::readdir(stream); errno = 0) {
    std::string_view name = item->d_name;
    if (name == "." || name == "..") continue;
    struct stat info {};
    ok = ::fstatat(::dirfd(stream), item->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0;
    if (!ok) break;
    entries.push_back(entry_of(info, prefix + std::string(name)));
    if (!S_ISDIR(info.st_mode)) continue;
    if (subfolders) {
      subfolders->push_back(entries.back().path);
      continue;
    }
    int child = ::openat(::dirfd(stream), item->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    ok = child >= 0 && scan_folder(child, entries.back().path + "/", entries);
    if (!ok) break;
  }
  ok = ok && errno == 0;
  ::closedir(stream);
  return ok;
}

/// Reads "WORD VALUE\n" at the start of `in`; false when the word differs.
template <class T>
bool read_field(std::istream& in, std::string_view word, T& value) {
  std::string line;
  if (!std::getline(in, line) || !line.starts_with(word) || line.size() <= word.size() + 1 ||
      line[word.size()] != ' ') {
    return false;
  }
  if constexpr (std::is_same_v<T, std::string>) {
    value = line.substr(word.size() + 1);
    return true;
  } else {
    const char* first = line.data() + word.size() + 1;
    const char* last = line.data() + line.size();
    auto [end, error] = std::from_chars(first, last, value);
    return error == std::errc() && end == last;
  }
}

/// Parses "TYPE SIZE MTIME CTIME INODE PATH".
std::optional<OutputEntry> parse_entry(const std::string& line) {
  OutputEntry entry;
  if (line.size() < 2 || line[1] != ' ') return std::nullopt;
  entry.type = line[0];
  const char* p = line.data() + 2;
  const char* last = line.data() + line.size();
  auto number = [&](auto& value) {
    auto [end, error] = std::from_chars(p, last, value);
    if (error != std::errc() || end == last || *end != ' ') return false;
    p = end + 1;
    return true;
  };
  if (!number(entry.size) || !number(entry.mtime_ns) || !number(entry.ctime_ns) ||
      !number(entry.inode) || p == last) {
    return std::nullopt;
  }
  entry.path.assign(p, last);
  return entry;
}

}  // namespace

void Digest::add(std::string_view field) {
  fields_ += std::to_string(field.size());
  fields_ += ':';
  fields_ += field;
}

void Digest::add(std::int64_t number) { add(std::to_string(number)); }

std::string Digest::hex() const {
  std::string out;
  append_hex(out, fnv1a(fields_));
  append_hex(out, std::hash<std::string>{}(fields_));
  return out;
}

namespace {

/// The files the process has mapped executable (itself, the dynamic loader, shared libraries).
std::set<std::string> executable_mappings() {
  std::ifstream maps("/proc/self/maps");
  std::set<std::string> paths;
  for (std::string line; std::getline(maps, line);) {
    std::istringstream fields(line);
    std::string address, permissions, offset, device, inode, path;
    fields >> address >> permissions >> offset >> device >> inode;
    std::getline(fields >> std::ws, path);
    if (permissions.size() >= 3 && permissions[2] == 'x' && path.starts_with('/')) paths.insert(path);
  }
  return paths;
}

/// A file by identity: an upgraded package replaces its files (new inode, size or times).
void add_file_identity(Digest& digest, const std::string& path) {
  digest.add(path);
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return digest.add("(missing)");
  digest.add(static_cast<std::int64_t>(info.st_size));
  digest.add(nanoseconds(info.st_mtim));
  digest.add(nanoseconds(info.st_ctim));
  digest.add(static_cast<std::int64_t>(info.st_ino));
}

}  // namespace

const std::string& generator_identity() {
  static const std::string identity = [] {
    std::ifstream in("/proc/self/exe", std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in || bytes.str().empty()) return std::string();
    Digest digest;
    digest.add(bytes.str());
    for (const std::string& path : executable_mappings()) add_file_identity(digest, path);
    return digest.hex();
  }();
  return identity;
}

std::string boot_identity() {
  std::ifstream in("/proc/sys/kernel/random/boot_id");
  std::string id;
  std::getline(in, id);
  return id;
}

namespace {

/// A run of entries that sorts as one: a top-level entry, or everything under a top-level
/// folder. Every path under folder NAME starts with "NAME/", and no top-level name holds a '/',
/// so no other entry sorts among them: sorting the runs by key ("NAME/" for a folder's
/// contents) and each folder's contents on its own gives the whole output in path order.
struct Run {
  std::string key;
  /// Index into the top-level entries, or, when `folder`, into the top-level folders.
  std::size_t index = 0;
  bool folder = false;
};

std::vector<Run> runs_of(const std::vector<OutputEntry>& top, const std::vector<std::string>& folders) {
  std::vector<Run> runs;
  runs.reserve(top.size() + folders.size());
  for (std::size_t i = 0; i < top.size(); ++i) runs.push_back({top[i].path, i, false});
  for (std::size_t i = 0; i < folders.size(); ++i) runs.push_back({folders[i] + "/", i, true});
  std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.key < b.key; });
  return runs;
}

/// How many top-level folders are scanned side by side before their entries are handed on: at
/// 10,000 reports a department holds a few hundred entries, so a batch holds a few MB where
/// the whole output held about 90.
constexpr std::size_t kFoldersPerBatch = 64;

/// Scans the folders of `runs[first, last)` (top-level entries among them are skipped) into
/// `scanned`, one list per run, each sorted by path; false when one cannot be read whole.
bool scan_batch(const fs::path& root, const std::vector<std::string>& folders, const std::vector<Run>& runs,
                std::size_t first, std::size_t last, unsigned jobs,
                std::vector<std::vector<OutputEntry>>& scanned) {
  scanned.assign(last - first, {});
  std::atomic<bool> whole{true};
  parallel_for(last - first, jobs, [&](std::size_t i) {
    const Run& run = runs[first + i];
    if (!run.folder) return;
    const std::string& name = folders[run.index];
    int child = ::open((root / name).c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (child < 0 || !scan_folder(child, name + "/", scanned[i])) whole = false;
    std::sort(scanned[i].begin(), scanned[i].end(),
              [](const OutputEntry& a, const OutputEntry& b) { return a.path < b.path; });
  });
  return whole;
}

/// The end of the batch that starts at run `first`: kFoldersPerBatch folders on.
std::size_t batch_end(const std::vector<Run>& runs, std::size_t first) {
  std::size_t folders = 0, last = first;
  while (last < runs.size() && folders < kFoldersPerBatch) folders += runs[last++].folder ? 1 : 0;
  return last;
}

}  // namespace

bool visit_output(const fs::path& root, unsigned jobs, const std::function<bool(const OutputEntry&)>& visit) {
  std::vector<OutputEntry> top;
  std::vector<std::string> folders;
  int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0 || !scan_folder(dir, "", top, &folders)) return false;
  std::vector<Run> runs = runs_of(top, folders);
  std::vector<std::vector<OutputEntry>> scanned;
  for (std::size_t first = 0; first < runs.size();) {
    std::size_t last = batch_end(runs, first);
    if (!scan_batch(root, folders, runs, first, last, jobs, scanned)) return false;
    for (std::size_t i = first; i < last; ++i) {
      if (!runs[i].folder && !visit(top[runs[i].index])) return false;
      for (const OutputEntry& entry : scanned[i - first]) {
        if (!visit(entry)) return false;
      }
    }
    first = last;
  }
  return true;
}

std::optional<std::vector<OutputEntry>> scan_output(const fs::path& root, unsigned jobs) {
  std::vector<OutputEntry> entries;
  if (!visit_output(root, jobs, [&entries](const OutputEntry& entry) {
        entries.push_back(entry);
        return true;
      })) {
    return std::nullopt;
  }
  return entries;
}

fs::path manifest_path(const fs::path& output_dir) {
  return output_dir.parent_path() / ("." + output_dir.filename().string() + ".manifest");
}

std::optional<BuildManifest> read_manifest(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string format;
  if (!std::getline(in, format) || format != kFormatLine) return std::nullopt;
  BuildManifest manifest;
  std::size_t diagnostic_bytes = 0, count = 0;
  if (!read_field(in, "fingerprint", manifest.fingerprint) || !read_field(in, "boot", manifest.boot) ||
      !read_field(in, "reports", manifest.reports) ||
      !read_field(in, "departments", manifest.departments) ||
      !read_field(in, "diagnostics", diagnostic_bytes) || diagnostic_bytes > (1u << 24)) {
    return std::nullopt;
  }
  manifest.diagnostics.resize(diagnostic_bytes);
  in.read(manifest.diagnostics.data(), static_cast<std::streamsize>(diagnostic_bytes));
  std::string line;
  if (!in || !std::getline(in, line) || line != kEntriesLine) return std::nullopt;
  while (std::getline(in, line) && !line.starts_with(kEndWord)) {
    std::optional<OutputEntry> entry = parse_entry(line);
    if (!entry) return std::nullopt;
    manifest.entries.push_back(std::move(*entry));
  }
  // The end line with the count, then nothing: a cut or appended manifest is not taken for a
  // whole one.
  std::istringstream end(line + "\n");
  if (!read_field(end, kEndWord, count) || in.peek() != EOF || manifest.entries.size() != count) {
    return std::nullopt;
  }
  return manifest;
}

namespace {

/// Writes `file` through a temporary file beside it, renamed over it once `body` has written
/// it whole: streamed, because at 10,000 reports the manifest is 55 MB and the reuse record
/// 136 MB, which a string would hold a second time (and up to twice over while it grew). False,
/// leaving `file` as it was, when `body` says so or the file cannot be written.
bool write_through_temporary(const fs::path& file, const std::function<bool(std::ostream&)>& body) {
  fs::path temporary = file;
  temporary += ".tmp-" + std::to_string(::getpid());
  std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
  bool whole = body(out);
  out.close();
  std::error_code ec;
  if (!whole || !out) {
    fs::remove(temporary, ec);
    return false;
  }
  fs::rename(temporary, file, ec);
  return !ec;
}

}  // namespace

bool write_manifest(const fs::path& file, const BuildManifest& manifest, const OutputSource& entries) {
  return write_through_temporary(file, [&](std::ostream& out) {
    out << kFormatLine << "\nfingerprint " << manifest.fingerprint << "\nboot " << manifest.boot
        << "\nreports " << manifest.reports << "\ndepartments " << manifest.departments
        << "\ndiagnostics " << manifest.diagnostics.size() << "\n"
        << manifest.diagnostics << kEntriesLine << "\n";
    std::size_t count = 0;
    bool whole = entries([&](const OutputEntry& e) {
      if (e.path.find('\n') != std::string::npos) return false;
      out << e.type << ' ' << e.size << ' ' << e.mtime_ns << ' ' << e.ctime_ns << ' ' << e.inode << ' ' << e.path
          << '\n';
      ++count;
      return true;
    });
    out << kEndWord << ' ' << count << '\n';
    return whole;
  });
}

bool write_manifest(const fs::path& file, const BuildManifest& manifest) {
  return write_manifest(file, manifest, [&manifest](const std::function<bool(const OutputEntry&)>& visit) {
    for (const OutputEntry& entry : manifest.entries) {
      if (!visit(entry)) return false;
    }
    return true;
  });
}

// The reuse record: "gongkai-reuse 2", then fields written as "NAME LENGTH\n" followed by
// LENGTH bytes and a line break, so that any text (search entries hold quotes and line breaks)
// comes back byte for byte.

namespace {

constexpr std::string_view kReuseFormatLine = "gongkai-reuse 2";

void put(std::ostream& out, std::string_view name, std::string_view value) {
  out << name << ' ' << value.size() << '\n' << value << '\n';
}

/// Reads the field `name` written by put(); false when the next field is another or damaged.
bool take(std::istream& in, std::string_view name, std::string& value) {
  std::string header;
  if (!std::getline(in, header) || !header.starts_with(name) || header.size() <= name.size() + 1 ||
      header[name.size()] != ' ') {
    return false;
  }
  std::size_t size = 0;
  std::string_view digits = std::string_view(header).substr(name.size() + 1);
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), size);
  if (error != std::errc() || end != digits.data() + digits.size() || size > (1u << 28)) return false;
  value.resize(size);
  in.read(value.data(), static_cast<std::streamsize>(size));
  return in && in.get() == '\n';
}

bool take_number(std::istream& in, std::string_view name, std::size_t& number) {
  std::string text;
  if (!take(in, name, text)) return false;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc() && end == text.data() + text.size();
}

/// False when the summary's terms were set aside and cannot be read back.
bool put_summary(std::ostream& out, const ReportSummary& report) {
  put(out, "report", report.dir);
  put(out, "headline", report.has_headline ? "1" : "0");
  if (report.has_headline) {
    put(out, "label", report.headline_label);
    put(out, "text", report.headline_text);
    put(out, "value", report.headline_value);
    put(out, "unit", std::to_string(report.headline_unit));
  }
  put(out, "figures", report.key_figures);
  if (!report.spilled_terms.spill) {
    put(out, "terms", report.search_terms);
    return true;
  }
  std::optional<std::string> terms = report.spilled_terms.spill->read(report.spilled_terms);
  if (terms) put(out, "terms", *terms);
  return terms.has_value();
}

bool take_summary(std::istream& in, ReportSummary& report) {
  std::string flag, unit;
  if (!take(in, "report", report.dir) || !take(in, "headline", flag)) return false;
  report.has_headline = flag == "1";
  if (report.has_headline) {
    if (!take(in, "label", report.headline_label) || !take(in, "text", report.headline_text) ||
        !take(in, "value", report.headline_value) || !take(in, "unit", unit)) {
      return false;
    }
    auto [end, error] = std::from_chars(unit.data(), unit.data() + unit.size(), report.headline_unit);
    if (error != std::errc() || end != unit.data() + unit.size()) return false;
  }
  return (flag == "0" || flag == "1") && take(in, "figures", report.key_figures) &&
         take(in, "terms", report.search_terms);
}

void put_diagnostics(std::ostream& out, std::string_view stage, const std::vector<Diagnostic>& list) {
  put(out, stage, std::to_string(list.size()));
  for (const Diagnostic& d : list) {
    put(out, "severity", std::to_string(static_cast<int>(d.severity)));
    put(out, "path", d.where.path);
    put(out, "at", std::to_string(d.where.line) + " " + std::to_string(d.where.column) + " " +
                       std::to_string(d.source_column));
    put(out, "message", d.message);
    put(out, "line", d.source_line);
  }
}

bool take_diagnostic(std::istream& in, Diagnostic& d) {
  std::string severity, at;
  if (!take(in, "severity", severity) || !take(in, "path", d.where.path) || !take(in, "at", at) ||
      !take(in, "message", d.message) || !take(in, "line", d.source_line)) {
    return false;
  }
  if (severity != "0" && severity != "1" && severity != "2") return false;
  d.severity = static_cast<Severity>(severity[0] - '0');
  std::istringstream numbers(at);
  return static_cast<bool>(numbers >> d.where.line >> d.where.column >> d.source_column);
}

bool take_diagnostics(std::istream& in, std::string_view stage, std::vector<Diagnostic>& list) {
  std::size_t count = 0;
  if (!take_number(in, stage, count) || count > 100000) return false;
  for (std::size_t i = 0; i < count; ++i) {
    if (!take_diagnostic(in, list.emplace_back())) return false;
  }
  return true;
}

bool take_department(std::istream& in, DepartmentRecord& department) {
  std::size_t reports = 0;
  if (!take(in, "department", department.slug) || !take(in, "digest", department.digest) ||
      !take_number(in, "reports", reports)) {
    return false;
  }
  for (std::size_t i = 0; i < reports; ++i) {
    if (!take_summary(in, department.reports.emplace_back())) return false;
  }
  return take_diagnostics(in, "load", department.load) &&
         take_diagnostics(in, "check", department.check) &&
         take_diagnostics(in, "render", department.render);
}

}  // namespace

fs::path reuse_path(const fs::path& output_dir) {
  return output_dir.parent_path() / ("." + output_dir.filename().string() + ".reuse");
}

std::optional<ReuseRecord> read_reuse(
    const fs::path& file, const std::string& fingerprint,
    const std::function<bool(const std::string&, const std::string&)>& wanted) {
  std::ifstream in(file, std::ios::binary);
  std::string format;
  ReuseRecord record;
  std::size_t departments = 0;
  if (!std::getline(in, format) || format != kReuseFormatLine ||
      !take(in, "fingerprint", record.fingerprint) || record.fingerprint != fingerprint ||
      !take_number(in, "departments", departments)) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < departments; ++i) {
    if (!take_department(in, record.departments.emplace_back())) return std::nullopt;
    const DepartmentRecord& last = record.departments.back();
    if (wanted && !wanted(last.slug, last.digest)) record.departments.pop_back();
  }
  std::string end;
  if (!take(in, "end", end) || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  return record;
}

bool write_reuse(const fs::path& file, const ReuseRecord& record) {
  return write_through_temporary(file, [&record](std::ostream& out) {
    out << kReuseFormatLine << '\n';
    put(out, "fingerprint", record.fingerprint);
    put(out, "departments", std::to_string(record.departments.size()));
    for (const DepartmentRecord& department : record.departments) {
      put(out, "department", department.slug);
      put(out, "digest", department.digest);
      put(out, "reports", std::to_string(department.reports.size()));
      for (const ReportSummary& report : department.reports) {
        if (!put_summary(out, report)) return false;
      }
      put_diagnostics(out, "load", department.load);
      put_diagnostics(out, "check", department.check);
      put_diagnostics(out, "render", department.render);
    }
    put(out, "end", "");
    return true;
  });
}

}  // namespace gongkai
