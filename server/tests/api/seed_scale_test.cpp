// `lvzhi seed scale` (benchmark data) against a live database: the rows go in by COPY on
// PostgreSQL and by multi-row INSERTs on SQLite, and what they make must be data the API serves
// like any other — scoped lists, search, statistics, and new rows after them (sequences moved).
#include <algorithm>
#include <array>
#include <regex>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "harness.hpp"
#include "search/tokenizer.hpp"

namespace lvzhi::api_test {
namespace {

class SeedScale : public ApiTest {};

constexpr const char* kPassword = "Bench#Lvzhi-2026";

TEST_F(SeedScale, WritesProposalsAtEveryStepThatTheApiServes) {
  const bool sqlite = server().db_kind() == "sqlite";
  const std::string count_indexes =
      sqlite ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
             : "SELECT COUNT(*) FROM pg_indexes WHERE schemaname = current_schema()";
  const long long indexes = server().query_int(count_indexes);
  const auto seeded = server().cli({"seed", "scale", "--db", server().db_url(), "--proposals",
                                    "300", "--committees", "3", "--password", kPassword});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(seeded.output, match, std::regex(R"(prefix=(\S+))")))
      << seeded.output;
  const std::string prefix = match[1].str();
  if (!sqlite) {
    // Every page of the load is all-visible, so index-only scans skip it: VACUUMed, or (the
    // search documents, loaded into their emptied table) written frozen by COPY FREEZE.
    for (const char* table : {"proposals", "proposal_events", "proposal_search"}) {
      EXPECT_EQ(
          server().query_int(fmt::format(
              "SELECT relpages - relallvisible FROM pg_class WHERE oid = '{}'::regclass", table)),
          0)
          << table;
    }
    // …and every table has the planner's statistics (the frozen documents by ANALYZE alone).
    EXPECT_GT(server().query_int("SELECT COUNT(*) FROM pg_stats WHERE tablename = "
                                 "'proposal_search' AND attname = 'tsv'"),
              0);
    // Nor does autovacuum come to mark their frozen TOAST pages (~9 minutes at 2M proposals).
    EXPECT_EQ(server().query_int(
                  "SELECT COUNT(*) FROM pg_class c JOIN pg_class t ON t.oid = c.reltoastrelid "
                  "WHERE c.oid = 'proposal_search'::regclass AND "
                  "'autovacuum_vacuum_insert_threshold=-1' = ANY(t.reloptions)"),
              1);
    // The documents' columns are compressed with lz4 (migration 0014), where the server has it.
    if (server().query_int("SELECT COUNT(*) FROM pg_settings WHERE name = "
                           "'default_toast_compression' AND 'lz4' = ANY(enumvals)") == 1) {
      EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM pg_attribute WHERE attrelid = "
                                   "'proposal_search'::regclass AND attname IN ('tokens', 'tsv') "
                                   "AND attcompression = 'l'"),
                2);
    }
    // The public search's rows lie in publication order, as publishing writes them (so the GIN
    // index's lists follow it too, and a search of the latest days reads only their ends).
    EXPECT_GT(server().query_int("SELECT COUNT(*) FROM public_search"), 1);
    EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM (SELECT position, LAG(position) OVER "
                                 "(ORDER BY ctid) AS before FROM public_search) x WHERE before > "
                                 "position"),
              0);
    // Each word's count of published proposals (migration 0016; written here with the triggers
    // off) is what counting the rows finds.
    EXPECT_EQ(server().query_int(kPublicTermMismatches), 0);
  }
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM proposals"), 300);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM proposal_search"), 300);
  EXPECT_EQ(server().query_int("SELECT COUNT(DISTINCT state) FROM proposals"), 11);
  // Every numbered proposal is unique in its session and the counters agree.
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM (SELECT session_id, number FROM proposals "
                               "WHERE number IS NOT NULL GROUP BY session_id, number HAVING "
                               "COUNT(*) > 1) d"),
            0);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM proposal_number_counters c WHERE "
                               "c.last_number <> (SELECT MAX(number) FROM proposals p WHERE "
                               "p.session_id = c.session_id)"),
            0);
  // The indexes dropped for the load are all back.
  EXPECT_EQ(server().query_int(count_indexes), indexes);
  // Every reference holds (PostgreSQL skips its per-row foreign-key checks for a superuser).
  for (const auto& [table, column, parent] : std::vector<std::array<std::string, 3>>{
           {"proposals", "committee_id", "committees"},
           {"proposals", "session_id", "plenary_sessions"},
           {"proposals", "category_id", "reference_items"},
           {"proposals", "owner_user_id", "users"},
           {"members", "term_id", "terms"},
           {"members", "sector_id", "reference_items"},
           {"members", "user_id", "users"},
           {"users", "unit_id", "handling_units"},
           {"proposal_proposers", "proposal_id", "proposals"},
           {"proposal_proposers", "member_id", "members"},
           {"proposal_assignments", "proposal_id", "proposals"},
           {"proposal_assignments", "unit_id", "handling_units"},
           {"proposal_events", "proposal_id", "proposals"},
           {"proposal_events", "actor_user_id", "users"},
           {"proposal_search", "proposal_id", "proposals"},
           {"proposal_number_counters", "session_id", "plenary_sessions"}}) {
    EXPECT_EQ(server().query_int(fmt::format("SELECT COUNT(*) FROM {0} c LEFT JOIN {2} p ON p.id "
                                             "= c.{1} WHERE c.{1} IS NOT NULL AND p.id IS NULL",
                                             table, column, parent)),
              0)
        << table << "." << column;
  }
  if (sqlite) {  // FTS5's write settings changed for the load are back to their defaults
    EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM proposal_fts_config WHERE (k = 'hashsize' "
                                 "AND v = 1048576) OR (k = 'automerge' AND v = 4) OR (k = "
                                 "'crisismerge' AND v = 16)"),
              3);
    // The index holds exactly what its content view derives from the loaded tokens.
    EXPECT_NO_THROW(server().exec_sql(
        "INSERT INTO proposal_fts(proposal_fts, rank) VALUES ('integrity-check', 1)"));
  }

  Account staff{0, prefix + "staff", kPassword};
  Client staff_client = server().login_user(staff);
  const long long committee =
      server().query_int("SELECT committee_id FROM users WHERE username = '" + prefix + "staff'");
  const Response list = staff_client.get("/proposals?page_size=5");
  ASSERT_TRUE(IsStatus(list, 200));
  // Staff see their committee's proposals except other people's drafts (their own paper drafts
  // included).
  EXPECT_EQ(
      list.json["total"],
      server().query_int(
          "SELECT COUNT(*) FROM proposals WHERE committee_id = " + std::to_string(committee) +
          " AND (state <> 'draft' OR owner_user_id = (SELECT id FROM users WHERE username = '" +
          prefix + "staff'))"));
  // Every page tells the same total: a full page and a page past the end count it, the last,
  // short page tells it by its own length.
  const long long total = list.json["total"];
  long long size = 7;
  while (total % size == 0) ++size;
  // Pages 1 and 2 follow on: the latest change first (then the higher id), each proposal once.
  std::vector<std::pair<long long, long long>> order;  // updated_at, id
  for (const long long page : {1LL, 2LL, total / size + 1, total / size + 2}) {
    const Response p = staff_client.get(fmt::format("/proposals?page_size={}&page={}", size, page));
    ASSERT_TRUE(IsStatus(p, 200));
    EXPECT_EQ(p.json["total"], total) << page;
    const long long shown = std::min(size, std::max(0LL, total - (page - 1) * size));
    EXPECT_EQ(p.json["items"].size(), static_cast<std::size_t>(shown)) << page;
    if (page <= 2) {
      for (const auto& item : p.json["items"]) order.emplace_back(item["updated_at"], item["id"]);
    }
  }
  ASSERT_EQ(order.size(), static_cast<std::size_t>(std::min(total, 2 * size)));
  for (std::size_t i = 1; i < order.size(); ++i) EXPECT_GT(order[i - 1], order[i]) << i;
  // Search finds exactly the committee's visible proposals holding the token: the index narrows
  // to the committee (PostgreSQL by its scope token, SQLite by its stretch of FTS row numbers),
  // and the other committees' matches stay out.
  const std::string visible =
      " AND (p.state <> 'draft' OR p.owner_user_id = (SELECT id FROM users WHERE username = '" +
      prefix + "staff'))";
  const std::string holding = " AND (' ' || s.tokens || ' ') LIKE '% 停车 %'";
  const Response search = staff_client.get("/proposals?q=%E5%81%9C%E8%BD%A6");  // 停车
  ASSERT_TRUE(IsStatus(search, 200));
  const long long matching = server().query_int(
      "SELECT COUNT(*) FROM proposals p JOIN proposal_search s ON s.proposal_id = p.id WHERE "
      "p.committee_id = " +
      std::to_string(committee) + visible + holding);
  EXPECT_GT(matching, 0);
  EXPECT_EQ(search.json["total"], matching) << search.describe();
  EXPECT_GT(server().query_int("SELECT COUNT(*) FROM proposal_search s WHERE s.committee_id <> " +
                               std::to_string(committee) + holding),
            0);
  // The index's own answer for the committee, every proposal counted (drafts too).
  const std::string in_committee =
      sqlite ? fmt::format(
                   "SELECT COUNT(*) FROM proposal_fts WHERE proposal_fts MATCH '\"停车\"' "
                   "AND rowid BETWEEN {0} * 4294967296 AND {0} * 4294967296 + 4294967295",
                   committee)
             : fmt::format(
                   "SELECT COUNT(*) FROM proposal_search WHERE tsv @@ CAST('''{}'' & "
                   "''停车''' AS tsquery)",
                   search::scope_token(committee));
  EXPECT_EQ(server().query_int(in_committee),
            server().query_int("SELECT COUNT(*) FROM proposal_search s WHERE s.committee_id = " +
                               std::to_string(committee) + holding));
  // The public search's index of published proposals: built once after the load (SQLite) or
  // written with the triggers off (PostgreSQL), it holds every published proposal, and a search
  // lists them latest publication first.
  if (sqlite) {
    EXPECT_NO_THROW(server().exec_sql(
        "INSERT INTO public_fts(public_fts, rank) VALUES ('integrity-check', 1)"));
  } else {
    EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM public_search"),
              server().query_int(
                  "SELECT COUNT(*) FROM proposals WHERE is_published = 1 AND state = 'closed'"));
  }
  const std::string published_holding =
      "FROM proposals p JOIN proposal_search s ON s.proposal_id = p.id WHERE p.is_published = 1 "
      "AND p.state = 'closed' AND (' ' || s.tokens || ' ') LIKE '% 建议 %'";
  const long long published = server().query_int("SELECT COUNT(*) " + published_holding);
  ASSERT_GT(published, 1);
  const Response public_search =
      server().client().get("/public/proposals?page_size=100&q=%E5%BB%BA%E8%AE%AE");  // 建议
  ASSERT_TRUE(IsStatus(public_search, 200));
  EXPECT_EQ(public_search.json["total"], published);
  EXPECT_EQ(public_search.json["items"][0]["id"],
            server().query_int("SELECT p.id " + published_holding +
                               " ORDER BY p.published_at DESC, p.id DESC LIMIT 1"));
  const Response stats = staff_client.get("/proposals/stats?year=2022");
  ASSERT_TRUE(IsStatus(stats, 200));
  EXPECT_GT(stats.json["counts"][0]["count"].get<long long>(), 0) << stats.describe();
  // The trend (one pass over all years) agrees with each year's own counts.
  ASSERT_GE(stats.json["trend"].size(), 2U) << stats.describe();
  for (const auto& year : stats.json["trend"]) {
    const Response one =
        staff_client.get("/proposals/stats?year=" + std::to_string(year["year"].get<int>()));
    ASSERT_TRUE(IsStatus(one, 200));
    for (const auto& c : one.json["counts"]) {
      const std::string stat = c["stat"];
      if (year.contains(stat)) {
        EXPECT_EQ(year[stat], c["count"]) << year.dump() << " " << stat;
      }
    }
  }

  // New rows after the bulk ones: PostgreSQL's sequences were moved past the given ids.
  Account member{0, prefix + "member", kPassword};
  Client member_client = server().login_user(member);
  // The member's queue starts from their proposer rows: exactly their accepted proposals.
  const Response mine = member_client.get("/proposals?queue=my_proposals&page_size=5");
  ASSERT_TRUE(IsStatus(mine, 200));
  const Response one_page = member_client.get("/proposals?queue=my_proposals&page_size=50");
  ASSERT_TRUE(IsStatus(one_page, 200));
  EXPECT_EQ(one_page.json["total"], mine.json["total"]);  // a short first page, no count
  EXPECT_EQ(one_page.json["items"].size(), one_page.json["total"].get<std::size_t>());
  EXPECT_EQ(mine.json["total"],
            server().query_int("SELECT COUNT(DISTINCT pp.proposal_id) FROM proposal_proposers pp "
                               "JOIN members m ON m.id = pp.member_id JOIN users u ON u.id = "
                               "m.user_id JOIN proposals p ON p.id = pp.proposal_id WHERE "
                               "u.username = '" +
                               prefix +
                               "member' AND pp.status = 'accepted' AND (p.state <> 'draft' OR "
                               "p.owner_user_id = u.id)"));
  // The bench's member proposes the same number at every scale (make bench compares their queue):
  // here and in a second, larger run beside it.
  const auto bench_member_rows = [&](const std::string& of) {
    return server().query_int(
        "SELECT COUNT(*) FROM proposal_proposers pp JOIN members m ON m.id = pp.member_id JOIN "
        "users u ON u.id = m.user_id WHERE u.username = '" +
        of + "member'");
  };
  EXPECT_EQ(bench_member_rows(prefix), 6);
  const long long documents = server().query_int("SELECT COUNT(*) FROM proposal_search");
  const auto larger = server().cli({"seed", "scale", "--db", server().db_url(), "--proposals",
                                    "1000", "--committees", "4", "--password", kPassword});
  ASSERT_EQ(larger.exit_code, 0) << larger.output;
  ASSERT_TRUE(std::regex_search(larger.output, match, std::regex(R"(prefix=(\S+))")))
      << larger.output;
  EXPECT_EQ(bench_member_rows(match[1].str()), 6);
  // Appended beside the documents already there (no TRUNCATE then), and VACUUMed.
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM proposal_search"), documents + 1000);
  if (!sqlite) {
    EXPECT_EQ(server().query_int("SELECT relpages - relallvisible FROM pg_class WHERE oid = "
                                 "'proposal_search'::regclass"),
              0);
  }
  const Response draft =
      member_client.post("/proposals", {{"title", "关于规模测试后新起草的建议"}});
  ASSERT_TRUE(IsStatus(draft, 201)) << draft.describe();

  // Refused without writing anything.
  const long long before = server().query_int("SELECT COUNT(*) FROM committees");
  EXPECT_NE(server()
                .cli({"seed", "scale", "--db", server().db_url(), "--proposals", "10",
                      "--committees", "0", "--password", kPassword})
                .exit_code,
            0);
  EXPECT_NE(server()
                .cli({"seed", "scale", "--db", server().db_url(), "--proposals", "10", "--password",
                      "short"})
                .exit_code,
            0);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM committees"), before);
}

// The public list spans every committee: it pages through the latest 1,000 published proposals
// and counts no further (a count of the country's would grow with it).
TEST_F(SeedScale, ThePublicListPagesTheLatestThousandAndCountsNoFurther) {
  const auto seeded = server().cli({"seed", "scale", "--db", server().db_url(), "--proposals",
                                    "1100", "--committees", "2", "--password", kPassword});
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  // Every proposal published, the highest id the latest.
  server().exec_sql(
      "UPDATE proposals SET state = 'closed', is_published = 1, published_at = 1700000000 + id");
  ASSERT_GT(server().query_int("SELECT COUNT(*) FROM proposals WHERE is_published = 1"), 1000);
  const auto nth_latest = [&](int n) {
    return server().query_int("SELECT id FROM proposals ORDER BY id DESC LIMIT 1 OFFSET " +
                              std::to_string(n - 1));
  };
  Client anonymous = server().client();
  const Response first = anonymous.get("/public/proposals?page_size=100");
  ASSERT_TRUE(IsStatus(first, 200));
  EXPECT_EQ(first.json["total"], 1000);
  EXPECT_EQ(first.json["total_exact"], false);
  EXPECT_EQ(first.json["items"][0]["id"], nth_latest(1));
  EXPECT_FALSE(first.json["items"][0]["committee_name"].get<std::string>().empty());
  EXPECT_FALSE(first.json["items"][0]["published_on"].get<std::string>().empty());
  // The last page offered is full: the 901st to the 1,000th latest.
  const Response last = anonymous.get("/public/proposals?page=10&page_size=100");
  ASSERT_TRUE(IsStatus(last, 200));
  ASSERT_EQ(last.json["items"].size(), 100U);
  EXPECT_EQ(last.json["items"][99]["id"], nth_latest(1000));
  EXPECT_EQ(last.json["total"], 1000);
  // Beyond it: a clear refusal, not a scan of the country.
  EXPECT_TRUE(
      IsError(anonymous.get("/public/proposals?page=11&page_size=100"), 400, "request.bad_query"));
  EXPECT_TRUE(IsError(anonymous.get("/public/proposals?page=51"), 400, "request.bad_query"));

  // A search of them too: the latest thousand matches, no count beyond.
  const Response searched =
      anonymous.get("/public/proposals?page=10&page_size=100&q=%E5%BB%BA%E8%AE%AE");
  ASSERT_TRUE(IsStatus(searched, 200));
  EXPECT_EQ(searched.json["total"], 1000);
  EXPECT_EQ(searched.json["total_exact"], false);
  ASSERT_EQ(searched.json["items"].size(), 100U);
  EXPECT_EQ(searched.json["items"][99]["id"], nth_latest(1000));
  EXPECT_TRUE(IsError(anonymous.get("/public/proposals?page=11&page_size=100&q=%E5%BB%BA%E8%AE%AE"),
                      400, "request.bad_query"));
  // PostgreSQL's search of so many matches reads a page from the latest two days' matches when
  // they hold it, else from the latest 30-day period's, else from all (migrations 0013 and 0015).
  // Published 48 a day, the two days hold the first pages of 20 and the period the rest; a day
  // apart, the period holds 30 and most pages come from all. Every page is the list's page.
  const auto page_ids = [](const Response& r) {
    std::vector<long long> ids;
    for (const auto& item : r.json["items"]) ids.push_back(item["id"].get<long long>());
    return ids;
  };
  for (const int spacing : {1800, 86400}) {
    server().exec_sql(
        fmt::format("UPDATE proposals SET published_at = 1700000000 + id * {}", spacing));
    for (const int size : {20, 100}) {
      for (int page = 1; page * size <= 1000; ++page) {
        const auto where = fmt::format("page={}&page_size={}", page, size);
        const Response listed = anonymous.get("/public/proposals?" + where);
        const Response found = anonymous.get("/public/proposals?q=%E5%BB%BA%E8%AE%AE&" + where);
        ASSERT_TRUE(IsStatus(found, 200));
        EXPECT_EQ(page_ids(found), page_ids(listed)) << where << " spacing " << spacing;
        ASSERT_EQ(page_ids(found).size(), static_cast<std::size_t>(size)) << where;
        EXPECT_EQ(found.json["total_exact"], false) << where;
      }
    }
  }

  // Under the limit the count is exact, from a short page or counted.
  server().exec_sql("UPDATE proposals SET is_published = 0 WHERE id < " +
                    std::to_string(nth_latest(990)));
  const Response counted = anonymous.get("/public/proposals");
  ASSERT_TRUE(IsStatus(counted, 200));
  EXPECT_EQ(counted.json["total"], 990);
  EXPECT_EQ(counted.json["total_exact"], true);
  const Response short_page = anonymous.get("/public/proposals?page=50");
  ASSERT_TRUE(IsStatus(short_page, 200));
  EXPECT_EQ(short_page.json["items"].size(), 10U);
  EXPECT_EQ(short_page.json["total"], 990);
  EXPECT_EQ(short_page.json["total_exact"], true);
  // A page past the end (rows 991–1,000 at 10 a page) counts.
  const Response past_end = anonymous.get("/public/proposals?page=100&page_size=10");
  ASSERT_TRUE(IsStatus(past_end, 200));
  EXPECT_TRUE(past_end.json["items"].empty());
  EXPECT_EQ(past_end.json["total"], 990);
}

}  // namespace
}  // namespace lvzhi::api_test
