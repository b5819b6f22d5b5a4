#pragma once
// Handling units (承办单位): the government departments and other bodies that answer proposals.
// Their clerk and head accounts are users with a unit_id.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::org {

inline constexpr std::string_view kUnitCategories[] = {"government", "court_procuratorate",
                                                       "mass_organization", "enterprise", "other"};

struct UnitAccount {
  long long id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  std::string status;
};

struct Unit {
  long long id = 0;
  long long committee_id = 0;
  std::string name;
  std::string short_name;
  std::string category;
  std::string contact_name;
  std::string contact_phone;
  bool is_active = true;
  std::vector<UnitAccount> accounts;  // filled by find/list
  long long created_at = 0;
  long long updated_at = 0;
};
Json to_json(const Unit& unit);

std::optional<Unit> find_unit(soci::session& sql, long long committee_id, long long id);
long long insert_unit(soci::session& sql, const Unit& unit);

struct UnitQuery {
  long long committee_id = 0;
  std::string q;
  std::optional<bool> active;
  int page = 1;
  int page_size = 20;
};
std::pair<std::vector<Unit>, long long> list_units(db::Database& db, const UnitQuery& query);

struct UnitInput {
  std::optional<std::string> name;
  std::optional<std::string> short_name;
  std::optional<std::string> category;
  std::optional<std::string> contact_name;
  std::optional<std::string> contact_phone;
  std::optional<bool> is_active;
};
Result<Unit> create_unit(db::Database& db, const Actor& actor, const UnitInput& input);
Result<Unit> update_unit(db::Database& db, const Actor& actor, long long id,
                         const UnitInput& input);
Status delete_unit(db::Database& db, const Actor& actor, long long id);

http::RouteTable unit_routes(db::Database& db);

}  // namespace lvzhi::org
