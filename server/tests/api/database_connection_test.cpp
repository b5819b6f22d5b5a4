// PostgreSQL's connections end when it restarts (an upgrade, a failover, an operator): the server
// reopens its pooled connections instead of failing every later request, and answers 503
// server.unavailable, changing nothing, while the database cannot be reached at all.
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class DatabaseConnections : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    if (server().db_kind() != "postgresql") GTEST_SKIP() << "SQLite has no connections to end";
  }
  void TearDown() override {
    if (server_ && server().db_kind() == "postgresql") server().allow_database_connections();
    ApiTest::TearDown();
  }
};

TEST_F(DatabaseConnections, ServeOnAfterPostgresqlEndsThem) {
  Client sysadmin = server().login_admin("sysadmin");
  server().end_database_connections();
  // The session lookup is each request's first statement: it meets the dead connection.
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(IsStatus(sysadmin.get("/committees/1"), 200)) << "request " << i;
  }

  server().end_database_connections();
  Client anonymous = server().client();
  const Response public_list = anonymous.get("/public/proposals");
  EXPECT_TRUE(IsStatus(public_list, 200));

  server().end_database_connections();
  const Response created =
      sysadmin.post("/committees", {{"name", "重连测试政协"}, {"level", "city"}, {"parent_id", 1}});
  ASSERT_TRUE(IsStatus(created, 201));
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM committees WHERE name = '重连测试政协'"), 1);
  EXPECT_EQ(server().log().find("unhandled exception"), std::string::npos) << server().log();
}

TEST_F(DatabaseConnections, AnswerUnavailableWhileRefusedThenRecover) {
  Client sysadmin = server().login_admin("sysadmin");
  const Counts before = server().business_counts();
  server().end_database_connections(/*refuse_new=*/true);

  EXPECT_TRUE(IsError(sysadmin.get("/committees/1"), 503, "server.unavailable"));
  EXPECT_TRUE(IsError(
      sysadmin.post("/committees", {{"name", "不可达政协"}, {"level", "city"}, {"parent_id", 1}}),
      503, "server.unavailable"));
  Client anonymous = server().client();
  EXPECT_TRUE(IsError(anonymous.get("/public/proposals"), 503, "server.unavailable"));
  EXPECT_TRUE(IsStatus(anonymous.get("/health"), 200));  // the process itself is up

  server().allow_database_connections();
  for (int i = 0; i < 6; ++i) {
    ASSERT_TRUE(IsStatus(sysadmin.get("/committees/1"), 200)) << "request " << i;
  }
  EXPECT_TRUE(SameCounts(before, server().business_counts()));
  EXPECT_EQ(server().log().find("unhandled exception"), std::string::npos) << server().log();
}

}  // namespace
}  // namespace lvzhi::api_test
