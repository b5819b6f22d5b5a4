#pragma once
// The platform's working-day calendar (calendar_days): read for deadlines, edited by staff.
#include <soci/soci.h>

#include "core/workdays.hpp"
#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::calendar {

// The whole calendar, inside the caller's transaction (a few hundred rows).
workdays::Calendar load(soci::session& sql);

http::RouteTable calendar_routes(db::Database& db);

}  // namespace lvzhi::calendar
