#include "serve/serve.h"

#include <httplib.h>
#include <pthread.h>
#include <sys/socket.h>

#include <atomic>
#include <csignal>
#include <iostream>
#include <mutex>
#include <thread>

#include "serve/guarded_server.h"
#include "serve/live_events.h"
#include "serve/source_watcher.h"

namespace gongkai {

using Clock = std::chrono::steady_clock;
using KeySet = std::set<std::string>;

// ---------------------------------------------------------------------------------------------
// The server

namespace {

/// At most this many pages can hold an event stream open; each holds one server thread.
constexpr int kMaxEventStreams = 24;
/// How many connections still sending their request head the threads leave room for, besides
/// the streams: that many slow clients (each cut off after ConnectionLimits::head_timeout) and
/// every stream open still leave kPageThreads threads serving pages at once.
constexpr int kSlowClients = 32;
constexpr int kPageThreads = 8;
constexpr int kServerThreads = kMaxEventStreams + kSlowClients + kPageThreads;
/// A GET has no business sending a body; one that does is refused past this.
constexpr std::size_t kMaxRequestBody = 64 * 1024;
/// How long one read or write of a request's body or answer may wait.
constexpr int kIoTimeoutSeconds = 5;

/// A host as a URL names it: an IPv6 address in brackets.
std::string host_for_url(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

/// True when only this machine can reach `host`; anything else gets a warning that drafts are
/// shown to whoever can reach it.
bool is_loopback(const std::string& host) {
  return host.rfind("127.", 0) == 0 || host == "::1" || host == "localhost";
}

/// Up to `limit` keys for the log line of a rebuild, then how many more.
std::string shortened_list(const KeySet& keys, std::size_t limit = 4) {
  std::string out;
  std::size_t shown = 0;
  for (const std::string& key : keys) {
    if (shown == limit) return out + " and " + std::to_string(keys.size() - limit) + " more";
    out += (shown++ ? ", " : "") + key;
  }
  return out.empty() ? "nothing" : out;
}

/// Whole milliseconds, for the log.
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
  GuardedServer http{options.limits};
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
    diagnostics.error({"--bind", 0, 0},
                      "needs an address, such as 127.0.0.1 (loopback, the "
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
  http.set_read_timeout(kIoTimeoutSeconds);
  http.set_write_timeout(kIoTimeoutSeconds);
  http.set_payload_max_length(kMaxRequestBody);
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
  while (!http.is_running() && !http_ended)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
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
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        response.status = 500;
        response.set_content("500 internal error\n", "text/plain; charset=utf-8");
      });
}

void PreviewServer::Impl::handle(const httplib::Request& request, httplib::Response& response) {
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Content-Type-Options", "nosniff");
  std::string_view target = request.target;
  if (target.substr(0, target.find('?')) == kEventsPath)
    return open_event_stream(request, response);
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
  if (snapshot.has_site() && !path.key.ends_with("index.html") &&
      snapshot.files.count(folder_index)) {
    std::size_t query = target.find('?');
    response.set_redirect(
        "/" + path.key + "/" +
            std::string(query == std::string_view::npos ? "" : target.substr(query)),
        301);
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
  if (not_found != snapshot.files.end())
    return serve_file("404.html", *not_found->second, snapshot, 404, response);
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
  auto state = std::make_shared<StreamState>(
      stream_start(request.get_param_value("run"), request.get_param_value("since"),
                   request.get_header_value("Last-Event-ID"), hub.run_id()));
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
           << "\n"
           << std::flush;
    return;
  }
  announce_raw_html(result);
  const Site* site = rebuilder.site();
  if (result.full) {
    log << "built " << site->report_count() << " reports of " << site->department_count()
        << " departments: " << rebuilder.snapshot()->files.size() << " files in "
        << milliseconds(edit_to_page) << " ms\n"
        << std::flush;
  } else if (options.verbose) {
    log << "changed " << shortened_list(result.changed_sources) << ": " << result.rendered
        << " file(s) re-rendered, " << result.changed_outputs.size() << " changed; "
        << milliseconds(edit_to_page) << " ms from edit to page (rebuild "
        << milliseconds(result.duration) << " ms)\n"
        << std::flush;
  }
}

/// Opting out of the Markdown sanitiser is a security decision, so the preview says so as
/// `gongkai build` does: on the first build, and again whenever site.toml changed with it on.
/// Called with log_mutex held.
void PreviewServer::Impl::announce_raw_html(const RebuildResult& result) {
  const Site* site = rebuilder.site();
  bool settings_changed =
      result.full || result.changed_sources.count("site.toml") || result.changed_sources.count("*");
  if (!site || !site->config().raw_html || !settings_changed) return;
  errors << format_diagnostic({Severity::note,
                               {"site.toml", 0, 0},
                               "[markdown] raw_html = true: raw HTML and javascript: links in "
                               "the narratives are published as written",
                               ""})
         << "\n"
         << std::flush;
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
            << "; press Ctrl+C to stop\n"
            << std::flush;
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
