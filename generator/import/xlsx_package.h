// The parts of an .xlsx workbook that sheet_reader.cc reads: the zip archive (libzip), its XML
// parts (pugixml), the relationships that name them, the shared strings and the number formats
// of the cell styles. Every problem is a message; nothing here throws.
#pragma once

#include <zip.h>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "import/sheet_number_format.h"

namespace gongkai::sheet {

/// An .xlsx file opened for reading.
class XlsxPackage {
 public:
  /// Opens `file`; nullptr (with "SHOWN: error: …" in `errors`) when it is not a zip archive
  /// or cannot be read.
  static std::unique_ptr<XlsxPackage> open(const std::filesystem::path& file,
                                           const std::string& shown_name,
                                           std::vector<std::string>& errors);
  ~XlsxPackage();
  XlsxPackage(const XlsxPackage&) = delete;
  XlsxPackage& operator=(const XlsxPackage&) = delete;

  /// Whether the archive holds the part `name` ("xl/workbook.xml"; case is ignored).
  bool has(const std::string& name) const;
  /// The bytes of part `name`; nullopt with a message when it is missing, larger than
  /// kMaxPartBytes uncompressed, or corrupt.
  std::optional<std::string> read(const std::string& name, std::vector<std::string>& errors) const;
  /// Part `name` parsed as XML into `doc` (which keeps pointers into `buffer`, so both must
  /// live as long as the nodes are used); false with a message when it cannot be read or is
  /// not well-formed.
  bool read_xml(const std::string& name, std::string& buffer, pugi::xml_document& doc,
                std::vector<std::string>& errors) const;

  const std::string& shown_name() const { return shown_; }

 private:
  XlsxPackage(zip_t* zip, std::string shown) : zip_(zip), shown_(std::move(shown)) {}
  zip_t* zip_;
  std::string shown_;
};

/// One relationship of a part: what it is ("…/worksheet") and the part it names.
struct Relationship {
  std::string type;
  std::string target;  ///< the part's name in the archive ("xl/worksheets/sheet1.xml")
};

/// The relationships of part `source` ("xl/workbook.xml"), by id; empty when it has none.
std::map<std::string, Relationship> read_relationships(const XlsxPackage& package,
                                                       const std::string& source,
                                                       std::vector<std::string>& errors);

/// The target of the first relationship whose type ends with `/type_suffix`, or "".
std::string target_of_type(const std::map<std::string, Relationship>& rels,
                           std::string_view type_suffix);

/// The shared strings of a workbook (part `name`), rich text runs joined.
std::vector<std::string> read_shared_strings(const XlsxPackage& package, const std::string& name,
                                             std::vector<std::string>& errors);

/// The number format of each cell style (the `s` of a cell indexes it), from part `name`.
std::vector<NumberFormat> read_cell_formats(const XlsxPackage& package, const std::string& name,
                                            std::vector<std::string>& errors);

/// An element's name without its namespace prefix ("x:row" → "row").
std::string_view local_name(const pugi::xml_node& node);
/// The first child element of `parent` with local name `name`.
pugi::xml_node child(const pugi::xml_node& parent, std::string_view name);
/// The attribute of `node` with local name `name` ("r:id" has local name "id").
pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view name);
/// The text of a string item (<si>, <is>): its <t>, or its runs' <t> joined, with the
/// "_x000D_" escapes of the format decoded. Phonetic runs are left out.
std::string string_item_text(const pugi::xml_node& item);

/// Calls `f` for each child element of `parent` with local name `name`.
template <class F>
void for_each_child(const pugi::xml_node& parent, std::string_view name, F f) {
  for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
    if (node.type() == pugi::node_element && local_name(node) == name) f(node);
  }
}

}  // namespace gongkai::sheet
