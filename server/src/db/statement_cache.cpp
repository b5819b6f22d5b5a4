#include "db/statement_cache.hpp"

#include <memory>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>
#include <utility>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

namespace lvzhi::db {
namespace {

// One connection's kept statements. Only the thread that holds the connection's lease touches it,
// so it needs no lock of its own. Nothing is evicted: a statement destroyed inside a failed
// PostgreSQL transaction could not be deallocated (soci would throw from a destructor).
class ConnectionStatements {
 public:
  explicit ConnectionStatements(soci::session& sql)
      : sql_(sql), sqlite_(sql.get_backend_name() == "sqlite3") {}
  ConnectionStatements(const ConnectionStatements&) = delete;
  ConnectionStatements& operator=(const ConnectionStatements&) = delete;

  ~ConnectionStatements() {
    if (sqlite_) return;
    // Closing the connection drops its prepared statements: no DEALLOCATE round trips (and none
    // that could fail on a broken connection).
    for (auto& [text, kept] : kept_) {
      static_cast<soci::postgresql_statement_backend*>(kept.statement->get_backend())
          ->statementName_.clear();
    }
  }

  soci::statement* acquire(const std::string& text) {
    auto found = kept_.find(text);
    if (found == kept_.end()) {
      if (kept_.size() >= StatementCache::kCapacity) return nullptr;
      auto statement = std::make_unique<soci::statement>(sql_);
      statement->alloc();
      statement->prepare(text, soci::details::st_repeatable_query);
      found = kept_.emplace(text, Kept{std::move(statement), false}).first;
    }
    // In use further up the stack (a nested run of the same text): that caller keeps it.
    if (found->second.busy) return nullptr;
    found->second.busy = true;
    return found->second.statement.get();
  }

  void release(const std::string& text) {
    const auto found = kept_.find(text);
    if (found == kept_.end()) return;
    Kept& kept = found->second;
    kept.busy = false;
    kept.statement->bind_clean_up();
    if (sqlite_) {
      auto* backend = static_cast<soci::sqlite3_statement_backend*>(kept.statement->get_backend());
      sqlite_api::sqlite3_reset(backend->stmt_);
      sqlite_api::sqlite3_clear_bindings(backend->stmt_);
    }
  }

 private:
  struct Kept {
    std::unique_ptr<soci::statement> statement;
    bool busy = false;
  };
  soci::session& sql_;
  bool sqlite_;
  std::unordered_map<std::string, Kept> kept_;
};

std::shared_mutex registry_mutex;
std::unordered_map<const soci::session*, std::unique_ptr<ConnectionStatements>> registry;

ConnectionStatements* find(const soci::session& sql) {
  std::shared_lock lock(registry_mutex);
  const auto found = registry.find(&sql);
  return found == registry.end() ? nullptr : found->second.get();
}

}  // namespace

void StatementCache::attach(soci::session& pooled) {
  auto statements = std::make_unique<ConnectionStatements>(pooled);
  std::unique_lock lock(registry_mutex);
  registry[&pooled] = std::move(statements);
}

void StatementCache::detach(soci::session& pooled) {
  std::unique_ptr<ConnectionStatements> statements;
  {
    std::unique_lock lock(registry_mutex);
    const auto found = registry.find(&pooled);
    if (found == registry.end()) return;
    statements = std::move(found->second);
    registry.erase(found);
  }
  // Destroyed here, outside the lock.
}

soci::statement* StatementCache::acquire(soci::session& sql, const std::string& text) {
  auto* statements = find(sql);
  return statements == nullptr ? nullptr : statements->acquire(text);
}

void StatementCache::release(soci::session& sql, const std::string& text) {
  if (auto* statements = find(sql)) statements->release(text);
}

}  // namespace lvzhi::db
