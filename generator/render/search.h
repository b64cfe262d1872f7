// JSON for scripts: the search index (search_index.h) is written as scripts that a <script>
// element loads, because fetch() is refused on file://, and its strings must never close the
// script or break the parser.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace gongkai {

/// JSON text safe inside a <script> element: '<', '>', '&', U+2028 and U+2029 escaped, so no
/// data can close the script or break the parser.
std::string script_safe_json(const nlohmann::json& value);

/// Appends `text` as a JSON string, byte for byte as script_safe_json() prints it, without
/// building an nlohmann::json first (the index holds millions of strings).
void append_script_safe_string(std::string& out, std::string_view text);

}  // namespace gongkai
