// Account actions: unlock, reset_password and reset_mfa (secadmin), disable and enable (sysadmin or
// secadmin). Outcomes: done (audited; disable and reset end the user's sessions) · 404 · 409 wrong
// state or self.
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "domain/audit/audit.hpp"
#include "domain/auth/auth.hpp"
#include "domain/auth/session.hpp"
#include "domain/auth/throttle.hpp"
#include "domain/auth/users.hpp"

namespace lvzhi::auth {

Result<ActionResult> apply_user_action(db::Database& db, const Actor& actor, long long id,
                                       UserAction action) {
  if (id == actor.user_id) return make_error(contract::err::kUserCannotChangeSelf);
  ActionResult result;
  std::string new_hash;
  if (action == UserAction::kResetPassword) {
    result.temporary_password = crypto::generate_password();
    new_hash = crypto::hash_password(result.temporary_password);
  }
  return db.write([&](soci::session& sql) -> Result<ActionResult> {
    auto account = find_account(sql, id);
    if (!account) return make_error(contract::err::kUserNotFound);
    const long long now = now_seconds();
    std::string name;
    Json changes;
    switch (action) {
      case UserAction::kUnlock:
        if (account->locked_until <= now) return make_error(contract::err::kUserNotLocked);
        clear_login_failures(sql, account->username);
        name = "user.unlock";
        changes = Json{{"locked", {true, false}}};
        break;
      case UserAction::kResetPassword:
        set_temporary_password(sql, *account, new_hash);
        name = "user.reset_password";
        changes = Json{{"must_change_password", {account->must_change_password, true}}};
        break;
      case UserAction::kResetMfa:
        // For a lost phone: the user enrols again at next sign-in (admin roles are made to).
        if (!account->totp_enabled) return make_error(contract::err::kUserMfaNotEnabled);
        remove_second_factor(sql, id);
        name = "user.reset_mfa";
        changes = Json{{"mfa_enabled", {true, false}}};
        break;
      case UserAction::kDisable:
      case UserAction::kEnable: {
        const std::string status = action == UserAction::kDisable ? kStatusDisabled : kStatusActive;
        if (account->status == status) return make_error(contract::err::kUserAlreadyInStatus);
        sql << "UPDATE users SET status = :s, updated_at = :now WHERE id = :id", soci::use(status),
            soci::use(now), soci::use(id);
        if (action == UserAction::kDisable) end_user_sessions(sql, id);
        name = action == UserAction::kDisable ? "user.disable" : "user.enable";
        changes = Json{{"status", {account->status, status}}};
        break;
      }
    }
    audit::record(sql, db.dialect(), actor,
                  {.action = name,
                   .object_type = "user",
                   .object_id = std::to_string(id),
                   .changes = changes,
                   .committee_id = account->committee_id});
    result.account = *find_account(sql, id);
    return result;
  });
}

}  // namespace lvzhi::auth
