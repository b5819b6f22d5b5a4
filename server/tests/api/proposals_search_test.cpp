// Proposals, part 2 over HTTP: Chinese full-text search (the same answers on SQLite and
// PostgreSQL: every test here runs on both), similar proposals and unit suggestions, statistics
// computed from the records, commendation, the Word document and public disclosure.
#include <cctype>
#include <ctime>
#include <set>

#include <fmt/format.h>
#include <minizip/unzip.h>
#include <pugixml.hpp>

#include "proposal_fixture.hpp"

namespace lvzhi::api_test {
namespace {

std::string url_encode(const std::string& text) {
  std::string out;
  for (const unsigned char c : text) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

class ProposalsPart2 : public ProposalFixture {
 protected:
  // A submitted proposal by the first member (no co-signer), with the given text.
  long long submitted(const std::string& title, const std::string& analysis,
                      const std::string& suggestions = "一、加强统筹；二、明确责任。") {
    const Response created = first_->post("/proposals", {{"title", title},
                                                         {"analysis", analysis},
                                                         {"suggestions", suggestions},
                                                         {"category_id", category_}});
    EXPECT_TRUE(IsStatus(created, 201));
    const long long id = created.json.value("id", 0LL);
    EXPECT_TRUE(IsStatus(act(*first_, id, "submit"), 200));
    return id;
  }
  long long filed_with(const std::string& title, const std::string& analysis) {
    const long long id = submitted(title, analysis);
    EXPECT_TRUE(IsStatus(act(staff(), id, "accept"), 200));
    EXPECT_TRUE(IsStatus(act(staff(), id, "file"), 200));
    return id;
  }
  // Assigned to one unit, acknowledged; returns the assignment id.
  long long assign_single(long long id, long long unit, Client& clerk) {
    const Response assigned =
        act(staff(), id, "assign",
            {{"mode", "single"}, {"units", {{{"unit_id", unit}, {"role", "single"}}}}});
    EXPECT_TRUE(IsStatus(assigned, 200));
    const long long a = assignment_of(assigned, unit);
    EXPECT_TRUE(IsStatus(act_on(clerk, id, a, "acknowledge"), 200));
    return a;
  }
  // The lead unit's clerk replies, its head signs, staff accept.
  void reply_accepted(long long id, long long a, const std::string& cls) {
    EXPECT_TRUE(IsStatus(act_on(*lead_clerk_, id, a, "draft_reply", reply(cls)), 200));
    EXPECT_TRUE(IsStatus(act_on(*lead_head_, id, a, "sign_off"), 200));
    EXPECT_TRUE(IsStatus(act_on(staff(), id, a, "accept_reply"), 200));
  }
  static std::set<long long> ids(const Response& list) {
    std::set<long long> out;
    for (const auto& item : list.json["items"]) out.insert(item.value("id", 0LL));
    return out;
  }
  std::set<long long> search(Client& client, const std::string& q) {
    const Response list = client.get("/proposals?page_size=100&q=" + url_encode(q));
    EXPECT_TRUE(IsStatus(list, 200));
    return ids(list);
  }
  // SQLite: the FTS index holds exactly what its content view numbers and holds (with rank 1,
  // FTS5 reads every document of the content again and compares; a trigger that files a document
  // under another row number, or deletes a text other than the one indexed, fails it).
  // PostgreSQL's tsvector is a generated column.
  void expect_search_index_consistent() {
    if (server().db_kind() == "sqlite") {
      // Checks each index against its content (rank 1): the documents, and for the public one
      // the published proposals' documents.
      EXPECT_NO_THROW(server().exec_sql(
          "INSERT INTO proposal_fts(proposal_fts, rank) VALUES ('integrity-check', 1)"));
      EXPECT_NO_THROW(server().exec_sql(
          "INSERT INTO public_fts(public_fts, rank) VALUES ('integrity-check', 1)"));
      return;
    }
    // The public search's table holds exactly the published proposals, at their publication.
    EXPECT_EQ(server().query_int(
                  "SELECT COUNT(*) FROM proposals p JOIN proposal_search s ON s.proposal_id = p.id "
                  "WHERE p.is_published = 1 AND p.state = 'closed'"),
              server().query_int("SELECT COUNT(*) FROM public_search"));
    EXPECT_EQ(server().query_int(
                  "SELECT COUNT(*) FROM public_search x JOIN proposals p ON p.id = x.proposal_id "
                  "JOIN proposal_search s ON s.proposal_id = p.id WHERE p.is_published = 1 AND "
                  "p.state = 'closed' AND x.position = COALESCE(p.published_at, 0) * 2147483648 "
                  "+ p.id AND x.tsv = public_search_tsv(s.tsv, x.position)"),
              server().query_int("SELECT COUNT(*) FROM public_search"));
    // Each holds its publication period's token (migration 0013): the latest period's query
    // finds exactly the proposals published in it.
    EXPECT_EQ(
        server().query_int(
            "SELECT COUNT(*) FROM public_search WHERE tsv @@ public_search_latest()"),
        server().query_int("SELECT COUNT(*) FROM proposals WHERE is_published = 1 AND state "
                           "= 'closed' AND published_at / 2592000 = (SELECT MAX(published_at) "
                           "/ 2592000 FROM proposals WHERE is_published = 1 AND state = "
                           "'closed')"));
    // And its publication day's (migration 0015): the recent days' query finds exactly the
    // proposals published on the latest publication's day and the day before.
    EXPECT_EQ(server().query_int(
                  "SELECT COUNT(*) FROM public_search WHERE tsv @@ public_search_recent_days()"),
              server().query_int("SELECT COUNT(*) FROM proposals WHERE is_published = 1 AND state "
                                 "= 'closed' AND published_at / 86400 >= (SELECT MAX(published_at) "
                                 "/ 86400 - 1 FROM proposals WHERE is_published = 1 AND state = "
                                 "'closed')"));
    // Each word's count of published proposals (migration 0016), kept by the table's trigger
    // through publishing, unpublishing and rewritten documents, is what counting the rows finds.
    EXPECT_EQ(server().query_int(kPublicTermMismatches), 0);
  }
  static int this_year() {
    const std::time_t now = std::time(nullptr) + 8 * 3600;
    std::tm tm{};
    gmtime_r(&now, &tm);
    return tm.tm_year + 1900;
  }
};

TEST_F(ProposalsPart2, SearchFindsTwoCharacterWordsPhrasesAndNamesWithHighlights) {
  const long long market =
      submitted("关于农贸市场升级改造的建议", "部分农贸市场周边停车难、环境差。");
  const long long care = submitted("关于加强社区居家养老服务的建议", "长者饭堂覆盖不足。");
  const long long network = submitted("关于推进５Ｇ网络建设的建议", "5G 基站选址难。");
  using Ids = std::set<long long>;
  EXPECT_EQ(search(staff(), "市场"), (Ids{market}));
  EXPECT_EQ(search(staff(), "农贸市场"), (Ids{market}));
  EXPECT_EQ(search(staff(), "贸市"), (Ids{market}));  // across ICU's word cut (农贸|市场)
  EXPECT_EQ(search(staff(), "养老"), (Ids{care}));
  EXPECT_EQ(search(staff(), "停车"), (Ids{market}));  // in the text, not the title
  EXPECT_EQ(search(staff(), "5g"), (Ids{network}));   // full-width in the title, any case
  EXPECT_EQ(search(staff(), "选址"), (Ids{network}));
  EXPECT_EQ(search(staff(), "林晓"), (Ids{market, care, network}));  // the proposer's name
  EXPECT_EQ(search(staff(), "市场 养老"), Ids{});                    // every word must match
  EXPECT_EQ(search(staff(), "，。"), Ids{});                         // nothing searchable
  EXPECT_EQ(search(staff(), "场"), (Ids{market}));                   // one character
  // Scope still applies: another member finds nothing of these.
  EXPECT_EQ(search(*outsider_, "市场"), Ids{});

  const Response list = staff().get("/proposals?q=" + url_encode("停车"));
  ASSERT_TRUE(IsStatus(list, 200));
  const json& highlight = list.json["items"][0]["highlight"];
  bool snippet_hit = false;
  for (const auto& s : highlight["snippet"]) snippet_hit |= s["hit"] == true && s["text"] == "停车";
  EXPECT_TRUE(snippet_hit) << list.describe();
  const Response titled = staff().get("/proposals?q=" + url_encode("市场"));
  EXPECT_EQ(titled.json["items"][0]["highlight"]["title"],
            json::parse(R"([{"text":"关于农贸","hit":false},{"text":"市场","hit":true},)"
                        R"({"text":"升级改造的建议","hit":false}])"));

  // Edits are searchable at once (the index is rebuilt in the same transaction).
  ASSERT_TRUE(IsStatus(act(staff(), market, "return", {{"comment", "请补充数据"}}), 200));
  const Response draft = first_->get(path(market));
  ASSERT_TRUE(IsStatus(first_->patch(path(market), {{"version", draft.json["version"]},
                                                    {"title", "关于菜市场升级改造的建议"}}),
                       200));
  EXPECT_EQ(search(*first_, "菜市"), (Ids{market}));
  EXPECT_EQ(search(*first_, "农贸"), (Ids{market}));  // still in the text
  expect_search_index_consistent();
}

TEST_F(ProposalsPart2, SimilarRanksANearDuplicateFirstAndSuggestsTheUnit) {
  const long long market =
      filed_with("关于农贸市场升级改造和精细化管理的建议",
                 "我区部分农贸市场设施老化，通道狭窄，排水不畅，周边占道经营和停车难问题突出。");
  filed_with("关于加强社区居家养老服务的建议", "长者饭堂覆盖不足，助餐配送服务不均衡。");
  filed_with("关于完善中小学课后服务的建议", "课后托管师资不足，课程内容单一。");
  assign_single(market, lead_unit_, *lead_clerk_);

  const Response similar = first_->post("/proposals/similar",
                                        {{"title", "关于推进农贸市场升级改造的建议"},
                                         {"analysis", "农贸市场设施老化、排水不畅，周边停车难。"}});
  ASSERT_TRUE(IsStatus(similar, 200));
  ASSERT_FALSE(similar.json["items"].empty()) << similar.describe();
  EXPECT_EQ(similar.json["items"][0]["id"], market);
  EXPECT_GT(similar.json["items"][0]["score"].get<double>(), 0.3);
  for (std::size_t i = 1; i < similar.json["items"].size(); ++i) {
    EXPECT_LT(similar.json["items"][i]["score"], similar.json["items"][0]["score"]);
  }
  // Another member learns that a filed proposal exists (number and title) but cannot open it.
  const Response other =
      outsider_->post("/proposals/similar", {{"title", "关于农贸市场升级改造的建议"}});
  ASSERT_TRUE(IsStatus(other, 200));
  ASSERT_FALSE(other.json["items"].empty());
  EXPECT_EQ(other.json["items"][0]["can_open"], false);
  EXPECT_EQ(other.json["items"][0]["number_label"], "第0001号");
  EXPECT_TRUE(IsError(lead_clerk_->post("/proposals/similar", {{"title", "农贸市场"}}), 403,
                      "auth.forbidden"));

  // At review, staff get the unit the similar proposal went to, with the reason.
  const long long again = submitted("关于农贸市场升级改造的再建议", "农贸市场设施老化，排水不畅。");
  const Response review = staff().get(path(again, "/similar"));
  ASSERT_TRUE(IsStatus(review, 200));
  EXPECT_EQ(review.json["items"][0]["id"], market);
  ASSERT_FALSE(review.json["units"].empty()) << review.describe();
  EXPECT_EQ(review.json["units"][0]["unit_id"], lead_unit_);
  EXPECT_NE(review.json["units"][0]["reason"].get<std::string>().find("第0001号"),
            std::string::npos);
  // The member who drafted it sees similar proposals but no unit suggestions.
  const Response mine = first_->get(path(again, "/similar"));
  ASSERT_TRUE(IsStatus(mine, 200));
  EXPECT_TRUE(mine.json["units"].empty());
  EXPECT_TRUE(IsError(outsider_->get(path(again, "/similar")), 404, "proposal.not_found"));
}

TEST_F(ProposalsPart2, StatisticsAreComputedFromTheRecordsAndLinkToTheirLists) {
  // P1: closed, satisfied at the first round, on time, class A.
  const long long p1 = filed_with("关于规范共享单车停放的建议", "共享单车乱停放。");
  const long long a1 = assign_single(p1, lead_unit_, *lead_clerk_);
  reply_accepted(p1, a1, "A");
  ASSERT_TRUE(IsStatus(act(*first_, p1, "rate", {{"rating", "satisfied"}}), 200));
  // P2: assigned to the co-unit, past its deadline.
  const long long p2 = filed_with("关于增设社区体育设施的建议", "健身场地不足。");
  assign_single(p2, co_unit_, *co_clerk_);
  server().exec_sql("UPDATE proposal_assignments SET deadline = '2000-01-03' WHERE proposal_id = " +
                    std::to_string(p2));
  // P3: not filed. P4: a draft (not received).
  const long long p3 = submitted("关于某小区物业纠纷的建议", "个人物业纠纷。");
  ASSERT_TRUE(IsStatus(act(staff(), p3, "accept"), 200));
  ASSERT_TRUE(IsStatus(act(staff(), p3, "not_file", {{"ground", "personal"}}), 200));
  ASSERT_TRUE(IsStatus(first_->post("/proposals", {{"title", "草稿"}}), 201));
  // P5: dissatisfied, re-handled, then satisfied — closed but not at the first round, and its
  // reply came after the deadline.
  const long long p5 = filed_with("关于加强河涌治理的建议", "河涌黑臭反弹。");
  const long long a5 = assign_single(p5, lead_unit_, *lead_clerk_);
  reply_accepted(p5, a5, "B");
  ASSERT_TRUE(IsStatus(
      act(*first_, p5, "rate", {{"rating", "dissatisfied"}, {"comment", "整治未到位"}}), 200));
  reply_accepted(p5, a5, "B");
  ASSERT_TRUE(IsStatus(act(*first_, p5, "rate", {{"rating", "basically_satisfied"}}), 200));
  server().exec_sql("UPDATE proposal_assignments SET deadline = '2000-01-03' WHERE proposal_id = " +
                    std::to_string(p5));

  const int year = this_year();
  const Response stats = staff().get("/proposals/stats?year=" + std::to_string(year));
  ASSERT_TRUE(IsStatus(stats, 200));
  std::map<std::string, long long> counts;
  for (const auto& c : stats.json["counts"]) counts[c["stat"]] = c.value("count", 0LL);
  const std::map<std::string, long long> expected{
      {"received", 4}, {"filed", 3},  {"assigned", 3},  {"replied", 2},
      {"on_time", 1},  {"closed", 2}, {"key", 0},       {"collective", 0},
      {"overdue", 1},  {"rated", 2},  {"satisfied", 2}, {"first_round_satisfied", 1}};
  EXPECT_EQ(counts, expected) << stats.describe();
  // Every count opens exactly its proposals in the list.
  for (const auto& [stat, count] : expected) {
    const Response list = staff().get("/proposals?stat=" + stat + "&year=" + std::to_string(year));
    ASSERT_TRUE(IsStatus(list, 200));
    EXPECT_EQ(list.json["total"], count) << stat;
  }
  EXPECT_EQ(ids(staff().get("/proposals?stat=overdue&year=" + std::to_string(year))),
            (std::set<long long>{p2}));
  std::map<std::string, std::pair<long long, long long>> rates;
  for (const auto& r : stats.json["rates"]) {
    rates[r["code"]] = {r["numerator"].value("count", 0LL), r["denominator"].value("count", 0LL)};
  }
  EXPECT_EQ(rates["filing_rate"], std::make_pair(3LL, 4LL));
  EXPECT_EQ(rates["reply_rate"], std::make_pair(2LL, 3LL));
  EXPECT_EQ(rates["on_time_rate"], std::make_pair(1LL, 2LL));
  EXPECT_EQ(rates["closing_rate"], std::make_pair(2LL, 3LL));
  EXPECT_EQ(rates["satisfaction_rate"], std::make_pair(2LL, 2LL));
  EXPECT_EQ(rates["first_round_satisfaction_rate"], std::make_pair(1LL, 2LL));
  EXPECT_EQ(rates["key_share"], std::make_pair(0LL, 3LL));
  for (const auto& r : stats.json["rates"]) {
    if (r["code"] == "filing_rate") {
      EXPECT_DOUBLE_EQ(r["rate"].get<double>(), 0.75);
    }
  }
  // Reply classes are counted per accepted reply; ratings per proposer (latest).
  for (const auto& c : stats.json["classes"]) {
    if (c["code"] == "A" || c["code"] == "B") {
      EXPECT_EQ(c["count"], 1);
    }
    EXPECT_EQ(c["denominator"], 2);
  }
  EXPECT_EQ(stats.json["ratings"][0]["count"], 1);  // satisfied
  EXPECT_EQ(stats.json["ratings"][1]["count"], 1);  // basically satisfied
  // The league table: the lead unit replied twice, once on time; the co-unit is overdue.
  ASSERT_EQ(stats.json["by_unit"].size(), 2U) << stats.describe();
  const json& best = stats.json["by_unit"][0];
  EXPECT_EQ(best["unit_id"], lead_unit_);
  EXPECT_EQ(best["assigned"], 2);
  EXPECT_EQ(best["replied"], 2);
  EXPECT_EQ(best["on_time"], 1);
  EXPECT_EQ(best["satisfied"], 2);
  EXPECT_EQ(stats.json["by_unit"][1]["overdue"], 1);
  ASSERT_EQ(stats.json["by_category"].size(), 1U);
  EXPECT_EQ(stats.json["by_category"][0]["received"], 4);
  EXPECT_EQ(stats.json["trend"].back()["filed"], 3);
  // A year without proposals has no rates, not a division by zero.
  const Response empty = staff().get("/proposals/stats?year=2001");
  ASSERT_TRUE(IsStatus(empty, 200));
  EXPECT_TRUE(empty.json["rates"][0]["rate"].is_null());
  // Only staff and leaders see statistics; bad filters are refused.
  EXPECT_TRUE(IsStatus(leader_->get("/proposals/stats"), 200));
  EXPECT_TRUE(IsError(first_->get("/proposals/stats"), 403, "auth.forbidden"));
  EXPECT_TRUE(IsError(staff().get("/proposals/stats?year=abc"), 400, "request.bad_query"));
  EXPECT_TRUE(IsError(staff().get("/proposals?stat=nonsense"), 400, "request.bad_query"));
  EXPECT_TRUE(IsError(staff().get("/proposals/stats?session_id=999999"), 400, "request.bad_query"));

  // Answers are kept between requests, but never past a write: filing one more proposal shows at
  // once, for staff and the leader alike.
  filed_with("关于完善社区养老驿站的建议", "驿站服务项目少。");
  for (Client* reader : {&staff(), leader_.get()}) {
    const Response after = reader->get("/proposals/stats?year=" + std::to_string(year));
    ASSERT_TRUE(IsStatus(after, 200));
    std::map<std::string, long long> now;
    for (const auto& c : after.json["counts"]) now[c["stat"]] = c.value("count", 0LL);
    EXPECT_EQ(now["received"], 5) << after.describe();
    EXPECT_EQ(now["filed"], 4) << after.describe();
  }

  // Accepted replies are searchable.
  EXPECT_EQ(search(staff(), "长者饭堂"), (std::set<long long>{p1, p5}));
}

TEST_F(ProposalsPart2, CommendationIsProposedByStaffAndApprovedByALeader) {
  const long long p1 = filed_with("关于规范共享单车停放的建议", "共享单车乱停放。");
  const long long a1 = assign_single(p1, lead_unit_, *lead_clerk_);
  reply_accepted(p1, a1, "A");
  const long long draft_id = submitted("关于草稿的建议", "未立案。");
  const int year = this_year();
  const auto before = server().query_int("SELECT COUNT(*) FROM audit_log");

  const Response candidates =
      staff().get("/commendations/candidates?kind=excellent_proposal&year=" + std::to_string(year));
  ASSERT_TRUE(IsStatus(candidates, 200));
  ASSERT_EQ(candidates.json["items"].size(), 1U) << candidates.describe();
  EXPECT_EQ(candidates.json["items"][0]["proposal_id"], p1);

  EXPECT_TRUE(IsValidationError(
      staff().post("/commendations",
                   {{"kind", "excellent_proposal"}, {"year", year}, {"proposal_id", p1}}),
      "reason"));
  EXPECT_TRUE(IsError(staff().post("/commendations", {{"kind", "excellent_proposal"},
                                                      {"year", year},
                                                      {"proposal_id", draft_id},
                                                      {"reason", "好"}}),
                      422, "commendation.bad_candidate"));
  EXPECT_TRUE(IsError(
      staff().post(
          "/commendations",
          {{"kind", "model_unit"}, {"year", year}, {"unit_id", other_unit_}, {"reason", "好"}}),
      422, "commendation.bad_candidate"));
  EXPECT_TRUE(IsError(
      first_->post(
          "/commendations",
          {{"kind", "excellent_proposal"}, {"year", year}, {"proposal_id", p1}, {"reason", "好"}}),
      403, "auth.forbidden"));
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM commendations"), 0);

  const Response proposed = staff().post("/commendations", {{"kind", "excellent_proposal"},
                                                            {"year", year},
                                                            {"proposal_id", p1},
                                                            {"reason", "调研扎实，建议可行"}});
  ASSERT_TRUE(IsStatus(proposed, 201));
  EXPECT_EQ(proposed.json["state"], "proposed");
  EXPECT_EQ(proposed.json["proposal"]["number_label"], "第0001号");
  const long long id = proposed.json.value("id", 0LL);
  EXPECT_TRUE(IsError(staff().post("/commendations", {{"kind", "excellent_proposal"},
                                                      {"year", year},
                                                      {"proposal_id", p1},
                                                      {"reason", "再次"}}),
                      409, "commendation.duplicate"));
  const Response unit = staff().post(
      "/commendations",
      {{"kind", "model_unit"}, {"year", year}, {"unit_id", lead_unit_}, {"reason", "按时答复"}});
  ASSERT_TRUE(IsStatus(unit, 201));

  const std::string approve = "/commendations/" + std::to_string(id) + "/approve";
  EXPECT_TRUE(IsError(staff().post(approve), 403, "auth.forbidden"));
  EXPECT_TRUE(IsValidationError(
      leader_->post("/commendations/" + std::to_string(unit.json.value("id", 0LL)) + "/reject"),
      "comment"));
  const Response approved = leader_->post(approve, {{"comment", "同意"}});
  ASSERT_TRUE(IsStatus(approved, 200));
  EXPECT_EQ(approved.json["state"], "approved");
  EXPECT_TRUE(IsError(leader_->post(approve), 409, "commendation.invalid_state"));
  EXPECT_TRUE(IsError(staff().del("/commendations/" + std::to_string(id)), 409,
                      "commendation.invalid_state"));
  EXPECT_GE(server().query_int("SELECT COUNT(*) FROM notifications WHERE kind = "
                               "'commendation.approved'"),
            1);

  const Response list = leader_->get("/commendations?year=" + std::to_string(year));
  ASSERT_TRUE(IsStatus(list, 200));
  EXPECT_EQ(list.json["items"].size(), 2U);
  EXPECT_EQ(list.json["can_approve"], true);
  EXPECT_EQ(list.json["can_propose"], false);
  EXPECT_TRUE(IsError(first_->get("/commendations"), 403, "auth.forbidden"));
  // Two proposals and one approval: three audited writes (the refused ones wrote nothing).
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM audit_log") - before, 3);
  ASSERT_TRUE(
      IsStatus(staff().del("/commendations/" + std::to_string(unit.json.value("id", 0LL))), 204));
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM commendations"), 1);
}

// The Word document: a zip whose word/document.xml is well-formed and holds the text.
std::string docx_text(const std::string& bytes, std::string* xml_out = nullptr) {
  const std::string path =
      ::testing::TempDir() + "/proposal-" + std::to_string(std::rand()) + ".docx";
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  unzFile zip = unzOpen(path.c_str());
  if (zip == nullptr) return "<not a zip>";
  std::string xml;
  if (unzLocateFile(zip, "word/document.xml", 0) == UNZ_OK && unzOpenCurrentFile(zip) == UNZ_OK) {
    char buffer[4096];
    int n = 0;
    while ((n = unzReadCurrentFile(zip, buffer, sizeof buffer)) > 0) xml.append(buffer, n);
    unzCloseCurrentFile(zip);
  }
  unzClose(zip);
  std::remove(path.c_str());
  if (xml_out != nullptr) *xml_out = xml;
  pugi::xml_document doc;
  if (!doc.load_string(xml.c_str())) return "<malformed xml>";
  std::string text;
  for (const auto& node : doc.select_nodes("//w:t")) text += node.node().text().get();
  return text;
}

TEST_F(ProposalsPart2, OneProposalDownloadsAsAWordDocument) {
  const long long p1 = filed_with("关于规范共享单车停放的建议", "共享单车乱停放 & <严重>。");
  const long long a1 = assign_single(p1, lead_unit_, *lead_clerk_);
  reply_accepted(p1, a1, "A");
  const Response doc = staff().get(path(p1, "/document"));
  ASSERT_TRUE(IsStatus(doc, 200));
  EXPECT_NE(doc.header("content-type").find("wordprocessingml"), std::string::npos);
  const std::string text = docx_text(doc.body);
  EXPECT_NE(text.find("关于规范共享单车停放的建议"), std::string::npos) << text;
  EXPECT_NE(text.find("第0001号"), std::string::npos) << text;
  EXPECT_NE(text.find("共享单车乱停放 & <严重>。"), std::string::npos) << text;
  EXPECT_NE(text.find("A类"), std::string::npos) << text;
  EXPECT_NE(text.find("长者饭堂"), std::string::npos) << text;  // the reply letter
  EXPECT_NE(text.find("林晓"), std::string::npos) << text;
  // The unit's internal contact note is not in the printed reply.
  EXPECT_EQ(text.find("面谈一小时"), std::string::npos) << text;
  EXPECT_TRUE(IsError(outsider_->get(path(p1, "/document")), 404, "proposal.not_found"));
}

TEST_F(ProposalsPart2, PublicPagesShowPublishedProposalsAndLeakNothing) {
  const long long p1 = filed_with("关于规范共享单车停放的建议", "共享单车乱停放。");
  const long long a1 = assign_single(p1, lead_unit_, *lead_clerk_);
  reply_accepted(p1, a1, "A");
  ASSERT_TRUE(IsStatus(
      act(*first_, p1, "rate", {{"rating", "satisfied"}, {"comment", "内部评价意见"}}), 200));
  const long long open = filed_with("关于加强社区居家养老服务的建议", "长者饭堂覆盖不足。");
  Client anonymous = server().client();

  EXPECT_EQ(anonymous.get("/public/proposals").json["total"], 0);
  EXPECT_TRUE(
      IsError(anonymous.get("/public/proposals/" + std::to_string(p1)), 404, "proposal.not_found"));
  ASSERT_TRUE(IsStatus(act(staff(), p1, "publish", {{"comment", "内部公开意见"}}), 200));
  // Only closed proposals can be published.
  EXPECT_FALSE(IsStatus(act(staff(), open, "publish"), 200));

  const Response list = anonymous.get("/public/proposals");
  ASSERT_TRUE(IsStatus(list, 200));
  ASSERT_EQ(list.json["total"], 1);
  EXPECT_EQ(list.json["items"][0]["number_label"], "第0001号");
  EXPECT_EQ(list.json["items"][0]["proposer_label"], "林晓");
  const Response found = anonymous.get("/public/proposals?q=" + url_encode("单车"));
  EXPECT_EQ(ids(found), (std::set<long long>{p1}));
  EXPECT_EQ(anonymous.get("/public/proposals?q=" + url_encode("养老")).json["total"], 0);

  const Response detail = anonymous.get("/public/proposals/" + std::to_string(p1));
  ASSERT_TRUE(IsStatus(detail, 200));
  EXPECT_EQ(detail.json["title"], "关于规范共享单车停放的建议");
  ASSERT_EQ(detail.json["replies"].size(), 1U);
  EXPECT_EQ(detail.json["replies"][0]["reply_class"], "A");
  // Exactly the public fields, and no internal text anywhere in the answers.
  std::set<std::string> keys;
  for (const auto& [k, v] : detail.json.items()) keys.insert(k);
  EXPECT_EQ(keys, (std::set<std::string>{"id", "committee_name", "session_name", "number_label",
                                         "title", "category_name", "proposer_label", "analysis",
                                         "suggestions", "published_on", "closed_on", "replies"}));
  for (const char* secret :
       {"面谈一小时", "contact", "内部评价意见", "内部公开意见", "rating", "timeline", "opinion",
        "actions", "attachments", "phone", "user_id", "member_id"}) {
    EXPECT_EQ(detail.body.find(secret), std::string::npos) << secret;
    EXPECT_EQ(list.body.find(secret), std::string::npos) << secret;
  }
  EXPECT_TRUE(IsError(anonymous.get("/public/proposals/" + std::to_string(open)), 404,
                      "proposal.not_found"));
  EXPECT_TRUE(IsError(anonymous.get("/public/proposals/abc"), 404, "proposal.not_found"));
  // Unpublishing takes it down at once.
  ASSERT_TRUE(IsStatus(act(staff(), p1, "unpublish"), 200));
  EXPECT_TRUE(
      IsError(anonymous.get("/public/proposals/" + std::to_string(p1)), 404, "proposal.not_found"));
  EXPECT_EQ(anonymous.get("/public/proposals").json["total"], 0);
  expect_search_index_consistent();
}

TEST_F(ProposalsPart2, PublicListRowsSayWhatTheDetailSaysAndHighlightAsTheCommitteeSearch) {
  // Two accepted proposers, a category, an accepted reply holding words the texts do not.
  const long long p = filed();
  reply_accepted(p, assign_single(p, lead_unit_, *lead_clerk_), "A");
  for (Client* proposer : {first_.get(), cosigner_.get()}) {
    ASSERT_TRUE(IsStatus(act(*proposer, p, "rate", {{"rating", "satisfied"}}), 200));
  }
  ASSERT_TRUE(IsStatus(act(staff(), p, "publish"), 200));
  Client anonymous = server().client();
  const Response detail = anonymous.get("/public/proposals/" + std::to_string(p));
  ASSERT_TRUE(IsStatus(detail, 200));
  const Response list = anonymous.get("/public/proposals");
  ASSERT_TRUE(IsStatus(list, 200));
  ASSERT_EQ(list.json["items"].size(), 1U);
  const json& row = list.json["items"][0];
  std::set<std::string> keys;
  for (const auto& [k, v] : row.items()) keys.insert(k);
  EXPECT_EQ(keys,
            (std::set<std::string>{"id", "committee_name", "session_name", "number_label", "title",
                                   "category_name", "proposer_label", "published_on"}));
  for (const auto& key : keys) EXPECT_EQ(row[key], detail.json[key]) << key;
  EXPECT_EQ(row["proposer_label"], "林晓、陈明");
  EXPECT_FALSE(row["category_name"].get<std::string>().empty());
  EXPECT_FALSE(row["session_name"].get<std::string>().empty());
  // A word of the analysis, of the suggestions and the reply, of the reply alone: the public
  // row quotes what the committee's own search quotes.
  for (const std::string q : {"户籍", "饭堂", "民生"}) {
    const Response found = anonymous.get("/public/proposals?q=" + url_encode(q));
    ASSERT_TRUE(IsStatus(found, 200)) << q;
    ASSERT_EQ(found.json["items"].size(), 1U) << q;
    const Response own = staff().get("/proposals?q=" + url_encode(q));
    ASSERT_TRUE(IsStatus(own, 200)) << q;
    ASSERT_EQ(own.json["items"].size(), 1U) << q;
    const json& highlight = found.json["items"][0]["highlight"];
    EXPECT_EQ(highlight, own.json["items"][0]["highlight"]) << q;
    std::string quoted;
    for (const auto& segment : highlight["snippet"]) {
      if (segment["hit"] == true) quoted += segment["text"].get<std::string>();
    }
    EXPECT_NE(quoted.find(q), std::string::npos) << q << ": " << highlight.dump();
  }
}

TEST_F(ProposalsPart2, PublicSearchListsTheLatestPublishedMatchesFirst) {
  const auto closed = [&](const std::string& title) {
    const long long id = filed_with(title, "共享单车停放秩序有待规范。");
    reply_accepted(id, assign_single(id, lead_unit_, *lead_clerk_), "A");
    EXPECT_TRUE(IsStatus(act(*first_, id, "rate", {{"rating", "satisfied"}}), 200));
    return id;
  };
  const long long p1 = closed("关于规范共享单车停放的建议");
  const long long p2 = closed("关于优化公交站点设置的建议");
  const long long p3 = closed("关于增设非机动车停放区的建议");
  const long long unpublished = closed("关于共享单车企业监管的建议");
  for (const long long id : {p1, p2, p3}) ASSERT_TRUE(IsStatus(act(staff(), id, "publish"), 200));
  Client anonymous = server().client();
  const auto found = [&](const std::string& q) {
    const Response r = anonymous.get("/public/proposals?q=" + url_encode(q));
    EXPECT_TRUE(IsStatus(r, 200));
    std::vector<long long> out;
    for (const auto& item : r.json["items"]) out.push_back(item["id"].get<long long>());
    EXPECT_EQ(r.json["total"], static_cast<long long>(out.size()));
    EXPECT_EQ(r.json["total_exact"], true);
    return out;
  };
  using Ids = std::vector<long long>;
  // Latest publication first (published within the same second: the later proposal first).
  EXPECT_EQ(found("单车"), (Ids{p3, p2, p1}));
  EXPECT_EQ(found("公交"), (Ids{p2}));
  EXPECT_EQ(found("单车 公交"), (Ids{p2}));
  EXPECT_EQ(found("，。"), Ids{});  // nothing searchable
  // The index follows the publication time itself.
  server().exec_sql("UPDATE proposals SET published_at = published_at + 100 WHERE id = " +
                    std::to_string(p1));
  EXPECT_EQ(found("单车"), (Ids{p1, p3, p2}));
  // A published proposal's document written again (every action does) stays listed once.
  ASSERT_TRUE(IsStatus(act(staff(), p2, "follow_up", {{"comment", "已回访提案人"}}), 200));
  EXPECT_EQ(found("公交"), (Ids{p2}));
  // Taken down and published again: gone, then back at its new publication.
  ASSERT_TRUE(IsStatus(act(staff(), p3, "unpublish"), 200));
  EXPECT_EQ(found("单车"), (Ids{p1, p2}));
  ASSERT_TRUE(IsStatus(act(staff(), p3, "publish"), 200));
  const Ids republished = found("单车");
  EXPECT_EQ(republished, (Ids{p1, p3, p2}));
  EXPECT_EQ(std::count(republished.begin(), republished.end(), unpublished), 0);
  // Search pages also stop at the latest thousand, with their own advice.
  const Response far = anonymous.get("/public/proposals?page=51&q=" + url_encode("单车"));
  ASSERT_TRUE(IsError(far, 400, "request.bad_query"));
  EXPECT_NE(far.fields().value("page", "").find("关键词"), std::string::npos) << far.describe();
  expect_search_index_consistent();
}

}  // namespace
}  // namespace lvzhi::api_test
