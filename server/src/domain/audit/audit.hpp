#pragma once
// The audit log: an append-only, hash-chained row for every write, written in the write's own
// transaction.
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"

namespace lvzhi::audit {

struct Entry {
  std::string action;       // "<domain>.<verb>", e.g. user.create, auth.login_failed
  std::string object_type;  // "user", "committee", …
  std::string object_id;
  Json changes = Json::object();  // {"field": [old, new]} or event details
  long long committee_id = 0;     // 0 = the actor's committee
};

// Appends one row inside the caller's transaction. Serializes writers on the chain head.
void record(soci::session& sql, const db::Dialect& dialect, const Actor& actor, const Entry& entry);

// The id of the last row written: every audited write, on any instance, moves it, so an answer
// computed in a transaction that read this value is current while the value stays the same.
long long head_id(soci::session& sql);

// {"field": [old, new]} for each field whose value differs.
Json diff(const Json& before, const Json& after);

struct Record {
  long long id = 0;
  long long at = 0;
  long long actor_id = 0;
  std::string actor_name;
  long long committee_id = 0;
  std::string ip;
  std::string request_id;
  std::string action;
  std::string object_type;
  std::string object_id;
  std::string changes;  // JSON text
  std::string prev_hash;
  std::string hash;
};

// The hash of a row given its predecessor's hash: SHA-256 over the canonical fields.
std::string chain_hash(const std::string& prev_hash, const Record& record);

struct VerifyReport {
  bool ok = true;
  long long rows = 0;
  long long bad_row_id = 0;  // first row that does not verify (or the missing last row)
  std::string reason;
};

// Walks the whole chain in id order; reports the first edited, inserted or deleted row.
VerifyReport verify_chain(db::Database& db);

struct Query {
  long long actor_id = 0;
  std::string actor;   // username or display name, substring
  std::string action;  // exact or prefix ending in '.' (e.g. "auth.")
  std::string object_type;
  std::string object_id;
  long long from = 0;
  long long to = 0;
  int page = 1;
  int page_size = 20;
};

struct Page {
  std::vector<Record> items;
  long long total = 0;
};

Page search(db::Database& db, const Query& query);
Json to_json(const Record& record);

}  // namespace lvzhi::audit
