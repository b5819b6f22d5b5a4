// Login, cookies, lockout, rate limit, restricted sessions, logout, disable/reset effects.
#include <algorithm>
#include <cstdlib>
#include <ctime>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Auth : public ApiTest {
 protected:
  Response login(Client& client, const std::string& username, const std::string& password) {
    return client.post("/auth/login", {{"username", username}, {"password", password}});
  }
  long long audit_total(Client& auditor, const std::string& query) {
    const Response response = auditor.get("/audit?" + query);
    EXPECT_TRUE(IsStatus(response, 200));
    return response.json.value("total", -1LL);
  }
};

TEST_F(Auth, LoginSetsHttpOnlyStrictCookie) {
  Client client = server().client();
  const Response response = login(client, "sysadmin", server().admin("sysadmin").password);
  ASSERT_TRUE(IsStatus(response, 200));
  std::string session_cookie;
  for (const auto& value : response.all_headers("set-cookie")) {
    if (value.rfind("lvzhi_session=", 0) == 0) session_cookie = value;
  }
  ASSERT_FALSE(session_cookie.empty()) << response.describe();
  std::string lowered = session_cookie;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), ::tolower);
  EXPECT_NE(lowered.find("httponly"), std::string::npos) << session_cookie;
  EXPECT_NE(lowered.find("samesite=strict"), std::string::npos) << session_cookie;
  EXPECT_NE(lowered.find("path=/"), std::string::npos) << session_cookie;

  const auto& body = response.json;
  EXPECT_EQ(body["user"].value("username", ""), "sysadmin");
  EXPECT_FALSE(body.value("csrf_token", "").empty());
  EXPECT_EQ(body.value("must_change_password", false), true);
  EXPECT_TRUE(body.contains("mfa_pending") && body.contains("mfa_enrollment_required"))
      << response.describe();
  EXPECT_EQ(response.body.find("password_hash"), std::string::npos);
  EXPECT_EQ(response.body.find(client.cookie("lvzhi_session")), std::string::npos)
      << "token leaked in the body";
}

TEST_F(Auth, WrongPasswordAndUnknownUserLookTheSame) {
  Client client = server().client();
  const Response wrong_password = login(client, "sysadmin", "Wrong#pass-1234");
  const Response unknown_user = login(client, "nobody.here", "Wrong#pass-1234");
  EXPECT_TRUE(IsError(wrong_password, 401, "auth.invalid_credentials"));
  EXPECT_TRUE(IsError(unknown_user, 401, "auth.invalid_credentials"));
  EXPECT_EQ(wrong_password.error_message(), unknown_user.error_message());
  EXPECT_EQ(wrong_password.json["error"]["details"], unknown_user.json["error"]["details"]);
  EXPECT_TRUE(client.cookie("lvzhi_session").empty());
}

TEST_F(Auth, FiveFailuresLockTheAccountUntilUnlocked) {
  Client sysadmin = server().login_admin("sysadmin");
  const Account member = server().create_user(sysadmin, {"member"});
  Client client = server().client();
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(
        IsError(login(client, member.username, "Wrong#pass-1234"), 401, "auth.invalid_credentials"))
        << "attempt " << i + 1;
  }
  // The fifth failure may already say that the account is now locked.
  const Response fifth = login(client, member.username, "Wrong#pass-1234");
  EXPECT_TRUE(IsError(fifth, 401, "auth.invalid_credentials") ||
              IsError(fifth, 401, "auth.account_locked"))
      << fifth.describe();
  EXPECT_TRUE(IsError(login(client, member.username, member.password), 401, "auth.account_locked"));
  EXPECT_TRUE(client.cookie("lvzhi_session").empty());

  Client secadmin = server().login_admin("secadmin");
  const Response locked = secadmin.get("/users/" + std::to_string(member.id));
  ASSERT_TRUE(IsStatus(locked, 200));
  EXPECT_EQ(locked.json.value("locked", false), true) << locked.describe();
  EXPECT_TRUE(locked.json["locked_until"].is_number_integer() &&
              locked.json["locked_until"].get<long long>() > now_s())
      << locked.describe();

  Client auditor = server().login_admin("auditor");
  EXPECT_GE(audit_total(auditor, "action=auth.login_failed"), 5);
  EXPECT_GE(audit_total(auditor, "action=auth.account_locked"), 1);

  const Response unlocked =
      secadmin.post("/users/" + std::to_string(member.id) + "/actions/unlock");
  ASSERT_TRUE(IsStatus(unlocked, 200));
  EXPECT_EQ(unlocked.json["user"].value("locked", true), false) << unlocked.describe();
  EXPECT_TRUE(unlocked.json["user"]["locked_until"].is_null()) << unlocked.describe();
  EXPECT_TRUE(IsStatus(login(client, member.username, member.password), 200));
  EXPECT_TRUE(IsError(secadmin.post("/users/" + std::to_string(member.id) + "/actions/unlock"), 409,
                      "user.not_locked"));
  EXPECT_GE(audit_total(auditor, "object_type=user&object_id=" + std::to_string(member.id)), 2);
}

TEST_F(Auth, UnknownUsernamesLockLikeRealOnes) {
  Client client = server().client();
  for (int i = 0; i < 5; ++i) {
    SCOPED_TRACE("attempt " + std::to_string(i + 1));
    const Response real = login(client, "auditor", "Wrong#pass-1234");
    const Response ghost = login(client, "ghost.user", "Wrong#pass-1234");
    if (i < 4) EXPECT_TRUE(IsError(real, 401, "auth.invalid_credentials"));
    EXPECT_EQ(real.status, ghost.status);
    EXPECT_EQ(real.error_code(), ghost.error_code());
    EXPECT_EQ(real.error_message(), ghost.error_message());
  }
  const Response real = login(client, "auditor", server().admin("auditor").password);
  const Response ghost = login(client, "ghost.user", "Wrong#pass-1234");
  EXPECT_TRUE(IsError(real, 401, "auth.account_locked"));
  EXPECT_TRUE(IsError(ghost, 401, "auth.account_locked"));
  EXPECT_EQ(real.error_message(), ghost.error_message());
  // Same details; the seconds left may differ by the clock tick between the two requests.
  const auto real_left = real.json["error"]["details"].value("retry_after_s", -100LL);
  const auto ghost_left = ghost.json["error"]["details"].value("retry_after_s", 100LL);
  EXPECT_LE(std::llabs(real_left - ghost_left), 2) << real.describe() << ghost.describe();
}

TEST_F(Auth, RestrictedSessionsReachOnlyTheirSteps) {
  Client client = server().client();
  Account& admin = server().admin("sysadmin");
  ASSERT_TRUE(IsStatus(login(client, admin.username, admin.password), 200));
  EXPECT_TRUE(IsError(client.get("/users"), 403, "auth.password_change_required"));
  EXPECT_TRUE(IsError(client.post("/auth/mfa/disable", {{"password", admin.password}}), 403,
                      "auth.password_change_required"));
  Response me = client.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("must_change_password", false), true) << me.describe();

  const std::string next = TestServer::fresh_password(admin.username);
  ASSERT_TRUE(IsStatus(
      client.post("/auth/password", {{"current_password", admin.password}, {"new_password", next}}),
      200));
  admin.password = next;
  EXPECT_TRUE(IsError(client.get("/users"), 403, "auth.mfa_enrollment_required"));
  me = client.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("must_change_password", true), false) << me.describe();
  EXPECT_EQ(me.json.value("mfa_enrollment_required", false), true) << me.describe();

  const Response enrolled = client.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(enrolled, 200));
  const Response confirmed =
      client.post("/auth/mfa/confirm", {{"code", totp_now(enrolled.json.value("secret", ""))}});
  ASSERT_TRUE(IsStatus(confirmed, 200));
  admin.recovery_codes = confirmed.json.value("recovery_codes", std::vector<std::string>{});
  EXPECT_TRUE(IsStatus(client.get("/users"), 200));
  ASSERT_TRUE(IsStatus(client.post("/auth/logout"), 204));

  // Second login: the second factor is pending.
  Client second = server().client();
  const Response pending = login(second, admin.username, admin.password);
  ASSERT_TRUE(IsStatus(pending, 200));
  EXPECT_EQ(pending.json.value("mfa_pending", false), true) << pending.describe();
  EXPECT_EQ(pending.json.value("must_change_password", true), false) << pending.describe();
  EXPECT_TRUE(IsError(second.get("/users"), 403, "auth.mfa_required"));
  me = second.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("mfa_pending", false), true) << me.describe();
  ASSERT_FALSE(admin.recovery_codes.empty());
  ASSERT_TRUE(
      IsStatus(second.post("/auth/mfa/verify", {{"code", admin.recovery_codes.back()}}), 200));
  EXPECT_TRUE(IsStatus(second.get("/users"), 200));
}

TEST_F(Auth, MeDescribesTheUser) {
  Client sysadmin = server().login_admin("sysadmin");
  const Response me = sysadmin.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  const auto& body = me.json;
  EXPECT_EQ(body["user"].value("username", ""), "sysadmin");
  EXPECT_EQ(body["roles"], json({"sysadmin"}));
  std::vector<std::string> permissions = body.value("permissions", std::vector<std::string>{});
  std::sort(permissions.begin(), permissions.end());
  EXPECT_EQ(permissions, (std::vector<std::string>{"committee.manage", "committee.view",
                                                   "user.manage", "user.set_status", "user.view"}));
  EXPECT_EQ(body["committee"].value("id", 0), 1);
  EXPECT_EQ(body["committee"].value("name", ""), "政协委员会");
  EXPECT_EQ(body.value("csrf_token", ""), sysadmin.csrf_token());
  EXPECT_EQ(body.value("mfa_enabled", false), true);
  for (const char* key :
       {"must_change_password", "mfa_pending", "mfa_enrollment_required", "password_expires_at"}) {
    EXPECT_TRUE(body.contains(key)) << key << " missing: " << me.describe();
  }
  // Default settings: 30 min idle, 12 h absolute, counted from the session's creation.
  EXPECT_EQ(body["session"].value("idle_timeout_seconds", 0), 1800);
  const long long expires_at = body["session"].value("expires_at", 0LL);
  const long long now = std::time(nullptr);
  EXPECT_GT(expires_at, now + 12 * 3600 - 600);
  EXPECT_LE(expires_at, now + 12 * 3600);
  const auto& user = body["user"];
  for (const char* key : {"id", "username", "display_name", "committee_id", "committee_name",
                          "roles", "status", "locked", "locked_until", "must_change_password",
                          "mfa_enabled", "last_login_at", "created_at", "updated_at"}) {
    EXPECT_TRUE(user.contains(key)) << "user." << key << " missing: " << me.describe();
  }
}

TEST_F(Auth, LogoutEndsTheSession) {
  Client client = server().client();
  ASSERT_TRUE(IsStatus(login(client, "auditor", server().admin("auditor").password), 200));
  const std::string old_cookie = client.cookie("lvzhi_session");
  const std::string old_csrf = client.csrf_token();
  ASSERT_FALSE(old_cookie.empty());
  const Response logout = client.post("/auth/logout");
  ASSERT_TRUE(IsStatus(logout, 204));
  bool cleared = false;
  for (const auto& value : logout.all_headers("set-cookie")) {
    if (value.rfind("lvzhi_session=", 0) == 0) cleared = true;
  }
  EXPECT_TRUE(cleared) << "logout should clear the cookie";
  EXPECT_TRUE(client.cookie("lvzhi_session").empty());
  EXPECT_TRUE(IsError(client.get("/auth/me"), 401, "auth.unauthenticated"));

  client.set_cookie("lvzhi_session", old_cookie);  // replay the old cookie
  const Response replayed = client.get("/auth/me");
  EXPECT_TRUE(IsError(replayed, 401, "auth.unauthenticated") ||
              IsError(replayed, 401, "auth.session_expired"))
      << replayed.describe();
  const Response write =
      client.post("/auth/password", {{"current_password", "x"}, {"new_password", "y"}},
                  {.csrf_override = old_csrf});
  EXPECT_EQ(write.status, 401) << write.describe();
}

TEST_F(Auth, DisabledUserCannotLogInAndLosesSessions) {
  Client sysadmin = server().login_admin("sysadmin");
  const Account member = server().create_user(sysadmin, {"member"});
  Client member_client = server().client();
  ASSERT_TRUE(IsStatus(login(member_client, member.username, member.password), 200));
  const std::string path = "/users/" + std::to_string(member.id);

  const Response disabled = sysadmin.post(path + "/actions/disable");
  ASSERT_TRUE(IsStatus(disabled, 200));
  EXPECT_EQ(disabled.json["user"].value("status", ""), "disabled") << disabled.describe();
  EXPECT_EQ(member_client.get("/auth/me").status, 401);
  Client fresh = server().client();
  EXPECT_TRUE(
      IsError(login(fresh, member.username, member.password), 403, "auth.account_disabled"));
  EXPECT_TRUE(fresh.cookie("lvzhi_session").empty());

  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(sysadmin.post(path + "/actions/disable"), 409, "user.already_in_status"));
  const long long self = server().admin("sysadmin").id;
  EXPECT_TRUE(IsError(sysadmin.post("/users/" + std::to_string(self) + "/actions/disable"), 409,
                      "user.cannot_change_self"));
  EXPECT_TRUE(unchanged.check());

  const Response enabled = sysadmin.post(path + "/actions/enable");
  ASSERT_TRUE(IsStatus(enabled, 200));
  EXPECT_EQ(enabled.json["user"].value("status", ""), "active") << enabled.describe();
  EXPECT_TRUE(IsError(sysadmin.post(path + "/actions/enable"), 409, "user.already_in_status"));
  EXPECT_TRUE(IsStatus(login(fresh, member.username, member.password), 200));
}

TEST_F(Auth, ResetPasswordEndsSessionsAndForcesChange) {
  Client sysadmin = server().login_admin("sysadmin");
  Account member = server().create_user(sysadmin, {"member"});
  Client member_client = server().login_user(member);
  ASSERT_TRUE(IsStatus(member_client.get("/auth/me"), 200));

  Client secadmin = server().login_admin("secadmin");
  const Response reset =
      secadmin.post("/users/" + std::to_string(member.id) + "/actions/reset_password");
  ASSERT_TRUE(IsStatus(reset, 200));
  const std::string temporary = reset.json.value("temporary_password", "");
  ASSERT_FALSE(temporary.empty()) << reset.describe();
  EXPECT_EQ(reset.json["user"].value("must_change_password", false), true) << reset.describe();

  EXPECT_EQ(member_client.get("/auth/me").status, 401) << "the user's session should have ended";
  Client fresh = server().client();
  EXPECT_TRUE(
      IsError(login(fresh, member.username, member.password), 401, "auth.invalid_credentials"));
  const Response again = login(fresh, member.username, temporary);
  ASSERT_TRUE(IsStatus(again, 200));
  EXPECT_EQ(again.json.value("must_change_password", false), true);
  EXPECT_TRUE(IsError(fresh.get("/committees"), 403, "auth.password_change_required"));
}

TEST_F(Auth, LoginRateLimitPerIp) {
  Client secadmin = server().login_admin("secadmin");
  const Response patched =
      secadmin.patch("/settings/security", {{"login_rate_limit_per_minute", 5}});
  ASSERT_TRUE(IsStatus(patched, 200));
  EXPECT_EQ(patched.json.value("login_rate_limit_per_minute", 0), 5);

  Client client = server().client();
  int limited_at = 0;
  for (int i = 1; i <= 15 && limited_at == 0; ++i) {
    const Response response = login(client, "nobody" + std::to_string(i), "Wrong#pass-1234");
    if (response.status == 429) {
      EXPECT_TRUE(IsError(response, 429, "auth.rate_limited"));
      limited_at = i;
    } else {
      EXPECT_TRUE(IsError(response, 401, "auth.invalid_credentials"));
    }
  }
  ASSERT_GT(limited_at, 0) << "no 429 after 15 rapid logins with a limit of 5 per minute";
  EXPECT_LE(limited_at, 11);
  // The right password does not get through either.
  EXPECT_TRUE(IsError(login(client, "auditor", server().admin("auditor").password), 429,
                      "auth.rate_limited"));
}

TEST_F(Auth, IdleAndOldSessionsExpire) {
  Client secadmin = server().login_admin("secadmin");
  ASSERT_TRUE(IsStatus(secadmin.patch("/settings/security", {{"session_idle_minutes", 60}}), 200));
  Client client = server().client();
  ASSERT_TRUE(IsStatus(login(client, "auditor", server().admin("auditor").password), 200));
  const std::string mine = "user_id = (SELECT id FROM users WHERE username = 'auditor')";

  server().exec_sql("UPDATE sessions SET last_seen_at = last_seen_at - 31 * 60 WHERE " + mine);
  EXPECT_TRUE(IsStatus(client.get("/auth/me"), 200)) << "31 idle minutes are within the 60 set";
  server().exec_sql("UPDATE sessions SET last_seen_at = last_seen_at - 61 * 60 WHERE " + mine);
  const Response idle = client.get("/auth/me");
  EXPECT_TRUE(IsError(idle, 401, "auth.session_expired") ||
              IsError(idle, 401, "auth.unauthenticated"))
      << idle.describe();

  Client old = server().client();
  ASSERT_TRUE(IsStatus(login(old, "auditor", server().admin("auditor").password), 200));
  server().exec_sql("UPDATE sessions SET created_at = created_at - 13 * 3600 WHERE " + mine);
  const Response absolute = old.get("/auth/me");
  EXPECT_TRUE(IsError(absolute, 401, "auth.session_expired") ||
              IsError(absolute, 401, "auth.unauthenticated"))
      << "past session_absolute_hours (12): " << absolute.describe();
  EXPECT_TRUE(IsStatus(secadmin.get("/auth/me"), 200)) << "other users' sessions are untouched";
}

}  // namespace
}  // namespace lvzhi::api_test
