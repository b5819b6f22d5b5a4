#pragma once
// Server-side sessions: the cookie carries a 256-bit random token; the database keeps only its
// SHA-256. Sessions live in the database so that any number of instances share them.
#include <string>

#include <soci/soci.h>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "domain/auth/account.hpp"
#include "domain/settings/security_settings.hpp"
#include "http/pipeline.hpp"

namespace lvzhi::auth {

inline constexpr const char* kSessionCookie = "lvzhi_session";

struct NewSession {
  std::string token;  // goes into the cookie, never stored
  std::string id;     // SHA-256 of the token
  std::string csrf_token;
};

NewSession create_session(soci::session& sql, long long user_id, bool mfa_pending,
                          const std::string& ip, const std::string& user_agent);
void end_session(soci::session& sql, const std::string& session_id);
void end_user_sessions(soci::session& sql, long long user_id);

// Why a session is no longer valid, or nullopt if it is.
struct SessionTimes {
  long long created_at = 0;
  long long last_seen_at = 0;
};
bool session_expired(const SessionTimes& times, long long now,
                     const settings::SecuritySettings& settings);

// The actor a signed-in account acts as (permissions from roles; restrictions from the account's
// state).
Actor make_actor(const Account& account, const settings::SecuritySettings& settings,
                 bool mfa_pending);
bool password_expired(const Account& account, long long now,
                      const settings::SecuritySettings& settings);

// Set-Cookie values for a new session and for clearing it.
std::string session_cookie(const std::string& token, bool secure);
std::string clear_session_cookie(bool secure);

class DbSessionResolver : public http::SessionResolver {
 public:
  explicit DbSessionResolver(db::Database& db) : db_(db) {}
  Result<Actor> resolve(const http::Request& request) override;

 private:
  db::Database& db_;
};

}  // namespace lvzhi::auth
