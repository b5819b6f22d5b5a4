// Route table for /api/v1/users.
#include "core/clock.hpp"
#include "domain/auth/users.hpp"
#include "http/json_input.hpp"
#include "http/paging.hpp"

namespace lvzhi::auth {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

Response user_answer(const Result<Account>& result) {
  return result.ok() ? Response::json(200, to_json(result.value(), now_seconds()))
                     : Response::error(result.error());
}

Response action_answer(db::Database& db, Request& request, UserAction action) {
  auto id = http::path_id(request, "id", contract::err::kUserNotFound);
  if (!id.ok()) return Response::error(id.error());
  auto result = apply_user_action(db, request.actor, id.value(), action);
  if (!result.ok()) return Response::error(result.error());
  Json body{{"user", to_json(result->account, now_seconds())}};
  if (!result->temporary_password.empty()) body["temporary_password"] = result->temporary_password;
  return Response::json(200, body);
}

}  // namespace

http::RouteTable user_routes(db::Database& db) {
  return {
      {"GET", "/api/v1/users", Access::permission(perm::kUserView),
       [&db](Request& request) {
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         auto committee = http::query_integer(request, "committee_id");
         if (!committee.ok()) return Response::error(committee.error());
         UserQuery query{request.query_param("q").value_or(""),
                         request.query_param("role").value_or(""),
                         request.query_param("status").value_or(""),
                         committee.value(),
                         paging->page,
                         paging->page_size};
         auto [items, total] = list_users(db, query);
         const long long now = now_seconds();
         Json rows = Json::array();
         for (const auto& a : items) rows.push_back(to_json(a, now));
         return Response::json(200, http::list_body(std::move(rows), total, paging.value()));
       }},
      // The handling units a unit clerk or head may belong to: names only, since the sysadmin
      // holds no business permission.
      {"GET", "/api/v1/users/unit-options", Access::permission(perm::kUserManage),
       [&db](Request& request) {
         auto committee = http::query_integer(request, "committee_id");
         if (!committee.ok()) return Response::error(committee.error());
         Json items = Json::array();
         db.read([&](soci::session& sql) {
           long long id = 0;
           std::string name;
           soci::statement st =
               (sql.prepare << "SELECT id, name FROM handling_units WHERE committee_id = :c AND "
                               "is_active = 1 ORDER BY category, name",
                soci::use(committee.value()), soci::into(id), soci::into(name));
           st.execute();
           while (st.fetch()) items.push_back(Json{{"id", id}, {"name", name}});
         });
         return Response::json(200, Json{{"items", std::move(items)}});
       }},
      {"GET", "/api/v1/users/{id}", Access::permission(perm::kUserView),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kUserNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto found = db.read([&](soci::session& sql) { return find_account(sql, id.value()); });
         if (!found) return Response::error(make_error(contract::err::kUserNotFound));
         return Response::json(200, to_json(*found, now_seconds()));
       }},
      {"POST", "/api/v1/users", Access::permission(perm::kUserManage),
       [&db](Request& request) {
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         http::JsonInput input(body.value());
         NewUserInput in;
         in.username = input.string("username", true).value_or("");
         in.display_name = input.string("display_name", true).value_or("");
         in.committee_id = input.integer("committee_id", true).value_or(0);
         in.roles = input.strings("roles", true).value_or(std::vector<std::string>{});
         in.unit_id = input.is_null("unit_id") ? 0 : input.integer("unit_id", false).value_or(0);
         if (!input.ok()) return Response::error(input.errors().error());
         auto created = create_user(db, request.actor, std::move(in));
         if (!created.ok()) return Response::error(created.error());
         return Response::json(201, Json{{"user", to_json(created->account, now_seconds())},
                                         {"initial_password", created->password}});
       }},
      {"PATCH", "/api/v1/users/{id}", Access::permission(perm::kUserManage),
       [&db](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kUserNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         http::JsonInput input(body.value());
         UserPatch patch{input.string("display_name", false), input.integer("committee_id", false),
                         input.strings("roles", false),
                         input.is_null("unit_id") ? std::optional<long long>(0)
                                                  : input.integer("unit_id", false)};
         if (!input.ok()) return Response::error(input.errors().error());
         return user_answer(update_user(db, request.actor, id.value(), patch));
       }},
      {"POST", "/api/v1/users/{id}/actions/unlock", Access::permission(perm::kUserUnlock),
       [&db](Request& request) { return action_answer(db, request, UserAction::kUnlock); }},
      {"POST", "/api/v1/users/{id}/actions/reset_password",
       Access::permission(perm::kUserResetPassword),
       [&db](Request& request) { return action_answer(db, request, UserAction::kResetPassword); }},
      {"POST", "/api/v1/users/{id}/actions/reset_mfa", Access::permission(perm::kUserResetMfa),
       [&db](Request& request) { return action_answer(db, request, UserAction::kResetMfa); }},
      {"POST", "/api/v1/users/{id}/actions/disable", Access::permission(perm::kUserSetStatus),
       [&db](Request& request) { return action_answer(db, request, UserAction::kDisable); }},
      {"POST", "/api/v1/users/{id}/actions/enable", Access::permission(perm::kUserSetStatus),
       [&db](Request& request) { return action_answer(db, request, UserAction::kEnable); }},
  };
}

}  // namespace lvzhi::auth
