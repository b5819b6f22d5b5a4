#pragma once
// Brute-force defences kept in the database (shared by every instance): failed logins per username,
// and fixed-window rate limits per client IP.
#include <string>

#include <soci/soci.h>

#include "core/actor.hpp"
#include "db/dialect.hpp"
#include "domain/settings/security_settings.hpp"

namespace lvzhi::auth {

// Seconds left on a username's lockout, 0 if none.
long long lockout_remaining(soci::session& sql, const std::string& username, long long now);

// Counts a failure (password or second factor) for the username, typed as given — existing or not,
// so that lockouts reveal nothing. Returns true when this failure locked the account (audited
// here).
bool record_login_failure(soci::session& sql, const db::Dialect& dialect, const Actor& actor,
                          const std::string& username, const std::string& reason,
                          const settings::SecuritySettings& settings, long long now);

void clear_login_failures(soci::session& sql, const std::string& username);

// Counts one hit in the bucket's current minute; false when over the limit.
bool rate_limit_allows(soci::session& sql, const db::Dialect& dialect, const std::string& bucket,
                       int limit_per_minute, long long now);

}  // namespace lvzhi::auth
