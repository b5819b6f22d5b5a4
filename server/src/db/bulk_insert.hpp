#pragma once
// Writing many rows fast (the scale generator, imports): COPY … FROM STDIN on PostgreSQL,
// multi-row INSERTs on SQLite. Inside the caller's transaction; one BulkInsert at a time per
// session (a PostgreSQL connection in COPY mode runs nothing else).
#include <string>
#include <variant>
#include <vector>

#include <soci/soci.h>

#include "db/dialect.hpp"

namespace lvzhi::db {

class BulkInsert {
 public:
  using Value = std::variant<std::monostate, long long, std::string>;  // monostate = NULL

  BulkInsert(soci::session& sql, const Dialect& dialect, std::string table,
             std::vector<std::string> columns);
  ~BulkInsert();  // ends an unfinished COPY (the transaction then fails on commit)
  BulkInsert(const BulkInsert&) = delete;
  BulkInsert& operator=(const BulkInsert&) = delete;

  // One row, a value per column, in column order.
  void row(const std::vector<Value>& values);
  // Writes what is buffered and ends the COPY; throws std::runtime_error on a database error.
  void finish();
  [[nodiscard]] long long rows() const { return rows_; }

 private:
  void flush();

  soci::session& sql_;
  bool postgres_;
  std::string table_;
  std::vector<std::string> columns_;
  std::string buffer_;
  int buffered_rows_ = 0;
  long long rows_ = 0;
  bool finished_ = false;
};

}  // namespace lvzhi::db
