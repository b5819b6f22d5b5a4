#pragma once
// In-app notifications: written inside the write that causes them, read from each user's inbox.
#include <string>

#include <soci/soci.h>

#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::notify {

struct Message {
  long long user_id = 0;
  long long committee_id = 0;
  std::string kind;  // e.g. proposal.cosign_invited, proposal.due_soon
  std::string title;
  std::string body;
  std::string link;  // the web app's path, e.g. /proposals/12
  // Non-empty: a second message with the same key to the same user is dropped.
  std::string dedupe_key;
};

// Inside the caller's transaction. Returns false when dropped by dedupe_key.
bool send(soci::session& sql, const db::Dialect& dialect, const Message& message);

http::RouteTable notification_routes(db::Database& db);

}  // namespace lvzhi::notify
