#pragma once
// User accounts: the row, its roles and the permissions those roles grant (from
// contract/permissions.json).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/result.hpp"
#include "db/dialect.hpp"

namespace lvzhi::auth {

struct Account {
  long long id = 0;
  long long committee_id = 0;
  std::string committee_name;
  std::string username;
  std::string display_name;
  std::string status;  // active | disabled
  std::string password_hash;
  long long password_changed_at = 0;
  bool must_change_password = false;
  std::string totp_secret;          // sealed (encrypted); empty until enrolled
  std::string totp_pending_secret;  // sealed; during enrolment
  bool totp_enabled = false;
  long long last_login_at = 0;
  long long created_at = 0;
  long long updated_at = 0;
  long long locked_until = 0;  // from login_throttle
  long long unit_id = 0;       // handling unit of a unit clerk or head; 0 = none
  std::string unit_name;
  std::vector<std::string> roles;
  std::vector<long long> member_ids;  // the roster rows (members, one per term) linked to it
};

inline constexpr const char* kStatusActive = "active";
inline constexpr const char* kStatusDisabled = "disabled";

// An account read by a statement that also reads other rows' columns (the session read): put
// select_list() into the statement's select list and joins() after "users u", bind the columns
// with exchange() in select-list order, and take account() after each fetch. The roles and roster
// rows come folded into the row, so an account is one statement.
class AccountColumns {
 public:
  explicit AccountColumns(const db::Dialect& dialect);
  AccountColumns(const AccountColumns&) = delete;  // the statement holds its members' addresses
  AccountColumns& operator=(const AccountColumns&) = delete;

  [[nodiscard]] const std::string& select_list() const { return select_list_; }
  [[nodiscard]] static std::string_view joins();
  void exchange(soci::statement& statement);
  [[nodiscard]] Account account() const;

 private:
  std::string select_list_;
  Account row_;
  int must_change_ = 0;
  int totp_enabled_ = 0;
  std::string roles_;       // space-separated
  std::string member_ids_;  // space-separated
};

std::optional<Account> find_account(soci::session& sql, long long id);
std::optional<Account> find_account_by_username(soci::session& sql, const std::string& username);

bool is_known_role(const std::string& role);
bool is_admin_role(const std::string& role);
// The sorted union of the permissions of the roles.
std::vector<std::string> permissions_for(const std::vector<std::string>& roles);
// Whether a second factor is mandatory for these roles under the settings' mfa_required_for_all.
bool mfa_required(const std::vector<std::string>& roles, bool required_for_all);

// The public shape of a user (never the hashes or secrets).
Json to_json(const Account& account, long long now);

}  // namespace lvzhi::auth
