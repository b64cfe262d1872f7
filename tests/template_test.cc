#include "base/html_escape.h"
#include "cli/template_command.h"
#include "render/template.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support.h"

using namespace gongkai;
using nlohmann::json;

namespace {

/// A loader serving `templates` (name -> text), each from the path "NAME.mustache".
TemplateLoader map_loader(std::map<std::string, std::string> templates) {
  return
      [templates = std::move(templates)](std::string_view name) -> std::optional<TemplateSource> {
        auto found = templates.find(std::string(name));
        if (found == templates.end()) return std::nullopt;
        return TemplateSource{found->second, found->first + ".mustache"};
      };
}

/// Every diagnostic as `path:line:col: severity: message`, one a line, without source lines.
std::string messages(const Diagnostics& diagnostics) {
  std::string out;
  for (Diagnostic d : diagnostics.sorted()) {
    d.source_line.clear();
    out += format_diagnostic(d) + "\n";
  }
  return out;
}

/// The diagnostics of compiling `text` as page.mustache.
std::string compile_errors(const std::string& text) {
  TemplateEngine engine(map_loader({{"page", text}}), MissingPartial::error);
  Diagnostics diagnostics;
  CHECK_FALSE(engine.load("page", diagnostics));
  return messages(diagnostics);
}

/// Renders "page" from `templates` with `data`; "(failed)" and the diagnostics on an error.
std::string render(const std::map<std::string, std::string>& templates, const json& data,
                   MissingPartial policy = MissingPartial::error) {
  TemplateEngine engine(map_loader(templates), policy);
  Diagnostics diagnostics;
  std::optional<std::string> out = engine.render("page", data, diagnostics);
  return out ? *out : "(failed)\n" + messages(diagnostics);
}

}  // namespace

TEST_CASE("section errors point at the tag", "[template]") {
  CHECK(compile_errors("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n") ==
        "page.mustache:2:3: error: unclosed section 'items'\n");
  CHECK(compile_errors("{{#a}}x{{/b}}") ==
        "page.mustache:1:1: error: unclosed section 'a'\n"
        "page.mustache:1:8: error: closing tag 'b' does not match open section 'a'\n");
  CHECK(compile_errors("{{^a}}{{#b}}{{/a}}") ==
        "page.mustache:1:13: error: closing tag 'a' does not match open section 'b'\n");
  CHECK(compile_errors("x\n{{/a}}") ==
        "page.mustache:2:1: error: closing tag 'a' has no open section\n");
  CHECK(compile_errors("{{<layout}}{{$title}}T{{/layout}}") ==
        "page.mustache:1:23: error: closing tag 'layout' does not match open block 'title'\n");
  CHECK(compile_errors("{{<layout}}\n{{$title}}T{{/title}}\n") ==
        "page.mustache:1:1: error: unclosed parent 'layout'\n");
  CHECK(compile_errors("{{<*layout}}{{/layout}}") ==
        "page.mustache:1:1: error: unclosed parent '*layout'\n"
        "page.mustache:1:13: error: closing tag 'layout' does not match open parent '*layout'\n");
}

TEST_CASE("columns count code points and errors carry the source line", "[template]") {
  TemplateEngine engine(map_loader({{"page", "部门预算 {{#表}}"}}), MissingPartial::error);
  Diagnostics diagnostics;
  CHECK_FALSE(engine.load("page", diagnostics));
  CHECK(diagnostics.format_all() ==
        "page.mustache:1:6: error: unclosed section '表'\n部门预算 {{#表}}\n     ^\n");
}

TEST_CASE("tag errors: unclosed tags, bad names, bad delimiter changes", "[template]") {
  CHECK(compile_errors("a\nb {{name") == "page.mustache:2:3: error: unclosed tag: expected '}}'\n");
  CHECK(compile_errors("{{{name}}") == "page.mustache:1:1: error: unclosed tag: expected '}}}'\n");
  CHECK(compile_errors("{{=<% %>=}}<%name") ==
        "page.mustache:1:12: error: unclosed tag: expected '%>'\n");
  const std::string bad_delimiters =
      "error: invalid delimiter change: expected two delimiters without spaces or '=', as in "
      "'{{=<% %>=}}'\n";
  CHECK(compile_errors("{{=<% %>}}") == "page.mustache:1:1: " + bad_delimiters);
  CHECK(compile_errors(" {{=<%=}}") == "page.mustache:1:2: " + bad_delimiters);
  CHECK(compile_errors("{{=a= b=}}") == "page.mustache:1:1: " + bad_delimiters);
  CHECK(compile_errors("{{}} {{# }}") ==
        "page.mustache:1:1: error: tag has no name\npage.mustache:1:6: error: tag has no name\n");
  CHECK(compile_errors("{{a b}}{{a..b}}{{>*}}") ==
        "page.mustache:1:1: error: invalid name 'a b'\n"
        "page.mustache:1:8: error: invalid name 'a..b'\n"
        "page.mustache:1:16: error: tag has no name\n");
}

TEST_CASE("nesting deeper than the limit is an error, not a stack overflow", "[template]") {
  std::string deep;
  for (int i = 0; i < 101; ++i) deep += "{{#a}}";
  CHECK(compile_errors(deep) ==
        "page.mustache:1:601: error: sections nested more than 100 levels deep\n");
}

TEST_CASE("every error of a template is reported", "[template]") {
  CHECK(compile_errors("{{a b}}\n{{=x}}\n{{#s}}") ==
        "page.mustache:1:1: error: invalid name 'a b'\n"
        "page.mustache:2:1: error: " +
            std::string("invalid delimiter change: expected two delimiters without spaces or '=', "
                        "as in '{{=<% %>=}}'\n") +
            "page.mustache:3:1: error: unclosed section 's'\n");
}

TEST_CASE("missing partials and parents: the error policy", "[template]") {
  TemplateEngine engine(map_loader({{"page", "a\n  {{>nav}}\n{{<layout}}{{/layout}}"}}),
                        MissingPartial::error);
  Diagnostics diagnostics;
  CHECK_FALSE(engine.load("page", diagnostics));
  CHECK(messages(diagnostics) ==
        "page.mustache:2:3: error: partial 'nav' not found\n"
        "page.mustache:3:1: error: parent 'layout' not found\n");
  Diagnostics at_render;
  CHECK_FALSE(engine.render("page", json::object(), at_render));
  CHECK(messages(at_render) ==
        "page.mustache:2:3: error: partial 'nav' not found\n"
        "page.mustache:3:1: error: parent 'layout' not found\n");
}

TEST_CASE("missing partials and parents: the empty policy warns and renders nothing",
          "[template]") {
  TemplateEngine engine(map_loader({{"page", "[{{>nav}}|{{<layout}}{{/layout}}]"}}),
                        MissingPartial::empty);
  Diagnostics diagnostics;
  CHECK(engine.load("page", diagnostics));
  CHECK(messages(diagnostics) ==
        "page.mustache:1:2: warning: partial 'nav' not found\n"
        "page.mustache:1:11: warning: parent 'layout' not found\n");
  Diagnostics at_render;
  CHECK(engine.render("page", json::object(), at_render) == "[|]");
  CHECK(messages(at_render).empty());
}

TEST_CASE("templates that are not there or do not compile", "[template]") {
  TemplateEngine engine(map_loader({{"page", "{{>broken}}"}, {"broken", "{{#x}}"}}),
                        MissingPartial::error);
  Diagnostics diagnostics;
  CHECK_FALSE(engine.load("nope", diagnostics));
  CHECK(messages(diagnostics) == "error: template 'nope' not found\n");
  Diagnostics loading;
  CHECK_FALSE(engine.load("page", loading));
  CHECK(messages(loading) == "broken.mustache:1:1: error: unclosed section 'x'\n");
  Diagnostics rendering;
  CHECK_FALSE(engine.render("page", json::object(), rendering));
  CHECK(messages(rendering) == "page.mustache:1:1: error: partial 'broken' has errors\n");
  Diagnostics direct;
  CHECK_FALSE(engine.render("broken", json::object(), direct));
  CHECK(messages(direct) == "broken.mustache: error: template 'broken' has errors\n");
}

TEST_CASE("endless recursion stops at the nesting limit", "[template]") {
  CHECK(render({{"page", "{{>loop}}"}, {"loop", "x{{>loop}}"}}, json::object()) ==
        "(failed)\nloop.mustache:1:2: error: partial 'loop' nested more than 100 levels deep\n");
  CHECK(render({{"page", "{{<p}}{{/p}}"}, {"p", "\n{{<p}}{{$a}}{{/a}}{{/p}}"}}, json::object()) ==
        "(failed)\np.mustache:2:1: error: parent 'p' nested more than 100 levels deep\n");
  json deep = json::object();
  json* node = &deep;
  for (int i = 0; i < 99; ++i) node = &((*node)["child"] = json{{"n", i}});
  (*node)["child"] = false;  // else `child` resolves in the enclosing context: endless
  std::string out =
      render({{"page", "{{>node}}"}, {"node", "{{n}},{{#child}}{{>node}}{{/child}}"}}, deep);
  CHECK(out.substr(0, 9) == ",0,1,2,3,");
  CHECK(out.substr(out.size() - 7) == ",97,98,");  // 100 expansions: exactly the limit
}

TEST_CASE("rendering nests sections and partials at most 1000 levels deep", "[template]") {
  std::string page;
  for (int i = 0; i < 50; ++i) page += "{{#a}}";
  page += "{{>page}}";
  for (int i = 0; i < 50; ++i) page += "{{/a}}";
  // 19 expansions of 51 levels each, then the 32nd section of the 20th is one too many.
  CHECK(render({{"page", page}}, {{"a", true}}) ==
        "(failed)\npage.mustache:1:187: error: sections, partials and blocks nested more than "
        "1000 levels deep\n");
}

TEST_CASE("a block inside its own argument does not recurse", "[template]") {
  CHECK(render({{"page", "{{<p}}{{$a}}<{{$a}}inner{{/a}}>{{/a}}{{/p}}"}, {"p", "[{{$a}}{{/a}}]"}},
               json::object()) == "[<inner>]");
}

TEST_CASE("dynamic names choose partials and parents from the data", "[template]") {
  std::map<std::string, std::string> templates = {
      {"page", "{{#items}}{{>*kind}};{{/items}}"},
      {"text", "T:{{content}}"},
      {"image", "I:{{url}}"},
  };
  json data = {{"items",
                {{{"kind", "text"}, {"content", "a"}},
                 {{"kind", "image"}, {"url", "b.png"}},
                 {{"content", "no kind"}}}}};
  CHECK(render(templates, data) == "T:a;I:b.png;;");

  templates["page"] = "{{<*layout}}{{$body}}B{{/body}}{{/*layout}}";
  templates["plain"] = "<{{$body}}default{{/body}}>";
  CHECK(render(templates, {{"layout", "plain"}}) == "<B>");
  CHECK(render(templates, json::object()) == "");
}

TEST_CASE("a dynamic name that finds no template follows the policy", "[template]") {
  std::map<std::string, std::string> templates = {{"page", "[{{>*kind}}]"}};
  TemplateEngine lenient(map_loader(templates), MissingPartial::empty);
  Diagnostics warnings;
  CHECK(lenient.render("page", View{{"kind", "chart"}}, warnings) == "[]");
  CHECK(messages(warnings) ==
        "page.mustache:1:2: warning: partial 'chart' not found (named by '*kind')\n");
  CHECK(render(templates, {{"kind", "chart"}}) ==
        "(failed)\npage.mustache:1:2: error: partial 'chart' not found (named by '*kind')\n");
}

TEST_CASE("values print as the spec says, escaped for HTML", "[template]") {
  json data = {{"text", "<a href='x'>&\"</a>"},
               {"float", 0.1},
               {"big", 1e21},
               {"negative", -42},
               {"yes", true},
               {"nothing", nullptr},
               {"list", {1, "two"}},
               {"obj", {{"k", "v"}}}};
  CHECK(render({{"page", "{{text}}|{{{text}}}|{{&text}}"}}, data) ==
        "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;|<a href='x'>&\"</a>|<a href='x'>&\"</a>");
  CHECK(render({{"page", "{{float}} {{big}} {{negative}} {{yes}} [{{nothing}}] {{missing}}"}},
               data) == "0.1 1e+21 -42 true [] ");
  CHECK(render({{"page", "{{list}} {{{obj}}}"}}, data) == "[1,&quot;two&quot;] {\"k\":\"v\"}");
  CHECK(render({{"page", "{{{bad}}}"}}, {{"bad", {"\xff"}}}) == "[\"\xEF\xBF\xBD\"]");
}

TEST_CASE("HTML escaping finds a character wherever it falls in a word", "[template]") {
  // The scan skips eight bytes at a time: every special character at every offset.
  auto reference = [](const std::string& text) {
    std::string out;
    for (char c : text) {
      out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;"
             : c == '\'' ? "&#39;" : std::string(1, c);
    }
    return out;
  };
  const std::string filler = "一般公共预算 0123456789 abcdef";
  for (char special : std::string("&<>\"'")) {
    for (std::size_t at = 0; at <= filler.size(); ++at) {
      std::string text = filler.substr(0, at) + special + filler.substr(at) + special + special;
      CAPTURE(text);
      std::string out = "kept:";
      append_html_escaped(out, text);
      CHECK(out == "kept:" + reference(text));
    }
  }
}

TEST_CASE("truthiness: empty strings are falsey, zero is a value", "[template]") {
  json data = {{"empty", ""}, {"zero", 0}, {"list", json::array()}, {"obj", json::object()}};
  CHECK(render({{"page",
                 "{{#empty}}e{{/empty}}{{#zero}}z{{.}}{{/zero}}{{^list}}l{{/list}}"
                 "{{#obj}}o{{/obj}}"}},
               data) == "z0lo");
}

TEST_CASE("dotted names look up members and array elements", "[template]") {
  json data = {{"rows", {{{"name", "first"}}, {{"name", "second"}}}}, {"title", "T"}};
  CHECK(render({{"page", "{{rows.1.name}}|{{rows.2.name}}|{{#rows}}{{name}}/{{title}} {{/rows}}"}},
               data) == "second||first/T second/T ");
}

TEST_CASE("a standalone partial indents every line, sections included", "[template]") {
  std::map<std::string, std::string> templates = {
      {"page", "<body>\n  {{>list}}\n</body>\n"},
      {"list", "<ul>\n{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n</ul>\n"},
  };
  CHECK(render(templates, {{"items", {"a", "b"}}}) ==
        "<body>\n  <ul>\n    <li>a</li>\n    <li>b</li>\n  </ul>\n</body>\n");
  templates["list"] = "{{#items}}- {{.}}\n{{/items}}end\n";
  CHECK(render(templates, {{"items", {"a", "b"}}}) == "<body>\n  - a\n  - b\n  end\n</body>\n");
}

TEST_CASE("a layout with blocks, as a site uses it", "[template]") {
  std::map<std::string, std::string> templates = {
      {"layout",
       "<html>\n  <title>{{$title}}gongkai{{/title}}</title>\n  <main>\n    {{$main}}\n"
       "    {{/main}}\n  </main>\n</html>\n"},
      {"page",
       "{{<layout}}\n{{$title}}{{name}}{{/title}}\n{{$main}}\n<h1>{{name}}</h1>\n"
       "{{#rows}}\n<p>{{.}}</p>\n{{/rows}}\n{{/main}}\n{{/layout}}\n"},
  };
  CHECK(render(templates, {{"name", "部门预算"}, {"rows", {"x", "y"}}}) ==
        "<html>\n  <title>部门预算</title>\n  <main>\n    <h1>部门预算</h1>\n    <p>x</p>\n"
        "    <p>y</p>\n  </main>\n</html>\n");
}

TEST_CASE("render_to appends; add defines a template once and completes links", "[template]") {
  TemplateEngine engine(map_loader({}), MissingPartial::empty);
  Diagnostics diagnostics;
  CHECK(engine.add("page", {"<{{>part}}>", "page.mustache"}, diagnostics));
  CHECK(messages(diagnostics) == "page.mustache:1:2: warning: partial 'part' not found\n");
  CHECK(engine.add("part", {"P{{x}}", "part.mustache"}, diagnostics));
  CHECK_FALSE(engine.add("part", {"again", "other.mustache"}, diagnostics));
  CHECK(messages(diagnostics) ==
        "other.mustache: error: template 'part' is already defined\n"
        "page.mustache:1:2: warning: partial 'part' not found\n");
  std::string out = "head:";
  CHECK(engine.render_to("page", {{"x", 1}}, out, diagnostics));
  CHECK(out == "head:<P1>");
}

TEST_CASE("several threads render one engine at once", "[template]") {
  TemplateEngine engine(map_loader({{"page", "{{#items}}{{>*kind}}{{/items}}|{{>row}}"},
                                    {"row", "{{#items}}<{{n}}>{{/items}}"},
                                    {"a", "A{{n}}"},
                                    {"b", "B{{n}}"}}),
                        MissingPartial::error);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  Diagnostics diagnostics;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      json data = {{"items", {{{"kind", "a"}, {"n", t}}, {{"kind", "b"}, {"n", t + 1}}}}};
      for (int i = 0; i < 300; ++i) {
        std::optional<std::string> out = engine.render("page", data, diagnostics);
        if (!out || (i > 0 && *out != results[t])) {
          results[t] = "mismatch";
          return;
        }
        results[t] = *out;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(results[0] == "A0B1|<0><1>");
  CHECK(results[3] == "A3B4|<3><4>");
  CHECK_FALSE(diagnostics.has_errors());
}

TEST_CASE("directory_loader reads NAME.mustache and nothing outside its folder", "[template]") {
  testing::TempDir dir;
  testing::write_file(dir / "partials/row.mustache", "<{{.}}>");
  testing::write_file(dir / "secret.mustache", "secret");
  TemplateLoader loader = directory_loader(dir / "partials");
  REQUIRE(loader("row"));
  CHECK(loader("row")->text == "<{{.}}>");
  CHECK(loader("row")->path == (dir / "partials/row.mustache").generic_string());
  CHECK_FALSE(loader("../secret"));
  CHECK_FALSE(loader("sub/row"));
  CHECK_FALSE(loader(""));
  CHECK_FALSE(loader("absent"));

  std::filesystem::create_symlink(dir / "secret.mustache", dir / "partials/link.mustache");
  TemplateEngine engine(loader, MissingPartial::empty);
  Diagnostics diagnostics;
  CHECK_FALSE(engine.add("page", {"{{>link}}", "page.mustache"}, diagnostics));
  CHECK(messages(diagnostics) ==
        "error: cannot load template 'link': " + (dir / "partials/link.mustache").generic_string() +
            ": symbolic links are not followed\n"
            "page.mustache:1:1: warning: partial 'link' not found\n");
}

TEST_CASE("template_command renders a file with data and partials", "[template]") {
  testing::TempDir dir;
  testing::write_file(dir / "page.mustache", "{{#rows}}{{>row}}{{/rows}}{{>gone}}\n");
  testing::write_file(dir / "partials/row.mustache", "[{{name}}]");
  testing::write_file(dir / "data.json", R"({"rows": [{"name": "a&b"}, {"name": "c"}]})");
  std::ostringstream out;
  Diagnostics diagnostics;
  CHECK(template_command(dir / "page.mustache", dir / "data.json", dir / "partials", out,
                         diagnostics) == 0);
  CHECK(out.str() == "[a&amp;b][c]\n");
  CHECK(messages(diagnostics) ==
        (dir / "page.mustache").generic_string() + ":1:27: warning: partial 'gone' not found\n");

  std::ostringstream no_data;
  Diagnostics quiet;
  CHECK(template_command(dir / "partials/row.mustache", std::nullopt, std::nullopt, no_data,
                         quiet) == 0);
  CHECK(no_data.str() == "[]");
}

TEST_CASE("template_command reports bad data and bad templates", "[template]") {
  testing::TempDir dir;
  testing::write_file(dir / "page.mustache", "{{#a}}");
  testing::write_file(dir / "data.json", "{\n  \"a\": ,\n}");
  std::ostringstream out;
  Diagnostics diagnostics;
  CHECK(template_command(dir / "page.mustache", dir / "data.json", std::nullopt, out,
                         diagnostics) == 1);
  CHECK(out.str().empty());
  std::string data = (dir / "data.json").generic_string();
  // The data goes through the strict reader of report files (base/json.h).
  CHECK(messages(diagnostics) == data + ":2:8: error: expected a JSON value\n");

  testing::write_file(dir / "data.json", "{}");
  Diagnostics second;
  CHECK(template_command(dir / "page.mustache", dir / "data.json", std::nullopt, out, second) == 1);
  CHECK(messages(second) ==
        (dir / "page.mustache").generic_string() + ":1:1: error: unclosed section 'a'\n");

  testing::write_file(dir / "deep.json", std::string(300, '[') + std::string(300, ']'));
  Diagnostics deep;
  CHECK(template_command(dir / "page.mustache", dir / "deep.json", std::nullopt, out, deep) == 1);
  CHECK(messages(deep) ==
        (dir / "deep.json").generic_string() + ":1:257: error: nesting deeper than 256 levels\n");

  Diagnostics missing;
  CHECK(template_command(dir / "none.mustache", std::nullopt, std::nullopt, out, missing) == 1);
  CHECK(messages(missing) ==
        (dir / "none.mustache").generic_string() + ": error: file not found\n");
}

TEST_CASE("a section renders a made array, making each item as it is reached", "[template]") {
  TemplateEngine engine(map_loader({{"page",
                                     "{{#rows}}{{n}}:{{made}};{{/rows}}|{{rows.1.n}}|"
                                     "{{^none}}no rows{{/none}}{{#none}}x{{/none}}"}}),
                        MissingPartial::error);
  int made = 0;
  View rows = View::made(3, [&made](std::size_t i) {
    ++made;
    return View{{"n", i}, {"made", made}};
  });
  View page = {{"rows", rows}, {"none", View::made(0, [](std::size_t) { return View(); })}};
  Diagnostics diagnostics;
  std::optional<std::string> out = engine.render("page", page, diagnostics);
  REQUIRE(out);
  // Each row is made when the section reaches it (never all first); an index looks one up.
  CHECK(*out == "0:1;1:2;2:3;|1|no rows");
  CHECK(made == 4);
}
