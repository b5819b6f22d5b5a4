// Pipeline middleware order with a fake session resolver: 404/405 → session (401 passed through) →
// CSRF → restricted session → permission → 415 → handler; exceptions become a 500 without
// internals.
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "http/pipeline.hpp"

namespace lvzhi::http {
namespace {

constexpr const char* kCsrf = "csrf-0123456789abcdef";

class FakeSessions : public SessionResolver {
 public:
  Result<Actor> resolve(const Request& request) override {
    ++calls;
    last_cookie = request.cookie("lvzhi_session").value_or("");
    if (throw_now) throw std::runtime_error("db password=hunter2 at 10.0.0.3");
    return result;
  }
  Result<Actor> result = make_error(contract::err::kAuthUnauthenticated);
  int calls = 0;
  bool throw_now = false;
  std::string last_cookie;
};

Actor signed_in(std::vector<std::string> permissions = {}) {
  Actor actor;
  actor.user_id = 7;
  actor.username = "alice";
  actor.csrf_token = kCsrf;
  actor.permissions = std::move(permissions);
  return actor;
}

Json echo(Request& request) {
  return Json{{"user_id", request.actor.user_id},
              {"params", request.path_params},
              {"ip", request.actor.ip},
              {"request_id", request.actor.request_id}};
}

Router make_router() {
  Router router;
  const Handler ok = [](Request& request) { return Response::json(200, echo(request)); };
  router.add({"GET", "/api/v1/health", Access::public_route(), ok});
  router.add({"POST", "/api/v1/auth/login", Access::public_route(), ok});
  router.add({"GET", "/api/v1/things", Access::session(), ok});
  router.add({"POST", "/api/v1/things", Access::session(), ok, 2048});
  router.add({"DELETE", "/api/v1/things/{id}", Access::session(), ok});
  router.add({"POST", "/api/v1/auth/password", Access::session(true), ok});
  router.add({"POST", "/api/v1/users/{id}/actions/{action}",
              Access::permission(contract::perm::kUserManage), ok});
  router.add({"GET", "/api/v1/boom", Access::public_route(), [](Request&) -> Response {
                throw std::runtime_error("SELECT secret FROM internals");
              }});
  router.add(
      {"GET", "/api/v1/weird", Access::public_route(), [](Request&) -> Response { throw 42; }});
  router.add({"GET", "/api/v1/away", Access::public_route(), [](Request&) -> Response {
                throw UnavailableError("PostgreSQL connection lost: host=10.0.0.3");
              }});
  return router;
}

class PipelineTest : public ::testing::Test {
 protected:
  Response send(std::string method, std::string path,
                std::vector<std::pair<std::string, std::string>> headers = {},
                std::string body = "") {
    Request request;
    request.method = std::move(method);
    request.path = std::move(path);
    request.headers = std::move(headers);
    request.headers.emplace_back("cookie", "lvzhi_session=tok");
    request.body = std::move(body);
    request.remote_ip = "192.0.2.9";
    request.request_id = "req-1";
    return pipeline_.handle(request);
  }
  static std::string code(const Response& response) {
    return Json::parse(response.body).at("error").at("code").get<std::string>();
  }
  static Json body(const Response& response) { return Json::parse(response.body); }
  static std::string header(const Response& response, const std::string& name) {
    for (const auto& [key, value] : response.headers) {
      if (key == name) return value;
    }
    return "<none>";
  }
  static Json error_json(const contract::ErrorDef& def, Json details = Json::object()) {
    return Json{
        {"error", {{"code", def.code}, {"message", def.message}, {"details", std::move(details)}}}};
  }

  FakeSessions sessions_;
  Pipeline pipeline_{make_router(), sessions_};
};

TEST_F(PipelineTest, UnknownPathIs404) {
  const Response response = send("GET", "/api/v1/nope");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(body(response), error_json(contract::err::kRequestNotFound));
  EXPECT_EQ(sessions_.calls, 0);
}

TEST_F(PipelineTest, WrongMethodIs405WithAllowHeader) {
  const Response response = send("PUT", "/api/v1/things");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(body(response),
            error_json(contract::err::kRequestMethodNotAllowed, {{"allowed", {"GET", "POST"}}}));
  EXPECT_EQ(header(response, "Allow"), "GET, POST");
  EXPECT_EQ(sessions_.calls, 0);
}

TEST_F(PipelineTest, PublicRouteNeverResolvesTheSession) {
  const Response response = send("GET", "/api/v1/health");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(sessions_.calls, 0);
  EXPECT_EQ(body(response).at("user_id"), 0);
  // Audit fields are filled for anonymous callers too.
  EXPECT_EQ(body(response).at("ip"), "192.0.2.9");
  EXPECT_EQ(body(response).at("request_id"), "req-1");
}

TEST_F(PipelineTest, PublicWriteNeedsNoCsrf) {
  const Response response =
      send("POST", "/api/v1/auth/login", {{"content-type", "application/json"}}, "{}");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(sessions_.calls, 0);
}

TEST_F(PipelineTest, ResolverErrorIsPassedThrough) {
  sessions_.result =
      make_error(contract::err::kAuthSessionExpired, "会话已过期", Json{{"reason", "idle"}});
  const Response response = send("GET", "/api/v1/things");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(body(response), (Json{{"error",
                                   {{"code", "auth.session_expired"},
                                    {"message", "会话已过期"},
                                    {"details", {{"reason", "idle"}}}}}}));
  EXPECT_EQ(sessions_.calls, 1);
  EXPECT_EQ(sessions_.last_cookie, "tok");
}

TEST_F(PipelineTest, SessionBeforeCsrf) {
  // No session and no token: the answer is 401, not 403.
  const Response response = send("POST", "/api/v1/things");
  EXPECT_EQ(response.status, 401);
  EXPECT_EQ(code(response), "auth.unauthenticated");
}

TEST_F(PipelineTest, SignedInReadNeedsNoCsrf) {
  sessions_.result = signed_in();
  const Response response = send("GET", "/api/v1/things");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(body(response).at("user_id"), 7);
}

TEST_F(PipelineTest, MissingCsrfOnWriteIs403) {
  sessions_.result = signed_in();
  const Response response = send("DELETE", "/api/v1/things/3");
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body(response), error_json(contract::err::kAuthCsrfFailed));
}

TEST_F(PipelineTest, WrongCsrfIs403) {
  sessions_.result = signed_in();
  std::string almost = kCsrf;
  almost.back() = 'x';
  EXPECT_EQ(code(send("DELETE", "/api/v1/things/3", {{"x-csrf-token", almost}})),
            "auth.csrf_failed");
  EXPECT_EQ(code(send("DELETE", "/api/v1/things/3", {{"x-csrf-token", std::string(kCsrf) + "0"}})),
            "auth.csrf_failed");
  EXPECT_EQ(code(send("DELETE", "/api/v1/things/3", {{"x-csrf-token", ""}})), "auth.csrf_failed");
}

TEST_F(PipelineTest, EmptyExpectedCsrfNeverMatches) {
  Actor actor = signed_in();
  actor.csrf_token.clear();
  sessions_.result = actor;
  EXPECT_EQ(send("DELETE", "/api/v1/things/3", {{"x-csrf-token", ""}}).status, 403);
}

TEST_F(PipelineTest, CorrectCsrfPassesAndParamsReachHandler) {
  sessions_.result = signed_in();
  const Response response = send("DELETE", "/api/v1/things/3", {{"x-csrf-token", kCsrf}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(body(response).at("params"), (Json{{"id", "3"}}));
}

TEST_F(PipelineTest, CsrfCheckedBeforeRestriction) {
  Actor actor = signed_in();
  actor.must_change_password = true;
  sessions_.result = actor;
  EXPECT_EQ(code(send("POST", "/api/v1/things")), "auth.csrf_failed");
}

TEST_F(PipelineTest, RestrictedSessionCodes) {
  const auto restricted_code = [this](bool mfa_pending, bool change_password, bool enrol) {
    Actor actor = signed_in();
    actor.mfa_pending = mfa_pending;
    actor.must_change_password = change_password;
    actor.mfa_enrollment_required = enrol;
    sessions_.result = actor;
    const Response response = send("GET", "/api/v1/things");
    EXPECT_EQ(response.status, 403);
    return code(response);
  };
  EXPECT_EQ(restricted_code(true, true, true), "auth.mfa_required");
  EXPECT_EQ(restricted_code(false, true, true), "auth.password_change_required");
  EXPECT_EQ(restricted_code(false, false, true), "auth.mfa_enrollment_required");
}

TEST_F(PipelineTest, RestrictedErrorBodyShape) {
  Actor actor = signed_in();
  actor.must_change_password = true;
  sessions_.result = actor;
  EXPECT_EQ(body(send("GET", "/api/v1/things")),
            error_json(contract::err::kAuthPasswordChangeRequired));
}

TEST_F(PipelineTest, AllowRestrictedRouteAdmitsRestrictedUser) {
  Actor actor = signed_in();
  actor.must_change_password = true;
  sessions_.result = actor;
  const Response response = send("POST", "/api/v1/auth/password", {{"x-csrf-token", kCsrf}});
  EXPECT_EQ(response.status, 200);
}

TEST_F(PipelineTest, RestrictionCheckedBeforePermission) {
  Actor actor = signed_in();
  actor.mfa_pending = true;
  sessions_.result = actor;
  EXPECT_EQ(code(send("POST", "/api/v1/users/5/actions/unlock", {{"x-csrf-token", kCsrf}})),
            "auth.mfa_required");
}

TEST_F(PipelineTest, MissingPermissionIs403Forbidden) {
  sessions_.result = signed_in({"user.view"});
  const Response response =
      send("POST", "/api/v1/users/5/actions/unlock", {{"x-csrf-token", kCsrf}});
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(body(response),
            error_json(contract::err::kAuthForbidden, {{"permission", "user.manage"}}));
}

TEST_F(PipelineTest, PermissionGrantedReachesHandler) {
  sessions_.result = signed_in({"user.manage", "user.view"});
  const Response response =
      send("POST", "/api/v1/users/5/actions/unlock", {{"x-csrf-token", kCsrf}});
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(body(response).at("params"), (Json{{"action", "unlock"}, {"id", "5"}}));
}

TEST_F(PipelineTest, PermissionCheckedBeforeMediaType) {
  sessions_.result = signed_in();
  const Response response = send("POST", "/api/v1/users/5/actions/unlock",
                                 {{"x-csrf-token", kCsrf}, {"content-type", "text/plain"}}, "x");
  EXPECT_EQ(code(response), "auth.forbidden");
}

TEST_F(PipelineTest, NonJsonBodyOnWriteIs415) {
  sessions_.result = signed_in();
  const Response plain = send("POST", "/api/v1/things",
                              {{"x-csrf-token", kCsrf}, {"content-type", "text/plain"}}, "{}");
  EXPECT_EQ(plain.status, 415);
  EXPECT_EQ(body(plain), error_json(contract::err::kRequestUnsupportedMediaType,
                                    Json{{"expected", "application/json"}}));
  const Response missing = send("POST", "/api/v1/things", {{"x-csrf-token", kCsrf}}, "{}");
  EXPECT_EQ(missing.status, 415);
  const Response form =
      send("POST", "/api/v1/auth/login", {{"content-type", "application/x-www-form-urlencoded"}},
           "username=a&password=b");
  EXPECT_EQ(form.status, 415);
}

TEST_F(PipelineTest, JsonWithParametersOrEmptyBodyIsAccepted) {
  sessions_.result = signed_in();
  EXPECT_EQ(
      send("POST", "/api/v1/things",
           {{"x-csrf-token", kCsrf}, {"content-type", "application/json; charset=utf-8"}}, "{}")
          .status,
      200);
  EXPECT_EQ(send("POST", "/api/v1/things", {{"x-csrf-token", kCsrf}}).status, 200);
}

TEST_F(PipelineTest, HandlerExceptionIs500WithoutInternals) {
  const Response response = send("GET", "/api/v1/boom");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(body(response), error_json(contract::err::kServerInternalError));
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  EXPECT_EQ(send("GET", "/api/v1/weird").status, 500);
}

TEST_F(PipelineTest, UnreachableDatabaseIs503WithoutInternals) {
  const Response response = send("GET", "/api/v1/away");
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(body(response), error_json(contract::err::kServerUnavailable));
  EXPECT_EQ(response.body.find("10.0.0.3"), std::string::npos);
}

TEST_F(PipelineTest, ResolverExceptionIs500WithoutInternals) {
  sessions_.throw_now = true;
  const Response response = send("GET", "/api/v1/things");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(body(response), error_json(contract::err::kServerInternalError));
  EXPECT_EQ(response.body.find("hunter2"), std::string::npos);
}

TEST_F(PipelineTest, BodyLimitIsTheRoutesOrTheDefault) {
  EXPECT_EQ(pipeline_.body_limit("POST", "/api/v1/things"), 2048U);
  EXPECT_EQ(pipeline_.body_limit("GET", "/api/v1/things"), kDefaultBodyLimit);
  EXPECT_EQ(pipeline_.body_limit("POST", "/api/v1/unknown"), kDefaultBodyLimit);
}

}  // namespace
}  // namespace lvzhi::http
