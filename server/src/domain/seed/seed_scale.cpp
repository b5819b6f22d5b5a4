#include "domain/seed/seed_scale.hpp"

#include <algorithm>
#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/collation.hpp"
#include "core/crypto.hpp"
#include "core/dates.hpp"
#include "db/bulk_insert.hpp"
#include "domain/member/member.hpp"
#include "domain/seed/seed_proposal_texts.hpp"
#include "search/tokenizer.hpp"

namespace lvzhi::seed {
namespace {

using db::BulkInsert;
using Row = std::vector<BulkInsert::Value>;
using Null = std::monostate;

constexpr int kUnitsPerCommittee = 12;
constexpr int kTextPool = 256;
// The bench's member (member 0 of the first committee, `<prefix>member`) proposes exactly this many
// proposals at every scale, so `make bench` compares the same work queue across scales.
constexpr int kBenchMemberProposals = 6;
constexpr const char* kTermStart = "2021-12-28";
constexpr std::array<const char*, 5> kCategories = {"经济建设", "城建环资", "教科文卫体",
                                                    "社会事务", "政治法律"};
constexpr std::array<const char*, 8> kSectors = {"中共",   "民革",   "民盟",   "民建",
                                                 "经济界", "教育界", "科技界", "医药卫生界"};
constexpr std::array<const char*, 12> kUnits = {"区发展和改革局",
                                                "区教育局",
                                                "区民政局",
                                                "区住房和城乡建设局",
                                                "区交通运输局",
                                                "区卫生健康局",
                                                "区城市管理局",
                                                "区生态环境分局",
                                                "区商务局",
                                                "区文化广电旅游体育局",
                                                "区人力资源和社会保障局",
                                                "区市场监督管理局"};
constexpr std::array<const char*, 20> kSurnames = {"陈", "李", "黄", "张", "梁", "林", "刘",
                                                   "吴", "何", "王", "郭", "罗", "谢", "周",
                                                   "麦", "冯", "邓", "曾", "彭", "叶"};
constexpr std::array<const char*, 16> kGivenNames = {"建华", "春梅", "志强", "丽娟", "伟明", "晓燕",
                                                     "国荣", "海涛", "少玲", "振东", "慧敏", "嘉欣",
                                                     "俊杰", "永康", "雪梅", "锦荣"};

// One proposal's text, with its tokens made once for the whole pool.
struct Text {
  std::string title;
  std::string analysis;
  std::string suggestions;
  std::string tokens;
};

std::vector<Text> text_pool() {
  std::vector<Text> pool;
  TextRng rng(20261130);
  const auto& topics = proposal_topics();
  for (int i = 0; i < kTextPool; ++i) {
    const auto& topic = topics[static_cast<std::size_t>(i) % topics.size()];
    Text t;
    t.title = std::string(rng.pick(topic.titles));
    t.analysis = compose_analysis(topic, rng);
    t.suggestions = compose_suggestions(topic, rng);
    t.tokens = search::index_string(t.title + "\n" + t.analysis + "\n" + t.suggestions);
    pool.push_back(std::move(t));
  }
  return pool;
}

long long next_id(soci::session& sql, const char* table) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << fmt::format("SELECT MAX(id) FROM {}", table), soci::into(id, ind);
  return (ind == soci::i_ok ? id : 0) + 1;
}

// Where a proposal of a session stands. Past sessions are mostly closed; the current one has
// proposals at every step.
const char* state_for(bool current, std::uint64_t r) {
  const auto p = r % 100;
  if (!current) {
    if (p < 86) return "closed";
    if (p < 94) return "not_filed";
    if (p < 97) return "merged";
    return "withdrawn";
  }
  if (p < 5) return "draft";
  if (p < 15) return "submitted";
  if (p < 23) return "under_review";
  if (p < 31) return "filed";
  if (p < 41) return "assigned";
  if (p < 66) return "handling";
  if (p < 76) return "replied";
  return "closed";
}

bool numbered(const std::string& s) {
  return s == "filed" || s == "assigned" || s == "handling" || s == "replied" || s == "closed";
}

std::uint64_t mix(std::uint64_t x) {  // splitmix64: a stable hash of the proposal's index
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

long long unix_of(const std::string& day) {  // YYYY-MM-DD, 10:00 Asia/Shanghai
  const int y = std::stoi(day.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(day.substr(8, 2)));
  const auto days =
      std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  return std::chrono::duration_cast<std::chrono::seconds>(days.time_since_epoch()).count() +
         2 * 3600;
}

// Tells the search documents' connection to give up when the main load ends without having
// told it to commit (an error or exception on the way).
class SignalOnExit {
 public:
  explicit SignalOnExit(std::promise<bool>& p) : p_(p) {}
  ~SignalOnExit() {
    try {
      p_.set_value(false);
    } catch (const std::future_error&) {
      // Already told to commit.
    }
  }
  SignalOnExit(const SignalOnExit&) = delete;
  SignalOnExit& operator=(const SignalOnExit&) = delete;

 private:
  std::promise<bool>& p_;
};

// FTS5's write settings: how much it buffers before writing a segment, and when it merges them.
struct FtsOptions {
  long long hashsize;
  int automerge;
  int crisismerge;  // merge at this many segments on one level whatever automerge says
};
constexpr FtsOptions kFtsDefaults{1048576, 4, 16};
// Crisis merges stay on (FTS5 holds at most 2,000 segments); 2M proposals write ~130.
constexpr FtsOptions kFtsBulkLoad{67108864, 0, 1000};

void set_fts_options(soci::session& sql, const FtsOptions& o) {
  sql << fmt::format(
      "INSERT INTO proposal_fts(proposal_fts, rank) VALUES ('hashsize', {}), ('automerge', {}), "
      "('crisismerge', {})",
      o.hashsize, o.automerge, o.crisismerge);
}

// SQLite, for the time of the load: a rollback journal, in which the pages the one transaction
// appends are written once (the WAL writes each twice: to the log, then to the file at the
// checkpoint; at 2M proposals that is ~18 GB more), and a page cache large enough for the
// indexes built at the end. Best effort: when another connection has the file open, SQLite keeps
// WAL and the load is only slower. Both settings are restored afterwards.
class SqliteBulkLoad {
 public:
  explicit SqliteBulkLoad(db::Database& db) : db_(db) {
    if (!db_.dialect().is_sqlite()) return;
    auto sql = db_.session();
    *sql << "PRAGMA cache_size", soci::into(cache_size_);
    *sql << "PRAGMA cache_size=-262144";  // KiB: 256 MiB
    try {
      std::string mode;
      *sql << "PRAGMA journal_mode=DELETE", soci::into(mode);
      left_wal_ = mode == "delete";
    } catch (const std::exception&) {
      // Busy: stays in WAL.
    }
  }
  ~SqliteBulkLoad() {
    if (!db_.dialect().is_sqlite()) return;
    try {
      auto sql = db_.session();
      *sql << "PRAGMA cache_size=" + std::to_string(cache_size_);
      if (left_wal_) *sql << "PRAGMA journal_mode=WAL";
    } catch (const std::exception&) {
      // The next connection opened sets WAL again (db::Database's pragmas).
    }
  }
  SqliteBulkLoad(const SqliteBulkLoad&) = delete;
  SqliteBulkLoad& operator=(const SqliteBulkLoad&) = delete;

 private:
  db::Database& db_;
  int cache_size_ = -2000;
  bool left_wal_ = false;
};

}  // namespace

Result<ScaleReport> seed_scale(db::Database& db, const ScaleOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto pool = text_pool();
  const std::string hash = crypto::hash_password(options.password);
  const std::string today = dates::today();
  const int this_year = std::stoi(today.substr(0, 4));
  const long long now = now_seconds();
  const auto& dialect = db.dialect();
  // The keys written below are made with this collator: bring existing ones to it first, so the
  // recorded version holds for every row and `serve` has nothing to recompute (at 200k members on
  // PostgreSQL that recomputation took 13 s of start-up).
  member::refresh_pinyin_keys(db);
  const SqliteBulkLoad bulk_load(db);
  // PostgreSQL: a search document's tsvector as proposal_search's generated column computes it
  // (its expression, from the catalog), for the public search's rows below. Read before the
  // load, in a statement of its own: pg_get_expr locks the table until its transaction ends,
  // and the load's second connection takes the table exclusively.
  std::string search_document;
  bool search_frozen = false;  // the documents went in with COPY FREEZE (see below)
  if (!dialect.is_sqlite()) {
    auto session = db.session();
    *session << "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON "
                "a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = "
                "'proposal_search'::regclass AND a.attname = 'tsv'",
        soci::into(search_document);
  }

  auto written = db.write([&](soci::session& sql) -> Result<ScaleReport> {
    ScaleReport report;
    const long long first_committee = next_id(sql, "committees");
    report.prefix = fmt::format("scale{}_", first_committee);
    const int committees = options.committees;
    const long long per_committee = std::max(1LL, options.proposals / committees);
    const int members_per_committee = static_cast<int>(std::max(30LL, per_committee / 3));
    const int sessions_per_committee = std::max(1, this_year - 2021);
    long long rows = 0;

    // Ids are given here (every table starts after its current largest id), so the passes can
    // refer to each other's rows without reading them back.
    const long long term0 = next_id(sql, "terms");
    const long long session0 = next_id(sql, "plenary_sessions");
    const long long ref0 = next_id(sql, "reference_items");
    const long long unit0 = next_id(sql, "handling_units");
    const long long member0 = next_id(sql, "members");
    const long long user0 = next_id(sql, "users");
    const long long proposal0 = next_id(sql, "proposals");
    const long long proposer0 = next_id(sql, "proposal_proposers");
    const long long assignment0 = next_id(sql, "proposal_assignments");
    const long long event0 = next_id(sql, "proposal_events");
    bool skip_key_checks = false;
    if (!dialect.is_sqlite()) {
      // The load's commit is flushed before it returns, whatever the server's synchronous_commit:
      // the VACUUM after it can set its rows' commit hint bits, and so mark their pages
      // all-visible, only once the commit is on disk (see the VACUUM).
      sql << "SET LOCAL synchronous_commit = on";
      // Every reference is made from the ids given here; SQLite, which checks each foreign key
      // row by row, runs this same code in the tests. So a PostgreSQL superuser skips the
      // per-row checks: each one a query that locks the referenced row, ~20 million at 2M
      // proposals. Other roles keep them.
      std::string superuser;
      sql << "SELECT current_setting('is_superuser')", soci::into(superuser);
      skip_key_checks = superuser == "on";
      if (skip_key_checks) sql << "SET LOCAL session_replication_role = replica";
    }
    // See "search documents" below.
    const bool search_alongside = skip_key_checks && db.pool_size() >= 2;
    std::vector<std::string> deferred = {
        "users",          "members", "proposals", "proposal_proposers", "proposal_assignments",
        "proposal_events"};
    if (!search_alongside) deferred.emplace_back("proposal_search");
    db::DeferredIndexes indexes(sql, dialect, deferred);
    const auto committee_id = [&](int c) { return first_committee + c; };
    const auto session_id = [&](int c, int s) { return session0 + c * sessions_per_committee + s; };
    const auto category_id = [&](int c, int k) {
      return ref0 + c * static_cast<long long>(kCategories.size() + kSectors.size()) + k;
    };
    const auto sector_id = [&](int c, int k) {
      return category_id(c, static_cast<int>(kCategories.size()) + k);
    };
    const auto unit_id = [&](int c, int k) { return unit0 + c * kUnitsPerCommittee + k; };
    const auto member_id = [&](int c, int k) { return member0 + c * members_per_committee + k; };
    // Per committee: its staff account; committee 0 also the bench member and unit clerk.
    const auto staff_user = [&](int c) { return user0 + c; };
    const long long bench_member_user = user0 + committees;
    const long long bench_clerk_user = user0 + committees + 1;

    {
      BulkInsert b(sql, dialect, "committees",
                   {"id", "name", "short_name", "level", "created_at", "updated_at"});
      for (int c = 0; c < committees; ++c) {
        b.row({committee_id(c), fmt::format("规模测试政协{}-{:04}", first_committee, c + 1),
               fmt::format("测试{:04}", c + 1), std::string("district"), now, now});
      }
      b.finish();
      rows += b.rows();
    }
    {
      BulkInsert b(
          sql, dialect, "terms",
          {"id", "committee_id", "number", "start_date", "is_current", "created_at", "updated_at"});
      for (int c = 0; c < committees; ++c) {
        b.row({term0 + c, committee_id(c), 9LL, std::string(kTermStart), 1LL, now, now});
      }
      b.finish();
      rows += b.rows();
    }
    std::vector<std::string> session_start;
    session_start.reserve(static_cast<std::size_t>(sessions_per_committee));
    for (int s = 0; s < sessions_per_committee; ++s) {
      session_start.push_back(fmt::format("{}-01-1{}", 2022 + s, s % 10));
    }
    {
      BulkInsert b(sql, dialect, "plenary_sessions",
                   {"id", "committee_id", "term_id", "number", "start_date", "end_date",
                    "created_at", "updated_at"});
      for (int c = 0; c < committees; ++c) {
        for (int s = 0; s < sessions_per_committee; ++s) {
          b.row({session_id(c, s), committee_id(c), term0 + c, static_cast<long long>(s + 1),
                 session_start[s], *dates::add_days(session_start[s], 3), now, now});
        }
      }
      b.finish();
      rows += b.rows();
    }
    {
      BulkInsert b(
          sql, dialect, "reference_items",
          {"id", "committee_id", "kind", "name", "sort_order", "created_at", "updated_at"});
      for (int c = 0; c < committees; ++c) {
        for (std::size_t k = 0; k < kCategories.size(); ++k) {
          b.row({category_id(c, static_cast<int>(k)), committee_id(c),
                 std::string("proposal_category"), std::string(kCategories[k]),
                 static_cast<long long>(k), now, now});
        }
        for (std::size_t k = 0; k < kSectors.size(); ++k) {
          b.row({sector_id(c, static_cast<int>(k)), committee_id(c), std::string("sector"),
                 std::string(kSectors[k]), static_cast<long long>(k), now, now});
        }
      }
      b.finish();
      rows += b.rows();
    }
    {
      BulkInsert b(sql, dialect, "handling_units",
                   {"id", "committee_id", "name", "category", "created_at", "updated_at"});
      for (int c = 0; c < committees; ++c) {
        for (int k = 0; k < kUnitsPerCommittee; ++k) {
          b.row({unit_id(c, k), committee_id(c), std::string(kUnits[k]), std::string("government"),
                 now, now});
        }
      }
      b.finish();
      rows += b.rows();
    }
    {
      BulkInsert users(
          sql, dialect, "users",
          {"id", "committee_id", "username", "display_name", "status", "password_hash",
           "password_changed_at", "must_change_password", "created_at", "updated_at", "unit_id"});
      for (int c = 0; c < committees; ++c) {
        users.row(
            {staff_user(c), committee_id(c),
             c == 0 ? report.prefix + "staff" : fmt::format("{}c{}_staff", report.prefix, c + 1),
             std::string("提案工作人员"), std::string("active"), hash, now, 0LL, now, now, Null{}});
      }
      users.row({bench_member_user, committee_id(0), report.prefix + "member",
                 std::string("测试委员"), std::string("active"), hash, now, 0LL, now, now, Null{}});
      users.row({bench_clerk_user, committee_id(0), report.prefix + "clerk",
                 std::string("承办单位经办人"), std::string("active"), hash, now, 0LL, now, now,
                 unit_id(0, 0)});
      users.finish();
      rows += users.rows();
      BulkInsert roles(sql, dialect, "user_roles", {"user_id", "role"});
      for (int c = 0; c < committees; ++c) roles.row({staff_user(c), std::string("staff")});
      roles.row({bench_member_user, std::string("member")});
      roles.row({bench_clerk_user, std::string("unit_clerk")});
      roles.finish();
      rows += roles.rows();
    }
    // Members: names from a small pool (their pinyin keys made once).
    std::map<std::string, std::string> keys;
    const auto member_name = [&](int k) {
      return std::string(kSurnames[static_cast<std::size_t>(k) % kSurnames.size()]) +
             kGivenNames[static_cast<std::size_t>(k / 20) % kGivenNames.size()];
    };
    {
      BulkInsert b(sql, dialect, "members",
                   {"id", "committee_id", "term_id", "user_id", "member_no", "name", "name_key",
                    "gender", "sector_id", "created_at", "updated_at"});
      for (int c = 0; c < committees; ++c) {
        for (int k = 0; k < members_per_committee; ++k) {
          const auto name = member_name(k);
          if (!keys.contains(name)) keys[name] = collation::pinyin_key(name);
          BulkInsert::Value user = Null{};
          if (c == 0 && k == 0) user = bench_member_user;
          b.row({member_id(c, k), committee_id(c), term0 + c, user, fmt::format("09{:05}", k + 1),
                 name, keys[name], std::string(k % 2 == 0 ? "male" : "female"),
                 sector_id(c, k % static_cast<int>(kSectors.size())), now, now});
        }
      }
      b.finish();
      rows += b.rows();
      report.members = b.rows();
    }

    // Proposals: one plan per proposal, recomputed by each pass from its index.
    struct Plan {
      int committee = 0;
      int session = 0;
      std::string state;
      long long number = 0;
      const Text* text = nullptr;
      std::uint64_t r = 0;
      std::string submitted_on;
      int proposers = 1;
      int first_member = 0;
      bool lead_and_co = false;
    };
    const long long total = per_committee * committees;
    // Per committee and session: the last number given.
    const auto counter = [&](int c, int s) {
      return static_cast<std::size_t>(c) * static_cast<std::size_t>(sessions_per_committee) +
             static_cast<std::size_t>(s);
    };
    std::vector<long long> numbers(counter(committees, 0), 0);
    std::vector<long long> plan_numbers(static_cast<std::size_t>(total), 0);
    const auto plan = [&](long long i) {
      Plan p;
      p.r = mix(static_cast<std::uint64_t>(i));
      p.committee = static_cast<int>(i % committees);
      p.session = static_cast<int>((i / committees) % sessions_per_committee);
      const bool current = p.session == sessions_per_committee - 1;
      p.state = state_for(current, p.r);
      p.text = &pool[static_cast<std::size_t>(p.r >> 8) % pool.size()];
      // Submitted within the session's year, never in the future.
      std::string day = *dates::add_days(session_start[p.session],
                                         static_cast<int>((p.r >> 16) % (current ? 60 : 200)));
      if (day >= today) day = *dates::add_days(today, -1);
      p.submitted_on = day;
      p.proposers = 1 + static_cast<int>((p.r >> 24) % 3);
      p.first_member = static_cast<int>((p.r >> 28) % members_per_committee);
      if (p.committee == 0) {
        // The bench member first-proposes the committee's first few proposals and signs no other.
        const auto touches_bench_member = [&] {
          for (int k = 0; k < p.proposers; ++k) {
            if ((p.first_member + k * 7) % members_per_committee == 0) return true;
          }
          return false;
        };
        if (i / committees < kBenchMemberProposals) {
          p.first_member = 0;
        } else {
          for (int tries = 0; tries < members_per_committee && touches_bench_member(); ++tries) {
            p.first_member = (p.first_member + 1) % members_per_committee;
          }
        }
      }
      p.lead_and_co = (p.r >> 36) % 10 < 3;
      p.number = plan_numbers[static_cast<std::size_t>(i)];
      return p;
    };
    for (long long i = 0; i < total; ++i) {  // numbers in index order, per session
      const Plan p = plan(i);
      if (numbered(p.state)) {
        auto& n = numbers[counter(p.committee, p.session)];
        plan_numbers[static_cast<std::size_t>(i)] = ++n;
      }
    }

    // The search documents, one per proposal.
    const auto load_search = [&](soci::session& on, BulkInsert::Rows copied) {
      // SQLite: FTS5 keeps 64 MiB of new postings in memory between flushes rather than 1 MiB,
      // and leaves the segments it writes unmerged until one merge at the end, rather than
      // merging them level by level as they come (2M proposals: 416 → ~300 s). The settings are
      // stored with the index; their defaults are put back below.
      if (dialect.is_sqlite()) set_fts_options(on, kFtsBulkLoad);
      BulkInsert b(on, dialect, "proposal_search",
                   {"proposal_id", "committee_id", "tokens", "updated_at"}, copied);
      // A committee at a time: SQLite's index rows are numbered by committee, then proposal, and
      // FTS5 buffers postings only while the numbers it is given keep rising.
      for (long long c = 0; c < committees; ++c) {
        for (long long i = c; i < total; i += committees) {
          const Plan p = plan(i);
          b.row({proposal0 + i, committee_id(p.committee), p.text->tokens, now});
        }
      }
      b.finish();
      if (dialect.is_sqlite()) {
        on << "INSERT INTO proposal_fts(proposal_fts) VALUES ('optimize')";
        set_fts_options(on, kFtsDefaults);
      }
      return b.rows();
    };
    // A PostgreSQL superuser writes them on a second connection, in a transaction of their own,
    // while this one writes the other tables: their tsvectors and GIN index are over half of the
    // load at 2M, and so run in a second server process. Their rows refer to proposals not yet
    // committed, which the skipped key checks allow. That transaction commits only once this
    // one has written everything (and rolls back if this one fails), just before this one.
    std::future<long long> search_rows;
    std::promise<bool> search_ready;
    auto go_ahead = search_ready.get_future();
    const SignalOnExit unblock_search(search_ready);  // before search_rows waits, on any exit
    if (search_alongside) {
      search_rows = std::async(std::launch::async, [&, go_ahead = std::move(go_ahead)]() mutable {
        return db
            .write([&](soci::session& other) -> Result<long long> {
              other << "SET LOCAL session_replication_role = replica";
              other << "SET LOCAL synchronous_commit = on";  // as the main load's, above
              // Into a fresh database (the bench's) the documents go frozen: the largest table
              // is then left out of the VACUUM's work, and skips the WAL where it is minimal.
              search_frozen = db::truncate_if_empty(other, dialect, "proposal_search");
              db::DeferredIndexes search_indexes(other, dialect, {"proposal_search"});
              const long long n = load_search(
                  other, search_frozen ? BulkInsert::Rows::kFrozen : BulkInsert::Rows::kPlain);
              search_indexes.finish();
              if (!go_ahead.get()) throw std::runtime_error("seed scale: the main load failed");
              return n;
            })
            .value();
      });
    }
    const auto assigned = [](const std::string& s) {
      return s == "assigned" || s == "handling" || s == "replied" || s == "closed";
    };
    const auto answered = [](const std::string& s) { return s == "replied" || s == "closed"; };
    // A quarter of the closed proposals are published, 110 days after they were submitted.
    const auto published_at = [](const Plan& p) -> std::optional<long long> {
      if (p.state != "closed" || (p.r >> 40) % 4 != 0) return std::nullopt;
      return unix_of(p.submitted_on) + 86400 * 110;
    };
    {
      BulkInsert b(sql, dialect, "proposals", {"id",           "committee_id",  "session_id",
                                               "kind",         "proposer_kind", "owner_user_id",
                                               "title",        "analysis",      "suggestions",
                                               "category_id",  "state",         "number",
                                               "submitted_at", "filed_at",      "closed_at",
                                               "rating_round", "is_key",        "is_published",
                                               "published_at", "version",       "created_at",
                                               "updated_at"});
      for (long long i = 0; i < total; ++i) {
        const Plan p = plan(i);
        const long long submitted = unix_of(p.submitted_on);
        const bool bench_member = p.committee == 0 && p.first_member == 0;
        const bool closed = p.state == "closed";
        const auto published = published_at(p);
        b.row({proposal0 + i,
               committee_id(p.committee),
               session_id(p.committee, p.session),
               std::string(p.session == 0 ? "plenary" : "inter_session"),
               std::string("member"),
               bench_member ? bench_member_user : staff_user(p.committee),
               p.text->title,
               p.text->analysis,
               p.text->suggestions,
               category_id(p.committee, static_cast<int>((p.r >> 44) % kCategories.size())),
               p.state,
               p.number != 0 ? BulkInsert::Value(p.number) : BulkInsert::Value(Null{}),
               p.state == "draft" ? BulkInsert::Value(Null{}) : BulkInsert::Value(submitted),
               p.number != 0 ? BulkInsert::Value(submitted + 86400 * 7) : BulkInsert::Value(Null{}),
               closed ? BulkInsert::Value(submitted + 86400 * 100) : BulkInsert::Value(Null{}),
               1LL,
               (p.r >> 48) % 14 == 0 && p.number != 0 ? 1LL : 0LL,
               published ? 1LL : 0LL,
               published ? BulkInsert::Value(*published) : BulkInsert::Value(Null{}),
               1LL,
               submitted,
               submitted + 86400 * (closed ? 100 : 10)});
      }
      b.finish();
      rows += b.rows();
      report.proposals = b.rows();
    }
    {
      BulkInsert b(sql, dialect, "proposal_number_counters", {"session_id", "last_number"});
      for (int c = 0; c < committees; ++c) {
        for (int s = 0; s < sessions_per_committee; ++s) {
          const auto n = numbers[counter(c, s)];
          if (n > 0) b.row({session_id(c, s), n});
        }
      }
      b.finish();
      rows += b.rows();
    }
    {
      BulkInsert b(sql, dialect, "proposal_proposers",
                   {"id", "proposal_id", "member_id", "role", "status", "answered_at", "rating",
                    "rating_round", "rated_at", "sort_order"});
      long long id = proposer0;
      for (long long i = 0; i < total; ++i) {
        const Plan p = plan(i);
        const long long at = unix_of(p.submitted_on);
        for (int k = 0; k < p.proposers; ++k) {
          const int m = (p.first_member + k * 7) % members_per_committee;
          const bool rated = p.state == "closed";
          b.row(
              {id++, proposal0 + i, member_id(p.committee, m),
               std::string(k == 0 ? "first" : "cosigner"), std::string("accepted"), at,
               std::string(
                   rated ? ((p.r >> (52 + k)) % 4 == 0 ? "basically_satisfied" : "satisfied") : ""),
               rated ? 1LL : 0LL,
               rated ? BulkInsert::Value(at + 86400 * 100) : BulkInsert::Value(Null{}),
               static_cast<long long>(k)});
        }
      }
      b.finish();
      rows += b.rows();
    }
    {
      BulkInsert b(sql, dialect, "proposal_assignments",
                   {"id", "proposal_id", "unit_id", "role", "state", "assigned_on", "deadline",
                    "reply_class", "reply_text", "contact_method", "contact_date", "contact_note",
                    "replied_on", "created_at", "updated_at"});
      long long id = assignment0;
      for (long long i = 0; i < total; ++i) {
        const Plan p = plan(i);
        if (!assigned(p.state)) continue;
        const std::string on = *dates::add_days(p.submitted_on, 10);
        const std::string deadline = *dates::add_days(on, 91);
        const int lead = static_cast<int>((p.r >> 56) % kUnitsPerCommittee);
        const auto state = p.state == "assigned" ? "pending"
                           : answered(p.state)   ? "replied"
                                                 : "handling";
        const bool replied = answered(p.state);
        const long long at = unix_of(on);
        const std::string replied_on = *dates::add_days(on, 60);
        b.row({id++, proposal0 + i, unit_id(p.committee, lead),
               std::string(p.lead_and_co ? "lead" : "single"), std::string(state), on, deadline,
               std::string(replied ? ((p.r >> 60) % 3 == 0 ? "B" : "A") : ""),
               std::string(replied ? "经研究，我单位已将相关建议纳入年度工作计划并组织实施。" : ""),
               std::string(replied ? "face_to_face" : ""),
               replied ? BulkInsert::Value(*dates::add_days(on, 30)) : BulkInsert::Value(Null{}),
               std::string(replied ? "与提案人面谈" : ""),
               replied ? BulkInsert::Value(replied_on) : BulkInsert::Value(Null{}), at, at});
        if (p.lead_and_co) {
          b.row({id++, proposal0 + i, unit_id(p.committee, (lead + 5) % kUnitsPerCommittee),
                 std::string("co"), std::string(p.state == "assigned" ? "pending" : "done"), on,
                 deadline, std::string(), std::string(), std::string(), Null{}, std::string(),
                 Null{}, at, at});
        }
      }
      b.finish();
      rows += b.rows();
    }
    {
      // The main steps of each proposal's timeline.
      BulkInsert b(sql, dialect, "proposal_events",
                   {"id", "proposal_id", "action", "from_state", "to_state", "actor_user_id",
                    "actor_name", "capacity", "comment", "details", "at"});
      long long id = event0;
      for (long long i = 0; i < total; ++i) {
        const Plan p = plan(i);
        long long at = unix_of(p.submitted_on) - 3600;
        const long long actor = staff_user(p.committee);
        const auto step = [&](const char* action, const char* from, const std::string& to,
                              const char* capacity) {
          b.row({id++, proposal0 + i, std::string(action), std::string(from), to, actor,
                 std::string("提案工作人员"), std::string(capacity), std::string(),
                 std::string("{}"), at});
          at += 86400;
        };
        step("create", "", "draft", "first_proposer");
        if (p.state == "draft") continue;
        step("submit", "draft", "submitted", "first_proposer");
        if (p.state == "submitted" || p.state == "withdrawn") continue;
        step("accept", "submitted", "under_review", "staff");
        if (p.state == "under_review") continue;
        if (p.state == "not_filed" || p.state == "merged") {
          step(p.state == "merged" ? "merge_into" : "not_file", "under_review", p.state, "staff");
          continue;
        }
        step("file", "under_review", "filed", "staff");
        if (p.state == "filed") continue;
        step("assign", "filed", "assigned", "staff");
        if (p.state == "assigned") continue;
        step("all_acknowledged", "assigned", "handling", "system");
        if (p.state == "handling") continue;
        step("all_replied", "handling", "replied", "system");
        if (p.state == "replied") continue;
        step("rate", "replied", "closed", "proposer");
      }
      b.finish();
      rows += b.rows();
    }
    if (!search_alongside) {
      // SQLite: the public search's index (migration 0012) is built once after the documents;
      // its triggers would add each published proposal as its document is written, out of
      // publication order, and FTS5 writes a segment whenever the row numbers go back.
      std::vector<std::pair<std::string, std::string>> public_triggers;  // name, SQL
      if (dialect.is_sqlite()) {
        std::string name;
        std::string definition;
        soci::statement st =
            (sql.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                            "tbl_name = 'proposal_search' AND name LIKE 'public_fts_%'",
             soci::into(name), soci::into(definition));
        st.execute();
        while (st.fetch()) public_triggers.emplace_back(name, definition);
        for (const auto& [n, d] : public_triggers) sql << "DROP TRIGGER " + n;
      }
      rows += load_search(sql, BulkInsert::Rows::kPlain);
      if (dialect.is_sqlite()) {
        for (const auto& [n, d] : public_triggers) sql << d;
        sql << "INSERT INTO public_fts(public_fts) VALUES ('rebuild')";
      }
    }
    indexes.finish();
    if (!dialect.is_sqlite()) {
      // Explicit ids do not move PostgreSQL's identity sequences.
      for (const char* table : {"committees", "terms", "plenary_sessions", "reference_items",
                                "handling_units", "users", "members", "proposals",
                                "proposal_proposers", "proposal_assignments", "proposal_events"}) {
        sql << fmt::format(
            "SELECT setval(pg_get_serial_sequence('{0}', 'id'), (SELECT MAX(id) FROM {0}))", table);
      }
    }
    if (skip_key_checks) {
      // PostgreSQL's triggers were off (replica role): the public search's table (migration
      // 0012) is written here, from the published documents staged in a temporary table, while
      // the other connection still indexes every document (its GIN is the load's longest step;
      // 2M proposals: ~100 s less to wait). Their tsvector is computed as proposal_search's.
      db::DeferredIndexes public_indexes(sql, dialect, {"public_search"});
      sql << "CREATE TEMPORARY TABLE public_documents (proposal_id BIGINT NOT NULL, published_at "
             "BIGINT NOT NULL, committee_id BIGINT NOT NULL, tokens TEXT NOT NULL) ON COMMIT DROP";
      // In publication order, as publishing writes them one by one: the table's pages then
      // follow its positions, and so do the GIN index's lists of rows, so a search narrowed to
      // the latest days (migration 0015) reads only the ends of its words' lists.
      std::vector<std::pair<long long, long long>> published;  // (published_at, i)
      for (long long i = 0; i < total; ++i) {
        if (const auto at = published_at(plan(i))) published.emplace_back(*at, i);
      }
      std::sort(published.begin(), published.end());
      BulkInsert b(sql, dialect, "public_documents",
                   {"proposal_id", "published_at", "committee_id", "tokens"});
      for (const auto& [at, i] : published) {
        const Plan p = plan(i);
        b.row({proposal0 + i, at, committee_id(p.committee), p.text->tokens});
      }
      b.finish();
      sql << "INSERT INTO public_search (position, proposal_id, tsv) SELECT position, proposal_id, "
             "public_search_tsv(" +
                 search_document +
                 ", position) FROM (SELECT published_at * 2147483648 + proposal_id AS position, "
                 "proposal_id, committee_id, tokens FROM public_documents) published";
      // Its words' counts (migration 0016), which its trigger, off here, would keep.
      sql << "SELECT public_search_terms_recount()";
      public_indexes.finish();
    }
    if (search_alongside) {
      // Everything else is written: that transaction commits, then this one.
      search_ready.set_value(true);
      rows += search_rows.get();
    }
    // Fresh planner statistics: without them SQLite plans the API's queries over millions of
    // just-written rows as if the tables were empty. PostgreSQL's are taken by VACUUM below.
    if (dialect.is_sqlite()) sql << "ANALYZE";
    report.committees = committees;
    report.rows = rows;
    return report;
  });
  if (!written.ok()) return written;
  auto report = written.value();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!db.dialect().is_sqlite()) {
    // PostgreSQL after a bulk load, as its manual advises: VACUUM (outside a transaction) marks
    // the pages all-visible, so index-only scans and counts skip the table, and the rows' commit
    // hints are written once instead of by the first reads; ANALYZE gives the planner the rows'
    // statistics (without them it plans over millions of rows as if the tables were empty).
    // Measured at 200k proposals: the public list 14.1 → 2.5 ms of CPU per request.
    const auto vacuum_started = std::chrono::steady_clock::now();
    // Its ANALYZE transactions commit with the WAL flushed too: a page is marked all-visible
    // only once its rows' commit hint bits are set, which waits until every commit of the clog
    // group holding the load's (32 transaction ids) is on disk; an ANALYZE committed
    // asynchronously just before left whole tables unmarked (proposals at 10k: 1 run in 2).
    auto session = db.session();
    *session << "SET synchronous_commit = on";
    if (search_frozen) {
      // The frozen documents need only ANALYZE: VACUUM would skip their all-visible pages but
      // still read every page of their TOAST table (~7 KB a document; at 2M proposals ~55 s of
      // the ~70 s VACUUM) to mark pages that no read consults.
      std::string others;
      *session << "SELECT string_agg(quote_ident(relname), ', ' ORDER BY relname) FROM pg_class "
                  "WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace "
                  "AND relname <> 'proposal_search'",
          soci::into(others);
      *session << "VACUUM (ANALYZE) " + others;
      *session << "ANALYZE proposal_search";
      // Nor should autovacuum, which the load's inserts would start on that TOAST table a few
      // seconds later: throttled, it took ~9 minutes at 2M proposals, over everything measured
      // then. Its later vacuums, of the dead versions that edits leave, are untouched.
      *session << "ALTER TABLE proposal_search SET (toast.autovacuum_vacuum_insert_threshold = -1)";
    } else {
      *session << "VACUUM (ANALYZE)";
    }
    *session << "RESET synchronous_commit";
    report.vacuum_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - vacuum_started).count();
  }
  return report;
}

}  // namespace lvzhi::seed
