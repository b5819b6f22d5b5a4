#include "domain/proposal/stats_cache.hpp"

#include <algorithm>
#include <utility>

namespace lvzhi::proposal {

std::optional<Json> StatsCache::find(const Key& key, long long audit_head,
                                     const std::string& today) {
  const std::scoped_lock lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  const Entry& entry = it->second;
  if (entry.audit_head != audit_head || entry.today != today ||
      std::chrono::steady_clock::now() - entry.stored_at > kMaxAge) {
    entries_.erase(it);
    return std::nullopt;
  }
  return entry.answer;
}

void StatsCache::store(const Key& key, long long audit_head, const std::string& today,
                       Json answer) {
  const std::scoped_lock lock(mutex_);
  if (entries_.size() >= kMaxEntries && !entries_.contains(key)) {
    const auto oldest = std::min_element(
        entries_.begin(), entries_.end(),
        [](const auto& a, const auto& b) { return a.second.stored_at < b.second.stored_at; });
    entries_.erase(oldest);
  }
  entries_.insert_or_assign(
      key, Entry{audit_head, today, std::chrono::steady_clock::now(), std::move(answer)});
}

}  // namespace lvzhi::proposal
