#pragma once
// Account administration: the sysadmin creates and edits accounts; the secadmin unlocks them and
// resets passwords; either may disable or enable them (permissions in contract/permissions.json).
#include <optional>
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "domain/auth/account.hpp"
#include "http/route.hpp"

namespace lvzhi::auth {

struct NewUserInput {
  std::string username;
  std::string display_name;
  long long committee_id = 0;
  std::vector<std::string> roles;
  std::string password;   // empty = generate one
  long long unit_id = 0;  // required for unit_clerk / unit_head, refused otherwise
};

struct CreatedUser {
  Account account;
  std::string password;  // the initial password (shown once); must be changed at first login
};

Result<CreatedUser> create_user(db::Database& db, const Actor& actor, NewUserInput input);

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<long long> committee_id;
  std::optional<std::vector<std::string>> roles;
  std::optional<long long> unit_id;  // 0 = none
};
Result<Account> update_user(db::Database& db, const Actor& actor, long long id,
                            const UserPatch& patch);

enum class UserAction { kUnlock, kResetPassword, kResetMfa, kDisable, kEnable };

struct ActionResult {
  Account account;
  std::string temporary_password;  // reset_password only
};
Result<ActionResult> apply_user_action(db::Database& db, const Actor& actor, long long id,
                                       UserAction action);

struct UserQuery {
  std::string q;  // username or display name contains
  std::string role;
  std::string status;  // active | disabled | locked
  long long committee_id = 0;
  int page = 1;
  int page_size = 20;
};
std::pair<std::vector<Account>, long long> list_users(db::Database& db, const UserQuery& query);

http::RouteTable user_routes(db::Database& db);

}  // namespace lvzhi::auth
