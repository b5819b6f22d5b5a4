// Creating and editing terms and plenary sessions (staff). Outcomes: created/updated (audited) ·
// 404 unknown term/session (another committee's do not exist) · 409 number taken · 422 bad fields
// (dates not YYYY-MM-DD, end before start, a session outside its term).
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "domain/audit/audit.hpp"
#include "domain/org/term.hpp"

namespace lvzhi::org {
namespace {

constexpr long long kMaxTermNumber = 99;
constexpr long long kMaxSessionNumber = 20;

void check_number(const std::optional<long long>& number, long long max, FieldErrors& errors) {
  if (number && (*number < 1 || *number > max)) {
    errors.add("number", fmt::format("届次或会次须为 1 到 {} 的整数", max));
  }
}

void check_dates(const std::string& start, const std::string& end, FieldErrors& errors) {
  if (!dates::valid(start)) errors.add("start_date", "开始日期须为 YYYY-MM-DD 格式的有效日期");
  if (!end.empty() && !dates::valid(end)) {
    errors.add("end_date", "结束日期须为 YYYY-MM-DD 格式的有效日期");
  } else if (!end.empty() && dates::valid(start) && end < start) {
    errors.add("end_date", "结束日期不能早于开始日期");
  }
}

bool term_number_taken(soci::session& sql, long long committee_id, long long number) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM terms WHERE committee_id = :c AND number = :n",
      soci::use(committee_id), soci::use(number), soci::into(count);
  return count > 0;
}

Json audited(const Term& t) {
  return Json{{"number", t.number},
              {"start_date", t.start_date},
              {"end_date", t.end_date},
              {"is_current", t.is_current}};
}

Json audited(const PlenarySession& s) {
  return Json{{"term_id", s.term_id},
              {"number", s.number},
              {"start_date", s.start_date},
              {"end_date", s.end_date}};
}

std::optional<PlenarySession> find_session(soci::session& sql, long long committee_id,
                                           long long id) {
  PlenarySession s;
  sql << "SELECT id, term_id, number, start_date, end_date FROM plenary_sessions WHERE id = :id "
         "AND committee_id = :c",
      soci::use(id), soci::use(committee_id), soci::into(s.id), soci::into(s.term_id),
      soci::into(s.number), soci::into(s.start_date), soci::into(s.end_date);
  if (!sql.got_data()) return std::nullopt;
  return s;
}

// A session lies inside its term.
void check_inside(const Term& term, const PlenarySession& s, FieldErrors& errors) {
  if (!errors.empty()) return;
  if (s.start_date < term.start_date) errors.add("start_date", "会议不能早于本届开始日期");
  if (!term.end_date.empty() && s.end_date > term.end_date) {
    errors.add("end_date", "会议不能晚于本届结束日期");
  }
}

}  // namespace

Result<Term> create_term(db::Database& db, const Actor& actor, const TermInput& input) {
  FieldErrors errors;
  if (!input.number) errors.add("number", "请填写届次");
  if (!input.start_date) errors.add("start_date", "请填写开始日期");
  check_number(input.number, kMaxTermNumber, errors);
  Term term;
  term.committee_id = actor.committee_id;
  term.number = static_cast<int>(input.number.value_or(0));
  term.start_date = input.start_date.value_or("");
  term.end_date = input.end_date.value_or("");
  if (input.start_date) check_dates(term.start_date, term.end_date, errors);
  if (!errors.empty()) return errors.error();
  return db.write([&](soci::session& sql) -> Result<Term> {
    if (term_number_taken(sql, term.committee_id, term.number)) {
      return make_error(contract::err::kTermNumberTaken);
    }
    // The committee's first term is its current one; later ones start with a term change.
    term.is_current = !current_term(sql, term.committee_id).has_value() && term.end_date.empty();
    term.created_at = term.updated_at = now_seconds();
    term.id = insert_term(sql, term);
    audit::record(sql, db.dialect(), actor,
                  {.action = "term.create",
                   .object_type = "term",
                   .object_id = std::to_string(term.id),
                   .changes = audit::diff(Json::object(), audited(term))});
    return term;
  });
}

Result<Term> update_term(db::Database& db, const Actor& actor, long long id,
                         const TermInput& input) {
  return db.write([&](soci::session& sql) -> Result<Term> {
    const auto before = find_term(sql, actor.committee_id, id);
    if (!before) return make_error(contract::err::kTermNotFound);
    Term term = *before;
    FieldErrors errors;
    if (input.number) errors.add("number", "届次不能修改");
    if (input.start_date) term.start_date = *input.start_date;
    if (input.end_date) term.end_date = *input.end_date;
    check_dates(term.start_date, term.end_date, errors);
    if (term.is_current && !term.end_date.empty()) {
      errors.add("end_date", "当前届次没有结束日期；换届时自动结束");
    }
    if (!errors.empty()) return errors.error();
    const Json changes = audit::diff(audited(*before), audited(term));
    if (changes.empty()) return term;
    term.updated_at = now_seconds();
    soci::indicator end_ind = term.end_date.empty() ? soci::i_null : soci::i_ok;
    sql << "UPDATE terms SET start_date = :s, end_date = :e, updated_at = :u WHERE id = :id",
        soci::use(term.start_date), soci::use(term.end_date, end_ind), soci::use(term.updated_at),
        soci::use(id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "term.update",
                   .object_type = "term",
                   .object_id = std::to_string(id),
                   .changes = changes});
    return term;
  });
}

Result<PlenarySession> create_session(db::Database& db, const Actor& actor, long long term_id,
                                      const TermInput& input) {
  FieldErrors errors;
  if (!input.number) errors.add("number", "请填写会次");
  if (!input.start_date) errors.add("start_date", "请填写开始日期");
  if (!input.end_date || input.end_date->empty()) errors.add("end_date", "请填写结束日期");
  check_number(input.number, kMaxSessionNumber, errors);
  PlenarySession s;
  s.term_id = term_id;
  s.number = static_cast<int>(input.number.value_or(0));
  s.start_date = input.start_date.value_or("");
  s.end_date = input.end_date.value_or("");
  if (errors.empty()) check_dates(s.start_date, s.end_date, errors);
  return db.write([&](soci::session& sql) -> Result<PlenarySession> {
    const auto term = find_term(sql, actor.committee_id, term_id);
    if (!term) return make_error(contract::err::kTermNotFound);
    check_inside(*term, s, errors);
    if (!errors.empty()) return errors.error();
    for (const auto& existing : term->sessions) {
      if (existing.number == s.number) return make_error(contract::err::kTermSessionNumberTaken);
    }
    s.id = insert_session(sql, actor.committee_id, s);
    audit::record(sql, db.dialect(), actor,
                  {.action = "term.session_create",
                   .object_type = "plenary_session",
                   .object_id = std::to_string(s.id),
                   .changes = audit::diff(Json::object(), audited(s))});
    return s;
  });
}

Result<PlenarySession> update_session(db::Database& db, const Actor& actor, long long id,
                                      const TermInput& input) {
  return db.write([&](soci::session& sql) -> Result<PlenarySession> {
    const auto before = find_session(sql, actor.committee_id, id);
    if (!before) return make_error(contract::err::kTermSessionNotFound);
    PlenarySession s = *before;
    FieldErrors errors;
    if (input.number) errors.add("number", "会次不能修改");
    if (input.start_date) s.start_date = *input.start_date;
    if (input.end_date) s.end_date = *input.end_date;
    if (s.end_date.empty()) errors.add("end_date", "请填写结束日期");
    check_dates(s.start_date, s.end_date, errors);
    const auto term = find_term(sql, actor.committee_id, s.term_id);
    if (term) check_inside(*term, s, errors);
    if (!errors.empty()) return errors.error();
    const Json changes = audit::diff(audited(*before), audited(s));
    if (changes.empty()) return s;
    const long long now = now_seconds();
    sql << "UPDATE plenary_sessions SET start_date = :s, end_date = :e, updated_at = :u WHERE id "
           "= :id",
        soci::use(s.start_date), soci::use(s.end_date), soci::use(now), soci::use(id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "term.session_update",
                   .object_type = "plenary_session",
                   .object_id = std::to_string(id),
                   .changes = changes});
    return s;
  });
}

}  // namespace lvzhi::org
