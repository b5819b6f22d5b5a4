// Listing accounts with filters; roles of a page are loaded with one query (no N+1).
#include <map>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "db/query.hpp"
#include "domain/auth/account.hpp"
#include "domain/auth/users.hpp"

namespace lvzhi::auth {

std::pair<std::vector<Account>, long long> list_users(db::Database& db, const UserQuery& query) {
  const long long now = now_seconds();
  db::Where where;
  if (!query.q.empty()) {
    const auto by_username = where.params().add(db::like_pattern(query.q));
    const auto by_name = where.params().add(db::like_pattern(query.q));
    where.add_raw(
        fmt::format("(u.username LIKE {} ESCAPE '\\' OR u.display_name LIKE {} ESCAPE '\\')",
                    by_username, by_name));
  }
  if (!query.role.empty()) {
    where.add("EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = {})",
              query.role);
  }
  if (query.status == "locked") {
    where.add("COALESCE(t.locked_until, 0) > {}", now);
  } else if (!query.status.empty()) {
    where.add("u.status = {}", query.status);
  }
  if (query.committee_id != 0) where.add("u.committee_id = {}", query.committee_id);

  // The account's joins (committee, lockout, unit); the list reads fewer columns than an account.
  const std::string from = " FROM users u " + std::string(AccountColumns::joins()) + where.sql();
  return db.read([&](soci::session& sql) {
    const long long total = db::count_rows(sql, "SELECT COUNT(*)" + from, where.params());
    std::vector<Account> items;
    Account a;
    int must_change = 0;
    int totp_enabled = 0;
    const std::string text = fmt::format(
        "SELECT u.id, u.committee_id, c.name, u.username, u.display_name, u.status, "
        "u.password_changed_at, u.must_change_password, u.totp_enabled, "
        "COALESCE(u.last_login_at, 0), u.created_at, u.updated_at, COALESCE(t.locked_until, 0), "
        "COALESCE(u.unit_id, 0), COALESCE(h.name, ''){} "
        "ORDER BY u.id LIMIT {} OFFSET {}",
        from, query.page_size, static_cast<long long>(query.page - 1) * query.page_size);
    db::select_rows(
        sql, text, where.params(),
        [&](soci::statement& st) {
          st.exchange(soci::into(a.id));
          st.exchange(soci::into(a.committee_id));
          st.exchange(soci::into(a.committee_name));
          st.exchange(soci::into(a.username));
          st.exchange(soci::into(a.display_name));
          st.exchange(soci::into(a.status));
          st.exchange(soci::into(a.password_changed_at));
          st.exchange(soci::into(must_change));
          st.exchange(soci::into(totp_enabled));
          st.exchange(soci::into(a.last_login_at));
          st.exchange(soci::into(a.created_at));
          st.exchange(soci::into(a.updated_at));
          st.exchange(soci::into(a.locked_until));
          st.exchange(soci::into(a.unit_id));
          st.exchange(soci::into(a.unit_name));
        },
        [&] {
          a.must_change_password = must_change != 0;
          a.totp_enabled = totp_enabled != 0;
          items.push_back(a);
        });
    if (items.empty()) return std::make_pair(std::move(items), total);

    db::Params ids;
    std::string list;
    std::map<long long, Account*> by_id;
    for (auto& item : items) {
      list += (list.empty() ? "" : ", ") + ids.add(item.id);
      by_id[item.id] = &item;
    }
    long long user_id = 0;
    std::string role;
    db::select_rows(
        sql,
        fmt::format("SELECT user_id, role FROM user_roles WHERE user_id IN ({}) ORDER BY role",
                    list),
        ids,
        [&](soci::statement& st) {
          st.exchange(soci::into(user_id));
          st.exchange(soci::into(role));
        },
        [&] { by_id[user_id]->roles.push_back(role); });
    return std::make_pair(std::move(items), total);
  });
}

}  // namespace lvzhi::auth
