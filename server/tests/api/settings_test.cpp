// /settings/security: defaults, partial PATCH, effects of the lockout settings.
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Settings : public ApiTest {};

const json kDefaults = {{"password_min_length", 10},    {"password_min_classes", 3},
                        {"password_history", 5},        {"password_max_age_days", 90},
                        {"lockout_threshold", 5},       {"lockout_window_minutes", 15},
                        {"lockout_minutes", 15},        {"login_rate_limit_per_minute", 30},
                        {"session_idle_minutes", 30},   {"session_absolute_hours", 12},
                        {"mfa_required_for_all", false}};

TEST_F(Settings, DefaultsMatchTheSpec) {
  Client secadmin = server().login_admin("secadmin");
  const Response response = secadmin.get("/settings/security");
  ASSERT_TRUE(IsStatus(response, 200));
  for (const auto& [key, value] : kDefaults.items()) {
    EXPECT_EQ(response.json.contains(key) ? response.json[key] : json("<missing>"), value) << key;
  }
}

TEST_F(Settings, PatchChangesOnlyTheGivenKeys) {
  Client secadmin = server().login_admin("secadmin");
  const Response patched = secadmin.patch(
      "/settings/security",
      {{"password_min_length", 12}, {"lockout_threshold", 3}, {"mfa_required_for_all", true}});
  ASSERT_TRUE(IsStatus(patched, 200));
  json expected = kDefaults;
  expected["password_min_length"] = 12;
  expected["lockout_threshold"] = 3;
  expected["mfa_required_for_all"] = true;
  for (const auto& [key, value] : expected.items())
    EXPECT_EQ(patched.json.value(key, json()), value) << key;
  const Response fetched = secadmin.get("/settings/security");
  ASSERT_TRUE(IsStatus(fetched, 200));
  EXPECT_EQ(fetched.json, patched.json);
  // Boundaries are accepted.
  EXPECT_TRUE(IsStatus(secadmin.patch("/settings/security", {{"password_min_length", 8},
                                                             {"password_max_age_days", 0},
                                                             {"lockout_minutes", 1440},
                                                             {"password_history", 0}}),
                       200));
  EXPECT_TRUE(IsStatus(secadmin.patch("/settings/security", json::object()), 200));
}

TEST_F(Settings, LockoutThresholdApplies) {
  Client secadmin = server().login_admin("secadmin");
  ASSERT_TRUE(IsStatus(secadmin.patch("/settings/security", {{"lockout_threshold", 3}}), 200));
  Client client = server().client();
  for (int i = 0; i < 3; ++i) {
    const Response response =
        client.post("/auth/login", {{"username", "auditor"}, {"password", "Wrong#pass-1234"}});
    // The third failure may already report the lock.
    EXPECT_TRUE(IsError(response, 401, "auth.invalid_credentials") ||
                (i == 2 && IsError(response, 401, "auth.account_locked")))
        << "attempt " << i + 1 << ": " << response.describe();
  }
  EXPECT_TRUE(IsError(
      client.post("/auth/login",
                  {{"username", "auditor"}, {"password", server().admin("auditor").password}}),
      401, "auth.account_locked"));
}

}  // namespace
}  // namespace lvzhi::api_test
