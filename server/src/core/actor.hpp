#pragma once
// Who is making a request: filled by the auth middleware, read by use-cases for permission, scope
// and audit.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace lvzhi {

struct Actor {
  long long user_id = 0;  // 0 = anonymous or system (CLI)
  std::string username;
  std::string display_name;
  long long committee_id = 0;
  long long unit_id = 0;              // handling unit of a unit clerk or head; 0 = none
  std::vector<long long> member_ids;  // the account's roster rows (one per term)
  std::vector<std::string> roles;
  std::vector<std::string> permissions;  // sorted
  std::string session_id;                // hash of the session token, empty if none
  long long session_created_at = 0;      // unix seconds; bounds the session's absolute lifetime
  std::string csrf_token;
  std::string ip;
  std::string request_id;
  // A signed-in user who must first change the password / enter or enrol a second factor:
  // only routes marked allow_restricted are open to them.
  bool must_change_password = false;
  bool mfa_pending = false;
  bool mfa_enrollment_required = false;

  [[nodiscard]] bool authenticated() const { return user_id != 0; }
  [[nodiscard]] bool restricted() const {
    return must_change_password || mfa_pending || mfa_enrollment_required;
  }
  [[nodiscard]] bool has(std::string_view permission) const {
    return std::binary_search(permissions.begin(), permissions.end(), permission);
  }
  [[nodiscard]] bool has_role(std::string_view role) const {
    return std::find(roles.begin(), roles.end(), role) != roles.end();
  }
};

}  // namespace lvzhi
