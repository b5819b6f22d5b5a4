// Terms and sessions, the term change, reference data, handling units and experts: per-committee
// scope, permissions (staff write, leader read, admins none), validation, audit.
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Org : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sysadmin_ = std::make_unique<Client>(server().login_admin("sysadmin"));
    staff_account_ = server().create_user(*sysadmin_, {"staff"});
    staff_ = std::make_unique<Client>(server().login_user(staff_account_));
  }
  Client& staff() { return *staff_; }
  Client& sysadmin() { return *sysadmin_; }
  const std::string& staff_username() const { return staff_account_.username; }
  Client leader() {
    Account account = server().create_user(*sysadmin_, {"leader"});
    return server().login_user(account);
  }
  // Staff of a second committee.
  Client other_staff() {
    const Response committee =
        sysadmin_->post("/committees", {{"name", "其他区政协"}, {"level", "district"}});
    EXPECT_TRUE(IsStatus(committee, 201));
    Account account =
        server().create_user(*sysadmin_, {"staff"}, "", committee.json.value("id", 0LL));
    return server().login_user(account);
  }
  long long create_ref(const std::string& kind, const std::string& name, long long parent = 0) {
    json body = {{"name", name}};
    if (parent != 0) body["parent_id"] = parent;
    const Response created = staff().post("/reference/" + kind, body);
    EXPECT_TRUE(IsStatus(created, 201));
    return created.json.value("id", 0LL);
  }

 private:
  std::unique_ptr<Client> sysadmin_;
  Account staff_account_;
  std::unique_ptr<Client> staff_;
};

TEST_F(Org, ReferenceItemsAreCreatedListedEditedAndDeactivated) {
  const long long sector = create_ref("sector", "经济界");
  create_ref("sector", "教育界");
  const Response list = staff().get("/reference/sector");
  ASSERT_TRUE(IsStatus(list, 200));
  EXPECT_EQ(list.json.value("total", 0), 2);
  EXPECT_EQ(list.json["items"][0].value("usage", -1), 0);

  const Response renamed = staff().patch("/reference/sector/" + std::to_string(sector),
                                         {{"name", "经济界别"}, {"code", "JJ"}, {"sort_order", 5}});
  ASSERT_TRUE(IsStatus(renamed, 200));
  EXPECT_EQ(renamed.json.value("name", ""), "经济界别");
  EXPECT_EQ(renamed.json.value("code", ""), "JJ");

  const Response off =
      staff().patch("/reference/sector/" + std::to_string(sector), {{"is_active", false}});
  ASSERT_TRUE(IsStatus(off, 200));
  const Response active = staff().get("/reference/sector?active=true");
  EXPECT_EQ(active.json.value("total", 0), 1);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'reference.%'"),
            4);
}

TEST_F(Org, DuplicateNamesAndBadInputChangeNothing) {
  create_ref("party", "民盟");
  const Unchanged unchanged(server());
  EXPECT_TRUE(
      IsError(staff().post("/reference/party", {{"name", "民盟"}}), 409, "reference.name_taken"));
  EXPECT_TRUE(
      IsError(staff().post("/reference/party", {{"name", ""}}), 422, "request.validation_failed"));
  EXPECT_TRUE(IsError(staff().post("/reference/planet", {{"name", "火星"}}), 404,
                      "reference.unknown_kind"));
  EXPECT_TRUE(IsError(staff().post("/reference/party", {{"name", "民进"}, {"parent_id", 1}}), 422,
                      "request.validation_failed"));
  EXPECT_TRUE(IsError(staff().get("/reference/party?active=maybe"), 400, "request.bad_query"));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Org, CommunitiesNeedAStreetAndAUsedItemCannotBeDeleted) {
  const Unchanged unchanged(server());
  const Response orphan = staff().post("/reference/community", {{"name", "华师社区"}});
  ASSERT_TRUE(IsError(orphan, 422, "request.validation_failed"));
  EXPECT_TRUE(orphan.fields().contains("parent_id"));
  EXPECT_TRUE(unchanged.check());

  const long long street = create_ref("street", "石牌街道");
  const long long community = create_ref("community", "华师社区", street);
  const Response listed = staff().get("/reference/community?parent_id=" + std::to_string(street));
  ASSERT_TRUE(IsStatus(listed, 200));
  EXPECT_EQ(listed.json["items"][0].value("parent_name", ""), "石牌街道");
  const Response streets = staff().get("/reference/street");
  ASSERT_TRUE(IsStatus(streets, 200));
  EXPECT_EQ(streets.json["items"][0].value("usage", -1), 1) << "the community refers to it";

  EXPECT_TRUE(
      IsError(staff().del("/reference/street/" + std::to_string(street)), 409, "reference.in_use"));
  EXPECT_TRUE(IsStatus(staff().del("/reference/community/" + std::to_string(community)), 204));
  EXPECT_TRUE(IsStatus(staff().del("/reference/street/" + std::to_string(street)), 204));
  EXPECT_TRUE(IsError(staff().del("/reference/street/" + std::to_string(street)), 404,
                      "reference.not_found"));
}

TEST_F(Org, LeadersReadAndAdminsCannotTouchBusinessData) {
  create_ref("sector", "科技界");
  Client reader = leader();
  EXPECT_TRUE(IsStatus(reader.get("/reference/sector"), 200));
  EXPECT_TRUE(IsStatus(reader.get("/terms"), 200));
  EXPECT_TRUE(IsStatus(reader.get("/units"), 200));
  const Unchanged unchanged(server());
  EXPECT_TRUE(
      IsError(reader.post("/reference/sector", {{"name", "文艺界"}}), 403, "auth.forbidden"));
  EXPECT_TRUE(IsError(sysadmin().get("/reference/sector"), 403, "auth.forbidden"));
  EXPECT_TRUE(IsError(sysadmin().post("/units", {{"name", "区财政局"}, {"category", "government"}}),
                      403, "auth.forbidden"));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Org, AnotherCommitteesItemsDoNotExist) {
  const long long sector = create_ref("sector", "经济界");
  Client other = other_staff();
  const Response list = other.get("/reference/sector");
  ASSERT_TRUE(IsStatus(list, 200));
  EXPECT_EQ(list.json.value("total", -1), 0);
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(other.patch("/reference/sector/" + std::to_string(sector), {{"name", "改"}}),
                      404, "reference.not_found"));
  EXPECT_TRUE(IsError(other.del("/reference/sector/" + std::to_string(sector)), 404,
                      "reference.not_found"));
  EXPECT_TRUE(unchanged.check());
  // The same name is free in the other committee.
  EXPECT_TRUE(IsStatus(other.post("/reference/sector", {{"name", "经济界"}}), 201));
}

TEST_F(Org, TermsAndSessions) {
  const Response term = staff().post("/terms", {{"number", 9}, {"start_date", "2021-12-28"}});
  ASSERT_TRUE(IsStatus(term, 201));
  EXPECT_EQ(term.json.value("name", ""), "第九届");
  EXPECT_EQ(term.json.value("is_current", false), true) << "the first term is current";
  const std::string id = std::to_string(term.json.value("id", 0LL));
  const Response session =
      staff().post("/terms/" + id + "/sessions",
                   {{"number", 2}, {"start_date", "2022-12-20"}, {"end_date", "2022-12-23"}});
  ASSERT_TRUE(IsStatus(session, 201));
  EXPECT_EQ(session.json.value("name", ""), "九届二次会议");

  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(staff().post("/terms", {{"number", 9}, {"start_date", "2016-12-28"}}), 409,
                      "term.number_taken"));
  EXPECT_TRUE(IsError(
      staff().post("/terms/" + id + "/sessions",
                   {{"number", 2}, {"start_date", "2023-01-05"}, {"end_date", "2023-01-08"}}),
      409, "term.session_number_taken"));
  const Response early =
      staff().post("/terms/" + id + "/sessions",
                   {{"number", 3}, {"start_date", "2020-01-05"}, {"end_date", "2020-01-08"}});
  EXPECT_TRUE(IsError(early, 422, "request.validation_failed"));
  const Response bad = staff().post("/terms", {{"number", 10}, {"start_date", "2026-02-30"}});
  ASSERT_TRUE(IsError(bad, 422, "request.validation_failed"));
  EXPECT_TRUE(bad.fields().contains("start_date"));
  EXPECT_TRUE(IsError(staff().patch("/sessions/999999", {{"end_date", "2022-12-24"}}), 404,
                      "term.session_not_found"));
  EXPECT_TRUE(unchanged.check());

  const Response listed = staff().get("/terms");
  ASSERT_TRUE(IsStatus(listed, 200));
  EXPECT_EQ(listed.json["items"][0]["sessions"].size(), 1U);
}

TEST_F(Org, HandlingUnitsListTheirAccounts) {
  const Response unit = staff().post("/units", {{"name", "天河区教育局"},
                                                {"short_name", "区教育局"},
                                                {"category", "government"},
                                                {"contact_name", "王老师"},
                                                {"contact_phone", "020-38620000"}});
  ASSERT_TRUE(IsStatus(unit, 201));
  const long long id = unit.json.value("id", 0LL);
  const Unchanged unchanged(server());
  EXPECT_TRUE(
      IsError(staff().post("/units", {{"name", "天河区教育局"}, {"category", "government"}}), 409,
              "unit.name_taken"));
  const Response bad = staff().post("/units", {{"name", "某单位"}, {"category", "ministry"}});
  ASSERT_TRUE(IsError(bad, 422, "request.validation_failed"));
  EXPECT_TRUE(bad.fields().contains("category"));
  EXPECT_TRUE(unchanged.check());

  // A clerk account of the unit (set up directly: the sysadmin's users screen does it in the app).
  server().exec_sql("UPDATE users SET unit_id = " + std::to_string(id) + " WHERE username = '" +
                    staff_username() + "'");
  const Response listed = staff().get("/units?q=教育");
  ASSERT_TRUE(IsStatus(listed, 200));
  ASSERT_EQ(listed.json.value("total", 0), 1);
  EXPECT_EQ(listed.json["items"][0]["accounts"].size(), 1U) << listed.describe();
  EXPECT_TRUE(IsError(staff().del("/units/" + std::to_string(id)), 409, "unit.in_use"));
  const Response off = staff().patch("/units/" + std::to_string(id), {{"is_active", false}});
  ASSERT_TRUE(IsStatus(off, 200));
  EXPECT_EQ(off.json.value("is_active", true), false);
}

TEST_F(Org, ExpertPhonesAreSealedAndMasked) {
  const Response created = staff().post(
      "/experts",
      {{"name", "陈教授"}, {"kind", "advisor"}, {"field", "城市规划"}, {"phone", "13912345678"}});
  ASSERT_TRUE(IsStatus(created, 201));
  EXPECT_EQ(created.json.value("phone", ""), "13912345678");
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM experts WHERE phone_sealed LIKE '%1391234%'"),
            0);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM audit_log WHERE changes LIKE '%13912345678%'"),
            0);
  Client reader = leader();
  const Response listed = reader.get("/experts");
  ASSERT_TRUE(IsStatus(listed, 200));
  EXPECT_EQ(listed.json["items"][0].value("phone", ""), "139****5678");
  EXPECT_TRUE(IsError(staff().post("/experts", {{"name", "某"}, {"kind", "guru"}}), 422,
                      "request.validation_failed"));
}

TEST_F(Org, TermAndSessionDatesAreEditedWithinTheRules) {
  const Response term = staff().post("/terms", {{"number", 9}, {"start_date", "2021-12-28"}});
  ASSERT_TRUE(IsStatus(term, 201));
  const std::string id = std::to_string(term.json.value("id", 0LL));
  const Response session =
      staff().post("/terms/" + id + "/sessions",
                   {{"number", 1}, {"start_date", "2021-12-28"}, {"end_date", "2021-12-30"}});
  ASSERT_TRUE(IsStatus(session, 201));
  const std::string session_path = "/sessions/" + std::to_string(session.json.value("id", 0LL));
  const Unchanged unchanged(server());
  const Response closing = staff().patch("/terms/" + id, {{"end_date", "2026-12-27"}});
  ASSERT_TRUE(IsError(closing, 422, "request.validation_failed"));
  EXPECT_TRUE(closing.fields().contains("end_date"))
      << "the current term ends only by a term change";
  EXPECT_TRUE(IsError(staff().patch(session_path, {{"end_date", "2021-12-01"}}), 422,
                      "request.validation_failed"));
  EXPECT_TRUE(
      IsError(staff().patch("/terms/" + id, {{"number", 10}}), 422, "request.validation_failed"));
  EXPECT_TRUE(unchanged.check());
  const Response moved = staff().patch("/terms/" + id, {{"start_date", "2021-12-27"}});
  ASSERT_TRUE(IsStatus(moved, 200));
  EXPECT_EQ(moved.json.value("start_date", ""), "2021-12-27");
  EXPECT_EQ(moved.json["sessions"].size(), 1U);
  const Response longer = staff().patch(session_path, {{"end_date", "2021-12-31"}});
  ASSERT_TRUE(IsStatus(longer, 200));
  EXPECT_EQ(longer.json.value("name", ""), "九届一次会议");
  Client other = other_staff();
  EXPECT_TRUE(
      IsError(other.patch("/terms/" + id, {{"start_date", "2021-12-20"}}), 404, "term.not_found"));
  EXPECT_TRUE(IsError(other.patch(session_path, {{"end_date", "2021-12-29"}}), 404,
                      "term.session_not_found"));
}

TEST_F(Org, ExpertsAndUnitsAreEditedOnlyInTheirCommittee) {
  const Response expert = staff().post("/experts", {{"name", "陈教授"}, {"kind", "advisor"}});
  ASSERT_TRUE(IsStatus(expert, 201));
  const std::string expert_path = "/experts/" + std::to_string(expert.json.value("id", 0LL));
  const Response edited =
      staff().patch(expert_path, {{"phone", "13700001234"}, {"is_active", false}});
  ASSERT_TRUE(IsStatus(edited, 200));
  EXPECT_EQ(edited.json.value("is_active", true), false);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'expert.update' AND "
                               "changes LIKE '%phone%' AND changes NOT LIKE '%13700001234%'"),
            1);
  const Response unit =
      staff().post("/units", {{"name", "天河区财政局"}, {"category", "government"}});
  ASSERT_TRUE(IsStatus(unit, 201));
  const std::string unit_path = "/units/" + std::to_string(unit.json.value("id", 0LL));
  Client other = other_staff();
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(other.patch(expert_path, {{"name", "改名"}}), 404, "expert.not_found"));
  EXPECT_TRUE(IsError(other.patch(unit_path, {{"name", "改名"}}), 404, "unit.not_found"));
  EXPECT_TRUE(IsError(other.del(unit_path), 404, "unit.not_found"));
  EXPECT_TRUE(IsError(staff().patch(unit_path, {{"contact_phone", "call me"}}), 422,
                      "request.validation_failed"));
  EXPECT_TRUE(unchanged.check());
  EXPECT_TRUE(IsStatus(staff().del(unit_path), 204));
}

}  // namespace
}  // namespace lvzhi::api_test
