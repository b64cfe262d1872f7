#include "render/feeds.h"

#include <catch2/catch.hpp>
#include <list>

#include "base/toml_file.h"

using namespace gongkai;

namespace {

/// A site model holding only what the feeds read: the configuration, the kind labels, and
/// reports with their departments and sources.
struct FeedSite {
  SiteModel model;
  std::list<Department> departments;
  std::list<ReportSource> sources;

  FeedSite() {
    model.config.title = "预决算公开";
    model.config.base_url = "https://example.org/budget/";
    model.strings = {{"kind_budget", "部门预算"},
                     {"kind_final_accounts", "部门决算"},
                     {"kind_evaluation", "绩效评价"}};
  }

  const Department* department(const std::string& slug, const std::string& name) {
    Department& d = departments.emplace_back();
    d.slug = slug;
    d.name = name;
    return &d;
  }

  void report(const Department* dept, int year, DocumentKind kind, std::string title,
              std::string published = "", std::string summary = "") {
    ReportSource& source = sources.emplace_back();
    source.department = dept->slug;
    source.year = year;
    source.kind = kind;
    source.front.published = std::move(published);
    source.front.summary = std::move(summary);
    LoadedReport& r = model.reports.emplace_back();
    r.department = dept;
    r.source = &source;
    r.title = std::move(title);
    r.dir = dept->slug + "/" + std::to_string(year) + "/" + std::string(kind_slug(kind)) + "/";
  }
};

}  // namespace

TEST_CASE("atom feed: entries newest first, text escaped, URLs from the base URL", "[feeds]") {
  FeedSite site;
  site.model.config.title = "预决算公开 & <测试>";
  site.model.config.publisher = "深圳市财政局";
  const Department* library = site.department("city-library", "市图书馆");
  const Department* finance = site.department("finance", "市财政局");
  // In the model's order (department, year, kind), which is not the feed's.
  site.report(library, 2022, DocumentKind::budget, "2022年市图书馆部门预算");
  site.report(library, 2023, DocumentKind::final_accounts, "Tom & \"Jerry\" <b>'s", "2024-08-30",
              "收入 < 支出 & 结余");
  site.report(finance, 2023, DocumentKind::evaluation, "2023年市财政局绩效评价", "2023-02-10");
  CHECK(atom_feed(site.model) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
        "  <title>预决算公开 &amp; &lt;测试&gt;</title>\n"
        "  <id>https://example.org/budget/</id>\n"
        "  <link rel=\"alternate\" href=\"https://example.org/budget/\"/>\n"
        "  <link rel=\"self\" href=\"https://example.org/budget/feed.xml\"/>\n"
        "  <updated>2024-08-30T00:00:00Z</updated>\n"
        "  <author><name>深圳市财政局</name></author>\n"
        "  <entry>\n"
        "    <title>Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s</title>\n"
        "    <id>https://example.org/budget/city-library/2023/final-accounts/index.html</id>\n"
        "    <link rel=\"alternate\" type=\"text/html\" "
        "href=\"https://example.org/budget/city-library/2023/final-accounts/index.html\"/>\n"
        "    <updated>2024-08-30T00:00:00Z</updated>\n"
        "    <author><name>市图书馆</name></author>\n"
        "    <summary>收入 &lt; 支出 &amp; 结余</summary>\n"
        "    <category term=\"final-accounts\" label=\"部门决算\"/>\n"
        "  </entry>\n"
        "  <entry>\n"
        "    <title>2023年市财政局绩效评价</title>\n"
        "    <id>https://example.org/budget/finance/2023/evaluation/index.html</id>\n"
        "    <link rel=\"alternate\" type=\"text/html\" "
        "href=\"https://example.org/budget/finance/2023/evaluation/index.html\"/>\n"
        "    <updated>2023-02-10T00:00:00Z</updated>\n"
        "    <author><name>市财政局</name></author>\n"
        "    <category term=\"evaluation\" label=\"绩效评价\"/>\n"
        "  </entry>\n"
        "  <entry>\n"
        "    <title>2022年市图书馆部门预算</title>\n"
        "    <id>https://example.org/budget/city-library/2022/budget/index.html</id>\n"
        "    <link rel=\"alternate\" type=\"text/html\" "
        "href=\"https://example.org/budget/city-library/2022/budget/index.html\"/>\n"
        "    <updated>2022-01-01T00:00:00Z</updated>\n"
        "    <author><name>市图书馆</name></author>\n"
        "    <category term=\"budget\" label=\"部门预算\"/>\n"
        "  </entry>\n"
        "</feed>\n");
}

TEST_CASE("atom feed: reports of the same date keep the model's order", "[feeds]") {
  FeedSite site;
  const Department* a = site.department("a", "甲");
  const Department* b = site.department("b", "乙");
  site.report(a, 2023, DocumentKind::budget, "A budget");
  site.report(a, 2023, DocumentKind::evaluation, "A evaluation", "2023-01-01");
  site.report(b, 2023, DocumentKind::budget, "B budget");
  site.report(b, 2024, DocumentKind::budget, "B 2024", "2023-06-30");
  std::string feed = atom_feed(site.model);
  std::size_t b2024 = feed.find("<title>B 2024</title>");
  std::size_t a_budget = feed.find("<title>A budget</title>");
  std::size_t a_evaluation = feed.find("<title>A evaluation</title>");
  std::size_t b_budget = feed.find("<title>B budget</title>");
  REQUIRE(b_budget != std::string::npos);
  CHECK(b2024 < a_budget);
  CHECK(a_budget < a_evaluation);
  CHECK(a_evaluation < b_budget);
  CHECK(feed.find("  <updated>2023-06-30T00:00:00Z</updated>\n  <entry>") != std::string::npos);
}

TEST_CASE("atom feed: without reports or publisher, the same bytes every time", "[feeds]") {
  FeedSite site;
  site.model.config.language = "en";
  site.model.config.title = "Budgets";
  std::string feed = atom_feed(site.model);
  CHECK(feed ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
        "  <title>Budgets</title>\n"
        "  <id>https://example.org/budget/</id>\n"
        "  <link rel=\"alternate\" href=\"https://example.org/budget/\"/>\n"
        "  <link rel=\"self\" href=\"https://example.org/budget/feed.xml\"/>\n"
        "  <updated>1970-01-01T00:00:00Z</updated>\n"
        "</feed>\n");
  CHECK(atom_feed(site.model) == feed);
}

TEST_CASE("atom feed: a base URL's ampersand is escaped in every URL", "[feeds]") {
  FeedSite site;
  site.model.config.base_url = "https://example.org/?site=a&lang=zh/";
  site.report(site.department("a", "甲"), 2023, DocumentKind::budget, "t");
  std::string feed = atom_feed(site.model);
  CHECK(feed.find("&lang") == std::string::npos);
  CHECK(feed.find("  <id>https://example.org/?site=a&amp;lang=zh/</id>\n") != std::string::npos);
  CHECK(
      feed.find("<link rel=\"self\" href=\"https://example.org/?site=a&amp;lang=zh/feed.xml\"/>") !=
      std::string::npos);
  CHECK(
      feed.find("    <id>https://example.org/?site=a&amp;lang=zh/a/2023/budget/index.html</id>") !=
      std::string::npos);
}

// XML 1.0 allows no control characters but tab, line feed and carriage return, not even as
// character references, and the feed copies titles, summaries and department names as they
// are. So they are refused where they enter (base/text_characters.h): department.toml and front
// matter that write one as an escape never load, and the feed never sees one.
TEST_CASE("atom feed: control characters in names and summaries never load", "[feeds]") {
  for (const char* text : {"name = \"甲\\u000B\"\n", "summary = \"摘要\\u001F\"\n",
                           "title = \"预算\\u0001\"\n"}) {
    CAPTURE(text);
    Diagnostics d;
    CHECK_FALSE(parse_toml(text, "x.toml", d));
    CHECK(d.error_count() == 1);
  }
}

TEST_CASE("sitemap: one absolute, escaped URL per page", "[feeds]") {
  FeedSite site;
  CHECK(sitemap_xml(site.model, {"index.html", "city-library/2023/budget/index.html"}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        "  <url><loc>https://example.org/budget/index.html</loc></url>\n"
        "  <url><loc>https://example.org/budget/city-library/2023/budget/index.html</loc></url>\n"
        "</urlset>\n");
  site.model.config.base_url = "https://example.org/?a=1&b=2/";
  CHECK(sitemap_xml(site.model, {"a'b.html"}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        "  <url><loc>https://example.org/?a=1&amp;b=2/a&#39;b.html</loc></url>\n"
        "</urlset>\n");
  CHECK(sitemap_xml(site.model, {}) ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        "</urlset>\n");
}

TEST_CASE("robots.txt: allows everything, names the sitemap only with a base URL", "[feeds]") {
  FeedSite site;
  CHECK(robots_txt(site.model) ==
        "User-agent: *\nAllow: /\nSitemap: https://example.org/budget/sitemap.xml\n");
  site.model.config.base_url.clear();
  CHECK(robots_txt(site.model) == "User-agent: *\nAllow: /\n");
}
