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

Result<Json> MemberService::account_options(const Actor& actor, long long term_id,
                                            const std::string& q) {
  constexpr int kMaxOptions = 20;
  return db_.read([&](soci::session& sql) -> Result<Json> {
    long long term = term_id;
    if (term == 0) {
      auto current = current_term_id(sql, actor.committee_id);
      if (!current.ok()) return current.take_error();
      term = current.value();
    }
    db::Where where;
    // Added first: it appears first in the text (the join), before the WHERE conditions.
    const auto term_param = where.params().add(term);
    where.add("u.committee_id = {}", actor.committee_id);
    where.add_raw("u.status = 'active'");
    where.add_raw(
        "EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = 'member')");
    if (!q.empty()) {
      const auto username = where.params().add(db::like_pattern(q));
      const auto name = where.params().add(db::like_pattern(q));
      where.add_raw(
          fmt::format("(u.username LIKE {} ESCAPE '\\' OR u.display_name LIKE {} ESCAPE '\\')",
                      username, name));
    }
    Json items = Json::array();
    long long id = 0;
    std::string username;
    std::string display_name;
    long long member_id = 0;
    std::string member_name;
    std::string member_no;
    db::select_rows(
        sql,
        fmt::format("SELECT u.id, u.username, u.display_name, COALESCE(m.id, 0), "
                    "COALESCE(m.name, ''), COALESCE(m.member_no, '') FROM users u LEFT JOIN "
                    "members m ON m.user_id = u.id AND m.term_id = {}{} ORDER BY u.username "
                    "LIMIT {}",
                    term_param, where.sql(), kMaxOptions),
        where.params(),
        [&](soci::statement& st) {
          st.exchange(soci::into(id));
          st.exchange(soci::into(username));
          st.exchange(soci::into(display_name));
          st.exchange(soci::into(member_id));
          st.exchange(soci::into(member_name));
          st.exchange(soci::into(member_no));
        },
        [&] {
          items.push_back(Json{{"id", id},
                               {"username", username},
                               {"display_name", display_name},
                               {"linked_member", member_id != 0 ? Json{{"id", member_id},
                                                                       {"name", member_name},
                                                                       {"member_no", member_no}}
                                                                : Json(nullptr)}});
        });
    return items;
  });
}

}  // namespace lvzhi::member
