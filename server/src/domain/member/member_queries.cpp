// Reading the roster: the filtered, sorted directory, one profile, and a member's own entry.
// Outcomes: the rows · 404 unknown member (another committee's do not exist) · 409 no current term
// when no term is given and none is current.
#include <fmt/format.h>

#include "domain/member/member_repo.hpp"

namespace lvzhi::member {
namespace {

std::string order_by(const std::string& sort) {
  // Ties break on id so that pages never overlap.
  if (sort == "-pinyin") return " ORDER BY m.name_key DESC, m.id DESC";
  if (sort == "member_no") return " ORDER BY m.member_no, m.id";
  if (sort == "-member_no") return " ORDER BY m.member_no DESC, m.id DESC";
  if (sort == "birth_date") return " ORDER BY COALESCE(m.birth_date, '9999-12-31'), m.id";
  if (sort == "-birth_date") return " ORDER BY COALESCE(m.birth_date, '0000-01-01') DESC, m.id";
  return " ORDER BY m.name_key, m.id";
}

}  // namespace

Result<std::pair<std::vector<Member>, long long>> MemberService::list(const MemberQuery& query) {
  return db_.read([&](soci::session& sql) -> Result<std::pair<std::vector<Member>, long long>> {
    long long term_id = query.term_id;
    if (term_id == 0) {
      auto current = current_term_id(sql, query.committee_id);
      if (!current.ok()) return current.take_error();
      term_id = current.value();
    }
    db::Where where;
    where.add("m.committee_id = {}", query.committee_id);
    where.add("m.term_id = {}", term_id);
    if (query.sector_id != 0) where.add("m.sector_id = {}", query.sector_id);
    if (query.party_id != 0) where.add("m.party_id = {}", query.party_id);
    for (const long long item : {query.special_committee_id, query.group_id}) {
      if (item == 0) continue;
      where.add(
          "EXISTS (SELECT 1 FROM member_memberships mm WHERE mm.member_id = m.id AND mm.item_id "
          "= {})",
          item);
    }
    if (!query.status.empty()) where.add("m.status = {}", query.status);
    if (query.standing) where.add("m.is_standing = {}", *query.standing ? 1LL : 0LL);
    if (query.hk_macao) where.add("m.is_hk_macao = {}", *query.hk_macao ? 1LL : 0LL);
    if (!query.q.empty()) {
      const auto name = where.params().add(db::like_pattern(query.q));
      const auto number = where.params().add(db::like_pattern(query.q));
      where.add_raw(fmt::format("(m.name LIKE {} ESCAPE '\\' OR m.member_no LIKE {} ESCAPE '\\')",
                                name, number));
    }
    const long long total =
        db::count_rows(sql, "SELECT COUNT(*) FROM members m" + where.sql(), where.params());
    std::string tail = where.sql() + order_by(query.sort);
    if (query.page_size > 0) {
      tail += fmt::format(" LIMIT {} OFFSET {}", query.page_size,
                          static_cast<long long>(query.page - 1) * query.page_size);
    }
    auto items = select_members(sql, key_, tail, where.params());
    return std::make_pair(std::move(items), total);
  });
}

Result<Member> MemberService::get(const Actor& actor, long long id) {
  auto found = db_.read([&](soci::session& sql) { return find(sql, actor.committee_id, id); });
  if (!found) return make_error(contract::err::kMemberNotFound);
  return *found;
}

Result<Member> MemberService::mine(const Actor& actor) {
  return db_.read([&](soci::session& sql) -> Result<Member> {
    db::Params params;
    // The current term's entry first, else the latest term the account served in.
    const std::string tail = fmt::format(
        " JOIN terms t ON t.id = m.term_id WHERE m.user_id = {} AND m.committee_id = {} ORDER BY "
        "t.is_current DESC, t.number DESC LIMIT 1",
        params.add(actor.user_id), params.add(actor.committee_id));
    auto found = select_members(sql, key_, tail, params);
    if (found.empty()) return make_error(contract::err::kMemberNotFound);
    return found.front();
  });
}

}  // namespace lvzhi::member
