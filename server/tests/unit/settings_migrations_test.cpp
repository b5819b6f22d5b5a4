#include <gtest/gtest.h>

#include "domain/settings/security_settings.hpp"
#include "temp_database.hpp"

namespace lvzhi {
namespace {

TEST(Migrations, AreRecordedAndIdempotent) {
  testing::TempDatabase temp;
  EXPECT_EQ(db::schema_version(temp.db()), db::latest_schema_version());
  const auto again = db::migrate(temp.db());
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.to_version, db::latest_schema_version());
}

TEST(SecuritySettings, DefaultsUntilChangedThenAudited) {
  testing::TempDatabase temp;
  EXPECT_EQ(settings::load_security(temp.db()).lockout_threshold, 5);
  Actor secadmin;
  secadmin.user_id = 1;
  secadmin.username = "sec";
  auto updated = settings::update_security(temp.db(), secadmin, Json{{"lockout_threshold", 8}});
  ASSERT_TRUE(updated.ok());
  EXPECT_EQ(settings::load_security(temp.db()).lockout_threshold, 8);
  long long audit_rows = 0;
  temp.db().read([&](soci::session& sql) {
    sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'settings.security.update'",
        soci::into(audit_rows);
  });
  EXPECT_EQ(audit_rows, 1);
}

TEST(SecuritySettings, BadValuesChangeNothing) {
  testing::TempDatabase temp;
  Actor secadmin;
  secadmin.user_id = 1;
  auto result = settings::update_security(temp.db(), secadmin,
                                          Json{{"lockout_threshold", 1},
                                               {"session_idle_minutes", "30"},
                                               {"no_such_setting", 1},
                                               {"password_history", 3}});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().status(), 422);
  const auto& fields = result.error().details["fields"];
  EXPECT_TRUE(fields.contains("lockout_threshold"));
  EXPECT_TRUE(fields.contains("session_idle_minutes"));
  EXPECT_TRUE(fields.contains("no_such_setting"));
  EXPECT_FALSE(fields.contains("password_history"));
  EXPECT_EQ(settings::load_security(temp.db()).password_history, 5);  // nothing stored
}

}  // namespace
}  // namespace lvzhi
