#pragma once
#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::audit {

http::RouteTable audit_routes(db::Database& db);

}  // namespace lvzhi::audit
