// Route table for /api/v1/terms and /api/v1/sessions (read: org.view; write: org.manage).
#include "domain/org/term.hpp"
#include "http/json_input.hpp"
#include "http/paging.hpp"

namespace lvzhi::org {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

Result<TermInput> parse_input(const Request& request) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  TermInput out;
  out.number = input.integer("number", false);
  out.start_date = input.string("start_date", false);
  out.end_date =
      input.is_null("end_date") ? std::optional<std::string>("") : input.string("end_date", false);
  if (!input.ok()) return input.errors().error();
  return out;
}

Result<TermChange> parse_change(const Request& request) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  TermChange out;
  out.number = input.integer("number", true).value_or(0);
  out.start_date = input.string("start_date", true).value_or("");
  out.continuing_member_ids =
      input.ids("continuing_member_ids", false).value_or(std::vector<long long>{});
  if (!input.ok()) return input.errors().error();
  return out;
}

}  // namespace

http::RouteTable term_routes(db::Database& db) {
  return {
      {"GET", "/api/v1/terms", Access::permission(perm::kOrgView),
       [&db](Request& request) {
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         auto terms = db.read(
             [&](soci::session& sql) { return list_terms(sql, request.actor.committee_id); });
         // A committee has a handful of terms: page in memory.
         Json rows = Json::array();
         const auto first = static_cast<std::size_t>(paging->page - 1) * paging->page_size;
         for (std::size_t i = first;
              i < terms.size() && rows.size() < static_cast<std::size_t>(paging->page_size); ++i) {
           rows.push_back(to_json(terms[i]));
         }
         return Response::json(
             200, http::list_body(std::move(rows), static_cast<long long>(terms.size()),
                                  paging.value()));
       }},
      {"POST", "/api/v1/terms", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         auto term = create_term(db, request.actor, input.value());
         return term.ok() ? Response::json(201, to_json(term.value()))
                          : Response::error(term.error());
       }},
      {"POST", "/api/v1/terms/change", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto input = parse_change(request);
         if (!input.ok()) return Response::error(input.error());
         auto term = change_term(db, request.actor, input.value());
         return term.ok() ? Response::json(201, to_json(term.value()))
                          : Response::error(term.error());
       }},
      {"PATCH", "/api/v1/terms/{id}", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kTermNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         auto term = update_term(db, request.actor, id.value(), input.value());
         if (!term.ok()) return Response::error(term.error());
         auto full = db.read([&](soci::session& sql) {
           return find_term(sql, request.actor.committee_id, id.value());
         });
         return Response::json(200, to_json(full.value_or(term.value())));
       }},
      {"POST", "/api/v1/terms/{id}/sessions", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kTermNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         auto session = create_session(db, request.actor, id.value(), input.value());
         if (!session.ok()) return Response::error(session.error());
         auto term = db.read([&](soci::session& sql) {
           return find_term(sql, request.actor.committee_id, id.value());
         });
         return Response::json(201, to_json(session.value(), term ? term->number : 0));
       }},
      {"PATCH", "/api/v1/sessions/{id}", Access::permission(perm::kOrgManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kTermSessionNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         auto session = update_session(db, request.actor, id.value(), input.value());
         if (!session.ok()) return Response::error(session.error());
         auto term = db.read([&](soci::session& sql) {
           return find_term(sql, request.actor.committee_id, session->term_id);
         });
         return Response::json(200, to_json(session.value(), term ? term->number : 0));
       }},
  };
}

}  // namespace lvzhi::org
