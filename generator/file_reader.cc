#include "file_reader.h"

#include <fstream>
#include <sstream>

namespace gongkai {

namespace fs = std::filesystem;

std::optional<std::string> read_source_file(const fs::path& file, const std::string& display,
                                            Diagnostics& diagnostics) {
  std::error_code ec;
  fs::file_status status = fs::symlink_status(file, ec);
  if (ec || !fs::exists(status)) {
    diagnostics.error({display, 0, 0}, "file not found");
    return std::nullopt;
  }
  if (!fs::is_regular_file(status)) {
    diagnostics.error({display, 0, 0}, fs::is_symlink(status)
                                           ? "symbolic links are not followed"
                                           : "not a regular file");
    return std::nullopt;
  }
  std::uintmax_t size = fs::file_size(file, ec);
  if (!ec && size > kMaxSourceFileBytes) {
    diagnostics.error({display, 0, 0}, "file is " + std::to_string(size) +
                                           " bytes, over the limit of " +
                                           std::to_string(kMaxSourceFileBytes) + " bytes");
    return std::nullopt;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (!in && !in.eof()) {
    diagnostics.error({display, 0, 0}, "cannot read file");
    return std::nullopt;
  }
  return buffer.str();
}

std::string display_path(const fs::path& source_dir, const fs::path& file) {
  fs::path relative = file.lexically_normal().lexically_relative(source_dir.lexically_normal());
  if (relative.empty() || *relative.begin() == "..") return file.generic_string();
  return relative.generic_string();
}

}  // namespace gongkai
