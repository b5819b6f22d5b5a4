#pragma once
// The request and response that handlers see. Deliberately free of Beast/Asio so that domain code
// compiles fast.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/result.hpp"

namespace lvzhi::http {

struct Request {
  std::string method;                              // "GET", "POST", …
  std::string path;                                // decoded path without the query string
  std::string target;                              // raw target as received
  std::multimap<std::string, std::string> query;   // decoded query parameters
  std::map<std::string, std::string> path_params;  // from the route pattern, e.g. {id}
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;
  bool secure = false;  // arrived over TLS (directly or via X-Forwarded-Proto from a trusted proxy)
  Actor actor;          // anonymous unless the route requires a session

  [[nodiscard]] std::optional<std::string_view> header(std::string_view lower_name) const;
  [[nodiscard]] std::optional<std::string> query_param(const std::string& name) const;
  [[nodiscard]] std::optional<std::string> cookie(std::string_view name) const;
  // Parses the body as a JSON object; 400 request.malformed_json otherwise.
  [[nodiscard]] Result<Json> json_body() const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response json(int status, const Json& body);
  static Response error(const Error& error);
  static Response no_content();
  // A file to save: Content-Disposition attachment with the UTF-8 name RFC 5987-encoded and an
  // ASCII fallback for old clients; never cached, never sniffed.
  static Response file(std::string body, std::string content_type, std::string_view ascii_name,
                       std::string_view utf8_name);
  void set_header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
};

// Error body exactly as DESIGN §4: {"error":{"code","message","details"}}.
Json error_body(const Error& error);

}  // namespace lvzhi::http
