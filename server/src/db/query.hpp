#pragma once
// Dynamic SQL for list endpoints: filters known only at run time become bound named parameters
// (never string concatenation of values).
#include <deque>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

namespace lvzhi::db {

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
                 OnRow&& on_row) {
  soci::statement statement(sql);
  define(statement);
  params.bind(statement);
  statement.alloc();
  // One-time: PostgreSQL then parses, binds and runs it in one round trip (a prepared statement
  // costs three more: parse, execute and deallocate, and is used once anyway).
  statement.prepare(text, soci::details::st_one_time_query);
  statement.define_and_bind();
  statement.execute(false);
  while (statement.fetch()) on_row();
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

// COUNT(*) with the given parameters.
long long count_rows(soci::session& sql, const std::string& text, Params& params);

}  // namespace lvzhi::db
