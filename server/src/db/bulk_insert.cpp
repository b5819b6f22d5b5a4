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
                       std::vector<std::string> columns)
    : sql_(sql),
      postgres_(!dialect.is_sqlite()),
      table_(std::move(table)),
      columns_(std::move(columns)) {
  if (postgres_) {
    PGconn* conn = connection(sql_);
    const auto command = fmt::format("COPY {} ({}) FROM STDIN", table_, fmt::join(columns_, ", "));
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
