#pragma once
// Reference data of one committee (基础数据): sectors, parties, special committees, member groups,
// streets, communities (under a street) and buildings/parks. Items are never deleted once used:
// they are deactivated and stay on the records that name them.
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

inline constexpr std::string_view kReferenceKinds[] = {
    "sector", "party",     "special_committee", "member_group",
    "street", "community", "building",          "proposal_category"};
bool is_reference_kind(std::string_view kind);
// The kind a community's parent must be; empty when the kind has no parent.
std::string_view parent_kind_of(std::string_view kind);

struct ReferenceItem {
  long long id = 0;
  long long committee_id = 0;
  std::string kind;
  std::string name;
  std::string code;
  long long parent_id = 0;  // 0 = none
  std::string parent_name;
  int sort_order = 0;
  bool is_active = true;
  long long usage = 0;  // records that refer to the item (filled by list/find)
  long long created_at = 0;
  long long updated_at = 0;
};
Json to_json(const ReferenceItem& item);

std::optional<ReferenceItem> find_reference(soci::session& sql, long long committee_id,
                                            long long id);
// How many records refer to the item (members, memberships, child items).
long long reference_usage(soci::session& sql, long long id);
// Inside the caller's transaction, without validation (seed data).
long long insert_reference(soci::session& sql, const ReferenceItem& item);

struct ReferenceQuery {
  long long committee_id = 0;
  std::string kind;
  std::string q;
  std::optional<bool> active;
  long long parent_id = 0;
  int page = 1;
  int page_size = 20;
};
std::pair<std::vector<ReferenceItem>, long long> list_references(db::Database& db,
                                                                 const ReferenceQuery& query);

struct ReferenceInput {
  std::optional<std::string> name;
  std::optional<std::string> code;
  std::optional<long long> parent_id;  // 0 = clear
  std::optional<long long> sort_order;
  std::optional<bool> is_active;
};
Result<ReferenceItem> create_reference(db::Database& db, const Actor& actor,
                                       const std::string& kind, const ReferenceInput& input);
Result<ReferenceItem> update_reference(db::Database& db, const Actor& actor,
                                       const std::string& kind, long long id,
                                       const ReferenceInput& input);
Status delete_reference(db::Database& db, const Actor& actor, const std::string& kind,
                        long long id);

http::RouteTable reference_routes(db::Database& db);

}  // namespace lvzhi::org
