#include "domain/auth/account.hpp"

#include <algorithm>
#include <set>

#include "contract/permissions.hpp"
#include "db/query.hpp"

namespace lvzhi::auth {
namespace {

const contract::RoleDef* find_role(std::string_view code) {
  for (const auto& role : contract::kRoles) {
    if (role.code == code) return &role;
  }
  return nullptr;
}

constexpr const char* kSelect =
    "SELECT u.id, u.committee_id, c.name, u.username, u.display_name, u.status, u.password_hash, "
    "u.password_changed_at, u.must_change_password, COALESCE(u.totp_secret, ''), "
    "COALESCE(u.totp_pending_secret, ''), u.totp_enabled, COALESCE(u.last_login_at, 0), "
    "u.created_at, u.updated_at, COALESCE(t.locked_until, 0), COALESCE(u.unit_id, 0), "
    "COALESCE(h.name, '') "
    "FROM users u JOIN committees c ON c.id = u.committee_id "
    "LEFT JOIN login_throttle t ON t.username = u.username "
    "LEFT JOIN handling_units h ON h.id = u.unit_id ";

std::vector<long long> load_member_ids(soci::session& sql, long long user_id) {
  std::vector<long long> ids;
  long long id = 0;
  soci::statement st = db::once(sql, "SELECT id FROM members WHERE user_id = :u ORDER BY id",
                                soci::use(user_id), soci::into(id));
  st.execute();
  while (st.fetch()) ids.push_back(id);
  return ids;
}

template <class Key>
std::optional<Account> find_by(soci::session& sql, const std::string& condition, const Key& key) {
  Account a;
  int must_change = 0;
  int totp_enabled = 0;
  sql << kSelect + condition, soci::use(key), soci::into(a.id), soci::into(a.committee_id),
      soci::into(a.committee_name), soci::into(a.username), soci::into(a.display_name),
      soci::into(a.status), soci::into(a.password_hash), soci::into(a.password_changed_at),
      soci::into(must_change), soci::into(a.totp_secret), soci::into(a.totp_pending_secret),
      soci::into(totp_enabled), soci::into(a.last_login_at), soci::into(a.created_at),
      soci::into(a.updated_at), soci::into(a.locked_until), soci::into(a.unit_id),
      soci::into(a.unit_name);
  if (!sql.got_data()) return std::nullopt;
  a.must_change_password = must_change != 0;
  a.totp_enabled = totp_enabled != 0;
  a.roles = load_roles(sql, a.id);
  a.member_ids = load_member_ids(sql, a.id);
  return a;
}

}  // namespace

std::optional<Account> find_account(soci::session& sql, long long id) {
  return find_by(sql, "WHERE u.id = :id", id);
}

std::optional<Account> find_account_by_username(soci::session& sql, const std::string& username) {
  return find_by(sql, "WHERE u.username = :username", username);
}

std::vector<std::string> load_roles(soci::session& sql, long long user_id) {
  std::vector<std::string> roles;
  std::string role;
  soci::statement st =
      db::once(sql, "SELECT role FROM user_roles WHERE user_id = :id ORDER BY role",
               soci::use(user_id), soci::into(role));
  st.execute();
  while (st.fetch()) roles.push_back(role);
  return roles;
}

bool is_known_role(const std::string& role) { return find_role(role) != nullptr; }

bool is_admin_role(const std::string& role) {
  const auto* def = find_role(role);
  return def != nullptr && def->admin;
}

std::vector<std::string> permissions_for(const std::vector<std::string>& roles) {
  std::set<std::string> unique;
  for (const auto& role : roles) {
    const auto* def = find_role(role);
    if (def == nullptr) continue;
    std::string_view list = def->permissions;
    while (!list.empty()) {
      const auto space = list.find(' ');
      const auto code = list.substr(0, space);
      if (!code.empty()) unique.emplace(code);
      list = space == std::string_view::npos ? std::string_view{} : list.substr(space + 1);
    }
  }
  return {unique.begin(), unique.end()};
}

bool mfa_required(const std::vector<std::string>& roles, bool required_for_all) {
  return required_for_all || std::any_of(roles.begin(), roles.end(), is_admin_role);
}

Json to_json(const Account& a, long long now) {
  const bool locked = a.locked_until > now;
  return Json{{"id", a.id},
              {"username", a.username},
              {"display_name", a.display_name},
              {"committee_id", a.committee_id},
              {"committee_name", a.committee_name},
              {"roles", a.roles},
              {"unit_id", a.unit_id != 0 ? Json(a.unit_id) : Json(nullptr)},
              {"unit_name", a.unit_id != 0 ? Json(a.unit_name) : Json(nullptr)},
              {"status", a.status},
              {"locked", locked},
              {"locked_until", locked ? Json(a.locked_until) : Json(nullptr)},
              {"must_change_password", a.must_change_password},
              {"mfa_enabled", a.totp_enabled},
              {"last_login_at", a.last_login_at != 0 ? Json(a.last_login_at) : Json(nullptr)},
              {"created_at", a.created_at},
              {"updated_at", a.updated_at}};
}

}  // namespace lvzhi::auth
