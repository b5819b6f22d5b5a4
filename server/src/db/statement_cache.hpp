#pragma once
// Statements kept prepared on each pooled connection, by their SQL text. PostgreSQL then parses a
// kept statement once and plans it once (the pooled connections force generic plans: see
// Database::open; planning was most of a request's database time); SQLite compiles it once. Only
// fixed-text statements are kept: text that carries values (inline id lists) would only churn the
// cache.
#include <cstddef>
#include <string>

#include <soci/soci.h>

namespace lvzhi::db {

class StatementCache {
 public:
  // Statements kept per connection at most (the fixed texts number a few dozen); beyond it
  // statements run once.
  static constexpr std::size_t kCapacity = 256;

  // Database registers each pooled connection when it opens and drops it before closing it.
  static void attach(soci::session& pooled);
  static void detach(soci::session& pooled);

  // The statement kept for this text on this connection, prepared on first use (no bindings: the
  // caller exchanges its own and calls release() when done). nullptr when the session is not a
  // registered pooled connection or the statement is in use further up the stack: the caller then
  // runs the statement once.
  static soci::statement* acquire(soci::session& sql, const std::string& text);
  // Drops the caller's bindings and ends the statement's run (SQLite: resets it, so no read
  // snapshot outlives the caller). A statement that failed stays valid on both databases.
  static void release(soci::session& sql, const std::string& text);
};

}  // namespace lvzhi::db
