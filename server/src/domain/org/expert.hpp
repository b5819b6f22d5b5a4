#pragma once
// The expert pool (特邀委员, 顾问团队) that can be invited to research and consultation.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::org {

inline constexpr std::string_view kExpertKinds[] = {"invited", "advisor"};

struct Expert {
  long long id = 0;
  long long committee_id = 0;
  std::string name;
  std::string kind;
  std::string field;
  std::string employer;
  std::string title;
  std::string phone;  // plain inside the server; sealed in the database
  bool is_active = true;
  long long created_at = 0;
  long long updated_at = 0;
};
Json to_json(const Expert& expert, bool show_private);

struct ExpertQuery {
  long long committee_id = 0;
  std::string q;
  std::string kind;
  std::optional<bool> active;
  int page = 1;
  int page_size = 20;
};

struct ExpertInput {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<std::string> field;
  std::optional<std::string> employer;
  std::optional<std::string> title;
  std::optional<std::string> phone;
  std::optional<bool> is_active;
};

class ExpertService {
 public:
  ExpertService(db::Database& db, std::string data_key) : db_(db), key_(std::move(data_key)) {}
  std::pair<std::vector<Expert>, long long> list(const ExpertQuery& query);
  Result<Expert> create(const Actor& actor, const ExpertInput& input);
  Result<Expert> update(const Actor& actor, long long id, const ExpertInput& input);
  // Inside the caller's transaction, without validation (seed data).
  long long insert(soci::session& sql, const Expert& expert);

 private:
  std::optional<Expert> find(soci::session& sql, long long committee_id, long long id);
  db::Database& db_;
  std::string key_;
};

http::RouteTable expert_routes(ExpertService& experts);

}  // namespace lvzhi::org
