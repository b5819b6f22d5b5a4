#pragma once
// Committees (政协委员会): the tenants, in a hierarchy (national → province → city → district).
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::org {

struct Committee {
  long long id = 0;
  long long parent_id = 0;  // 0 = none
  std::string name;
  std::string short_name;
  std::string level;
  bool is_active = true;
  long long created_at = 0;
  long long updated_at = 0;
};

inline constexpr const char* kLevels[] = {"national", "province", "city", "district"};

Json to_json(const Committee& committee);

std::optional<Committee> find_committee(soci::session& sql, long long id);
long long count_committees(soci::session& sql);

struct CommitteeQuery {
  std::string q;  // name contains
  int page = 1;
  int page_size = 20;
};
std::pair<std::vector<Committee>, long long> list_committees(db::Database& db,
                                                             const CommitteeQuery& query);

// Inside the caller's transaction; no validation beyond the database's (used by the CLI bootstrap
// too).
long long insert_committee(soci::session& sql, const Committee& committee);

struct CommitteeInput {
  std::optional<std::string> name;
  std::optional<std::string> short_name;
  std::optional<std::string> level;
  std::optional<long long> parent_id;  // 0 = clear
  std::optional<bool> is_active;
};
Result<Committee> create_committee(db::Database& db, const Actor& actor,
                                   const CommitteeInput& input);
Result<Committee> update_committee(db::Database& db, const Actor& actor, long long id,
                                   const CommitteeInput& input);

http::RouteTable committee_routes(db::Database& db);

}  // namespace lvzhi::org
