// SQL of terms and plenary sessions.
#include <fmt/format.h>

#include "core/clock.hpp"
#include "db/query.hpp"
#include "domain/org/term.hpp"

namespace lvzhi::org {
namespace {

constexpr const char* kTermColumns =
    "id, committee_id, number, start_date, COALESCE(end_date, ''), is_current, created_at, "
    "updated_at";

struct TermRow {
  Term term;
  int current = 0;
};

void define(soci::statement& st, TermRow& row) {
  auto& t = row.term;
  st.exchange(soci::into(t.id));
  st.exchange(soci::into(t.committee_id));
  st.exchange(soci::into(t.number));
  st.exchange(soci::into(t.start_date));
  st.exchange(soci::into(t.end_date));
  st.exchange(soci::into(row.current));
  st.exchange(soci::into(t.created_at));
  st.exchange(soci::into(t.updated_at));
}

std::vector<Term> select_terms(soci::session& sql, const std::string& where, db::Params& params) {
  std::vector<Term> terms;
  TermRow row;
  db::select_rows(
      sql, fmt::format("SELECT {} FROM terms {} ORDER BY number DESC", kTermColumns, where), params,
      [&](soci::statement& st) { define(st, row); },
      [&] {
        row.term.is_current = row.current != 0;
        terms.push_back(row.term);
      });
  for (auto& term : terms) {
    PlenarySession s;
    db::Params p;
    db::select_rows(
        sql,
        fmt::format("SELECT id, term_id, number, start_date, end_date FROM plenary_sessions "
                    "WHERE term_id = {} ORDER BY number",
                    p.add(term.id)),
        p,
        [&](soci::statement& st) {
          st.exchange(soci::into(s.id));
          st.exchange(soci::into(s.term_id));
          st.exchange(soci::into(s.number));
          st.exchange(soci::into(s.start_date));
          st.exchange(soci::into(s.end_date));
        },
        [&] { term.sessions.push_back(s); });
    sql << "SELECT COUNT(*) FROM members WHERE term_id = :t", soci::use(term.id),
        soci::into(term.member_count);
  }
  return terms;
}

}  // namespace

std::string chinese_number(int n) {
  static constexpr const char* kDigits[] = {"零", "一", "二", "三", "四",
                                            "五", "六", "七", "八", "九"};
  if (n <= 0 || n > 99) return std::to_string(n);
  if (n < 10) return kDigits[n];
  const int tens = n / 10;
  const int ones = n % 10;
  std::string out = tens == 1 ? "" : kDigits[tens];
  out += "十";
  if (ones != 0) out += kDigits[ones];
  return out;
}

Json to_json(const PlenarySession& s, int term_number) {
  return Json{
      {"id", s.id},
      {"term_id", s.term_id},
      {"number", s.number},
      {"name", fmt::format("{}届{}次会议", chinese_number(term_number), chinese_number(s.number))},
      {"start_date", s.start_date},
      {"end_date", s.end_date}};
}

Json to_json(const Term& t) {
  Json sessions = Json::array();
  for (const auto& s : t.sessions) sessions.push_back(to_json(s, t.number));
  return Json{{"id", t.id},
              {"number", t.number},
              {"name", fmt::format("第{}届", chinese_number(t.number))},
              {"start_date", t.start_date},
              {"end_date", t.end_date.empty() ? Json(nullptr) : Json(t.end_date)},
              {"is_current", t.is_current},
              {"member_count", t.member_count},
              {"sessions", std::move(sessions)},
              {"created_at", t.created_at},
              {"updated_at", t.updated_at}};
}

std::optional<Term> find_term(soci::session& sql, long long committee_id, long long id) {
  db::Params params;
  const std::string where =
      fmt::format("WHERE id = {} AND committee_id = {}", params.add(id), params.add(committee_id));
  auto terms = select_terms(sql, where, params);
  if (terms.empty()) return std::nullopt;
  return terms.front();
}

std::optional<Term> current_term(soci::session& sql, long long committee_id) {
  db::Params params;
  const std::string where =
      fmt::format("WHERE committee_id = {} AND is_current = 1", params.add(committee_id));
  auto terms = select_terms(sql, where, params);
  if (terms.empty()) return std::nullopt;
  return terms.front();
}

std::vector<Term> list_terms(soci::session& sql, long long committee_id) {
  db::Params params;
  return select_terms(sql, fmt::format("WHERE committee_id = {}", params.add(committee_id)),
                      params);
}

long long insert_term(soci::session& sql, const Term& t) {
  long long id = 0;
  const int current = t.is_current ? 1 : 0;
  std::string end = t.end_date;
  soci::indicator end_ind = end.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO terms (committee_id, number, start_date, end_date, is_current, created_at, "
         "updated_at) VALUES (:c, :n, :s, :e, :cur, :created, :updated) RETURNING id",
      soci::use(t.committee_id), soci::use(t.number), soci::use(t.start_date),
      soci::use(end, end_ind), soci::use(current), soci::use(t.created_at), soci::use(t.updated_at),
      soci::into(id);
  return id;
}

long long insert_session(soci::session& sql, long long committee_id, const PlenarySession& s) {
  long long id = 0;
  const long long now = now_seconds();
  sql << "INSERT INTO plenary_sessions (committee_id, term_id, number, start_date, end_date, "
         "created_at, updated_at) VALUES (:c, :t, :n, :s, :e, :created, :updated) RETURNING id",
      soci::use(committee_id), soci::use(s.term_id), soci::use(s.number), soci::use(s.start_date),
      soci::use(s.end_date), soci::use(now), soci::use(now), soci::into(id);
  return id;
}

}  // namespace lvzhi::org
