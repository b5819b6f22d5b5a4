// TOTP second factor: enrol, confirm, verify, recovery codes, disable, mfa_required_for_all.
#include <set>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

std::string wrong_code(const std::string& code) {
  std::string out = code;
  out.back() = static_cast<char>('0' + (out.back() - '0' + 1) % 10);
  return out;
}

class Mfa : public ApiTest {
 protected:
  // Logs an admin in and changes the password, leaving the session waiting for enrolment.
  Client enrolment_session(const std::string& role) {
    Account& admin = server().admin(role);
    Client client = server().client();
    EXPECT_TRUE(IsStatus(
        client.post("/auth/login", {{"username", admin.username}, {"password", admin.password}}),
        200));
    const std::string next = TestServer::fresh_password(admin.username);
    EXPECT_TRUE(IsStatus(client.post("/auth/password", {{"current_password", admin.password},
                                                        {"new_password", next}}),
                         200));
    admin.password = next;
    return client;
  }
  Response login(Client& client, const Account& account) {
    return client.post("/auth/login",
                       {{"username", account.username}, {"password", account.password}});
  }
};

TEST_F(Mfa, EnrolAndConfirm) {
  Client client = enrolment_session("sysadmin");
  EXPECT_TRUE(IsError(client.post("/auth/mfa/confirm", {{"code", "123456"}}), 409,
                      "auth.mfa_not_enrolling"));

  const Response first = client.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(first, 200));
  const std::string first_secret = first.json.value("secret", "");
  EXPECT_GE(first_secret.size(), 16U);
  EXPECT_EQ(first.json.value("otpauth_uri", "").rfind("otpauth://totp/", 0), 0U)
      << first.describe();
  EXPECT_NE(first.json.value("otpauth_uri", "").find("secret=" + first_secret), std::string::npos);
  EXPECT_NE(first.json.value("qr_svg", "").find("<svg"), std::string::npos);
  // Enrolling again restarts with a new secret: the old one no longer confirms.
  const Response second = client.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(second, 200));
  const std::string secret = second.json.value("secret", "");
  EXPECT_NE(secret, first_secret);

  const Unchanged unchanged(server());
  EXPECT_TRUE(IsValidationError(client.post("/auth/mfa/confirm", json::object()), "code"));
  EXPECT_TRUE(IsError(client.post("/auth/mfa/confirm", {{"code", wrong_code(totp_now(secret))}}),
                      401, "auth.invalid_mfa_code"));
  if (totp_now(first_secret) != totp_now(secret)) {
    EXPECT_TRUE(IsError(client.post("/auth/mfa/confirm", {{"code", totp_now(first_secret)}}), 401,
                        "auth.invalid_mfa_code"));
  }
  EXPECT_TRUE(unchanged.check());
  EXPECT_TRUE(IsError(client.get("/users"), 403, "auth.mfa_enrollment_required"));

  const Response confirmed = client.post("/auth/mfa/confirm", {{"code", totp_now(secret)}});
  ASSERT_TRUE(IsStatus(confirmed, 200));
  const auto codes = confirmed.json.value("recovery_codes", std::vector<std::string>{});
  EXPECT_EQ(codes.size(), 10U);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), codes.size());
  const Response me = client.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("mfa_enabled", false), true) << me.describe();
  EXPECT_EQ(me.json.value("mfa_enrollment_required", true), false) << me.describe();
  EXPECT_TRUE(IsStatus(client.get("/users"), 200));

  EXPECT_TRUE(IsError(client.post("/auth/mfa/enroll"), 409, "auth.mfa_already_enabled"));
  const Response reconfirm = client.post("/auth/mfa/confirm", {{"code", totp_now(secret, 30)}});
  EXPECT_TRUE(IsError(reconfirm, 409, "auth.mfa_not_enrolling") ||
              IsError(reconfirm, 409, "auth.mfa_already_enabled"))
      << reconfirm.describe();
  EXPECT_TRUE(IsError(client.post("/auth/mfa/verify", {{"code", totp_now(secret, 30)}}), 409,
                      "auth.mfa_not_pending"));
  // The secret is not readable afterwards.
  EXPECT_EQ(client.get("/auth/me").body.find(secret), std::string::npos);
}

TEST_F(Mfa, VerifyRejectsWrongAndReplayedCodes) {
  Client client = enrolment_session("sysadmin");
  const Response enrolled = client.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(enrolled, 200));
  const std::string secret = enrolled.json.value("secret", "");
  const std::string used = totp_now(secret);
  ASSERT_TRUE(IsStatus(client.post("/auth/mfa/confirm", {{"code", used}}), 200));

  Client second = server().client();
  const Response pending = login(second, server().admin("sysadmin"));
  ASSERT_TRUE(IsStatus(pending, 200));
  ASSERT_EQ(pending.json.value("mfa_pending", false), true) << pending.describe();
  EXPECT_TRUE(IsError(second.post("/auth/mfa/verify", {{"code", wrong_code(used)}}), 401,
                      "auth.invalid_mfa_code"));
  EXPECT_TRUE(
      IsError(second.post("/auth/mfa/verify", {{"code", "12345"}}), 401, "auth.invalid_mfa_code"));
  EXPECT_TRUE(
      IsError(second.post("/auth/mfa/verify", {{"code", used}}), 401, "auth.invalid_mfa_code"))
      << "a TOTP step must not be accepted twice";
  EXPECT_TRUE(IsError(second.get("/users"), 403, "auth.mfa_required"));
  // The next step is within the allowed drift and has not been used yet.
  const Response verified = second.post("/auth/mfa/verify", {{"code", totp_now(secret, 30)}});
  ASSERT_TRUE(IsStatus(verified, 200));
  EXPECT_EQ(verified.json.value("mfa_pending", true), false) << verified.describe();
  EXPECT_TRUE(IsStatus(second.get("/users"), 200));
}

TEST_F(Mfa, RecoveryCodeWorksOnce) {
  server().login_admin("sysadmin");
  Account& admin = server().admin("sysadmin");
  ASSERT_GE(admin.recovery_codes.size(), 2U);
  const std::string code = admin.recovery_codes.back();

  Client first = server().client();
  ASSERT_TRUE(IsStatus(login(first, admin), 200));
  ASSERT_TRUE(IsStatus(first.post("/auth/mfa/verify", {{"code", code}}), 200));
  EXPECT_TRUE(IsStatus(first.get("/users"), 200));

  Client second = server().client();
  ASSERT_TRUE(IsStatus(login(second, admin), 200));
  EXPECT_TRUE(
      IsError(second.post("/auth/mfa/verify", {{"code", code}}), 401, "auth.invalid_mfa_code"));
  EXPECT_TRUE(IsError(second.get("/users"), 403, "auth.mfa_required"));
  ASSERT_TRUE(
      IsStatus(second.post("/auth/mfa/verify", {{"code", admin.recovery_codes.front()}}), 200));
  EXPECT_TRUE(IsStatus(second.get("/users"), 200));
}

TEST_F(Mfa, AdminsCannotDisableMembersCan) {
  Client sysadmin = server().login_admin("sysadmin");
  EXPECT_TRUE(IsError(
      sysadmin.post("/auth/mfa/disable", {{"password", server().admin("sysadmin").password}}), 409,
      "auth.mfa_cannot_disable"));

  Account member = server().create_user(sysadmin, {"member"});
  Client client = server().login_user(member);
  Response me = client.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("mfa_enrollment_required", true), false)
      << "members do not need a second factor";
  const Response enrolled = client.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(enrolled, 200));
  ASSERT_TRUE(IsStatus(
      client.post("/auth/mfa/confirm", {{"code", totp_now(enrolled.json.value("secret", ""))}}),
      200));

  EXPECT_TRUE(IsValidationError(client.post("/auth/mfa/disable", json::object()), "password"));
  const Response wrong = client.post("/auth/mfa/disable", {{"password", "Wrong#pass-1234"}});
  EXPECT_TRUE(wrong.status == 422 || wrong.status == 401) << wrong.describe();
  me = client.get("/auth/me");
  EXPECT_EQ(me.json.value("mfa_enabled", false), true);

  ASSERT_TRUE(IsStatus(client.post("/auth/mfa/disable", {{"password", member.password}}), 204));
  // Removing one's own factor keeps the session it was done from.
  EXPECT_TRUE(IsStatus(client.get("/auth/me"), 200));
  Client again = server().client();
  const Response relogin = login(again, member);
  ASSERT_TRUE(IsStatus(relogin, 200));
  EXPECT_EQ(relogin.json.value("mfa_pending", true), false) << relogin.describe();
  me = again.get("/auth/me");
  EXPECT_EQ(me.json.value("mfa_enabled", true), false) << me.describe();
}

TEST_F(Mfa, RequiredForAllAppliesToMembers) {
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  ASSERT_TRUE(
      IsStatus(secadmin.patch("/settings/security", {{"mfa_required_for_all", true}}), 200));
  Account member = server().create_user(sysadmin, {"member"});
  Client client = server().login_user(member);
  const Response me = client.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("mfa_enrollment_required", false), true) << me.describe();
  EXPECT_TRUE(IsError(client.get("/committees"), 403, "auth.mfa_enrollment_required"));
}

TEST_F(Mfa, SecadminResetsALostSecondFactor) {
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  Account member = server().create_user(sysadmin, {"member"});
  Client client = server().login_user(member);
  const Response enrolled = client.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(enrolled, 200));
  ASSERT_TRUE(IsStatus(
      client.post("/auth/mfa/confirm", {{"code", totp_now(enrolled.json.value("secret", ""))}}),
      200));
  const std::string path = "/users/" + std::to_string(member.id) + "/actions/reset_mfa";

  const Response reset = secadmin.post(path);
  ASSERT_TRUE(IsStatus(reset, 200));
  EXPECT_EQ(reset.json["user"].value("mfa_enabled", true), false) << reset.describe();
  EXPECT_EQ(client.get("/auth/me").status, 401) << "the user's sessions end";
  Client again = server().client();
  const Response relogin = login(again, member);
  ASSERT_TRUE(IsStatus(relogin, 200));
  EXPECT_EQ(relogin.json.value("mfa_pending", true), false) << relogin.describe();
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(secadmin.post(path), 409, "user.mfa_not_enabled"));
  EXPECT_TRUE(unchanged.check());

  // An admin who lost the phone must enrol again at the next login.
  const long long sysadmin_id = server().admin("sysadmin").id;
  ASSERT_TRUE(
      IsStatus(secadmin.post("/users/" + std::to_string(sysadmin_id) + "/actions/reset_mfa"), 200));
  EXPECT_EQ(sysadmin.get("/auth/me").status, 401);
  Client admin_again = server().client();
  ASSERT_TRUE(IsStatus(login(admin_again, server().admin("sysadmin")), 200));
  const Response me = admin_again.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("mfa_pending", true), false) << me.describe();
  EXPECT_EQ(me.json.value("mfa_enrollment_required", false), true) << me.describe();
  EXPECT_TRUE(IsError(admin_again.get("/users"), 403, "auth.mfa_enrollment_required"));
  // After enrolling a new phone, the old recovery codes are gone with the old secret.
  const Response reenrolled = admin_again.post("/auth/mfa/enroll");
  ASSERT_TRUE(IsStatus(reenrolled, 200));
  ASSERT_TRUE(IsStatus(admin_again.post("/auth/mfa/confirm",
                                        {{"code", totp_now(reenrolled.json.value("secret", ""))}}),
                       200));
  Client third = server().client();
  ASSERT_TRUE(IsStatus(login(third, server().admin("sysadmin")), 200));
  EXPECT_TRUE(IsError(
      third.post("/auth/mfa/verify", {{"code", server().admin("sysadmin").recovery_codes.back()}}),
      401, "auth.invalid_mfa_code"));
}

}  // namespace
}  // namespace lvzhi::api_test
