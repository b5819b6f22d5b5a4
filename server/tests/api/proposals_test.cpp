// Proposals over HTTP: the whole story from draft to closing with every role, the moves each role
// may not make (refused with a clear code, nothing changed), scope (a unit never sees another
// unit's proposal, nobody sees another member's draft) and attachment abuse.
#include <ctime>

#include "excel/xlsx_reader.hpp"
#include "proposal_fixture.hpp"

namespace lvzhi::api_test {
namespace {

class Proposals : public ProposalFixture {};

TEST_F(Proposals, TheWholeStoryFromDraftToClosing) {
  // Drafting with autosave: the version guards against a stale tab.
  const Response created = first_->post("/proposals", {{"title", "关于加强社区居家养老服务"}});
  ASSERT_TRUE(IsStatus(created, 201));
  const long long id = created.json.value("id", 0LL);
  EXPECT_EQ(created.json["state"], "draft");
  EXPECT_EQ(created.json["kind"], "inter_session");
  const long long version = created.json.value("version", 0LL);
  const Response saved = first_->patch(path(id), {{"version", version},
                                                  {"title", "关于加强社区居家养老服务的建议"},
                                                  {"analysis", "天河区老龄化……"},
                                                  {"suggestions", "一、……"},
                                                  {"category_id", category_},
                                                  {"cosigner_ids", {cosigner_id_}}});
  ASSERT_TRUE(IsStatus(saved, 200));
  EXPECT_TRUE(IsError(first_->patch(path(id), {{"version", version}, {"title", "旧标签页"}}), 409,
                      "proposal.version_conflict"));
  // Nobody else sees a draft, not even the invited co-signer or staff.
  EXPECT_TRUE(IsError(cosigner_->get(path(id)), 404, "proposal.not_found"));
  EXPECT_TRUE(IsError(staff().get(path(id)), 404, "proposal.not_found"));

  const Response submitted = act(*first_, id, "submit");
  ASSERT_TRUE(IsStatus(submitted, 200));
  EXPECT_EQ(submitted.json["state"], "awaiting_cosigners");
  const Response invitations = cosigner_->get("/proposals?queue=cosign_invitations");
  ASSERT_TRUE(IsStatus(invitations, 200));
  EXPECT_EQ(invitations.json["total"], 1);
  EXPECT_GE(server().query_int("SELECT COUNT(*) FROM notifications WHERE kind = "
                               "'proposal.cosign_invited'"),
            1);
  const Response accepted = act(*cosigner_, id, "answer_cosign", {{"accept", true}});
  ASSERT_TRUE(IsStatus(accepted, 200));
  EXPECT_EQ(accepted.json["state"], "submitted");

  ASSERT_TRUE(IsStatus(act(staff(), id, "accept"), 200));
  const Response filed = act(staff(), id, "file");
  ASSERT_TRUE(IsStatus(filed, 200));
  EXPECT_EQ(filed.json["number_label"], "第0001号");

  const Response assigned =
      act(staff(), id, "assign",
          {{"mode", "lead"},
           {"units",
            {{{"unit_id", lead_unit_}, {"role", "lead"}}, {{"unit_id", co_unit_}, {"role", "co"}}}},
           {"comment", "请民政局主办，卫健局会办"}});
  ASSERT_TRUE(IsStatus(assigned, 200));
  EXPECT_EQ(assigned.json["state"], "assigned");
  const long long lead = assignment_of(assigned, lead_unit_);
  const long long co = assignment_of(assigned, co_unit_);
  ASSERT_NE(lead, 0);
  ASSERT_NE(co, 0);
  std::string first_deadline;
  for (const auto& a : assigned.json["assignments"]) {
    if (a["id"] == lead) first_deadline = a["deadline"];
  }
  // A unit that was not assigned does not learn the proposal exists.
  EXPECT_TRUE(IsError(other_clerk_->get(path(id)), 404, "proposal.not_found"));
  EXPECT_TRUE(IsError(act_on(*other_clerk_, id, lead, "acknowledge"), 404, "proposal.not_found"));

  ASSERT_TRUE(IsStatus(act_on(*co_clerk_, id, co, "acknowledge"), 200));
  const Response handling = act_on(*lead_clerk_, id, lead, "acknowledge");
  ASSERT_TRUE(IsStatus(handling, 200));
  EXPECT_EQ(handling.json["state"], "handling");

  // The lead replies only once the co-unit's opinion is in.
  EXPECT_TRUE(IsError(act_on(*lead_clerk_, id, lead, "draft_reply", reply("A")), 409,
                      "assignment.co_opinions_missing"));
  ASSERT_TRUE(IsStatus(
      act_on(*co_clerk_, id, co, "send_opinion", {{"comment", "建议结合家庭医生签约服务"}}), 200));
  const Response lead_view = lead_clerk_->get(path(id));
  ASSERT_TRUE(IsStatus(lead_view, 200));
  bool opinion_seen = false;
  for (const auto& a : lead_view.json["assignments"]) {
    if (a["id"] == co) opinion_seen = a["opinion"] == "建议结合家庭医生签约服务";
  }
  EXPECT_TRUE(opinion_seen) << lead_view.describe();
  // The proposer sees neither the opinion nor its timeline step: it is between the units.
  const Response proposer_view = first_->get(path(id, "/timeline"));
  for (const auto& e : proposer_view.json["items"]) EXPECT_NE(e["action"], "send_opinion");

  const Response incomplete =
      act_on(*lead_clerk_, id, lead, "draft_reply", {{"reply_text", "已阅"}});
  EXPECT_TRUE(IsError(incomplete, 422, "assignment.reply_incomplete"));
  EXPECT_TRUE(incomplete.fields().contains("contact_method")) << incomplete.describe();
  ASSERT_TRUE(IsStatus(act_on(*lead_clerk_, id, lead, "draft_reply", reply("A")), 200));
  EXPECT_TRUE(IsError(act_on(*lead_clerk_, id, lead, "sign_off"), 403, "workflow.not_permitted"));
  ASSERT_TRUE(IsStatus(act_on(*lead_head_, id, lead, "sign_off"), 200));
  const Response replied = act_on(staff(), id, lead, "accept_reply", {{"reply_class", "B"}});
  ASSERT_TRUE(IsStatus(replied, 200));
  EXPECT_EQ(replied.json["state"], "replied");
  // The reply names the head who signed it and each assignment its unit (looked up per row).
  const Response head_me = lead_head_->get("/auth/me");
  ASSERT_TRUE(IsStatus(head_me, 200));
  bool named_signer = false;
  for (const auto& a : replied.json["assignments"]) {
    EXPECT_EQ(a["unit"]["name"], a["unit"]["id"] == lead_unit_ ? "区民政局" : "区卫生健康局");
    if (a["id"] == lead) {
      EXPECT_EQ(a["signed_by"]["id"], head_me.json["user"]["id"]) << replied.describe();
      EXPECT_EQ(a["signed_by"]["display_name"], head_me.json["user"]["display_name"]);
      named_signer = true;
    }
  }
  EXPECT_TRUE(named_signer) << replied.describe();
  const Response listed = staff().get("/proposals?state=replied");
  ASSERT_TRUE(IsStatus(listed, 200));
  ASSERT_EQ(listed.json["items"].size(), 1U) << listed.describe();
  EXPECT_EQ(listed.json["items"][0]["units"][0]["name"], "区民政局");

  // The proposers read the reply and rate it.
  const Response seen = first_->get(path(id));
  ASSERT_TRUE(IsStatus(seen, 200));
  EXPECT_TRUE(offers(seen, "rate")) << seen.describe();
  EXPECT_TRUE(IsValidationError(act(*first_, id, "rate", {{"rating", "dissatisfied"}}), "comment"));
  const Response again =
      act(*first_, id, "rate", {{"rating", "dissatisfied"}, {"comment", "长者饭堂选址未落实"}});
  ASSERT_TRUE(IsStatus(again, 200));
  EXPECT_EQ(again.json["state"], "rehandling");
  const Response rated_timeline = staff().get(path(id, "/timeline"));
  const json& last_rating =
      rated_timeline.json["items"].back()["action"] == "reopen"
          ? rated_timeline.json["items"][rated_timeline.json["items"].size() - 2]
          : rated_timeline.json["items"].back();
  EXPECT_EQ(last_rating["action"], "rate");
  EXPECT_EQ(last_rating["from_state"], "replied");
  EXPECT_EQ(last_rating["to_state"], "rehandling");
  EXPECT_EQ(again.json["rating_round"], 2);
  // The re-handled reply is due rehandle_months (1) after the rating, before the first deadline.
  for (const auto& a : again.json["assignments"]) {
    if (a["id"] == lead) {
      EXPECT_EQ(a["state"], "handling");
      EXPECT_LT(a["deadline"].get<std::string>(), first_deadline);
    }
  }

  ASSERT_TRUE(IsStatus(act_on(*lead_clerk_, id, lead, "draft_reply", reply("A")), 200));
  ASSERT_TRUE(IsStatus(act_on(*lead_head_, id, lead, "sign_off"), 200));
  ASSERT_TRUE(IsStatus(act_on(staff(), id, lead, "accept_reply"), 200));
  ASSERT_TRUE(IsStatus(act(*first_, id, "rate", {{"rating", "satisfied"}}), 200));
  EXPECT_TRUE(
      IsError(act(*first_, id, "rate", {{"rating", "satisfied"}}), 409, "proposal.already_rated"));
  const Response closed = act(*cosigner_, id, "rate", {{"rating", "basically_satisfied"}});
  ASSERT_TRUE(IsStatus(closed, 200));
  EXPECT_EQ(closed.json["state"], "closed");

  // Every step is on the timeline and in the audit log.
  const Response timeline = staff().get(path(id, "/timeline"));
  ASSERT_TRUE(IsStatus(timeline, 200));
  std::vector<std::string> actions;
  for (const auto& e : timeline.json["items"]) actions.push_back(e["action"]);
  for (const char* expected :
       {"create", "submit", "answer_cosign", "cosigners_answered", "accept", "file", "assign",
        "acknowledge", "all_acknowledged", "send_opinion", "draft_reply", "sign_off",
        "accept_reply", "all_replied", "rate", "reopen"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), expected), actions.end()) << expected;
  }
  EXPECT_GE(server().query_int("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'proposal.%'"),
            static_cast<long long>(actions.size()));
}

TEST_F(Proposals, ForbiddenMovesAreRefusedAndChangeNothing) {
  const long long id = draft(false);
  ASSERT_TRUE(IsStatus(act(*first_, id, "submit"), 200));
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(act(*first_, id, "accept"), 403, "workflow.not_permitted"));
  EXPECT_TRUE(IsError(act(*leader_, id, "accept"), 403, "workflow.not_permitted"));
  EXPECT_TRUE(IsError(act(*first_, id, "submit"), 409, "workflow.invalid_state"));
  EXPECT_TRUE(IsError(act(staff(), id, "file"), 409, "workflow.invalid_state"));
  EXPECT_TRUE(IsError(act(staff(), id, "return"), 422, "workflow.comment_required"));
  // The server's own moves are not requests.
  EXPECT_TRUE(IsError(act(staff(), id, "all_replied"), 400, "workflow.unknown_action"));
  EXPECT_TRUE(IsError(act(staff(), id, "fly"), 400, "workflow.unknown_action"));
  EXPECT_TRUE(IsError(act(*outsider_, id, "withdraw"), 404, "proposal.not_found"));
  EXPECT_TRUE(IsError(act(*lead_clerk_, id, "accept"), 404, "proposal.not_found"));
  EXPECT_TRUE(IsError(staff().send("POST", path(id, "/actions/return"), "{", "application/json"),
                      400, "request.malformed_json"));
  EXPECT_TRUE(unchanged.check());

  // The moves the caller may make are listed, and only those.
  const Response mine = first_->get(path(id));
  ASSERT_TRUE(IsStatus(mine, 200));
  EXPECT_EQ(mine.json["actions"], json::array({"withdraw"}));
  const Response staffs = staff().get(path(id));
  EXPECT_EQ(staffs.json["actions"], json::array({"return", "accept"}));
  EXPECT_TRUE(IsStatus(act(staff(), id, "return", {{"comment", "请补充数据来源"}}), 200));
  const Response returned = first_->get(path(id));
  EXPECT_EQ(returned.json["state"], "returned");
  EXPECT_TRUE(offers(returned, "resubmit"));
  EXPECT_TRUE(offers(returned, "edit"));
}

TEST_F(Proposals, NotFilingNeedsAGroundAndIncompleteDraftsAreNotSubmitted) {
  const Response bare = first_->post("/proposals", {{"title", "只有案由"}});
  ASSERT_TRUE(IsStatus(bare, 201));
  const long long bare_id = bare.json.value("id", 0LL);
  const Response incomplete = act(*first_, bare_id, "submit");
  EXPECT_TRUE(IsError(incomplete, 422, "proposal.incomplete"));
  EXPECT_TRUE(incomplete.fields().contains("analysis")) << incomplete.describe();

  const long long id = draft(false);
  ASSERT_TRUE(IsStatus(act(*first_, id, "submit"), 200));
  ASSERT_TRUE(IsStatus(act(staff(), id, "accept"), 200));
  EXPECT_TRUE(IsValidationError(act(staff(), id, "not_file", {{"ground", "dislike"}}), "ground"));
  const Response not_filed = act(staff(), id, "not_file", {{"ground", "personal"}});
  ASSERT_TRUE(IsStatus(not_filed, 200));
  EXPECT_EQ(not_filed.json["state"], "not_filed");
  EXPECT_EQ(not_filed.json["number"], nullptr);
  const Response converted = act(staff(), id, "convert", {{"disposition", "member_letter"}});
  ASSERT_TRUE(IsStatus(converted, 200));
  EXPECT_EQ(converted.json["disposition"], "member_letter");
}

TEST_F(Proposals, NumbersArePerSessionAndNeverReused) {
  const long long one = filed();
  const long long two = filed();
  EXPECT_EQ(staff().get(path(one)).json["number"], 1);
  EXPECT_EQ(staff().get(path(two)).json["number"], 2);
  // Merging the second into the first keeps its number; the next filing gets 3.
  ASSERT_TRUE(IsStatus(act(staff(), two, "merge_into", {{"primary_id", one}}), 200));
  const long long three = filed();
  EXPECT_EQ(staff().get(path(three)).json["number"], 3);
  const Response primary = staff().get(path(one));
  EXPECT_EQ(primary.json["merged"].size(), 1U);
}

TEST_F(Proposals, ReassignmentAndExtension) {
  const long long id = filed();
  const Response assigned =
      act(staff(), id, "assign",
          {{"mode", "single"}, {"units", {{{"unit_id", other_unit_}, {"role", "single"}}}}});
  ASSERT_TRUE(IsStatus(assigned, 200));
  const long long first_assignment = assignment_of(assigned, other_unit_);
  // Only a unit head asks to be relieved; staff decide.
  EXPECT_TRUE(IsError(act_on(*other_clerk_, id, first_assignment, "request_reassign",
                             {{"comment", "不属于我局职责"}}),
                      403, "workflow.not_permitted"));
  auto head = unit_user("unit_head", other_unit_);
  ASSERT_TRUE(IsStatus(
      act_on(*head, id, first_assignment, "request_reassign", {{"comment", "不属于我局职责"}}),
      200));
  const Response queue = staff().get("/proposals?queue=reassign_requests");
  EXPECT_EQ(queue.json["total"], 1);
  const Response moved =
      act_on(staff(), id, first_assignment, "approve_reassign", {{"unit_id", lead_unit_}});
  ASSERT_TRUE(IsStatus(moved, 200));
  const long long second = assignment_of(moved, lead_unit_);
  ASSERT_NE(second, 0);
  EXPECT_TRUE(IsError(other_clerk_->get(path(id)), 404, "proposal.not_found"));

  ASSERT_TRUE(IsStatus(act_on(*lead_clerk_, id, second, "acknowledge"), 200));
  ASSERT_TRUE(IsStatus(
      act_on(*lead_head_, id, second, "request_extension", {{"comment", "需财政预算配合"}}), 200));
  EXPECT_TRUE(
      IsError(act_on(*lead_head_, id, second, "request_extension", {{"comment", "再延一次"}}), 409,
              "assignment.extension_used"));
  const std::string before = staff().get(path(id)).json["assignments"][1]["deadline"];
  const Response extended = act_on(staff(), id, second, "approve_extension");
  ASSERT_TRUE(IsStatus(extended, 200));
  for (const auto& a : extended.json["assignments"]) {
    if (a["id"] == second) {
      EXPECT_EQ(a["extension_status"], "approved");
      EXPECT_GT(a["deadline"].get<std::string>(), before);
    }
  }
}

// The detail counts an open assignment's working days left from the calendar as it stands: a day
// staff mark as a holiday is one working day fewer, and marking it working again gives it back.
TEST_F(Proposals, DaysLeftFollowTheCalendar) {
  const long long id = filed();
  const Response assigned =
      act(staff(), id, "assign",
          {{"mode", "single"}, {"units", {{{"unit_id", lead_unit_}, {"role", "single"}}}}});
  ASSERT_TRUE(IsStatus(assigned, 200));
  const long long assignment = assignment_of(assigned, lead_unit_);
  const auto days_left = [&] {
    const Response detail = staff().get(path(id));
    for (const auto& a : detail.json["assignments"]) {
      if (a["id"] == assignment) return a["days_left"].get<int>();
    }
    ADD_FAILURE() << "assignment " << assignment << " not in the detail";
    return 0;
  };
  // A day a week after the assignment, well before its deadline (months away).
  std::string assigned_on;
  for (const auto& a : assigned.json["assignments"]) {
    if (a["id"] == assignment) assigned_on = a["assigned_on"];
  }
  ASSERT_EQ(assigned_on.size(), 10U);
  std::tm day{};
  day.tm_year = std::stoi(assigned_on.substr(0, 4)) - 1900;
  day.tm_mon = std::stoi(assigned_on.substr(5, 2)) - 1;
  day.tm_mday = std::stoi(assigned_on.substr(8, 2)) + 7;
  day.tm_hour = 12;
  std::mktime(&day);  // normalises the day of the month
  char text[11];
  ASSERT_EQ(std::strftime(text, sizeof text, "%Y-%m-%d", &day), 10U);
  const std::string week_later = std::string("/calendar/days/") + text;

  const int before = days_left();
  EXPECT_GT(before, 20);
  ASSERT_TRUE(
      IsStatus(staff().put(week_later, {{"is_workday", false}, {"name", "临时调整"}}), 200));
  const int as_holiday = days_left();
  ASSERT_TRUE(IsStatus(staff().put(week_later, {{"is_workday", true}, {"name", "临时调整"}}), 200));
  EXPECT_EQ(days_left(), as_holiday + 1);
  EXPECT_LE(as_holiday, before);
}

TEST_F(Proposals, AttachmentsAreCheckedBeforeAnythingIsStored) {
  const long long id = draft(false);
  const std::string boundary = "lvzhiBoundary7MA4YWxk";
  const auto body = [&](const std::string& name, const std::string& content) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
           name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" +
           boundary + "--\r\n";
  };
  const std::string type = "multipart/form-data; boundary=" + boundary;
  const std::string pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
  const Response uploaded =
      first_->send("POST", path(id, "/attachments"), body("调研报告.pdf", pdf), type);
  ASSERT_TRUE(IsStatus(uploaded, 201));
  const long long attachment = uploaded.json.value("id", 0LL);
  const Response fetched = first_->get(path(id, "/attachments/" + std::to_string(attachment)));
  ASSERT_TRUE(IsStatus(fetched, 200));
  EXPECT_EQ(fetched.body, pdf);
  EXPECT_NE(fetched.header("content-disposition").find("filename*=UTF-8''"), std::string::npos);

  const Unchanged unchanged(server());
  EXPECT_TRUE(
      IsError(first_->send("POST", path(id, "/attachments"), body("tool.exe", "MZ\x90"), type), 415,
              "attachment.bad_type"));
  EXPECT_TRUE(IsError(first_->send("POST", path(id, "/attachments"),
                                   body("report.pdf", std::string("MZ\x90\x00", 4) + "PE"), type),
                      415, "attachment.type_mismatch"));
  EXPECT_TRUE(IsError(
      first_->send("POST", path(id, "/attachments"), body("../../etc/passwd.pdf", pdf), type), 422,
      "attachment.bad_name"));
  EXPECT_TRUE(IsError(first_->send("POST", path(id, "/attachments"), "not multipart", type), 400,
                      "request.bad_multipart"));
  server().exec_sql(
      "INSERT INTO settings (committee_id, key, value, updated_at) VALUES (1, "
      "'proposal.max_attachment_mb', '1', 0)");
  const Unchanged after_setting(server());
  EXPECT_TRUE(
      IsError(first_->send("POST", path(id, "/attachments"),
                           body("big.pdf", pdf + std::string(std::size_t{1} << 20, 'x')), type),
              413, "attachment.too_large"));
  EXPECT_TRUE(after_setting.check());
  // Someone else may neither fetch nor add files.
  EXPECT_TRUE(IsError(outsider_->get(path(id, "/attachments/" + std::to_string(attachment))), 404,
                      "proposal.not_found"));
}

TEST_F(Proposals, QueuesCountEachRolesWork) {
  const long long id = filed();
  const auto count = [](Client& client, const std::string& code) {
    const Response queues = client.get("/proposals/queues");
    for (const auto& q : queues.json["queues"]) {
      if (q["code"] == code) return q.value("count", -1LL);
    }
    return -1LL;
  };
  EXPECT_EQ(count(staff(), "to_assign"), 1);
  EXPECT_EQ(count(*first_, "my_proposals"), 1);
  EXPECT_EQ(count(*first_, "to_check"), -1);  // not a member's queue
  ASSERT_TRUE(IsStatus(
      act(staff(), id, "assign",
          {{"mode", "single"}, {"units", {{{"unit_id", lead_unit_}, {"role", "single"}}}}}),
      200));
  EXPECT_EQ(count(*lead_clerk_, "unit_new"), 1);
  EXPECT_EQ(count(*other_clerk_, "unit_new"), 0);
  EXPECT_EQ(count(staff(), "to_assign"), 0);
  EXPECT_TRUE(IsError(staff().get("/proposals?queue=unit_new"), 400, "request.bad_query"));
}

TEST_F(Proposals, DeadlineRemindersReachTheUnitOnce) {
  const long long id = filed();
  const Response assigned =
      act(staff(), id, "assign",
          {{"mode", "single"}, {"units", {{{"unit_id", lead_unit_}, {"role", "single"}}}}});
  ASSERT_TRUE(IsStatus(assigned, 200));
  const std::string deadline = assigned.json["assignments"][0]["deadline"];
  const auto reminders = [&](const std::string& kind) {
    return server().query_int("SELECT COUNT(*) FROM notifications WHERE kind = 'proposal." + kind +
                              "'");
  };
  // Ten days before the deadline is within the 15-day window; the day after it is overdue.
  const auto day_before = [&](int days) {
    const int year = std::stoi(deadline.substr(0, 4));
    const int month = std::stoi(deadline.substr(5, 2));
    const int day = std::stoi(deadline.substr(8, 2));
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day - days;
    tm.tm_hour = 12;
    std::mktime(&tm);
    char text[11];
    std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
    return std::string(text);
  };
  const auto run = [&](const std::string& date) {
    const CliResult result =
        server().cli({"proposals", "remind", "--db", server().db_url(), "--date", date});
    EXPECT_EQ(result.exit_code, 0) << result.output;
    return result.output;
  };
  EXPECT_NE(run(day_before(30)).find("sent: 0"), std::string::npos);
  EXPECT_EQ(reminders("due_soon"), 0);
  // The unit's clerk and head each hear once.
  EXPECT_NE(run(day_before(10)).find("sent: 2"), std::string::npos);
  EXPECT_NE(run(day_before(9)).find("sent: 0"), std::string::npos);  // only once
  EXPECT_EQ(reminders("due_soon"), 2);
  EXPECT_NE(run(day_before(-1)).find("sent: 2"), std::string::npos);
  EXPECT_NE(run(day_before(-2)).find("sent: 0"), std::string::npos);  // overdue once too
  EXPECT_EQ(reminders("overdue"), 2);
  const Response inbox = lead_clerk_->get("/notifications?unread=true");
  ASSERT_TRUE(IsStatus(inbox, 200));
  bool linked = false;
  for (const auto& n : inbox.json["items"]) {
    if (n["kind"] == "proposal.overdue") linked = n["link"] == "/proposals/" + std::to_string(id);
  }
  EXPECT_TRUE(linked) << inbox.describe();
  const CliResult bad =
      server().cli({"proposals", "remind", "--db", server().db_url(), "--date", "2022-02-30"});
  EXPECT_NE(bad.exit_code, 0);
}

TEST_F(Proposals, StaffSetTheCommitteesDeadlinesAndReplyClasses) {
  const Response defaults = staff().get("/proposals/settings");
  ASSERT_TRUE(IsStatus(defaults, 200));
  EXPECT_EQ(defaults.json["reply_months"], 3);
  EXPECT_EQ(defaults.json["rehandle_months"], 1);
  EXPECT_EQ(defaults.json["reply_classes"].size(), 3U);
  EXPECT_TRUE(IsError(first_->get("/proposals/settings"), 403, "auth.forbidden"));

  const Unchanged unchanged(server());
  const Response bad = staff().patch("/proposals/settings", {{"reply_months", 0},
                                                             {"rehandle_months", 7},
                                                             {"extended_months", "six"},
                                                             {"reply_classes", {{{"code", "A"}}}}});
  EXPECT_TRUE(IsValidationError(bad, "reply_months"));
  EXPECT_TRUE(bad.fields().contains("extended_months")) << bad.describe();
  EXPECT_TRUE(bad.fields().contains("rehandle_months")) << bad.describe();
  EXPECT_TRUE(bad.fields().contains("reply_classes")) << bad.describe();
  EXPECT_TRUE(IsValidationError(
      staff().patch("/proposals/settings", {{"reply_months", 6}, {"extended_months", 6}}),
      "extended_months"));
  EXPECT_TRUE(unchanged.check());

  // Four classes and a two-month deadline, as some committees have.
  const json classes = json::array({{{"code", "A"}, {"name", "已解决"}},
                                    {{"code", "B"}, {"name", "正在解决"}},
                                    {{"code", "C"}, {"name", "列入计划"}},
                                    {{"code", "D"}, {"name", "留作参考"}}});
  const Response saved =
      staff().patch("/proposals/settings", {{"reply_months", 2}, {"reply_classes", classes}});
  ASSERT_TRUE(IsStatus(saved, 200));
  EXPECT_EQ(saved.json["reply_months"], 2);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM audit_log WHERE action = "
                               "'proposal.settings_update'"),
            1);
  const Response options = first_->get("/proposals/options");
  EXPECT_EQ(options.json["reply_classes"].size(), 4U);

  const long long id = filed();
  const Response assigned =
      act(staff(), id, "assign",
          {{"mode", "single"}, {"units", {{{"unit_id", lead_unit_}, {"role", "single"}}}}});
  ASSERT_TRUE(IsStatus(assigned, 200));
  const std::string on = assigned.json["assignments"][0]["assigned_on"];
  const std::string due = assigned.json["assignments"][0]["deadline"];
  // Two months on (moved to a working day at most a few days later), not three.
  const int months = (std::stoi(due.substr(0, 4)) - std::stoi(on.substr(0, 4))) * 12 +
                     std::stoi(due.substr(5, 2)) - std::stoi(on.substr(5, 2));
  // (A month end rolled to the next working day may cross into the month after.)
  EXPECT_TRUE(months == 2 || (months == 3 && std::stoi(due.substr(8, 2)) <= 7))
      << on << " → " << due;
  const long long assignment = assignment_of(assigned, lead_unit_);
  ASSERT_TRUE(IsStatus(act_on(*lead_clerk_, id, assignment, "acknowledge"), 200));
  ASSERT_TRUE(IsStatus(act_on(*lead_clerk_, id, assignment, "draft_reply", reply("D")), 200));
}

TEST_F(Proposals, ExportTheFilteredListTheCallerSees) {
  filed();
  const long long draft_id = draft(false);  // the member's own draft: theirs alone
  ASSERT_NE(draft_id, 0);
  const auto rows = [](const Response& file) {
    auto sheet = excel::read_first_sheet(file.body);
    EXPECT_TRUE(sheet.ok());
    return sheet.ok() ? sheet->rows : std::vector<excel::SheetRow>{};
  };
  const Response staff_file = staff().get("/proposals/export?state=filed");
  ASSERT_TRUE(IsStatus(staff_file, 200));
  EXPECT_NE(staff_file.header("content-disposition").find("filename*=UTF-8''"), std::string::npos);
  const auto staff_rows = rows(staff_file);
  ASSERT_EQ(staff_rows.size(), 2U) << "header + the filed proposal (never the draft)";
  EXPECT_EQ(staff_rows[0].cell(0), "编号");
  EXPECT_EQ(staff_rows[1].cell(0), "第0001号");
  EXPECT_EQ(staff_rows[1].cell(1), "关于加强社区居家养老服务的建议");
  EXPECT_EQ(staff_rows[1].cell(6), "已立案");
  // The member exports their own two; the outsider nothing; a bad filter is refused.
  EXPECT_EQ(rows(first_->get("/proposals/export")).size(), 3U);
  EXPECT_EQ(rows(outsider_->get("/proposals/export")).size(), 1U);
  EXPECT_TRUE(IsError(staff().get("/proposals/export?session_id=x"), 400, "request.bad_query"));
  // The search finds a proposal by its number as well as by title or proposer.
  EXPECT_EQ(staff().get("/proposals?q=" + std::string("%E7%AC%AC0001%E5%8F%B7")).json["total"], 1);
  EXPECT_EQ(staff().get("/proposals?q=1").json["total"], 1);
  EXPECT_EQ(staff().get("/proposals?q=2").json["total"], 0);
}

}  // namespace
}  // namespace lvzhi::api_test
