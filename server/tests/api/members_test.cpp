// The member roster: create/edit/status with validation, masking of personal data by permission
// (and for the member themself), directory filters and pinyin order, scope, the term change.
#include <algorithm>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Members : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sysadmin_ = std::make_unique<Client>(server().login_admin("sysadmin"));
    staff_account_ = server().create_user(*sysadmin_, {"staff"});
    staff_ = std::make_unique<Client>(server().login_user(staff_account_));
    const Response term = staff().post("/terms", {{"number", 9}, {"start_date", "2021-12-28"}});
    EXPECT_TRUE(IsStatus(term, 201));
    term_id_ = term.json.value("id", 0LL);
    party_ = ref("party", "中共");
    sector_ = ref("sector", "经济界");
    committee_ = ref("special_committee", "提案委员会");
    group_ = ref("member_group", "第一组");
  }
  Client& staff() { return *staff_; }
  Client& sysadmin() { return *sysadmin_; }
  long long ref(const std::string& kind, const std::string& name) {
    const Response created = staff().post("/reference/" + kind, {{"name", name}});
    EXPECT_TRUE(IsStatus(created, 201));
    return created.json.value("id", 0LL);
  }
  json full_member(const std::string& no, const std::string& name) const {
    return {{"member_no", no},
            {"name", name},
            {"gender", "female"},
            {"ethnicity", "汉族"},
            {"birth_date", "1978-03-15"},
            {"party_id", party_},
            {"sector_id", sector_},
            {"employer", "广州某科技有限公司"},
            {"title", "总经理"},
            {"is_standing", true},
            {"phone", "13812345678"},
            {"email", "lin@example.com"},
            {"id_number", "440106197803150027"},
            {"special_committee_ids", {committee_}},
            {"group_ids", {group_}}};
  }
  long long create(const json& body) {
    const Response created = staff().post("/members", body);
    EXPECT_TRUE(IsStatus(created, 201));
    return created.json.value("id", 0LL);
  }
  Client login_new(const std::vector<std::string>& roles, Account* out = nullptr) {
    Account account = server().create_user(*sysadmin_, roles);
    Client client = server().login_user(account);
    if (out != nullptr) *out = account;
    return client;
  }

  long long term_id_ = 0;
  long long party_ = 0;
  long long sector_ = 0;
  long long committee_ = 0;
  long long group_ = 0;

 private:
  std::unique_ptr<Client> sysadmin_;
  Account staff_account_;
  std::unique_ptr<Client> staff_;
};

TEST_F(Members, ProfileHoldsEveryFieldAndStaffSeesPrivateData) {
  const Response created = staff().post("/members", full_member("0901001", "林晓"));
  ASSERT_TRUE(IsStatus(created, 201));
  const auto& m = created.json;
  EXPECT_EQ(m.value("term_id", 0LL), term_id_);
  EXPECT_EQ(m["party"].value("name", ""), "中共");
  EXPECT_EQ(m["sector"].value("name", ""), "经济界");
  EXPECT_EQ(m["special_committees"][0].value("name", ""), "提案委员会");
  EXPECT_EQ(m["groups"][0].value("name", ""), "第一组");
  EXPECT_EQ(m.value("phone", ""), "13812345678");
  EXPECT_EQ(m.value("id_number", ""), "440106197803150027");
  EXPECT_EQ(m.value("private_visible", false), true);
  EXPECT_EQ(m.value("status", ""), "active");
  // Sealed at rest; the audit row says "filled in", never the value.
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM members WHERE phone_sealed LIKE '%138%' OR "
                               "id_number_sealed LIKE '%4401%'"),
            0);
  EXPECT_EQ(server().query_int(
                "SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%13812345678%' OR changes LIKE "
                "'%440106197803150027%' OR changes LIKE '%lin@example.com%'"),
            0);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'member.create'"), 1);
}

TEST_F(Members, LeadersSeeMaskedPrivateData) {
  const long long id = create(full_member("0901001", "林晓"));
  Client leader = login_new({"leader"});
  const Response profile = leader.get("/members/" + std::to_string(id));
  ASSERT_TRUE(IsStatus(profile, 200));
  EXPECT_EQ(profile.json.value("phone", ""), "138****5678");
  EXPECT_EQ(profile.json.value("email", ""), "l***@example.com");
  EXPECT_EQ(profile.json.value("id_number", ""), "440106********0027");
  EXPECT_EQ(profile.json.value("private_visible", true), false);
  EXPECT_EQ(profile.body.find("13812345678"), std::string::npos);
  const Unchanged unchanged(server());
  EXPECT_TRUE(
      IsError(leader.post("/members", full_member("0901002", "王芳")), 403, "auth.forbidden"));
  EXPECT_TRUE(IsError(sysadmin().get("/members"), 403, "auth.forbidden"));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Members, AMemberSeesTheirOwnProfileUnmasked) {
  Account account;
  Client member = login_new({"member"}, &account);
  EXPECT_TRUE(IsError(member.get("/me/member"), 404, "member.not_found"));
  json body = full_member("0901001", "林晓");
  body["user_id"] = account.id;
  const long long id = create(body);
  const Response mine = member.get("/me/member");
  ASSERT_TRUE(IsStatus(mine, 200));
  EXPECT_EQ(mine.json.value("id", 0LL), id);
  EXPECT_EQ(mine.json.value("phone", ""), "13812345678");
  EXPECT_EQ(mine.json.value("private_visible", false), true);
  EXPECT_EQ(mine.json["user"].value("username", ""), account.username);
  EXPECT_TRUE(IsError(member.get("/members/" + std::to_string(id)), 403, "auth.forbidden"));
  const Response options = staff().get("/members/account-options?q=" + account.username);
  ASSERT_TRUE(IsStatus(options, 200));
  ASSERT_EQ(options.json["items"].size(), 1U) << options.describe();
  EXPECT_EQ(options.json["items"][0]["linked_member"].value("id", 0LL), id);
  EXPECT_TRUE(IsError(member.get("/members/account-options"), 403, "auth.forbidden"));
  // The account cannot be linked to a second member of the same term.
  json twin = full_member("0901002", "林晓二");
  twin["user_id"] = account.id;
  const Response again = staff().post("/members", twin);
  ASSERT_TRUE(IsError(again, 422, "request.validation_failed"));
  EXPECT_TRUE(again.fields().contains("user_id"));
}

TEST_F(Members, BadInputIsRefusedFieldByFieldAndChangesNothing) {
  create(full_member("0901001", "林晓"));
  Unchanged unchanged(server());
  EXPECT_TRUE(IsError(staff().post("/members", full_member("0901001", "重号")), 409,
                      "member.number_taken"));
  EXPECT_TRUE(unchanged.check());
  const Response off =
      staff().patch("/reference/sector/" + std::to_string(sector_), {{"is_active", false}});
  ASSERT_TRUE(IsStatus(off, 200));
  unchanged.reset();
  json bad = full_member("0901009", "错误");
  bad["birth_date"] = "1978-02-30";
  bad["gender"] = "x";
  bad["phone"] = "12345";
  bad["email"] = "not-an-email";
  bad["id_number"] = "440106197803150021";  // wrong check digit
  bad["party_id"] = sector_;                // a sector is no party
  bad["special_committee_ids"] = {group_};  // a group is no special committee
  const Response refused = staff().post("/members", bad);
  ASSERT_TRUE(IsError(refused, 422, "request.validation_failed"));
  for (const char* field : {"birth_date", "gender", "phone", "email", "id_number", "party_id",
                            "special_committee_ids"}) {
    EXPECT_TRUE(refused.fields().contains(field)) << field << ": " << refused.describe();
  }
  json malformed = full_member("0901011", "格式");
  malformed["group_ids"] = {"第一组"};              // names are no ids
  malformed["special_committee_ids"] = committee_;  // nor is a single id a list
  const Response shape = staff().post("/members", malformed);
  ASSERT_TRUE(IsError(shape, 422, "request.validation_failed"));
  for (const char* field : {"group_ids", "special_committee_ids"}) {
    EXPECT_TRUE(shape.fields().contains(field)) << field << ": " << shape.describe();
  }
  json inactive = full_member("0901010", "停用界别");  // the sector was deactivated above
  const Response stale = staff().post("/members", inactive);
  ASSERT_TRUE(IsError(stale, 422, "request.validation_failed"));
  EXPECT_TRUE(stale.fields().contains("sector_id"));
  EXPECT_TRUE(
      IsError(staff().post("/members", {{"name", "缺字段"}}), 422, "request.validation_failed"));
  EXPECT_TRUE(IsError(staff().get("/members?sort=age"), 400, "request.bad_query"));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Members, EditingKeepsAnInactiveReferenceAndAuditsPrivateChangesWithoutValues) {
  const long long id = create(full_member("0901001", "林晓"));
  ASSERT_TRUE(IsStatus(
      staff().patch("/reference/sector/" + std::to_string(sector_), {{"is_active", false}}), 200));
  const Response edited =
      staff().patch("/members/" + std::to_string(id),
                    {{"title", "董事长"}, {"phone", "13987654321"}, {"sector_id", sector_}});
  ASSERT_TRUE(IsStatus(edited, 200));
  EXPECT_EQ(edited.json.value("title", ""), "董事长");
  EXPECT_EQ(edited.json.value("phone", ""), "13987654321");
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'member.update' AND "
                               "changes LIKE '%phone%' AND changes NOT LIKE '%1398765%'"),
            1);
}

TEST_F(Members, StatusChangesNeedADateAndAReason) {
  const long long id = create(full_member("0901001", "林晓"));
  const std::string path = "/members/" + std::to_string(id) + "/status";
  const Unchanged unchanged(server());
  const Response no_reason = staff().post(path, {{"status", "resigned"}, {"date", "2023-05-01"}});
  ASSERT_TRUE(IsError(no_reason, 422, "request.validation_failed"));
  EXPECT_TRUE(no_reason.fields().contains("reason"));
  EXPECT_TRUE(IsError(staff().post(path, {{"status", "fired"}, {"date", "2023-05-01"}}), 422,
                      "request.validation_failed"));
  EXPECT_TRUE(unchanged.check());
  const Response done =
      staff().post(path, {{"status", "resigned"}, {"date", "2023-05-01"}, {"reason", "工作调动"}});
  ASSERT_TRUE(IsStatus(done, 200));
  EXPECT_EQ(done.json.value("status", ""), "resigned");
  EXPECT_EQ(done.json.value("status_date", ""), "2023-05-01");
  EXPECT_EQ(done.json.value("status_reason", ""), "工作调动");
}

TEST_F(Members, DirectoryFiltersSortsByPinyinAndPages) {
  const std::vector<std::string> names = {"张伟", "安娜", "李明", "白云", "欧阳修"};
  int n = 0;
  for (const auto& name : names) {
    json body = full_member("09010" + std::to_string(10 + n), name);
    if (n % 2 == 1) {
      body["sector_id"] = nullptr;
      body["special_committee_ids"] = json::array();
      body["is_standing"] = false;
    }
    create(body);
    ++n;
  }
  const Response sorted = staff().get("/members?sort=pinyin");
  ASSERT_TRUE(IsStatus(sorted, 200));
  std::vector<std::string> order;
  for (const auto& item : sorted.json["items"]) order.push_back(item.value("name", ""));
  EXPECT_EQ(order, (std::vector<std::string>{"安娜", "白云", "李明", "欧阳修", "张伟"}));
  const Response reversed = staff().get("/members?sort=-pinyin&page_size=2&page=1");
  ASSERT_TRUE(IsStatus(reversed, 200));
  EXPECT_EQ(reversed.json.value("total", 0), 5);
  EXPECT_EQ(reversed.json["items"][0].value("name", ""), "张伟");
  EXPECT_EQ(reversed.json["items"].size(), 2U);

  const auto count = [&](const std::string& query) {
    const Response r = staff().get("/members?" + query);
    EXPECT_TRUE(IsStatus(r, 200)) << query;
    return r.json.value("total", -1);
  };
  EXPECT_EQ(count("sector_id=" + std::to_string(sector_)), 3);
  EXPECT_EQ(count("special_committee_id=" + std::to_string(committee_)), 3);
  EXPECT_EQ(count("group_id=" + std::to_string(group_)), 5);
  EXPECT_EQ(count("standing=true"), 3);
  EXPECT_EQ(count("standing=false"), 2);
  EXPECT_EQ(count("q=李"), 1);
  EXPECT_EQ(count("q=0901011"), 1);
  EXPECT_EQ(count("status=active&party_id=" + std::to_string(party_)), 5);
  EXPECT_EQ(count("status=resigned"), 0);
  // Usage counts every referrer: 5 members' party, 3 members' sector, 3 memberships.
  const Response parties = staff().get("/reference/party");
  EXPECT_EQ(parties.json["items"][0].value("usage", -1), 5);
  const Response sectors = staff().get("/reference/sector");
  EXPECT_EQ(sectors.json["items"][0].value("usage", -1), 3);
  const Response committees = staff().get("/reference/special_committee");
  EXPECT_EQ(committees.json["items"][0].value("usage", -1), 3);
}

TEST_F(Members, AnotherCommitteesMembersDoNotExist) {
  const long long id = create(full_member("0901001", "林晓"));
  const Response committee =
      sysadmin().post("/committees", {{"name", "其他区政协"}, {"level", "district"}});
  ASSERT_TRUE(IsStatus(committee, 201));
  Account other_account =
      server().create_user(sysadmin(), {"staff"}, "", committee.json.value("id", 0LL));
  Client other = server().login_user(other_account);
  EXPECT_TRUE(IsError(other.get("/members"), 409, "term.no_current"));
  ASSERT_TRUE(IsStatus(other.post("/terms", {{"number", 1}, {"start_date", "2021-01-01"}}), 201));
  const Response list = other.get("/members");
  ASSERT_TRUE(IsStatus(list, 200));
  EXPECT_EQ(list.json.value("total", -1), 0);
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(other.get("/members/" + std::to_string(id)), 404, "member.not_found"));
  EXPECT_TRUE(IsError(other.patch("/members/" + std::to_string(id), {{"title", "x"}}), 404,
                      "member.not_found"));
  const Response foreign_term = other.get("/members?term_id=" + std::to_string(term_id_));
  ASSERT_TRUE(IsStatus(foreign_term, 200));
  EXPECT_EQ(foreign_term.json.value("total", -1), 0);
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Members, TermChangeEndsTheOldRosterAndCarriesContinuingMembers) {
  const long long stays = create(full_member("0901001", "林晓"));
  create(full_member("0901002", "王芳"));
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(staff().post("/terms/change", {{"number", 10},
                                                     {"start_date", "2020-01-01"},
                                                     {"continuing_member_ids", {stays}}}),
                      422, "request.validation_failed"));
  EXPECT_TRUE(IsError(staff().post("/terms/change", {{"number", 10},
                                                     {"start_date", "2026-12-28"},
                                                     {"continuing_member_ids", {999999}}}),
                      422, "request.validation_failed"));
  EXPECT_TRUE(IsError(staff().post("/terms/change", {{"number", 9}, {"start_date", "2026-12-28"}}),
                      409, "term.number_taken"));
  const Response not_ids = staff().post(
      "/terms/change",
      {{"number", 10}, {"start_date", "2026-12-28"}, {"continuing_member_ids", {"林晓"}}});
  ASSERT_TRUE(IsError(not_ids, 422, "request.validation_failed"));
  EXPECT_TRUE(not_ids.fields().contains("continuing_member_ids"));
  EXPECT_TRUE(unchanged.check());

  const Response changed = staff().post(
      "/terms/change",
      {{"number", 10}, {"start_date", "2026-12-28"}, {"continuing_member_ids", {stays}}});
  ASSERT_TRUE(IsStatus(changed, 201));
  EXPECT_EQ(changed.json.value("name", ""), "第十届");
  EXPECT_EQ(changed.json.value("is_current", false), true);
  const Response now = staff().get("/members");
  ASSERT_TRUE(IsStatus(now, 200));
  ASSERT_EQ(now.json.value("total", 0), 1);
  EXPECT_EQ(now.json["items"][0].value("member_no", ""), "0901001");
  EXPECT_EQ(now.json["items"][0]["sector"].value("name", ""), "经济界");
  const Response old = staff().get("/members?term_id=" + std::to_string(term_id_));
  ASSERT_TRUE(IsStatus(old, 200));
  EXPECT_EQ(old.json.value("total", 0), 2);
  for (const auto& m : old.json["items"]) EXPECT_EQ(m.value("status", ""), "term_ended");
  const Response terms = staff().get("/terms");
  EXPECT_EQ(terms.json["items"][1].value("end_date", ""), "2026-12-27");
  EXPECT_EQ(terms.json["items"][1].value("is_current", true), false);
}

}  // namespace
}  // namespace lvzhi::api_test

namespace lvzhi::api_test {
namespace {

class PinyinKeys : public ApiTest {};

TEST_F(PinyinKeys, AChangedCollatorVersionRecomputesTheStoredKeys) {
  // The server recorded the collator version at start; pretend the keys came from another ICU.
  EXPECT_EQ(
      server().query_int("SELECT COUNT(*) FROM settings WHERE key = 'collation.pinyin_version'"),
      1);
  Client sysadmin = server().login_admin("sysadmin");
  Account staff_account = server().create_user(sysadmin, {"staff"});
  Client staff = server().login_user(staff_account);
  ASSERT_TRUE(IsStatus(staff.post("/terms", {{"number", 1}, {"start_date", "2021-01-01"}}), 201));
  for (const auto& [no, name] :
       std::vector<std::pair<std::string, std::string>>{{"1", "张伟"}, {"2", "安娜"}}) {
    ASSERT_TRUE(IsStatus(
        staff.post("/members", {{"member_no", no}, {"name", name}, {"gender", "male"}}), 201));
  }
  server().exec_sql("UPDATE members SET name_key = 'ff' WHERE name = '安娜'");
  server().exec_sql("UPDATE settings SET value = '0.0' WHERE key = 'collation.pinyin_version'");
  const CliResult migrated = server().cli({"migrate", "--db", server().db_url()});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.output;
  EXPECT_NE(migrated.output.find("recomputed for 2"), std::string::npos) << migrated.output;
  const Response sorted = staff.get("/members?sort=pinyin");
  ASSERT_TRUE(IsStatus(sorted, 200));
  EXPECT_EQ(sorted.json["items"][0].value("name", ""), "安娜");
  const CliResult again = server().cli({"migrate", "--db", server().db_url()});
  EXPECT_EQ(again.output.find("recomputed"), std::string::npos) << "only once per version";
  EXPECT_EQ(server().query_int(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'member.pinyin_keys_refreshed'"),
            2)
      << "the first start and the forced refresh";
}

}  // namespace
}  // namespace lvzhi::api_test
