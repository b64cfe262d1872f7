// The offline search index: a script (search-index.js) that a <script> tag loads, because
// fetch() is refused on file://. Shape documented in docs/templates.md, "Search index".
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "render/site_model.h"

namespace gongkai {

/// `window.GONGKAI_SEARCH = {...};` listing departments, reports, narrative headings, tables
/// (with the names of their rows) and projects, in a fixed order.
std::string search_index_js(const SiteModel& model);

/// search_index_js(), handing each report to `take` once its search_entries are copied and then
/// emptying them: the streaming build's last use of them, which would otherwise hold the index
/// twice at its peak. `take` may move them elsewhere (into the record of a build, manifest.h).
std::string take_search_index_js(SiteModel& model,
                                 const std::function<void(LoadedReport& report)>& take = {});

/// One report's entries of the index (the report, its headings, tables and projects), joined
/// by commas: computed when the report is loaded (LoadedReport::search_entries), so that the
/// index can be written after the report's figures are gone.
std::string report_search_entries(const SiteModel& model, const LoadedReport& report);

/// JSON text safe inside a <script> element: '<', '>', '&', U+2028 and U+2029 escaped, so no
/// data can close the script or break the parser.
std::string script_safe_json(const nlohmann::json& value);

/// Appends `text` as a JSON string, byte for byte as script_safe_json() prints it. The index
/// of a large site holds tens of thousands of entries: building it as nlohmann::json first
/// took a twentieth of a build's time and a hundred megabytes.
void append_script_safe_string(std::string& out, std::string_view text);

}  // namespace gongkai
