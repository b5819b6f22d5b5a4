#include "db/query.hpp"

#include <exception>

#include <fmt/format.h>

#include "db/statement_cache.hpp"

namespace lvzhi::db {

Statement::Statement(soci::session& sql, std::string text, Reuse reuse)
    : sql_(sql), text_(std::move(text)) {
  if (reuse == Reuse::kKeep) kept_ = StatementCache::acquire(sql_, text_);
  if (kept_ != nullptr) return;
  own_.emplace(sql_);
  own_->alloc();
  own_->prepare(text_, soci::details::st_one_time_query);
}

Statement::~Statement() {
  if (kept_ != nullptr) StatementCache::release(sql_, text_);
}

std::string Params::add(std::string value) {
  strings_.push_back(std::move(value));
  order_.emplace_back(fmt::format("p{}", order_.size() + 1), true);
  return ":" + order_.back().first;
}

std::string Params::add(long long value) {
  numbers_.push_back(value);
  order_.emplace_back(fmt::format("p{}", order_.size() + 1), false);
  return ":" + order_.back().first;
}

void Params::bind(soci::statement& statement) {
  std::size_t next_string = 0;
  std::size_t next_number = 0;
  for (const auto& [name, is_string] : order_) {
    if (is_string) {
      statement.exchange(soci::use(strings_[next_string++], name));
    } else {
      statement.exchange(soci::use(numbers_[next_number++], name));
    }
  }
}

void Where::add(const std::string& condition, std::string value) {
  conditions_.push_back(fmt::format(fmt::runtime(condition), params_.add(std::move(value))));
}

void Where::add(const std::string& condition, long long value) {
  conditions_.push_back(fmt::format(fmt::runtime(condition), params_.add(value)));
}

std::string Where::sql() const {
  if (conditions_.empty()) return {};
  std::string out = " WHERE ";
  for (std::size_t i = 0; i < conditions_.size(); ++i) {
    if (i > 0) out += " AND ";
    out += conditions_[i];
  }
  return out;
}

std::string like_pattern(const std::string& text) {
  std::string out = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

long long count_rows(soci::session& sql, const std::string& text, Params& params, Reuse reuse) {
  long long count = 0;
  select_rows(
      sql, text, params, [&](soci::statement& st) { st.exchange(soci::into(count)); }, [] {},
      reuse);
  return count;
}

PlannerSettings::PlannerSettings(soci::session& sql, const Dialect& dialect,
                                 std::vector<Setting> settings)
    : sql_(sql) {
  if (dialect.is_sqlite()) return;
  settings_ = std::move(settings);
  apply(true);
}

PlannerSettings::~PlannerSettings() {
  try {
    apply(false);
  } catch (const std::exception&) {
    // The transaction failed: it rolls back, and the settings with it (or the connection was
    // lost: it is reopened without them).
  }
}

void PlannerSettings::apply(bool during) {
  if (settings_.empty()) return;
  std::string text = "SELECT ";
  for (std::size_t i = 0; i < settings_.size(); ++i) {
    text += fmt::format("{}set_config('{}', '{}', false)", i == 0 ? "" : ", ", settings_[i].name,
                        during ? settings_[i].during : settings_[i].after);
  }
  // One round trip; the values set are not read back.
  soci::statement st = once(sql_, text);
  st.execute(true);
}

}  // namespace lvzhi::db
