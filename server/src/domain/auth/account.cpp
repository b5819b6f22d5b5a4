#include "domain/auth/account.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

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

template <class Key>
std::optional<Account> find_by(soci::session& sql, std::string_view column, Key key) {
  AccountColumns columns(db::Dialect::of(sql));
  db::Params params;
  const auto placeholder = params.add(std::move(key));
  std::optional<Account> found;
  db::select_rows(
      sql,
      fmt::format("SELECT {} FROM users u {} WHERE {} = {}", columns.select_list(),
                  AccountColumns::joins(), column, placeholder),
      params, [&](soci::statement& st) { columns.exchange(st); },
      [&] { found = columns.account(); }, db::Reuse::kKeep);
  return found;
}

// "a b c" → {"a", "b", "c"}.
std::vector<std::string> split_spaced(std::string_view text) {
  std::vector<std::string> parts;
  while (!text.empty()) {
    const auto space = text.find(' ');
    if (space != 0) parts.emplace_back(text.substr(0, space));
    text = space == std::string_view::npos ? std::string_view{} : text.substr(space + 1);
  }
  return parts;
}

}  // namespace

AccountColumns::AccountColumns(const db::Dialect& dialect)
    : select_list_(fmt::format(
          "u.id, u.committee_id, c.name, u.username, u.display_name, u.status, u.password_hash, "
          "u.password_changed_at, u.must_change_password, COALESCE(u.totp_secret, ''), "
          "COALESCE(u.totp_pending_secret, ''), u.totp_enabled, COALESCE(u.last_login_at, 0), "
          "u.created_at, u.updated_at, COALESCE(t.locked_until, 0), COALESCE(u.unit_id, 0), "
          "COALESCE(h.name, ''), "
          "COALESCE((SELECT {} FROM user_roles r WHERE r.user_id = u.id), ''), "
          "COALESCE((SELECT {} FROM members m WHERE m.user_id = u.id), '')",
          dialect.spaced_list("r.role"), dialect.spaced_list("CAST(m.id AS TEXT)"))) {}

std::string_view AccountColumns::joins() {
  return "JOIN committees c ON c.id = u.committee_id "
         "LEFT JOIN login_throttle t ON t.username = u.username "
         "LEFT JOIN handling_units h ON h.id = u.unit_id";
}

void AccountColumns::exchange(soci::statement& statement) {
  Account& a = row_;
  statement.exchange(soci::into(a.id));
  statement.exchange(soci::into(a.committee_id));
  statement.exchange(soci::into(a.committee_name));
  statement.exchange(soci::into(a.username));
  statement.exchange(soci::into(a.display_name));
  statement.exchange(soci::into(a.status));
  statement.exchange(soci::into(a.password_hash));
  statement.exchange(soci::into(a.password_changed_at));
  statement.exchange(soci::into(must_change_));
  statement.exchange(soci::into(a.totp_secret));
  statement.exchange(soci::into(a.totp_pending_secret));
  statement.exchange(soci::into(totp_enabled_));
  statement.exchange(soci::into(a.last_login_at));
  statement.exchange(soci::into(a.created_at));
  statement.exchange(soci::into(a.updated_at));
  statement.exchange(soci::into(a.locked_until));
  statement.exchange(soci::into(a.unit_id));
  statement.exchange(soci::into(a.unit_name));
  statement.exchange(soci::into(roles_));
  statement.exchange(soci::into(member_ids_));
}

Account AccountColumns::account() const {
  Account a = row_;
  a.must_change_password = must_change_ != 0;
  a.totp_enabled = totp_enabled_ != 0;
  a.roles = split_spaced(roles_);
  std::sort(a.roles.begin(), a.roles.end());  // the aggregate's order is unspecified
  for (const auto& id : split_spaced(member_ids_)) a.member_ids.push_back(std::stoll(id));
  std::sort(a.member_ids.begin(), a.member_ids.end());
  return a;
}

std::optional<Account> find_account(soci::session& sql, long long id) {
  return find_by(sql, "u.id", id);
}

std::optional<Account> find_account_by_username(soci::session& sql, const std::string& username) {
  return find_by(sql, "u.username", username);
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
