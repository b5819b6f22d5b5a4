#pragma once
#include "domain/auth/auth.hpp"
#include "http/route.hpp"

namespace lvzhi::auth {

// /api/v1/auth/*: login, logout, me, password, second factor.
http::RouteTable auth_routes(AuthDeps& deps);

}  // namespace lvzhi::auth
