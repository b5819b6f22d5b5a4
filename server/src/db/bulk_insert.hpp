#pragma once
// Writing many rows fast (the scale generator, imports): COPY … FROM STDIN on PostgreSQL,
// multi-row INSERTs on SQLite, with the tables' secondary indexes built once afterwards
// (DeferredIndexes). Inside the caller's transaction; one BulkInsert at a time per session (a
// PostgreSQL connection in COPY mode runs nothing else).
#include <string>
#include <variant>
#include <vector>

#include <soci/soci.h>

#include "db/dialect.hpp"

namespace lvzhi::db {

class BulkInsert {
 public:
  using Value = std::variant<std::monostate, long long, std::string>;  // monostate = NULL
  // kFrozen, on PostgreSQL: COPY … WITH (FREEZE), the rows written frozen and their pages marked
  // all-visible, so neither a VACUUM nor the first reads have to visit them again. Only for a table
  // created or truncated in this transaction (truncate_if_empty); SQLite ignores it.
  enum class Rows { kPlain, kFrozen };

  BulkInsert(soci::session& sql, const Dialect& dialect, std::string table,
             std::vector<std::string> columns, Rows rows = Rows::kPlain);
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

// PostgreSQL: TRUNCATEs TABLE in the caller's transaction when it holds no rows and no foreign key
// refers to it (TRUNCATE would refuse), and returns true. Rows then COPYed into it may be frozen
// (BulkInsert::Rows::kFrozen), and on a cluster with wal_level = minimal neither they nor the
// indexes built over them are written to the WAL. Takes the table's exclusive lock until the
// transaction ends. False on SQLite, or when the table has rows or is referred to.
bool truncate_if_empty(soci::session& sql, const Dialect& dialect, const std::string& table);

// Drops the secondary indexes of some tables and creates them again in finish(): one index built
// over loaded rows is several times faster than one grown row by row, whose pages are touched in
// random order once the tables outgrow the cache. Indexes that back a constraint (primary keys,
// UNIQUE) stay. Inside the caller's transaction: both databases undo the DDL on rollback.
class DeferredIndexes {
 public:
  DeferredIndexes(soci::session& sql, const Dialect& dialect,
                  const std::vector<std::string>& tables);
  // Creates the dropped indexes again; throws on a database error.
  void finish();
  [[nodiscard]] std::size_t deferred() const { return definitions_.size(); }

 private:
  soci::session& sql_;
  bool postgres_;
  std::vector<std::string> definitions_;  // CREATE INDEX statements
};

}  // namespace lvzhi::db
