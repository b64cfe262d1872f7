// Tests of `gongkai serve`: incremental rebuilds against fresh builds, the HTTP side (paths,
// methods, types), live reload over Server-Sent Events, the error overlay, and the command
// itself. Every wait is bounded.
#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <httplib.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "base/toml_file.h"
#include "example_site.h"
#include "model/theme.h"
#include "serve/guarded_server.h"
#include "serve/serve.h"
#include "serve_process.h"
#include "test_support.h"

using namespace gongkai;
using namespace gongkai::testing;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// ---------------------------------------------------------------------------------------------
// Helpers

using Files = std::map<std::string, std::string>;

/// How long a wait may last before the test calls it a hang: far above what a loaded machine
/// needs, so that no test depends on the machine's speed.
constexpr int kHangGuardSeconds = 120;

/// Waits until `done()` holds, checking every 10 ms; false after `timeout`. The timeout only
/// keeps a hung test from running forever: far above what a loaded machine needs, it asserts no
/// speed.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds timeout = std::chrono::seconds(kHangGuardSeconds)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

/// Every output of a fresh build of `source`.
Files fresh_build(const fs::path& source, bool drafts) {
  Diagnostics diagnostics;
  std::optional<Site> site = Site::load({source, drafts, 0, {}}, diagnostics);
  INFO(diagnostics.format_all());
  REQUIRE(site);
  REQUIRE_FALSE(diagnostics.has_errors());
  MemoryOutput output(diagnostics);
  site->build(output, diagnostics);
  REQUIRE_FALSE(diagnostics.has_errors());
  return output.take();
}

Files served_files(const SiteSnapshot& snapshot) {
  Files out;
  for (const auto& [path, bytes] : snapshot.files) out[path] = *bytes;
  return out;
}

/// Compares file by file and names what differs.
void require_same_files(const Files& actual, const Files& expected) {
  std::vector<std::string> missing, extra, different;
  for (const auto& [path, bytes] : expected) {
    auto it = actual.find(path);
    if (it == actual.end()) missing.push_back(path);
    else if (it->second != bytes) different.push_back(path);
  }
  for (const auto& [path, bytes] : actual) {
    if (!expected.count(path)) extra.push_back(path);
  }
  CHECK(missing == std::vector<std::string>{});
  CHECK(extra == std::vector<std::string>{});
  CHECK(different == std::vector<std::string>{});
}

std::set<std::string> hints_of(const Edit& edit) {
  std::set<std::string> keys;
  for (const std::string& path : edit.touched) {
    if (std::optional<std::string> key = source_key_of(path, edit.folder)) keys.insert(*key);
  }
  return keys;
}

/// Applies `edits` one after the other; after each, the incremental rebuild must equal a fresh
/// build byte for byte. With `use_hints` off, only the comparison of old and new sources finds
/// what changed.
void check_edits(const fs::path& site, const std::vector<Edit>& edits, bool use_hints,
                 bool drafts = true) {
  Rebuilder rebuilder({site, drafts, 0, {}});
  Diagnostics first;
  REQUIRE(rebuilder.rebuild({}, first).ok);
  for (const Edit& edit : edits) {
    INFO("edit: " << edit.name);
    edit.apply(site);
    Diagnostics diagnostics;
    RebuildResult result = rebuilder.rebuild(use_hints ? hints_of(edit) : std::set<std::string>{}, diagnostics);
    INFO(diagnostics.format_all());
    REQUIRE(result.ok);
    require_same_files(served_files(*rebuilder.snapshot()), fresh_build(site, drafts));
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP helpers

/// Sends `request` as raw bytes and returns the status code of the answer (0 if none).
int raw_status(int port, const std::string& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{kHangGuardSeconds, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  if (answer.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(answer.substr(9, 3));
}

int raw_get_status(int port, const std::string& target) {
  return raw_status(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
}

/// The run id and generation a served page's live-reload script carries.
std::pair<std::string, std::string> page_run(const std::string& html) {
  std::size_t end = html.rfind(");\n</script>");
  std::size_t start = html.rfind("})(\"", end);
  REQUIRE(start != std::string::npos);
  std::string args = html.substr(start + 4, end - start - 4);
  std::string run = args.substr(0, args.find('"'));
  std::size_t comma = args.find(", ");
  return {run, args.substr(comma + 2, args.find(',', comma + 2) - comma - 2)};
}

/// An event stream read on its own thread; every rebuild event is collected.
class EventStream {
 public:
  EventStream(int port, const std::string& query) : client_("127.0.0.1", port) {
    client_.set_read_timeout(5, 0);
    thread_ = std::thread([this, query] {
      client_.Get(("/__gongkai/events?" + query).c_str(), [this](const char* data, std::size_t size) {
        std::lock_guard lock(mutex_);
        text_.append(data, size);
        return !stopping_;
      });
      std::lock_guard lock(mutex_);
      ended_ = true;
    });
  }
  ~EventStream() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    client_.stop();
    thread_.join();
  }

  /// The data of every event received so far, parsed.
  std::vector<nlohmann::json> events() const {
    std::lock_guard lock(mutex_);
    std::vector<nlohmann::json> out;
    std::istringstream lines(text_);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("data: ", 0) == 0) out.push_back(nlohmann::json::parse(line.substr(6)));
    }
    return out;
  }
  std::string text() const {
    std::lock_guard lock(mutex_);
    return text_;
  }
  bool ended() const {
    std::lock_guard lock(mutex_);
    return ended_;
  }

  /// Waits for an event that satisfies `matches`.
  std::optional<nlohmann::json> wait_for(const std::function<bool(const nlohmann::json&)>& matches) const {
    std::optional<nlohmann::json> found;
    eventually([&] {
      for (const nlohmann::json& event : events()) {
        if (matches(event)) found = event;
      }
      return found.has_value();
    });
    return found;
  }

 private:
  httplib::Client client_;
  std::thread thread_;
  mutable std::mutex mutex_;
  std::string text_;
  bool stopping_ = false;
  bool ended_ = false;
};

bool lists_path(const nlohmann::json& event, const std::string& path) {
  for (const auto& p : event["paths"]) {
    if (p == path) return true;
  }
  return false;
}

/// A served copy of tests/fixtures/minimal.
struct ServedSite {
  TempDir tmp;
  fs::path site = tmp / "site";
  std::ostringstream log, errors;
  std::unique_ptr<PreviewServer> server;

  /// Serves the copy through `through` (a symbolic link to it) when given; `prepare` edits the
  /// copy before the server starts.
  explicit ServedSite(const fs::path& through = {},
                      const std::function<void(const fs::path&)>& prepare = {}) {
    copy_tree(fixture("minimal"), site);
    if (prepare) prepare(site);
    if (!through.empty()) fs::create_directory_symlink(site, through);
    ServeOptions options;
    options.source_dir = through.empty() ? site : through;
    options.port = 0;
    options.verbose = true;
    options.debounce = 20ms;
    options.ping_interval = 300ms;
    server = std::make_unique<PreviewServer>(options, log, errors);
    Diagnostics diagnostics;
    bool started = server->start(diagnostics);
    INFO(diagnostics.format_all() << errors.str());
    REQUIRE(started);
  }
  ~ServedSite() { server->stop(); }

  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server->port());
    c.set_read_timeout(kHangGuardSeconds, 0);
    c.set_connection_timeout(kHangGuardSeconds, 0);
    return c;
  }
};

const std::string kLibrary2023 = "content/city-library/2023/budget";

}  // namespace

// ---------------------------------------------------------------------------------------------
// Units

TEST_CASE("dependency keys match exactly, by folder prefix, or everything", "[serve]") {
  CHECK(dependency_matches("site.toml", "site.toml"));
  CHECK_FALSE(dependency_matches("site.toml", "assets/style.css"));
  CHECK(dependency_matches("i18n/", "i18n/en.toml"));
  CHECK(dependency_matches("content/a/2023/budget", "content/a/"));
  CHECK_FALSE(dependency_matches("content/ab/department.toml", "content/a/"));
  CHECK(dependency_matches("*", "assets/x.css"));
  CHECK(dependency_matches("assets/x.css", "*"));
}

TEST_CASE("file events map to source keys", "[serve]") {
  CHECK(source_key_of("site.toml", false) == "site.toml");
  CHECK(source_key_of("content/a/2023/budget.md", false) == "content/a/2023/budget");
  CHECK(source_key_of("content/a/2023/final-accounts.json", false) == "content/a/2023/final-accounts");
  CHECK(source_key_of("content/a/department.toml", false) == "content/a/department.toml");
  CHECK(source_key_of("content/a/2023", true) == "content/a/2023/");
  CHECK(source_key_of("templates/layout.mustache", false) == "templates/layout.mustache");
  CHECK(source_key_of("content/a/2023/notes.txt", false) == "content/a/2023/notes.txt");
  CHECK_FALSE(source_key_of("content/a/2023/.budget.md.swp", false));
  CHECK_FALSE(source_key_of("public/index.html", false));
  CHECK_FALSE(source_key_of("other.toml", false));
}

TEST_CASE("request targets resolve to output paths; escapes from the site are refused", "[serve]") {
  CHECK(resolve_request_target("/").key == "index.html");
  CHECK(resolve_request_target("/a/b/").key == "a/b/index.html");
  CHECK(resolve_request_target("/a/b.css?v=1").key == "a/b.css");
  CHECK(resolve_request_target("/a%20b/").key == "a b/index.html");
  for (const char* bad : {"/../site.toml", "/a/../../x", "/%2e%2e/x", "/%2E%2e/x", "/.%2E/x",
                          "/a/%2e/b", "/a%2fb", "/a%2Fb", "/a\\b", "/a%5cb", "/a%00b",
                          "/a%0ab", "/a%zz", "/a%2", "relative", "http://host/x", ""}) {
    INFO(bad);
    CHECK(resolve_request_target(bad).status == 400);
  }
  for (const char* missing : {"//x", "/a//b", "/.git/config", "/a/.hidden"}) {
    INFO(missing);
    CHECK(resolve_request_target(missing).status == 404);
  }
}

TEST_CASE("a request head ends at its first blank line; its header lines are counted", "[serve]") {
  CHECK(head_end("GET / HTTP/1.1\r\nHost: a\r\n\r\nbody") == 27);
  CHECK(head_end("GET / HTTP/1.1\nHost: a\n\n\r\n\r\n") == 24);
  CHECK(head_end("GET / HTTP/1.1\r\nHost: a\r\n") == std::string::npos);
  CHECK(header_lines("GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\r\n") == 2);
  CHECK(header_lines("GET / HTTP/1.1\r\nHost: a\r\nX: b") == 1);  // X: b not ended yet
  CHECK(header_lines("GET / HTTP/1.1\r\n\r\n") == 0);
  CHECK(header_lines("GET / HT") == 0);
}

TEST_CASE("content types carry charset=utf-8 for text", "[serve]") {
  CHECK(content_type_for("a/index.html") == "text/html; charset=utf-8");
  CHECK(content_type_for("assets/style.css") == "text/css; charset=utf-8");
  CHECK(content_type_for("search/root.js") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("assets/favicon.svg") == "image/svg+xml; charset=utf-8");
  CHECK(content_type_for("a/report.json") == "application/json; charset=utf-8");
  CHECK(content_type_for("a/summary.csv") == "text/csv; charset=utf-8");
  CHECK(content_type_for("feed.xml") == "application/xml; charset=utf-8");
  CHECK(content_type_for("robots.txt") == "text/plain; charset=utf-8");
  CHECK(content_type_for("assets/logo.PNG") == "image/png");
  CHECK(content_type_for("assets/blob") == "application/octet-stream");
}

TEST_CASE("the live-reload script and the overlay go before the last </body>", "[serve]") {
  SiteSnapshot snapshot;
  snapshot.generation = 7;
  std::string page = inject_preview("<html><body><p>x</p></BODY></html>", snapshot, "0badcafe");
  CHECK(page.find("gongkai serve: live reload") < page.find("</BODY>"));
  CHECK(page.find(")(\"0badcafe\", 7, false);\n</script>\n</BODY></html>") != std::string::npos);
  CHECK(page.find("gongkai-overlay") == std::string::npos);

  snapshot.errors.push_back({Severity::error, {"content/a/2023/budget.json", 3, 5}, "expected ',' <here>", ""});
  page = inject_preview("<p>no body tag</p>", snapshot, "0badcafe");
  CHECK(page.rfind("<p>no body tag</p>", 0) == 0);
  CHECK(page.find("id=\"gongkai-overlay\"") != std::string::npos);
  CHECK(page.find("role=\"alert\"") != std::string::npos);
  CHECK(page.find("<code>content/a/2023/budget.json:3:5</code>: expected &#39;,&#39; &lt;here&gt;") != std::string::npos);
  CHECK(page.find("7, true);") != std::string::npos);
}

namespace {

/// The minimal fixture copied to `site`, in `language`.
void site_in(const fs::path& site, const std::string& language) {
  copy_tree(fixture("minimal"), site);
  append(site / "site.toml", "language = \"" + language + "\"\n");
}

/// The snapshot after the minimal fixture in `site` was built and then given a broken report.
std::shared_ptr<const SiteSnapshot> broken_after_a_build(const fs::path& site) {
  Rebuilder rebuilder({site, true, 0, {}});
  Diagnostics first;
  REQUIRE(rebuilder.rebuild({}, first).ok);
  write_file(site / (kLibrary2023 + ".json"), "{\n  \"schema\": 1,,\n}\n");
  Diagnostics broken;
  REQUIRE_FALSE(rebuilder.rebuild({kLibrary2023}, broken).ok);
  return rebuilder.snapshot();
}

/// The opening tag of the overlay, as inject_preview() writes it.
std::string overlay_head(const std::string& language) {
  return "<div id=\"gongkai-overlay\" lang=\"" + language +
         "\" dir=\"ltr\" role=\"alert\" aria-labelledby=\"gongkai-overlay-title\">\n";
}

/// The overlay's texts up to its list of errors.
std::string overlay_texts(const std::string& title, const std::string& paragraph) {
  return "<h2 id=\"gongkai-overlay-title\">" + title + "</h2>\n<p>" + paragraph + "</p>\n<ol>\n";
}

}  // namespace

TEST_CASE("the error overlay speaks the site's language", "[serve]") {
  TempDir tmp;
  SECTION("zh-CN, the default") {
    copy_tree(fixture("minimal"), tmp / "site");
    auto snapshot = broken_after_a_build(tmp / "site");
    CHECK(snapshot->texts.language == "zh-CN");
    std::string page = inject_preview("<body></body>", *snapshot, "0badcafe");
    CHECK(page.find(overlay_head("zh-CN")) != std::string::npos);
    CHECK(page.find(overlay_texts("gongkai：网站有 1 个错误",
                                  "现在显示的是网站最后一次成功构建的版本。源文件改正后，页面会自动"
                                  "重新加载。")) != std::string::npos);
    CHECK(page.find(">隐藏</button>") != std::string::npos);
  }
  SECTION("en") {
    site_in(tmp / "site", "en");
    auto snapshot = broken_after_a_build(tmp / "site");
    CHECK(snapshot->texts.language == "en");
    std::string page = inject_preview("<body></body>", *snapshot, "0badcafe");
    CHECK(page.find(overlay_head("en")) != std::string::npos);
    CHECK(page.find(overlay_texts("gongkai: the site has 1 error",
                                  "This is the last good version of the site. It reloads by "
                                  "itself once the sources are fixed.")) != std::string::npos);
    CHECK(page.find(">Hide</button>") != std::string::npos);
    // The diagnostics themselves are as gongkai prints them, in every language.
    CHECK(page.find("<li><code>" + kLibrary2023 + ".json:2:") != std::string::npos);
  }
  SECTION("a site's own strings") {
    copy_tree(fixture("minimal"), tmp / "site");
    write_file(tmp / "site/i18n/zh-CN.toml", read_file(source_dir() / "i18n/zh-CN.toml"));
    replace_first(tmp / "site/i18n/zh-CN.toml", "serve_hide = \"隐藏\"", "serve_hide = \"收起\"");
    auto snapshot = broken_after_a_build(tmp / "site");
    CHECK(inject_preview("<body></body>", *snapshot, "0badcafe").find(">收起</button>") !=
          std::string::npos);
  }
}

TEST_CASE("the overlay counts in the site's language, and says how many more there are",
          "[serve]") {
  TempDir tmp;
  site_in(tmp / "site", "en");
  SiteSnapshot snapshot;
  snapshot.texts = load_preview_texts(tmp / "site", "zh-CN");
  snapshot.errors.push_back({Severity::error, {"site.toml", 1, 9}, "a", ""});
  snapshot.errors.push_back({Severity::error, {"site.toml", 2, 1}, "b", ""});
  snapshot.more_errors = 3;
  std::string page = inject_preview("<body></body>", snapshot, "0badcafe");
  CHECK(page.find(overlay_texts("gongkai: the site has 5 errors",
                                "There is no good version of the site yet. It reloads by itself "
                                "once the sources are fixed.")) != std::string::npos);
  CHECK(page.find("<li><code>site.toml:2:1</code>: b</li>\n<li>and 3 more (see the terminal)</li>\n"
                  "</ol>") != std::string::npos);
}

TEST_CASE("the overlay's language when site.toml or the strings are broken", "[serve]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  site_in(site, "en");
  // site.toml broken after a good build in English: still English.
  CHECK(load_preview_texts(site, "en").language == "en");
  write_file(site / "site.toml", "title = \n");
  PreviewTexts after_good = load_preview_texts(site, "en");
  CHECK(after_good.language == "en");
  CHECK(after_good.text("serve_hide") == "Hide");
  // Never built: the default language.
  CHECK(load_preview_texts(site, "zh-CN").text("serve_hide") == "隐藏");
  // The site's strings broken: the built-in ones of the site's language.
  site_in(tmp / "other", "en");
  write_file(tmp / "other/i18n/en.toml", "serve_hide = 3\n");
  PreviewTexts builtin = load_preview_texts(tmp / "other", "zh-CN");
  CHECK(builtin.language == "en");
  CHECK(builtin.text("serve_hide") == "Hide");
  CHECK(builtin.text("serve_more_errors", 7) == "and 7 more (see the terminal)");
  CHECK(builtin.text("serve_no_such_key") == "serve_no_such_key");
}

TEST_CASE("every built-in language has every UI string, the overlay's included", "[serve]") {
  std::map<std::string, std::set<std::string>> keys;
  for (const EmbeddedFile& file : embedded_theme()) {
    if (!file.path.starts_with("i18n/")) continue;
    Diagnostics diagnostics;
    std::string path(file.path);
    std::optional<toml::table> table = parse_toml(file.contents, path, diagnostics);
    REQUIRE(table);
    for (const auto& [key, value] : *table) keys[path].insert(std::string(key.str()));
  }
  REQUIRE(keys.count("i18n/zh-CN.toml") == 1);
  REQUIRE(keys.size() >= 2);
  for (const auto& [path, set] : keys) {
    INFO(path);
    CHECK(set == keys["i18n/zh-CN.toml"]);
  }
  for (const char* key :
       {"serve_errors_one", "serve_errors_other", "serve_last_good", "serve_no_good",
        "serve_more_errors", "serve_hide", "serve_page_title", "serve_page_heading"}) {
    CHECK(keys["i18n/zh-CN.toml"].count(key) == 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Incremental rebuilds equal fresh builds

TEST_CASE("incremental rebuilds equal fresh builds after every kind of edit", "[serve]") {
  TempDir tmp;
  fs::path original = tmp / "original";
  copy_example_site(original);
  for (bool use_hints : {true, false}) {
    INFO("with file-event hints: " << use_hints);
    fs::path site = tmp / (use_hints ? "hinted" : "unhinted");
    copy_example_site(site);
    check_edits(site, example_site_edits(original), use_hints);
  }
}

TEST_CASE("changed figures reach totals, charts and comparisons incrementally", "[serve]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("minimal"), site);
  Edit figures{"consistent new totals",
               [](const fs::path& s) {
                 fs::path file = s / (kLibrary2023 + ".json");
                 replace_all(file, "\"income\": 1200", "\"income\": 1300");
                 replace_all(file, "\"spending\": 1200", "\"spending\": 1300");
                 replace_all(file, "\"total\": 1200, \"basic\": 800", "\"total\": 1300, \"basic\": 900");
                 replace_all(file, "\"total\": 1100, \"basic\": 700", "\"total\": 1200, \"basic\": 800");
               },
               {kLibrary2023 + ".json"}};
  Edit previous_year{"the previous year's figures (the changes column)",
                     [](const fs::path& s) {
                       replace_all(s / "content/city-library/2022/budget.json", "\"notes\": [\"本表为测试数据。\"]",
                                   "\"notes\": [\"本表为测试数据（修订）。\"]");
                     },
                     {"content/city-library/2022/budget.json"}};
  check_edits(site, {figures, previous_year}, false);
}

TEST_CASE("drafts appear and disappear incrementally when left out", "[serve]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("minimal"), site);
  Edit draft{"mark a draft",
             [](const fs::path& s) { replace_first(s / (kLibrary2023 + ".md"), "+++\n", "+++\ndraft = true\n"); },
             {kLibrary2023 + ".md"}};
  Edit publish{"publish it",
               [](const fs::path& s) { replace_first(s / (kLibrary2023 + ".md"), "draft = true\n", ""); },
               {kLibrary2023 + ".md"}};
  check_edits(site, {draft, publish}, true, false);
}

TEST_CASE("a department two levels up reaches the breadcrumbs incrementally", "[serve]") {
  TempDir tmp;
  for (bool use_hints : {true, false}) {
    INFO("with file-event hints: " << use_hints);
    fs::path site = tmp / (use_hints ? "hinted" : "unhinted");
    copy_tree(fixture("minimal"), site);
    write_file(site / "content/city-government/department.toml", "name = \"示例市人民政府\"\n");
    Edit parent{"the finance bureau placed under the government",
                [](const fs::path& s) {
                  append(s / "content/city-finance/department.toml", "parent = \"city-government\"\n");
                },
                {"content/city-finance/department.toml"}};
    Edit renamed{"the government renamed",
                 [](const fs::path& s) {
                   replace_first(s / "content/city-government/department.toml", "示例市人民政府",
                                 "示例市政府");
                 },
                 {"content/city-government/department.toml"}};
    check_edits(site, {parent, renamed}, use_hints);
  }
}

TEST_CASE("a one-report edit re-renders only what depends on it", "[serve]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_example_site(site);
  Rebuilder rebuilder({site, true, 0, {}});
  Diagnostics first;
  REQUIRE(rebuilder.rebuild({}, first).ok);
  std::size_t total = rebuilder.snapshot()->files.size();
  append(site / (kCredit + "2023/budget.md"), "\n新增的一段说明。\n");
  Diagnostics diagnostics;
  RebuildResult result = rebuilder.rebuild({kCredit + "2023/budget"}, diagnostics);
  REQUIRE(result.ok);
  CHECK(result.changed_sources ==
        std::set<std::string>{"(identity)", kCredit + "2023/budget"});
  CHECK(result.rendered < total / 2);
  // The report's page, the search shard holding the new words (the report's fragment keeps only
  // the start of each section), and the two outputs that state the build identity, which every
  // edit of a source changes (build_identity.h).
  CHECK(result.changed_outputs ==
        std::vector<std::string>{"index.html", "search/shards/0.js",
                                 "shenzhen-public-credit-center/2023/budget/index.html", "version.json"});
}

TEST_CASE("a broken edit keeps the last good files and reports its errors", "[serve]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("minimal"), site);
  Rebuilder rebuilder({site, true, 0, {}});
  Diagnostics first;
  REQUIRE(rebuilder.rebuild({}, first).ok);
  Files good = served_files(*rebuilder.snapshot());
  std::string json = read_file(site / (kLibrary2023 + ".json"));
  write_file(site / (kLibrary2023 + ".json"), "{\n  \"schema\": 1,,\n}\n");
  Diagnostics broken;
  CHECK_FALSE(rebuilder.rebuild({kLibrary2023}, broken).ok);
  std::shared_ptr<const SiteSnapshot> snapshot = rebuilder.snapshot();
  CHECK(served_files(*snapshot) == good);
  REQUIRE_FALSE(snapshot->errors.empty());
  CHECK(snapshot->errors.front().where.path == kLibrary2023 + ".json");
  CHECK(snapshot->errors.front().where.line == 2);

  write_file(site / (kLibrary2023 + ".json"), json);
  append(site / (kLibrary2023 + ".md"), "\n修好以后的段落。\n");
  Diagnostics fixed;
  CHECK(rebuilder.rebuild({kLibrary2023}, fixed).ok);
  CHECK(rebuilder.snapshot()->errors.empty());
  require_same_files(served_files(*rebuilder.snapshot()), fresh_build(site, true));
}

TEST_CASE("a site broken from the start is built once fixed", "[serve]") {
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("minimal"), site);
  std::string toml = read_file(site / "site.toml");
  write_file(site / "site.toml", "title = \n");
  Rebuilder rebuilder({site, true, 0, {}});
  Diagnostics broken;
  CHECK_FALSE(rebuilder.rebuild({}, broken).ok);
  CHECK_FALSE(rebuilder.snapshot()->has_site());
  CHECK_FALSE(rebuilder.snapshot()->errors.empty());
  write_file(site / "site.toml", toml);
  Diagnostics fixed;
  RebuildResult result = rebuilder.rebuild({"site.toml"}, fixed);
  CHECK(result.ok);
  CHECK(result.full);
  require_same_files(served_files(*rebuilder.snapshot()), fresh_build(site, true));
}

// ---------------------------------------------------------------------------------------------
// The server

TEST_CASE("the server serves pages with the live-reload script, GET and HEAD only", "[serve]") {
  ServedSite served;
  httplib::Client client = served.client();
  CHECK(served.server->url().rfind("http://127.0.0.1:", 0) == 0);

  auto home = client.Get("/");
  REQUIRE(home);
  CHECK(home->status == 200);
  CHECK(home->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK(home->body.find("gongkai serve: live reload") != std::string::npos);
  CHECK(home->body.find("gongkai serve: live reload") < home->body.rfind("</body>"));
  CHECK(home->body.find("<script>/* gongkai serve") == home->body.rfind("<script>/* gongkai serve"));
  CHECK(served_files(*served.server->snapshot())["index.html"].find("gongkai serve") == std::string::npos);

  auto head = client.Head("/");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(head->get_header_value("Content-Type") == "text/html; charset=utf-8");

  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    INFO(method);
    int status = raw_status(served.server->port(), std::string(method) +
                                                       " / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    CHECK(status == 405);
  }
  auto post = client.Post("/", "x", "text/plain");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(post->get_header_value("Allow") == "GET, HEAD");

  auto folder = client.Get("/city-library/");
  REQUIRE(folder);
  CHECK(folder->status == 200);
  auto index = client.Get("/city-library/index.html");
  REQUIRE(index);
  CHECK(index->body == folder->body);
  auto redirect = client.Get("/city-library?x=1");
  REQUIRE(redirect);
  CHECK(redirect->status == 301);
  CHECK(redirect->get_header_value("Location") == "/city-library/?x=1");

  auto missing = client.Get("/no/such/page/");
  REQUIRE(missing);
  CHECK(missing->status == 404);
  CHECK(missing->body.find("data-page-kind=\"not_found\"") != std::string::npos);
  CHECK(missing->body.find("gongkai serve: live reload") != std::string::npos);
}

TEST_CASE("the server sends each kind of file with its content type", "[serve]") {
  ServedSite served;
  httplib::Client client = served.client();
  std::map<std::string, std::string> expected = {
      {"/assets/style.css", "text/css; charset=utf-8"},
      {"/assets/search.js", "text/javascript; charset=utf-8"},
      {"/assets/favicon.svg", "image/svg+xml; charset=utf-8"},
      {"/city-library/2023/budget/report.json", "application/json; charset=utf-8"},
      {"/sitemap.xml", "application/xml; charset=utf-8"},
      {"/robots.txt", "text/plain; charset=utf-8"},
      {"/search/root.js", "text/javascript; charset=utf-8"},
      {"/city-library/2023/budget/search-page.js", "text/javascript; charset=utf-8"}};
  for (const auto& [path, bytes] : served.server->snapshot()->files) {
    if (path.ends_with(".csv")) expected["/" + path] = "text/csv; charset=utf-8";
  }
  for (const auto& [target, type] : expected) {
    INFO(target);
    auto response = client.Get(target.c_str());
    REQUIRE(response);
    CHECK(response->status == 200);
    CHECK(response->get_header_value("Content-Type") == type);
    CHECK(response->body == *served.server->snapshot()->files.at(target.substr(1)));
  }
}

TEST_CASE("the server refuses path traversal and reaches nothing outside the site", "[serve]") {
  ServedSite served;
  write_file(served.tmp / "secret.txt", "secret");
  int port = served.server->port();
  for (const std::string target :
       {"/../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2E/secret.txt",
        "/assets/..%2f..%2fsite.toml", "/assets%2fstyle.css", "/assets%2Fstyle.css",
        "/assets\\style.css", "/assets%5cstyle.css", "/%00", "/index.html%00.css",
        "/./index.html", "/assets/./style.css", "/.git/config", "//etc/passwd", "/..",
        "/%2e", "/site.toml", "/content/city-library/department.toml"}) {
    INFO(target);
    int status = raw_get_status(port, target);
    CHECK((status == 400 || status == 404));
  }
  std::string with_nul = std::string("GET /a") + '\0' + "b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  int nul_status = raw_status(port, with_nul);
  CHECK((nul_status == 0 || nul_status >= 400));
  CHECK(raw_get_status(port, "/assets/style.css") == 200);
}

TEST_CASE("names no output can have get the theme's 404 page", "[serve]") {
  ServedSite served;
  httplib::Client client = served.client();
  for (const char* target : {"/.git/config", "/a//b", "/city-library/.hidden"}) {
    INFO(target);
    auto response = client.Get(target);
    REQUIRE(response);
    CHECK(response->status == 404);
    CHECK(response->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(response->body.find("data-page-kind=\"not_found\"") != std::string::npos);
  }
}

TEST_CASE("a site folder named through a symbolic link is served and watched", "[serve]") {
  TempDir links;
  ServedSite served(links / "link-to-site");
  append(served.site / (kLibrary2023 + ".md"), "\n经由链接编辑的段落。\n");
  httplib::Client client = served.client();
  CHECK(eventually([&] {
    auto page = client.Get("/city-library/2023/budget/");
    return page && page->body.find("经由链接编辑的段落。") != std::string::npos;
  }));
}

TEST_CASE("an empty bind address is refused instead of listening everywhere", "[serve]") {
  TempDir tmp;
  copy_tree(fixture("minimal"), tmp / "site");
  ServeOptions options;
  options.source_dir = tmp / "site";
  options.bind = "";
  options.port = 0;
  std::ostringstream log, errors;
  PreviewServer server(options, log, errors);
  Diagnostics diagnostics;
  CHECK_FALSE(server.start(diagnostics));
  CHECK(diagnostics.format_all().find("--bind: error: needs an address") != std::string::npos);
}

TEST_CASE("the server listens on loopback only by default", "[serve]") {
  ServedSite served;
  ifaddrs* interfaces = nullptr;
  REQUIRE(::getifaddrs(&interfaces) == 0);
  std::optional<in_addr> other;
  for (ifaddrs* i = interfaces; i; i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
    in_addr address = reinterpret_cast<sockaddr_in*>(i->ifa_addr)->sin_addr;
    if ((ntohl(address.s_addr) >> 24) != 127) other = address;
  }
  ::freeifaddrs(interfaces);
  if (!other) {
    WARN("SKIPPED: this machine has no non-loopback IPv4 address to try");
    return;
  }
  // Non-blocking, so that a network that drops the attempt instead of refusing it cannot hang
  // the test: only a connection completed within two seconds counts as reachable.
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(served.server->port()));
  address.sin_addr = *other;
  bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  if (!connected && errno == EINPROGRESS) {
    pollfd waiting{fd, POLLOUT, 0};
    int error = 0;
    socklen_t length = sizeof error;
    connected = ::poll(&waiting, 1, 2000) == 1 &&
                ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
  }
  ::close(fd);
  CHECK_FALSE(connected);
}

TEST_CASE("an edit reaches open pages as an event naming the changed paths", "[serve]") {
  ServedSite served;
  httplib::Client client = served.client();
  auto page = client.Get("/city-library/2023/budget/");
  REQUIRE(page);
  auto [run, generation] = page_run(page->body);
  EventStream stream(served.server->port(), "run=" + run + "&since=" + generation);
  REQUIRE(eventually([&] { return stream.text().find("retry:") != std::string::npos; }));

  append(served.site / (kLibrary2023 + ".md"), "\n编辑后新增的段落。\n");
  auto event = stream.wait_for([](const nlohmann::json& e) {
    return e["ok"] == true && lists_path(e, "city-library/2023/budget/index.html");
  });
  INFO(stream.text() << served.errors.str());
  REQUIRE(event);
  CHECK((*event)["run"] == run);
  CHECK((*event)["full"] == false);
  CHECK_FALSE(lists_path(*event, "years/2023/index.html"));
  CHECK(lists_path(*event, "version.json"));  // the build identity changed
  auto updated = client.Get("/city-library/2023/budget/");
  REQUIRE(updated);
  CHECK(updated->body.find("编辑后新增的段落。") != std::string::npos);
  CHECK(served.log.str().find("ms from edit to page") != std::string::npos);
}

TEST_CASE("a page of another server run, or one that missed events, is told to reload", "[serve]") {
  ServedSite served;
  auto page = served.client().Get("/");
  REQUIRE(page);
  auto [run, generation] = page_run(page->body);
  EventStream stale_run(served.server->port(), "run=00000000&since=" + generation);
  auto event = stale_run.wait_for([](const nlohmann::json& e) { return e["full"] == true; });
  CHECK(event);

  append(served.site / (kLibrary2023 + ".md"), "\n另一段。\n");
  REQUIRE(eventually([&] { return served.server->snapshot()->generation > std::stoull(generation); }));
  EventStream late(served.server->port(), "run=" + run + "&since=" + generation);
  auto replayed = late.wait_for([](const nlohmann::json& e) { return lists_path(e, "city-library/2023/budget/index.html"); });
  CHECK(replayed);
}

TEST_CASE("a broken edit keeps pages served with an error overlay until fixed", "[serve]") {
  ServedSite served;
  httplib::Client client = served.client();
  auto before = client.Get("/city-library/2023/budget/");
  REQUIRE(before);
  auto [run, generation] = page_run(before->body);
  EventStream stream(served.server->port(), "run=" + run + "&since=" + generation);

  fs::path json = served.site / (kLibrary2023 + ".json");
  std::string good = read_file(json);
  write_file(json, "{\n  \"schema\": 1,,\n}\n");
  auto failed = stream.wait_for([](const nlohmann::json& e) { return e["ok"] == false; });
  INFO(stream.text() << served.errors.str());
  REQUIRE(failed);
  CHECK((*failed)["errors"].get<int>() >= 1);
  auto broken = client.Get("/city-library/2023/budget/");
  REQUIRE(broken);
  CHECK(broken->status == 200);
  CHECK(broken->body.find("id=\"gongkai-overlay\"") != std::string::npos);
  CHECK(broken->body.find("<code>" + kLibrary2023 + ".json:2:") != std::string::npos);
  std::string without_additions = before->body.substr(0, before->body.find("<script>/* gongkai serve"));
  CHECK(broken->body.rfind(without_additions, 0) == 0);
  CHECK(served.errors.str().find(kLibrary2023 + ".json:2:") != std::string::npos);

  write_file(json, good);
  auto fixed = stream.wait_for([](const nlohmann::json& e) { return e["ok"] == true; });
  REQUIRE(fixed);
  auto after = client.Get("/city-library/2023/budget/");
  REQUIRE(after);
  CHECK(after->body.find("gongkai-overlay") == std::string::npos);
}

TEST_CASE("a site broken from the start is served as its errors until fixed", "[serve]") {
  std::string toml;
  ServedSite served({}, [&](const fs::path& site) {
    toml = read_file(site / "site.toml");
    write_file(site / "site.toml", "title = \n");
  });
  const fs::path& site = served.site;
  std::ostringstream& errors = served.errors;
  CHECK(errors.str().find("rebuild failed: 1 error(s); pages show the errors until they are fixed") != std::string::npos);
  CHECK(errors.str().find("last good version") == std::string::npos);
  httplib::Client client = served.client();
  auto page = client.Get("/city-library/");
  REQUIRE(page);
  CHECK(page->status == 503);
  // site.toml cannot say which language the site is in: the default one.
  CHECK(page->body.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n", 0) == 0);
  CHECK(page->body.find("<title>gongkai serve：网站有错误</title>") != std::string::npos);
  CHECK(page->body.find("<h1>网站无法构建</h1>") != std::string::npos);
  CHECK(page->body.find("<p>网站还没有成功构建过。源文件改正后，页面会自动重新加载。</p>") !=
        std::string::npos);
  CHECK(page->body.find("<code>site.toml:1:") != std::string::npos);

  write_file(site / "site.toml", toml);
  CHECK(eventually([&] {
    auto fixed = client.Get("/city-library/");
    return fixed && fixed->status == 200 && fixed->body.find("gongkai-overlay") == std::string::npos;
  }));
}

TEST_CASE("a site in English broken from the start is served as its errors in English", "[serve]") {
  ServedSite served({}, [&](const fs::path& site) {
    append(site / "site.toml", "language = \"en\"\n");
    write_file(site / (kLibrary2023 + ".json"), "{\n  \"schema\": 1,,\n}\n");
  });
  httplib::Client client = served.client();
  auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->status == 503);
  CHECK(page->body.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n", 0) == 0);
  CHECK(page->body.find("<title>gongkai serve: the site has errors</title>") != std::string::npos);
  CHECK(page->body.find("<h1>The site could not be built</h1>") != std::string::npos);
  CHECK(page->body.find(overlay_head("en")) != std::string::npos);
  CHECK(page->body.find("<p>There is no good version of the site yet. It reloads by itself once "
                        "the sources are fixed.</p>") != std::string::npos);
  CHECK(page->body.find("<code>" + kLibrary2023 + ".json:2:") != std::string::npos);
}

TEST_CASE("a site that keeps raw HTML is told so when served, as when built", "[serve]") {
  ServedSite served({}, [](const fs::path& site) {
    append(site / "site.toml", "\n[markdown]\nraw_html = true\n");
  });
  const fs::path& site = served.site;
  PreviewServer& server = *served.server;
  auto generation = [&] { return server.snapshot()->generation; };
  // Announced on the first build, not after an edit of a report, again after site.toml changed.
  std::uint64_t first = generation();
  append(site / (kLibrary2023 + ".md"), "\n<details><summary>更多</summary>原文</details>\n");
  REQUIRE(eventually([&] { return generation() > first; }));
  std::uint64_t second = generation();
  replace_first(site / "site.toml", "title = \"", "title = \"新");
  REQUIRE(eventually([&] { return generation() > second; }));
  server.stop();  // the log is complete (and no longer written) once stop() returns
  const std::string note = "site.toml: note: [markdown] raw_html = true: raw HTML and javascript: links";
  std::string all = served.errors.str();
  std::size_t count = 0;
  for (std::size_t at = all.find(note); at != std::string::npos; at = all.find(note, at + 1)) ++count;
  CHECK(count == 2);
}

TEST_CASE("nested folders made and removed under assets/ while serving never stop the server",
          "[serve]") {
  // Each round makes 100 nested folders with a file in each, lets the debounce pass so that a
  // rebuild starts listing them, and removes them: folders vanish while the theme is listed.
  // Bounded by rounds; a pause only gives the race a chance, nothing waits on it. A folder
  // gone between listing and reading once threw out of the theme loader and ended the process
  // (`gongkai serve` died within two such rounds); folder_walk_test.cc makes it deterministic.
  ServedSite served;
  constexpr int kRounds = 30, kFolders = 100;
  for (int round = 0; round < kRounds; ++round) {
    for (int i = 0; i < kFolders; ++i) {
      write_file(served.site / "assets" / ("t" + std::to_string(i)) / "a" / "b" / "x.css", "p{}\n");
    }
    std::this_thread::sleep_for(25ms);
    for (int i = 0; i < kFolders; ++i) fs::remove_all(served.site / "assets" / ("t" + std::to_string(i)));
  }
  write_file(served.site / "assets/after.css", "after{}\n");
  httplib::Client c = served.client();
  REQUIRE(eventually([&] {
    auto response = c.Get("/assets/after.css");
    return response && response->status == 200 && response->body == "after{}\n";
  }));
  auto page = c.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
}

TEST_CASE("a server stopped right after it started stops at once", "[serve]") {
  // A stop() before the HTTP thread accepted connections once left that thread in accept() and
  // stop() waiting for it forever. The runs go on a thread of their own so that a hang fails
  // this test instead of blocking it.
  TempDir tmp;
  fs::path site = tmp / "site";
  copy_tree(fixture("minimal"), site);
  constexpr int kRuns = 50;
  auto finished = std::make_shared<std::atomic<int>>(0);
  std::thread([site, finished] {
    for (int i = 0; i < kRuns; ++i) {
      ServeOptions options;
      options.source_dir = site;
      options.port = 0;
      std::ostringstream log, errors;
      PreviewServer server(options, log, errors);
      Diagnostics diagnostics;
      if (!server.start(diagnostics)) return;
      server.stop();
      ++*finished;
    }
  }).detach();
  CHECK(eventually([&] { return finished->load() == kRuns; }));
}

TEST_CASE("stopping the server ends open event streams", "[serve]") {
  ServedSite served;
  EventStream stream(served.server->port(), "run=x&since=0");
  REQUIRE(eventually([&] { return stream.text().find("retry:") != std::string::npos; }));
  served.server->stop();  // returns at all: a stream left open would keep it waiting
  CHECK(eventually([&] { return stream.ended(); }));
}

// ---------------------------------------------------------------------------------------------
// The command


TEST_CASE("gongkai serve prints its URL, serves, and stops on SIGINT and SIGTERM", "[serve]") {
  for (int signal : {SIGTERM, SIGINT}) {
    INFO("signal " << signal);
    TempDir tmp;
    copy_tree(fixture("minimal"), tmp / "site");
    ServeProcess process({"--source", (tmp / "site").string(), "--port", "0", "--verbose"});
    int port = process.port();
    REQUIRE(port > 0);
    CHECK(raw_get_status(port, "/") == 200);
    std::optional<int> status = process.stop_with(signal);
    REQUIRE(status);
    CHECK(*status == 0);
  }
}

TEST_CASE("gongkai serve --help explains drafts and the address", "[serve]") {
  CommandResult result = run_gongkai({"serve", "--help"});
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("--no-drafts") != std::string::npos);
  CHECK(result.out.find("--bind") != std::string::npos);
  CHECK(result.out.find("--port") != std::string::npos);
}

TEST_CASE("gongkai serve reports a port in use", "[serve]") {
  ServedSite served;
  CommandResult result = run_gongkai({"serve", "--source", served.site.string(), "--port",
                                      std::to_string(served.server->port())});
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("cannot listen") != std::string::npos);
}
