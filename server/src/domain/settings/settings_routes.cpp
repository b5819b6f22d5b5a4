#include "domain/settings/settings_routes.hpp"

#include "domain/settings/security_settings.hpp"

namespace lvzhi::settings {

http::RouteTable settings_routes(db::Database& db) {
  using http::Access;
  using http::Request;
  using http::Response;
  namespace perm = contract::perm;
  return {
      {"GET", "/api/v1/settings/security", Access::permission(perm::kSettingsSecurityView),
       [&db](Request&) { return Response::json(200, to_json(load_security(db))); }},
      {"PATCH", "/api/v1/settings/security", Access::permission(perm::kSettingsSecurityEdit),
       [&db](Request& request) {
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         auto updated = update_security(db, request.actor, body.value());
         return updated.ok() ? Response::json(200, to_json(updated.value()))
                             : Response::error(updated.error());
       }},
  };
}

}  // namespace lvzhi::settings
