// SQL of reference items.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "db/query.hpp"
#include "domain/org/reference.hpp"

namespace lvzhi::org {
namespace {

constexpr const char* kColumns =
    "r.id, r.committee_id, r.kind, r.name, r.code, COALESCE(r.parent_id, 0), "
    "COALESCE(p.name, ''), r.sort_order, r.is_active, r.created_at, r.updated_at";
constexpr const char* kFrom =
    " FROM reference_items r LEFT JOIN reference_items p ON p.id = r.parent_id";

struct Row {
  ReferenceItem item;
  int active = 0;
};

void define(soci::statement& st, Row& row) {
  auto& i = row.item;
  st.exchange(soci::into(i.id));
  st.exchange(soci::into(i.committee_id));
  st.exchange(soci::into(i.kind));
  st.exchange(soci::into(i.name));
  st.exchange(soci::into(i.code));
  st.exchange(soci::into(i.parent_id));
  st.exchange(soci::into(i.parent_name));
  st.exchange(soci::into(i.sort_order));
  st.exchange(soci::into(row.active));
  st.exchange(soci::into(i.created_at));
  st.exchange(soci::into(i.updated_at));
}

// The usage of a whole page in one query (each referrer counted through its index).
void load_usage(soci::session& sql, std::vector<ReferenceItem>& items) {
  if (items.empty()) return;
  db::Params params;
  const auto in_list = [&] {
    std::vector<std::string> placeholders;
    placeholders.reserve(items.size());
    for (const auto& item : items) placeholders.push_back(params.add(item.id));
    return fmt::format("{}", fmt::join(placeholders, ", "));
  };
  const std::string parties = in_list();
  const std::string sectors = in_list();
  const std::string memberships = in_list();
  const std::string children = in_list();
  const std::string categories = in_list();
  const std::string collectives = in_list();
  const std::string text = fmt::format(
      "SELECT id, CAST(SUM(n) AS BIGINT) FROM ("
      "SELECT party_id AS id, COUNT(*) AS n FROM members WHERE party_id IN ({}) GROUP BY party_id "
      "UNION ALL SELECT sector_id, COUNT(*) FROM members WHERE sector_id IN ({}) GROUP BY "
      "sector_id "
      "UNION ALL SELECT item_id, COUNT(*) FROM member_memberships WHERE item_id IN ({}) "
      "GROUP BY item_id "
      "UNION ALL SELECT parent_id, COUNT(*) FROM reference_items WHERE parent_id IN ({}) "
      "GROUP BY parent_id "
      "UNION ALL SELECT category_id, COUNT(*) FROM proposals WHERE category_id IN ({}) "
      "GROUP BY category_id "
      "UNION ALL SELECT collective_id, COUNT(*) FROM proposals WHERE collective_id IN ({}) "
      "GROUP BY collective_id) uses GROUP BY id",
      parties, sectors, memberships, children, categories, collectives);
  long long id = 0;
  long long usage = 0;
  db::select_rows(
      sql, text, params,
      [&](soci::statement& st) {
        st.exchange(soci::into(id));
        st.exchange(soci::into(usage));
      },
      [&] {
        for (auto& item : items) {
          if (item.id == id) item.usage = usage;
        }
      });
}

}  // namespace

bool is_reference_kind(std::string_view kind) {
  return std::find(std::begin(kReferenceKinds), std::end(kReferenceKinds), kind) !=
         std::end(kReferenceKinds);
}

std::string_view parent_kind_of(std::string_view kind) {
  return kind == "community" ? "street" : "";
}

Json to_json(const ReferenceItem& i) {
  return Json{{"id", i.id},
              {"kind", i.kind},
              {"name", i.name},
              {"code", i.code},
              {"parent_id", i.parent_id != 0 ? Json(i.parent_id) : Json(nullptr)},
              {"parent_name", i.parent_id != 0 ? Json(i.parent_name) : Json(nullptr)},
              {"sort_order", i.sort_order},
              {"is_active", i.is_active},
              {"usage", i.usage},
              {"created_at", i.created_at},
              {"updated_at", i.updated_at}};
}

long long reference_usage(soci::session& sql, long long id) {
  long long members = 0;
  long long memberships = 0;
  long long children = 0;
  sql << "SELECT COUNT(*) FROM members WHERE party_id = :a OR sector_id = :b", soci::use(id),
      soci::use(id), soci::into(members);
  sql << "SELECT COUNT(*) FROM member_memberships WHERE item_id = :id", soci::use(id),
      soci::into(memberships);
  sql << "SELECT COUNT(*) FROM reference_items WHERE parent_id = :id", soci::use(id),
      soci::into(children);
  long long proposals = 0;
  sql << "SELECT COUNT(*) FROM proposals WHERE category_id = :a OR collective_id = :b",
      soci::use(id), soci::use(id), soci::into(proposals);
  return members + memberships + children + proposals;
}

std::optional<ReferenceItem> find_reference(soci::session& sql, long long committee_id,
                                            long long id) {
  db::Params params;
  const std::string text = fmt::format("SELECT {}{} WHERE r.id = {} AND r.committee_id = {}",
                                       kColumns, kFrom, params.add(id), params.add(committee_id));
  Row row;
  bool found = false;
  db::select_rows(
      sql, text, params, [&](soci::statement& st) { define(st, row); }, [&] { found = true; });
  if (!found) return std::nullopt;
  row.item.is_active = row.active != 0;
  row.item.usage = reference_usage(sql, id);
  return row.item;
}

std::pair<std::vector<ReferenceItem>, long long> list_references(db::Database& db,
                                                                 const ReferenceQuery& query) {
  db::Where where;
  where.add("r.committee_id = {}", query.committee_id);
  where.add("r.kind = {}", query.kind);
  if (!query.q.empty()) {
    const auto name = where.params().add(db::like_pattern(query.q));
    const auto code = where.params().add(db::like_pattern(query.q));
    where.add_raw(
        fmt::format("(r.name LIKE {} ESCAPE '\\' OR r.code LIKE {} ESCAPE '\\')", name, code));
  }
  if (query.active) where.add("r.is_active = {}", *query.active ? 1LL : 0LL);
  if (query.parent_id != 0) where.add("r.parent_id = {}", query.parent_id);
  return db.read([&](soci::session& sql) {
    std::vector<ReferenceItem> items;
    const long long total =
        db::count_rows(sql, "SELECT COUNT(*) FROM reference_items r" + where.sql(), where.params());
    const std::string text = fmt::format(
        "SELECT {}{}{} ORDER BY r.sort_order, r.name, r.id LIMIT {} OFFSET {}", kColumns, kFrom,
        where.sql(), query.page_size, static_cast<long long>(query.page - 1) * query.page_size);
    Row row;
    db::select_rows(
        sql, text, where.params(), [&](soci::statement& st) { define(st, row); },
        [&] {
          row.item.is_active = row.active != 0;
          items.push_back(row.item);
        });
    load_usage(sql, items);
    return std::make_pair(std::move(items), total);
  });
}

long long insert_reference(soci::session& sql, const ReferenceItem& i) {
  long long id = 0;
  const int active = i.is_active ? 1 : 0;
  soci::indicator parent_ind = i.parent_id != 0 ? soci::i_ok : soci::i_null;
  long long parent = i.parent_id;
  sql << "INSERT INTO reference_items (committee_id, kind, name, code, parent_id, sort_order, "
         "is_active, created_at, updated_at) VALUES (:c, :kind, :name, :code, :parent, :sort, "
         ":active, :created, :updated) RETURNING id",
      soci::use(i.committee_id), soci::use(i.kind), soci::use(i.name), soci::use(i.code),
      soci::use(parent, parent_ind), soci::use(i.sort_order), soci::use(active),
      soci::use(i.created_at), soci::use(i.updated_at), soci::into(id);
  return id;
}

}  // namespace lvzhi::org
