#pragma once
// Wall-clock time as UTC unix seconds. One function so tests and future fakes have one seam.
#include <chrono>

namespace lvzhi {

inline long long now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace lvzhi
