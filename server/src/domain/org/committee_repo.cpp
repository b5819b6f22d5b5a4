#include <fmt/format.h>

#include "db/query.hpp"
#include "domain/org/committee.hpp"

namespace lvzhi::org {
namespace {

constexpr const char* kColumns =
    "id, COALESCE(parent_id, 0), name, short_name, level, is_active, created_at, updated_at";

void define(soci::statement& st, Committee& c, int& active) {
  st.exchange(soci::into(c.id));
  st.exchange(soci::into(c.parent_id));
  st.exchange(soci::into(c.name));
  st.exchange(soci::into(c.short_name));
  st.exchange(soci::into(c.level));
  st.exchange(soci::into(active));
  st.exchange(soci::into(c.created_at));
  st.exchange(soci::into(c.updated_at));
}

}  // namespace

Json to_json(const Committee& c) {
  return Json{{"id", c.id},
              {"parent_id", c.parent_id != 0 ? Json(c.parent_id) : Json(nullptr)},
              {"name", c.name},
              {"short_name", c.short_name},
              {"level", c.level},
              {"is_active", c.is_active},
              {"created_at", c.created_at},
              {"updated_at", c.updated_at}};
}

std::optional<Committee> find_committee(soci::session& sql, long long id) {
  Committee c;
  int active = 0;
  db::Params params;
  const std::string text =
      fmt::format("SELECT {} FROM committees WHERE id = {}", kColumns, params.add(id));
  bool found = false;
  db::select_rows(
      sql, text, params, [&](soci::statement& st) { define(st, c, active); },
      [&] { found = true; });
  if (!found) return std::nullopt;
  c.is_active = active != 0;
  return c;
}

long long count_committees(soci::session& sql) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM committees", soci::into(count);
  return count;
}

std::pair<std::vector<Committee>, long long> list_committees(db::Database& db,
                                                             const CommitteeQuery& query) {
  db::Where where;
  if (!query.q.empty()) {
    // Each placeholder is bound once: SOCI's PostgreSQL backend numbers every occurrence.
    const auto name = where.params().add(db::like_pattern(query.q));
    const auto short_name = where.params().add(db::like_pattern(query.q));
    where.add_raw(fmt::format("(name LIKE {} ESCAPE '\\' OR short_name LIKE {} ESCAPE '\\')", name,
                              short_name));
  }
  return db.read([&](soci::session& sql) {
    std::vector<Committee> items;
    const long long total =
        db::count_rows(sql, "SELECT COUNT(*) FROM committees" + where.sql(), where.params());
    Committee c;
    int active = 0;
    const std::string text = fmt::format(
        "SELECT {} FROM committees{} ORDER BY id LIMIT {} OFFSET {}", kColumns, where.sql(),
        query.page_size, static_cast<long long>(query.page - 1) * query.page_size);
    db::select_rows(
        sql, text, where.params(), [&](soci::statement& st) { define(st, c, active); },
        [&] {
          c.is_active = active != 0;
          items.push_back(c);
        });
    return std::make_pair(std::move(items), total);
  });
}

long long insert_committee(soci::session& sql, const Committee& c) {
  long long id = 0;
  const int active = c.is_active ? 1 : 0;
  soci::indicator parent_ind = c.parent_id != 0 ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO committees (parent_id, name, short_name, level, is_active, created_at, "
         "updated_at) VALUES (:parent, :name, :short_name, :level, :active, :created, :updated) "
         "RETURNING id",
      soci::use(c.parent_id, parent_ind), soci::use(c.name), soci::use(c.short_name),
      soci::use(c.level), soci::use(active), soci::use(c.created_at), soci::use(c.updated_at),
      soci::into(id);
  return id;
}

}  // namespace lvzhi::org
