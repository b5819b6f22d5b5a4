#include "domain/auth/session.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "db/query.hpp"

namespace lvzhi::auth {
namespace {

constexpr long long kSecondsPerMinute = 60;
constexpr long long kSecondsPerHour = 3600;
constexpr long long kSecondsPerDay = 86400;
// Refresh last_seen_at at most this often: every request would otherwise be a database write.
constexpr long long kTouchIntervalSeconds = 60;

}  // namespace

NewSession create_session(soci::session& sql, long long user_id, bool mfa_pending,
                          const std::string& ip, const std::string& user_agent) {
  NewSession session;
  session.token = crypto::random_token(32);
  session.id = crypto::sha256_hex(session.token);
  session.csrf_token = crypto::random_token(32);
  const long long now = now_seconds();
  const int pending = mfa_pending ? 1 : 0;
  const std::string agent = user_agent.substr(0, 255);
  sql << "INSERT INTO sessions (id, user_id, csrf_token, mfa_pending, created_at, last_seen_at, "
         "ip, "
         "user_agent) VALUES (:id, :user_id, :csrf, :pending, :now, :now2, :ip, :agent)",
      soci::use(session.id), soci::use(user_id), soci::use(session.csrf_token), soci::use(pending),
      soci::use(now), soci::use(now), soci::use(ip), soci::use(agent);
  return session;
}

void end_session(soci::session& sql, const std::string& session_id) {
  sql << "DELETE FROM sessions WHERE id = :id", soci::use(session_id);
}

void end_user_sessions(soci::session& sql, long long user_id) {
  sql << "DELETE FROM sessions WHERE user_id = :id", soci::use(user_id);
}

bool session_expired(const SessionTimes& times, long long now,
                     const settings::SecuritySettings& settings) {
  return now - times.last_seen_at > settings.session_idle_minutes * kSecondsPerMinute ||
         now - times.created_at > settings.session_absolute_hours * kSecondsPerHour;
}

bool password_expired(const Account& account, long long now,
                      const settings::SecuritySettings& settings) {
  return settings.password_max_age_days > 0 &&
         now - account.password_changed_at > settings.password_max_age_days * kSecondsPerDay;
}

Actor make_actor(const Account& account, const settings::SecuritySettings& settings,
                 bool mfa_pending) {
  Actor actor;
  actor.user_id = account.id;
  actor.username = account.username;
  actor.display_name = account.display_name;
  actor.committee_id = account.committee_id;
  actor.unit_id = account.unit_id;
  actor.member_ids = account.member_ids;
  actor.roles = account.roles;
  actor.permissions = permissions_for(account.roles);
  actor.must_change_password =
      account.must_change_password || password_expired(account, now_seconds(), settings);
  actor.mfa_pending = mfa_pending;
  actor.mfa_enrollment_required =
      !account.totp_enabled && mfa_required(account.roles, settings.mfa_required_for_all);
  return actor;
}

std::string session_cookie(const std::string& token, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", kSessionCookie, token,
                     secure ? "; Secure" : "");
}

std::string clear_session_cookie(bool secure) {
  return fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", kSessionCookie,
                     secure ? "; Secure" : "");
}

Result<Actor> DbSessionResolver::resolve(const http::Request& request) {
  const auto token = request.cookie(kSessionCookie);
  if (!token || token->empty()) return make_error(contract::err::kAuthUnauthenticated);
  const std::string id = crypto::sha256_hex(*token);
  const long long now = now_seconds();

  struct Found {
    SessionTimes times;
    std::string csrf;
    bool mfa_pending = false;
    Account account;
    settings::SecuritySettings settings;
  };
  // One statement (session, account, roles, roster rows, security settings): on PostgreSQL one
  // round trip for every authenticated request.
  auto found = db_.read_statement([&](soci::session& sql) {
    AccountColumns columns(db_.dialect());
    SessionTimes times;
    std::string csrf;
    int pending = 0;
    std::string security;
    soci::indicator security_ind = soci::i_null;
    db::Params params;
    const auto placeholder = params.add(id);
    std::optional<Found> out;
    db::select_rows(
        sql,
        fmt::format("SELECT s.csrf_token, s.mfa_pending, s.created_at, s.last_seen_at, "
                    "{}, {} FROM sessions s JOIN users u ON u.id = s.user_id {} WHERE s.id = {}",
                    columns.select_list(), settings::kStoredSecurity, AccountColumns::joins(),
                    placeholder),
        params,
        [&](soci::statement& st) {
          st.exchange(soci::into(csrf));
          st.exchange(soci::into(pending));
          st.exchange(soci::into(times.created_at));
          st.exchange(soci::into(times.last_seen_at));
          columns.exchange(st);
          st.exchange(soci::into(security, security_ind));
        },
        [&] {
          out = Found{.times = times,
                      .csrf = csrf,
                      .mfa_pending = pending != 0,
                      .account = columns.account(),
                      .settings = settings::parse_security(
                          security_ind == soci::i_ok ? security : std::string())};
        },
        db::Reuse::kKeep);
    return out;
  });
  if (!found) return make_error(contract::err::kAuthUnauthenticated);
  if (found->account.status != kStatusActive ||
      session_expired(found->times, now, found->settings)) {
    (void)db_.write([&](soci::session& sql) -> Status {
      end_session(sql, id);
      return ok_status();
    });
    return make_error(contract::err::kAuthSessionExpired);
  }
  if (now - found->times.last_seen_at >= kTouchIntervalSeconds) {
    (void)db_.write([&](soci::session& sql) -> Status {
      sql << "UPDATE sessions SET last_seen_at = :now WHERE id = :id", soci::use(now),
          soci::use(id);
      return ok_status();
    });
  }
  Actor actor = make_actor(found->account, found->settings, found->mfa_pending);
  actor.session_id = id;
  actor.session_created_at = found->times.created_at;
  actor.csrf_token = found->csrf;
  actor.ip = request.remote_ip;
  actor.request_id = request.request_id;
  return actor;
}

}  // namespace lvzhi::auth
