#include "http/message.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace lvzhi::http {
namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

bool only_whitespace(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

// Bodies carry user input: a stray invalid UTF-8 byte must not turn a response into an exception.
std::string dump(const Json& body) {
  return body.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::optional<std::string_view> Request::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return std::string_view(value);
  }
  return std::nullopt;
}

std::optional<std::string> Request::query_param(const std::string& name) const {
  const auto found = query.find(name);
  if (found == query.end()) return std::nullopt;
  return found->second;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  // Proxies speaking HTTP/2 upstream may split cookies over several headers, so look at all of
  // them.
  for (const auto& [header_name, value] : headers) {
    if (header_name != "cookie") continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const auto semicolon = rest.find(';');
      const std::string_view pair = trim(rest.substr(0, semicolon));
      rest = semicolon == std::string_view::npos ? std::string_view{} : rest.substr(semicolon + 1);
      const auto equals = pair.find('=');
      if (equals == std::string_view::npos || trim(pair.substr(0, equals)) != name) continue;
      std::string_view cookie_value = trim(pair.substr(equals + 1));
      // RFC 6265 allows the value in double quotes; the quotes are not part of it.
      if (cookie_value.size() >= 2 && cookie_value.front() == '"' && cookie_value.back() == '"') {
        cookie_value = cookie_value.substr(1, cookie_value.size() - 2);
      }
      return std::string(cookie_value);
    }
  }
  return std::nullopt;
}

Result<Json> Request::json_body() const {
  // Actions without input (POST …/actions/unlock) may send no body at all.
  if (only_whitespace(body)) return Json::object();
  Json parsed = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return make_error(contract::err::kRequestMalformedJson);
  if (!parsed.is_object()) {
    return make_error(contract::err::kRequestMalformedJson, "请求内容必须是 JSON 对象");
  }
  return parsed;
}

Response Response::json(int status, const Json& body) {
  Response response;
  response.status = status;
  response.body = dump(body);
  return response;
}

Response Response::error(const Error& error) { return json(error.status(), error_body(error)); }

Response Response::file(std::string body, std::string content_type, std::string_view ascii_name,
                        std::string_view utf8_name) {
  Response response;
  response.status = 200;
  response.content_type = std::move(content_type);
  response.body = std::move(body);
  std::string encoded;
  for (const unsigned char c : utf8_name) {
    if (std::isalnum(c) != 0 || c == '.' || c == '-' || c == '_') {
      encoded.push_back(static_cast<char>(c));
    } else {
      encoded += fmt::format("%{:02X}", c);
    }
  }
  response.set_header(
      "Content-Disposition",
      fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii_name, encoded));
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response Response::no_content() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Json error_body(const Error& error) {
  // Clients read details as an object; never let a null slip through.
  Json details = error.details.is_object() ? error.details : Json::object();
  return Json{{"error",
               {{"code", error.code()},
                {"message", error.message.empty() ? std::string(error.def.message) : error.message},
                {"details", std::move(details)}}}};
}

}  // namespace lvzhi::http
