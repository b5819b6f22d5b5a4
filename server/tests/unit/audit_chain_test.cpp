#include <gtest/gtest.h>

#include "domain/audit/audit.hpp"
#include "temp_database.hpp"

namespace lvzhi::audit {
namespace {

Actor someone() {
  Actor actor;
  actor.user_id = 7;
  actor.username = "auditee";
  actor.committee_id = 1;
  actor.ip = "10.0.0.1";
  return actor;
}

void append(db::Database& db, const std::string& action) {
  auto done = db.write([&](soci::session& sql) -> Status {
    record(sql, db.dialect(), someone(),
           {.action = action,
            .object_type = "user",
            .object_id = "7",
            .changes = Json{{"display_name", {"甲", "乙"}}}});
    return ok_status();
  });
  ASSERT_TRUE(done.ok());
}

class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 4; ++i) append(temp_.db(), "user.update");
  }
  // Bypasses the append-only triggers the way an attacker with file access would.
  void tamper(const std::string& statement) {
    auto sql = temp_.db().session();
    db::execute_script(*sql, temp_.db().dialect(),
                       "DROP TRIGGER IF EXISTS audit_log_no_update; "
                       "DROP TRIGGER IF EXISTS audit_log_no_delete; " +
                           statement);
  }
  testing::TempDatabase temp_;
};

TEST_F(AuditChainTest, IntactChainVerifies) {
  const auto report = verify_chain(temp_.db());
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.rows, 4);
}

TEST_F(AuditChainTest, RowsLinkToTheirPredecessor) {
  Page page = search(temp_.db(), Query{});
  ASSERT_EQ(page.items.size(), 4U);
  // Newest first: each row's prev_hash is the hash of the next older one.
  for (std::size_t i = 0; i + 1 < page.items.size(); ++i) {
    EXPECT_EQ(page.items[i].prev_hash, page.items[i + 1].hash);
    EXPECT_EQ(page.items[i].hash, chain_hash(page.items[i].prev_hash, page.items[i]));
  }
  EXPECT_EQ(page.items.back().prev_hash, "");
}

TEST_F(AuditChainTest, EditedRowIsNamed) {
  tamper("UPDATE audit_log SET action = 'user.view' WHERE id = 2;");
  const auto report = verify_chain(temp_.db());
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_row_id, 2);
}

TEST_F(AuditChainTest, DeletedMiddleRowIsNamed) {
  tamper("DELETE FROM audit_log WHERE id = 3;");
  const auto report = verify_chain(temp_.db());
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_row_id, 3);
}

TEST_F(AuditChainTest, DeletedLastRowIsNamed) {
  tamper("DELETE FROM audit_log WHERE id = 4;");
  const auto report = verify_chain(temp_.db());
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_row_id, 4);
}

TEST_F(AuditChainTest, RehashedRowStillBreaksTheNextLink) {
  // An attacker who recomputes the edited row's own hash still breaks the link to row 3.
  auto sql = temp_.db().session();
  Record row2;
  for (const auto& r : search(temp_.db(), Query{}).items) {
    if (r.id == 2) row2 = r;
  }
  row2.actor_name = "someone_else";
  const std::string forged = chain_hash(row2.prev_hash, row2);
  tamper("UPDATE audit_log SET actor_name = 'someone_else', hash = '" + forged + "' WHERE id = 2;");
  const auto report = verify_chain(temp_.db());
  EXPECT_FALSE(report.ok);
  EXPECT_EQ(report.bad_row_id, 3);
}

TEST_F(AuditChainTest, AppendOnlyTriggersRefuseEdits) {
  auto sql = temp_.db().session();
  EXPECT_ANY_THROW(*sql << "UPDATE audit_log SET action = 'x' WHERE id = 1");
  EXPECT_ANY_THROW(*sql << "DELETE FROM audit_log WHERE id = 1");
}

TEST(AuditDiff, ListsOnlyChangedFields) {
  const Json changes = diff(Json{{"a", 1}, {"b", "x"}}, Json{{"a", 1}, {"b", "y"}, {"c", true}});
  EXPECT_EQ(changes, (Json{{"b", {"x", "y"}}, {"c", {nullptr, true}}}));
}

TEST(AuditFilter, FiltersByActionPrefixAndObject) {
  testing::TempDatabase temp;
  append(temp.db(), "user.update");
  append(temp.db(), "auth.login");
  append(temp.db(), "auth.logout");
  Query by_prefix;
  by_prefix.action = "auth.";
  EXPECT_EQ(search(temp.db(), by_prefix).total, 2);
  Query exact;
  exact.action = "auth.login";
  EXPECT_EQ(search(temp.db(), exact).total, 1);
  Query paged;
  paged.page_size = 2;
  paged.page = 2;
  const auto page = search(temp.db(), paged);
  EXPECT_EQ(page.total, 3);
  ASSERT_EQ(page.items.size(), 1U);
  EXPECT_EQ(page.items[0].id, 1);
}

}  // namespace
}  // namespace lvzhi::audit
