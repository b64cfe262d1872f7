#include "serve/preview_page.h"

#include <algorithm>
#include <cctype>

#include "base/html_escape.h"
#include "render/markdown.h"
#include "serve/rebuilder.h"

namespace gongkai {

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

/// The overlay's own style, every rule scoped to its id so that it cannot restyle the page it
/// sits on.
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

/// "path:line:column" as diagnostics print it, leaving out what is unknown (zero).
std::string location_text(const SourceLocation& where) {
  std::string out = where.path;
  if (where.line > 0) out += ":" + std::to_string(where.line);
  if (where.line > 0 && where.column > 0) out += ":" + std::to_string(where.column);
  return out;
}

/// One diagnostic as a list item: where, what, and the offending source line when known.
std::string overlay_item(const Diagnostic& d) {
  std::string item =
      "<li><code>" + escape_html(location_text(d.where)) + "</code>: " + escape_html(d.message);
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

/// Where the last closing body tag starts, in any letter case; npos when there is none.
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

std::string no_site_page(const PreviewTexts& texts) {
  return "<!DOCTYPE html>\n<html lang=\"" + escape_html(texts.language) +
         "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
         "content=\"width=device-width, initial-scale=1\">\n<title>" +
         escape_html(texts.text("serve_page_title")) + "</title>\n</head>\n<body>\n<main>\n<h1>" +
         escape_html(texts.text("serve_page_heading")) + "</h1>\n</main>\n</body>\n</html>\n";
}

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

}  // namespace gongkai
