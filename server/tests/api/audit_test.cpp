// GET /audit (rows for every write, filters, pagination) and `lvzhi audit verify` (passes, then
// catches tampering).
#include <limits>
#include <regex>
#include <set>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

std::string as_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<long long>());
  return value.dump();
}

class Audit : public ApiTest {
 protected:
  json audit(Client& auditor, const std::string& query) {
    const Response response = auditor.get("/audit?" + query);
    EXPECT_TRUE(IsStatus(response, 200));
    return response.json;
  }
  static const json* find_by_request(const json& items, const std::string& request_id) {
    for (const auto& item : items) {
      if (item.value("request_id", "") == request_id) return &item;
    }
    return nullptr;
  }
  // Some writes to have a chain worth checking.
  void make_history() {
    Client sysadmin = server().login_admin("sysadmin");
    for (const std::string name : {"审计甲政协", "审计乙政协"}) {
      ASSERT_TRUE(IsStatus(
          sysadmin.post("/committees", {{"name", name}, {"level", "city"}, {"parent_id", 1}}),
          201));
    }
    server().create_user(sysadmin, {"member"});
  }
  static bool names_row(const std::string& output, const std::string& id) {
    return std::regex_search(output,
                             std::regex("(row|id)\\D{0,12}\\b" + id + "\\b", std::regex::icase));
  }
};

TEST_F(Audit, EveryWriteIsRecorded) {
  const long long t0 = now_s();
  Client sysadmin = server().login_admin("sysadmin");
  Client secadmin = server().login_admin("secadmin");
  Client auditor = server().login_admin("auditor");
  const long long sysadmin_id = server().admin("sysadmin").id;

  const Response created =
      sysadmin.post("/committees", {{"name", "审计政协"}, {"level", "city"}, {"parent_id", 1}});
  ASSERT_TRUE(IsStatus(created, 201));
  const std::string committee_id = std::to_string(created.json.value("id", 0LL));
  const Response renamed =
      sysadmin.patch("/committees/" + committee_id, {{"name", "审计改名政协"}});
  ASSERT_TRUE(IsStatus(renamed, 200));
  const Response user = sysadmin.post("/users", {{"username", "audited"},
                                                 {"display_name", "被审计"},
                                                 {"committee_id", 1},
                                                 {"roles", {"member"}}});
  ASSERT_TRUE(IsStatus(user, 201));
  const std::string user_id = std::to_string(user.json["user"].value("id", 0LL));
  const Response settings = secadmin.patch("/settings/security", {{"lockout_threshold", 6}});
  ASSERT_TRUE(IsStatus(settings, 200));

  const json page = audit(auditor, "page_size=100");
  const json& items = page["items"];
  struct Expectation {
    const Response* response;
    std::string action_prefix;
    std::string object_type;
    std::string object_id;
    long long actor_id;
  };
  const std::vector<Expectation> expectations = {
      {&created, "committee.", "committee", committee_id, sysadmin_id},
      {&renamed, "committee.", "committee", committee_id, sysadmin_id},
      {&user, "user.", "user", user_id, sysadmin_id},
      {&settings, "settings.", "", "", server().admin("secadmin").id},
  };
  for (const auto& expected : expectations) {
    SCOPED_TRACE(expected.response->request_line);
    const std::string request_id = expected.response->header("x-request-id");
    const json* row = find_by_request(items, request_id);
    ASSERT_NE(row, nullptr) << "no audit row with request_id " << request_id << " in "
                            << page.dump().substr(0, 3000);
    EXPECT_EQ(row->value("actor_id", 0LL), expected.actor_id) << row->dump();
    EXPECT_FALSE(row->value("actor_name", "").empty()) << row->dump();
    EXPECT_EQ(row->value("ip", ""), "127.0.0.1") << row->dump();
    EXPECT_EQ(row->value("action", "").rfind(expected.action_prefix, 0), 0U) << row->dump();
    if (!expected.object_type.empty()) {
      EXPECT_EQ(row->value("object_type", ""), expected.object_type) << row->dump();
      EXPECT_EQ(as_text(row->value("object_id", json())), expected.object_id) << row->dump();
    }
    EXPECT_GE(row->value("at", 0LL), t0 - 5) << row->dump();
    EXPECT_LE(row->value("at", 0LL), now_s() + 5) << row->dump();
    EXPECT_TRUE(row->value("changes", json()).is_object()) << row->dump();
    for (const char* key : {"id", "committee_id"})
      EXPECT_TRUE(row->contains(key)) << key << ": " << row->dump();
  }
  const json* rename_row = find_by_request(items, renamed.header("x-request-id"));
  if (rename_row != nullptr) {
    EXPECT_EQ((*rename_row)["changes"].value("name", json()), json({"审计政协", "审计改名政协"}))
        << rename_row->dump();
  }
  const json* settings_row = find_by_request(items, settings.header("x-request-id"));
  if (settings_row != nullptr) {
    EXPECT_EQ((*settings_row)["changes"].value("lockout_threshold", json()), json({5, 6}))
        << settings_row->dump();
  }
  EXPECT_EQ(page.dump().find("password_hash"), std::string::npos);
  EXPECT_EQ(page.dump().find(user.json.value("initial_password", "<none>")), std::string::npos)
      << "the initial password must not be audited";
}

TEST_F(Audit, FiltersAndPagination) {
  Client sysadmin = server().login_admin("sysadmin");
  std::vector<long long> committees;
  for (const std::string name : {"筛选甲政协", "筛选乙政协", "筛选丙政协"}) {
    const Response created =
        sysadmin.post("/committees", {{"name", name}, {"level", "city"}, {"parent_id", 1}});
    ASSERT_TRUE(IsStatus(created, 201));
    committees.push_back(created.json.value("id", 0LL));
  }
  Client auditor = server().login_admin("auditor");
  const long long sysadmin_id = server().admin("sysadmin").id;

  const json all = audit(auditor, "page_size=100");
  const long long total = all.value("total", 0LL);
  ASSERT_GE(total, 4);
  ASSERT_EQ(static_cast<long long>(all["items"].size()), total);
  long long previous = std::numeric_limits<long long>::max();
  for (const auto& item : all["items"]) {
    EXPECT_LT(item.value("id", 0LL), previous) << "newest first";
    previous = item.value("id", 0LL);
  }

  const json by_actor = audit(auditor, "page_size=100&actor_id=" + std::to_string(sysadmin_id));
  EXPECT_GE(by_actor.value("total", 0), 3);
  EXPECT_LT(by_actor.value("total", 0), total);
  for (const auto& item : by_actor["items"])
    EXPECT_EQ(item.value("actor_id", 0LL), sysadmin_id) << item.dump();

  const json by_object = audit(
      auditor, "page_size=100&object_type=committee&object_id=" + std::to_string(committees[1]));
  EXPECT_GE(by_object.value("total", 0), 1);
  std::string create_action;
  for (const auto& item : by_object["items"]) {
    EXPECT_EQ(item.value("object_type", ""), "committee") << item.dump();
    EXPECT_EQ(as_text(item.value("object_id", json())), std::to_string(committees[1]))
        << item.dump();
    create_action = item.value("action", "");
  }
  ASSERT_FALSE(create_action.empty());
  const json by_action = audit(auditor, "page_size=100&action=" + create_action);
  EXPECT_GE(by_action.value("total", 0), 3);
  std::set<std::string> created_objects;
  for (const auto& item : by_action["items"]) {
    EXPECT_EQ(item.value("action", ""), create_action) << item.dump();
    created_objects.insert(as_text(item.value("object_id", json())));
  }
  for (const long long id : committees)
    EXPECT_EQ(created_objects.count(std::to_string(id)), 1U) << id;

  const long long at = by_object["items"][0].value("at", 0LL);
  const json same_second =
      audit(auditor, "page_size=100&from=" + std::to_string(at) + "&to=" + std::to_string(at));
  EXPECT_GE(same_second.value("total", 0), 1) << "from/to are inclusive";
  for (const auto& item : same_second["items"]) EXPECT_EQ(item.value("at", 0LL), at) << item.dump();
  EXPECT_EQ(audit(auditor, "from=" + std::to_string(now_s() + 3600)).value("total", -1), 0);
  EXPECT_EQ(audit(auditor, "to=" + std::to_string(at - 3600)).value("total", -1), 0);

  std::set<long long> seen;
  const long long pages = (total + 1) / 2;
  for (long long page = 1; page <= pages; ++page) {
    const json response = audit(auditor, "page_size=2&page=" + std::to_string(page));
    EXPECT_EQ(response.value("total", 0LL), total);
    EXPECT_EQ(response["items"].size(),
              page < pages ? 2U : static_cast<std::size_t>(total - 2 * (pages - 1)));
    for (const auto& item : response["items"]) seen.insert(item.value("id", 0LL));
  }
  EXPECT_EQ(static_cast<long long>(seen.size()), total);
}

TEST_F(Audit, ReadsNeedTheAuditorAndLeaveNoTrace) {
  Client auditor = server().login_admin("auditor");
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsStatus(auditor.get("/audit"), 200));
  EXPECT_TRUE(IsStatus(auditor.get("/audit?action=auth.login_failed"), 200));
  // Reading the log is not itself a write.
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Audit, VerifyPassesOnAUsedDatabase) {
  make_history();
  const long long rows = server().query_int("SELECT COUNT(*) FROM audit_log");
  ASSERT_GE(rows, 5);
  const CliResult live = server().cli({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(live.exit_code, 0) << live.output;
  EXPECT_NE(live.output.find("audit chain OK: " + std::to_string(rows) + " rows"),
            std::string::npos)
      << live.output;
  EXPECT_EQ(server().stop(), 0);
  const CliResult stopped = server().cli({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
}

TEST_F(Audit, LogIsAppendOnlyInTheDatabase) {
  make_history();
  EXPECT_THROW(server().exec_sql("UPDATE audit_log SET action = 'x' WHERE id = 2"),
               std::runtime_error);
  EXPECT_THROW(server().exec_sql("DELETE FROM audit_log WHERE id = 2"), std::runtime_error);
  const CliResult verified = server().cli({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
}

TEST_F(Audit, VerifyDetectsAnEditedRow) {
  make_history();
  EXPECT_EQ(server().stop(), 0);
  if (server().db_kind() == "sqlite") {
    server().exec_sql(
        "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'x' WHERE id = 2;");
  } else {
    server().exec_sql(
        "ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET action = 'x' WHERE id = "
        "2;");
  }
  const CliResult verified = server().cli({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(verified.exit_code, 1) << verified.output;
  EXPECT_TRUE(names_row(verified.output, "2")) << "should name row 2: " << verified.output;
  EXPECT_EQ(verified.output.find("audit chain OK"), std::string::npos) << verified.output;
}

TEST_F(Audit, VerifyDetectsADeletedRow) {
  make_history();
  EXPECT_EQ(server().stop(), 0);
  if (server().db_kind() == "sqlite") {
    server().exec_sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 2;");
  } else {
    server().exec_sql(
        "ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = 2;");
  }
  const CliResult verified = server().cli({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(verified.exit_code, 1) << verified.output;
  EXPECT_TRUE(names_row(verified.output, "2") || names_row(verified.output, "3"))
      << "should name the gap at row 2/3: " << verified.output;
}

TEST_F(Audit, VerifyDetectsADeletedLastRow) {
  make_history();
  EXPECT_EQ(server().stop(), 0);
  const long long last = server().query_int("SELECT MAX(id) FROM audit_log");
  if (server().db_kind() == "sqlite") {
    server().exec_sql("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = " +
                      std::to_string(last));
  } else {
    server().exec_sql(
        "ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE id = " +
        std::to_string(last));
  }
  const CliResult verified = server().cli({"audit", "verify", "--db", server().db_url()});
  EXPECT_EQ(verified.exit_code, 1)
      << "truncating the tail must be detected too: " << verified.output;
}

}  // namespace
}  // namespace lvzhi::api_test
