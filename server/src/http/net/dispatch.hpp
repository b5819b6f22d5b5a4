#pragma once
// From a parsed Request to the final Response, on a worker thread: static file or pipeline, gzip,
// and the headers every answer carries. Free of Beast/Asio; the connection code only moves bytes.
#include <string_view>

#include "contract/errors.hpp"
#include "http/message.hpp"
#include "http/pipeline.hpp"
#include "http/static_files.hpp"

namespace lvzhi::http::net {

struct DispatchContext {
  const Pipeline& pipeline;
  const StaticFiles* static_files;  // null: no web app to serve
};

// Never throws.
Response produce_response(const DispatchContext& context, Request& request);

// An answer the network layer gives by itself (400 malformed, 413, 431, 503), with the common
// headers.
Response network_error(const contract::ErrorDef& def, std::string_view path,
                       std::string_view request_id);

// Security headers, X-Request-Id, and Cache-Control: no-store on /api/ answers.
void add_common_headers(Response& response, std::string_view path, std::string_view request_id);

}  // namespace lvzhi::http::net
