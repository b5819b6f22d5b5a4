#include "domain/proposal/stats_cache.hpp"

#include <gtest/gtest.h>

namespace lvzhi::proposal {
namespace {

using Key = StatsCache::Key;

TEST(StatsCache, AnAnswerIsReusedOnlyForTheSameAuditHeadAndDay) {
  StatsCache cache;
  const Key key{1, 2026, 0};
  EXPECT_FALSE(cache.find(key, 10, "2026-11-30"));
  cache.store(key, 10, "2026-11-30", Json{{"received", 4}});
  ASSERT_TRUE(cache.find(key, 10, "2026-11-30"));
  EXPECT_EQ((*cache.find(key, 10, "2026-11-30"))["received"], 4);
  // Another committee, year or session is another answer.
  EXPECT_FALSE(cache.find(Key{2, 2026, 0}, 10, "2026-11-30"));
  EXPECT_FALSE(cache.find(Key{1, 2025, 0}, 10, "2026-11-30"));
  EXPECT_FALSE(cache.find(Key{1, 2026, 7}, 10, "2026-11-30"));
  // A write moved the head: the answer is gone, also for a reader that still sees the old head.
  EXPECT_FALSE(cache.find(key, 11, "2026-11-30"));
  EXPECT_FALSE(cache.find(key, 10, "2026-11-30"));
  // The next day deadlines may have passed.
  cache.store(key, 11, "2026-11-30", Json{{"received", 5}});
  EXPECT_FALSE(cache.find(key, 11, "2026-12-01"));
}

TEST(StatsCache, WhenFullTheOldestAnswerMakesRoom) {
  StatsCache cache;
  for (std::size_t i = 0; i < StatsCache::kMaxEntries; ++i) {
    cache.store(Key{static_cast<long long>(i) + 1, 2026, 0}, 1, "2026-11-30", Json(i));
  }
  cache.store(Key{100000, 2026, 0}, 1, "2026-11-30", Json("new"));
  EXPECT_FALSE(cache.find(Key{1, 2026, 0}, 1, "2026-11-30"));  // the first stored
  EXPECT_TRUE(cache.find(Key{2, 2026, 0}, 1, "2026-11-30"));
  EXPECT_TRUE(cache.find(Key{100000, 2026, 0}, 1, "2026-11-30"));
  // Storing an answer already kept replaces it without pushing another out.
  cache.store(Key{2, 2026, 0}, 1, "2026-11-30", Json("again"));
  EXPECT_EQ(*cache.find(Key{2, 2026, 0}, 1, "2026-11-30"), "again");
  EXPECT_TRUE(cache.find(Key{3, 2026, 0}, 1, "2026-11-30"));
}

}  // namespace
}  // namespace lvzhi::proposal
