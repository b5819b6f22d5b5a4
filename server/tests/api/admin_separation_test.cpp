// 三员分立: what sysadmin, secadmin and auditor may and may not do, and that admin roles are never
// combined.
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

// A handling unit of committee 1, made directly (units are business data the admins cannot touch).
long long make_unit(const TestServer& server) {
  server.exec_sql(
      "INSERT INTO handling_units (committee_id, name, category, created_at, updated_at) VALUES "
      "(1, '测试承办单位', 'government', 0, 0)");
  return server.query_int("SELECT MAX(id) FROM handling_units");
}

class Separation : public ApiTest {
 protected:
  // 403 auth.forbidden and nothing changed.
  void expect_forbidden(Client& client, const std::string& method, const std::string& path,
                        const std::optional<json>& body = std::nullopt) {
    SCOPED_TRACE(method + " " + path);
    const Unchanged unchanged(server());
    const Response response = body ? client.send(method, path, body->dump(), "application/json")
                                   : client.send(method, path, std::nullopt, "");
    EXPECT_TRUE(IsError(response, 403, "auth.forbidden"));
    EXPECT_TRUE(unchanged.check());
  }
};

const json kNewCommittee = {{"name", "分立测试政协"}, {"level", "city"}, {"parent_id", 1}};
const json kNewUser = {{"username", "split.user"},
                       {"display_name", "分立"},
                       {"committee_id", 1},
                       {"roles", {"member"}}};

TEST_F(Separation, SysadminManagesButCannotAuditOrSecure) {
  Client sysadmin = server().login_admin("sysadmin");
  ASSERT_TRUE(IsStatus(sysadmin.post("/committees", kNewCommittee), 201));
  const Response user = sysadmin.post("/users", kNewUser);
  ASSERT_TRUE(IsStatus(user, 201));
  const std::string path = "/users/" + std::to_string(user.json["user"].value("id", 0LL));
  EXPECT_TRUE(IsStatus(sysadmin.get("/users"), 200));
  EXPECT_TRUE(IsStatus(sysadmin.patch(path, {{"display_name", "改"}}), 200));
  EXPECT_TRUE(IsStatus(sysadmin.post(path + "/actions/disable"), 200));
  EXPECT_TRUE(IsStatus(sysadmin.post(path + "/actions/enable"), 200));

  expect_forbidden(sysadmin, "GET", "/audit");
  expect_forbidden(sysadmin, "GET", "/settings/security");
  expect_forbidden(sysadmin, "PATCH", "/settings/security", json{{"lockout_threshold", 6}});
  expect_forbidden(sysadmin, "POST", path + "/actions/unlock");
  expect_forbidden(sysadmin, "POST", path + "/actions/reset_password");
  expect_forbidden(sysadmin, "POST", path + "/actions/reset_mfa");
}

TEST_F(Separation, SecadminSecuresButCannotManage) {
  Client sysadmin = server().login_admin("sysadmin");
  const Account member = server().create_user(sysadmin, {"member"});
  const std::string path = "/users/" + std::to_string(member.id);
  Client secadmin = server().login_admin("secadmin");

  EXPECT_TRUE(IsStatus(secadmin.get("/users"), 200));
  EXPECT_TRUE(IsStatus(secadmin.get(path), 200));
  EXPECT_TRUE(IsStatus(secadmin.get("/settings/security"), 200));
  EXPECT_TRUE(IsStatus(secadmin.patch("/settings/security", {{"lockout_threshold", 6}}), 200));
  EXPECT_TRUE(IsError(secadmin.post(path + "/actions/unlock"), 409,
                      "user.not_locked"));  // allowed, just not locked
  EXPECT_TRUE(IsStatus(secadmin.post(path + "/actions/reset_password"), 200));
  EXPECT_TRUE(
      IsError(secadmin.post(path + "/actions/reset_mfa"), 409, "user.mfa_not_enabled"));  // allowed
  EXPECT_TRUE(IsStatus(secadmin.post(path + "/actions/disable"), 200));
  EXPECT_TRUE(IsStatus(secadmin.post(path + "/actions/enable"), 200));

  expect_forbidden(secadmin, "POST", "/users", kNewUser);
  expect_forbidden(secadmin, "PATCH", path, json{{"display_name", "改"}});
  expect_forbidden(secadmin, "POST", "/committees", kNewCommittee);
  expect_forbidden(secadmin, "PATCH", "/committees/1", json{{"short_name", "改"}});
  expect_forbidden(secadmin, "GET", "/committees");
  expect_forbidden(secadmin, "GET", "/audit");
}

TEST_F(Separation, AuditorOnlyReadsTheAuditLog) {
  Client sysadmin = server().login_admin("sysadmin");
  const Account member = server().create_user(sysadmin, {"member"});
  const std::string path = "/users/" + std::to_string(member.id);
  Client auditor = server().login_admin("auditor");
  EXPECT_TRUE(IsStatus(auditor.get("/audit"), 200));

  expect_forbidden(auditor, "GET", "/users");
  expect_forbidden(auditor, "GET", path);
  expect_forbidden(auditor, "POST", "/users", kNewUser);
  expect_forbidden(auditor, "PATCH", path, json{{"display_name", "改"}});
  expect_forbidden(auditor, "GET", "/committees");
  expect_forbidden(auditor, "GET", "/committees/1");
  expect_forbidden(auditor, "POST", "/committees", kNewCommittee);
  expect_forbidden(auditor, "PATCH", "/committees/1", json{{"short_name", "改"}});
  expect_forbidden(auditor, "GET", "/settings/security");
  expect_forbidden(auditor, "PATCH", "/settings/security", json{{"lockout_threshold", 6}});
  for (const std::string action : {"unlock", "reset_password", "reset_mfa", "disable", "enable"}) {
    expect_forbidden(auditor, "POST", path + "/actions/" + action);
  }
}

TEST_F(Separation, AdminRolesAreNeverCombined) {
  Client sysadmin = server().login_admin("sysadmin");
  const Account member = server().create_user(sysadmin, {"member"});
  const std::string path = "/users/" + std::to_string(member.id);
  const std::vector<std::vector<std::string>> combos = {
      {"sysadmin", "member"},   {"secadmin", "staff"},   {"auditor", "leader"},
      {"sysadmin", "secadmin"}, {"sysadmin", "auditor"}, {"secadmin", "auditor"},
      {"unit_clerk", "auditor"}};
  const Unchanged unchanged(server());
  for (const auto& roles : combos) {
    SCOPED_TRACE(json(roles).dump());
    EXPECT_TRUE(IsValidationError(sysadmin.post("/users", {{"username", "combo.user"},
                                                           {"display_name", "组合"},
                                                           {"committee_id", 1},
                                                           {"roles", roles}}),
                                  "roles"));
    EXPECT_TRUE(IsValidationError(sysadmin.patch(path, {{"roles", roles}}), "roles"));
  }
  EXPECT_TRUE(unchanged.check());
  // A single admin role is fine, as are several non-admin roles.
  const Response auditor2 = sysadmin.post("/users", {{"username", "auditor2"},
                                                     {"display_name", "审计二"},
                                                     {"committee_id", 1},
                                                     {"roles", {"auditor"}}});
  EXPECT_TRUE(IsStatus(auditor2, 201));
  // Unit roles need the user's handling unit.
  const long long unit = make_unit(server());
  EXPECT_TRUE(IsStatus(
      sysadmin.patch(path, {{"roles", {"member", "staff", "leader", "unit_clerk", "unit_head"}},
                            {"unit_id", unit}}),
      200));
}

TEST_F(Separation, MembersReachNoAdministration) {
  Client sysadmin = server().login_admin("sysadmin");
  Account account = server().create_user(sysadmin, {"member"});
  ASSERT_TRUE(
      IsStatus(sysadmin.patch("/users/" + std::to_string(account.id),
                              {{"roles", {"member", "staff", "leader", "unit_clerk", "unit_head"}},
                               {"unit_id", make_unit(server())}}),
               200));
  Client member = server().login_user(account);
  const Response me = member.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  ASSERT_TRUE(me.json["permissions"].is_array()) << me.describe();
  for (const auto& permission : me.json["permissions"]) {
    const std::string name = permission.get<std::string>();
    for (const char* prefix : {"committee.", "user.", "settings.", "audit."}) {
      EXPECT_NE(name.rfind(prefix, 0), 0U) << "non-admin roles must not hold " << name;
    }
  }
  expect_forbidden(member, "GET", "/users");
  expect_forbidden(member, "GET", "/users/" + std::to_string(account.id));
  expect_forbidden(member, "PATCH", "/users/" + std::to_string(account.id),
                   json{{"roles", {"sysadmin"}}});
  expect_forbidden(member, "GET", "/committees");
  expect_forbidden(member, "GET", "/settings/security");
  expect_forbidden(member, "GET", "/audit");
}

}  // namespace
}  // namespace lvzhi::api_test
