// Creating and editing accounts (sysadmin). Outcomes: created with a one-time initial password /
// updated (audited with changed fields) · 404 · 409 username taken or own roles · 422 bad fields,
// unknown role, an admin role combined with another role (三员分立), unknown committee.
#include <regex>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/text.hpp"
#include "domain/audit/audit.hpp"
#include "domain/auth/auth.hpp"
#include "domain/auth/password_policy.hpp"
#include "domain/auth/session.hpp"
#include "domain/auth/users.hpp"

namespace lvzhi::auth {
namespace {

constexpr std::size_t kMaxDisplayNameChars = 64;

void check_display_name(const std::string& name, FieldErrors& errors) {
  const auto chars = text::char_count(name);
  if (chars < 1 || chars > kMaxDisplayNameChars || text::has_control_chars(name)) {
    errors.add("display_name", fmt::format("姓名须为 1 到 {} 个字符", kMaxDisplayNameChars));
  }
}

void check_roles(std::vector<std::string>& roles, FieldErrors& errors) {
  std::sort(roles.begin(), roles.end());
  roles.erase(std::unique(roles.begin(), roles.end()), roles.end());
  if (roles.empty()) {
    errors.add("roles", "请至少选择一个角色");
    return;
  }
  for (const auto& role : roles) {
    if (!is_known_role(role)) {
      errors.add("roles", "未知的角色：" + role);
      return;
    }
  }
  const bool has_admin = std::any_of(roles.begin(), roles.end(), is_admin_role);
  if (has_admin && roles.size() > 1) {
    errors.add("roles", "系统管理员、安全管理员、审计管理员三个角色相互分立，不能与其他角色兼任");
  }
}

bool committee_exists(soci::session& sql, long long id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM committees WHERE id = :id", soci::use(id), soci::into(count);
  return count > 0;
}

bool has_unit_role(const std::vector<std::string>& roles) {
  return std::any_of(roles.begin(), roles.end(),
                     [](const std::string& r) { return r == "unit_clerk" || r == "unit_head"; });
}

// Unit clerks and heads belong to an active handling unit of their committee; nobody else does.
std::optional<std::string> unit_problem(soci::session& sql, const std::vector<std::string>& roles,
                                        long long unit_id, long long committee_id) {
  if (!has_unit_role(roles)) {
    if (unit_id != 0) return "只有承办单位经办人或负责人可以属于承办单位";
    return std::nullopt;
  }
  if (unit_id == 0) return "承办单位经办人和负责人须选择所属承办单位";
  long long count = 0;
  sql << "SELECT COUNT(*) FROM handling_units WHERE id = :id AND committee_id = :c AND "
         "is_active = 1",
      soci::use(unit_id), soci::use(committee_id), soci::into(count);
  if (count == 0) return "承办单位不存在、已停用或不属于所选委员会";
  return std::nullopt;
}

void store_roles(soci::session& sql, long long user_id, const std::vector<std::string>& roles) {
  sql << "DELETE FROM user_roles WHERE user_id = :id", soci::use(user_id);
  for (const auto& role : roles) {
    sql << "INSERT INTO user_roles (user_id, role) VALUES (:id, :role)", soci::use(user_id),
        soci::use(role);
  }
}

}  // namespace

Result<CreatedUser> create_user(db::Database& db, const Actor& actor, NewUserInput input) {
  static const std::regex kUsernamePattern("^[a-z0-9][a-z0-9_.-]{2,31}$");
  FieldErrors errors;
  input.username = text::trim(input.username);
  std::transform(input.username.begin(), input.username.end(), input.username.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!std::regex_match(input.username, kUsernamePattern)) {
    errors.add("username", "用户名须为 3 到 32 位小写字母、数字或 _ . -，并以字母或数字开头");
  }
  input.display_name = text::trim(input.display_name);
  check_display_name(input.display_name, errors);
  check_roles(input.roles, errors);
  if (input.committee_id <= 0) errors.add("committee_id", "请选择所属委员会");
  if (!input.password.empty()) {
    const auto settings = settings::load_security(db);
    if (auto problem = check_password_policy(input.password, input.username, settings)) {
      errors.add("password", *problem);
    }
  }
  if (!errors.empty()) return errors.error();

  CreatedUser created;
  created.password = input.password.empty() ? crypto::generate_password() : input.password;
  const std::string hash = crypto::hash_password(created.password);
  return db.write([&](soci::session& sql) -> Result<CreatedUser> {
    if (!committee_exists(sql, input.committee_id)) {
      return field_error("committee_id", "所属委员会不存在");
    }
    if (auto problem = unit_problem(sql, input.roles, input.unit_id, input.committee_id)) {
      return field_error("unit_id", *problem);
    }
    long long taken = 0;
    sql << "SELECT COUNT(*) FROM users WHERE username = :u", soci::use(input.username),
        soci::into(taken);
    if (taken > 0) return make_error(contract::err::kUserUsernameTaken);
    const long long now = now_seconds();
    long long id = 0;
    soci::indicator unit_ind = input.unit_id != 0 ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO users (committee_id, username, display_name, status, password_hash, "
           "password_changed_at, must_change_password, created_at, updated_at, unit_id) VALUES "
           "(:c, :u, :d, 'active', :h, :now, 1, :now2, :now3, :unit) RETURNING id",
        soci::use(input.committee_id), soci::use(input.username), soci::use(input.display_name),
        soci::use(hash), soci::use(now), soci::use(now), soci::use(now),
        soci::use(input.unit_id, unit_ind), soci::into(id);
    sql << "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (:id, :h, "
           ":now)",
        soci::use(id), soci::use(hash), soci::use(now);
    store_roles(sql, id, input.roles);
    created.account = *find_account(sql, id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "user.create",
                   .object_type = "user",
                   .object_id = std::to_string(id),
                   .changes = audit::diff(Json::object(), Json{{"username", input.username},
                                                               {"display_name", input.display_name},
                                                               {"committee_id", input.committee_id},
                                                               {"roles", input.roles},
                                                               {"unit_id", input.unit_id}}),
                   .committee_id = input.committee_id});
    return created;
  });
}

Result<Account> update_user(db::Database& db, const Actor& actor, long long id,
                            const UserPatch& patch) {
  FieldErrors errors;
  std::optional<std::vector<std::string>> roles = patch.roles;
  std::string display_name;
  if (patch.display_name) {
    display_name = text::trim(*patch.display_name);
    check_display_name(display_name, errors);
  }
  if (roles) check_roles(*roles, errors);
  if (patch.committee_id && *patch.committee_id <= 0)
    errors.add("committee_id", "请选择所属委员会");
  if (!errors.empty()) return errors.error();

  return db.write([&](soci::session& sql) -> Result<Account> {
    auto before = find_account(sql, id);
    if (!before) return make_error(contract::err::kUserNotFound);
    if (roles && id == actor.user_id && *roles != before->roles) {
      return make_error(contract::err::kUserCannotChangeSelf, "不能修改自己的角色");
    }
    if (patch.committee_id && !committee_exists(sql, *patch.committee_id)) {
      return field_error("committee_id", "所属委员会不存在");
    }
    const Json old_fields{{"display_name", before->display_name},
                          {"committee_id", before->committee_id},
                          {"roles", before->roles},
                          {"unit_id", before->unit_id}};
    Json new_fields = old_fields;
    if (patch.display_name) new_fields["display_name"] = display_name;
    if (patch.committee_id) new_fields["committee_id"] = *patch.committee_id;
    if (roles) new_fields["roles"] = *roles;
    if (patch.unit_id) new_fields["unit_id"] = *patch.unit_id;
    // A user who is no longer a unit clerk or head leaves the unit unless told otherwise.
    if (roles && !has_unit_role(*roles) && !patch.unit_id) new_fields["unit_id"] = 0;
    const long long unit = new_fields["unit_id"].get<long long>();
    if (auto problem = unit_problem(sql, new_fields["roles"].get<std::vector<std::string>>(), unit,
                                    new_fields["committee_id"].get<long long>())) {
      return field_error("unit_id", *problem);
    }
    const Json changes = audit::diff(old_fields, new_fields);
    if (changes.empty()) return *before;

    const long long now = now_seconds();
    const std::string name = new_fields["display_name"].get<std::string>();
    const long long committee = new_fields["committee_id"].get<long long>();
    soci::indicator unit_ind = unit != 0 ? soci::i_ok : soci::i_null;
    sql << "UPDATE users SET display_name = :d, committee_id = :c, unit_id = :unit, updated_at = "
           ":now WHERE id = :id",
        soci::use(name), soci::use(committee), soci::use(unit, unit_ind), soci::use(now),
        soci::use(id);
    // Sessions load roles on every request, so new roles apply at once without ending sessions.
    if (roles) store_roles(sql, id, *roles);
    audit::record(sql, db.dialect(), actor,
                  {.action = "user.update",
                   .object_type = "user",
                   .object_id = std::to_string(id),
                   .changes = changes,
                   .committee_id = committee});
    return *find_account(sql, id);
  });
}

}  // namespace lvzhi::auth
