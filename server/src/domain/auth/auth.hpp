#pragma once
// Sign-in use-cases: login with lockout and rate limit, the TOTP second factor, password change,
// me.
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "domain/auth/account.hpp"

namespace lvzhi::auth {

struct AuthDeps {
  db::Database& db;
  std::string data_key;  // 32 bytes: seals TOTP secrets at rest
  std::string issuer = "Lüzhi 履职";
};

// What the client tells us about itself (for sessions, rate limits and audit).
struct ClientInfo {
  std::string ip;
  std::string user_agent;
  std::string request_id;
};

struct LoginResult {
  std::string token;  // for the cookie
  Json body;          // me + csrf_token
};

Result<LoginResult> login(AuthDeps& deps, const std::string& username, const std::string& password,
                          const ClientInfo& client);
void logout(AuthDeps& deps, const Actor& actor);
// The signed-in user's view of themselves: user, roles, permissions, committee, csrf token,
// restrictions.
Result<Json> me(AuthDeps& deps, const Actor& actor);

Result<Json> change_password(AuthDeps& deps, const Actor& actor,
                             const std::string& current_password, const std::string& new_password);

struct Enrollment {
  std::string secret;
  std::string otpauth_uri;
  std::string qr_svg;
};
Result<Enrollment> start_mfa_enrollment(AuthDeps& deps, const Actor& actor);
Result<std::vector<std::string>> confirm_mfa_enrollment(AuthDeps& deps, const Actor& actor,
                                                        const std::string& code);
Result<Json> verify_mfa(AuthDeps& deps, const Actor& actor, const std::string& code);
Status disable_mfa(AuthDeps& deps, const Actor& actor, const std::string& password);

// Removes the second factor (secret and recovery codes) and ends the user's sessions; inside the
// caller's transaction. Used by the secadmin action and the CLI for a lost phone.
// keep_session_id: the caller's own session when users remove their own factor.
void remove_second_factor(soci::session& sql, long long user_id,
                          const std::string& keep_session_id = "");
// Sets an admin-issued temporary password: must be changed at next login; lifts a lockout; ends
// sessions.
void set_temporary_password(soci::session& sql, const Account& account, const std::string& hash);

// Stores a new password hash (keeping the history) inside the caller's transaction.
void store_password(soci::session& sql, long long user_id, const std::string& hash,
                    bool must_change);

}  // namespace lvzhi::auth
