#include "http/net/dispatch.hpp"

#include <algorithm>
#include <exception>

#include "core/log.hpp"
#include "http/net/gzip.hpp"
#include "http/request_meta.hpp"

namespace lvzhi::http::net {
namespace {

// Below this, gzip's header and the CPU cost outweigh the saved bytes.
constexpr std::size_t kMinCompressSize = 1024;

constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors "
    "'none'; "
    "base-uri 'self'; form-action 'self'";

bool is_api_path(std::string_view path) { return path == "/api" || path.substr(0, 5) == "/api/"; }

bool iequals(std::string_view a, std::string_view b) {
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [&](char x, char y) { return lower(x) == lower(y); });
}

bool has_header(const Response& response, std::string_view name) {
  return std::any_of(response.headers.begin(), response.headers.end(),
                     [&](const auto& header) { return iequals(header.first, name); });
}

void compress_json(Response& response, bool client_accepts_gzip) {
  if (response.body.size() <= kMinCompressSize || !is_json_media_type(response.content_type) ||
      has_header(response, "Content-Encoding")) {
    return;
  }
  // The answer depends on Accept-Encoding whether or not this client gets gzip: caches must know.
  response.set_header("Vary", "Accept-Encoding");
  if (!client_accepts_gzip) return;
  auto compressed = gzip_compress(response.body);
  if (!compressed || compressed->size() >= response.body.size()) return;
  response.body = std::move(*compressed);
  response.set_header("Content-Encoding", "gzip");
}

Response dispatch(const DispatchContext& context, Request& request, bool client_accepts_gzip) {
  // Only GET reaches the web app; /api never falls back to index.html (a wrong API URL must be a
  // JSON 404).
  if (context.static_files != nullptr && request.method == "GET" && !is_api_path(request.path)) {
    auto file = context.static_files->serve(request.path, client_accepts_gzip);
    if (file) return std::move(*file);
    return Response::error(make_error(contract::err::kRequestNotFound));
  }
  Response response = context.pipeline.handle(request);
  compress_json(response, client_accepts_gzip);
  return response;
}

}  // namespace

Response produce_response(const DispatchContext& context, Request& request) {
  Response response;
  try {
    const bool client_accepts_gzip = accepts_gzip(request.header("accept-encoding").value_or(""));
    response = dispatch(context, request, client_accepts_gzip);
  } catch (const std::exception& e) {
    log::error(
        "unhandled exception",
        {{"request_id", request.request_id}, {"path", request.path}, {"exception", e.what()}});
    response = Response::error(make_error(contract::err::kServerInternalError));
  }
  add_common_headers(response, request.path, request.request_id);
  return response;
}

Response network_error(const contract::ErrorDef& def, std::string_view path,
                       std::string_view request_id) {
  Response response = Response::error(make_error(def));
  // Not a cacheable resource whatever the path was.
  response.set_header("Cache-Control", "no-store");
  add_common_headers(response, path, request_id);
  return response;
}

void add_common_headers(Response& response, std::string_view path, std::string_view request_id) {
  response.set_header("Content-Security-Policy", std::string(kContentSecurityPolicy));
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Referrer-Policy", "same-origin");
  response.set_header("X-Request-Id", std::string(request_id));
  // API answers carry personal data: no browser or proxy may keep them.
  if (is_api_path(path) && !has_header(response, "Cache-Control"))
    response.set_header("Cache-Control", "no-store");
}

}  // namespace lvzhi::http::net
