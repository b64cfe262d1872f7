// Escaping text for HTML (and SVG, which has the same five special characters): one
// implementation for templates, Markdown, charts and the machine files.
#pragma once

#include <string>
#include <string_view>

namespace gongkai {

/// Appends `text` with & < > " ' as entities (&amp; &lt; &gt; &quot; &#39;), as `{{name}}`
/// prints a value: safe in element content and in quoted attribute values. Copies runs of
/// ordinary characters at once, since most text has nothing to escape.
void append_html_escaped(std::string& out, std::string_view text);

/// `text` escaped as append_html_escaped() escapes it.
std::string escape_html(std::string_view text);

/// `text` as a quoted CSS string ("…"), for a custom property that a stylesheet prints (the
/// source line of a printed page): `"`, `\`, `<`, `>`, `&`, `'` and control characters as
/// hexadecimal escapes ("\22 "), so that nothing in it can end the string, the declaration or,
/// once HTML-escaped into a style attribute, the attribute. Invalid UTF-8 passes as it is: the
/// page's own text already went through the same checks.
std::string css_string(std::string_view text);

}  // namespace gongkai
