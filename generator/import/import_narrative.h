// The narrative of a published document as Markdown: its parts and numbered sections as
// headings, its paragraphs joined again where a line or page break cut them, page numbers and
// running headers dropped.
#pragma once

#include <string>
#include <vector>

#include "import/source_grid.h"

namespace gongkai {

/// Markdown for the prose rows of a document (blank rows separate paragraphs): 第一部分 …
/// becomes a level-2 heading, 一、… a level-3 and （一）… a level-4 when they stand alone as
/// short lines; a paragraph that does not end a sentence is joined with the next unless that
/// one starts a heading or a numbered item; lines of a page number alone, and short lines
/// repeated three times or more (running headers), are dropped.
std::string narrative_markdown(const std::vector<SourceRow>& prose);

}  // namespace gongkai
