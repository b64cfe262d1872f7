#include "import/xlsx_package.h"

#include <charconv>

#include "import/sheet_reader.h"
#include "import/sheet_rows.h"

namespace gongkai::sheet {

namespace {

/// Largest number of cell styles and number formats read from styles.xml.
constexpr std::size_t kMaxStyles = 65'536;

std::string zip_message(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string message = zip_error_strerror(&error);
  zip_error_fini(&error);
  return message;
}

/// Closes a zip_file_t when it goes out of scope.
struct ZipFileCloser {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};

/// The folder of part `name` ("xl/" for "xl/workbook.xml", "" for "workbook.xml").
std::string folder_of(const std::string& name) {
  std::size_t slash = name.rfind('/');
  return slash == std::string::npos ? std::string() : name.substr(0, slash + 1);
}

/// The part a relationship of a part in `folder` names by `target`: "worksheets/sheet1.xml"
/// from "xl/" is "xl/worksheets/sheet1.xml", "/xl/styles.xml" is "xl/styles.xml", and ".."
/// steps up.
std::string resolve_target(const std::string& folder, std::string_view target) {
  std::string path =
      target.starts_with('/') ? std::string(target.substr(1)) : folder + std::string(target);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = std::min(path.find('/', start), path.size());
    std::string part = path.substr(start, slash - start);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = slash + 1;
  }
  std::string resolved;
  for (const std::string& part : parts) resolved += (resolved.empty() ? "" : "/") + part;
  return resolved;
}

/// The code point of the escape "_xHHHH_" at `at` of `text`, or -1 when there is none.
long escape_at(std::string_view text, std::size_t at) {
  if (text.substr(at, 2) != "_x" || at + 7 > text.size() || text[at + 6] != '_') return -1;
  unsigned code = 0;
  const char* first = text.data() + at + 2;
  auto [end, error] = std::from_chars(first, first + 4, code, 16);
  return error == std::errc() && end == first + 4 ? static_cast<long>(code) : -1;
}

/// Decodes the "_xHHHH_" escapes by which the format writes control characters ("_x000D_" is
/// a carriage return); control characters other than tabs and line breaks are dropped.
std::string decode_escapes(std::string_view text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t found = text.find("_x", at);
    long code = found == std::string_view::npos ? -1 : escape_at(text, found);
    std::size_t end = found == std::string_view::npos ? text.size() : found + (code < 0 ? 2 : 0);
    out.append(text.substr(at, end - at));
    at = end;
    if (code < 0) continue;
    if (code >= 0xD800 && code < 0xE000) code = 0xFFFD;
    if (code >= 0x20 || code == '\t' || code == '\n' || code == '\r') {
      append_utf8(out, static_cast<char32_t>(code));
    }
    at += 7;
  }
  return out;
}

}  // namespace

std::unique_ptr<XlsxPackage> XlsxPackage::open(const std::filesystem::path& file,
                                               const std::string& shown_name,
                                               std::vector<std::string>& errors) {
  int code = 0;
  zip_t* zip = zip_open(file.c_str(), ZIP_RDONLY, &code);
  if (zip == nullptr) {
    if (code == ZIP_ER_NOZIP) {
      errors.push_back(shown_name +
                       ": error: not an .xlsx workbook (not a zip archive); save it as .xlsx");
    } else {
      errors.push_back(shown_name + ": error: cannot read the workbook: " + zip_message(code));
    }
    return nullptr;
  }
  return std::unique_ptr<XlsxPackage>(new XlsxPackage(zip, shown_name));
}

XlsxPackage::~XlsxPackage() { zip_discard(zip_); }

bool XlsxPackage::has(const std::string& name) const {
  return zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::optional<std::string> XlsxPackage::read(const std::string& name,
                                             std::vector<std::string>& errors) const {
  auto fail = [&](const std::string& why) {
    errors.push_back(shown_ + ": error: " + name + ": " + why);
    return std::nullopt;
  };
  zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return fail("missing from the workbook");
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_stat_index(zip_, static_cast<zip_uint64_t>(index), 0, &stat) != 0 ||
      !(stat.valid & ZIP_STAT_SIZE)) {
    return fail(std::string("cannot be read: ") + zip_strerror(zip_));
  }
  if (stat.size > kMaxPartBytes) {
    return fail("larger than " + std::to_string(kMaxPartBytes >> 20) +
                " MiB uncompressed; not read");
  }
  std::unique_ptr<zip_file_t, ZipFileCloser> part(
      zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0));
  if (!part) return fail(std::string("cannot be read: ") + zip_strerror(zip_));
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    zip_int64_t n = zip_fread(part.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0) return fail(std::string("corrupt: ") + zip_file_strerror(part.get()));
    if (n == 0) return fail("corrupt: shorter than the archive says");
    done += static_cast<std::size_t>(n);
  }
  // Reading on to the end makes libzip check the part's CRC.
  char extra = 0;
  zip_int64_t more = zip_fread(part.get(), &extra, 1);
  if (more < 0) return fail(std::string("corrupt: ") + zip_file_strerror(part.get()));
  if (more > 0) return fail("corrupt: longer than the archive says");
  return bytes;
}

bool XlsxPackage::read_xml(const std::string& name, std::string& buffer, pugi::xml_document& doc,
                           std::vector<std::string>& errors) const {
  std::optional<std::string> bytes = read(name, errors);
  if (!bytes) return false;
  buffer = std::move(*bytes);
  pugi::xml_parse_result result = doc.load_buffer_inplace(
      buffer.data(), buffer.size(), pugi::parse_default | pugi::parse_ws_pcdata);
  if (!result) {
    errors.push_back(shown_ + ": error: " + name + ": not well-formed XML (" +
                     result.description() + " at byte " + std::to_string(result.offset) + ")");
    return false;
  }
  return true;
}

std::map<std::string, Relationship> read_relationships(const XlsxPackage& package,
                                                       const std::string& source,
                                                       std::vector<std::string>& errors) {
  std::map<std::string, Relationship> rels;
  std::string folder = folder_of(source);
  std::string name = folder + "_rels/" + source.substr(folder.size()) + ".rels";
  std::string buffer;
  pugi::xml_document doc;
  if (!package.has(name) || !package.read_xml(name, buffer, doc, errors)) return rels;
  for_each_child(doc.document_element(), "Relationship", [&](const pugi::xml_node& rel) {
    if (std::string_view(attribute(rel, "TargetMode").value()) == "External") return;
    rels[attribute(rel, "Id").value()] = {attribute(rel, "Type").value(),
                                          resolve_target(folder, attribute(rel, "Target").value())};
  });
  return rels;
}

std::string target_of_type(const std::map<std::string, Relationship>& rels,
                           std::string_view type_suffix) {
  for (const auto& [id, rel] : rels) {
    std::string_view type = rel.type;
    if (type.ends_with(type_suffix) && type.size() > type_suffix.size() &&
        type[type.size() - type_suffix.size() - 1] == '/') {
      return rel.target;
    }
  }
  return {};
}

std::vector<std::string> read_shared_strings(const XlsxPackage& package, const std::string& name,
                                             std::vector<std::string>& errors) {
  std::vector<std::string> strings;
  std::string buffer;
  pugi::xml_document doc;
  if (!package.read_xml(name, buffer, doc, errors)) return strings;
  for_each_child(doc.document_element(), "si",
                 [&](const pugi::xml_node& si) { strings.push_back(string_item_text(si)); });
  return strings;
}

std::vector<NumberFormat> read_cell_formats(const XlsxPackage& package, const std::string& name,
                                            std::vector<std::string>& errors) {
  std::vector<NumberFormat> formats;
  std::string buffer;
  pugi::xml_document doc;
  if (!package.read_xml(name, buffer, doc, errors)) return formats;
  pugi::xml_node styles = doc.document_element();
  std::map<unsigned, std::string> codes;
  for_each_child(child(styles, "numFmts"), "numFmt", [&](const pugi::xml_node& fmt) {
    if (codes.size() < kMaxStyles) {
      codes[attribute(fmt, "numFmtId").as_uint()] = attribute(fmt, "formatCode").value();
    }
  });
  for_each_child(child(styles, "cellXfs"), "xf", [&](const pugi::xml_node& xf) {
    if (formats.size() >= kMaxStyles) return;
    unsigned id = attribute(xf, "numFmtId").as_uint();
    auto custom = codes.find(id);
    formats.push_back(parse_number_format(
        custom != codes.end() ? std::string_view(custom->second)
                              : builtin_format_code(static_cast<int>(std::min(id, 1000u)))));
  });
  return formats;
}

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node node = parent.first_child(); node; node = node.next_sibling()) {
    if (node.type() == pugi::node_element && local_name(node) == name) return node;
  }
  return {};
}

pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view name) {
  for (pugi::xml_attribute attr = node.first_attribute(); attr; attr = attr.next_attribute()) {
    std::string_view full = attr.name();
    std::size_t colon = full.find(':');
    std::string_view local = colon == std::string_view::npos ? full : full.substr(colon + 1);
    if (local == name && !full.starts_with("xmlns")) return attr;
  }
  return {};
}

std::string string_item_text(const pugi::xml_node& item) {
  std::string text;
  for (pugi::xml_node node = item.first_child(); node; node = node.next_sibling()) {
    std::string_view name = local_name(node);
    if (name == "t") {
      text += node.child_value();
    } else if (name == "r") {
      text += child(node, "t").child_value();
    }
  }
  return decode_escapes(text);
}

}  // namespace gongkai::sheet
