#pragma once
// `lvzhi seed demo`: writes the model committee (demo_data.hpp) into a database through the same
// repositories the API uses, in one transaction.
#include <string>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "domain/seed/seed_proposals.hpp"

namespace lvzhi::seed {

struct DemoLogin {
  std::string username;
  std::string display_name;
  std::string role;
  std::string note;  // office, post or unit
  std::string password;
};

struct SeedReport {
  bool already_seeded = false;
  long long committee_id = 0;  // the Tianhe district committee
  int members = 0;             // term 9
  int term8_members = 0;
  int units = 0;
  int reference_items = 0;
  std::vector<DemoLogin> logins;  // printed once
  std::string member_password;    // shared by every member account (m + member number)
  ProposalSeedReport proposals;   // the model year 2021 and the live session
};

// Refuses nothing and changes nothing when the demo committee already exists.
Result<SeedReport> seed_demo(db::Database& db, const std::string& data_key, const Actor& actor);

}  // namespace lvzhi::seed
