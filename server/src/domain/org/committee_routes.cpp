// Route table for /api/v1/committees (sysadmin).
#include "domain/org/committee.hpp"
#include "http/json_input.hpp"
#include "http/paging.hpp"

namespace lvzhi::org {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

Result<CommitteeInput> parse_input(const Request& request) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  CommitteeInput out;
  out.name = input.string("name", false);
  out.short_name = input.string("short_name", false);
  out.level = input.string("level", false);
  if (input.is_null("parent_id")) {
    out.parent_id = 0;
  } else {
    out.parent_id = input.integer("parent_id", false);
  }
  out.is_active = input.boolean("is_active", false);
  if (!input.ok()) return input.errors().error();
  return out;
}

Response answer(const Result<Committee>& result, int status = 200) {
  return result.ok() ? Response::json(status, to_json(result.value()))
                     : Response::error(result.error());
}

}  // namespace

http::RouteTable committee_routes(db::Database& db) {
  return {
      {"GET", "/api/v1/committees", Access::permission(perm::kCommitteeView),
       [&db](Request& request) {
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         CommitteeQuery query{request.query_param("q").value_or(""), paging->page,
                              paging->page_size};
         auto [items, total] = list_committees(db, query);
         Json rows = Json::array();
         for (const auto& c : items) rows.push_back(to_json(c));
         return Response::json(200, http::list_body(std::move(rows), total, paging.value()));
       }},
      {"GET", "/api/v1/committees/{id}", Access::permission(perm::kCommitteeView),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kCommitteeNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto found = db.read([&](soci::session& sql) { return find_committee(sql, id.value()); });
         if (!found) return Response::error(make_error(contract::err::kCommitteeNotFound));
         return Response::json(200, to_json(*found));
       }},
      {"POST", "/api/v1/committees", Access::permission(perm::kCommitteeManage),
       [&db](Request& request) {
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(create_committee(db, request.actor, input.value()), 201);
       }},
      {"PATCH", "/api/v1/committees/{id}", Access::permission(perm::kCommitteeManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kCommitteeNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(update_committee(db, request.actor, id.value(), input.value()));
       }},
  };
}

}  // namespace lvzhi::org
