// Addresses of web pages written in the sources: a site's base_url, a department's website, a
// report's source_url. Each becomes an href, and base_url also the start of every absolute URL
// in the feed, the sitemap and robots.txt, so a malformed one must be refused where it is read.
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

/// What the address of a page may not have.
enum class UrlRule {
  /// Any page: a query or a fragment is fine (a document's source_url often has both).
  page,
  /// The base every page's address is appended to: no query, no fragment.
  base,
};

/// Why `url` is not an absolute web address, as the end of a sentence starting with the key's
/// name ("must be an absolute http:// or https:// URL"), or "" when it is one: the scheme http or
/// https in any letter case, then "//" and a host; no whitespace or control character anywhere;
/// under UrlRule::base no '?' and no '#'.
std::string web_url_problem(std::string_view url, UrlRule rule);

/// `url` with its scheme in lowercase ("HTTPS://example.org/" → "https://example.org/"), for a
/// URL web_url_problem() accepts.
std::string with_lowercase_scheme(std::string_view url);

}  // namespace gongkai
