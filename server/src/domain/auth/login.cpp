// Login: rate limit per IP → lockout per username → Argon2id check → session.
// Outcomes: signed in (maybe restricted: password change / second factor) · 401 invalid credentials
// · 401 locked · 403 disabled · 429 rate limited · 422 missing fields. Failures and lockouts are
// audited.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "domain/audit/audit.hpp"
#include "domain/auth/auth.hpp"
#include "domain/auth/session.hpp"
#include "domain/auth/throttle.hpp"

namespace lvzhi::auth {
namespace {

constexpr std::size_t kMaxUsernameBytes = 64;
constexpr std::size_t kMaxPasswordBytes = 1024;

std::string normalize_username(const std::string& text) {
  auto begin = text.find_first_not_of(" \t");
  auto end = text.find_last_not_of(" \t");
  std::string out = begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Verifying against a throwaway hash when the username does not exist keeps the timing the same.
const std::string& decoy_hash() {
  static const std::string kDecoy = crypto::hash_password(crypto::random_token(16));
  return kDecoy;
}

Actor anonymous(const ClientInfo& client) {
  Actor actor;
  actor.ip = client.ip;
  actor.request_id = client.request_id;
  return actor;
}

Error locked_error(long long remaining_seconds) {
  const long long minutes = (remaining_seconds + 59) / 60;
  return make_error(
      contract::err::kAuthAccountLocked,
      fmt::format("登录失败次数过多，账户已临时锁定，请 {} 分钟后再试或联系安全管理员", minutes),
      Json{{"retry_after_s", remaining_seconds}});
}

}  // namespace

Result<LoginResult> login(AuthDeps& deps, const std::string& raw_username,
                          const std::string& password, const ClientInfo& client) {
  const std::string username = normalize_username(raw_username);
  FieldErrors errors;
  if (username.empty()) errors.add("username", "请输入用户名");
  if (username.size() > kMaxUsernameBytes) errors.add("username", "用户名过长");
  if (password.empty()) errors.add("password", "请输入密码");
  if (password.size() > kMaxPasswordBytes) errors.add("password", "密码过长");
  if (!errors.empty()) return errors.error();

  auto& db = deps.db;
  const long long now = now_seconds();
  const auto settings = settings::load_security(db);
  const Actor actor = anonymous(client);

  const bool allowed = db.write([&](soci::session& sql) -> Result<bool> {
                           return rate_limit_allows(sql, db.dialect(), "login:" + client.ip,
                                                    settings.login_rate_limit_per_minute, now);
                         }).value();
  if (!allowed) {
    log::warn("login rate limited", {{"ip", client.ip}, {"request_id", client.request_id}});
    return make_error(contract::err::kAuthRateLimited, Json{{"retry_after_s", 60 - now % 60}});
  }

  const long long locked_for =
      db.read([&](soci::session& sql) { return lockout_remaining(sql, username, now); });
  if (locked_for > 0) {
    (void)db.write([&](soci::session& sql) -> Status {
      audit::record(sql, db.dialect(), actor,
                    {.action = "auth.login_failed",
                     .object_type = "username",
                     .object_id = username,
                     .changes = Json{{"reason", "locked"}}});
      return ok_status();
    });
    return locked_error(locked_for);
  }

  auto account =
      db.read([&](soci::session& sql) { return find_account_by_username(sql, username); });
  const bool password_ok =
      crypto::verify_password(account ? account->password_hash : decoy_hash(), password) &&
      account.has_value();
  if (!password_ok) {
    const bool locked_now = db.write([&](soci::session& sql) -> Result<bool> {
                                return record_login_failure(sql, db.dialect(), actor, username,
                                                            "bad_credentials", settings, now);
                              }).value();
    if (locked_now) return locked_error(settings.lockout_minutes * 60LL);
    return make_error(contract::err::kAuthInvalidCredentials);
  }
  if (account->status != kStatusActive) {
    (void)db.write([&](soci::session& sql) -> Status {
      audit::record(sql, db.dialect(), actor,
                    {.action = "auth.login_failed",
                     .object_type = "user",
                     .object_id = std::to_string(account->id),
                     .changes = Json{{"reason", "disabled"}}});
      return ok_status();
    });
    return make_error(contract::err::kAuthAccountDisabled);
  }

  const bool mfa_pending = account->totp_enabled;
  auto session = db.write([&](soci::session& sql) -> Result<NewSession> {
                     clear_login_failures(sql, username);
                     // Sessions past their absolute lifetime are swept here rather than by a timer.
                     const long long oldest = now - settings.session_absolute_hours * 3600LL;
                     sql << "DELETE FROM sessions WHERE created_at < :t", soci::use(oldest);
                     auto created = create_session(sql, account->id, mfa_pending, client.ip,
                                                   client.user_agent);
                     sql << "UPDATE users SET last_login_at = :now WHERE id = :id", soci::use(now),
                         soci::use(account->id);
                     Actor signed_in = make_actor(*account, settings, mfa_pending);
                     signed_in.ip = client.ip;
                     signed_in.request_id = client.request_id;
                     audit::record(sql, db.dialect(), signed_in,
                                   {.action = "auth.login",
                                    .object_type = "user",
                                    .object_id = std::to_string(account->id),
                                    .changes = Json{{"mfa_pending", mfa_pending}}});
                     return created;
                   }).value();

  account->last_login_at = now;
  Actor signed_in = make_actor(*account, settings, mfa_pending);
  signed_in.session_id = session.id;
  signed_in.csrf_token = session.csrf_token;
  auto body = me(deps, signed_in);
  if (!body.ok()) return body.take_error();
  return LoginResult{session.token, std::move(body).value()};
}

void logout(AuthDeps& deps, const Actor& actor) {
  (void)deps.db.write([&](soci::session& sql) -> Status {
    end_session(sql, actor.session_id);
    audit::record(sql, deps.db.dialect(), actor,
                  {.action = "auth.logout",
                   .object_type = "user",
                   .object_id = std::to_string(actor.user_id)});
    return ok_status();
  });
}

Result<Json> me(AuthDeps& deps, const Actor& actor) {
  auto account = deps.db.read([&](soci::session& sql) { return find_account(sql, actor.user_id); });
  if (!account) return make_error(contract::err::kAuthUnauthenticated);
  const auto settings = settings::load_security(deps.db);
  const long long expires =
      settings.password_max_age_days > 0
          ? account->password_changed_at + settings.password_max_age_days * 86400LL
          : 0;
  return Json{
      {"user", to_json(*account, now_seconds())},
      {"roles", account->roles},
      {"permissions", actor.restricted() ? std::vector<std::string>{} : actor.permissions},
      {"committee", {{"id", account->committee_id}, {"name", account->committee_name}}},
      {"csrf_token", actor.csrf_token},
      {"must_change_password", actor.must_change_password},
      {"mfa_pending", actor.mfa_pending},
      {"mfa_enrollment_required", actor.mfa_enrollment_required},
      {"mfa_enabled", account->totp_enabled},
      {"password_expires_at", expires != 0 ? Json(expires) : Json(nullptr)},
      // The web app warns before the idle timeout; the server alone decides expiry.
      {"session",
       {{"idle_timeout_seconds", settings.session_idle_minutes * 60LL},
        {"expires_at", actor.session_created_at + settings.session_absolute_hours * 3600LL}}}};
}

}  // namespace lvzhi::auth
