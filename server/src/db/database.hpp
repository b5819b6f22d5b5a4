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
    Lease lease(*this);
    soci::session& sql = lease.session();
    try {
      Transaction tx(*this, sql, false);
      if constexpr (std::is_void_v<decltype(fn(sql))>) {
        fn(sql);
        tx.commit();
      } else {
        auto result = fn(sql);
        tx.commit();
        return result;
      }
    } catch (const soci::soci_error& e) {
      throw_if_lost(sql, e);
      throw;
    }
  }

  // Runs fn(session) outside any transaction, for a read that is a single statement (a statement is
  // its own consistent snapshot): PostgreSQL is spared the BEGIN and COMMIT round trips.
  // A statement on a connection that died idle is run again on a reopened one (a read can be).
  template <class F>
  auto read_statement(F&& fn) {
    Lease lease(*this);
    soci::session& sql = lease.session();
    try {
      return fn(sql);
    } catch (const soci::soci_error&) {
      if (!connection_lost(sql)) throw;
    }
    reopen(sql);
    try {
      return fn(sql);
    } catch (const soci::soci_error& e) {
      throw_if_lost(sql, e);
      throw;
    }
  }

  // Runs fn(session) in a write transaction (BEGIN IMMEDIATE on SQLite). fn returns Result<T> or
  // Status: committed when it holds a value, rolled back when it holds an Error or throws.
  template <class F>
  auto write(F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
    Lease lease(*this);
    soci::session& sql = lease.session();
    try {
      Transaction tx(*this, sql, true);
      auto result = fn(sql);
      if (result.ok()) tx.commit();
      return result;
    } catch (const soci::soci_error& e) {
      throw_if_lost(sql, e);
      throw;
    }
  }

  // A session outside any transaction (migrations, maintenance).
  [[nodiscard]] std::unique_ptr<soci::session> session() const;

 private:
  // One pooled connection, held for a transaction, reopened first when it is known to be broken.
  // Repositories get the pooled session itself (not a proxy), so statements kept on it
  // (statement_cache.hpp) outlive the request.
  class Lease {
   public:
    explicit Lease(Database& db);
    ~Lease() { pool_.give_back(position_); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    soci::session& session() { return pool_.at(position_); }

   private:
    soci::connection_pool& pool_;
    std::size_t position_;
  };

  // Begins on open; a BEGIN that finds its connection dead (the database restarted since the last
  // request: nothing of this transaction reached it) is sent again on a reopened connection.
  class Transaction {
   public:
    Transaction(Database& db, soci::session& sql, bool write);
    ~Transaction();  // rolls back unless committed
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

   private:
    soci::session& sql_;
    bool open_ = true;
  };

  Database(Dialect dialect, std::size_t pool_size);

  // PostgreSQL connections die with the server (a restart, a failover, a proxy's idle timeout);
  // SQLite's never do. connection_lost: libpq saw this one break. reopen: connects it again with
  // the session settings and an empty statement cache, or throws UnavailableError.
  [[nodiscard]] bool connection_lost(soci::session& sql) const;
  void reopen(soci::session& sql);
  // Throws UnavailableError (answered 503, not 500) when the failure was the connection's.
  void throw_if_lost(soci::session& sql, const soci::soci_error& error) const;
  // Per-connection settings (SQLite's pragmas, PostgreSQL's SETs), then the statement cache.
  void configure(soci::session& sql) const;

  Dialect dialect_;
  std::size_t pool_size_;
  std::string sqlite_path_;
  std::unique_ptr<soci::connection_pool> pool_;
};

// Runs a multi-statement SQL script on the session's native connection (migrations).
void execute_script(soci::session& sql, const Dialect& dialect, const std::string& script);

}  // namespace lvzhi::db
