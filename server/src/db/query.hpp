#pragma once
// Dynamic SQL for list endpoints: filters known only at run time become bound named parameters
// (never string concatenation of values).
#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "db/dialect.hpp"

namespace lvzhi::db {

// Whether a statement is kept prepared on its connection (fixed text; see statement_cache.hpp) or
// run once (text that carries values, such as inline id lists, would only churn the cache).
enum class Reuse { kOnce, kKeep };

// A statement to bind and run: the one kept for its text on this connection, or a one-time one
// (PostgreSQL then parses, binds and runs it in one round trip). Exchange the into() and use()
// elements, then execute and fetch; the kept statement is handed back when this goes out of scope.
class Statement {
 public:
  Statement(soci::session& sql, std::string text, Reuse reuse);
  // Exchanges the elements and readies the statement to execute.
  template <class... Elements>
  Statement(soci::session& sql, std::string text, Reuse reuse, Elements&&... elements)
      : Statement(sql, std::move(text), reuse) {
    (statement().exchange(std::forward<Elements>(elements)), ...);
    ready();
  }
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&&) = delete;
  Statement& operator=(Statement&&) = delete;

  soci::statement& statement() { return kept_ != nullptr ? *kept_ : *own_; }
  // After the exchanges: binds them to the statement.
  void ready() { statement().define_and_bind(); }
  bool execute(bool with_data_exchange = false) { return statement().execute(with_data_exchange); }
  bool fetch() { return statement().fetch(); }

 private:
  soci::session& sql_;
  std::string text_;
  soci::statement* kept_ = nullptr;
  std::optional<soci::statement> own_;
};

class Params {
 public:
  // Stores the value and returns its placeholder (":p1", ":p2", …) to put into the SQL text.
  std::string add(std::string value);
  std::string add(long long value);
  // Binds every stored value to the statement (before prepare).
  void bind(soci::statement& statement);

 private:
  std::deque<std::string> strings_;  // deques keep addresses stable for SOCI's use()
  std::deque<long long> numbers_;
  std::vector<std::pair<std::string, bool>> order_;  // name, is_string
};

class Where {
 public:
  // condition contains one {} that is replaced by the bound value's placeholder.
  void add(const std::string& condition, std::string value);
  void add(const std::string& condition, long long value);
  void add_raw(std::string condition) { conditions_.push_back(std::move(condition)); }
  [[nodiscard]] std::string sql() const;  // "" or " WHERE a AND b"
  Params& params() { return params_; }

 private:
  std::vector<std::string> conditions_;
  Params params_;
};

// Escapes % and _ for LIKE … ESCAPE '\' and wraps in %…%.
std::string like_pattern(const std::string& text);

// Runs a prepared SELECT whose into() targets were exchanged by `define`, calling on_row after each
// fetch.
template <class Define, class OnRow>
void select_rows(soci::session& sql, const std::string& text, Params& params, Define&& define,
                 OnRow&& on_row, Reuse reuse = Reuse::kOnce) {
  Statement statement(sql, text, reuse);
  define(statement.statement());
  params.bind(statement.statement());
  statement.ready();
  statement.execute(false);
  while (statement.fetch()) on_row();
}

// `sql.prepare << text, into…, use…` for a statement of fixed text on a hot path, kept prepared on
// the connection (statement_cache.hpp).
template <class... Elements>
Statement kept(soci::session& sql, std::string text, Elements&&... elements) {
  return Statement(sql, std::move(text), Reuse::kKeep, std::forward<Elements>(elements)...);
}

// `sql.prepare << text, into…, use…` for a statement run once (fetch its rows, then drop it):
// PostgreSQL gets it in one round trip instead of four (prepare, execute, deallocate).
template <class... Elements>
soci::statement once(soci::session& sql, const std::string& text, Elements&&... elements) {
  soci::statement statement(sql);
  (statement.exchange(std::forward<Elements>(elements)), ...);
  statement.alloc();
  statement.prepare(text, soci::details::st_one_time_query);
  statement.define_and_bind();
  return statement;
}

// PostgreSQL planner settings for the statements run while this lives on the connection, each put
// back to its `after` value at the end. They are the session's (set_config(…, false)), so they
// hold outside a transaction too (a list spared BEGIN and COMMIT); inside one that fails they roll
// back with it, and a connection lost with them set is reopened with none. Nothing on SQLite.
// Names and values are the code's own constants, never input.
class PlannerSettings {
 public:
  struct Setting {
    const char* name;
    const char* during;
    const char* after;
  };
  PlannerSettings(soci::session& sql, const Dialect& dialect, std::vector<Setting> settings);
  ~PlannerSettings();
  PlannerSettings(const PlannerSettings&) = delete;
  PlannerSettings& operator=(const PlannerSettings&) = delete;

 private:
  void apply(bool during);

  soci::session& sql_;
  std::vector<Setting> settings_;  // empty on SQLite
};

// COUNT(*) with the given parameters.
long long count_rows(soci::session& sql, const std::string& text, Params& params,
                     Reuse reuse = Reuse::kOnce);

}  // namespace lvzhi::db
