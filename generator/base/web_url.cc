#include "base/web_url.h"

#include <algorithm>
#include <cctype>

namespace gongkai {

namespace {

bool is_space_or_control(unsigned char c) { return c <= ' ' || c == 0x7F; }

/// Whitespace beyond ASCII that a browser would drop or that would split the address when
/// printed: no-break space, ideographic space, line and paragraph separators.
bool has_unicode_space(std::string_view url) {
  for (std::string_view space : {"\u00A0", "\u3000", "\u2028", "\u2029"}) {
    if (url.find(space) != std::string_view::npos) return true;
  }
  return false;
}

/// The length of "http://" or "https://" (any letter case) at the start of `url`, or 0.
std::size_t scheme_length(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://"}) {
    if (url.size() < scheme.size()) continue;
    bool same = std::equal(scheme.begin(), scheme.end(), url.begin(), [](char a, char b) {
      return a == std::tolower(static_cast<unsigned char>(b));
    });
    if (same) return scheme.size();
  }
  return 0;
}

/// The host of the authority that starts `rest` (after "//"): without user information and port.
std::string_view host_of(std::string_view rest) {
  std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
  if (std::size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority.remove_prefix(at + 1);
  }
  return authority.substr(0, authority.rfind(':'));
}

}  // namespace

std::string web_url_problem(std::string_view url, UrlRule rule) {
  std::size_t scheme = scheme_length(url);
  if (scheme == 0) return "must be an absolute http:// or https:// URL";
  bool spaces = std::any_of(url.begin(), url.end(), [](char c) {
    return is_space_or_control(static_cast<unsigned char>(c));
  });
  if (spaces || has_unicode_space(url)) return "must not contain whitespace or control characters";
  if (host_of(url.substr(scheme)).empty()) {
    return "must name a host after " + std::string(url.substr(0, scheme)) +
           ", as in https://example.org/";
  }
  if (rule == UrlRule::page) return "";
  if (url.find('?') != std::string_view::npos) {
    return "must not have a query (?…): the address of every page is appended to it";
  }
  if (url.find('#') != std::string_view::npos) {
    return "must not have a fragment (#…): the address of every page is appended to it";
  }
  return "";
}

std::string with_lowercase_scheme(std::string_view url) {
  std::string out(url);
  std::size_t end = scheme_length(url);
  std::transform(
      out.begin(), out.begin() + static_cast<std::ptrdiff_t>(end), out.begin(),
      [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
  return out;
}

}  // namespace gongkai
