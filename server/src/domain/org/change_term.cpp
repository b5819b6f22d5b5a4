// 换届: closes the current term and opens the next (staff). The old term keeps its roster, whose
// active members become 届满 on the day before the new term starts; the continuing members are
// copied into the new term (same number, account, memberships). Outcomes: the new term (audited)
// · 409 no current term / number taken · 422 bad date or a continuing member who is not an active
// member of the current term.
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "domain/audit/audit.hpp"
#include "domain/org/term.hpp"

namespace lvzhi::org {
namespace {

constexpr const char* kTermEndedReason = "届满";
constexpr long long kMaxTermNumber = 99;

bool active_member_of(soci::session& sql, long long member_id, long long term_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM members WHERE id = :id AND term_id = :t AND status = 'active'",
      soci::use(member_id), soci::use(term_id), soci::into(count);
  return count > 0;
}

// Copies one roster entry into the new term, with its memberships; returns the new id.
long long carry_over(soci::session& sql, long long member_id, long long term_id, long long now) {
  long long id = 0;
  sql << "INSERT INTO members (committee_id, term_id, user_id, member_no, name, name_key, gender, "
         "ethnicity, birth_date, party_id, sector_id, employer, title, is_standing, is_hk_macao, "
         "phone_sealed, email_sealed, id_number_sealed, status, status_date, status_reason, "
         "created_at, updated_at) "
         "SELECT committee_id, :term, user_id, member_no, name, name_key, gender, ethnicity, "
         "birth_date, party_id, sector_id, employer, title, is_standing, is_hk_macao, "
         "phone_sealed, email_sealed, id_number_sealed, 'active', NULL, '', :c, :u "
         "FROM members WHERE id = :id RETURNING id",
      soci::use(term_id), soci::use(now), soci::use(now), soci::use(member_id), soci::into(id);
  sql << "INSERT INTO member_memberships (member_id, item_id) SELECT :new_id, item_id FROM "
         "member_memberships WHERE member_id = :old_id",
      soci::use(id), soci::use(member_id);
  return id;
}

}  // namespace

Result<Term> change_term(db::Database& db, const Actor& actor, const TermChange& change) {
  FieldErrors errors;
  if (change.number < 1 || change.number > kMaxTermNumber) {
    errors.add("number", fmt::format("届次须为 1 到 {} 的整数", kMaxTermNumber));
  }
  if (!dates::valid(change.start_date)) {
    errors.add("start_date", "开始日期须为 YYYY-MM-DD 格式的有效日期");
  }
  if (!errors.empty()) return errors.error();
  const std::set<long long> continuing(change.continuing_member_ids.begin(),
                                       change.continuing_member_ids.end());
  return db.write([&](soci::session& sql) -> Result<Term> {
    const auto old = current_term(sql, actor.committee_id);
    if (!old) return make_error(contract::err::kTermNoCurrent);
    if (change.start_date <= old->start_date) {
      errors.add("start_date",
                 fmt::format("新一届的开始日期须晚于本届开始日期（{}）", old->start_date));
    }
    std::vector<std::string> strangers;
    for (const long long id : continuing) {
      if (!active_member_of(sql, id, old->id)) strangers.push_back(std::to_string(id));
    }
    if (!strangers.empty()) {
      errors.add("continuing_member_ids",
                 fmt::format("以下委员不是本届在任委员：{}", fmt::join(strangers, "、")));
    }
    if (!errors.empty()) return errors.error();
    long long taken = 0;
    const long long number = change.number;
    sql << "SELECT COUNT(*) FROM terms WHERE committee_id = :c AND number = :n",
        soci::use(actor.committee_id), soci::use(number), soci::into(taken);
    if (taken > 0) return make_error(contract::err::kTermNumberTaken);

    const long long now = now_seconds();
    const std::string old_end = dates::add_days(change.start_date, -1).value_or(change.start_date);
    sql << "UPDATE terms SET is_current = 0, end_date = :e, updated_at = :u WHERE id = :id",
        soci::use(old_end), soci::use(now), soci::use(old->id);
    long long ended = 0;
    sql << "SELECT COUNT(*) FROM members WHERE term_id = :t AND status = 'active'",
        soci::use(old->id), soci::into(ended);
    const std::string reason = kTermEndedReason;
    sql << "UPDATE members SET status = 'term_ended', status_date = :d, status_reason = :r, "
           "updated_at = :u WHERE term_id = :t AND status = 'active'",
        soci::use(old_end), soci::use(reason), soci::use(now), soci::use(old->id);

    Term term;
    term.committee_id = actor.committee_id;
    term.number = static_cast<int>(change.number);
    term.start_date = change.start_date;
    term.is_current = true;
    term.created_at = term.updated_at = now;
    term.id = insert_term(sql, term);
    for (const long long id : continuing) carry_over(sql, id, term.id, now);
    term.member_count = static_cast<long long>(continuing.size());

    audit::record(sql, db.dialect(), actor,
                  {.action = "term.change",
                   .object_type = "term",
                   .object_id = std::to_string(term.id),
                   .changes = Json{{"previous_term_id", old->id},
                                   {"previous_term_end_date", old_end},
                                   {"members_term_ended", ended},
                                   {"members_continuing", continuing.size()},
                                   {"number", term.number},
                                   {"start_date", term.start_date}}});
    return term;
  });
}

}  // namespace lvzhi::org
