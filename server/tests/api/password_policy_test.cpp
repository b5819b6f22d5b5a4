// POST /auth/password: the password policy (length, character classes, not the username, history).
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class PasswordPolicy : public ApiTest {
 protected:
  Response change(Client& client, const std::string& current, const std::string& next) {
    return client.post("/auth/password", {{"current_password", current}, {"new_password", next}});
  }
};

TEST_F(PasswordPolicy, WeakPasswordsAreRefused) {
  Client sysadmin = server().login_admin("sysadmin");
  // Username with lower case, digits and punctuation: three classes, long enough.
  Account member = server().create_user(sysadmin, {"member"}, "zhang.san_2024");
  Client client = server().client();
  ASSERT_TRUE(IsStatus(
      client.post("/auth/login", {{"username", member.username}, {"password", member.password}}),
      200));
  const Unchanged unchanged(server());
  for (const std::string& weak : std::vector<std::string>{
           "Ab1-xyz",         // too short
           "Ab1-xyzuv",       // 9 < 10
           "abcdefghijklmn",  // one class
           "abcdefgh12345",   // two classes
           "ABCDEFGH-----",   // two classes
           "zhang.san_2024",  // the username
           member.password,   // the current one
       }) {
    SCOPED_TRACE(weak);
    EXPECT_TRUE(IsValidationError(change(client, member.password, weak), "new_password"));
  }
  EXPECT_TRUE(
      IsValidationError(change(client, "Wrong#pass-1234", "Good#pass-2024x"), "current_password"));
  EXPECT_TRUE(unchanged.check());
  const Response me = client.get("/auth/me");
  ASSERT_TRUE(IsStatus(me, 200));
  EXPECT_EQ(me.json.value("must_change_password", false), true)
      << "still restricted after refused changes";
  // Ten characters and three classes is enough.
  EXPECT_TRUE(IsStatus(change(client, member.password, "abcdEFGH12"), 200));
}

TEST_F(PasswordPolicy, RecentPasswordsCannotBeReused) {
  Client sysadmin = server().login_admin("sysadmin");
  Account member = server().create_user(sysadmin, {"member"});
  Client client = server().client();
  ASSERT_TRUE(IsStatus(
      client.post("/auth/login", {{"username", member.username}, {"password", member.password}}),
      200));
  const std::string p0 = member.password;
  const std::string p1 = "First#pass-2024";
  const std::string p2 = "Second#pass-2024";
  ASSERT_TRUE(IsStatus(change(client, p0, p1), 200));
  ASSERT_TRUE(IsStatus(change(client, p1, p2), 200));
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsValidationError(change(client, p2, p0), "new_password"));
  EXPECT_TRUE(IsValidationError(change(client, p2, p1), "new_password"));
  EXPECT_TRUE(IsValidationError(change(client, p2, p2), "new_password"));
  EXPECT_TRUE(unchanged.check());
  // The last change stuck: p2 logs in, without a forced change.
  Client fresh = server().client();
  const Response login =
      fresh.post("/auth/login", {{"username", member.username}, {"password", p2}});
  ASSERT_TRUE(IsStatus(login, 200));
  EXPECT_EQ(login.json.value("must_change_password", true), false) << login.describe();
  EXPECT_TRUE(IsError(fresh.post("/auth/login", {{"username", member.username}, {"password", p1}}),
                      401, "auth.invalid_credentials"));
}

TEST_F(PasswordPolicy, SettingsChangeThePolicy) {
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  ASSERT_TRUE(IsStatus(secadmin.patch("/settings/security",
                                      {{"password_min_length", 14}, {"password_min_classes", 4}}),
                       200));
  Account member = server().create_user(sysadmin, {"member"});
  Client client = server().client();
  ASSERT_TRUE(IsStatus(
      client.post("/auth/login", {{"username", member.username}, {"password", member.password}}),
      200));
  EXPECT_TRUE(
      IsValidationError(change(client, member.password, "Abcdef-12345x"), "new_password"));  // 13
  EXPECT_TRUE(IsValidationError(change(client, member.password, "Abcdefgh12345x"),
                                "new_password"));  // 3 classes
  EXPECT_TRUE(IsStatus(change(client, member.password, "Abcdef-123456x"), 200));
}

}  // namespace
}  // namespace lvzhi::api_test
