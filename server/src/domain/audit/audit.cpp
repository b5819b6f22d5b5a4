#include "domain/audit/audit.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "db/query.hpp"

namespace lvzhi::audit {
namespace {

constexpr const char* kColumns =
    "id, at, COALESCE(actor_id, 0), actor_name, COALESCE(committee_id, 0), ip, request_id, action, "
    "object_type, object_id, changes, prev_hash, hash";

void define_record(soci::statement& st, Record& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.at));
  st.exchange(soci::into(r.actor_id));
  st.exchange(soci::into(r.actor_name));
  st.exchange(soci::into(r.committee_id));
  st.exchange(soci::into(r.ip));
  st.exchange(soci::into(r.request_id));
  st.exchange(soci::into(r.action));
  st.exchange(soci::into(r.object_type));
  st.exchange(soci::into(r.object_id));
  st.exchange(soci::into(r.changes));
  st.exchange(soci::into(r.prev_hash));
  st.exchange(soci::into(r.hash));
}

}  // namespace

std::string chain_hash(const std::string& prev_hash, const Record& r) {
  // Length-prefixed fields: no value can be shifted into its neighbour without changing the hash.
  std::string canonical;
  auto append = [&canonical](std::string_view field) {
    canonical += std::to_string(field.size());
    canonical += ':';
    canonical += field;
  };
  append(prev_hash);
  append(std::to_string(r.id));
  append(std::to_string(r.at));
  append(std::to_string(r.actor_id));
  append(r.actor_name);
  append(std::to_string(r.committee_id));
  append(r.ip);
  append(r.request_id);
  append(r.action);
  append(r.object_type);
  append(r.object_id);
  append(r.changes);
  return crypto::sha256_hex(canonical);
}

long long head_id(soci::session& sql) {
  long long last_id = 0;
  sql << "SELECT last_id FROM audit_head WHERE id = 1", soci::into(last_id);
  return last_id;
}

void record(soci::session& sql, const db::Dialect& dialect, const Actor& actor,
            const Entry& entry) {
  long long last_id = 0;
  std::string last_hash;
  sql << fmt::format("SELECT last_id, last_hash FROM audit_head WHERE id = 1{}",
                     dialect.for_update()),
      soci::into(last_id), soci::into(last_hash);

  Record r;
  r.id = last_id + 1;
  r.at = now_seconds();
  r.actor_id = actor.user_id;
  r.actor_name = actor.username;
  r.committee_id = entry.committee_id != 0 ? entry.committee_id : actor.committee_id;
  r.ip = actor.ip;
  r.request_id = actor.request_id;
  r.action = entry.action;
  r.object_type = entry.object_type;
  r.object_id = entry.object_id;
  r.changes = entry.changes.dump();
  r.prev_hash = last_hash;
  r.hash = chain_hash(last_hash, r);

  soci::indicator actor_ind = r.actor_id != 0 ? soci::i_ok : soci::i_null;
  soci::indicator committee_ind = r.committee_id != 0 ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO audit_log (id, at, actor_id, actor_name, committee_id, ip, request_id, "
         "action, "
         "object_type, object_id, changes, prev_hash, hash) VALUES (:id, :at, :actor_id, "
         ":actor_name, :committee_id, :ip, :request_id, :action, :object_type, :object_id, "
         ":changes, :prev_hash, :hash)",
      soci::use(r.id), soci::use(r.at), soci::use(r.actor_id, actor_ind), soci::use(r.actor_name),
      soci::use(r.committee_id, committee_ind), soci::use(r.ip), soci::use(r.request_id),
      soci::use(r.action), soci::use(r.object_type), soci::use(r.object_id), soci::use(r.changes),
      soci::use(r.prev_hash), soci::use(r.hash);
  sql << "UPDATE audit_head SET last_id = :id, last_hash = :hash WHERE id = 1", soci::use(r.id),
      soci::use(r.hash);
}

Json diff(const Json& before, const Json& after) {
  Json changes = Json::object();
  for (const auto& [key, value] : after.items()) {
    const auto old = before.find(key);
    if (old == before.end()) {
      changes[key] = Json::array({nullptr, value});
    } else if (*old != value) {
      changes[key] = Json::array({*old, value});
    }
  }
  return changes;
}

VerifyReport verify_chain(db::Database& db) {
  VerifyReport report;
  auto sql = db.session();
  Record r;
  std::string prev_hash;
  long long expected_id = 0;
  db::Params params;
  db::select_rows(
      *sql, fmt::format("SELECT {} FROM audit_log ORDER BY id", kColumns), params,
      [&](soci::statement& st) { define_record(st, r); },
      [&] {
        if (!report.ok) return;
        ++report.rows;
        ++expected_id;
        if (r.id != expected_id) {
          report = {false, report.rows, expected_id, fmt::format("row {} is missing", expected_id)};
        } else if (r.prev_hash != prev_hash) {
          report = {false, report.rows, r.id,
                    fmt::format("row {} does not follow row {} (a row was deleted or inserted)",
                                r.id, r.id - 1)};
        } else if (chain_hash(prev_hash, r) != r.hash) {
          report = {false, report.rows, r.id, fmt::format("row {} was modified", r.id)};
        }
        prev_hash = r.hash;
      });
  if (!report.ok) return report;
  long long last_id = 0;
  std::string last_hash;
  *sql << "SELECT last_id, last_hash FROM audit_head WHERE id = 1", soci::into(last_id),
      soci::into(last_hash);
  if (last_id != expected_id || last_hash != prev_hash) {
    report.ok = false;
    report.bad_row_id = last_id;
    report.reason =
        last_id > expected_id
            ? fmt::format("rows {}..{} are missing from the end", expected_id + 1, last_id)
            : fmt::format("the chain head does not match row {}", expected_id);
  }
  return report;
}

Page search(db::Database& db, const Query& q) {
  db::Where where;
  if (q.actor_id != 0) where.add("actor_id = {}", q.actor_id);
  if (!q.actor.empty()) where.add("actor_name LIKE {} ESCAPE '\\'", db::like_pattern(q.actor));
  if (!q.action.empty()) {
    if (q.action.back() == '.') {
      where.add("action LIKE {} ESCAPE '\\'", q.action.substr(0, q.action.size() - 1) + ".%");
    } else {
      where.add("action = {}", q.action);
    }
  }
  if (!q.object_type.empty()) where.add("object_type = {}", q.object_type);
  if (!q.object_id.empty()) where.add("object_id = {}", q.object_id);
  if (q.from != 0) where.add("at >= {}", q.from);
  if (q.to != 0) where.add("at <= {}", q.to);

  return db.read([&](soci::session& sql) {
    Page page;
    page.total =
        db::count_rows(sql, "SELECT COUNT(*) FROM audit_log" + where.sql(), where.params());
    Record r;
    const std::string text =
        fmt::format("SELECT {} FROM audit_log{} ORDER BY id DESC LIMIT {} OFFSET {}", kColumns,
                    where.sql(), q.page_size, static_cast<long long>(q.page - 1) * q.page_size);
    db::select_rows(
        sql, text, where.params(), [&](soci::statement& st) { define_record(st, r); },
        [&] { page.items.push_back(r); });
    return page;
  });
}

Json to_json(const Record& r) {
  Json changes = Json::parse(r.changes, nullptr, false);
  if (changes.is_discarded()) changes = r.changes;
  return Json{{"id", r.id},
              {"at", r.at},
              {"actor_id", r.actor_id == 0 ? Json(nullptr) : Json(r.actor_id)},
              {"actor_name", r.actor_name},
              {"committee_id", r.committee_id == 0 ? Json(nullptr) : Json(r.committee_id)},
              {"ip", r.ip},
              {"request_id", r.request_id},
              {"action", r.action},
              {"object_type", r.object_type},
              {"object_id", r.object_id},
              {"changes", changes}};
}

}  // namespace lvzhi::audit
