#include <gtest/gtest.h>

#include "domain/auth/password_policy.hpp"

namespace lvzhi::auth {
namespace {

const settings::SecuritySettings kDefaults;

TEST(PasswordPolicy, CountsCharacterClasses) {
  EXPECT_EQ(character_classes("abcdefgh"), 1);
  EXPECT_EQ(character_classes("abcDEF"), 2);
  EXPECT_EQ(character_classes("abcDEF123"), 3);
  EXPECT_EQ(character_classes("abcDEF123!"), 4);
  EXPECT_EQ(character_classes("政协委员abc1"), 3);  // non-ASCII counts as "other"
}

TEST(PasswordPolicy, AcceptsAGoodPassword) {
  EXPECT_EQ(check_password_policy("Lvzhi@2026x", "admin", kDefaults), std::nullopt);
}

TEST(PasswordPolicy, RejectsShortPasswords) {
  const auto problem = check_password_policy("Ab1!Ab1!x", "admin", kDefaults);  // 9 characters
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("10"), std::string::npos);
}

TEST(PasswordPolicy, CountsCharactersNotBytes) {
  // 5 Chinese characters are 15 bytes but only 5 characters.
  EXPECT_TRUE(check_password_policy("政协委员会", "admin", kDefaults).has_value());
}

TEST(PasswordPolicy, RejectsTooFewClasses) {
  const auto problem = check_password_policy("abcdefghij12", "admin", kDefaults);
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("3"), std::string::npos);
}

TEST(PasswordPolicy, RejectsTheUsernameInAnyCase) {
  EXPECT_TRUE(check_password_policy("Zhangsan@2026", "zhangsan", kDefaults).has_value());
  EXPECT_TRUE(check_password_policy("xxZHANGSANxx1!", "zhangsan", kDefaults).has_value());
}

TEST(PasswordPolicy, FollowsTheSettings) {
  settings::SecuritySettings strict;
  strict.password_min_length = 14;
  strict.password_min_classes = 4;
  EXPECT_TRUE(check_password_policy("Lvzhi@2026x", "admin", strict).has_value());
  EXPECT_EQ(check_password_policy("Lvzhi@2026-xyzw", "admin", strict), std::nullopt);
}

}  // namespace
}  // namespace lvzhi::auth
