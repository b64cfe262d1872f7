// The postings of the search index while a build collects them (search_index.h): grouped into
// buckets of neighbouring shards, each bucket's lines set aside on disk as they grow
// (base/text_spill.h), and a bucket read back only when its shards are written. At 10,000
// reports the postings are about 110 MB; held in memory they were the larger part of a build's
// peak, and they are read once.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/text_spill.h"

namespace gongkai {

/// One page's posting for one term, as SearchIndex::add_page() makes it.
struct PendingPosting {
  std::uint32_t shard = 0;
  std::string term;
  /// The page id and the rest of the posting, in the index's varints.
  std::string bytes;
};

class PostingStore {
 public:
  /// `shards` is a power of two (search_index.cc, shards_for()).
  explicit PostingStore(std::uint32_t shards);

  /// Adds a page's postings, from any thread.
  void add(const std::vector<PendingPosting>& postings);
  /// Shard k's terms, each with its postings as added (in the order they were added, which
  /// varies with the threads; the caller sorts them by page). A bucket read back is kept until
  /// each of its shards has been taken once. nullopt when what was set aside cannot be read
  /// back whole.
  std::optional<std::map<std::string, std::string>> take(std::uint32_t k);

 private:
  struct Bucket {
    std::mutex mutex;
    /// Lines "TERM\tBYTES\n" not yet set aside, and the pieces of the spill that hold the rest.
    std::string pending;
    std::vector<SpilledText> spilled;
    /// Set when a write failed: the bucket then stays in memory.
    bool in_memory = false;
  };
  using ShardTerms = std::vector<std::map<std::string, std::string>>;

  std::uint32_t bucket_of(std::uint32_t shard) const { return shard / shards_per_bucket_; }
  void set_aside(Bucket& bucket);
  std::optional<ShardTerms> read_bucket(std::uint32_t b);

  std::uint32_t shards_;
  std::uint32_t shards_per_bucket_;
  std::shared_ptr<TextSpill> spill_;
  std::vector<std::unique_ptr<Bucket>> buckets_;
  std::mutex read_mutex_;
  /// Buckets read back, by bucket: their shards' terms and how many shards are still to take.
  std::map<std::uint32_t, std::pair<ShardTerms, std::uint32_t>> open_;
};

}  // namespace gongkai
