#include "serve.h"

#include <poll.h>
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <csignal>
#include <cstring>
#include <deque>
#include <httplib.h>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "markdown.h"
#include "output.h"
#include "theme.h"

namespace gongkai {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using KeySet = std::set<std::string>;

// ---------------------------------------------------------------------------------------------
// Dependencies and source keys

bool dependency_matches(std::string_view dependency, std::string_view changed) {
  if (dependency == changed || dependency == "*" || changed == "*") return true;
  if (dependency.ends_with('/') && changed.starts_with(dependency)) return true;
  return changed.ends_with('/') && dependency.starts_with(changed);
}

namespace {

constexpr std::string_view kSourceFolders[] = {"content", "templates", "assets", "i18n"};

bool is_source_folder(std::string_view name) {
  return std::find(std::begin(kSourceFolders), std::end(kSourceFolders), name) !=
         std::end(kSourceFolders);
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  for (std::size_t start = 0; start <= path.size();) {
    std::size_t end = std::min(path.find('/', start), path.size());
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

/// "content/D/YEAR/KIND" for a report's .md or .json, else nullopt.
std::optional<std::string> report_key_of(const std::vector<std::string_view>& segments) {
  if (segments.size() != 4 || segments[0] != "content") return std::nullopt;
  std::string_view file = segments[3];
  std::size_t dot = file.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view extension = file.substr(dot);
  if ((extension != ".md" && extension != ".json") || !kind_from_slug(file.substr(0, dot))) {
    return std::nullopt;
  }
  return "content/" + std::string(segments[1]) + "/" + std::string(segments[2]) + "/" +
         std::string(file.substr(0, dot));
}

bool depends_on_any(const std::set<std::string>& dependencies, const KeySet& changed) {
  for (const std::string& dependency : dependencies) {
    for (const std::string& key : changed) {
      if (dependency_matches(dependency, key)) return true;
    }
  }
  return false;
}

/// The outputs to render again: those whose dependencies in the old or the new site include a
/// changed key (the old ones matter when something an output listed has gone), and new ones.
std::set<std::string> affected_outputs(const Dependencies& before,
                                       const Dependencies& after, const KeySet& changed) {
  std::set<std::string> out;
  for (const auto& [path, keys] : after) {
    auto old = before.find(path);
    if (old == before.end() || depends_on_any(keys, changed) || depends_on_any(old->second, changed)) {
      out.insert(path);
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> source_key_of(std::string_view relative_path, bool is_folder) {
  std::vector<std::string_view> segments = split_path(relative_path);
  for (std::string_view segment : segments) {
    if (segment.empty() || segment.front() == '.') return std::nullopt;
  }
  if (segments.size() == 1 && !is_folder) {
    return segments[0] == "site.toml" ? std::optional<std::string>("site.toml") : std::nullopt;
  }
  if (!is_source_folder(segments[0])) return std::nullopt;
  if (is_folder) return std::string(relative_path) + "/";
  if (std::optional<std::string> report = report_key_of(segments)) return report;
  return std::string(relative_path);
}

// ---------------------------------------------------------------------------------------------
// Rebuilds

Rebuilder::Rebuilder(BuildOptions options) : options_(std::move(options)) {
  snapshot_.store(std::make_shared<const SiteSnapshot>());
}

namespace {

/// Puts the freshly rendered files in place of the old ones, keeps the untouched ones, drops
/// the outputs the site no longer has, and lists what differs.
SiteSnapshot::Files merge_outputs(const SiteSnapshot::Files& before,
                                  const Dependencies& outputs,
                                  std::map<std::string, std::string> rendered,
                                  std::vector<std::string>& changed) {
  SiteSnapshot::Files files;
  for (const auto& [path, keys] : outputs) {
    auto old = before.find(path);
    auto fresh = rendered.find(path);
    if (fresh == rendered.end()) {
      if (old != before.end()) files.emplace(path, old->second);
      continue;
    }
    if (old != before.end() && *old->second == fresh->second) {
      files.emplace(path, old->second);
      continue;
    }
    changed.push_back(path);
    files.emplace(path, std::make_shared<const std::string>(std::move(fresh->second)));
  }
  for (const auto& [path, bytes] : before) {
    if (!outputs.count(path)) changed.push_back(path);
  }
  std::sort(changed.begin(), changed.end());
  return files;
}

std::vector<Diagnostic> errors_of(const Diagnostics& diagnostics) {
  std::vector<Diagnostic> errors = diagnostics.sorted();
  std::erase_if(errors, [](const Diagnostic& d) { return d.severity != Severity::error; });
  return errors;
}

}  // namespace

/// The site with its figures: loaded, or reloaded from the last good one. The build checks
/// the reports that were parsed anew.
std::optional<Site> Rebuilder::load(Diagnostics& diagnostics) {
  if (site_) return Site::reload(*site_, diagnostics);
  std::optional<Site> site = Site::load(options_, diagnostics);
  if (site && !site->load_figures(diagnostics)) return std::nullopt;
  return site;
}

RebuildResult Rebuilder::rebuild(const std::set<std::string>& hints, Diagnostics& diagnostics) {
  Clock::time_point start = Clock::now();
  std::optional<Site> next = load(diagnostics);
  if (!next || diagnostics.has_errors()) return fail(diagnostics);
  RebuildResult result;
  result.ok = true;
  result.full = !site_;
  result.changed_sources = site_ ? next->changed_sources(*site_) : KeySet{"*"};
  if (site_) result.changed_sources.insert(hints.begin(), hints.end());
  Dependencies dependencies = next->dependencies();
  std::set<std::string> affected = affected_outputs(dependencies_, dependencies, result.changed_sources);
  MemoryOutput output(diagnostics);
  if (!next->build(output, diagnostics, {nullptr, &affected, false})) return fail(diagnostics);
  std::shared_ptr<const SiteSnapshot> current = snapshot();
  SiteSnapshot::Files files = merge_outputs(current->files, dependencies, output.take(), result.changed_outputs);
  result.rendered = affected.size();
  site_ = std::move(next);
  dependencies_ = std::move(dependencies);
  result.unchanged = result.changed_outputs.empty() && current->errors.empty() && current->has_site();
  if (!result.unchanged) publish(std::move(files), {}, 0);
  result.generation = generation_;
  result.duration = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
  return result;
}

RebuildResult Rebuilder::fail(const Diagnostics& diagnostics) {
  std::vector<Diagnostic> errors = errors_of(diagnostics);
  std::size_t more = diagnostics.error_count() - std::min(diagnostics.error_count(), errors.size());
  std::string language = site_ ? site_->config().language : SiteConfig().language;
  publish(snapshot()->files, std::move(errors), more,
          load_preview_texts(options_.source_dir, language));
  RebuildResult result;
  result.generation = generation_;
  return result;
}

void Rebuilder::publish(SiteSnapshot::Files files, std::vector<Diagnostic> errors, std::size_t more,
                        PreviewTexts texts) {
  auto next = std::make_shared<SiteSnapshot>();
  next->files = std::move(files);
  next->errors = std::move(errors);
  next->more_errors = more;
  next->texts = std::move(texts);
  next->generation = ++generation_;
  snapshot_.store(std::move(next));
}

// ---------------------------------------------------------------------------------------------
// The preview's texts

std::string PreviewTexts::text(std::string_view key, std::size_t count) const {
  auto it = strings.find(key);
  std::string out = it == strings.end() ? std::string(key) : it->second;
  if (std::size_t at = out.find("{n}"); at != std::string::npos) {
    out.replace(at, 3, std::to_string(count));
  }
  return out;
}

namespace {

/// The language site.toml gives now, or `fallback` when it cannot be read.
std::string preview_language(const fs::path& source_dir, const std::string& fallback) {
  Diagnostics ignored;  // the rebuild reports them
  std::optional<SiteConfig> config = load_config(source_dir, ignored);
  return config ? config->language : fallback;
}

/// The UI strings of `language` from the site's theme, or from the built-in one when the
/// site's own theme files cannot be read or its strings are broken.
nlohmann::json preview_strings(const fs::path& source_dir, const std::string& language) {
  Diagnostics problems;
  std::optional<Theme> theme = Theme::load(source_dir, problems);
  nlohmann::json strings = theme ? theme->strings(language, problems) : nlohmann::json();
  if (theme && !problems.has_errors()) return strings;
  Diagnostics ignored;
  return Theme::builtin().strings(language, ignored);
}

}  // namespace

PreviewTexts load_preview_texts(const fs::path& source_dir, const std::string& fallback_language) {
  PreviewTexts texts;
  texts.language = preview_language(source_dir, fallback_language);
  const nlohmann::json strings = preview_strings(source_dir, texts.language);
  for (const auto& [key, value] : strings.items()) {
    if (!key.starts_with("serve_") || !value.is_string()) continue;
    texts.strings[key] = value.get<std::string>();
  }
  return texts;
}

// ---------------------------------------------------------------------------------------------
// Requests

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/// Percent-decodes a request path; nullopt for malformed escapes and for what must never
/// reach a lookup (encoded '/', backslashes, NUL and other control characters).
std::optional<std::string> decode_request_path(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(path[i]);
    if (c == '%') {
      int high = i + 2 < path.size() ? hex_value(path[i + 1]) : -1;
      int low = high >= 0 ? hex_value(path[i + 2]) : -1;
      if (low < 0) return std::nullopt;
      c = static_cast<unsigned char>(high * 16 + low);
      i += 2;
      if (c == '/') return std::nullopt;
    }
    if (c == '\\' || c < 0x20 || c == 0x7f) return std::nullopt;
    out += static_cast<char>(c);
  }
  return out;
}

}  // namespace

RequestPath resolve_request_target(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path.empty() || path.front() != '/') return {"", 400};
  std::optional<std::string> decoded = decode_request_path(path);
  if (!decoded) return {"", 400};
  std::string key = decoded->substr(1);
  bool folder = key.empty() || key.back() == '/';
  std::vector<std::string_view> segments = split_path(key);
  if (folder) segments.pop_back();
  for (std::string_view segment : segments) {
    if (segment == "." || segment == "..") return {"", 400};
  }
  for (std::string_view segment : segments) {
    if (segment.empty() || segment.front() == '.') return {"", 404};
  }
  if (folder) key += "index.html";
  return {key, 200};
}

std::string content_type_for(std::string_view path) {
  static const std::map<std::string, std::string, std::less<>> types = {
      {"html", "text/html; charset=utf-8"},     {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"}, {"mjs", "text/javascript; charset=utf-8"},
      {"svg", "image/svg+xml; charset=utf-8"},  {"json", "application/json; charset=utf-8"},
      {"csv", "text/csv; charset=utf-8"},       {"xml", "application/xml; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},     {"png", "image/png"},
      {"jpg", "image/jpeg"},                    {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},                     {"webp", "image/webp"},
      {"ico", "image/x-icon"},                  {"woff", "font/woff"},
      {"woff2", "font/woff2"},                  {"pdf", "application/pdf"}};
  std::string_view name = path.substr(path.rfind('/') + 1);
  std::size_t dot = name.rfind('.');
  std::string extension(dot == std::string_view::npos ? "" : name.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto it = types.find(extension);
  return it == types.end() ? "application/octet-stream" : it->second;
}

// ---------------------------------------------------------------------------------------------
// What pages carry in the preview

namespace {

/// Reloads the page when a rebuild changed it (or any rebuild failed or fixed the errors the
/// page shows), keeping the scroll position across the reload. Arguments: the server run,
/// the generation the page was served at, and whether it shows the error overlay.
constexpr std::string_view kLiveReloadScript = R"(<script>/* gongkai serve: live reload */
(function (run, generation, showingErrors) {
  var own = location.pathname.replace(/^\/+/, "");
  try { own = decodeURIComponent(own); } catch (e) {}
  if (own === "" || own.charAt(own.length - 1) === "/") own += "index.html";
  var key = "gongkai-scroll:" + location.pathname;
  var saved = null;
  try { saved = sessionStorage.getItem(key); sessionStorage.removeItem(key); } catch (e) {}
  if (saved) {
    var xy = saved.split(",");
    var restore = function () { window.scrollTo(Number(xy[0]), Number(xy[1])); };
    restore();
    window.addEventListener("load", restore);
  }
  if (!window.EventSource) return;
  var source = new EventSource("/__gongkai/events?run=" + run + "&since=" + generation);
  source.addEventListener("rebuild", function (event) {
    var change = JSON.parse(event.data);
    var stale = change.run !== run || change.full || !change.ok || showingErrors ||
        change.paths.indexOf(own) >= 0;
    if (!stale) return;
    source.close();
    try { sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); } catch (e) {}
    location.reload();
  });
})()";

constexpr std::string_view kOverlayStyle = R"(<style>
#gongkai-overlay{position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:50vh;overflow:auto;box-sizing:border-box;margin:0;padding:16px 20px;background:#fff8f7;color:#1f1f1f;border-top:4px solid #b3261e;box-shadow:0 -2px 12px rgba(0,0,0,.3);font:15px/1.5 system-ui,sans-serif;text-align:left}
#gongkai-overlay h2{margin:0 0 4px;font-size:17px;color:#8c1d18}
#gongkai-overlay p{margin:0 0 8px}
#gongkai-overlay ol{margin:0 0 12px;padding-left:24px}
#gongkai-overlay li{margin:4px 0}
#gongkai-overlay code,#gongkai-overlay pre{font:13px/1.4 ui-monospace,monospace;color:#1f1f1f;background:none}
#gongkai-overlay pre{margin:2px 0 0;white-space:pre-wrap}
#gongkai-overlay button{font:inherit;padding:4px 12px;border:1px solid #8c1d18;border-radius:4px;background:#fff;color:#8c1d18;cursor:pointer}
#gongkai-overlay button:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
</style>
)";

std::string location_text(const SourceLocation& where) {
  std::string out = where.path;
  if (where.line > 0) out += ":" + std::to_string(where.line);
  if (where.line > 0 && where.column > 0) out += ":" + std::to_string(where.column);
  return out;
}

std::string overlay_item(const Diagnostic& d) {
  std::string item = "<li><code>" + escape_html(location_text(d.where)) + "</code>: " + escape_html(d.message);
  if (!d.source_line.empty()) item += "<pre>" + escape_html(d.source_line) + "</pre>";
  return item + "</li>\n";
}

/// The error overlay, announced as an alert and hideable with a real button. Its own texts are
/// in the site's language (the page's, for a screen reader); the diagnostics stay as gongkai
/// prints them.
std::string error_overlay(const SiteSnapshot& snapshot) {
  const PreviewTexts& texts = snapshot.texts;
  std::size_t count = snapshot.errors.size() + snapshot.more_errors;
  std::string items;
  for (const Diagnostic& d : snapshot.errors) items += overlay_item(d);
  if (snapshot.more_errors > 0) {
    items +=
        "<li>" + escape_html(texts.text("serve_more_errors", snapshot.more_errors)) + "</li>\n";
  }
  std::string title = texts.text(count == 1 ? "serve_errors_one" : "serve_errors_other", count);
  std::string shown = texts.text(snapshot.has_site() ? "serve_last_good" : "serve_no_good");
  return "<div id=\"gongkai-overlay\" lang=\"" + escape_html(texts.language) +
         "\" dir=\"ltr\" role=\"alert\" aria-labelledby=\"gongkai-overlay-title\">\n" +
         std::string(kOverlayStyle) + "<h2 id=\"gongkai-overlay-title\">" + escape_html(title) +
         "</h2>\n<p>" + escape_html(shown) + "</p>\n<ol>\n" + items +
         "</ol>\n<button type=\"button\" onclick=\"this.parentNode.style.display='none'\">" +
         escape_html(texts.text("serve_hide")) + "</button>\n</div>\n";
}

/// The page every request gets while the site has never been built: only the overlay that
/// inject_preview() adds says why.
std::string no_site_page(const PreviewTexts& texts) {
  return "<!DOCTYPE html>\n<html lang=\"" + escape_html(texts.language) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape_html(texts.text("serve_page_title")) + "</title>\n</head>\n<body>\n<main>\n<h1>" +
         escape_html(texts.text("serve_page_heading")) + "</h1>\n</main>\n</body>\n</html>\n";
}

std::size_t find_last_body_close(std::string_view html) {
  for (std::size_t at = html.rfind("</"); at != std::string_view::npos;
       at = at == 0 ? std::string_view::npos : html.rfind("</", at - 1)) {
    std::string_view tag = html.substr(at + 2, 4);
    std::string lower(tag);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "body") return at;
  }
  return std::string_view::npos;
}

}  // namespace

std::string inject_preview(std::string_view html, const SiteSnapshot& snapshot,
                           std::string_view run_id) {
  bool errors = !snapshot.errors.empty() || snapshot.more_errors > 0;
  std::string addition = errors ? error_overlay(snapshot) : "";
  addition += std::string(kLiveReloadScript) + "\"" + std::string(run_id) + "\", " +
              std::to_string(snapshot.generation) + ", " + (errors ? "true" : "false") +
              ");\n</script>\n";
  std::size_t at = find_last_body_close(html);
  if (at == std::string_view::npos) return std::string(html) + addition;
  return std::string(html.substr(0, at)) + addition + std::string(html.substr(at));
}

// ---------------------------------------------------------------------------------------------
// Events: what the pages' EventSource receives

namespace {

struct LiveEvent {
  std::uint64_t generation = 0;
  /// The JSON of the event's data line.
  std::string data;
};

/// The rebuilds announced so far (the recent ones), and the streams waiting for the next.
class EventHub {
 public:
  explicit EventHub(std::string run_id) : run_id_(std::move(run_id)) {}

  void publish(const RebuildResult& result, std::size_t errors) {
    nlohmann::json data = {{"run", run_id_},         {"generation", result.generation},
                           {"ok", result.ok},         {"full", result.full},
                           {"paths", result.changed_outputs}, {"errors", errors}};
    std::lock_guard lock(mutex_);
    history_.push_back({result.generation, data.dump()});
    if (history_.size() > kHistory) history_.pop_front();
    latest_ = result.generation;
    wake_.notify_all();
  }

  /// The events after generation `since`, waiting up to `timeout` for one. When `since` is
  /// older than the history kept, one event that asks for a full reload.
  std::vector<LiveEvent> after(std::uint64_t since, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, timeout, [&] { return closed_ || latest_ > since; });
    if (closed_ || latest_ <= since) return {};
    if (history_.empty() || history_.front().generation > since + 1) return {full_reload(latest_)};
    std::vector<LiveEvent> out;
    for (const LiveEvent& event : history_) {
      if (event.generation > since) out.push_back(event);
    }
    return out;
  }

  /// An event for pages of another server run, or too old for the history.
  LiveEvent full_reload(std::uint64_t generation) const {
    nlohmann::json data = {{"run", run_id_}, {"generation", generation}, {"ok", true},
                           {"full", true},   {"paths", nlohmann::json::array()}, {"errors", 0}};
    return {generation, data.dump()};
  }

  std::uint64_t latest() const {
    std::lock_guard lock(mutex_);
    return latest_;
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    wake_.notify_all();
  }

  bool closed() const {
    std::lock_guard lock(mutex_);
    return closed_;
  }

  const std::string& run_id() const { return run_id_; }

 private:
  static constexpr std::size_t kHistory = 64;
  const std::string run_id_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<LiveEvent> history_;
  std::uint64_t latest_ = 0;
  bool closed_ = false;
};

std::string sse_message(const std::string& run_id, const LiveEvent& event) {
  return "id: " + run_id + "." + std::to_string(event.generation) +
         "\nevent: rebuild\ndata: " + event.data + "\n\n";
}

/// Where one event stream stands.
struct StreamState {
  std::uint64_t since = 0;
  bool same_run = true;
  bool started = false;
};

/// "RUN.GENERATION" (an event id) or the query's run and since: where a page left off.
StreamState stream_start(const httplib::Request& request, const std::string& run_id) {
  std::string run = request.get_param_value("run");
  std::string since = request.get_param_value("since");
  std::string last_id = request.get_header_value("Last-Event-ID");
  if (std::size_t dot = last_id.find('.'); dot != std::string::npos) {
    run = last_id.substr(0, dot);
    since = last_id.substr(dot + 1);
  }
  StreamState state;
  state.same_run = run == run_id;
  std::uint64_t value = 0;
  for (char c : since) {
    if (c < '0' || c > '9' || value > UINT64_MAX / 20) return state;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  state.since = value;
  return state;
}

std::string random_run_id() {
  std::random_device random;
  std::uniform_int_distribution<std::uint32_t> distribution;
  char text[9];
  std::snprintf(text, sizeof text, "%08x", distribution(random));
  return text;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Watching the sources

namespace {

/// Changes seen by the watcher, up to a quiet moment.
struct ChangeBatch {
  /// Source keys named by the events (source_key_of()); "*" after an event queue overflow.
  KeySet keys;
  Clock::time_point first_event;
  std::vector<std::string> problems;
};

/// inotify on site.toml and, recursively, on content/, templates/, assets/ and i18n/. Symbolic
/// links are not followed, and hidden files and folders are ignored (the loaders skip them).
class SourceWatcher {
 public:
  explicit SourceWatcher(fs::path root) : root_(std::move(root)) {}
  ~SourceWatcher() {
    if (inotify_ >= 0) ::close(inotify_);
    if (wake_ >= 0) ::close(wake_);
  }
  SourceWatcher(const SourceWatcher&) = delete;
  SourceWatcher& operator=(const SourceWatcher&) = delete;

  /// Starts watching. False, with a message in `problem`, when inotify is unavailable.
  bool start(std::string& problem) {
    inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (inotify_ < 0 || wake_ < 0) {
      problem = std::string("cannot watch the sources: ") + std::strerror(errno);
      return false;
    }
    std::vector<std::string> problems;
    watch_folder("", problems);
    for (std::string_view folder : kSourceFolders) watch_tree(std::string(folder), problems);
    bool root_watched = std::any_of(folders_.begin(), folders_.end(),
                                    [](const auto& folder) { return folder.second.empty(); });
    if (!problems.empty()) problem = problems.front();
    return root_watched;
  }

  /// Waits for changes and returns them once `quiet` passed without another (or a second after
  /// the first, should the sources never go quiet). nullopt once stop() was called.
  std::optional<ChangeBatch> next(std::chrono::milliseconds quiet) {
    ChangeBatch batch;
    bool pending = false;
    Clock::time_point last;
    for (;;) {
      int timeout = -1;
      if (pending) {
        Clock::time_point due = std::min(last + quiet, batch.first_event + std::chrono::seconds(1));
        if (Clock::now() >= due) return batch;
        timeout = static_cast<int>(std::chrono::ceil<std::chrono::milliseconds>(due - Clock::now()).count());
      }
      pollfd fds[2] = {{inotify_, POLLIN, 0}, {wake_, POLLIN, 0}};
      int ready = ::poll(fds, 2, timeout);
      if (ready < 0 && errno != EINTR) return std::nullopt;
      if (fds[1].revents != 0) return std::nullopt;
      Clock::time_point now = Clock::now();
      if ((fds[0].revents & POLLIN) && read_events(batch)) {
        if (!pending) batch.first_event = now;
        pending = true;
        last = now;
      }
    }
  }

  /// Makes next() return nullopt, now and from then on. Thread-safe.
  void stop() {
    std::uint64_t one = 1;
    if (wake_ >= 0 && ::write(wake_, &one, sizeof one) < 0) {
      // Nothing else to do: the descriptor is ours and non-blocking; it cannot be full here.
    }
  }

 private:
  static constexpr std::uint32_t kEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE |
                                           IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB;

  /// Watches one folder. Links inside the site are not followed, but the site folder itself may
  /// be a link (as `--source` names it, and as the loaders read it).
  void watch_folder(const std::string& relative, std::vector<std::string>& problems) {
    fs::path dir = relative.empty() ? root_ : root_ / relative;
    std::uint32_t follow = relative.empty() ? 0 : IN_DONT_FOLLOW;
    int wd = ::inotify_add_watch(inotify_, dir.c_str(), kEvents | IN_ONLYDIR | follow);
    if (wd < 0) {
      // A source folder may vanish between listing and watching; the site folder may not.
      bool vanished = !relative.empty() && (errno == ENOENT || errno == ENOTDIR);
      if (!vanished) {
        problems.push_back("cannot watch " + (relative.empty() ? "." : relative) + ": " +
                           std::strerror(errno) + "; changes there are not seen");
      }
      return;
    }
    folders_[wd] = relative;
  }

  /// Watches `relative` and every folder under it that is neither hidden nor a symbolic link.
  void watch_tree(const std::string& relative, std::vector<std::string>& problems) {
    std::error_code ec;
    if (!fs::is_directory(fs::symlink_status(root_ / relative, ec))) return;
    watch_folder(relative, problems);
    for (const fs::directory_entry& entry : fs::directory_iterator(root_ / relative, ec)) {
      std::string name = entry.path().filename().string();
      if (name.front() != '.' && entry.is_directory(ec) && !entry.is_symlink(ec)) {
        watch_tree(relative + "/" + name, problems);
      }
    }
  }

  /// Stops watching a folder that moved away (deleted folders stop by themselves).
  void forget_tree(const std::string& relative) {
    for (auto it = folders_.begin(); it != folders_.end();) {
      bool inside = it->second == relative || it->second.starts_with(relative + "/");
      if (!inside) {
        ++it;
        continue;
      }
      ::inotify_rm_watch(inotify_, it->first);
      it = folders_.erase(it);
    }
  }

  /// Reads what is queued; true when any event concerns the sources.
  bool read_events(ChangeBatch& batch) {
    alignas(inotify_event) char buffer[16384];
    bool relevant = false;
    for (;;) {
      ssize_t length = ::read(inotify_, buffer, sizeof buffer);
      if (length <= 0) return relevant;
      for (ssize_t at = 0; at < length;) {
        const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
        relevant = handle(*event, batch) || relevant;
        at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      }
    }
  }

  bool handle(const inotify_event& event, ChangeBatch& batch) {
    if (event.mask & IN_Q_OVERFLOW) return rescan(batch);
    auto folder = folders_.find(event.wd);
    if (event.mask & IN_IGNORED) {
      if (folder != folders_.end()) folders_.erase(folder);
      return false;
    }
    if (folder == folders_.end() || event.len == 0) return false;
    std::string name = event.name;
    std::string relative = folder->second.empty() ? name : folder->second + "/" + name;
    bool is_folder = event.mask & IN_ISDIR;
    if (folder->second.empty() && !(name == "site.toml" || (is_folder && is_source_folder(name)))) {
      return false;
    }
    std::optional<std::string> key = source_key_of(relative, is_folder);
    if (!key) return false;
    if (is_folder && (event.mask & (IN_MOVED_FROM | IN_DELETE))) forget_tree(relative);
    if (is_folder && (event.mask & (IN_CREATE | IN_MOVED_TO))) watch_tree(relative, batch.problems);
    batch.keys.insert(*key);
    return true;
  }

  /// Events were lost: watch every folder again (some may be new) and rebuild everything.
  bool rescan(ChangeBatch& batch) {
    for (std::string_view folder : kSourceFolders) watch_tree(std::string(folder), batch.problems);
    batch.keys.insert("*");
    return true;
  }

  fs::path root_;
  int inotify_ = -1;
  int wake_ = -1;
  /// Watch descriptor -> folder relative to the root ("" for the root itself).
  std::map<int, std::string> folders_;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// The server

namespace {

/// At most this many pages can hold an event stream open; each holds one server thread.
constexpr int kMaxEventStreams = 24;
constexpr int kServerThreads = 32;

std::string host_for_url(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

bool is_loopback(const std::string& host) {
  return host.rfind("127.", 0) == 0 || host == "::1" || host == "localhost";
}

std::string shortened_list(const KeySet& keys, std::size_t limit = 4) {
  std::string out;
  std::size_t shown = 0;
  for (const std::string& key : keys) {
    if (shown == limit) return out + " and " + std::to_string(keys.size() - limit) + " more";
    out += (shown++ ? ", " : "") + key;
  }
  return out.empty() ? "nothing" : out;
}

long milliseconds(Clock::duration duration) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count());
}

}  // namespace

struct PreviewServer::Impl {
  Impl(ServeOptions serve_options, std::ostream& log_stream, std::ostream& error_stream)
      : options(std::move(serve_options)),
        log(log_stream),
        errors(error_stream),
        rebuilder(BuildOptions{options.source_dir, options.include_drafts, 0, {}}),
        hub(random_run_id()),
        watcher(options.source_dir) {}

  bool start(Diagnostics& diagnostics);
  void stop();
  bool bind(Diagnostics& diagnostics);
  void install_handlers();
  void start_http_thread();
  void handle(const httplib::Request& request, httplib::Response& response);
  void serve_file(const std::string& key, const std::string& bytes, const SiteSnapshot& snapshot,
                  int status, httplib::Response& response) const;
  void serve_missing(const RequestPath& path, const httplib::Request& request,
                     const SiteSnapshot& snapshot, httplib::Response& response) const;
  void serve_not_found(const SiteSnapshot& snapshot, httplib::Response& response) const;
  void open_event_stream(const httplib::Request& request, httplib::Response& response);
  bool stream_step(StreamState& state, httplib::DataSink& sink);
  void watch_loop();
  void rebuild(const KeySet& hints, Clock::time_point edited);
  void report(const RebuildResult& result, const Diagnostics& diagnostics,
              Clock::duration edit_to_page);
  void announce_raw_html(const RebuildResult& result);

  ServeOptions options;
  std::ostream& log;
  std::ostream& errors;
  std::mutex log_mutex;
  Rebuilder rebuilder;
  EventHub hub;
  SourceWatcher watcher;
  httplib::Server http;
  std::thread http_thread;
  std::atomic<bool> http_ended{false};
  std::thread watch_thread;
  int port = -1;
  std::atomic<int> streams{0};
  bool running = false;
};

bool PreviewServer::Impl::start(Diagnostics& diagnostics) {
  // A browser closing a connection mid-write must not end the process.
  std::signal(SIGPIPE, SIG_IGN);
  std::string problem;
  bool watching = watcher.start(problem);
  if (!problem.empty()) {
    (watching ? diagnostics.warning({options.source_dir.string(), 0, 0}, problem)
              : diagnostics.error({options.source_dir.string(), 0, 0}, problem));
  }
  if (!watching || !bind(diagnostics)) return false;
  rebuild({}, Clock::now());
  install_handlers();
  running = true;
  start_http_thread();
  watch_thread = std::thread([this] { watch_loop(); });
  return true;
}

bool PreviewServer::Impl::bind(Diagnostics& diagnostics) {
  if (options.bind.empty()) {
    // The socket layer would take "" for every address of the machine.
    diagnostics.error({"--bind", 0, 0}, "needs an address, such as 127.0.0.1 (loopback, the "
                                        "default) or 0.0.0.0 (every address)");
    return false;
  }
  http.new_task_queue = [] { return new httplib::ThreadPool(kServerThreads); };
  // Only SO_REUSEADDR: httplib's default adds SO_REUSEPORT, which would let a second server
  // share the port silently instead of reporting it in use.
  http.set_socket_options([](int socket) {
    int yes = 1;
    ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.set_keep_alive_timeout(2);
  port = options.port == 0 ? http.bind_to_any_port(options.bind)
                           : (http.bind_to_port(options.bind, options.port) ? options.port : -1);
  if (port < 0) {
    diagnostics.error({options.bind + ":" + std::to_string(options.port), 0, 0},
                      "cannot listen on this address and port: it is in use or not an address "
                      "of this machine (choose another with --bind or --port)");
  }
  return port >= 0;
}

/// Starts serving on its own thread and returns once the server accepts connections: before
/// that, httplib's stop() does nothing, and a stop() coming that early (a test, a quick Ctrl+C)
/// would leave the thread blocked in accept() and stop() waiting for it forever.
void PreviewServer::Impl::start_http_thread() {
  http_thread = std::thread([this] {
    http.listen_after_bind();
    http_ended = true;
  });
  while (!http.is_running() && !http_ended) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void PreviewServer::Impl::install_handlers() {
  http.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
    if (request.method == "GET" || request.method == "HEAD") {
      return httplib::Server::HandlerResponse::Unhandled;
    }
    response.status = 405;
    response.set_header("Allow", "GET, HEAD");
    response.set_content("405 method not allowed: the preview answers GET and HEAD only\n",
                         "text/plain; charset=utf-8");
    return httplib::Server::HandlerResponse::Handled;
  });
  http.Get("[\\s\\S]*", [this](const httplib::Request& request, httplib::Response& response) {
    handle(request, response);
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
    response.status = 500;
    response.set_content("500 internal error\n", "text/plain; charset=utf-8");
  });
}

void PreviewServer::Impl::handle(const httplib::Request& request, httplib::Response& response) {
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Content-Type-Options", "nosniff");
  std::string_view target = request.target;
  if (target.substr(0, target.find('?')) == kEventsPath) return open_event_stream(request, response);
  RequestPath path = resolve_request_target(target);
  if (path.status == 400) {
    response.status = 400;
    response.set_content("400 bad request\n", "text/plain; charset=utf-8");
    return;
  }
  std::shared_ptr<const SiteSnapshot> snapshot = rebuilder.snapshot();
  // Names no output can have get the theme's 404 page, like any other missing page.
  if (path.status == 404) return serve_not_found(*snapshot, response);
  auto file = snapshot->files.find(path.key);
  if (file == snapshot->files.end()) return serve_missing(path, request, *snapshot, response);
  serve_file(path.key, *file->second, *snapshot, 200, response);
}

void PreviewServer::Impl::serve_file(const std::string& key, const std::string& bytes,
                                     const SiteSnapshot& snapshot, int status,
                                     httplib::Response& response) const {
  std::string type = content_type_for(key);
  response.status = status;
  if (type.starts_with("text/html")) {
    response.set_content(inject_preview(bytes, snapshot, hub.run_id()), type.c_str());
  } else {
    response.set_content(bytes, type.c_str());
  }
}

/// A missing output: a folder named without its trailing '/' is redirected to it; anything else
/// is answered by serve_not_found().
void PreviewServer::Impl::serve_missing(const RequestPath& path, const httplib::Request& request,
                                        const SiteSnapshot& snapshot,
                                        httplib::Response& response) const {
  std::string_view target = request.target;
  std::string folder_index = path.key + "/index.html";
  if (snapshot.has_site() && !path.key.ends_with("index.html") && snapshot.files.count(folder_index)) {
    std::size_t query = target.find('?');
    response.set_redirect("/" + path.key + "/" + std::string(query == std::string_view::npos ? "" : target.substr(query)), 301);
    return;
  }
  serve_not_found(snapshot, response);
}

/// The theme's 404 page (with the preview's additions), or a page saying that there is no good
/// build yet.
void PreviewServer::Impl::serve_not_found(const SiteSnapshot& snapshot,
                                          httplib::Response& response) const {
  if (!snapshot.has_site()) {
    return serve_file("error.html", no_site_page(snapshot.texts), snapshot, 503, response);
  }
  auto not_found = snapshot.files.find("404.html");
  if (not_found != snapshot.files.end()) return serve_file("404.html", *not_found->second, snapshot, 404, response);
  response.status = 404;
  response.set_content("404 not found\n", "text/plain; charset=utf-8");
}

void PreviewServer::Impl::open_event_stream(const httplib::Request& request,
                                            httplib::Response& response) {
  if (request.method == "HEAD") return response.set_content("", "text/event-stream");
  if (streams.fetch_add(1) >= kMaxEventStreams) {
    streams.fetch_sub(1);
    response.status = 503;
    response.set_content("503 too many live-reload streams\n", "text/plain; charset=utf-8");
    return;
  }
  auto state = std::make_shared<StreamState>(stream_start(request, hub.run_id()));
  response.set_chunked_content_provider(
      "text/event-stream",
      [this, state](std::size_t, httplib::DataSink& sink) { return stream_step(*state, sink); },
      [this](bool) { streams.fetch_sub(1); });
}

/// Sends what a page has not seen yet, or waits for it; a comment now and then tells whether
/// the page is still there.
bool PreviewServer::Impl::stream_step(StreamState& state, httplib::DataSink& sink) {
  std::string out;
  if (!state.started) {
    state.started = true;
    out = "retry: 1000\n\n";
    if (!state.same_run) {
      LiveEvent reload = hub.full_reload(hub.latest());
      state.since = reload.generation;
      out += sse_message(hub.run_id(), reload);
    }
    return sink.write(out.data(), out.size());
  }
  std::vector<LiveEvent> events = hub.after(state.since, options.ping_interval);
  if (hub.closed()) {
    sink.done();
    return true;
  }
  for (const LiveEvent& event : events) {
    out += sse_message(hub.run_id(), event);
    state.since = event.generation;
  }
  if (out.empty()) out = ": ping\n\n";
  return sink.write(out.data(), out.size());
}

void PreviewServer::Impl::watch_loop() {
  while (std::optional<ChangeBatch> batch = watcher.next(options.debounce)) {
    if (!batch->problems.empty()) {
      std::lock_guard lock(log_mutex);
      for (const std::string& problem : batch->problems) errors << "warning: " << problem << "\n";
    }
    rebuild(batch->keys, batch->first_event);
  }
}

void PreviewServer::Impl::rebuild(const KeySet& hints, Clock::time_point edited) {
  Diagnostics diagnostics;
  RebuildResult result = rebuilder.rebuild(hints, diagnostics);
  Clock::duration edit_to_page = Clock::now() - edited;
  if (!result.unchanged) hub.publish(result, diagnostics.error_count());
  report(result, diagnostics, edit_to_page);
}

void PreviewServer::Impl::report(const RebuildResult& result, const Diagnostics& diagnostics,
                                 Clock::duration edit_to_page) {
  std::lock_guard lock(log_mutex);
  errors << diagnostics.format_all() << std::flush;
  if (!result.ok) {
    errors << "rebuild failed: " << diagnostics.error_count() << " error(s); "
           << (rebuilder.site() ? "still serving the last good version of the site"
                                : "pages show the errors until they are fixed")
           << "\n" << std::flush;
    return;
  }
  announce_raw_html(result);
  const Site* site = rebuilder.site();
  if (result.full) {
    log << "built " << site->report_count() << " reports of " << site->department_count()
        << " departments: " << rebuilder.snapshot()->files.size() << " files in "
        << milliseconds(edit_to_page) << " ms\n" << std::flush;
  } else if (options.verbose) {
    log << "changed " << shortened_list(result.changed_sources) << ": " << result.rendered
        << " file(s) re-rendered, " << result.changed_outputs.size() << " changed; "
        << milliseconds(edit_to_page) << " ms from edit to page (rebuild "
        << milliseconds(result.duration) << " ms)\n" << std::flush;
  }
}

/// Opting out of the Markdown sanitiser is a security decision, so the preview says so as
/// `gongkai build` does: on the first build, and again whenever site.toml changed with it on.
/// Called with log_mutex held.
void PreviewServer::Impl::announce_raw_html(const RebuildResult& result) {
  const Site* site = rebuilder.site();
  bool settings_changed = result.full || result.changed_sources.count("site.toml") ||
                          result.changed_sources.count("*");
  if (!site || !site->config().raw_html || !settings_changed) return;
  errors << format_diagnostic({Severity::note, {"site.toml", 0, 0},
                               "[markdown] raw_html = true: raw HTML and javascript: links in "
                               "the narratives are published as written", ""})
         << "\n" << std::flush;
}

void PreviewServer::Impl::stop() {
  if (!running) return;
  running = false;
  watcher.stop();
  if (watch_thread.joinable()) watch_thread.join();
  hub.close();
  http.stop();
  if (http_thread.joinable()) http_thread.join();
}

PreviewServer::PreviewServer(ServeOptions options, std::ostream& log, std::ostream& errors)
    : impl_(std::make_unique<Impl>(std::move(options), log, errors)) {}

PreviewServer::~PreviewServer() { stop(); }

bool PreviewServer::start(Diagnostics& diagnostics) { return impl_->start(diagnostics); }
void PreviewServer::stop() { impl_->stop(); }
int PreviewServer::port() const { return impl_->port; }

std::string PreviewServer::url() const {
  return "http://" + host_for_url(impl_->options.bind) + ":" + std::to_string(impl_->port) + "/";
}

std::shared_ptr<const SiteSnapshot> PreviewServer::snapshot() const {
  return impl_->rebuilder.snapshot();
}

// ---------------------------------------------------------------------------------------------
// The command

namespace {

int serve_while_blocked(const ServeOptions& options, const sigset_t& stop_signals) {
  Diagnostics diagnostics;
  PreviewServer server(options, std::cout, std::cerr);
  bool started = server.start(diagnostics);
  std::cerr << diagnostics.format_all() << std::flush;
  if (!started) return 1;
  if (!is_loopback(options.bind)) {
    std::cerr << "warning: serving on " << options.bind
              << ": whoever can reach this address sees the preview, drafts included\n";
  }
  std::cout << "serving " << server.url() << (options.include_drafts ? " (drafts shown)" : "")
            << "; press Ctrl+C to stop\n" << std::flush;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  // A second Ctrl+C while stopping ends the process the usual way.
  pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  std::cout << "stopping\n" << std::flush;
  server.stop();
  return 0;
}

}  // namespace

int serve_until_signalled(const ServeOptions& options) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigset_t previous;
  // Blocked before any thread starts, so every thread inherits it and sigwait() sees them.
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  int status = serve_while_blocked(options, stop_signals);
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  return status;
}

}  // namespace gongkai
