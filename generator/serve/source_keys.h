// Source keys for the preview (page_graph.h says what they name): which key a file event
// concerns, and whether an output that depends on one key is affected by a change of another.
// The watcher maps events to keys with these; the rebuilder matches keys against outputs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gongkai {

/// The folders of a site whose files are sources, besides site.toml at its root. The watcher
/// watches exactly these; source_key_of() gives keys only for what is in them.
inline constexpr std::string_view kSourceFolders[] = {"content", "templates", "assets", "i18n"};

/// True when `name` is one of kSourceFolders.
bool is_source_folder(std::string_view name);

/// The '/'-separated segments of `path`, empty ones included ("a//b/" gives "a", "", "b", ""),
/// so that callers can refuse empty segments rather than have them vanish.
std::vector<std::string_view> path_segments(std::string_view path);

/// True when output `dependency` (a source key, see site.h) is affected by a change of
/// `changed`. Keys ending in '/' cover the keys under them; "*" covers everything.
bool dependency_matches(std::string_view dependency, std::string_view changed);

/// The source key a path relative to the site folder belongs to: "content/D/Y/budget" for
/// budget.md and budget.json, a folder as "content/D/" (covering all under it), any other file
/// as itself. nullopt for what no output can depend on (hidden files, other folders).
std::optional<std::string> source_key_of(std::string_view relative_path, bool is_folder);

}  // namespace gongkai
