// What pages carry in the preview and nowhere else: the live-reload script, and the error
// overlay while the sources have errors. They are added to the bytes as served, never to the
// built files, so that the preview serves what `gongkai build` publishes.
#pragma once

#include <string>
#include <string_view>

#include "serve/preview_texts.h"

namespace gongkai {

struct SiteSnapshot;

/// `html` with the preview's additions inserted before its last </body>: the live-reload
/// script, and the error overlay when `snapshot` carries errors.
std::string inject_preview(std::string_view html, const SiteSnapshot& snapshot,
                           std::string_view run_id);

/// The page every request gets while the site has never been built, in the language of
/// `texts`: only the overlay that inject_preview() adds says why.
std::string no_site_page(const PreviewTexts& texts);

}  // namespace gongkai
