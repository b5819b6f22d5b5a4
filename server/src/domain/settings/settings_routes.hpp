#pragma once
#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::settings {

// /api/v1/settings/security (secadmin).
http::RouteTable settings_routes(db::Database& db);

}  // namespace lvzhi::settings
