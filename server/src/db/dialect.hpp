#pragma once
// The only place where SQLite and PostgreSQL differ. Repositories ask the dialect instead of
// branching.
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace lvzhi::db {

class Dialect {
 public:
  enum class Kind { kSqlite, kPostgresql };
  explicit Dialect(Kind kind) : kind_(kind) {}
  // The dialect of an open session (for code handed only the session).
  static Dialect of(soci::session& sql);

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] bool is_sqlite() const { return kind_ == Kind::kSqlite; }
  [[nodiscard]] std::string_view name() const { return is_sqlite() ? "sqlite" : "postgresql"; }
  // Statement that opens a write transaction: SQLite takes the write lock up front so two writers
  // never deadlock on lock upgrade.
  [[nodiscard]] std::string_view begin_write() const {
    return is_sqlite() ? "BEGIN IMMEDIATE" : "BEGIN";
  }
  [[nodiscard]] std::string_view begin_read() const {
    return is_sqlite() ? "BEGIN" : "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  }
  // Row lock for read-modify-write inside a transaction (SQLite's IMMEDIATE lock already
  // serializes).
  [[nodiscard]] std::string_view for_update() const { return is_sqlite() ? "" : " FOR UPDATE"; }
  // Serializes migrations across instances (SQLite's IMMEDIATE transaction already does).
  [[nodiscard]] std::string_view migration_lock() const {
    return is_sqlite() ? "" : "SELECT pg_advisory_xact_lock(7252)";
  }
  // Aggregate: the group's text values joined by single spaces (NULL for no rows; order
  // unspecified).
  [[nodiscard]] std::string spaced_list(std::string_view text) const {
    return std::string(is_sqlite() ? "group_concat(" : "string_agg(") + std::string(text) +
           ", ' ')";
  }
  // `column` is one of a bound list of ids: `placeholder` is bound to id_array(ids). The text is
  // the same for any number of ids, so the statement can be kept prepared.
  [[nodiscard]] std::string in_ids(std::string_view column, std::string_view placeholder) const;
  [[nodiscard]] std::string id_array(const std::vector<long long>& ids) const;
  // Case-insensitive LIKE.
  [[nodiscard]] std::string_view ilike() const { return is_sqlite() ? "LIKE" : "ILIKE"; }
  // Migration placeholders: {{ID}} is an auto-incrementing BIGINT primary key never reused.
  [[nodiscard]] std::string expand_migration(std::string sql) const;

 private:
  Kind kind_;
};

// A database URL names PostgreSQL (postgresql://… or postgres://…); anything else is an SQLite
// file.
inline bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

// An SQLite URL's file path: "sqlite:PATH" or PATH itself.
inline std::string sqlite_path_of(std::string_view url) {
  constexpr std::string_view kPrefix = "sqlite:";
  if (url.starts_with(kPrefix)) url.remove_prefix(kPrefix.size());
  return std::string(url);
}

}  // namespace lvzhi::db
