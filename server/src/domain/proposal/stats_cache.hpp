#pragma once
// Statistics answers kept between requests. Computing them reads every proposal of the period
// several times; asking again is common (the dashboard, the report, each staff member). An answer
// is reused only while
//   - the audit log's head is where it was when the answer was computed: every audited write, on
//     any instance sharing the database, moves it;
//   - it is the same day (deadlines turn overdue at midnight);
//   - it is younger than kMaxAge, which bounds what a write outside the audit log (a seed, a
//     restore into a running server) can hide.
#include <chrono>
#include <compare>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "core/result.hpp"

namespace lvzhi::proposal {

class StatsCache {
 public:
  static constexpr auto kMaxAge = std::chrono::minutes(5);
  // Enough for every committee's current year on a busy day; beyond it the oldest answers go.
  static constexpr std::size_t kMaxEntries = 512;

  struct Key {
    long long committee_id = 0;
    int year = 0;
    long long session_id = 0;
    auto operator<=>(const Key&) const = default;
  };

  std::optional<Json> find(const Key& key, long long audit_head, const std::string& today);
  void store(const Key& key, long long audit_head, const std::string& today, Json answer);

 private:
  struct Entry {
    long long audit_head = 0;
    std::string today;
    std::chrono::steady_clock::time_point stored_at;
    Json answer;
  };
  std::mutex mutex_;
  std::map<Key, Entry> entries_;
};

}  // namespace lvzhi::proposal
