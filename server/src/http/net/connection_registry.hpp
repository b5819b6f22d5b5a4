#pragma once
// Live connections, so that shutdown can close the idle ones and, after the grace period, all of
// them.
#include <cstdint>
#include <functional>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace lvzhi::http::net {

class ConnectionRegistry {
 public:
  // Called with force=false to close the connection if it is idle, force=true to close it
  // regardless. Must be safe to call from any thread (it posts to the connection's own strand).
  using Closer = std::function<void(bool force)>;

  std::uint64_t add(Closer closer) {
    const std::lock_guard lock(mutex_);
    const std::uint64_t id = next_id_++;
    closers_.emplace(id, std::move(closer));
    return id;
  }
  // Returns how many remain.
  std::size_t remove(std::uint64_t id) {
    const std::lock_guard lock(mutex_);
    closers_.erase(id);
    return closers_.size();
  }
  [[nodiscard]] std::size_t size() const {
    const std::lock_guard lock(mutex_);
    return closers_.size();
  }
  void close_all(bool force) const {
    std::vector<Closer> closers;
    {
      // Closers post and return, but call them unlocked anyway: a connection ending meanwhile calls
      // remove().
      const std::lock_guard lock(mutex_);
      closers.reserve(closers_.size());
      for (const auto& [id, closer] : closers_) closers.push_back(closer);
    }
    for (const auto& closer : closers) closer(force);
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, Closer> closers_;
  std::uint64_t next_id_ = 1;
};

}  // namespace lvzhi::http::net
