// notify::send: a plain message is always stored; a message with a dedupe key is stored once per
// user and key (the partial unique index notifications_dedupe), without failing the transaction.
#include <gtest/gtest.h>

#include "domain/notify/notify.hpp"
#include "temp_database.hpp"

namespace lvzhi {
namespace {

class NotifySend : public ::testing::Test {
 protected:
  void SetUp() override {
    auto sql = temp_.db().session();
    *sql << "INSERT INTO committees (name, level, created_at, updated_at) "
            "VALUES ('测试政协', 'district', 0, 0)";
    for (const std::string name : {"alice", "bob"}) {
      *sql << "INSERT INTO users (committee_id, username, display_name, password_hash, "
              "password_changed_at, created_at, updated_at) "
              "VALUES (1, :u, :d, 'x', 0, 0, 0)",
          soci::use(name), soci::use(name);
    }
  }
  bool send(long long user_id, const std::string& key) {
    notify::Message message{.user_id = user_id,
                            .committee_id = 1,
                            .kind = "proposal.due_soon",
                            .title = "提案即将到期",
                            .body = "",
                            .link = "/proposals/7",
                            .dedupe_key = key};
    const Status status = temp_.db().write([&](soci::session& sql) -> Status {
      sent_ = notify::send(sql, temp_.db().dialect(), message);
      return ok_status();
    });
    EXPECT_TRUE(status.ok());
    return sent_;
  }
  long long rows(long long user_id) {
    long long count = 0;
    temp_.db().read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM notifications WHERE user_id = :u", soci::use(user_id),
          soci::into(count);
    });
    return count;
  }
  testing::TempDatabase temp_;
  bool sent_ = false;
};

TEST_F(NotifySend, WithoutKeyEveryMessageIsStored) {
  EXPECT_TRUE(send(1, ""));
  EXPECT_TRUE(send(1, ""));
  EXPECT_EQ(rows(1), 2);
}

TEST_F(NotifySend, ASecondMessageWithTheSameKeyIsDropped) {
  EXPECT_TRUE(send(1, "due:7:2025-03-01"));
  EXPECT_FALSE(send(1, "due:7:2025-03-01"));
  EXPECT_EQ(rows(1), 1);
  EXPECT_TRUE(send(1, "due:7:2025-03-02")) << "another key";
  EXPECT_TRUE(send(2, "due:7:2025-03-01")) << "another user";
  EXPECT_EQ(rows(1), 2);
  EXPECT_EQ(rows(2), 1);
}

}  // namespace
}  // namespace lvzhi
