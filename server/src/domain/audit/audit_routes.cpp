// Route table for /api/v1/audit (auditor only).
#include "domain/audit/audit_routes.hpp"

#include "domain/audit/audit.hpp"
#include "http/paging.hpp"

namespace lvzhi::audit {

http::RouteTable audit_routes(db::Database& db) {
  using http::Request;
  using http::Response;
  return {
      {"GET", "/api/v1/audit", http::Access::permission(contract::perm::kAuditView),
       [&db](Request& request) {
         auto paging = http::parse_paging(request);
         if (!paging.ok()) return Response::error(paging.error());
         Query query;
         query.page = paging->page;
         query.page_size = paging->page_size;
         for (auto [name, target] : {std::pair{"actor_id", &query.actor_id},
                                     std::pair{"from", &query.from}, std::pair{"to", &query.to}}) {
           auto value = http::query_integer(request, name);
           if (!value.ok()) return Response::error(value.error());
           *target = value.value();
         }
         query.actor = request.query_param("actor").value_or("");
         query.action = request.query_param("action").value_or("");
         query.object_type = request.query_param("object_type").value_or("");
         query.object_id = request.query_param("object_id").value_or("");
         const Page page = search(db, query);
         Json items = Json::array();
         for (const auto& record : page.items) items.push_back(to_json(record));
         return Response::json(200, http::list_body(std::move(items), page.total, paging.value()));
       }},
  };
}

}  // namespace lvzhi::audit
