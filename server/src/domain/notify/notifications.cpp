// In-app notifications: send() inside the causing write, and each user's inbox. Outcomes: a list of
// the caller's own notifications (newest first, optionally unread only) with the unread count · one
// marked read (idempotent; someone else's or an unknown id is 404 notification.not_found) · all
// marked read. Marking read is not audited: it records that the user looked at their own inbox, not
// a business write; the write that sends a notification is audited by its caller.
#include <fmt/format.h>

#include "core/clock.hpp"
#include "db/query.hpp"
#include "domain/notify/notify.hpp"
#include "http/paging.hpp"

namespace lvzhi::notify {
namespace {

using http::Access;
using http::Request;
using http::Response;

constexpr const char* kColumns = "id, kind, title, body, link, read_at, created_at";

struct Notification {
  long long id = 0;
  std::string kind;
  std::string title;
  std::string body;
  std::string link;
  bool read = false;
  long long created_at = 0;
};

Json to_json(const Notification& n) {
  return Json{{"id", n.id},     {"kind", n.kind}, {"title", n.title},          {"body", n.body},
              {"link", n.link}, {"read", n.read}, {"created_at", n.created_at}};
}

// Binds the columns of kColumns; call finish() after each fetch.
struct RowBuffer {
  Notification n;
  long long read_at = 0;
  soci::indicator read_ind = soci::i_null;
  void define(soci::statement& st) {
    st.exchange(soci::into(n.id));
    st.exchange(soci::into(n.kind));
    st.exchange(soci::into(n.title));
    st.exchange(soci::into(n.body));
    st.exchange(soci::into(n.link));
    st.exchange(soci::into(read_at, read_ind));
    st.exchange(soci::into(n.created_at));
  }
  Notification finish() {
    n.read = read_ind == soci::i_ok;
    return n;
  }
};

long long unread_count(soci::session& sql, long long user_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND read_at IS NULL",
      soci::use(user_id), soci::into(count);
  return count;
}

std::optional<Notification> find(soci::session& sql, long long user_id, long long id) {
  db::Params params;
  RowBuffer row;
  std::optional<Notification> found;
  db::select_rows(
      sql,
      fmt::format("SELECT {} FROM notifications WHERE id = {} AND user_id = {}", kColumns,
                  params.add(id), params.add(user_id)),
      params, [&](soci::statement& st) { row.define(st); }, [&] { found = row.finish(); });
  return found;
}

Response list(db::Database& db, const Request& request) {
  auto paging = http::parse_paging(request);
  if (!paging.ok()) return Response::error(paging.error());
  auto unread_only = http::query_bool(request, "unread");
  if (!unread_only.ok()) return Response::error(unread_only.error());
  const long long user_id = request.actor.user_id;
  db::Where where;
  where.add("user_id = {}", user_id);
  if (unread_only.value().value_or(false)) where.add_raw("read_at IS NULL");
  return db.read([&](soci::session& sql) {
    const long long total =
        db::count_rows(sql, "SELECT COUNT(*) FROM notifications" + where.sql(), where.params());
    Json items = Json::array();
    RowBuffer row;
    db::select_rows(
        sql,
        fmt::format("SELECT {} FROM notifications{} ORDER BY created_at DESC, id DESC "
                    "LIMIT {} OFFSET {}",
                    kColumns, where.sql(), paging->page_size,
                    static_cast<long long>(paging->page - 1) * paging->page_size),
        where.params(), [&](soci::statement& st) { row.define(st); },
        [&] { items.push_back(to_json(row.finish())); });
    Json body = http::list_body(std::move(items), total, paging.value());
    body["unread"] = unread_count(sql, user_id);
    return Response::json(200, body);
  });
}

Result<Notification> mark_read(db::Database& db, long long user_id, long long id) {
  return db.write([&](soci::session& sql) -> Result<Notification> {
    auto found = find(sql, user_id, id);
    if (!found) return make_error(contract::err::kNotificationNotFound);
    if (!found->read) {
      const long long now = now_seconds();
      sql << "UPDATE notifications SET read_at = :t WHERE id = :id AND user_id = :u",
          soci::use(now), soci::use(id), soci::use(user_id);
      found->read = true;
    }
    return *found;
  });
}

Result<long long> mark_all_read(db::Database& db, long long user_id) {
  return db.write([&](soci::session& sql) -> Result<long long> {
    const long long now = now_seconds();
    soci::statement st = db::once(sql,
                                  "UPDATE notifications SET read_at = :t WHERE user_id = :u AND "
                                  "read_at IS NULL",
                                  soci::use(now), soci::use(user_id));
    st.execute(true);
    return st.get_affected_rows();
  });
}

}  // namespace

bool send(soci::session& sql, const db::Dialect& /*dialect*/, const Message& message) {
  const long long now = now_seconds();
  if (message.dedupe_key.empty()) {
    sql << "INSERT INTO notifications (committee_id, user_id, kind, title, body, link, "
           "created_at) VALUES (:c, :u, :k, :t, :b, :l, :at)",
        soci::use(message.committee_id), soci::use(message.user_id), soci::use(message.kind),
        soci::use(message.title), soci::use(message.body), soci::use(message.link), soci::use(now);
    return true;
  }
  // The conflict target names the partial unique index notifications_dedupe (its WHERE included),
  // which both SQLite (≥ 3.24) and PostgreSQL accept; a duplicate inserts and returns nothing, and
  // concurrent senders never fail the caller's transaction on the unique index.
  long long id = 0;
  sql << "INSERT INTO notifications (committee_id, user_id, kind, title, body, link, dedupe_key, "
         "created_at) VALUES (:c, :u, :k, :t, :b, :l, :d, :at) "
         "ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key <> '' DO NOTHING RETURNING id",
      soci::use(message.committee_id), soci::use(message.user_id), soci::use(message.kind),
      soci::use(message.title), soci::use(message.body), soci::use(message.link),
      soci::use(message.dedupe_key), soci::use(now), soci::into(id);
  return sql.got_data();
}

http::RouteTable notification_routes(db::Database& db) {
  return {
      {"GET", "/api/v1/notifications", Access::session(),
       [&db](Request& request) { return list(db, request); }},
      {"GET", "/api/v1/notifications/unread-count", Access::session(),
       [&db](Request& request) {
         const long long unread =
             db.read([&](soci::session& sql) { return unread_count(sql, request.actor.user_id); });
         return Response::json(200, Json{{"unread", unread}});
       }},
      {"POST", "/api/v1/notifications/{id}/read", Access::session(),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kNotificationNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto marked = mark_read(db, request.actor.user_id, id.value());
         return marked.ok() ? Response::json(200, to_json(marked.value()))
                            : Response::error(marked.error());
       }},
      {"POST", "/api/v1/notifications/read-all", Access::session(),
       [&db](Request& request) {
         auto updated = mark_all_read(db, request.actor.user_id);
         return updated.ok() ? Response::json(200, Json{{"updated", updated.value()}})
                             : Response::error(updated.error());
       }},
  };
}

}  // namespace lvzhi::notify
