// SQL of handling units and their accounts.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "db/query.hpp"
#include "domain/org/unit.hpp"

namespace lvzhi::org {
namespace {

constexpr const char* kColumns =
    "id, committee_id, name, short_name, category, contact_name, contact_phone, is_active, "
    "created_at, updated_at";

struct Row {
  Unit unit;
  int active = 0;
};

void define(soci::statement& st, Row& row) {
  auto& u = row.unit;
  st.exchange(soci::into(u.id));
  st.exchange(soci::into(u.committee_id));
  st.exchange(soci::into(u.name));
  st.exchange(soci::into(u.short_name));
  st.exchange(soci::into(u.category));
  st.exchange(soci::into(u.contact_name));
  st.exchange(soci::into(u.contact_phone));
  st.exchange(soci::into(row.active));
  st.exchange(soci::into(u.created_at));
  st.exchange(soci::into(u.updated_at));
}

// The accounts of the given units, one query for the whole page.
void load_accounts(soci::session& sql, std::vector<Unit>& units) {
  if (units.empty()) return;
  db::Params params;
  std::vector<std::string> ids;
  ids.reserve(units.size());
  for (const auto& u : units) ids.push_back(params.add(u.id));
  const std::string text = fmt::format(
      "SELECT u.unit_id, u.id, u.username, u.display_name, u.status, r.role FROM users u "
      "JOIN user_roles r ON r.user_id = u.id WHERE u.unit_id IN ({}) ORDER BY u.unit_id, u.id, "
      "r.role",
      fmt::join(ids, ", "));
  long long unit_id = 0;
  UnitAccount a;
  std::string role;
  db::select_rows(
      sql, text, params,
      [&](soci::statement& st) {
        st.exchange(soci::into(unit_id));
        st.exchange(soci::into(a.id));
        st.exchange(soci::into(a.username));
        st.exchange(soci::into(a.display_name));
        st.exchange(soci::into(a.status));
        st.exchange(soci::into(role));
      },
      [&] {
        for (auto& u : units) {
          if (u.id != unit_id) continue;
          if (u.accounts.empty() || u.accounts.back().id != a.id) {
            UnitAccount account = a;
            account.roles.clear();
            u.accounts.push_back(account);
          }
          u.accounts.back().roles.push_back(role);
        }
      });
}

}  // namespace

Json to_json(const Unit& u) {
  Json accounts = Json::array();
  for (const auto& a : u.accounts) {
    accounts.push_back(Json{{"id", a.id},
                            {"username", a.username},
                            {"display_name", a.display_name},
                            {"roles", a.roles},
                            {"status", a.status}});
  }
  return Json{{"id", u.id},
              {"name", u.name},
              {"short_name", u.short_name},
              {"category", u.category},
              {"contact_name", u.contact_name},
              {"contact_phone", u.contact_phone},
              {"is_active", u.is_active},
              {"accounts", std::move(accounts)},
              {"created_at", u.created_at},
              {"updated_at", u.updated_at}};
}

std::optional<Unit> find_unit(soci::session& sql, long long committee_id, long long id) {
  db::Params params;
  const std::string text =
      fmt::format("SELECT {} FROM handling_units WHERE id = {} AND committee_id = {}", kColumns,
                  params.add(id), params.add(committee_id));
  Row row;
  bool found = false;
  db::select_rows(
      sql, text, params, [&](soci::statement& st) { define(st, row); }, [&] { found = true; });
  if (!found) return std::nullopt;
  row.unit.is_active = row.active != 0;
  std::vector<Unit> one{row.unit};
  load_accounts(sql, one);
  return one.front();
}

std::pair<std::vector<Unit>, long long> list_units(db::Database& db, const UnitQuery& query) {
  db::Where where;
  where.add("committee_id = {}", query.committee_id);
  if (!query.q.empty()) {
    const auto name = where.params().add(db::like_pattern(query.q));
    const auto short_name = where.params().add(db::like_pattern(query.q));
    where.add_raw(fmt::format("(name LIKE {} ESCAPE '\\' OR short_name LIKE {} ESCAPE '\\')", name,
                              short_name));
  }
  if (query.active) where.add("is_active = {}", *query.active ? 1LL : 0LL);
  return db.read([&](soci::session& sql) {
    std::vector<Unit> units;
    const long long total =
        db::count_rows(sql, "SELECT COUNT(*) FROM handling_units" + where.sql(), where.params());
    const std::string text = fmt::format(
        "SELECT {} FROM handling_units{} ORDER BY is_active DESC, category, name LIMIT {} OFFSET "
        "{}",
        kColumns, where.sql(), query.page_size,
        static_cast<long long>(query.page - 1) * query.page_size);
    Row row;
    db::select_rows(
        sql, text, where.params(), [&](soci::statement& st) { define(st, row); },
        [&] {
          row.unit.is_active = row.active != 0;
          units.push_back(row.unit);
        });
    load_accounts(sql, units);
    return std::make_pair(std::move(units), total);
  });
}

long long insert_unit(soci::session& sql, const Unit& u) {
  long long id = 0;
  const int active = u.is_active ? 1 : 0;
  sql << "INSERT INTO handling_units (committee_id, name, short_name, category, contact_name, "
         "contact_phone, is_active, created_at, updated_at) VALUES (:c, :n, :s, :cat, :cn, :cp, "
         ":a, :created, :updated) RETURNING id",
      soci::use(u.committee_id), soci::use(u.name), soci::use(u.short_name), soci::use(u.category),
      soci::use(u.contact_name), soci::use(u.contact_phone), soci::use(active),
      soci::use(u.created_at), soci::use(u.updated_at), soci::into(id);
  return id;
}

}  // namespace lvzhi::org
