// Route table for /api/v1/experts (read: org.view; write: org.manage; phone unmasked with
// member.view_private).
#include "domain/org/expert.hpp"
#include "http/json_input.hpp"
#include "http/paging.hpp"

namespace lvzhi::org {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

Result<ExpertInput> parse_input(const Request& request) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  ExpertInput out;
  out.name = input.string("name", false);
  out.kind = input.string("kind", false);
  out.field = input.string("field", false);
  out.employer = input.string("employer", false);
  out.title = input.string("title", false);
  out.phone = input.string("phone", false);
  out.is_active = input.boolean("is_active", false);
  if (!input.ok()) return input.errors().error();
  return out;
}

Response answer(const Request& request, const Result<Expert>& result, int status = 200) {
  return result.ok()
             ? Response::json(status, to_json(result.value(),
                                              request.actor.has(perm::kMemberViewPrivate.code)))
             : Response::error(result.error());
}

}  // namespace

http::RouteTable expert_routes(ExpertService& experts) {
  return {
      {"GET", "/api/v1/experts", Access::permission(perm::kOrgView),
       [&experts](Request& request) {
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         auto active = http::query_bool(request, "active");
         if (!active.ok()) return Response::error(active.error());
         ExpertQuery query{.committee_id = request.actor.committee_id,
                           .q = request.query_param("q").value_or(""),
                           .kind = request.query_param("kind").value_or(""),
                           .active = active.value(),
                           .page = paging->page,
                           .page_size = paging->page_size};
         auto [items, total] = experts.list(query);
         const bool show = request.actor.has(perm::kMemberViewPrivate.code);
         Json rows = Json::array();
         for (const auto& e : items) rows.push_back(to_json(e, show));
         return Response::json(200, http::list_body(std::move(rows), total, paging.value()));
       }},
      {"POST", "/api/v1/experts", Access::permission(perm::kOrgManage),
       [&experts](Request& request) {
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(request, experts.create(request.actor, input.value()), 201);
       }},
      {"PATCH", "/api/v1/experts/{id}", Access::permission(perm::kOrgManage),
       [&experts](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kExpertNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(request, experts.update(request.actor, id.value(), input.value()));
       }},
  };
}

}  // namespace lvzhi::org
