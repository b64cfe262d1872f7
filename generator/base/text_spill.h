// Text set aside on disk while a build runs: what a build must keep to its end but reads only
// once more (the search terms its reuse record carries, site_build.cc), so that it does not stay
// in memory the whole build. Unnamed temporary file, gone when the last holder lets it go.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace gongkai {

class TextSpill;

/// Where a text was set aside: which spill, and its bytes' offset and size there.
struct SpilledText {
  std::shared_ptr<const TextSpill> spill;
  std::uint64_t offset = 0;
  std::uint64_t size = 0;

  bool operator==(const SpilledText&) const = default;
};

class TextSpill : public std::enable_shared_from_this<TextSpill> {
 public:
  /// An unnamed file in the temporary folder (TMPDIR, else /tmp); nullptr when none can be made,
  /// and then callers keep their texts in memory.
  static std::shared_ptr<TextSpill> create();
  ~TextSpill();
  TextSpill(const TextSpill&) = delete;
  TextSpill& operator=(const TextSpill&) = delete;

  /// Appends `text` (from any thread); nullopt when it cannot be written whole (a full disk):
  /// the caller then keeps the text itself.
  std::optional<SpilledText> append(std::string_view text);
  /// The text `where` names; nullopt when it cannot be read back whole.
  std::optional<std::string> read(const SpilledText& where) const;

 private:
  explicit TextSpill(int fd) : fd_(fd) {}
  int fd_;
  std::atomic<std::uint64_t> end_{0};
};

}  // namespace gongkai
