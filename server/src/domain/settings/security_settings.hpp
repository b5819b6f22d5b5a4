#pragma once
// Platform-wide security settings (password policy, lockout, sessions, second factor), edited by
// the secadmin.
#include <soci/soci.h>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace lvzhi::settings {

struct SecuritySettings {
  int password_min_length = 10;
  int password_min_classes = 3;
  int password_history = 5;
  int password_max_age_days = 90;  // 0 = never expires
  int lockout_threshold = 5;
  int lockout_window_minutes = 15;
  int lockout_minutes = 15;
  int login_rate_limit_per_minute = 30;
  int session_idle_minutes = 30;
  int session_absolute_hours = 12;
  bool mfa_required_for_all = false;  // the three admin roles always need it
};

Json to_json(const SecuritySettings& settings);

// Reads inside the caller's transaction (defaults for anything not stored).
SecuritySettings load_security(soci::session& sql);
// For reading the settings inside another statement (the session read): a scalar subquery for the
// stored JSON text (NULL when none is stored), and the settings from that text ("" = defaults).
inline constexpr const char* kStoredSecurity =
    "(SELECT value FROM settings WHERE committee_id = 0 AND key = 'security')";
SecuritySettings parse_security(const std::string& stored);
SecuritySettings load_security(db::Database& db);

// Applies a partial update; 422 with one message per bad field, nothing stored then.
Result<SecuritySettings> update_security(db::Database& db, const Actor& actor, const Json& patch);

}  // namespace lvzhi::settings
