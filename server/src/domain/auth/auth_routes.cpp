// Route table for /api/v1/auth. Handlers only parse and shape; the use-cases live in login.cpp,
// mfa.cpp, …
#include "domain/auth/auth_routes.hpp"

#include "domain/auth/session.hpp"
#include "http/json_input.hpp"

namespace lvzhi::auth {
namespace {

using http::Access;
using http::Request;
using http::Response;

ClientInfo client_of(const Request& request) {
  return {request.remote_ip, std::string(request.header("user-agent").value_or("")),
          request.request_id};
}

template <class T>
Response answer(const Result<T>& result) {
  return result.ok() ? Response::json(200, result.value()) : Response::error(result.error());
}

// Reads one string field of a JSON body: the body error or field error, or the value ("" if
// absent).
Result<std::string> string_field(const Request& request, const std::string& field) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  auto value = input.string(field, true);
  if (!input.ok()) return input.errors().error();
  return *value;
}

}  // namespace

http::RouteTable auth_routes(AuthDeps& deps) {
  return {
      {"POST", "/api/v1/auth/login", Access::public_route(),
       [&deps](Request& request) {
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         http::JsonInput input(body.value());
         auto username = input.string("username", true);
         auto password = input.string("password", true);
         if (!input.ok()) return Response::error(input.errors().error());
         auto result = login(deps, *username, *password, client_of(request));
         if (!result.ok()) return Response::error(result.error());
         auto response = Response::json(200, result->body);
         response.set_header("Set-Cookie", session_cookie(result->token, request.secure));
         return response;
       }},
      {"POST", "/api/v1/auth/logout", Access::session(true),
       [&deps](Request& request) {
         logout(deps, request.actor);
         auto response = Response::no_content();
         response.set_header("Set-Cookie", clear_session_cookie(request.secure));
         return response;
       }},
      {"GET", "/api/v1/auth/me", Access::session(true),
       [&deps](Request& request) { return answer(me(deps, request.actor)); }},
      {"POST", "/api/v1/auth/password", Access::session(true),
       [&deps](Request& request) {
         auto body = request.json_body();
         if (!body.ok()) return Response::error(body.error());
         http::JsonInput input(body.value());
         auto current = input.string("current_password", true);
         auto next = input.string("new_password", true);
         if (!input.ok()) return Response::error(input.errors().error());
         return answer(change_password(deps, request.actor, *current, *next));
       }},
      {"POST", "/api/v1/auth/mfa/enroll", Access::session(true),
       [&deps](Request& request) {
         auto result = start_mfa_enrollment(deps, request.actor);
         if (!result.ok()) return Response::error(result.error());
         return Response::json(200, Json{{"secret", result->secret},
                                         {"otpauth_uri", result->otpauth_uri},
                                         {"qr_svg", result->qr_svg}});
       }},
      {"POST", "/api/v1/auth/mfa/confirm", Access::session(true),
       [&deps](Request& request) {
         auto code = string_field(request, "code");
         if (!code.ok()) return Response::error(code.error());
         auto result = confirm_mfa_enrollment(deps, request.actor, code.value());
         if (!result.ok()) return Response::error(result.error());
         return Response::json(200, Json{{"recovery_codes", result.value()}});
       }},
      {"POST", "/api/v1/auth/mfa/verify", Access::session(true),
       [&deps](Request& request) {
         auto code = string_field(request, "code");
         if (!code.ok()) return Response::error(code.error());
         return answer(verify_mfa(deps, request.actor, code.value()));
       }},
      {"POST", "/api/v1/auth/mfa/disable", Access::session(),
       [&deps](Request& request) {
         auto password = string_field(request, "password");
         if (!password.ok()) return Response::error(password.error());
         auto result = disable_mfa(deps, request.actor, password.value());
         return result.ok() ? Response::no_content() : Response::error(result.error());
       }},
  };
}

}  // namespace lvzhi::auth
