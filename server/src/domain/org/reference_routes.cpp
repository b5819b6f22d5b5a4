// Route table for /api/v1/reference/{kind} (read: org.view; write: org.manage).
#include "domain/org/reference.hpp"
#include "http/json_input.hpp"
#include "http/paging.hpp"

namespace lvzhi::org {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

Result<ReferenceInput> parse_input(const Request& request) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  ReferenceInput out;
  out.name = input.string("name", false);
  out.code = input.string("code", false);
  out.parent_id =
      input.is_null("parent_id") ? std::optional<long long>(0) : input.integer("parent_id", false);
  out.sort_order = input.integer("sort_order", false);
  out.is_active = input.boolean("is_active", false);
  if (!input.ok()) return input.errors().error();
  return out;
}

Response answer(const Result<ReferenceItem>& result, int status = 200) {
  return result.ok() ? Response::json(status, to_json(result.value()))
                     : Response::error(result.error());
}

std::string kind_of(const Request& request) { return request.path_params.at("kind"); }

}  // namespace

http::RouteTable reference_routes(db::Database& db) {
  return {
      {"GET", "/api/v1/reference/{kind}", Access::permission(perm::kOrgView),
       [&db](Request& request) {
         const std::string kind = kind_of(request);
         if (!is_reference_kind(kind)) {
           return Response::error(make_error(contract::err::kReferenceUnknownKind));
         }
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         auto active = http::query_bool(request, "active");
         if (!active.ok()) return Response::error(active.error());
         auto parent = http::query_integer(request, "parent_id");
         if (!parent.ok()) return Response::error(parent.error());
         ReferenceQuery query{.committee_id = request.actor.committee_id,
                              .kind = kind,
                              .q = request.query_param("q").value_or(""),
                              .active = active.value(),
                              .parent_id = parent.value(),
                              .page = paging->page,
                              .page_size = paging->page_size};
         auto [items, total] = list_references(db, query);
         Json rows = Json::array();
         for (const auto& item : items) rows.push_back(to_json(item));
         return Response::json(200, http::list_body(std::move(rows), total, paging.value()));
       }},
      {"POST", "/api/v1/reference/{kind}", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(create_reference(db, request.actor, kind_of(request), input.value()), 201);
       }},
      {"PATCH", "/api/v1/reference/{kind}/{id}", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kReferenceNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(
             update_reference(db, request.actor, kind_of(request), id.value(), input.value()));
       }},
      {"DELETE", "/api/v1/reference/{kind}/{id}", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kReferenceNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto done = delete_reference(db, request.actor, kind_of(request), id.value());
         return done.ok() ? Response::no_content() : Response::error(done.error());
       }},
  };
}

}  // namespace lvzhi::org
