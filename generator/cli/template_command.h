// `gongkai template FILE [--data JSON] [--partials DIR]`: renders one template outside a site,
// for theme authors (docs/templates.md).
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>

#include "base/diagnostic.h"
#include "render/template.h"

namespace gongkai {

/// Loads the template NAME from `dir`/NAME.mustache. Names that are empty or contain '/', '\\'
/// or ".." find nothing, so a template cannot reach outside `dir`.
TemplateLoader directory_loader(std::filesystem::path dir);

/// What `gongkai template FILE [--data JSON] [--partials DIR]` does: renders FILE with the
/// JSON in `data` as context (an empty object without it) and partials from `partials`, and
/// writes exactly the rendered bytes to `out`. Missing partials render as nothing, with a
/// warning. Returns 0, or 1 when the template or the data has errors (reported to
/// `diagnostics`, which the caller prints).
int template_command(const std::filesystem::path& file,
                     const std::optional<std::filesystem::path>& data,
                     const std::optional<std::filesystem::path>& partials, std::ostream& out,
                     Diagnostics& diagnostics);

}  // namespace gongkai
