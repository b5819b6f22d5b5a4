// Notifications: each user's inbox (newest first, unread filter, paging, unread count), marking one
// or all read (not audited), and someone else's notification is 404. Nothing produces notifications
// over HTTP yet, so the tests put rows into the database directly.
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Notifications : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sysadmin_ = std::make_unique<Client>(server().login_admin("sysadmin"));
    alice_account_ = server().create_user(*sysadmin_, {"member"});
    alice_ = std::make_unique<Client>(server().login_user(alice_account_));
    bob_account_ = server().create_user(*sysadmin_, {"staff"});
    bob_ = std::make_unique<Client>(server().login_user(bob_account_));
  }
  Client& alice() { return *alice_; }
  Client& bob() { return *bob_; }
  long long alice_id() const { return alice_account_.id; }
  long long bob_id() const { return bob_account_.id; }

  // Inserts a notification the way notify::send does; returns its id.
  long long add(long long user_id, const std::string& title, long long created_at,
                const std::string& link = "/proposals/1") {
    server().exec_sql(
        "INSERT INTO notifications (committee_id, user_id, kind, title, body, link, created_at) "
        "VALUES (1, " +
        std::to_string(user_id) + ", 'proposal.cosign_invited', '" + title + "', '请尽快处理', '" +
        link + "', " + std::to_string(created_at) + ")");
    return server().query_int("SELECT MAX(id) FROM notifications");
  }
  long long unread_rows(long long user_id) const {
    return server_->query_int(
        "SELECT COUNT(*) FROM notifications WHERE read_at IS NULL AND "
        "user_id = " +
        std::to_string(user_id));
  }

 private:
  std::unique_ptr<Client> sysadmin_;
  Account alice_account_;
  std::unique_ptr<Client> alice_;
  Account bob_account_;
  std::unique_ptr<Client> bob_;
};

TEST_F(Notifications, AnEmptyInbox) {
  const Response list = alice().get("/notifications");
  ASSERT_TRUE(IsStatus(list, 200));
  EXPECT_TRUE(list.json["items"].empty());
  EXPECT_EQ(list.json.value("total", -1), 0);
  EXPECT_EQ(list.json.value("unread", -1), 0);
  EXPECT_EQ(list.json.value("page", 0), 1);
  EXPECT_EQ(list.json.value("page_size", 0), 20);
  const Response count = alice().get("/notifications/unread-count");
  ASSERT_TRUE(IsStatus(count, 200));
  EXPECT_EQ(count.json, (json{{"unread", 0}}));
  const Response all = alice().post("/notifications/read-all");
  ASSERT_TRUE(IsStatus(all, 200));
  EXPECT_EQ(all.json, (json{{"updated", 0}}));
}

TEST_F(Notifications, ListedNewestFirstFilteredAndPaged) {
  const long long first = add(alice_id(), "第一条", 1000);
  const long long second = add(alice_id(), "第二条", 2000);
  const long long third = add(alice_id(), "第三条", 3000, "/proposals/3");
  add(bob_id(), "别人的", 4000);

  const Response list = alice().get("/notifications");
  ASSERT_TRUE(IsStatus(list, 200));
  ASSERT_EQ(list.json["items"].size(), 3U);
  EXPECT_EQ(list.json.value("total", 0), 3);
  EXPECT_EQ(list.json.value("unread", 0), 3);
  EXPECT_EQ(list.json["items"][0], (json{{"id", third},
                                         {"kind", "proposal.cosign_invited"},
                                         {"title", "第三条"},
                                         {"body", "请尽快处理"},
                                         {"link", "/proposals/3"},
                                         {"read", false},
                                         {"created_at", 3000}}));
  EXPECT_EQ(list.json["items"][1].value("id", 0LL), second);
  EXPECT_EQ(list.json["items"][2].value("id", 0LL), first);

  const Response page = alice().get("/notifications?page=2&page_size=2");
  ASSERT_TRUE(IsStatus(page, 200));
  ASSERT_EQ(page.json["items"].size(), 1U);
  EXPECT_EQ(page.json["items"][0].value("id", 0LL), first);
  EXPECT_EQ(page.json.value("total", 0), 3);

  const Response read = alice().post("/notifications/" + std::to_string(second) + "/read");
  ASSERT_TRUE(IsStatus(read, 200));
  EXPECT_EQ(read.json.value("id", 0LL), second);
  EXPECT_TRUE(read.json.value("read", false));
  EXPECT_EQ(alice().get("/notifications/unread-count").json.value("unread", -1), 2);
  // Again: still read, nothing else changes.
  EXPECT_TRUE(IsStatus(alice().post("/notifications/" + std::to_string(second) + "/read"), 200));
  EXPECT_EQ(unread_rows(alice_id()), 2);

  const Response unread = alice().get("/notifications?unread=true");
  ASSERT_TRUE(IsStatus(unread, 200));
  EXPECT_EQ(unread.json.value("total", 0), 2);
  EXPECT_EQ(unread.json.value("unread", 0), 2);
  for (const auto& item : unread.json["items"]) EXPECT_FALSE(item.value("read", true));
  const Response everything = alice().get("/notifications?unread=false");
  EXPECT_EQ(everything.json.value("total", 0), 3);
  EXPECT_TRUE(everything.json["items"][1].value("read", false));

  const Response all = alice().post("/notifications/read-all");
  ASSERT_TRUE(IsStatus(all, 200));
  EXPECT_EQ(all.json.value("updated", -1), 2);
  EXPECT_EQ(alice().get("/notifications/unread-count").json.value("unread", -1), 0);
  EXPECT_EQ(alice().get("/notifications?unread=true").json.value("total", -1), 0);
  EXPECT_EQ(alice().post("/notifications/read-all").json.value("updated", -1), 0);
  EXPECT_EQ(unread_rows(bob_id()), 1) << "another user's inbox is untouched";
}

TEST_F(Notifications, SomeoneElsesNotificationDoesNotExist) {
  const long long mine = add(alice_id(), "我的", 1000);
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(bob().post("/notifications/" + std::to_string(mine) + "/read"), 404,
                      "notification.not_found"));
  EXPECT_TRUE(IsError(bob().post("/notifications/999999/read"), 404, "notification.not_found"));
  EXPECT_TRUE(IsError(bob().post("/notifications/abc/read"), 404, "notification.not_found"));
  EXPECT_TRUE(IsError(bob().post("/notifications/0/read"), 404, "notification.not_found"));
  const Response list = bob().get("/notifications");
  EXPECT_EQ(list.json.value("total", -1), 0);
  EXPECT_EQ(bob().get("/notifications/unread-count").json.value("unread", -1), 0);
  EXPECT_EQ(bob().post("/notifications/read-all").json.value("updated", -1), 0);
  EXPECT_EQ(unread_rows(alice_id()), 1);
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Notifications, MarkingReadIsNotAudited) {
  const long long id = add(alice_id(), "审计", 1000);
  add(alice_id(), "审计二", 2000);
  const Unchanged unchanged(server());  // row counts, audit_log included
  EXPECT_TRUE(IsStatus(alice().post("/notifications/" + std::to_string(id) + "/read"), 200));
  EXPECT_TRUE(IsStatus(alice().post("/notifications/read-all"), 200));
  EXPECT_TRUE(unchanged.check());
  EXPECT_EQ(unread_rows(alice_id()), 0);
}

TEST_F(Notifications, BadQueriesAndAnonymousCallers) {
  EXPECT_TRUE(IsError(alice().get("/notifications?unread=maybe"), 400, "request.bad_query"));
  EXPECT_TRUE(IsError(alice().get("/notifications?page_size=101"), 400, "request.bad_query"));
  EXPECT_TRUE(IsError(alice().get("/notifications?page=0"), 400, "request.bad_query"));
  Client anonymous = server().client();
  EXPECT_TRUE(IsError(anonymous.get("/notifications"), 401, "auth.unauthenticated"));
  EXPECT_TRUE(IsError(anonymous.get("/notifications/unread-count"), 401, "auth.unauthenticated"));
}

// The dedupe statement of notify::send (conflict target = the partial unique index
// notifications_dedupe) must run on both databases; the unit test NotifySend covers send() itself.
TEST_F(Notifications, DedupeConflictTargetWorksOnThisDatabase) {
  const std::string insert =
      "INSERT INTO notifications (committee_id, user_id, kind, title, body, link, dedupe_key, "
      "created_at) VALUES (1, " +
      std::to_string(alice_id()) +
      ", 'proposal.due_soon', '即将到期', '', '/proposals/1', 'due:1', 1) "
      "ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key <> '' DO NOTHING";
  server().exec_sql(insert);
  server().exec_sql(insert);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM notifications WHERE dedupe_key = 'due:1'"), 1);
  EXPECT_EQ(alice().get("/notifications/unread-count").json.value("unread", -1), 1);
}

}  // namespace
}  // namespace lvzhi::api_test
