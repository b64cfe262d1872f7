#include "serve/live_events.h"

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>

namespace gongkai {

void EventHub::publish(const RebuildResult& result, std::size_t errors) {
  nlohmann::json data = {
      {"run", run_id_},      {"generation", result.generation}, {"ok", result.ok},
      {"full", result.full}, {"paths", result.changed_outputs}, {"errors", errors}};
  std::lock_guard lock(mutex_);
  history_.push_back({result.generation, data.dump()});
  if (history_.size() > kHistory) history_.pop_front();
  latest_ = result.generation;
  wake_.notify_all();
}

std::vector<LiveEvent> EventHub::after(std::uint64_t since, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, timeout, [&] { return closed_ || latest_ > since; });
  if (closed_ || latest_ <= since) return {};
  if (history_.empty() || history_.front().generation > since + 1) return {full_reload(latest_)};
  std::vector<LiveEvent> out;
  for (const LiveEvent& event : history_) {
    if (event.generation > since) out.push_back(event);
  }
  return out;
}

LiveEvent EventHub::full_reload(std::uint64_t generation) const {
  nlohmann::json data = {{"run", run_id_}, {"generation", generation},         {"ok", true},
                         {"full", true},   {"paths", nlohmann::json::array()}, {"errors", 0}};
  return {generation, data.dump()};
}

std::uint64_t EventHub::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

void EventHub::close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  wake_.notify_all();
}

bool EventHub::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

std::string sse_message(const std::string& run_id, const LiveEvent& event) {
  return "id: " + run_id + "." + std::to_string(event.generation) +
         "\nevent: rebuild\ndata: " + event.data + "\n\n";
}

StreamState stream_start(std::string run, std::string since, std::string_view last_event_id,
                         const std::string& run_id) {
  if (std::size_t dot = last_event_id.find('.'); dot != std::string_view::npos) {
    run = last_event_id.substr(0, dot);
    since = last_event_id.substr(dot + 1);
  }
  StreamState state;
  state.same_run = run == run_id;
  std::uint64_t value = 0;
  for (char c : since) {
    if (c < '0' || c > '9' || value > UINT64_MAX / 20) return state;
    value = value * 10 + static_cast<std::uint64_t>(c - '0');
  }
  state.since = value;
  return state;
}

std::string random_run_id() {
  std::random_device random;
  std::uniform_int_distribution<std::uint32_t> distribution;
  char text[9];
  std::snprintf(text, sizeof text, "%08x", distribution(random));
  return text;
}

}  // namespace gongkai
