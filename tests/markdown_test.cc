#include "base/html_escape.h"
#include "render/markdown.h"

#include <catch2/catch.hpp>

using namespace gongkai;

namespace {

RenderedMarkdown render(const std::string& text, MarkdownOptions options = {}) {
  Diagnostics d;
  return render_markdown(text, "a.md", 1, options, d);
}

}  // namespace

TEST_CASE("markdown: headings get stable ids and form the table of contents", "[markdown]") {
  RenderedMarkdown out = render("# 第一部分 部门概况\n\n## 一、部门职责\n\ntext\n\n# Part *Two*\n\n# Part Two\n");
  CHECK(out.html ==
        "<h2 id=\"第一部分-部门概况\">第一部分 部门概况</h2>\n"
        "<h3 id=\"一-部门职责\">一、部门职责</h3>\n<p>text</p>\n"
        "<h2 id=\"part-two\">Part <em>Two</em></h2>\n"
        "<h2 id=\"part-two-2\">Part Two</h2>\n");
  REQUIRE(out.headings.size() == 4);
  CHECK(out.headings[1].level == 3);
  CHECK(out.headings[1].text == "一、部门职责");
  CHECK(out.headings[3].id == "part-two-2");
}

TEST_CASE("markdown: heading ids", "[markdown]") {
  CHECK(heading_id("（一）收支总表") == "一-收支总表");
  CHECK(heading_id("2023 年 Budget!") == "2023-年-budget");
  CHECK(heading_id("!!!") == "section");
  CHECK(heading_id("\xff\xfe bad") == "bad");
  // Under a prefix of the ids the generator makes (page_ids.h): moved out of it, whole.
  CHECK(heading_id("chart-md-16-title") == "heading-chart-md-16-title");
  CHECK(heading_id("Table: function") == "heading-table-function");
  CHECK(heading_id("Series budget") == "heading-series-budget");
  CHECK(heading_id("Changes in 2023") == "heading-changes-in-2023");
  CHECK(heading_id("Charts") == "charts");
  CHECK(heading_id("Table") == "table");
  CHECK(heading_id("heading chart") == "heading-chart");
}

TEST_CASE("markdown: raw HTML and javascript: links are dropped by default", "[markdown]") {
  std::string text = "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>b</b>\n";
  RenderedMarkdown safe = render(text);
  CHECK(safe.html.find("<script>") == std::string::npos);
  CHECK(safe.html.find("javascript:") == std::string::npos);
  CHECK(safe.html.find("<b>") == std::string::npos);
  MarkdownOptions raw;
  raw.raw_html = true;
  CHECK(render(text, raw).html.find("<b>b</b>") != std::string::npos);
}

TEST_CASE("markdown: javascript:, vbscript:, data: and file: URLs are dropped with a warning", "[markdown]") {
  std::string text =
      "intro\n\n[a](javascript:alert(1))\n![b](data:image/png;base64,AAAA)\n"
      "[c](%20JaVa%09Script:x) [d](DATA:text/html,x) [e](file:///etc/passwd) [ok](https://example.org/)\n";
  for (bool raw : {false, true}) {
    MarkdownOptions options;
    options.raw_html = raw;
    Diagnostics diagnostics;
    RenderedMarkdown out = render_markdown(text, "r.md", 5, options, diagnostics);
    INFO("raw_html " << raw << "\n" << out.html);
    for (const char* bad : {"javascript:", "data:", "DATA:", "file:", "base64"}) {
      CHECK(out.html.find(bad) == std::string::npos);
    }
    CHECK(out.html.find("href=\"https://example.org/\"") != std::string::npos);
    CHECK(diagnostics.format_all() ==
          "r.md:7:1: warning: link to a javascript: URL dropped: such URLs can run scripts or hide content\n"
          "r.md:8:1: warning: image to a data: URL dropped: such URLs can run scripts or hide content\n"
          "r.md:9:25: warning: link to a data: URL dropped: such URLs can run scripts or hide content\n"
          "r.md:9:47: warning: link to a file: URL dropped: such URLs can run scripts or hide content\n");
  }
}

TEST_CASE("markdown: chart blocks are handed to the chart stage with their line", "[markdown]") {
  MarkdownOptions options;
  SourceLocation seen;
  options.chart_block = [&](std::string_view spec, const SourceLocation& where) {
    seen = where;
    return std::optional<std::string>("<svg>" + std::string(spec) + "</svg>");
  };
  Diagnostics d;
  RenderedMarkdown out =
      render_markdown("intro\n\n```chart\nkind = \"donut\"\n```\n", "b.md", 10, options, d);
  CHECK(out.html == "<p>intro</p>\n<svg>kind = \"donut\"\n</svg>");
  CHECK(seen.path == "b.md");
  CHECK(seen.line == 12);
}

TEST_CASE("markdown: 100,000 nested block quotes do not crash", "[markdown]") {
  std::string deep(100000, '>');
  RenderedMarkdown out = render(deep + " x\n");
  CHECK(out.html.find("x") != std::string::npos);
}

TEST_CASE("escape_html", "[markdown]") {
  CHECK(escape_html("<a href=\"x\">'&'</a>") ==
        "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
}

TEST_CASE("markdown: a heading never takes an id the page's templates write", "[markdown]") {
  std::set<std::string> taken{"main", "toc", "main-2"};
  MarkdownOptions options;
  options.taken_ids = &taken;
  RenderedMarkdown out = render("# main\n\n# toc\n\n# main\n\n# projects\n", options);
  REQUIRE(out.headings.size() == 4);
  CHECK(out.headings[0].id == "main-3");
  CHECK(out.headings[1].id == "toc-2");
  CHECK(out.headings[2].id == "main-4");
  CHECK(out.headings[3].id == "projects");
  CHECK(out.html.find("id=\"main\"") == std::string::npos);
}
