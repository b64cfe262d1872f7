#include "serve/request_path.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <vector>

#include "serve/source_keys.h"

namespace gongkai {

namespace {

/// The value of one hexadecimal digit, or -1.
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
  std::vector<std::string_view> segments = path_segments(key);
  if (folder) segments.pop_back();
  // Every segment is checked for "." and ".." before any is refused as hidden, so that an
  // escape is always answered 400, whatever else the target holds.
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
      {"html", "text/html; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"svg", "image/svg+xml; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"csv", "text/csv; charset=utf-8"},
      {"xml", "application/xml; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"pdf", "application/pdf"},
      {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}};
  std::string_view name = path.substr(path.rfind('/') + 1);
  std::size_t dot = name.rfind('.');
  std::string extension(dot == std::string_view::npos ? "" : name.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  auto it = types.find(extension);
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace gongkai
