// Route table for /api/v1/proposals. Scope is decided per proposal by the use-cases (404 for what
// the caller may not see), so most routes only need a session.

#include <fmt/format.h>

#include "domain/proposal/proposal.hpp"
#include "http/json_input.hpp"
#include "http/multipart.hpp"
#include "http/paging.hpp"

namespace lvzhi::proposal {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace err = contract::err;

// The largest upload body read at all; the committee's own file limit is checked after parsing.
constexpr std::size_t kUploadBodyLimit = std::size_t{51} << 20;

Response answer(const Result<Json>& result, int status = 200) {
  return result.ok() ? Response::json(status, result.value()) : Response::error(result.error());
}

Result<Draft> parse_draft(const Request& request) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  Draft d;
  d.version = input.integer("version", false);
  d.kind = input.string("kind", false);
  d.proposer_kind = input.string("proposer_kind", false);
  d.collective_id = input.integer("collective_id", false);
  d.first_member_id = input.integer("first_member_id", false);
  d.title = input.string("title", false);
  d.analysis = input.string("analysis", false);
  d.suggestions = input.string("suggestions", false);
  d.category_id = input.is_null("category_id") ? std::optional<long long>(0)
                                               : input.integer("category_id", false);
  d.cosigner_ids = input.ids("cosigner_ids", false);
  if (!input.ok()) return input.errors().error();
  return d;
}

Result<long long> optional_id(const Request& request, const std::string& name) {
  if (!request.query_param(name)) return 0LL;
  return http::query_integer(request, name);
}

// ?year=YYYY (0 when absent); 400 request.bad_query outside 1949–2100.
Result<int> query_year(const Request& request) {
  if (!request.query_param("year")) return 0;
  auto year = http::query_integer(request, "year");
  if (!year.ok()) return year.take_error();
  if (year.value() < 1949 || year.value() > 2100) {
    return make_error(err::kRequestBadQuery, "年份有误", Json{{"parameter", "year"}});
  }
  return static_cast<int>(year.value());
}

// The list's filters (and page) from the query string; 400 request.bad_query on a malformed one.
Result<ListQuery> list_query(const Request& request) {
  auto paging = http::parse_paging(request);
  if (!paging.ok()) return paging.take_error();
  auto session = optional_id(request, "session_id");
  auto category = optional_id(request, "category_id");
  auto unit = optional_id(request, "unit_id");
  auto sector = optional_id(request, "sector_id");
  auto year = query_year(request);
  if (!year.ok()) return year.take_error();
  auto key = http::query_bool(request, "key");
  for (auto* parsed : {&session, &category, &unit, &sector}) {
    if (!parsed->ok()) return parsed->take_error();
  }
  if (!key.ok()) return key.take_error();
  return ListQuery{.queue = request.query_param("queue").value_or(""),
                   .state = request.query_param("state").value_or(""),
                   .session_id = session.value(),
                   .kind = request.query_param("kind").value_or(""),
                   .category_id = category.value(),
                   .unit_id = unit.value(),
                   .key_only = key.value().value_or(false),
                   .year = year.value(),
                   .sector_id = sector.value(),
                   .stat = request.query_param("stat").value_or(""),
                   .reply_class = request.query_param("reply_class").value_or(""),
                   .q = request.query_param("q").value_or(""),
                   .page = paging->page,
                   .page_size = paging->page_size};
}

Result<Json> action_input(const Request& request) {
  if (request.body.empty()) return Json::object();
  return request.json_body();
}

Response download_response(ProposalService::Download file) {
  const auto dot = file.file_name.rfind('.');
  const auto ext = dot == std::string::npos ? std::string() : file.file_name.substr(dot);
  return Response::file(std::move(file.content), std::move(file.media_type), "attachment" + ext,
                        file.file_name);
}

Response upload_route(ProposalService& service, Request& request) {
  auto id = http::path_id(request, "id", err::kProposalNotFound);
  if (!id.ok()) return Response::error(id.error());
  auto parts = http::parse_multipart(request.header("content-type").value_or(""), request.body);
  if (!parts.ok()) return Response::error(parts.error());
  ProposalService::Upload upload;
  bool has_file = false;
  for (const auto& part : parts.value()) {
    if (part.name == "file" && part.filename && !has_file) {
      has_file = true;
      upload.file_name = *part.filename;
      upload.content = std::string(part.data);
    } else if (part.name == "assignment_id") {
      try {
        upload.assignment_id = std::stoll(std::string(part.data));
      } catch (const std::exception&) {
        upload.assignment_id = -1;
      }
      if (upload.assignment_id <= 0) {
        return Response::error(field_error("assignment_id", "交办记录编号有误"));
      }
    }
  }
  if (!has_file) {
    return Response::error(make_error(err::kRequestBadMultipart, "请在 file 字段中上传一个文件"));
  }
  return answer(service.upload(service.viewer(request.actor), id.value(), upload), 201);
}

}  // namespace

http::RouteTable proposal_routes(ProposalService& service) {
  return {
      {"GET", "/api/v1/proposals", Access::session(),
       [&service](Request& request) {
         auto query = list_query(request);
         if (!query.ok()) return Response::error(query.error());
         return answer(service.list(service.viewer(request.actor), query.value()));
       }},
      {"GET", "/api/v1/proposals/export", Access::session(),
       [&service](Request& request) {
         auto query = list_query(request);
         if (!query.ok()) return Response::error(query.error());
         auto bytes = service.export_xlsx(service.viewer(request.actor), query.value());
         if (!bytes.ok()) return Response::error(bytes.error());
         return Response::file(std::move(bytes).value(),
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                               "proposals.xlsx", "提案.xlsx");
       }},
      {"GET", "/api/v1/proposals/queues", Access::session(),
       [&service](Request& request) {
         return Response::json(200, service.queues(service.viewer(request.actor)));
       }},
      {"GET", "/api/v1/public/proposals", Access::public_route(),
       [&service](Request& request) {
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         return answer(service.public_list({.q = request.query_param("q").value_or(""),
                                            .page = paging->page,
                                            .page_size = paging->page_size}));
       }},
      {"GET", "/api/v1/public/proposals/{id}", Access::public_route(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         return answer(service.public_get(id.value()));
       }},
      {"GET", "/api/v1/commendations", Access::permission(contract::perm::kProposalViewAll),
       [&service](Request& request) {
         auto year = query_year(request);
         if (!year.ok()) return Response::error(year.error());
         return answer(service.commendations(service.viewer(request.actor), year.value(),
                                             request.query_param("kind").value_or("")));
       }},
      {"GET", "/api/v1/commendations/candidates",
       Access::permission(contract::perm::kCommendationPropose),
       [&service](Request& request) {
         auto year = query_year(request);
         if (!year.ok()) return Response::error(year.error());
         return answer(service.commendation_candidates(service.viewer(request.actor), year.value(),
                                                       request.query_param("kind").value_or("")));
       }},
      {"POST", "/api/v1/commendations", Access::permission(contract::perm::kCommendationPropose),
       [&service](Request& request) {
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         return answer(service.propose_commendation(service.viewer(request.actor), body.value()),
                       201);
       }},
      {"POST", "/api/v1/commendations/{id}/{decision}",
       Access::permission(contract::perm::kCommendationApprove),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kCommendationNotFound);
         if (!id.ok()) return Response::error(id.error());
         const auto& decision = request.path_params.at("decision");
         if (decision != "approve" && decision != "reject") {
           return Response::error(make_error(err::kRequestNotFound));
         }
         auto input = action_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(service.decide_commendation(service.viewer(request.actor), id.value(),
                                                   decision == "approve", input.value()));
       }},
      {"DELETE", "/api/v1/commendations/{id}",
       Access::permission(contract::perm::kCommendationPropose),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kCommendationNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto done = service.remove_commendation(service.viewer(request.actor), id.value());
         return done.ok() ? Response::no_content() : Response::error(done.error());
       }},
      {"GET", "/api/v1/proposals/stats", Access::permission(contract::perm::kProposalViewAll),
       [&service](Request& request) {
         auto year = query_year(request);
         if (!year.ok()) return Response::error(year.error());
         auto session = optional_id(request, "session_id");
         if (!session.ok()) return Response::error(session.error());
         return answer(service.stats(service.viewer(request.actor), year.value(), session.value()));
       }},
      {"POST", "/api/v1/proposals/similar", Access::session(),
       [&service](Request& request) {
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         http::JsonInput input(body.value());
         ProposalService::SimilarText text;
         text.title = input.string("title", false).value_or("");
         text.analysis = input.string("analysis", false).value_or("");
         text.suggestions = input.string("suggestions", false).value_or("");
         text.exclude_id = input.integer("exclude_id", false).value_or(0);
         if (!input.ok()) return Response::error(input.errors().error());
         return answer(service.similar(service.viewer(request.actor), text));
       }},
      {"GET", "/api/v1/proposals/options", Access::session(),
       [&service](Request& request) {
         return Response::json(200, service.options(service.viewer(request.actor)));
       }},
      {"GET", "/api/v1/proposals/settings", Access::permission(contract::perm::kProposalManage),
       [&service](Request& request) {
         return Response::json(200, service.settings(service.viewer(request.actor)));
       }},
      {"PATCH", "/api/v1/proposals/settings", Access::permission(contract::perm::kProposalManage),
       [&service](Request& request) {
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         return answer(service.update_settings(service.viewer(request.actor), body.value()));
       }},
      {"GET", "/api/v1/proposals/cosigner-options", Access::session(),
       [&service](Request& request) {
         const auto viewer = service.viewer(request.actor);
         if (!viewer.submits() && !viewer.staff()) {
           return Response::error(make_error(err::kAuthForbidden));
         }
         return Response::json(
             200, service.cosigner_options(viewer, request.query_param("q").value_or("")));
       }},
      {"POST", "/api/v1/proposals", Access::session(),
       [&service](Request& request) {
         const auto viewer = service.viewer(request.actor);
         if (!viewer.submits() && !viewer.staff()) {
           return Response::error(make_error(err::kAuthForbidden));
         }
         auto draft = parse_draft(request);
         if (!draft.ok()) return Response::error(draft.error());
         return answer(service.create(viewer, draft.value()), 201);
       }},
      {"GET", "/api/v1/proposals/{id}", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         return answer(service.get(service.viewer(request.actor), id.value()));
       }},
      {"PATCH", "/api/v1/proposals/{id}", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto draft = parse_draft(request);
         if (!draft.ok()) return Response::error(draft.error());
         return answer(service.update(service.viewer(request.actor), id.value(), draft.value()));
       }},
      {"GET", "/api/v1/proposals/{id}/similar", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         return answer(service.similar_to(service.viewer(request.actor), id.value()));
       }},
      {"GET", "/api/v1/proposals/{id}/document", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto file = service.document(service.viewer(request.actor), id.value());
         if (!file.ok()) return Response::error(file.error());
         return download_response(std::move(file).value());
       }},
      {"GET", "/api/v1/proposals/{id}/timeline", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         return answer(service.timeline(service.viewer(request.actor), id.value()));
       }},
      {"POST", "/api/v1/proposals/{id}/actions/{action}", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto input = action_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(service.act(service.viewer(request.actor), id.value(),
                                   request.path_params.at("action"), input.value()));
       }},
      {"POST", "/api/v1/proposals/{id}/assignments/{aid}/actions/{action}", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto aid = http::path_id(request, "aid", err::kAssignmentNotFound);
         if (!aid.ok()) return Response::error(aid.error());
         auto input = action_input(request);
         if (!input.ok()) return Response::error(input.error());
         return answer(service.act_on_assignment(service.viewer(request.actor), id.value(),
                                                 aid.value(), request.path_params.at("action"),
                                                 input.value()));
       }},
      {"POST", "/api/v1/proposals/{id}/attachments", Access::session(),
       [&service](Request& request) { return upload_route(service, request); }, kUploadBodyLimit,
       "multipart/form-data"},
      {"GET", "/api/v1/proposals/{id}/attachments/{att}", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto att = http::path_id(request, "att", err::kAttachmentNotFound);
         if (!att.ok()) return Response::error(att.error());
         auto file = service.download(service.viewer(request.actor), id.value(), att.value());
         if (!file.ok()) return Response::error(file.error());
         return download_response(std::move(file).value());
       }},
      {"DELETE", "/api/v1/proposals/{id}/attachments/{att}", Access::session(),
       [&service](Request& request) {
         auto id = http::path_id(request, "id", err::kProposalNotFound);
         if (!id.ok()) return Response::error(id.error());
         auto att = http::path_id(request, "att", err::kAttachmentNotFound);
         if (!att.ok()) return Response::error(att.error());
         auto done =
             service.remove_attachment(service.viewer(request.actor), id.value(), att.value());
         return done.ok() ? Response::no_content() : Response::error(done.error());
       }},
  };
}

}  // namespace lvzhi::proposal
