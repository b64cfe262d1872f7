// What takes a file's bytes piece by piece, for files too large to hold whole: the writer's
// streamed output (publish/output.h) and the renderers that write in pieces.
#pragma once

#include <functional>
#include <string_view>

namespace gongkai {

/// Called with each piece in order; the pieces joined are the file.
using TextSink = std::function<void(std::string_view)>;

}  // namespace gongkai
