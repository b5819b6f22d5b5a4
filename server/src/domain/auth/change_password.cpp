// Changing one's own password. Outcomes: changed (restriction lifted, other sessions ended,
// audited) · 422 current password wrong / new password breaks the policy or repeats a recent one ·
// 403 while the second factor is pending.
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "domain/audit/audit.hpp"
#include "domain/auth/auth.hpp"
#include "domain/auth/password_policy.hpp"
#include "domain/auth/session.hpp"
#include "domain/auth/throttle.hpp"

namespace lvzhi::auth {

void store_password(soci::session& sql, long long user_id, const std::string& hash,
                    bool must_change) {
  const long long now = now_seconds();
  const int must = must_change ? 1 : 0;
  sql << "UPDATE users SET password_hash = :h, password_changed_at = :now, "
         "must_change_password = :must, updated_at = :now2 WHERE id = :id",
      soci::use(hash), soci::use(now), soci::use(must), soci::use(now), soci::use(user_id);
  sql << "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (:id, :h, :now)",
      soci::use(user_id), soci::use(hash), soci::use(now);
}

void set_temporary_password(soci::session& sql, const Account& account, const std::string& hash) {
  store_password(sql, account.id, hash, true);
  clear_login_failures(sql, account.username);
  end_user_sessions(sql, account.id);
}

Result<Json> change_password(AuthDeps& deps, const Actor& actor,
                             const std::string& current_password, const std::string& new_password) {
  if (actor.mfa_pending) return make_error(contract::err::kAuthMfaRequired);
  auto& db = deps.db;
  const auto settings = settings::load_security(db);
  auto account = db.read([&](soci::session& sql) { return find_account(sql, actor.user_id); });
  if (!account) return make_error(contract::err::kAuthUnauthenticated);

  FieldErrors errors;
  if (current_password.empty()) errors.add("current_password", "请输入当前密码");
  if (new_password.empty()) errors.add("new_password", "请输入新密码");
  if (!errors.empty()) return errors.error();
  if (auto problem = check_password_policy(new_password, account->username, settings)) {
    errors.add("new_password", *problem);
  }
  if (new_password == current_password) errors.add("new_password", "新密码不能与当前密码相同");
  if (!errors.empty()) return errors.error();
  if (!crypto::verify_password(account->password_hash, current_password)) {
    return field_error("current_password", "当前密码错误");
  }

  // The last N passwords (the current one included) may not come back.
  std::vector<std::string> recent;
  if (settings.password_history > 0) {
    db.read([&](soci::session& sql) {
      std::string hash;
      const int limit = settings.password_history;
      soci::statement st =
          (sql.prepare << "SELECT password_hash FROM password_history WHERE user_id = :id "
                          "ORDER BY id DESC LIMIT :n",
           soci::use(account->id), soci::use(limit), soci::into(hash));
      st.execute();
      while (st.fetch()) recent.push_back(hash);
    });
  }
  for (const auto& old_hash : recent) {
    if (crypto::verify_password(old_hash, new_password)) {
      return field_error(
          "new_password",
          "新密码不能与最近 " + std::to_string(settings.password_history) + " 次使用过的密码相同");
    }
  }

  const std::string hash = crypto::hash_password(new_password);
  auto done = db.write([&](soci::session& sql) -> Status {
    store_password(sql, account->id, hash, false);
    // A new password ends every other session of the user (e.g. a stolen one).
    sql << "DELETE FROM sessions WHERE user_id = :id AND id <> :sid", soci::use(account->id),
        soci::use(actor.session_id);
    audit::record(
        sql, db.dialect(), actor,
        {.action = "auth.password_change",
         .object_type = "user",
         .object_id = std::to_string(account->id),
         .changes = Json{{"must_change_password", {account->must_change_password, false}}}});
    return ok_status();
  });
  if (!done.ok()) return done.take_error();

  account->must_change_password = false;
  account->password_changed_at = now_seconds();
  Actor updated = make_actor(*account, settings, actor.mfa_pending);
  updated.session_id = actor.session_id;
  updated.csrf_token = actor.csrf_token;
  return me(deps, updated);
}

}  // namespace lvzhi::auth
