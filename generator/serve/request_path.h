// What an HTTP request to the preview names: the output path of its target, refused when it
// tries to leave the site, and the content type an output is sent with. Nothing here knows
// the HTTP library; the server hands over the raw target.
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

/// The output path an HTTP request target names ("/dept/" -> "dept/index.html"), or the
/// status to answer instead: 400 for targets that try to leave the site (".." or "." segments
/// in any encoding, encoded slashes, backslashes, NUL and control characters, malformed
/// percent escapes), 404 for names no output can have (empty or hidden segments).
struct RequestPath {
  std::string key;
  int status = 200;
};
RequestPath resolve_request_target(std::string_view target);

/// "text/html; charset=utf-8" and so on, by the output path's extension.
std::string content_type_for(std::string_view path);

}  // namespace gongkai
