// Proposal statistics (DOMAIN §9): every figure is a COUNT over proposals with a named condition,
// and the list endpoint filters by the same named conditions (`stat=`), so each number on the
// statistics page opens exactly the proposals it counts.
#include <chrono>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "db/query.hpp"
#include "domain/audit/audit.hpp"
#include "domain/org/term.hpp"
#include "domain/proposal/proposal_internal.hpp"

namespace lvzhi::proposal {
namespace detail {
namespace {

constexpr const char* kFiled = "(p.number IS NOT NULL AND p.state <> 'merged')";
constexpr const char* kReplying =
    "a.proposal_id = p.id AND a.state <> 'cancelled' AND a.role <> 'co'";
constexpr const char* kOpen =
    "a.state IN ('pending', 'handling', 'reassign_requested', 'reply_draft', 'reply_review')";

std::string rated() {
  return "EXISTS (SELECT 1 FROM proposal_proposers pp WHERE pp.proposal_id = p.id AND "
         "pp.status = 'accepted' AND pp.rating <> '')";
}

std::string satisfied() {
  return fmt::format(
      "(p.state = 'closed' AND {} AND NOT EXISTS (SELECT 1 FROM proposal_proposers pp WHERE "
      "pp.proposal_id = p.id AND pp.status = 'accepted' AND pp.rating = 'dissatisfied'))",
      rated());
}

std::string replied() {
  return fmt::format("({} AND p.state IN ('replied', 'rehandling', 'closed'))", kFiled);
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& stat_names() {
  static const std::vector<std::pair<std::string, std::string>> kNames = {
      {"received", "收到提案"},
      {"filed", "立案"},
      {"assigned", "已交办"},
      {"replied", "已答复"},
      {"on_time", "按时答复"},
      {"closed", "已办结"},
      {"key", "重点提案"},
      {"collective", "集体提案"},
      {"overdue", "逾期未答复"},
      {"rated", "已评价"},
      {"satisfied", "满意（含基本满意）"},
      {"first_round_satisfied", "首轮满意"}};
  return kNames;
}

std::optional<std::string> stat_sql(std::string_view code, const std::string& today) {
  if (code == "received") {
    return "(p.state NOT IN ('draft', 'awaiting_cosigners', 'withdrawn') AND p.submitted_at IS "
           "NOT NULL)";
  }
  if (code == "filed") return std::string(kFiled);
  if (code == "assigned") {
    return fmt::format("({} AND EXISTS (SELECT 1 FROM proposal_assignments a WHERE {}))", kFiled,
                       kReplying);
  }
  if (code == "replied") return replied();
  if (code == "on_time") {
    // Every replying unit's accepted reply on or before its (possibly extended) deadline.
    return fmt::format(
        "({} AND NOT EXISTS (SELECT 1 FROM proposal_assignments a WHERE {} AND (a.replied_on IS "
        "NULL OR a.replied_on > a.deadline)))",
        replied(), kReplying);
  }
  if (code == "closed") return fmt::format("({} AND p.state = 'closed')", kFiled);
  if (code == "key") return fmt::format("({} AND p.is_key = 1)", kFiled);
  if (code == "collective") return fmt::format("({} AND p.proposer_kind = 'collective')", kFiled);
  if (code == "overdue") {
    // `today` is the server's own YYYY-MM-DD, never user input.
    return fmt::format(
        "EXISTS (SELECT 1 FROM proposal_assignments a WHERE a.proposal_id = p.id AND {} AND "
        "a.deadline < '{}')",
        kOpen, today);
  }
  if (code == "rated") return rated();
  if (code == "satisfied") return satisfied();
  if (code == "first_round_satisfied")
    return fmt::format("({} AND p.rating_round = 1)", satisfied());
  return std::nullopt;
}

std::pair<long long, long long> year_range(int year) {
  // Asia/Shanghai (UTC+8, no daylight saving): the year starts at 16:00 UTC on 31 December.
  constexpr long long kOffset = 8 * 3600;
  const auto start = std::chrono::sys_days{std::chrono::year{year} / 1 / 1};
  const auto end = std::chrono::sys_days{std::chrono::year{year + 1} / 1 / 1};
  const auto seconds = [](std::chrono::sys_days d) {
    return std::chrono::duration_cast<std::chrono::seconds>(d.time_since_epoch()).count();
  };
  return {seconds(start) - kOffset, seconds(end) - kOffset};
}

void add_year(db::Where& where, int year) {
  const auto [from, to] = year_range(year);
  where.add("p.submitted_at >= {}", from);
  where.add("p.submitted_at < {}", to);
}

}  // namespace detail

namespace {

namespace err = contract::err;

Json rate_json(const char* code, const char* name, const char* definition, const Json& counts,
               const std::string& numerator, const std::string& denominator) {
  const auto find = [&](const std::string& stat) {
    for (const auto& c : counts) {
      if (c["stat"] == stat) return c;
    }
    return Json::object();
  };
  const Json n = find(numerator);
  const Json d = find(denominator);
  const long long den = d.value("count", 0LL);
  Json rate = nullptr;
  if (den > 0) rate = static_cast<double>(n.value("count", 0LL)) / static_cast<double>(den);
  return Json{{"code", code},   {"name", name},     {"definition", definition},
              {"numerator", n}, {"denominator", d}, {"rate", rate}};
}

Json ratio(long long numerator, long long denominator) {
  if (denominator <= 0) return nullptr;
  return static_cast<double>(numerator) / static_cast<double>(denominator);
}

// One SUM(CASE …) per stat over the proposals `where` selects.
std::vector<long long> count_stats(soci::session& sql, db::Where& where,
                                   const std::vector<std::string>& stats,
                                   const std::string& today) {
  std::string columns;
  for (const auto& s : stats) {
    if (!columns.empty()) columns += ", ";
    columns += fmt::format("CAST(COALESCE(SUM(CASE WHEN {} THEN 1 ELSE 0 END), 0) AS BIGINT)",
                           *detail::stat_sql(s, today));
  }
  std::vector<long long> values(stats.size(), 0);
  db::select_rows(
      sql, fmt::format("SELECT {} FROM proposals p{}", columns, where.sql()), where.params(),
      [&](soci::statement& st) {
        for (auto& v : values) st.exchange(soci::into(v));
      },
      [] {});
  return values;
}

struct Scope {
  int year = 0;
  long long session_id = 0;
  void apply(db::Where& where, long long committee) const {
    where.add("p.committee_id = {}", committee);
    if (session_id != 0) where.add("p.session_id = {}", session_id);
    if (year != 0) detail::add_year(where, year);
  }
};

}  // namespace

Result<Json> ProposalService::stats(const Viewer& viewer, int year, long long session_id) {
  return db_.read([&](soci::session& sql) -> Result<Json> {
    const long long committee = viewer.actor->committee_id;
    // Read first, in the transaction the answer is computed in: the answer belongs to this head.
    const long long audit_head = audit::head_id(sql);
    const StatsCache::Key cache_key{committee, year, session_id};
    const std::string today = dates::today();
    if (auto cached = stats_cache_.find(cache_key, audit_head, today)) return std::move(*cached);
    const auto ctx = detail::load_context(sql, committee);
    Json scope_json{{"year", nullptr}, {"session_id", nullptr}};
    Scope scope;
    Json sessions = Json::array();
    {
      long long id = 0;
      int number = 0;
      int term = 0;
      soci::statement st =
          db::once(sql,
                   "SELECT s.id, s.number, t.number FROM plenary_sessions s JOIN terms t "
                   "ON t.id = s.term_id WHERE s.committee_id = :c ORDER BY s.start_date "
                   "DESC",
                   soci::use(committee), soci::into(id), soci::into(number), soci::into(term));
      st.execute();
      while (st.fetch()) {
        const auto name =
            fmt::format("{}届{}次会议", org::chinese_number(term), org::chinese_number(number));
        sessions.push_back({{"id", id}, {"name", name}});
        if (id == session_id) scope_json["label"] = name;
      }
    }
    if (session_id != 0) {
      if (!scope_json.contains("label")) {
        return make_error(err::kRequestBadQuery, "没有这个会议", Json{{"parameter", "session_id"}});
      }
      scope.session_id = session_id;
      scope_json["session_id"] = session_id;
    } else {
      scope.year = year != 0 ? year : std::stoi(ctx.today.substr(0, 4));
      scope_json["year"] = scope.year;
      scope_json["label"] = fmt::format("{}年", scope.year);
    }

    // Years that have proposals, newest first.
    Json years = Json::array();
    long long first = 0;
    long long last = 0;
    soci::indicator first_ind = soci::i_null;
    soci::indicator last_ind = soci::i_null;
    sql << "SELECT MIN(submitted_at), MAX(submitted_at) FROM proposals WHERE committee_id = :c "
           "AND submitted_at IS NOT NULL",
        soci::use(committee), soci::into(first, first_ind), soci::into(last, last_ind);
    std::vector<int> year_list;
    if (first_ind == soci::i_ok && last_ind == soci::i_ok) {
      const auto year_of = [](long long t) {
        const auto day = std::chrono::floor<std::chrono::days>(
            std::chrono::sys_seconds{std::chrono::seconds{t + 8 * 3600}});
        return static_cast<int>(std::chrono::year_month_day{day}.year());
      };
      for (int y = year_of(first); y <= year_of(last); ++y) year_list.push_back(y);
    }
    for (auto it = year_list.rbegin(); it != year_list.rend(); ++it) years.push_back(*it);

    std::vector<std::string> codes;
    for (const auto& [code, name] : detail::stat_names()) codes.push_back(code);
    db::Where where;
    scope.apply(where, committee);
    const auto values = count_stats(sql, where, codes, ctx.today);
    Json counts = Json::array();
    for (std::size_t i = 0; i < codes.size(); ++i) {
      counts.push_back(
          {{"stat", codes[i]}, {"name", detail::stat_names()[i].second}, {"count", values[i]}});
    }
    Json rates = Json::array({
        rate_json("filing_rate", "立案率", "立案数 ÷ 收到提案数", counts, "filed", "received"),
        rate_json("reply_rate", "办复率", "已答复的立案提案 ÷ 已交办的立案提案", counts, "replied",
                  "assigned"),
        rate_json("on_time_rate", "按时办复率", "各承办单位均在期限内答复的提案 ÷ 已答复的提案",
                  counts, "on_time", "replied"),
        rate_json("closing_rate", "办结率", "已办结 ÷ 立案数", counts, "closed", "filed"),
        rate_json("satisfaction_rate", "满意率",
                  "办结且无人不满意的提案（满意 + 基本满意）÷ 已评价的提案", counts, "satisfied",
                  "rated"),
        rate_json("first_round_satisfaction_rate", "首轮满意率",
                  "首轮答复即满意办结的提案 ÷ 已评价的提案", counts, "first_round_satisfied",
                  "rated"),
        rate_json("key_share", "重点提案占比", "重点提案 ÷ 立案数", counts, "key", "filed"),
        rate_json("collective_share", "集体提案占比", "立案的集体提案 ÷ 立案数", counts,
                  "collective", "filed"),
    });

    // Reply classes: per accepted reply (a separately assigned proposal has one per unit).
    Json classes = Json::array();
    {
      db::Where w;
      scope.apply(w, committee);
      std::map<std::string, long long> by_class;
      long long total = 0;
      std::string code;
      long long n = 0;
      db::select_rows(
          sql,
          "SELECT a.reply_class, COUNT(*) FROM proposal_assignments a JOIN proposals p ON p.id = "
          "a.proposal_id" +
              w.sql() +
              " AND a.state <> 'cancelled' AND a.role <> 'co' AND a.replied_on IS NOT NULL GROUP "
              "BY a.reply_class",
          w.params(),
          [&](soci::statement& st) {
            st.exchange(soci::into(code));
            st.exchange(soci::into(n));
          },
          [&] {
            by_class[code] += n;
            total += n;
          });
      for (const auto& [c, name] : ctx.settings.reply_classes) {
        const long long count = by_class.contains(c) ? by_class[c] : 0;
        classes.push_back({{"code", c},
                           {"name", name},
                           {"count", count},
                           {"denominator", total},
                           {"rate", ratio(count, total)}});
      }
    }

    // Ratings: each accepted proposer's latest rating.
    Json ratings = Json::array();
    {
      db::Where w;
      scope.apply(w, committee);
      std::map<std::string, long long> by_rating;
      std::string rating;
      long long n = 0;
      db::select_rows(
          sql,
          "SELECT pp.rating, COUNT(*) FROM proposal_proposers pp JOIN proposals p ON p.id = "
          "pp.proposal_id" +
              w.sql() + " AND pp.status = 'accepted' AND pp.rating <> '' GROUP BY pp.rating",
          w.params(),
          [&](soci::statement& st) {
            st.exchange(soci::into(rating));
            st.exchange(soci::into(n));
          },
          [&] { by_rating[rating] = n; });
      for (const auto& [c, name] :
           std::vector<std::pair<std::string, std::string>>{{"satisfied", "满意"},
                                                            {"basically_satisfied", "基本满意"},
                                                            {"dissatisfied", "不满意"}}) {
        ratings.push_back(
            {{"code", c}, {"name", name}, {"count", by_rating.contains(c) ? by_rating[c] : 0}});
      }
    }

    // The unit league table: replying assignments of the period's proposals.
    Json by_unit = Json::array();
    {
      db::Where w;
      scope.apply(w, committee);
      long long unit = 0;
      std::string name;
      long long assigned = 0;
      long long replied_n = 0;
      long long on_time = 0;
      long long overdue = 0;
      long long rated_n = 0;
      long long satisfied_n = 0;
      db::select_rows(
          sql,
          fmt::format(
              "SELECT a.unit_id, u.name, CAST(COUNT(*) AS BIGINT), "
              "CAST(SUM(CASE WHEN a.replied_on IS NOT NULL THEN 1 ELSE 0 END) AS BIGINT), "
              "CAST(SUM(CASE WHEN a.replied_on IS NOT NULL AND a.replied_on <= a.deadline THEN 1 "
              "ELSE 0 END) AS BIGINT), "
              "CAST(SUM(CASE WHEN {} AND a.deadline < '{}' THEN 1 ELSE 0 END) AS BIGINT), "
              "CAST(SUM(CASE WHEN a.replied_on IS NOT NULL AND {} THEN 1 ELSE 0 END) AS BIGINT), "
              "CAST(SUM(CASE WHEN a.replied_on IS NOT NULL AND {} THEN 1 ELSE 0 END) AS BIGINT) "
              "FROM proposal_assignments a JOIN proposals p ON p.id = a.proposal_id JOIN "
              "handling_units u ON u.id = a.unit_id{} AND a.state <> 'cancelled' AND a.role <> "
              "'co' GROUP BY a.unit_id, u.name",
              detail::kOpen, ctx.today, detail::stat_sql("rated", ctx.today).value(),
              detail::stat_sql("satisfied", ctx.today).value(), w.sql()),
          w.params(),
          [&](soci::statement& st) {
            st.exchange(soci::into(unit));
            st.exchange(soci::into(name));
            st.exchange(soci::into(assigned));
            st.exchange(soci::into(replied_n));
            st.exchange(soci::into(on_time));
            st.exchange(soci::into(overdue));
            st.exchange(soci::into(rated_n));
            st.exchange(soci::into(satisfied_n));
          },
          [&] {
            by_unit.push_back({{"unit_id", unit},
                               {"unit_name", name},
                               {"assigned", assigned},
                               {"replied", replied_n},
                               {"on_time", on_time},
                               {"overdue", overdue},
                               {"rated", rated_n},
                               {"satisfied", satisfied_n},
                               {"on_time_rate", ratio(on_time, replied_n)},
                               {"satisfaction_rate", ratio(satisfied_n, rated_n)}});
          });
      // Best first: on-time rate, then satisfaction, then volume; units without replies last.
      const auto key = [](const Json& r, const char* field) {
        return r[field].is_null() ? -1.0 : r[field].get<double>();
      };
      std::stable_sort(by_unit.begin(), by_unit.end(), [&](const Json& a, const Json& b) {
        if (key(a, "on_time_rate") != key(b, "on_time_rate")) {
          return key(a, "on_time_rate") > key(b, "on_time_rate");
        }
        if (key(a, "satisfaction_rate") != key(b, "satisfaction_rate")) {
          return key(a, "satisfaction_rate") > key(b, "satisfaction_rate");
        }
        if (a["assigned"] != b["assigned"]) return a["assigned"] > b["assigned"];
        return a["unit_name"].get<std::string>() < b["unit_name"].get<std::string>();
      });
    }

    // Breakdowns by category and by the first proposer's sector.
    const std::vector<std::string> breakdown = {"received", "filed", "replied", "closed"};
    const auto grouped = [&](const std::string& key_sql, const std::string& name_sql,
                             const std::string& joins, const std::vector<std::string>& stats) {
      db::Where w;
      scope.apply(w, committee);
      std::string columns;
      for (const auto& s : stats) {
        columns += fmt::format(", CAST(SUM(CASE WHEN {} THEN 1 ELSE 0 END) AS BIGINT)",
                               *detail::stat_sql(s, ctx.today));
      }
      Json out = Json::array();
      long long id = 0;
      std::string name;
      std::vector<long long> v(stats.size(), 0);
      db::select_rows(
          sql,
          fmt::format("SELECT {} AS k, {} AS n{} FROM proposals p {}{} AND {} GROUP BY {}, {} "
                      "ORDER BY {}",
                      key_sql, name_sql, columns, joins, w.sql(),
                      *detail::stat_sql("received", ctx.today), key_sql, name_sql, key_sql),
          w.params(),
          [&](soci::statement& st) {
            st.exchange(soci::into(id));
            st.exchange(soci::into(name));
            for (auto& x : v) st.exchange(soci::into(x));
          },
          [&] {
            Json row{{"id", id}, {"name", name}};
            for (std::size_t i = 0; i < stats.size(); ++i) row[stats[i]] = v[i];
            out.push_back(row);
          });
      return out;
    };
    Json by_category = grouped("COALESCE(p.category_id, 0)", "COALESCE(c.name, '未分类')",
                               "LEFT JOIN reference_items c ON c.id = p.category_id", breakdown);
    Json by_sector = grouped(
        "CASE WHEN p.proposer_kind = 'collective' THEN 0 ELSE COALESCE(m.sector_id, 0) END",
        "CASE WHEN p.proposer_kind = 'collective' THEN '集体提案' ELSE COALESCE(s.name, "
        "'未填界别') END",
        "LEFT JOIN proposal_proposers fp ON fp.proposal_id = p.id AND fp.role = 'first' LEFT "
        "JOIN members m ON m.id = fp.member_id LEFT JOIN reference_items s ON s.id = m.sector_id",
        {"received", "filed"});

    // The trend over every year with proposals (whatever the chosen period), in one pass: each
    // proposal's year is bucketed by the years' boundaries.
    Json trend = Json::array();
    if (!year_list.empty()) {
      db::Where w;
      w.add("p.committee_id = {}", committee);
      w.add("p.submitted_at >= {}", detail::year_range(year_list.front()).first);
      w.add("p.submitted_at < {}", detail::year_range(year_list.back()).second);
      std::string bucket = "CASE";
      for (const int y : year_list) {
        bucket += fmt::format(" WHEN p.submitted_at < {} THEN {}", detail::year_range(y).second, y);
      }
      bucket += " END";
      std::string columns;
      for (const auto& s : breakdown) {
        columns += fmt::format(", CAST(SUM(CASE WHEN {} THEN 1 ELSE 0 END) AS BIGINT)",
                               *detail::stat_sql(s, ctx.today));
      }
      std::map<int, std::vector<long long>> by_year;
      int y = 0;
      std::vector<long long> v(breakdown.size(), 0);
      db::select_rows(
          sql,
          fmt::format("SELECT {0} AS y{1} FROM proposals p{2} GROUP BY {0}", bucket, columns,
                      w.sql()),
          w.params(),
          [&](soci::statement& st) {
            st.exchange(soci::into(y));
            for (auto& x : v) st.exchange(soci::into(x));
          },
          [&] { by_year[y] = v; });
      for (const int year_n : year_list) {
        const auto found = by_year.find(year_n);
        const auto counts_of =
            found != by_year.end() ? found->second : std::vector<long long>(breakdown.size(), 0);
        trend.push_back({{"year", year_n},
                         {"received", counts_of[0]},
                         {"filed", counts_of[1]},
                         {"replied", counts_of[2]},
                         {"closed", counts_of[3]}});
      }
    }

    Json answer{{"scope", scope_json},    {"years", years},     {"sessions", sessions},
                {"counts", counts},       {"rates", rates},     {"classes", classes},
                {"ratings", ratings},     {"by_unit", by_unit}, {"by_category", by_category},
                {"by_sector", by_sector}, {"trend", trend}};
    stats_cache_.store(cache_key, audit_head, today, answer);
    return answer;
  });
}

}  // namespace lvzhi::proposal
