// Route table for /api/v1/members and /api/v1/me/member (read: member.view; write: member.manage;
// personal data unmasked with member.view_private or for the member themself).
#include "domain/member/member.hpp"
#include "domain/member/roster_excel.hpp"
#include "http/json_input.hpp"
#include "http/paging.hpp"

namespace lvzhi::member {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

std::optional<long long> nullable_id(http::JsonInput& input, const std::string& field) {
  if (input.is_null(field)) return 0;
  return input.integer(field, false);
}

Result<MemberInput> parse_input(const Request& request) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  MemberInput out;
  out.term_id = input.integer("term_id", false);
  out.member_no = input.string("member_no", false);
  out.name = input.string("name", false);
  out.gender = input.string("gender", false);
  out.ethnicity = input.string("ethnicity", false);
  out.birth_date = input.is_null("birth_date") ? std::optional<std::string>("")
                                               : input.string("birth_date", false);
  out.party_id = nullable_id(input, "party_id");
  out.sector_id = nullable_id(input, "sector_id");
  out.employer = input.string("employer", false);
  out.title = input.string("title", false);
  out.is_standing = input.boolean("is_standing", false);
  out.is_hk_macao = input.boolean("is_hk_macao", false);
  out.phone = input.string("phone", false);
  out.email = input.string("email", false);
  out.id_number = input.string("id_number", false);
  out.special_committee_ids = input.ids("special_committee_ids", false);
  out.group_ids = input.ids("group_ids", false);
  out.user_id = nullable_id(input, "user_id");
  if (!input.ok()) return input.errors().error();
  return out;
}

Response profile(const Request& request, const Result<Member>& result, int status = 200) {
  if (!result.ok()) return Response::error(result.error());
  const bool show =
      request.actor.has(perm::kMemberViewPrivate.code) || result->user_id == request.actor.user_id;
  return Response::json(status, profile_json(result.value(), show));
}

}  // namespace

Result<MemberQuery> parse_member_query(const Request& request) {
  MemberQuery query;
  query.committee_id = request.actor.committee_id;
  for (auto [name, target] :
       {std::pair{"term_id", &query.term_id}, std::pair{"sector_id", &query.sector_id},
        std::pair{"party_id", &query.party_id},
        std::pair{"special_committee_id", &query.special_committee_id},
        std::pair{"group_id", &query.group_id}}) {
    auto value = http::query_integer(request, name);
    if (!value.ok()) return value.take_error();
    *target = value.value();
  }
  query.status = request.query_param("status").value_or("");
  if (!query.status.empty() &&
      std::find(std::begin(kStatuses), std::end(kStatuses), query.status) == std::end(kStatuses)) {
    return make_error(
        contract::err::kRequestBadQuery,
        Json{{"fields", {{"status", "状态须为 active、resigned、removed 或 term_ended"}}}});
  }
  auto standing = http::query_bool(request, "standing");
  if (!standing.ok()) return standing.take_error();
  query.standing = standing.value();
  auto hk = http::query_bool(request, "hk_macao");
  if (!hk.ok()) return hk.take_error();
  query.hk_macao = hk.value();
  query.q = request.query_param("q").value_or("");
  query.sort = request.query_param("sort").value_or("pinyin");
  if (std::find(std::begin(kSorts), std::end(kSorts), query.sort) == std::end(kSorts)) {
    return make_error(
        contract::err::kRequestBadQuery,
        Json{{"fields", {{"sort", "排序须为 pinyin、member_no 或 birth_date（可加 - 倒序）"}}}});
  }
  return query;
}

http::RouteTable member_routes(MemberService& members) {
  http::RouteTable routes{
      {"GET", "/api/v1/members", Access::permission(perm::kMemberView),
       [&members](Request& request) {
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         auto query = parse_member_query(request);
         if (!query.ok()) return Response::error(query.error());
         query->page = paging->page;
         query->page_size = paging->page_size;
         auto found = members.list(query.value());
         if (!found.ok()) return Response::error(found.error());
         const bool show = request.actor.has(perm::kMemberViewPrivate.code);
         Json rows = Json::array();
         for (const auto& m : found->first) rows.push_back(summary_json(m, show));
         return Response::json(200,
                               http::list_body(std::move(rows), found->second, paging.value()));
       }},
      {"GET", "/api/v1/members/{id}", Access::permission(perm::kMemberView),
       [&members](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kMemberNotFound);
         if (!id.ok()) return Response::error(id.error());
         return profile(request, members.get(request.actor, id.value()));
       }},
      {"POST", "/api/v1/members", Access::permission(perm::kMemberManage),
       [&members](Request& request) {
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return profile(request, members.create(request.actor, input.value()), 201);
       }},
      {"PATCH", "/api/v1/members/{id}", Access::permission(perm::kMemberManage),
       [&members](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kMemberNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = parse_input(request);
         if (!input.ok()) return Response::error(input.error());
         return profile(request, members.update(request.actor, id.value(), input.value()));
       }},
      {"POST", "/api/v1/members/{id}/status", Access::permission(perm::kMemberManage),
       [&members](Request& request) {
         auto id = http::path_id(request, "id", contract::err::kMemberNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         http::JsonInput input(body.value());
         StatusChange change{input.string("status", true).value_or(""),
                             input.string("date", true).value_or(""),
                             input.string("reason", false).value_or("")};
         if (!input.ok()) return Response::error(input.errors().error());
         return profile(request, members.change_status(request.actor, id.value(), change));
       }},
      // Accounts a roster entry may be linked to: active "member" accounts of the committee, with
      // the entry each is already linked to in the term (staff hold no user.view).
      {"GET", "/api/v1/members/account-options", Access::permission(perm::kMemberManage),
       [&members](Request& request) {
         auto term = http::query_integer(request, "term_id");
         if (!term.ok()) return Response::error(term.error());
         auto options = members.account_options(request.actor, term.value(),
                                                request.query_param("q").value_or(""));
         if (!options.ok()) return Response::error(options.error());
         return Response::json(200, Json{{"items", std::move(options).value()}});
       }},
      {"GET", "/api/v1/me/member", Access::session(),
       [&members](Request& request) { return profile(request, members.mine(request.actor)); }},
  };
  for (auto& route : roster_excel_routes(members)) routes.push_back(std::move(route));
  return routes;
}

}  // namespace lvzhi::member
