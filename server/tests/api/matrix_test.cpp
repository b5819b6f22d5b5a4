// Every endpoint × every generic failure (401, CSRF 403, permission 403, restricted 403, 415, 400,
// 413, 422, bad query), each checked to change no business row and write no audit row; and one walk
// where every endpoint succeeds.
#include "endpoints.hpp"
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Matrix : public ApiTest {
 protected:
  long long user_id(const std::string& username) {
    return server().query_int("SELECT id FROM users WHERE username = '" + username + "'");
  }
  static Response call(Client& client, const Endpoint& endpoint, long long user,
                       long long committee, const RequestOptions& options = {}) {
    const std::string path = endpoint.resolve(user, committee);
    if (endpoint.body)
      return client.send(endpoint.method, path, endpoint.body->dump(), "application/json", options);
    return client.send(endpoint.method, path, std::nullopt, "", options);
  }
  static Response call_raw(Client& client, const Endpoint& endpoint, long long user,
                           long long committee, const std::string& body,
                           const std::string& content_type) {
    return client.send(endpoint.method, endpoint.resolve(user, committee), body, content_type);
  }
};

TEST_F(Matrix, WithoutSessionEveryRouteIs401) {
  const long long target = user_id("auditor");
  Client anonymous = server().client();
  Client bogus = server().client();
  bogus.set_cookie("lvzhi_session", "bm90LWEtcmVhbC1zZXNzaW9uLXRva2VuLWF0LWFsbA");
  bogus.set_csrf_token("bm90LWEtY3NyZi10b2tlbg");
  for (const auto& endpoint : all_endpoints()) {
    if (endpoint.allowed.empty()) continue;
    SCOPED_TRACE(endpoint.label());
    const Unchanged unchanged(server());
    EXPECT_TRUE(IsError(call(anonymous, endpoint, target, 1), 401, "auth.unauthenticated"));
    const Response with_bogus = call(bogus, endpoint, target, 1);
    EXPECT_TRUE(IsError(with_bogus, 401, "auth.unauthenticated") ||
                IsError(with_bogus, 401, "auth.session_expired"))
        << with_bogus.describe();
    EXPECT_TRUE(unchanged.check());
  }
}

TEST_F(Matrix, WithoutCsrfTokenEveryWriteIs403) {
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  const long long target = user_id("auditor");
  for (const auto& endpoint : all_endpoints()) {
    if (endpoint.allowed.empty() || !endpoint.is_write()) continue;
    SCOPED_TRACE(endpoint.label());
    Client& client = endpoint.allowed == "secadmin" ? secadmin : sysadmin;
    Client& other = endpoint.allowed == "secadmin" ? sysadmin : secadmin;
    const Unchanged unchanged(server());
    EXPECT_TRUE(
        IsError(call(client, endpoint, target, 1, {.csrf = false}), 403, "auth.csrf_failed"));
    EXPECT_TRUE(IsError(call(client, endpoint, target, 1, {.csrf_override = "bm90LXRoZS10b2tlbg"}),
                        403, "auth.csrf_failed"));
    // Another session's token is no good either.
    EXPECT_TRUE(IsError(call(client, endpoint, target, 1, {.csrf_override = other.csrf_token()}),
                        403, "auth.csrf_failed"));
    EXPECT_TRUE(unchanged.check());
  }
  // A refused logout left the sessions alone.
  EXPECT_TRUE(IsStatus(sysadmin.get("/auth/me"), 200));
  EXPECT_TRUE(IsStatus(secadmin.get("/auth/me"), 200));
}

TEST_F(Matrix, WithoutPermissionEveryRouteIs403) {
  std::map<std::string, Client> admins;
  for (const std::string role : {"sysadmin", "secadmin", "auditor"})
    admins.emplace(role, server().login_admin(role));
  Account member_account = server().create_user(admins.at("sysadmin"), {"member"});
  Client member = server().login_user(member_account);
  for (const auto& endpoint : all_endpoints()) {
    if (endpoint.lacking.empty()) continue;
    SCOPED_TRACE(endpoint.label());
    const Unchanged unchanged(server());
    EXPECT_TRUE(IsError(call(admins.at(endpoint.lacking), endpoint, member_account.id, 1), 403,
                        "auth.forbidden"));
    EXPECT_TRUE(IsError(call(member, endpoint, member_account.id, 1), 403, "auth.forbidden"));
    EXPECT_TRUE(unchanged.check());
  }
}

TEST_F(Matrix, RestrictedSessionIs403OutsideAuthRoutes) {
  Client sysadmin = server().login_admin("sysadmin");
  const Account member_account = server().create_user(sysadmin, {"member"});
  Client member = server().client();
  ASSERT_TRUE(IsStatus(member.post("/auth/login", {{"username", member_account.username},
                                                   {"password", member_account.password}}),
                       200));
  // An admin at first login is restricted too.
  Client auditor = server().client();
  ASSERT_TRUE(IsStatus(
      auditor.post("/auth/login",
                   {{"username", "auditor"}, {"password", server().admin("auditor").password}}),
      200));
  for (const auto& endpoint : all_endpoints()) {
    if (endpoint.allowed.empty() || endpoint.path.rfind("/auth/", 0) == 0) continue;
    SCOPED_TRACE(endpoint.label());
    const Unchanged unchanged(server());
    EXPECT_TRUE(IsError(call(member, endpoint, member_account.id, 1), 403,
                        "auth.password_change_required"));
    EXPECT_TRUE(IsError(call(auditor, endpoint, member_account.id, 1), 403,
                        "auth.password_change_required"));
    EXPECT_TRUE(unchanged.check());
  }
  const Response me = member.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("must_change_password", false), true) << me.describe();
}

TEST_F(Matrix, NonJsonBodyIs415) {
  Client anonymous = server().client();
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  const long long target = user_id("auditor");
  for (const auto& endpoint : all_endpoints()) {
    if (!endpoint.body) continue;
    SCOPED_TRACE(endpoint.label());
    Client& client = endpoint.allowed.empty()         ? anonymous
                     : endpoint.allowed == "secadmin" ? secadmin
                                                      : sysadmin;
    const Unchanged unchanged(server());
    EXPECT_TRUE(IsError(call_raw(client, endpoint, target, 1, endpoint.body->dump(), "text/plain"),
                        415, "request.unsupported_media_type"));
    EXPECT_TRUE(unchanged.check());
  }
}

TEST_F(Matrix, MalformedJsonIs400) {
  Client anonymous = server().client();
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  const long long target = user_id("auditor");
  for (const auto& endpoint : all_endpoints()) {
    if (!endpoint.body) continue;
    SCOPED_TRACE(endpoint.label());
    Client& client = endpoint.allowed.empty()         ? anonymous
                     : endpoint.allowed == "secadmin" ? secadmin
                                                      : sysadmin;
    const Unchanged unchanged(server());
    const std::string truncated = endpoint.body->dump().substr(0, endpoint.body->dump().size() / 2);
    EXPECT_TRUE(IsError(call_raw(client, endpoint, target, 1, truncated, "application/json"), 400,
                        "request.malformed_json"));
    EXPECT_TRUE(
        IsError(call_raw(client, endpoint, target, 1, "{\"a\":1} trailing", "application/json"),
                400, "request.malformed_json"));
    EXPECT_TRUE(unchanged.check());
  }
}

TEST_F(Matrix, OversizeBodyIs413) {
  Client anonymous = server().client();
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  const long long target = user_id("auditor");
  const std::string big = "{\"name\":\"" + repeat("x", 2 << 20) + "\"}";
  for (const auto& endpoint : all_endpoints()) {
    if (!endpoint.is_write()) continue;
    SCOPED_TRACE(endpoint.label());
    Client& client = endpoint.allowed.empty()         ? anonymous
                     : endpoint.allowed == "secadmin" ? secadmin
                                                      : sysadmin;
    const Unchanged unchanged(server());
    EXPECT_TRUE(IsError(call_raw(client, endpoint, target, 1, big, "application/json"), 413,
                        "request.body_too_large"));
    if (!endpoint.allowed.empty()) {
      EXPECT_TRUE(IsError(call_raw(anonymous, endpoint, target, 1, big, "application/json"), 413,
                          "request.body_too_large"));
    }
    EXPECT_TRUE(unchanged.check());
  }
  EXPECT_TRUE(IsStatus(sysadmin.get("/auth/me"), 200));
}

struct InvalidCase {
  std::string method;
  std::string path;
  json body;
  std::string field;
  std::string actor;  // "" anonymous
};

TEST_F(Matrix, InvalidFieldsAre422) {
  Client anonymous = server().client();
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  const Account member = server().create_user(sysadmin, {"member"});
  const std::string password = server().admin("sysadmin").password;
  const std::string u = "/users/" + std::to_string(member.id);
  const std::string long_name = repeat("长", 65);
  const std::vector<InvalidCase> cases = {
      {"POST", "/auth/login", {{"password", "Whatever#123"}}, "username", ""},
      {"POST", "/auth/login", {{"username", "auditor"}}, "password", ""},
      {"POST",
       "/auth/password",
       {{"new_password", "Next#pass-98765"}},
       "current_password",
       "sysadmin"},
      {"POST",
       "/auth/password",
       {{"current_password", "Wrong#pass-1234"}, {"new_password", "Next#pass-98765"}},
       "current_password",
       "sysadmin"},
      {"POST",
       "/auth/password",
       {{"current_password", password}, {"new_password", "Sh0rt#"}},
       "new_password",
       "sysadmin"},
      {"POST", "/auth/password", {{"current_password", password}}, "new_password", "sysadmin"},

      {"POST", "/committees", {{"name", "甲"}, {"level", "city"}}, "name", "sysadmin"},
      {"POST", "/committees", {{"name", long_name}, {"level", "city"}}, "name", "sysadmin"},
      {"POST", "/committees", {{"level", "city"}}, "name", "sysadmin"},
      {"POST", "/committees", {{"name", "某某市政协"}, {"level", "galaxy"}}, "level", "sysadmin"},
      {"POST", "/committees", {{"name", "某某市政协"}}, "level", "sysadmin"},
      {"POST", "/committees", {{"name", 12345}, {"level", "city"}}, "name", "sysadmin"},
      {"PATCH", "/committees/1", {{"name", "甲"}}, "name", "sysadmin"},
      {"PATCH", "/committees/1", {{"level", "planet"}}, "level", "sysadmin"},
      {"PATCH", "/committees/1", {{"parent_id", 1}}, "parent_id", "sysadmin"},

      {"POST",
       "/users",
       {{"username", "a!"}, {"display_name", "甲"}, {"committee_id", 1}, {"roles", {"member"}}},
       "username",
       "sysadmin"},
      {"POST",
       "/users",
       {{"username", "ab"}, {"display_name", "甲"}, {"committee_id", 1}, {"roles", {"member"}}},
       "username",
       "sysadmin"},
      {"POST",
       "/users",
       {{"username", "_leading"},
        {"display_name", "甲"},
        {"committee_id", 1},
        {"roles", {"member"}}},
       "username",
       "sysadmin"},
      {"POST",
       "/users",
       {{"username", repeat("a", 33)},
        {"display_name", "甲"},
        {"committee_id", 1},
        {"roles", {"member"}}},
       "username",
       "sysadmin"},
      {"POST",
       "/users",
       {{"username", "valid.name"},
        {"display_name", ""},
        {"committee_id", 1},
        {"roles", {"member"}}},
       "display_name",
       "sysadmin"},
      {"POST",
       "/users",
       {{"username", "valid.name"},
        {"display_name", long_name},
        {"committee_id", 1},
        {"roles", {"member"}}},
       "display_name",
       "sysadmin"},
      {"POST",
       "/users",
       {{"username", "valid.name"},
        {"display_name", "甲"},
        {"committee_id", 1},
        {"roles", json::array()}},
       "roles",
       "sysadmin"},
      {"POST",
       "/users",
       {{"username", "valid.name"},
        {"display_name", "甲"},
        {"committee_id", 1},
        {"roles", {"wizard"}}},
       "roles",
       "sysadmin"},
      {"POST",
       "/users",
       {{"username", "valid.name"},
        {"display_name", "甲"},
        {"committee_id", 1},
        {"roles", {"sysadmin", "member"}}},
       "roles",
       "sysadmin"},
      {"PATCH", u, {{"display_name", ""}}, "display_name", "sysadmin"},
      {"PATCH", u, {{"roles", json::array()}}, "roles", "sysadmin"},
      {"PATCH", u, {{"roles", {"auditor", "staff"}}}, "roles", "sysadmin"},

      {"PATCH",
       "/settings/security",
       {{"password_min_length", 7}},
       "password_min_length",
       "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"password_min_length", 65}},
       "password_min_length",
       "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"password_min_classes", 1}},
       "password_min_classes",
       "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"password_min_classes", 5}},
       "password_min_classes",
       "secadmin"},
      {"PATCH", "/settings/security", {{"password_history", 25}}, "password_history", "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"password_max_age_days", 366}},
       "password_max_age_days",
       "secadmin"},
      {"PATCH", "/settings/security", {{"lockout_threshold", 2}}, "lockout_threshold", "secadmin"},
      {"PATCH", "/settings/security", {{"lockout_threshold", 21}}, "lockout_threshold", "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"lockout_window_minutes", 0}},
       "lockout_window_minutes",
       "secadmin"},
      {"PATCH", "/settings/security", {{"lockout_minutes", 1441}}, "lockout_minutes", "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"login_rate_limit_per_minute", 4}},
       "login_rate_limit_per_minute",
       "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"session_idle_minutes", 4}},
       "session_idle_minutes",
       "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"session_absolute_hours", 73}},
       "session_absolute_hours",
       "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"mfa_required_for_all", "yes"}},
       "mfa_required_for_all",
       "secadmin"},
      {"PATCH",
       "/settings/security",
       {{"lockout_threshold", "5"}},
       "lockout_threshold",
       "secadmin"},
  };
  const Response settings_before = secadmin.get("/settings/security");
  ASSERT_TRUE(IsStatus(settings_before, 200));
  for (const auto& item : cases) {
    SCOPED_TRACE(item.method + " " + item.path + " " + item.body.dump());
    Client& client = item.actor.empty()         ? anonymous
                     : item.actor == "secadmin" ? secadmin
                                                : sysadmin;
    const Unchanged unchanged(server());
    EXPECT_TRUE(IsValidationError(
        client.send(item.method, item.path, item.body.dump(), "application/json"), item.field));
    EXPECT_TRUE(unchanged.check());
  }
  EXPECT_EQ(secadmin.get("/settings/security").json, settings_before.json)
      << "refused PATCHes changed settings";
}

TEST_F(Matrix, BadListQueryIs400) {
  Client sysadmin = server().login_admin("sysadmin");
  Client auditor = server().login_admin("auditor");
  for (const auto& [client, path] : std::vector<std::pair<Client*, std::string>>{
           {&sysadmin, "/committees"}, {&sysadmin, "/users"}, {&auditor, "/audit"}}) {
    for (const std::string query : {"page=0", "page=-1", "page=abc", "page_size=0", "page_size=101",
                                    "page_size=x", "page=1.5"}) {
      SCOPED_TRACE(path + "?" + query);
      EXPECT_TRUE(IsError(client->get(path + "?" + query), 400, "request.bad_query"));
    }
    const Response defaults = client->get(path);
    ASSERT_TRUE(IsStatus(defaults, 200));
    EXPECT_EQ(defaults.json.value("page", 0), 1) << defaults.describe();
    EXPECT_EQ(defaults.json.value("page_size", 0), 20) << defaults.describe();
    EXPECT_TRUE(defaults.json["items"].is_array()) << defaults.describe();
    EXPECT_TRUE(defaults.json["total"].is_number_integer()) << defaults.describe();
    const Response max = client->get(path + "?page=1&page_size=100");
    ASSERT_TRUE(IsStatus(max, 200));
    EXPECT_EQ(max.json.value("page_size", 0), 100) << max.describe();
  }
}

// One walk in which every endpoint answers its success status.
TEST_F(Matrix, EveryRouteSucceeds) {
  Client sysadmin =
      server().login_admin("sysadmin");  // login, password, mfa/enroll, mfa/confirm, me
  Client secadmin = server().login_admin("secadmin");
  Client auditor = server().login_admin("auditor");

  ASSERT_TRUE(IsStatus(sysadmin.get("/committees"), 200));
  const Response committee = sysadmin.post(
      "/committees",
      {{"name", "走查市政协"}, {"short_name", "走查"}, {"level", "city"}, {"parent_id", 1}});
  ASSERT_TRUE(IsStatus(committee, 201));
  const std::string committee_path =
      "/committees/" + std::to_string(committee.json["id"].get<long long>());
  EXPECT_TRUE(IsStatus(sysadmin.get(committee_path), 200));
  EXPECT_TRUE(IsStatus(sysadmin.patch(committee_path, {{"short_name", "走"}}), 200));

  Account member = server().create_user(sysadmin, {"member"});
  const std::string user_path = "/users/" + std::to_string(member.id);
  EXPECT_TRUE(IsStatus(sysadmin.get("/users"), 200));
  EXPECT_TRUE(IsStatus(sysadmin.get(user_path), 200));
  EXPECT_TRUE(IsStatus(sysadmin.patch(user_path, {{"display_name", "走查委员"}}), 200));

  Client anonymous = server().client();
  for (int i = 0; i < 5; ++i) {
    anonymous.post("/auth/login", {{"username", member.username}, {"password", "Wrong#pass-1234"}});
  }
  EXPECT_TRUE(IsStatus(secadmin.post(user_path + "/actions/unlock"), 200));
  const Response reset = secadmin.post(user_path + "/actions/reset_password");
  ASSERT_TRUE(IsStatus(reset, 200));
  member.password = reset.json.value("temporary_password", "");
  Client member_with_mfa = server().client();
  ASSERT_TRUE(IsStatus(member_with_mfa.post("/auth/login", {{"username", member.username},
                                                            {"password", member.password}}),
                       200));
  const Response member_enrol = member_with_mfa.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(member_enrol, 200));
  ASSERT_TRUE(
      IsStatus(member_with_mfa.post("/auth/mfa/confirm",
                                    {{"code", totp_now(member_enrol.json.value("secret", ""))}}),
               200));
  EXPECT_TRUE(IsStatus(secadmin.post(user_path + "/actions/reset_mfa"), 200));
  EXPECT_TRUE(IsStatus(sysadmin.post(user_path + "/actions/disable"), 200));
  EXPECT_TRUE(IsStatus(secadmin.post(user_path + "/actions/enable"), 200));

  EXPECT_TRUE(IsStatus(secadmin.get("/settings/security"), 200));
  EXPECT_TRUE(IsStatus(secadmin.patch("/settings/security", {{"session_idle_minutes", 60}}), 200));
  EXPECT_TRUE(IsStatus(auditor.get("/audit"), 200));

  Client again = server().login_admin("sysadmin");  // mfa/verify with a recovery code
  EXPECT_TRUE(IsStatus(again.post("/auth/logout"), 204));

  Client member_client = server().login_user(member);
  const Response enrolled = member_client.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(enrolled, 200));
  ASSERT_TRUE(IsStatus(member_client.post("/auth/mfa/confirm",
                                          {{"code", totp_now(enrolled.json.value("secret", ""))}}),
                       200));
  EXPECT_TRUE(
      IsStatus(member_client.post("/auth/mfa/disable", {{"password", member.password}}), 204));
}

}  // namespace
}  // namespace lvzhi::api_test
