#include "db/bulk_insert.hpp"

#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

namespace lvzhi::db {
namespace {

constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
constexpr int kSqliteRowsPerInsert = 500;

PGconn* connection(soci::session& sql) {
  // soci's backend classes carry no exported typeinfo, so no dynamic_cast: the name decides.
  if (sql.get_backend_name() != "postgresql") {
    throw std::logic_error("BulkInsert: not a PostgreSQL session");
  }
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

// COPY's text format: backslash escapes, \N for NULL.
void append_copy(std::string& out, const BulkInsert::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) {
    out += "\\N";
  } else if (const auto* n = std::get_if<long long>(&v)) {
    out += std::to_string(*n);
  } else {
    for (const char c : std::get<std::string>(v)) {
      switch (c) {
        case '\\':
          out += "\\\\";
          break;
        case '\t':
          out += "\\t";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        default:
          out += c;
      }
    }
  }
}

// An SQL literal (only our own generated values pass through here).
void append_literal(std::string& out, const BulkInsert::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) {
    out += "NULL";
  } else if (const auto* n = std::get_if<long long>(&v)) {
    out += std::to_string(*n);
  } else {
    out += '\'';
    for (const char c : std::get<std::string>(v)) {
      if (c == '\'') out += '\'';
      out += c;
    }
    out += '\'';
  }
}

}  // namespace

BulkInsert::BulkInsert(soci::session& sql, const Dialect& dialect, std::string table,
                       std::vector<std::string> columns, Rows rows)
    : sql_(sql),
      postgres_(!dialect.is_sqlite()),
      table_(std::move(table)),
      columns_(std::move(columns)) {
  if (postgres_) {
    PGconn* conn = connection(sql_);
    const auto command = fmt::format("COPY {} ({}) FROM STDIN{}", table_, fmt::join(columns_, ", "),
                                     rows == Rows::kFrozen ? " WITH (FREEZE)" : "");
    PGresult* result = PQexec(conn, command.c_str());
    const bool ok = PQresultStatus(result) == PGRES_COPY_IN;
    PQclear(result);
    if (!ok) throw std::runtime_error("COPY failed to start: " + std::string(PQerrorMessage(conn)));
  }
}

BulkInsert::~BulkInsert() {
  if (postgres_ && !finished_) {
    PGconn* conn = connection(sql_);
    PQputCopyEnd(conn, "abandoned");
    while (PGresult* r = PQgetResult(conn)) PQclear(r);
  }
}

void BulkInsert::row(const std::vector<Value>& values) {
  if (values.size() != columns_.size()) throw std::logic_error("BulkInsert: wrong column count");
  if (postgres_) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i != 0) buffer_ += '\t';
      append_copy(buffer_, values[i]);
    }
    buffer_ += '\n';
  } else {
    buffer_ += buffered_rows_ == 0 ? "(" : ", (";
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i != 0) buffer_ += ", ";
      append_literal(buffer_, values[i]);
    }
    buffer_ += ')';
  }
  ++buffered_rows_;
  ++rows_;
  if (postgres_ ? buffer_.size() >= kFlushBytes : buffered_rows_ >= kSqliteRowsPerInsert) flush();
}

void BulkInsert::flush() {
  if (buffered_rows_ == 0) return;
  if (postgres_) {
    PGconn* conn = connection(sql_);
    if (PQputCopyData(conn, buffer_.data(), static_cast<int>(buffer_.size())) != 1) {
      throw std::runtime_error("COPY failed: " + std::string(PQerrorMessage(conn)));
    }
  } else {
    sql_ << fmt::format("INSERT INTO {} ({}) VALUES {}", table_, fmt::join(columns_, ", "),
                        buffer_);
  }
  buffer_.clear();
  buffered_rows_ = 0;
}

bool truncate_if_empty(soci::session& sql, const Dialect& dialect, const std::string& table) {
  if (dialect.is_sqlite()) return false;
  long long referring_keys = 0;
  sql << "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND confrelid = to_regclass(:t)",
      soci::use(table), soci::into(referring_keys);
  if (referring_keys != 0) return false;
  // The lock first: no row may arrive between the look and the TRUNCATE.
  sql << "LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE";
  int has_rows = 0;
  sql << "SELECT CASE WHEN EXISTS (SELECT 1 FROM " + table + ") THEN 1 ELSE 0 END",
      soci::into(has_rows);
  if (has_rows != 0) return false;
  sql << "TRUNCATE " + table;
  return true;
}

DeferredIndexes::DeferredIndexes(soci::session& sql, const Dialect& dialect,
                                 const std::vector<std::string>& tables)
    : sql_(sql), postgres_(!dialect.is_sqlite()) {
  // SQLite keeps no SQL for the automatic indexes of PRIMARY KEY and UNIQUE constraints.
  const std::string list_sql =
      postgres_ ? "SELECT c.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                  "JOIN pg_class c ON c.oid = i.indexrelid "
                  "WHERE i.indrelid = to_regclass(:t) "
                  "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
                  "ORDER BY c.relname"
                : "SELECT name, sql FROM sqlite_master "
                  "WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL ORDER BY name";
  std::vector<std::string> names;
  for (const auto& table : tables) {
    soci::rowset<soci::row> rows = (sql_.prepare << list_sql, soci::use(table));
    for (const auto& r : rows) {
      names.push_back(r.get<std::string>(0));
      definitions_.push_back(r.get<std::string>(1));
    }
  }
  for (const auto& name : names) sql_ << "DROP INDEX " + name;
}

void DeferredIndexes::finish() {
  // Sorting in memory rather than in temporary files: the load is the only work running.
  if (postgres_) sql_ << "SET LOCAL maintenance_work_mem = '256MB'";
  for (const auto& definition : definitions_) sql_ << definition;
  definitions_.clear();
}

void BulkInsert::finish() {
  flush();
  finished_ = true;
  if (!postgres_) return;
  PGconn* conn = connection(sql_);
  if (PQputCopyEnd(conn, nullptr) != 1) {
    throw std::runtime_error("COPY failed: " + std::string(PQerrorMessage(conn)));
  }
  std::string error;
  while (PGresult* r = PQgetResult(conn)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK) error = PQresultErrorMessage(r);
    PQclear(r);
  }
  if (!error.empty()) throw std::runtime_error("COPY failed: " + error);
}

}  // namespace lvzhi::db
