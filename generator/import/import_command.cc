#include "import/import_command.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "import/import.h"
#include "import/import_text.h"
#include "import/sheet_reader.h"
#include "import/source_tables.h"
#include "import/text_source.h"

namespace gongkai {
namespace fs = std::filesystem;
namespace {

/// Sources larger than this are refused: no published document comes near it.
constexpr std::uintmax_t kMaxSourceBytes = 64u << 20;

std::optional<std::string> read_bytes(const fs::path& file, const std::string& shown,
                                      Diagnostics& diagnostics) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    diagnostics.error({shown, 0, 0}, "cannot read: not a file");
    return std::nullopt;
  }
  if (fs::file_size(file, ec) > kMaxSourceBytes) {
    diagnostics.error({shown, 0, 0}, "larger than 64 MiB: not a published document");
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  if (!in) {
    diagnostics.error({shown, 0, 0}, "cannot read");
    return std::nullopt;
  }
  return bytes.str();
}

bool valid_utf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    for (std::size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += n;
  }
  return true;
}

/// Reports the readers' messages, "PLACE: error: MESSAGE", as errors at PLACE.
void report_reader_errors(const std::vector<std::string>& errors, Diagnostics& diagnostics) {
  static const std::string kError = ": error: ";
  for (const std::string& error : errors) {
    std::size_t at = error.find(kError);
    if (at == std::string::npos) {
      diagnostics.error({"", 0, 0}, error);
    } else {
      diagnostics.error({error.substr(0, at), 0, 0}, error.substr(at + kError.size()));
    }
  }
}

/// A grid that prints no title before its first grid row (a sheet or CSV file of one table),
/// with at most department and unit lines above it, gets the sheet's or file's name as a title
/// line, so that a name such as 收支总表 finds the table; a name that is no table's title does
/// no harm (the table is then matched by its header). A name that does not end in 表 (Sheet1,
/// data.csv) is no title and is not used.
void name_untitled(SourceGrid& grid, const std::string& name) {
  for (const SourceRow& row : grid.rows) {
    if (row.cells.empty()) continue;
    bool line = !row.grid || row.cells.size() == 1;
    if (line && is_meta_line(row.cells[0].text)) continue;  // 部门名称, 单位 above the grid
    if (line) return;
    break;
  }
  std::string label = normalized_label(name);
  if (label.ends_with(")") && label.rfind('(') != std::string::npos)
    label = label.substr(0, label.rfind('('));
  if (!label.ends_with("表")) return;  // Sheet1, data.csv: not a title
  SourceRow title;
  title.cells.push_back({name, grid.name});
  title.where = grid.name;
  grid.rows.insert(grid.rows.begin(), {title, SourceRow{}});
}

std::string lowercase_extension(const std::string& input) {
  std::string extension = fs::path(input).extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return extension;
}

/// The rows of one source, by its kind (.xlsx, .csv, else text); nothing after a reported
/// error.
std::vector<SourceGrid> read_source(const std::string& input, Diagnostics& diagnostics) {
  std::string extension = lowercase_extension(input);
  std::vector<std::string> errors;
  if (extension == ".xlsx") {
    std::vector<SourceGrid> sheets = read_workbook(input, input, errors);
    report_reader_errors(errors, diagnostics);
    for (SourceGrid& sheet : sheets)
      name_untitled(sheet, sheet.name.substr(sheet.name.rfind(':') + 1));
    return errors.empty() ? sheets : std::vector<SourceGrid>{};
  }
  std::optional<std::string> bytes = read_bytes(input, input, diagnostics);
  if (!bytes) return {};
  if (extension == ".csv") {
    SourceGrid grid = read_csv(*bytes, input, errors);
    report_reader_errors(errors, diagnostics);
    name_untitled(grid, fs::path(input).stem().string());
    return errors.empty() ? std::vector<SourceGrid>{grid} : std::vector<SourceGrid>{};
  }
  if (bytes->starts_with("%PDF")) {
    diagnostics.error({input, 0, 0},
                      "a PDF file: import its text (tables with a tab between cells) or the "
                      "spreadsheets it was made from (docs/import.md)");
    return {};
  }
  if (!valid_utf8(*bytes)) {
    diagnostics.error({input, 0, 0}, "not UTF-8 text; save the extracted text as UTF-8");
    return {};
  }
  std::size_t cells = static_cast<std::size_t>(std::count(bytes->begin(), bytes->end(), '\t')) +
                      static_cast<std::size_t>(std::count(bytes->begin(), bytes->end(), '\n'));
  if (cells > kMaxSheetCells) {
    diagnostics.error({input, 0, 0}, "more than " + std::to_string(kMaxSheetCells) +
                                         " cells; not a published document");
    return {};
  }
  return {read_text(*bytes, input)};
}

bool writable(const fs::path& site_dir, const std::vector<fs::path>& files, bool force,
              Diagnostics& diagnostics) {
  bool ok = true;
  for (const fs::path& file : files) {
    std::error_code ec;
    if (!force && fs::exists(site_dir / file, ec)) {
      diagnostics.error({file.generic_string(), 0, 0},
                        "already exists; gongkai import replaces a file only with --force");
      ok = false;
    }
  }
  return ok;
}

/// Writes through a temporary file renamed over the target, so a file is whole or untouched.
bool write_file(const fs::path& site_dir, const fs::path& file, const std::string& text,
                Diagnostics& diagnostics) {
  std::error_code ec;
  fs::create_directories((site_dir / file).parent_path(), ec);
  fs::path temporary = site_dir / (file.generic_string() + ".import-tmp");
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) {
      diagnostics.error({file.generic_string(), 0, 0}, "cannot write file");
      fs::remove(temporary, ec);
      return false;
    }
  }
  fs::rename(temporary, site_dir / file, ec);
  if (ec) {
    diagnostics.error({file.generic_string(), 0, 0}, "cannot write file: " + ec.message());
    fs::remove(temporary, ec);
    return false;
  }
  return true;
}

void print_report(const ImportResult& result, const std::vector<std::string>& inputs,
                  std::ostream& out) {
  std::string names;
  for (const std::string& input : inputs) names += (names.empty() ? "" : ", ") + input;
  out << "read " << names << ": " << result.log.tables << " tables, " << result.log.rows
      << " rows, " << result.log.figures << " figures\n";
  for (const ImportedTable& table : result.tables)
    out << "  " << table.caption << " (" << table.where << "): " << table.rows << " rows, "
        << table.figures << " figures\n";
  if (!result.not_printed.empty()) {
    out << "not printed in the source, so left out: ";
    for (std::size_t t = 0; t < result.not_printed.size(); ++t)
      out << (t ? "; " : "") << result.not_printed[t];
    out << "\n";
  }
  for (const ImportFinding& finding : result.log.unplaced)
    out << finding.where << ": warning: " << finding.message << "\n";
  out << result.log.unplaced.size() << " line(s) or cell(s) to look at by hand\n";
}

}  // namespace

std::vector<fs::path> import_into_site(const fs::path& site_dir, const ReportSpec& spec,
                                       const ImportCommandOptions& options, std::ostream& out,
                                       Diagnostics& diagnostics) {
  std::optional<ReportSkeleton> skeleton = report_skeleton(site_dir, spec, diagnostics);
  std::vector<SourceGrid> sources;
  for (const std::string& input : options.inputs) {
    for (SourceGrid& grid : read_source(input, diagnostics)) sources.push_back(std::move(grid));
  }
  if (!skeleton || diagnostics.has_errors()) return {};
  std::string kind(kind_slug(spec.kind));
  fs::path dir = fs::path("content") / spec.department / std::to_string(spec.year);
  std::vector<fs::path> files = {dir / (kind + ".json"), dir / (kind + ".md")};
  if (!options.dry_run && !writable(site_dir, files, options.force, diagnostics)) return {};
  ImportResult result = import_report(sources, *skeleton);
  if (result.log.tables == 0) {
    diagnostics.error({options.inputs.front(), 0, 0},
                      "no table found: is this the text of a published document, its tables "
                      "printed with a tab between cells? Nothing written");
    return {};
  }
  print_report(result, options.inputs, out);
  if (options.dry_run) {
    for (const fs::path& file : files) {
      std::error_code ec;
      if (!options.force && fs::exists(site_dir / file, ec))
        out << file.generic_string() << ": note: exists; the import will need --force\n";
    }
    return {};
  }
  if (!write_file(site_dir, files[0], result.json, diagnostics) ||
      !write_file(site_dir, files[1], result.markdown, diagnostics))
    return {};
  return files;
}

}  // namespace gongkai
