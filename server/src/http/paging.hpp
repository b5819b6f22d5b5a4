#pragma once
// page / page_size of list endpoints (DESIGN §4: page_size ≤ 100), and the list answer shape.
#include <optional>

#include "core/result.hpp"
#include "http/message.hpp"

namespace lvzhi::http {

struct Paging {
  int page = 1;
  int page_size = 20;
};

inline constexpr int kMaxPageSize = 100;

// 400 request.bad_query when page or page_size is not a positive integer or page_size > 100.
Result<Paging> parse_paging(const Request& request);
// Optional integer query parameter; 400 request.bad_query when present but not an integer.
Result<long long> query_integer(const Request& request, const std::string& name);

// Optional true/false (or 1/0) query parameter; nullopt when absent; 400 request.bad_query
// otherwise.
Result<std::optional<bool>> query_bool(const Request& request, const std::string& name);
// A numeric {name} path parameter; 404 with `not_found` when it is not a positive integer.
Result<long long> path_id(const Request& request, const std::string& name,
                          const contract::ErrorDef& not_found);

Json list_body(Json items, long long total, const Paging& paging);

}  // namespace lvzhi::http
