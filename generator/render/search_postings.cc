#include "render/search_postings.h"

#include <algorithm>

#include "render/search_terms.h"

namespace gongkai {

namespace {

/// Buckets of shards: enough that one bucket read back is a small part of the postings.
constexpr std::uint32_t kBuckets = 64;
/// A bucket's lines are set aside when they reach this size: few writes, little held.
constexpr std::size_t kSetAsideBytes = 64 * 1024;

}  // namespace

PostingStore::PostingStore(std::uint32_t shards)
    : shards_(shards),
      shards_per_bucket_(std::max<std::uint32_t>(1, shards / kBuckets)), spill_(TextSpill::create()) {
  std::uint32_t buckets = (shards + shards_per_bucket_ - 1) / shards_per_bucket_;
  for (std::uint32_t b = 0; b < buckets; ++b) buckets_.push_back(std::make_unique<Bucket>());
}

void PostingStore::add(const std::vector<PendingPosting>& postings) {
  std::map<std::uint32_t, std::string> lines;
  for (const PendingPosting& p : postings) {
    std::string& line = lines[bucket_of(p.shard)];
    line += p.term;
    line += '\t';
    line += p.bytes;
    line += '\n';
  }
  for (auto& [b, text] : lines) {
    Bucket& bucket = *buckets_[b];
    std::lock_guard<std::mutex> lock(bucket.mutex);
    bucket.pending += text;
    if (bucket.pending.size() >= kSetAsideBytes) set_aside(bucket);
  }
}

/// Moves the bucket's pending lines to the spill; they stay pending when that fails.
void PostingStore::set_aside(Bucket& bucket) {
  if (!spill_ || bucket.in_memory) return;
  std::optional<SpilledText> where = spill_->append(bucket.pending);
  if (!where) {
    bucket.in_memory = true;
    return;
  }
  bucket.spilled.push_back(std::move(*where));
  std::string().swap(bucket.pending);
}

std::optional<PostingStore::ShardTerms> PostingStore::read_bucket(std::uint32_t b) {
  Bucket& bucket = *buckets_[b];
  std::lock_guard<std::mutex> lock(bucket.mutex);
  ShardTerms shards(shards_per_bucket_);
  auto add_lines = [&](std::string_view text) {
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = std::min(text.find('\n', start), text.size());
      std::string_view line = text.substr(start, end - start);
      start = end + 1;
      std::size_t tab = line.find('\t');
      if (tab == std::string_view::npos) continue;
      std::uint32_t shard = search_shard(line.substr(0, tab), shards_);
      shards[shard % shards_per_bucket_][std::string(line.substr(0, tab))] += line.substr(tab + 1);
    }
  };
  for (const SpilledText& piece : bucket.spilled) {
    std::optional<std::string> text = spill_->read(piece);
    if (!text) return std::nullopt;
    add_lines(*text);
  }
  add_lines(bucket.pending);
  return shards;
}

std::optional<std::map<std::string, std::string>> PostingStore::take(std::uint32_t k) {
  std::uint32_t b = bucket_of(k);
  std::lock_guard<std::mutex> lock(read_mutex_);
  auto open = open_.find(b);
  if (open == open_.end()) {
    std::optional<ShardTerms> read = read_bucket(b);
    if (!read) return std::nullopt;
    open = open_.emplace(b, std::make_pair(std::move(*read), shards_per_bucket_)).first;
  }
  std::map<std::string, std::string> terms = std::move(open->second.first[k % shards_per_bucket_]);
  if (--open->second.second == 0) open_.erase(open);
  return terms;
}

}  // namespace gongkai
