#pragma once
// The database: a pool of SOCI sessions on SQLite or PostgreSQL, and the transaction helpers that
// every repository runs in. Dialect differences live in dialect.hpp, nowhere else.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <soci/soci.h>

#include "core/result.hpp"
#include "db/dialect.hpp"

namespace lvzhi::db {

class Database {
 public:
  // url: a file path or "sqlite:PATH" for SQLite; "postgresql://user@host:port/dbname" for
  // PostgreSQL.
  static std::unique_ptr<Database> open(const std::string& url, std::size_t pool_size);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  [[nodiscard]] const Dialect& dialect() const { return dialect_; }
  [[nodiscard]] std::size_t pool_size() const { return pool_size_; }
  [[nodiscard]] const std::string& sqlite_path() const { return sqlite_path_; }

  // Runs fn(session) in a read transaction (a consistent snapshot). fn may return anything.
  template <class F>
  auto read(F&& fn) {
    Lease lease(*pool_);
    soci::session& sql = lease.session();
    Transaction tx(sql, dialect_, false);
    if constexpr (std::is_void_v<decltype(fn(sql))>) {
      fn(sql);
      tx.commit();
    } else {
      auto result = fn(sql);
      tx.commit();
      return result;
    }
  }

  // Runs fn(session) outside any transaction, for a read that is a single statement (a statement is
  // its own consistent snapshot): PostgreSQL is spared the BEGIN and COMMIT round trips.
  template <class F>
  auto read_statement(F&& fn) {
    Lease lease(*pool_);
    return fn(lease.session());
  }

  // Runs fn(session) in a write transaction (BEGIN IMMEDIATE on SQLite). fn returns Result<T> or
  // Status: committed when it holds a value, rolled back when it holds an Error or throws.
  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
    Lease lease(*pool_);
    soci::session& sql = lease.session();
    Transaction tx(sql, dialect_, true);
    auto result = fn(sql);
    if (result.ok()) tx.commit();
    return result;
  }

  // A session outside any transaction (migrations, maintenance).
  [[nodiscard]] std::unique_ptr<soci::session> session() const;

 private:
  // One pooled connection, held for a transaction. Repositories get the pooled session itself (not
  // a proxy), so statements kept on it (statement_cache.hpp) outlive the request.
  class Lease {
   public:
    explicit Lease(soci::connection_pool& pool) : pool_(pool), position_(pool.lease()) {}
    ~Lease() { pool_.give_back(position_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& session() { return pool_.at(position_); }

   private:
    soci::connection_pool& pool_;
    std::size_t position_;
  };

  class Transaction {
   public:
    Transaction(soci::session& sql, const Dialect& dialect, bool write);
    ~Transaction();  // rolls back unless committed
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

   private:
    soci::session& sql_;
    bool open_ = true;
  };

  Database(Dialect dialect, std::size_t pool_size);

  Dialect dialect_;
  std::size_t pool_size_;
  std::string sqlite_path_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// Runs a multi-statement SQL script on the session's native connection (migrations).
void execute_script(soci::session& sql, const Dialect& dialect, const std::string& script);

}  // namespace lvzhi::db
