#pragma once
// Roster reads shared by the member use-cases (not part of the domain's public interface).
#include <string>
#include <vector>

#include "db/query.hpp"
#include "domain/member/member.hpp"

namespace lvzhi::member {

// Runs the roster SELECT followed by `tail` (WHERE / ORDER BY / LIMIT with `params`), unseals the
// personal data with `key`, and loads the memberships of every row in one more query.
std::vector<Member> select_members(soci::session& sql, const std::string& key,
                                   const std::string& tail, db::Params& params);

}  // namespace lvzhi::member
