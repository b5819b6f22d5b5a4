// `lvzhi seed demo` writes the proposals of the model year 2021 (the annual report's figures) and a
// live session in which every work queue of every demo account has work, consistent with the two
// transition tables so that the actions the screens offer work.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/dates.hpp"
#include "core/text.hpp"
#include "domain/auth/account.hpp"
#include "domain/auth/session.hpp"
#include "domain/proposal/proposal.hpp"
#include "domain/seed/demo_data.hpp"
#include "domain/seed/seed_demo.hpp"
#include "domain/seed/seed_proposal_texts.hpp"
#include "domain/seed/seed_proposals.hpp"
#include "files/file_store.hpp"
#include "temp_database.hpp"

namespace lvzhi::seed {
namespace {

std::set<std::string> unit_names() {
  std::set<std::string> names;
  for (const auto& u : demo_data().units) names.insert(u.name);
  return names;
}

TEST(SeedProposalTexts, TopicsAreWellFormed) {
  const auto units = unit_names();
  std::set<std::string> categories;
  for (const auto& c : demo_data().proposal_categories) categories.insert(c.name);
  std::set<std::string> titles;
  for (const auto& topic : proposal_topics()) {
    SCOPED_TRACE(std::string(topic.titles[0]));
    EXPECT_TRUE(categories.contains(std::string(topic.category)));
    EXPECT_TRUE(units.contains(std::string(topic.lead)));
    for (const auto partner : topic.partners) {
      if (!partner.empty()) {
        EXPECT_TRUE(units.contains(std::string(partner))) << partner;
      }
      EXPECT_NE(partner, topic.lead);
    }
    for (const auto title : topic.titles) {
      EXPECT_TRUE(title.starts_with("关于") && title.ends_with("的建议")) << title;
      EXPECT_LE(text::char_count(title), 100U);
      EXPECT_TRUE(titles.insert(std::string(title)).second) << "duplicate title " << title;
    }
    for (const std::uint32_t seed : {1U, 2U, 3U, 4U}) {
      TextRng rng(seed);
      const auto analysis = compose_analysis(topic, rng);
      const auto suggestions = compose_suggestions(topic, rng);
      EXPECT_GE(text::char_count(analysis), 150U) << analysis;
      EXPECT_LE(text::char_count(analysis), 600U) << analysis;
      EXPECT_GE(text::char_count(suggestions), 150U) << suggestions;
      EXPECT_LE(text::char_count(suggestions), 600U) << suggestions;
    }
  }
  // The browser journeys create proposals with these titles and open them by title.
  EXPECT_FALSE(titles.contains("关于加快社区嵌入式养老服务设施建设的建议"));
  EXPECT_FALSE(titles.contains("关于优化公交线网覆盖新建小区的建议"));
  // Enough titles for both years, each used once.
  EXPECT_GE(titles.size(), 220U);
}

// One seeded database per test process (ctest runs each test alone): seeding hashes the demo
// accounts' passwords, the slow part.
class SeededDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    temp_ = new testing::TempDatabase();
    Actor cli;
    cli.username = "cli";
    cli.display_name = "命令行";
    const auto started = std::chrono::steady_clock::now();
    auto seeded = seed_demo(temp_->db(), crypto::random_bytes(32), cli);
    seconds_ = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    ASSERT_TRUE(seeded.ok());
    report_ = new SeedReport(seeded.value());
    files_ = new files::FileStore(std::filesystem::path(temp_->path()).parent_path() / "files");
    service_ = new proposal::ProposalService(temp_->db(), *files_);
  }
  static void TearDownTestSuite() {
    delete service_;
    delete files_;
    delete report_;
    delete temp_;
  }

  static db::Database& db() { return temp_->db(); }

  static long long count(const std::string& sql_text) {
    long long n = 0;
    db().read([&](soci::session& sql) { sql << sql_text, soci::into(n); });
    return n;
  }

  // An actor as the auth middleware would make it for this demo account.
  static Actor actor(const std::string& username) {
    const auto account = db().read(
        [&](soci::session& sql) { return auth::find_account_by_username(sql, username); });
    return account ? auth::make_actor(*account, settings::SecuritySettings{}, false) : Actor{};
  }

  static std::map<std::string, long long> queues(const Actor& a) {
    std::map<std::string, long long> out;
    const auto json = service_->queues(service_->viewer(a));
    for (const auto& q : json["queues"]) out[q["code"]] = q["count"].get<long long>();
    return out;
  }

  static std::vector<long long> queue_ids(const Actor& a, const std::string& queue) {
    proposal::ListQuery query;
    query.queue = queue;
    query.page_size = 100;
    auto listed = service_->list(service_->viewer(a), query);
    EXPECT_TRUE(listed.ok()) << queue;
    std::vector<long long> ids;
    if (!listed.ok()) return ids;
    for (const auto& item : listed.value()["items"]) ids.push_back(item["id"].get<long long>());
    return ids;
  }

  static Json detail(const Actor& a, long long id) {
    auto got = service_->get(service_->viewer(a), id);
    EXPECT_TRUE(got.ok()) << id;
    return got.ok() ? got.value() : Json::object();
  }

  static bool offers(const Json& actions, const std::string& action) {
    return std::find(actions.begin(), actions.end(), action) != actions.end();
  }

  // The caller's unit's assignment of a proposal (the first one in `state`, if given).
  static Json my_assignment(const Json& detail, long long unit_id, const std::string& state = {}) {
    for (const auto& a : detail["assignments"]) {
      if (a["unit"]["id"] == unit_id && (state.empty() || a["state"] == state)) return a;
    }
    return Json::object();
  }

  static long long unit_of(const std::string& username) {
    long long unit = 0;
    db().read([&](soci::session& sql) {
      sql << "SELECT COALESCE(unit_id, 0) FROM users WHERE username = :u", soci::use(username),
          soci::into(unit);
    });
    return unit;
  }

  static inline testing::TempDatabase* temp_ = nullptr;
  static inline SeedReport* report_ = nullptr;
  static inline files::FileStore* files_ = nullptr;
  static inline proposal::ProposalService* service_ = nullptr;
  static inline double seconds_ = 0;
};

// SQLite: the day a proposal was drafted, in Asia/Shanghai.
constexpr const char* kOutOfSession =
    "SELECT COUNT(*) FROM proposals p WHERE p.session_id <> (SELECT s.id FROM plenary_sessions s "
    "WHERE s.start_date <= date(p.created_at + 28800, 'unixepoch') ORDER BY s.start_date DESC "
    "LIMIT 1)";

constexpr const char* kModelSession =
    "(SELECT s.id FROM plenary_sessions s JOIN terms t ON t.id = s.term_id WHERE t.number = 8 AND "
    "s.number = 5)";

std::string in_model_year(const std::string& condition) {
  return fmt::format("SELECT COUNT(*) FROM proposals p WHERE p.session_id = {} AND {}",
                     kModelSession, condition);
}

TEST_F(SeededDemo, ModelYearHasTheReportsFigures) {
  RecordProperty("seed_seconds", std::to_string(seconds_));
  const auto& r = report_->proposals;
  EXPECT_EQ(r.model_year_filed, 107);
  EXPECT_EQ(r.model_year_collective, 28);
  EXPECT_EQ(r.model_year_received, 119);

  // 107 filed, 第0001号 … 第0107号, all closed in 2021, the counter at 107.
  EXPECT_EQ(count(in_model_year("p.number IS NOT NULL")), 107);
  EXPECT_EQ(count(in_model_year("p.number BETWEEN 1 AND 107")), 107);
  EXPECT_EQ(count(in_model_year("p.number IS NOT NULL AND p.state = 'closed' AND p.closed_at "
                                "BETWEEN 1609430400 AND 1640966399")),
            107);
  EXPECT_EQ(count(fmt::format("SELECT last_number FROM proposal_number_counters WHERE "
                              "session_id = {}",
                              kModelSession)),
            107);
  // Received in January–March 2021: filed, 10 not filed on a standard ground, 2 merged.
  EXPECT_EQ(count(in_model_year("p.submitted_at BETWEEN 1610294400 AND 1617206399")), 119);
  EXPECT_EQ(count(in_model_year("p.state = 'not_filed' AND p.not_file_ground IN "
                                "('not_competence', 'no_suggestion', 'multiple_matters')")),
            10);
  EXPECT_GE(count(in_model_year("p.state = 'not_filed' AND p.disposition <> ''")), 3);
  EXPECT_EQ(count(in_model_year("p.state = 'merged' AND EXISTS (SELECT 1 FROM proposals q WHERE "
                                "q.id = p.merged_into_id AND q.number IS NOT NULL)")),
            2);
  EXPECT_EQ(count(in_model_year("p.state = 'merged' AND EXISTS (SELECT 1 FROM proposal_proposers "
                                "pp JOIN proposal_proposers mp ON mp.member_id = pp.member_id "
                                "AND mp.proposal_id = p.merged_into_id AND mp.role = 'merged' "
                                "WHERE pp.proposal_id = p.id AND pp.role = 'first')")),
            2);
  // 28 collective proposals of parties, from several parties; term-8 members only.
  EXPECT_EQ(count(in_model_year("p.number IS NOT NULL AND p.proposer_kind = 'collective' AND "
                                "EXISTS (SELECT 1 FROM reference_items r WHERE r.id = "
                                "p.collective_id AND r.kind = 'party')")),
            28);
  EXPECT_GE(count(fmt::format("SELECT COUNT(DISTINCT collective_id) FROM proposals WHERE "
                              "session_id = {} AND proposer_kind = 'collective'",
                              kModelSession)),
            6);
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM proposal_proposers pp JOIN proposals p ON "
                              "p.id = pp.proposal_id JOIN members m ON m.id = pp.member_id JOIN "
                              "terms t ON t.id = m.term_id WHERE p.session_id = {} AND t.number "
                              "<> 8",
                              kModelSession)),
            0);
  // A member without an account: a paper proposal the office typed in, rated on paper.
  EXPECT_GT(count(in_model_year("EXISTS (SELECT 1 FROM proposal_proposers pp JOIN members m ON "
                                "m.id = pp.member_id WHERE pp.proposal_id = p.id AND pp.role = "
                                "'first' AND m.user_id IS NULL) AND p.owner_user_id IN (SELECT "
                                "user_id FROM user_roles WHERE role = 'staff')")),
            0);
  EXPECT_GT(count(in_model_year("p.proposer_kind = 'member' AND EXISTS (SELECT 1 FROM "
                                "proposal_proposers pp WHERE pp.proposal_id = p.id AND pp.role = "
                                "'cosigner' AND pp.status = 'accepted')")),
            15);

  const auto filed_assignment = [](const std::string& condition) {
    return count(
        fmt::format("SELECT COUNT(*) FROM proposal_assignments a JOIN proposals p ON "
                    "p.id = a.proposal_id WHERE p.session_id = {} AND p.number IS NOT "
                    "NULL AND {}",
                    kModelSession, condition));
  };
  // Every filed proposal assigned; every replying unit replied on time with a class, a text and
  // a contact record; co-units sent their opinions.
  EXPECT_EQ(count(in_model_year("p.number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                                "proposal_assignments a WHERE a.proposal_id = p.id AND a.role <> "
                                "'co')")),
            0);
  EXPECT_EQ(filed_assignment("a.role <> 'co' AND NOT (a.state = 'replied' AND a.replied_on IS "
                             "NOT NULL AND a.replied_on <= a.deadline AND a.reply_class IN ('A', "
                             "'B', 'C') AND a.reply_text <> '' AND a.contact_method <> '' AND "
                             "a.contact_note <> '' AND a.contact_date BETWEEN a.assigned_on AND "
                             "a.replied_on)"),
            0);
  // Signed off by the head where the unit has demo accounts.
  EXPECT_EQ(filed_assignment("a.role <> 'co' AND a.signed_by_user_id IS NULL AND EXISTS (SELECT "
                             "1 FROM users u WHERE u.unit_id = a.unit_id)"),
            0);
  EXPECT_EQ(filed_assignment("a.role = 'co' AND NOT (a.state = 'done' AND a.opinion <> '')"), 0);
  EXPECT_EQ(filed_assignment("a.assigned_on NOT LIKE '2021-%' OR a.deadline <= a.assigned_on"), 0);
  EXPECT_GT(filed_assignment("a.role = 'lead'"), 10);
  EXPECT_GT(filed_assignment("a.role = 'separate'"), 4);
  EXPECT_GT(filed_assignment("a.reply_class = 'A'"), filed_assignment("a.reply_class = 'C'"));
  EXPECT_GT(filed_assignment("a.reply_class = 'B'"), filed_assignment("a.reply_class = 'C'"));
  EXPECT_GE(count(fmt::format("SELECT COUNT(DISTINCT a.unit_id) FROM proposal_assignments a "
                              "JOIN proposals p ON p.id = a.proposal_id WHERE p.session_id = {}",
                              kModelSession)),
            15);
  // Every proposer satisfied or basically satisfied in the first round: 100% satisfaction.
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM proposal_proposers pp JOIN proposals p ON "
                              "p.id = pp.proposal_id WHERE p.session_id = {} AND p.number IS NOT "
                              "NULL AND pp.status = 'accepted' AND NOT (pp.rating IN "
                              "('satisfied', 'basically_satisfied') AND pp.rating_round = 1 AND "
                              "p.rating_round = 1)",
                              kModelSession)),
            0);
  // 8 key proposals supervised by leaders, 6 visits; 30 published after closing.
  EXPECT_EQ(count(in_model_year("p.is_key = 1 AND p.supervisor_user_id IN (SELECT user_id FROM "
                                "user_roles WHERE role = 'leader')")),
            8);
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM proposal_supervisions s JOIN proposals p ON "
                              "p.id = s.proposal_id WHERE p.session_id = {} AND s.leader_user_id "
                              "= p.supervisor_user_id",
                              kModelSession)),
            6);
  EXPECT_EQ(count(in_model_year("p.is_published = 1 AND p.published_at > p.closed_at")), 30);
  // Commendations: 20 excellent proposals of the year, 15 model units that handled its proposals.
  EXPECT_EQ(count("SELECT COUNT(*) FROM commendations c JOIN proposals p ON p.id = c.proposal_id "
                  "WHERE c.year = 2021 AND c.kind = 'excellent_proposal' AND c.state = "
                  "'approved' AND c.reason <> '' AND c.decided_by IS NOT NULL AND p.number IS "
                  "NOT NULL"),
            20);
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM commendations c WHERE c.year = 2021 AND "
                              "c.kind = 'model_unit' AND c.state = 'approved' AND c.reason <> '' "
                              "AND EXISTS (SELECT 1 FROM proposal_assignments a JOIN proposals p "
                              "ON p.id = a.proposal_id WHERE a.unit_id = c.unit_id AND "
                              "p.session_id = {})",
                              kModelSession)),
            15);
  // The timeline of every filed proposal has its main steps.
  for (const char* action :
       {"create", "submit", "accept", "file", "assign", "acknowledge", "all_acknowledged",
        "draft_reply", "sign_off", "accept_reply", "all_replied"}) {
    EXPECT_EQ(count(in_model_year(fmt::format("p.number IS NOT NULL AND NOT EXISTS (SELECT 1 "
                                              "FROM proposal_events e WHERE e.proposal_id = p.id "
                                              "AND e.action = '{}')",
                                              action))),
              0)
        << action;
  }
  EXPECT_EQ(count(in_model_year("p.number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
                                "proposal_events e WHERE e.proposal_id = p.id AND e.action IN "
                                "('rate', 'rate_on_behalf') AND e.to_state = 'closed')")),
            0);
}

TEST_F(SeededDemo, RecordsFollowTheTransitionTables) {
  const auto bad = [](const std::string& condition) {
    return count("SELECT COUNT(*) FROM proposals p WHERE " + condition);
  };
  const std::string open_replying =
      "EXISTS (SELECT 1 FROM proposal_assignments a WHERE a.proposal_id = p.id AND a.role <> "
      "'co' AND a.state NOT IN ('replied', 'cancelled'))";
  const std::string not_acknowledged =
      "EXISTS (SELECT 1 FROM proposal_assignments a WHERE a.proposal_id = p.id AND a.state IN "
      "('pending', 'reassign_requested'))";
  const std::string co_open =
      "EXISTS (SELECT 1 FROM proposal_assignments a WHERE a.proposal_id = p.id AND a.role = 'co' "
      "AND a.state NOT IN ('done', 'cancelled'))";
  EXPECT_EQ(bad("p.state = 'assigned' AND NOT " + not_acknowledged), 0);
  EXPECT_EQ(bad("p.state IN ('handling', 'rehandling') AND (" + not_acknowledged + " OR NOT " +
                open_replying + ")"),
            0);
  EXPECT_EQ(bad("p.state IN ('replied', 'closed') AND (" + open_replying + " OR " + co_open + ")"),
            0);
  EXPECT_EQ(bad("p.state IN ('draft', 'awaiting_cosigners', 'submitted', 'returned', "
                "'under_review', 'filed', 'not_filed', 'merged', 'withdrawn') AND EXISTS (SELECT "
                "1 FROM proposal_assignments a WHERE a.proposal_id = p.id)"),
            0);
  // Numbers exactly for the filed ones; drafts have no submission time.
  EXPECT_EQ(bad("(p.number IS NOT NULL) <> (p.state IN ('filed', 'assigned', 'handling', "
                "'replied', 'rehandling', 'closed'))"),
            0);
  EXPECT_EQ(bad("(p.submitted_at IS NULL) <> (p.state = 'draft')"), 0);
  // A proposal belongs to the session running (or begun last) on the day it was drafted; plenary
  // ones were drafted while it ran.
  EXPECT_EQ(count(kOutOfSession), 0);
  EXPECT_EQ(bad("p.kind = 'plenary' AND date(p.created_at + 28800, 'unixepoch') > (SELECT "
                "s.end_date FROM plenary_sessions s WHERE s.id = p.session_id)"),
            0);
  // Co-signers: invited ones only before submission is complete.
  EXPECT_EQ(bad("p.state = 'awaiting_cosigners' AND NOT EXISTS (SELECT 1 FROM proposal_proposers "
                "pp WHERE pp.proposal_id = p.id AND pp.status = 'invited')"),
            0);
  EXPECT_EQ(bad("p.state NOT IN ('draft', 'awaiting_cosigners') AND EXISTS (SELECT 1 FROM "
                "proposal_proposers pp WHERE pp.proposal_id = p.id AND pp.status = 'invited')"),
            0);
  // Ratings: never ahead of the proposal's round; closed means everyone rated the last round,
  // unless a consultation closed it.
  EXPECT_EQ(count("SELECT COUNT(*) FROM proposal_proposers pp JOIN proposals p ON p.id = "
                  "pp.proposal_id WHERE pp.rating_round > p.rating_round"),
            0);
  EXPECT_EQ(bad("p.state = 'closed' AND NOT EXISTS (SELECT 1 FROM proposal_events e WHERE "
                "e.proposal_id = p.id AND e.action = 'close_after_consultation') AND EXISTS "
                "(SELECT 1 FROM proposal_proposers pp WHERE pp.proposal_id = p.id AND pp.status "
                "= 'accepted' AND (pp.rating_round <> p.rating_round OR pp.rating NOT IN "
                "('satisfied', 'basically_satisfied')))"),
            0);
  EXPECT_EQ(bad("p.consultation_required = 1 AND NOT (p.state = 'replied' AND p.rating_round = 2)"),
            0);
  EXPECT_EQ(bad("p.state = 'rehandling' AND p.rating_round <> 2"), 0);
  // The timeline runs forward, ends with the proposal's state, and nothing happened after now.
  EXPECT_EQ(count("SELECT COUNT(*) FROM proposal_events e JOIN proposal_events f ON f.proposal_id "
                  "= e.proposal_id AND f.id > e.id AND f.at < e.at"),
            0);
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM proposal_events WHERE at > {}", now_seconds())),
            0);
  EXPECT_EQ(bad("p.state <> (SELECT e.to_state FROM proposal_events e WHERE e.proposal_id = p.id "
                "AND e.assignment_id IS NULL AND e.to_state <> '' ORDER BY e.id DESC LIMIT 1)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM proposal_assignments a WHERE a.state <> (SELECT "
                  "e.to_state FROM proposal_events e WHERE e.assignment_id = a.id ORDER BY e.id "
                  "DESC LIMIT 1)"),
            0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM proposals p WHERE NOT EXISTS (SELECT 1 FROM "
                  "proposal_search s WHERE s.proposal_id = p.id)"),
            0);
}

TEST_F(SeededDemo, LiveSessionIsThisYearsAndHasEveryState) {
  const std::string today = dates::today();
  const auto& r = report_->proposals;
  EXPECT_FALSE(r.live_session.empty());
  EXPECT_GE(r.live_proposals, 60);
  ASSERT_EQ(r.demo_members.size(), 5U);
  EXPECT_EQ(r.demo_members.front().username, "m0901001");
  // Sessions: one per year, none ahead of this year.
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM plenary_sessions WHERE start_date > '{}-12-31'",
                              today.substr(0, 4))),
            0);
  const int year = std::stoi(today.substr(0, 4));
  if (year >= 2024 && year <= 2026) {
    EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM plenary_sessions WHERE start_date LIKE "
                                "'{}-%'",
                                year)),
              1);
  }
  // What is drafted today belongs to the session begun last (this year's from 2024 on).
  const std::string current = fmt::format(
      "(SELECT id FROM plenary_sessions WHERE start_date <= '{}' ORDER BY start_date DESC LIMIT 1)",
      today);
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM proposals WHERE state = 'draft' AND "
                              "session_id <> {}",
                              current)),
            0);
  // Every state of both tables among the live proposals: those of term 9. (Early in the year some
  // of them — overdue, re-handled — still belong to last year's session.)
  const std::string live =
      "(SELECT s.id FROM plenary_sessions s JOIN terms t ON t.id = s.term_id WHERE t.number = 9)";
  for (const char* state : {"draft", "awaiting_cosigners", "submitted", "returned", "under_review",
                            "filed", "not_filed", "merged", "assigned", "handling", "replied",
                            "rehandling", "closed", "withdrawn"}) {
    EXPECT_GT(count(fmt::format("SELECT COUNT(*) FROM proposals WHERE session_id IN {} AND state "
                                "= '{}'",
                                live, state)),
              0)
        << state;
  }
  for (const char* state : {"pending", "handling", "reassign_requested", "cancelled", "reply_draft",
                            "reply_review", "replied", "done"}) {
    EXPECT_GT(count(fmt::format("SELECT COUNT(*) FROM proposal_assignments a JOIN proposals p ON "
                                "p.id = a.proposal_id WHERE p.session_id IN {} AND a.state = '{}'",
                                live, state)),
              0)
        << state;
  }
  EXPECT_EQ(count(fmt::format("SELECT COUNT(*) FROM proposals WHERE session_id IN {}", live)),
            r.live_proposals);
}

TEST_F(SeededDemo, EveryQueueOfEveryDemoAccountHasWork) {
  std::vector<std::string> accounts;
  for (const auto& a : demo_data().accounts) accounts.push_back(a.username);
  for (const auto& m : report_->proposals.demo_members) accounts.push_back(m.username);
  for (const auto& username : accounts) {
    const auto a = actor(username);
    ASSERT_NE(a.user_id, 0) << username;
    const auto counts = queues(a);
    EXPECT_FALSE(counts.empty()) << username;
    for (const auto& [queue, n] : counts) {
      EXPECT_GT(n, 0) << username << " has nothing in " << queue;
    }
  }
}

// The add_queue conditions (proposal_queries.cpp) as of `day`, in SQL: which demo account has
// nothing in which queue.
std::vector<std::string> empty_queues(soci::session& sql, const std::string& day) {
  std::vector<std::string> empty;
  const auto soon = dates::add_days(day, 15).value_or(day);
  const std::string open =
      "a.state IN ('pending', 'handling', 'reassign_requested', 'reply_draft', 'reply_review')";
  const auto none = [&](const std::string& who, const std::string& queue,
                        const std::string& condition) {
    long long n = 0;
    sql << "SELECT COUNT(*) FROM proposals p WHERE p.state <> 'draft' AND " + condition,
        soci::into(n);
    if (n == 0) empty.push_back(who + " " + queue);
  };
  const auto assignment = [&](const std::string& condition) {
    return "EXISTS (SELECT 1 FROM proposal_assignments a WHERE a.proposal_id = p.id AND " +
           condition + ")";
  };
  none("staff", "to_check", "p.state = 'submitted'");
  none("staff", "to_review", "p.state = 'under_review'");
  none("staff", "to_assign", "p.state = 'filed'");
  none("staff", "reassign_requests", assignment("a.state = 'reassign_requested'"));
  none("staff", "extension_requests",
       assignment("a.extension_status = 'requested' AND a.state = 'handling'"));
  none("staff", "replies_to_accept", assignment("a.state = 'reply_review'"));
  none("staff", "to_consult", "p.state = 'replied' AND p.consultation_required = 1");
  none(
      "staff", "due_soon",
      assignment(fmt::format("{} AND a.deadline >= '{}' AND a.deadline <= '{}'", open, day, soon)));
  none("staff", "overdue", assignment(fmt::format("{} AND a.deadline < '{}'", open, day)));
  for (const auto& account : demo_data().accounts) {
    long long user = 0;
    long long unit = 0;
    sql << "SELECT id, COALESCE(unit_id, 0) FROM users WHERE username = :u",
        soci::use(account.username), soci::into(user), soci::into(unit);
    const auto mine = [&](const std::string& condition) {
      return assignment(fmt::format("a.unit_id = {} AND {}", unit, condition));
    };
    if (account.role == "leader") {
      none(account.username, "supervising",
           fmt::format("p.is_key = 1 AND p.supervisor_user_id = {}", user));
    }
    if (unit == 0) continue;
    none(account.username, "unit_new", mine("a.state = 'pending'"));
    none(account.username, "unit_handling", mine("a.state = 'handling'"));
    none(account.username, "unit_sent_back",
         mine("a.state = 'handling' AND (SELECT e.action FROM proposal_events e WHERE "
              "e.assignment_id = a.id ORDER BY e.id DESC LIMIT 1) IN ('return_draft', "
              "'return_reply')"));
    none(account.username, "unit_due_soon",
         mine(fmt::format("{} AND a.deadline <= '{}'", open, soon)));
    if (account.role == "unit_head") {
      none(account.username, "unit_to_sign", mine("a.state = 'reply_draft'"));
    }
  }
  for (int i = 1; i <= 5; ++i) {
    const std::string username = fmt::format("m090100{}", i);
    long long user = 0;
    sql << "SELECT id FROM users WHERE username = :u", soci::use(username), soci::into(user);
    const auto proposer = [&](const std::string& condition) {
      return fmt::format(
          "EXISTS (SELECT 1 FROM proposal_proposers pp JOIN members m ON m.id = pp.member_id "
          "WHERE pp.proposal_id = p.id AND m.user_id = {} AND {})",
          user, condition);
    };
    long long drafts = 0;
    sql << "SELECT COUNT(*) FROM proposals WHERE owner_user_id = :u AND state IN ('draft', "
           "'returned')",
        soci::use(user), soci::into(drafts);
    if (drafts == 0) empty.push_back(username + " my_drafts");
    none(username, "cosign_invitations",
         "p.state = 'awaiting_cosigners' AND " + proposer("pp.status = 'invited'"));
    none(username, "to_rate",
         "p.state = 'replied' AND p.consultation_required = 0 AND " +
             proposer("pp.status = 'accepted' AND pp.rating_round < p.rating_round"));
    none(username, "my_proposals", proposer("pp.status = 'accepted'"));
  }
  return empty;
}

// The live session is told back from the day the seed runs: on any day — before this year's
// session, the day after it began, late in the year — every queue has work, and nothing happened
// on or after that day. (Each day inside a transaction that is rolled back.)
TEST_F(SeededDemo, LiveSessionWorksWhateverTheDay) {
  long long committee = 0;
  db().read([&](soci::session& sql) {
    sql << "SELECT committee_id FROM users WHERE username = 'tianhe_staff2'", soci::into(committee);
  });
  const std::vector<std::string> days{"2024-01-03", "2024-01-09", "2024-02-18",
                                      "2025-04-10", "2025-10-09", "2025-12-31",
                                      "2026-01-05", "2027-03-15", dates::today()};
  for (const auto& day : days) {
    SCOPED_TRACE(day);
    std::vector<std::string> empty;
    long long late = 0;
    long long drafts_elsewhere = 0;
    long long out_of_session = 0;
    auto undone = db().write([&](soci::session& sql) -> Status {
      for (const char* table : {"proposal_search", "proposal_events", "proposal_supervisions",
                                "commendations", "proposal_attachments", "proposal_number_counters",
                                "proposal_assignments", "proposal_proposers", "proposals"}) {
        sql << std::string("DELETE FROM ") + table;
      }
      const auto report = seed_proposals(sql, committee, day);
      EXPECT_EQ(report.model_year_filed, 107);
      empty = empty_queues(sql, day);
      // Nothing on or after `day` (00:00 in Asia/Shanghai).
      const auto midnight =
          (std::chrono::sys_days{std::chrono::year{std::stoi(day.substr(0, 4))} /
                                 std::stoi(day.substr(5, 2)) / std::stoi(day.substr(8, 2))}
               .time_since_epoch()
               .count()) *
              86400LL -
          8 * 3600;
      sql << "SELECT COUNT(*) FROM proposal_events WHERE at >= :m", soci::use(midnight),
          soci::into(late);
      // Each proposal belongs to the session of the day it was drafted, drafts to the one begun
      // last.
      sql << kOutOfSession, soci::into(out_of_session);
      sql << "SELECT COUNT(*) FROM proposals WHERE state = 'draft' AND session_id <> (SELECT id "
             "FROM plenary_sessions WHERE start_date < :d ORDER BY start_date DESC LIMIT 1)",
          soci::use(day), soci::into(drafts_elsewhere);
      return make_error(contract::err::kRequestBadQuery);  // roll back
    });
    EXPECT_FALSE(undone.ok());
    EXPECT_TRUE(empty.empty()) << fmt::format("{}", fmt::join(empty, ", "));
    EXPECT_EQ(late, 0);
    EXPECT_EQ(drafts_elsewhere, 0);
    EXPECT_EQ(out_of_session, 0);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM proposals"),
            report_->proposals.model_year_received + report_->proposals.live_proposals);
}

// What each queue's rows offer the account, and that doing it works.
TEST_F(SeededDemo, QueuedWorkCanBeDone) {
  const auto staff = actor("tianhe_staff2");
  const auto check = [&](const Actor& who, const std::string& queue, const std::string& action) {
    const auto ids = queue_ids(who, queue);
    EXPECT_FALSE(ids.empty()) << queue;
    for (const auto id : ids) {
      EXPECT_TRUE(offers(detail(who, id)["actions"], action))
          << who.username << " " << queue << " #" << id << " lacks " << action;
    }
    return ids;
  };
  const auto act = [&](const Actor& who, long long id, const std::string& action,
                       const Json& input) {
    auto done = service_->act(service_->viewer(who), id, action, input);
    EXPECT_TRUE(done.ok()) << who.username << " " << action << " #" << id << ": "
                           << (done.ok() ? "" : done.error().message);
  };
  const auto act_on = [&](const Actor& who, long long id, long long assignment,
                          const std::string& action, const Json& input) {
    auto done = service_->act_on_assignment(service_->viewer(who), id, assignment, action, input);
    EXPECT_TRUE(done.ok()) << who.username << " " << action << " #" << id << "/" << assignment
                           << ": " << (done.ok() ? "" : done.error().message);
  };
  // Each assignment in the staff's assignment queues offers the staff's move.
  const auto check_assignments = [&](const std::string& queue, const std::string& state,
                                     const std::string& action) {
    std::vector<std::pair<long long, long long>> out;
    for (const auto id : queue_ids(staff, queue)) {
      const auto proposal = detail(staff, id);
      for (const auto& a : proposal["assignments"]) {
        if (a["state"] != state) continue;
        if (state == "handling" && a["extension_status"] != "requested") continue;
        EXPECT_TRUE(offers(a["actions"], action)) << queue << " #" << id;
        out.emplace_back(id, a["id"].get<long long>());
      }
    }
    EXPECT_FALSE(out.empty()) << queue;
    return out;
  };

  // Staff.
  act(staff, check(staff, "to_check", "accept").front(), "accept", Json::object());
  act(staff, check(staff, "to_review", "file").front(), "file", Json::object());
  const long long free_unit = unit_of("unit_fgj_clerk");
  const auto to_assign = check(staff, "to_assign", "assign");
  act(staff, to_assign.front(), "assign",
      Json{{"mode", "single"}, {"units", {{{"unit_id", free_unit}, {"role", "single"}}}}});
  const auto reassign =
      check_assignments("reassign_requests", "reassign_requested", "approve_reassign");
  act_on(staff, reassign.front().first, reassign.front().second, "approve_reassign",
         Json{{"unit_id", unit_of("unit_zjj_clerk")}});
  const auto extension = check_assignments("extension_requests", "handling", "approve_extension");
  act_on(staff, extension.front().first, extension.front().second, "approve_extension",
         Json::object());
  const auto review = check_assignments("replies_to_accept", "reply_review", "accept_reply");
  act_on(staff, review.front().first, review.front().second, "accept_reply", Json::object());
  act(staff, check(staff, "to_consult", "close_after_consultation").front(),
      "close_after_consultation", Json{{"comment", "面商后双方达成一致"}});

  // Units: every row of their queues offers the unit's move.
  for (const auto& code : {"fgj", "jyj", "mzj", "zjj", "jtj", "wjj", "cgj", "shahe"}) {
    const auto clerk = actor(fmt::format("unit_{}_clerk", code));
    const auto head = actor(fmt::format("unit_{}_head", code));
    const long long unit = unit_of(clerk.username);
    for (const auto id : queue_ids(clerk, "unit_new")) {
      const auto a = my_assignment(detail(clerk, id), unit, "pending");
      EXPECT_TRUE(offers(a["actions"], "acknowledge")) << code << " #" << id;
    }
    for (const auto id : queue_ids(head, "unit_to_sign")) {
      const auto a = my_assignment(detail(head, id), unit, "reply_draft");
      EXPECT_TRUE(offers(a["actions"], "sign_off")) << code << " #" << id;
    }
    for (const auto id : queue_ids(clerk, "unit_sent_back")) {
      const auto a = my_assignment(detail(clerk, id), unit, "handling");
      EXPECT_TRUE(offers(a["actions"], "draft_reply")) << code << " #" << id;
    }
    for (const auto id : queue_ids(clerk, "unit_handling")) {
      const auto a = my_assignment(detail(clerk, id), unit, "handling");
      const bool co = a["role"] == "co";
      EXPECT_TRUE(offers(a["actions"], co ? "send_opinion" : "save_reply")) << code << " #" << id;
    }
  }
  {
    const auto clerk = actor("unit_mzj_clerk");
    const auto head = actor("unit_mzj_head");
    const long long unit = unit_of(clerk.username);
    const auto fresh = queue_ids(clerk, "unit_new").front();
    const auto id_of = [](const Json& assignment) { return assignment["id"].get<long long>(); };
    act_on(clerk, fresh, id_of(my_assignment(detail(clerk, fresh), unit, "pending")), "acknowledge",
           Json::object());
    const auto back = queue_ids(clerk, "unit_sent_back").front();
    act_on(clerk, back, id_of(my_assignment(detail(clerk, back), unit, "handling")), "draft_reply",
           Json::object());
    const auto sign = queue_ids(head, "unit_to_sign").front();
    act_on(head, sign, id_of(my_assignment(detail(head, sign), unit, "reply_draft")), "sign_off",
           Json::object());
  }
  {  // a co-unit sends its opinion to the lead unit
    const auto clerk = actor("unit_mzj_clerk");
    const long long unit = unit_of(clerk.username);
    bool sent = false;
    for (const auto id : queue_ids(clerk, "unit_handling")) {
      const auto a = my_assignment(detail(clerk, id), unit, "handling");
      if (a["role"] != "co") continue;
      act_on(clerk, id, a["id"].get<long long>(), "send_opinion",
             Json{{"comment", "同意主办单位意见"}});
      sent = true;
      break;
    }
    EXPECT_TRUE(sent);
  }

  // Members.
  for (const auto& m : report_->proposals.demo_members) {
    const auto member = actor(m.username);
    for (const auto id : queue_ids(member, "my_drafts")) {
      const auto draft = detail(member, id);
      EXPECT_TRUE(offers(draft["actions"], draft["state"] == "draft" ? "submit" : "resubmit"))
          << m.username << " #" << id;
    }
    check(member, "cosign_invitations", "answer_cosign");
    check(member, "to_rate", "rate");
  }
  const auto m1 = actor("m0901001");
  act(m1, queue_ids(m1, "to_rate").front(), "rate", Json{{"rating", "satisfied"}});
  act(m1, queue_ids(m1, "cosign_invitations").front(), "answer_cosign", Json{{"accept", true}});
  for (const auto id : queue_ids(m1, "my_drafts")) {
    if (detail(m1, id)["state"] == "draft") {
      act(m1, id, "submit", Json::object());
      break;
    }
  }

  // Leaders record a supervision visit on the key proposals they supervise.
  for (const auto& a : demo_data().accounts) {
    if (a.role != "leader") continue;
    const auto leader = actor(a.username);
    const auto ids = check(leader, "supervising", "record_supervision");
    act(leader, ids.front(), "record_supervision",
        Json{{"visit_date", dates::today()}, {"comment", "到承办单位督办"}});
  }
}

}  // namespace
}  // namespace lvzhi::seed
