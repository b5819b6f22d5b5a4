#include <gtest/gtest.h>

#include "domain/auth/session.hpp"

namespace lvzhi::auth {
namespace {

constexpr long long kStart = 1'700'000'000;

TEST(SessionExpiry, IdleTimeoutFollowsTheSetting) {
  settings::SecuritySettings settings;  // 30 minutes idle, 12 hours absolute
  const SessionTimes times{kStart, kStart};
  EXPECT_FALSE(session_expired(times, kStart + 30 * 60, settings));
  EXPECT_TRUE(session_expired(times, kStart + 30 * 60 + 1, settings));
  settings.session_idle_minutes = 60;
  EXPECT_FALSE(session_expired(times, kStart + 45 * 60, settings));
}

TEST(SessionExpiry, AbsoluteLifetimeEndsEvenAnActiveSession) {
  settings::SecuritySettings settings;
  const long long twelve_hours = 12 * 3600;
  EXPECT_FALSE(
      session_expired({kStart, kStart + twelve_hours - 60}, kStart + twelve_hours, settings));
  EXPECT_TRUE(
      session_expired({kStart, kStart + twelve_hours}, kStart + twelve_hours + 1, settings));
}

TEST(PasswordExpiry, AfterMaxAgeUnlessDisabled) {
  settings::SecuritySettings settings;  // 90 days
  Account account;
  account.password_changed_at = kStart;
  EXPECT_FALSE(password_expired(account, kStart + 90 * 86400, settings));
  EXPECT_TRUE(password_expired(account, kStart + 90 * 86400 + 1, settings));
  settings.password_max_age_days = 0;
  EXPECT_FALSE(password_expired(account, kStart + 900 * 86400, settings));
}

TEST(ActorFromAccount, AdminsMustEnrolASecondFactor) {
  settings::SecuritySettings settings;
  Account admin;
  admin.id = 1;
  admin.roles = {"secadmin"};
  admin.password_changed_at = 4'000'000'000;  // not expired
  const Actor actor = make_actor(admin, settings, false);
  EXPECT_TRUE(actor.mfa_enrollment_required);
  EXPECT_TRUE(actor.restricted());
  EXPECT_TRUE(actor.has("user.unlock"));
  EXPECT_FALSE(actor.has("audit.view"));

  Account staff = admin;
  staff.roles = {"staff"};
  EXPECT_FALSE(make_actor(staff, settings, false).mfa_enrollment_required);
  settings.mfa_required_for_all = true;
  EXPECT_TRUE(make_actor(staff, settings, false).mfa_enrollment_required);
}

TEST(ActorFromAccount, ThreeAdminRolesShareNoPermission) {
  const auto sys = permissions_for({"sysadmin"});
  const auto sec = permissions_for({"secadmin"});
  const auto aud = permissions_for({"auditor"});
  for (const auto& p : aud) {
    EXPECT_EQ(std::count(sys.begin(), sys.end(), p), 0) << p;
    EXPECT_EQ(std::count(sec.begin(), sec.end(), p), 0) << p;
  }
  EXPECT_EQ(std::count(sys.begin(), sys.end(), "audit.view"), 0);
  EXPECT_EQ(std::count(sec.begin(), sec.end(), "user.manage"), 0);
  EXPECT_EQ(std::count(sys.begin(), sys.end(), "user.unlock"), 0);
}

TEST(SessionCookie, IsHttpOnlyStrictAndSecureBehindTls) {
  const auto plain = session_cookie("tok", false);
  EXPECT_NE(plain.find("HttpOnly"), std::string::npos);
  EXPECT_NE(plain.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(plain.find("Secure"), std::string::npos);
  EXPECT_NE(session_cookie("tok", true).find("; Secure"), std::string::npos);
}

}  // namespace
}  // namespace lvzhi::auth
