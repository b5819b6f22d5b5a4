#include "http/pipeline.hpp"

#include <exception>
#include <optional>
#include <utility>

#include <sodium/utils.h>

#include "core/log.hpp"
#include "http/request_meta.hpp"

namespace lvzhi::http {
namespace {

bool csrf_matches(std::optional<std::string_view> sent, const std::string& expected) {
  // An actor without a token (e.g. a resolver bug) must never pass with an empty header.
  if (!sent || expected.empty() || sent->size() != expected.size()) return false;
  // Constant time so that the token cannot be guessed byte by byte from response timings.
  return sodium_memcmp(sent->data(), expected.data(), expected.size()) == 0;
}

// The restricted user is told the one thing to do next; the order follows the sign-in flow
// (second factor first, then the password, then enrolment).
const contract::ErrorDef& restriction_error(const Actor& actor) {
  if (actor.mfa_pending) return contract::err::kAuthMfaRequired;
  if (actor.must_change_password) return contract::err::kAuthPasswordChangeRequired;
  return contract::err::kAuthMfaEnrollmentRequired;
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

Response internal_error(const Request& request, std::string_view what) noexcept {
  try {
    log::error("unhandled exception", {{"request_id", request.request_id},
                                       {"method", request.method},
                                       {"path", request.path},
                                       {"exception", what}});
  } catch (...) {  // NOLINT(bugprone-empty-catch): a failing log must not turn a 500 into a crash
  }
  return Response::error(make_error(contract::err::kServerInternalError));
}

}  // namespace

Pipeline::Pipeline(Router router, SessionResolver& sessions)
    : router_(std::move(router)), sessions_(sessions) {}

std::size_t Pipeline::body_limit(const std::string& method, const std::string& path) const {
  // Unknown paths still get the default so that a small body to a wrong URL is answered 404, not
  // 413.
  const RouteMatch match = router_.match(method, path);
  return match.route != nullptr ? match.route->body_limit : kDefaultBodyLimit;
}

Response Pipeline::handle(Request& request) const {
  RouteMatch match = router_.match(request.method, request.path);
  if (match.kind == RouteMatch::Kind::kNotFound) {
    return Response::error(make_error(contract::err::kRequestNotFound));
  }
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    Response response = Response::error(make_error(contract::err::kRequestMethodNotAllowed,
                                                   Json{{"allowed", match.allowed_methods}}));
    response.set_header("Allow", join(match.allowed_methods, ", "));
    return response;
  }
  const Route& route = *match.route;

  try {
    Actor actor;
    if (route.access.kind() != Access::Kind::kPublic) {
      Result<Actor> resolved = sessions_.resolve(request);
      if (!resolved) return Response::error(resolved.error());
      actor = std::move(resolved).value();

      if (is_write_method(request.method) &&
          !csrf_matches(request.header("x-csrf-token"), actor.csrf_token)) {
        return Response::error(make_error(contract::err::kAuthCsrfFailed));
      }
      if (actor.restricted() && !route.access.allow_restricted()) {
        return Response::error(make_error(restriction_error(actor)));
      }
      if (route.access.kind() == Access::Kind::kPermission &&
          !actor.has(route.access.required().code)) {
        return Response::error(make_error(contract::err::kAuthForbidden,
                                          Json{{"permission", route.access.required().code}}));
      }
    }
    // Only the route's media type (JSON unless it is an upload) is accepted on writes: this also
    // blocks cross-site form posts, which can send neither JSON nor a custom type.
    if (is_write_method(request.method) && !request.body.empty()) {
      const auto content_type = request.header("content-type");
      if (!content_type || !is_media_type(*content_type, route.body_type)) {
        return Response::error(make_error(contract::err::kRequestUnsupportedMediaType,
                                          Json{{"expected", route.body_type}}));
      }
    }

    // Use-cases audit with the actor's ip and request id, also on public routes (failed logins).
    if (actor.ip.empty()) actor.ip = request.remote_ip;
    if (actor.request_id.empty()) actor.request_id = request.request_id;
    request.path_params = std::move(match.params);
    request.actor = std::move(actor);
    return route.handler(request);
  } catch (const UnavailableError& e) {
    try {
      log::warn("service unavailable", {{"request_id", request.request_id},
                                        {"method", request.method},
                                        {"path", request.path},
                                        {"reason", e.what()}});
    } catch (...) {  // NOLINT(bugprone-empty-catch): a failing log must not turn a 503 into a crash
    }
    return Response::error(make_error(contract::err::kServerUnavailable));
  } catch (const std::exception& e) {
    return internal_error(request, e.what());
  } catch (...) {
    return internal_error(request, "unknown exception");
  }
}

}  // namespace lvzhi::http
