#pragma once
// Terms (届, usually five years) and their annual plenary sessions (次会议). Every roster entry
// and, later, every proposal belongs to the term it happened in; a term change (换届) opens a new
// term without rewriting the old one.
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::org {

struct PlenarySession {
  long long id = 0;
  long long term_id = 0;
  int number = 0;
  std::string start_date;
  std::string end_date;
};

struct Term {
  long long id = 0;
  long long committee_id = 0;
  int number = 0;
  std::string start_date;
  std::string end_date;  // empty while open
  bool is_current = false;
  long long member_count = 0;  // filled by queries
  std::vector<PlenarySession> sessions;
  long long created_at = 0;
  long long updated_at = 0;
};

// 九 → "九", 12 → "十二", 21 → "二十一" (1–99).
std::string chinese_number(int n);
Json to_json(const Term& term);
Json to_json(const PlenarySession& session, int term_number);

std::optional<Term> find_term(soci::session& sql, long long committee_id, long long id);
std::optional<Term> current_term(soci::session& sql, long long committee_id);
std::vector<Term> list_terms(soci::session& sql, long long committee_id);

// Inside the caller's transaction, without validation (seed data and the term change).
long long insert_term(soci::session& sql, const Term& term);
long long insert_session(soci::session& sql, long long committee_id, const PlenarySession& s);

struct TermInput {
  std::optional<long long> number;
  std::optional<std::string> start_date;
  std::optional<std::string> end_date;  // "" = clear
};
Result<Term> create_term(db::Database& db, const Actor& actor, const TermInput& input);
Result<Term> update_term(db::Database& db, const Actor& actor, long long id,
                         const TermInput& input);
Result<PlenarySession> create_session(db::Database& db, const Actor& actor, long long term_id,
                                      const TermInput& input);
Result<PlenarySession> update_session(db::Database& db, const Actor& actor, long long id,
                                      const TermInput& input);

struct TermChange {
  long long number = 0;
  std::string start_date;
  std::vector<long long> continuing_member_ids;
};
Result<Term> change_term(db::Database& db, const Actor& actor, const TermChange& change);

http::RouteTable term_routes(db::Database& db);

}  // namespace lvzhi::org
