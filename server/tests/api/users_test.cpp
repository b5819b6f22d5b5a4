// /users: create (initial password), username rules, list filters and pagination, patch, 404.
#include <algorithm>
#include <set>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Users : public ApiTest {
 protected:
  Response create(Client& client, const std::string& username,
                  const std::vector<std::string>& roles, long long committee = 1) {
    return client.post("/users", {{"username", username},
                                  {"display_name", "用户" + username},
                                  {"committee_id", committee},
                                  {"roles", roles}});
  }
};

TEST_F(Users, CreateReturnsUserAndInitialPassword) {
  Client sysadmin = server().login_admin("sysadmin");
  const Response created = sysadmin.post("/users", {{"username", "li.si"},
                                                    {"display_name", "李四"},
                                                    {"committee_id", 1},
                                                    {"roles", {"member", "staff"}}});
  ASSERT_TRUE(IsStatus(created, 201));
  const auto& user = created.json["user"];
  EXPECT_GT(user.value("id", 0LL), 0);
  EXPECT_EQ(user.value("username", ""), "li.si");
  EXPECT_EQ(user.value("display_name", ""), "李四");
  EXPECT_EQ(user.value("committee_id", 0LL), 1);
  EXPECT_EQ(user.value("committee_name", ""), "政协委员会");
  std::vector<std::string> roles = user.value("roles", std::vector<std::string>{});
  std::sort(roles.begin(), roles.end());
  EXPECT_EQ(roles, (std::vector<std::string>{"member", "staff"}));
  EXPECT_EQ(user.value("status", ""), "active");
  EXPECT_EQ(user.value("locked", true), false);
  EXPECT_EQ(user.value("must_change_password", false), true);
  EXPECT_EQ(user.value("mfa_enabled", true), false);
  EXPECT_TRUE(user["last_login_at"].is_null()) << created.describe();
  const std::string initial = created.json.value("initial_password", "");
  EXPECT_GE(initial.size(), 10U);
  EXPECT_EQ(created.body.find("password_hash"), std::string::npos);

  const Response fetched = sysadmin.get("/users/" + std::to_string(user.value("id", 0LL)));
  ASSERT_TRUE(IsStatus(fetched, 200));
  EXPECT_EQ(fetched.json, user);
  EXPECT_EQ(fetched.body.find(initial), std::string::npos) << "the initial password is shown once";

  Client client = server().client();
  const Response login = client.post("/auth/login", {{"username", "li.si"}, {"password", initial}});
  ASSERT_TRUE(IsStatus(login, 200));
  EXPECT_EQ(login.json.value("must_change_password", false), true);
  EXPECT_EQ(login.json.value("mfa_enrollment_required", true), false);
}

TEST_F(Users, UsernamesAreLowerCaseAndUnique) {
  Client sysadmin = server().login_admin("sysadmin");
  const Response created = create(sysadmin, "WangWu", {"member"});
  ASSERT_TRUE(IsStatus(created, 201));
  EXPECT_EQ(created.json["user"].value("username", ""), "wangwu");
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(create(sysadmin, "wangwu", {"staff"}), 409, "user.username_taken"));
  EXPECT_TRUE(IsError(create(sysadmin, "WANGWU", {"staff"}), 409, "user.username_taken"));
  EXPECT_TRUE(IsError(create(sysadmin, "sysadmin", {"staff"}), 409, "user.username_taken"));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Users, ListFiltersAndPagination) {
  Client sysadmin = server().login_admin("sysadmin");
  const Response committee =
      sysadmin.post("/committees", {{"name", "分会政协"}, {"level", "city"}, {"parent_id", 1}});
  ASSERT_TRUE(IsStatus(committee, 201));
  const long long other = committee.json.value("id", 0LL);
  ASSERT_TRUE(IsStatus(create(sysadmin, "member.one", {"member"}), 201));
  ASSERT_TRUE(IsStatus(create(sysadmin, "staff.one", {"staff"}), 201));
  ASSERT_TRUE(IsStatus(create(sysadmin, "staff.two", {"staff", "leader"}), 201));
  const Response elsewhere = create(sysadmin, "far.away", {"member"}, other);
  ASSERT_TRUE(IsStatus(elsewhere, 201));
  ASSERT_TRUE(
      IsStatus(sysadmin.post("/users/" + std::to_string(elsewhere.json["user"].value("id", 0LL)) +
                             "/actions/disable"),
               200));

  const auto list = [&](const std::string& query) {
    const Response response = sysadmin.get("/users?" + query);
    EXPECT_TRUE(IsStatus(response, 200));
    return response.json;
  };
  EXPECT_EQ(list("").value("total", 0), 7);  // three admins + four
  const json staff = list("role=staff");
  EXPECT_EQ(staff.value("total", 0), 2);
  for (const auto& user : staff["items"]) {
    const auto roles = user.value("roles", std::vector<std::string>{});
    EXPECT_NE(std::find(roles.begin(), roles.end(), "staff"), roles.end()) << user.dump();
  }
  const json in_other = list("committee_id=" + std::to_string(other));
  EXPECT_EQ(in_other.value("total", 0), 1);
  EXPECT_EQ(in_other["items"][0].value("username", ""), "far.away");
  EXPECT_EQ(in_other["items"][0].value("committee_name", ""), "分会政协");
  const json disabled = list("status=disabled");
  EXPECT_EQ(disabled.value("total", 0), 1);
  EXPECT_EQ(disabled["items"][0].value("status", ""), "disabled");
  EXPECT_EQ(list("status=active").value("total", 0), 6);
  const json named = list("q=staff");
  EXPECT_EQ(named.value("total", 0), 2);
  EXPECT_EQ(list("q=%E7%94%A8%E6%88%B7member").value("total", 0), 1)
      << "q matches display names too";

  std::set<long long> seen;
  for (int page = 1; page <= 4; ++page) {
    const json response = list("page_size=2&page=" + std::to_string(page));
    EXPECT_EQ(response.value("total", 0), 7);
    EXPECT_EQ(response["items"].size(), page < 4 ? 2U : 1U);
    for (const auto& user : response["items"]) seen.insert(user.value("id", 0LL));
  }
  EXPECT_EQ(seen.size(), 7U) << "pages overlap";
}

TEST_F(Users, PatchChangesNameCommitteeAndRoles) {
  Client sysadmin = server().login_admin("sysadmin");
  const Response committee =
      sysadmin.post("/committees", {{"name", "调入政协"}, {"level", "district"}, {"parent_id", 1}});
  ASSERT_TRUE(IsStatus(committee, 201));
  const Account member = server().create_user(sysadmin, {"member"});
  const std::string path = "/users/" + std::to_string(member.id);
  const Response patched = sysadmin.patch(path, {{"display_name", "新名字"},
                                                 {"committee_id", committee.json.value("id", 0LL)},
                                                 {"roles", {"staff", "leader"}}});
  ASSERT_TRUE(IsStatus(patched, 200));
  EXPECT_EQ(patched.json.value("display_name", ""), "新名字");
  EXPECT_EQ(patched.json.value("committee_id", 0LL), committee.json.value("id", 0LL));
  EXPECT_EQ(patched.json.value("committee_name", ""), "调入政协");
  std::vector<std::string> roles = patched.json.value("roles", std::vector<std::string>{});
  std::sort(roles.begin(), roles.end());
  EXPECT_EQ(roles, (std::vector<std::string>{"leader", "staff"}));
  EXPECT_EQ(sysadmin.get(path).json, patched.json);
}

TEST_F(Users, UnknownUserIs404) {
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(sysadmin.get("/users/999999"), 404, "user.not_found"));
  EXPECT_TRUE(
      IsError(sysadmin.patch("/users/999999", {{"display_name", "无"}}), 404, "user.not_found"));
  EXPECT_TRUE(IsError(sysadmin.post("/users/999999/actions/disable"), 404, "user.not_found"));
  EXPECT_TRUE(IsError(secadmin.post("/users/999999/actions/enable"), 404, "user.not_found"));
  EXPECT_TRUE(IsError(secadmin.post("/users/999999/actions/unlock"), 404, "user.not_found"));
  EXPECT_TRUE(
      IsError(secadmin.post("/users/999999/actions/reset_password"), 404, "user.not_found"));
  EXPECT_TRUE(IsError(secadmin.post("/users/999999/actions/reset_mfa"), 404, "user.not_found"));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Users, UnknownCommitteeIsRefused) {
  Client sysadmin = server().login_admin("sysadmin");
  const Unchanged unchanged(server());
  const Response response = create(sysadmin, "nowhere.man", {"member"}, 999999);
  EXPECT_TRUE(response.status == 422 || response.status == 404) << response.describe();
  EXPECT_TRUE(unchanged.check());
}

}  // namespace
}  // namespace lvzhi::api_test

namespace lvzhi::api_test {
namespace {

class UnitAccounts : public ApiTest {};

TEST_F(UnitAccounts, UnitRolesNeedAHandlingUnitOfTheCommittee) {
  Client sysadmin = server().login_admin("sysadmin");
  server().exec_sql(
      "INSERT INTO handling_units (committee_id, name, category, created_at, updated_at) VALUES "
      "(1, '天河区教育局', 'government', 0, 0)");
  const long long unit = server().query_int("SELECT MAX(id) FROM handling_units");
  const auto create = [&](const std::string& username, const std::string& role, json unit_id) {
    json body = {
        {"username", username}, {"display_name", "经办人"}, {"committee_id", 1}, {"roles", {role}}};
    if (!unit_id.is_null()) body["unit_id"] = unit_id;
    return sysadmin.post("/users", body);
  };
  const Unchanged unchanged(server());
  const Response missing = create("clerk.a", "unit_clerk", nullptr);
  ASSERT_TRUE(IsError(missing, 422, "request.validation_failed"));
  EXPECT_TRUE(missing.fields().contains("unit_id"));
  EXPECT_TRUE(IsError(create("staff.a", "staff", unit), 422, "request.validation_failed"));
  EXPECT_TRUE(IsError(create("clerk.b", "unit_clerk", 999999), 422, "request.validation_failed"));
  EXPECT_TRUE(unchanged.check());
  const Response options = sysadmin.get("/users/unit-options?committee_id=1");
  ASSERT_TRUE(IsStatus(options, 200));
  ASSERT_EQ(options.json["items"].size(), 1U);
  EXPECT_EQ(options.json["items"][0].value("name", ""), "天河区教育局");
  const Response made = create("clerk.c", "unit_clerk", unit);
  ASSERT_TRUE(IsStatus(made, 201));
  EXPECT_EQ(made.json["user"].value("unit_id", 0LL), unit);
  EXPECT_EQ(made.json["user"].value("unit_name", ""), "天河区教育局");
  // Leaving the unit roles leaves the unit.
  const Response changed = sysadmin.patch(
      "/users/" + std::to_string(made.json["user"].value("id", 0LL)), {{"roles", {"staff"}}});
  ASSERT_TRUE(IsStatus(changed, 200));
  EXPECT_TRUE(changed.json["unit_id"].is_null()) << changed.describe();
}

}  // namespace
}  // namespace lvzhi::api_test
