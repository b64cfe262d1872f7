#include "model/config.h"

#include <catch2/catch.hpp>

using namespace gongkai;

TEST_CASE("site.toml: every key is read and defaults fill the rest", "[config]") {
  Diagnostics d;
  auto config = parse_config(
      "title = \"预决算公开\"\ndescription = \"d\"\npublisher = \"深圳市财政局\"\n"
      "base_url = \"https://example.org/budget\"\n[markdown]\nraw_html = true\n",
      "site.toml", d);
  REQUIRE(config);
  CHECK(d.format_all().empty());
  CHECK(config->title == "预决算公开");
  CHECK(config->language == "zh-CN");
  CHECK(config->publisher == "深圳市财政局");
  CHECK(config->base_url == "https://example.org/budget/");
  CHECK(config->raw_html);
}

TEST_CASE("site.toml: a syntax error is reported at its line and column", "[config]") {
  Diagnostics d;
  CHECK_FALSE(parse_config("language = \"en\"\ntitle = = \"x\"\n", "site.toml", d));
  std::string out = d.format_all();
  CHECK(out.rfind("site.toml:2:9: error: ", 0) == 0);
}

TEST_CASE("site.toml: unknown keys are warnings naming the key and line", "[config]") {
  Diagnostics d;
  auto config = parse_config("title = \"t\"\ntitel = \"typo\"\n[markdown]\nraw = 1\n", "site.toml", d);
  REQUIRE(config);
  CHECK(d.format_all() ==
        "site.toml:2:1: warning: unknown key 'titel' (ignored)\n"
        "site.toml:4:1: warning: unknown key 'markdown.raw' (ignored)\n");
}

TEST_CASE("site.toml: wrong types, a missing title and bad values are all reported", "[config]") {
  Diagnostics d;
  CHECK_FALSE(parse_config("language = \"fr\"\nbase_url = \"example.org\"\npublisher = 3\n",
                           "site.toml", d));
  CHECK(d.format_all() ==
        "site.toml:1:1: error: missing required key 'title'\n"
        "site.toml:1:12: error: unsupported language 'fr' (the theme has strings for zh-CN and en)\n"
        "site.toml:2:12: error: base_url must be an absolute http:// or https:// URL\n"
        "site.toml:3:13: error: 'publisher' must be a string\n");
}

TEST_CASE("site.toml: an empty or blank title is an error", "[config]") {
  for (const char* title : {"\"\"", "\"  \"", "\"\\u3000\\n\""}) {
    INFO(title);
    Diagnostics d;
    CHECK_FALSE(parse_config(std::string("title = ") + title + "\n", "site.toml", d));
    CHECK(d.format_all() == "site.toml:1:9: error: 'title' must not be empty\n");
  }
}

TEST_CASE("site.toml: base_url is an http(s) address with a host that pages append to",
          "[config]") {
  auto problem = [](const std::string& url) {
    Diagnostics d;
    std::optional<SiteConfig> config =
        parse_config("title = \"t\"\nbase_url = \"" + url + "\"\n", "site.toml", d);
    CHECK(config.has_value() == d.format_all().empty());
    std::string out = d.format_all();
    return out.substr(0, out.find('\n'));
  };
  std::string at = "site.toml:2:12: error: base_url ";
  CHECK(problem("ftp://example.org/") == at + "must be an absolute http:// or https:// URL");
  CHECK(problem("//example.org/") == at + "must be an absolute http:// or https:// URL");
  CHECK(problem("https:example.org") == at + "must be an absolute http:// or https:// URL");
  CHECK(problem("https://example.org/\\nDisallow: /") ==
        at + "must not contain whitespace or control characters");
  CHECK(problem("https://example.org/my site/") ==
        at + "must not contain whitespace or control characters");
  CHECK(problem("https://example.org/\\t") == at + "must not contain whitespace or control characters");
  CHECK(problem("https://example.org/\u3000") ==
        at + "must not contain whitespace or control characters");
  CHECK(problem("https://") == at + "must name a host after https://, as in https://example.org/");
  CHECK(problem("http:///budget/") == at + "must name a host after http://, as in https://example.org/");
  CHECK(problem("https://user@:8080/") ==
        at + "must name a host after https://, as in https://example.org/");
  CHECK(problem("https://example.org/?lang=zh") ==
        at + "must not have a query (?…): the address of every page is appended to it");
  CHECK(problem("https://example.org/#top") ==
        at + "must not have a fragment (#…): the address of every page is appended to it");
  for (const char* fine : {"https://example.org", "http://example.org:8080/budget/",
                           "HTTPS://example.org/", "Http://[::1]:8080/", "https://预算.中国/"}) {
    CAPTURE(fine);
    CHECK(problem(fine) == "");
  }
}

TEST_CASE("site.toml: base_url's scheme is written in lowercase, and it ends with a slash",
          "[config]") {
  Diagnostics d;
  auto config = parse_config("title = \"t\"\nbase_url = \"HTTPS://Example.org/Budget\"\n", "site.toml", d);
  REQUIRE(config);
  CHECK(config->base_url == "https://Example.org/Budget/");
}
