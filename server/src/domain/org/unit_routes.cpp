// Route table for /api/v1/units (read: org.view; write: org.manage).
#include "domain/org/unit.hpp"
#include "http/json_input.hpp"
#include "http/paging.hpp"

namespace lvzhi::org {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

Result<UnitInput> parse_input(const Request& request) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  UnitInput out;
  out.name = input.string("name", false);
  out.short_name = input.string("short_name", false);
  out.category = input.string("category", false);
  out.contact_name = input.string("contact_name", false);
  out.contact_phone = input.string("contact_phone", false);
  out.is_active = input.boolean("is_active", false);
  if (!input.ok()) return input.errors().error();
  return out;
}

Response answer(const Result<Unit>& result, int status = 200) {
  return result.ok() ? Response::json(status, to_json(result.value()))
                     : Response::error(result.error());
}

}  // namespace

http::RouteTable unit_routes(db::Database& db) {
  return {
      {"GET", "/api/v1/units", Access::permission(perm::kOrgView),
       [&db](Request& request) {
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         auto active = http::query_bool(request, "active");
         if (!active.ok()) return Response::error(active.error());
         UnitQuery query{.committee_id = request.actor.committee_id,
                         .q = request.query_param("q").value_or(""),
                         .active = active.value(),
                         .page = paging->page,
                         .page_size = paging->page_size};
         auto [items, total] = list_units(db, query);
         Json rows = Json::array();
         for (const auto& u : items) rows.push_back(to_json(u));
         return Response::json(200, http::list_body(std::move(rows), total, paging.value()));
       }},
      {"POST", "/api/v1/units", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(create_unit(db, request.actor, input.value()), 201);
       }},
      {"PATCH", "/api/v1/units/{id}", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kUnitNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(update_unit(db, request.actor, id.value(), input.value()));
       }},
      {"DELETE", "/api/v1/units/{id}", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kUnitNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto done = delete_unit(db, request.actor, id.value());
         return done.ok() ? Response::no_content() : Response::error(done.error());
       }},
  };
}

}  // namespace lvzhi::org
