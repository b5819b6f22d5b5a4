#include "domain/auth/throttle.hpp"

#include <fmt/format.h>

#include "domain/audit/audit.hpp"

namespace lvzhi::auth {
namespace {
constexpr long long kSecondsPerMinute = 60;
}  // namespace

long long lockout_remaining(soci::session& sql, const std::string& username, long long now) {
  long long locked_until = 0;
  sql << "SELECT locked_until FROM login_throttle WHERE username = :u", soci::use(username),
      soci::into(locked_until);
  if (!sql.got_data() || locked_until <= now) return 0;
  return locked_until - now;
}

bool record_login_failure(soci::session& sql, const db::Dialect& dialect, const Actor& actor,
                          const std::string& username, const std::string& reason,
                          const settings::SecuritySettings& settings, long long now) {
  long long window_start = 0;
  int failed = 0;
  sql << fmt::format("SELECT window_start, failed_count FROM login_throttle WHERE username = :u{}",
                     dialect.for_update()),
      soci::use(username), soci::into(window_start), soci::into(failed);
  const bool exists = sql.got_data();
  if (!exists || now - window_start > settings.lockout_window_minutes * kSecondsPerMinute) {
    window_start = now;
    failed = 0;
  }
  ++failed;
  const bool locks = failed >= settings.lockout_threshold;
  const long long locked_until = locks ? now + settings.lockout_minutes * kSecondsPerMinute : 0;
  const int stored_count = locks ? 0 : failed;  // a lockout starts a fresh count
  sql << "INSERT INTO login_throttle (username, failed_count, window_start, locked_until) "
         "VALUES (:u, :n, :w, :l) ON CONFLICT (username) DO UPDATE SET "
         "failed_count = excluded.failed_count, window_start = excluded.window_start, "
         "locked_until = excluded.locked_until",
      soci::use(username), soci::use(stored_count), soci::use(window_start),
      soci::use(locked_until);

  audit::record(sql, dialect, actor,
                {.action = "auth.login_failed",
                 .object_type = "username",
                 .object_id = username,
                 .changes = Json{{"reason", reason}, {"failures", failed}}});
  if (locks) {
    audit::record(sql, dialect, actor,
                  {.action = "auth.account_locked",
                   .object_type = "username",
                   .object_id = username,
                   .changes = Json{{"locked_until", locked_until},
                                   {"failures", failed},
                                   {"window_minutes", settings.lockout_window_minutes}}});
  }
  return locks;
}

void clear_login_failures(soci::session& sql, const std::string& username) {
  sql << "DELETE FROM login_throttle WHERE username = :u", soci::use(username);
}

bool rate_limit_allows(soci::session& sql, const db::Dialect& dialect, const std::string& bucket,
                       int limit_per_minute, long long now) {
  const long long window = now - now % kSecondsPerMinute;
  long long stored_window = 0;
  int hits = 0;
  sql << fmt::format("SELECT window_start, hits FROM rate_limits WHERE bucket = :b{}",
                     dialect.for_update()),
      soci::use(bucket), soci::into(stored_window), soci::into(hits);
  if (!sql.got_data() || stored_window != window) hits = 0;
  ++hits;
  sql << "INSERT INTO rate_limits (bucket, window_start, hits) VALUES (:b, :w, :h) "
         "ON CONFLICT (bucket) DO UPDATE SET window_start = excluded.window_start, "
         "hits = excluded.hits",
      soci::use(bucket), soci::use(window), soci::use(hits);
  return hits <= limit_per_minute;
}

}  // namespace lvzhi::auth
