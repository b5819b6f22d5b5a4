#pragma once
// `lvzhi seed scale`: many committees with members, handling units and proposals at every step,
// for benchmarks (issue 7). Rows go in through db::BulkInsert (COPY on PostgreSQL), in one
// transaction. Committee 1 of the run gets three accounts with the given password:
// scale<run>_staff, scale<run>_member (a member with proposals) and scale<run>_clerk (a unit).
#include <string>

#include "core/result.hpp"
#include "db/database.hpp"

namespace lvzhi::seed {

struct ScaleOptions {
  long long proposals = 10000;
  int committees = 15;
  std::string password;  // for the three accounts
};

struct ScaleReport {
  std::string prefix;  // scale<run>_ : the accounts' usernames start with it
  long long committees = 0;
  long long members = 0;
  long long proposals = 0;
  long long rows = 0;         // every row written
  double seconds = 0;         // the load
  double vacuum_seconds = 0;  // PostgreSQL's VACUUM (ANALYZE) after it
};

Result<ScaleReport> seed_scale(db::Database& db, const ScaleOptions& options);

}  // namespace lvzhi::seed
