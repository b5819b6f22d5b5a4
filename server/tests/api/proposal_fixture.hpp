#pragma once
// Shared by the proposal API tests: a committee with a term and session, a category, three
// member accounts, staff, a leader and three handling units with their clerks and heads.
#include "harness.hpp"

namespace lvzhi::api_test {

class ProposalFixture : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sysadmin_ = std::make_unique<Client>(server().login_admin("sysadmin"));
    staff_ = login({"staff"});
    const Response term = staff().post("/terms", {{"number", 9}, {"start_date", "2021-12-28"}});
    ASSERT_TRUE(IsStatus(term, 201));
    const long long term_id = term.json.value("id", 0LL);
    ASSERT_TRUE(IsStatus(
        staff().post("/terms/" + std::to_string(term_id) + "/sessions",
                     {{"number", 1}, {"start_date", "2022-01-05"}, {"end_date", "2022-01-08"}}),
        201));
    const Response category = staff().post("/reference/proposal_category", {{"name", "社会事务"}});
    ASSERT_TRUE(IsStatus(category, 201));
    category_ = category.json.value("id", 0LL);
    first_ = member("0901001", "林晓", first_id_);
    cosigner_ = member("0901002", "陈明", cosigner_id_);
    outsider_ = member("0901003", "王芳", outsider_id_);
    leader_ = login({"leader"});
    lead_unit_ = unit("区民政局");
    co_unit_ = unit("区卫生健康局");
    other_unit_ = unit("区教育局");
    lead_clerk_ = unit_user("unit_clerk", lead_unit_);
    lead_head_ = unit_user("unit_head", lead_unit_);
    co_clerk_ = unit_user("unit_clerk", co_unit_);
    other_clerk_ = unit_user("unit_clerk", other_unit_);
  }

  std::unique_ptr<Client> login(const std::vector<std::string>& roles, Account* out = nullptr) {
    Account account = server().create_user(*sysadmin_, roles);
    if (out != nullptr) *out = account;
    return std::make_unique<Client>(server().login_user(account));
  }
  // A member account linked to a roster entry of the current term.
  std::unique_ptr<Client> member(const std::string& no, const std::string& name, long long& id) {
    Account account;
    auto client = login({"member"}, &account);
    const Response created = staff().post(
        "/members",
        {{"member_no", no}, {"name", name}, {"gender", "female"}, {"user_id", account.id}});
    EXPECT_TRUE(IsStatus(created, 201));
    id = created.json.value("id", 0LL);
    return client;
  }
  long long unit(const std::string& name) {
    const Response created = staff().post("/units", {{"name", name}, {"category", "government"}});
    EXPECT_TRUE(IsStatus(created, 201));
    return created.json.value("id", 0LL);
  }
  std::unique_ptr<Client> unit_user(const std::string& role, long long unit_id) {
    // Unit roles need the unit: created plain, then given role and unit together.
    Account account = server().create_user(*sysadmin_, {"member"});
    EXPECT_TRUE(IsStatus(sysadmin_->patch("/users/" + std::to_string(account.id),
                                          {{"roles", {role}}, {"unit_id", unit_id}}),
                         200));
    return std::make_unique<Client>(server().login_user(account));
  }

  Client& staff() { return *staff_; }
  static std::string path(long long id, const std::string& tail = "") {
    return "/proposals/" + std::to_string(id) + tail;
  }
  static Response act(Client& client, long long id, const std::string& action,
                      const json& body = json::object()) {
    return client.post(path(id, "/actions/" + action), body);
  }
  static Response act_on(Client& client, long long id, long long assignment,
                         const std::string& action, const json& body = json::object()) {
    return client.post(
        path(id, "/assignments/" + std::to_string(assignment) + "/actions/" + action), body);
  }
  static bool offers(const Response& detail, const std::string& action) {
    for (const auto& a : detail.json["actions"]) {
      if (a == action) return true;
    }
    return false;
  }

  // A complete draft by the first member, with the co-signer invited.
  long long draft(bool with_cosigner = true) {
    json body{{"title", "关于加强社区居家养老服务的建议"},
              {"analysis", "天河区 60 岁以上户籍老人已超过 16 万……"},
              {"suggestions", "一、扩大长者饭堂覆盖；二、……"},
              {"category_id", category_}};
    if (with_cosigner) body["cosigner_ids"] = {cosigner_id_};
    const Response created = first_->post("/proposals", body);
    EXPECT_TRUE(IsStatus(created, 201));
    return created.json.value("id", 0LL);
  }
  // A draft carried to `filed` (co-signer accepted, staff accepted and filed).
  long long filed() {
    const long long id = draft();
    EXPECT_TRUE(IsStatus(act(*first_, id, "submit"), 200));
    EXPECT_TRUE(IsStatus(act(*cosigner_, id, "answer_cosign", {{"accept", true}}), 200));
    EXPECT_TRUE(IsStatus(act(staff(), id, "accept"), 200));
    EXPECT_TRUE(IsStatus(act(staff(), id, "file"), 200));
    return id;
  }
  static long long assignment_of(const Response& detail, long long unit_id) {
    for (const auto& a : detail.json["assignments"]) {
      if (a["unit"]["id"] == unit_id && a["state"] != "cancelled") return a.value("id", 0LL);
    }
    return 0;
  }
  json reply(const std::string& cls) const {
    return {{"reply_class", cls},
            {"reply_text", "经研究，我局已将长者饭堂扩面纳入明年民生实事……"},
            {"contact_method", "face_to_face"},
            {"contact_date", "2022-03-01"},
            {"contact_note", "与林晓委员面谈一小时"}};
  }

  std::unique_ptr<Client> sysadmin_;
  std::unique_ptr<Client> staff_;
  std::unique_ptr<Client> leader_;
  std::unique_ptr<Client> first_;
  std::unique_ptr<Client> cosigner_;
  std::unique_ptr<Client> outsider_;
  std::unique_ptr<Client> lead_clerk_;
  std::unique_ptr<Client> lead_head_;
  std::unique_ptr<Client> co_clerk_;
  std::unique_ptr<Client> other_clerk_;
  long long category_ = 0;
  long long first_id_ = 0;
  long long cosigner_id_ = 0;
  long long outsider_id_ = 0;
  long long lead_unit_ = 0;
  long long co_unit_ = 0;
  long long other_unit_ = 0;
};

}  // namespace lvzhi::api_test
