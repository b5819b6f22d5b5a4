// Routing and body handling that do not depend on who calls: 404, 405, 413, 415, 400, error body
// shape.
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class HttpBasics : public ApiTest {};

TEST_F(HttpBasics, UnknownRouteIs404BeforeAuthentication) {
  const Unchanged unchanged(server());
  Client client = server().client();
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/no-such-thing"},
           {"POST", "/no-such-thing"},
           {"GET", "/users/1/nothing"},
           {"POST", "/committees/1/actions/explode/now"},
           {"GET", "/api/v2/health"},
           {"GET", "/api/nothing"}}) {
    const Response response =
        client.send(method, path, method == "GET" ? std::nullopt : std::optional<std::string>("{}"),
                    method == "GET" ? "" : "application/json");
    EXPECT_TRUE(IsError(response, 404, "request.not_found"));
    EXPECT_NE(response.header("content-type").find("application/json"), std::string::npos)
        << response.describe();
  }
  EXPECT_TRUE(unchanged.check());
}

TEST_F(HttpBasics, UnknownRouteIs404WithASession) {
  Client sysadmin = server().login_admin("sysadmin");
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(sysadmin.get("/no-such-thing"), 404, "request.not_found"));
  EXPECT_TRUE(IsError(sysadmin.post("/no-such-thing", json::object()), 404, "request.not_found"));
  EXPECT_TRUE(IsError(sysadmin.get("/users/1/actions"), 404, "request.not_found"));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(HttpBasics, WrongMethodIs405BeforeAuthentication) {
  Client anonymous = server().client();
  Client sysadmin = server().login_admin("sysadmin");
  const Unchanged unchanged(server());
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"DELETE", "/users"},
      {"PUT", "/committees/1"},
      {"GET", "/auth/login"},
      {"POST", "/health"},
      {"DELETE", "/audit"},
      {"PUT", "/settings/security"},
      {"GET", "/users/1/actions/unlock"},
      {"PATCH", "/auth/me"},
      {"DELETE", "/committees/1"},
      {"POST", "/audit"},
      {"GET", "/auth/logout"},
      {"PUT", "/users/1"}};
  for (Client* client : {&anonymous, &sysadmin}) {
    for (const auto& [method, path] : cases) {
      const bool with_body = method != "GET" && method != "DELETE";
      const Response response =
          client->send(method, path, with_body ? std::optional<std::string>("{}") : std::nullopt,
                       with_body ? "application/json" : "");
      EXPECT_TRUE(IsError(response, 405, "request.method_not_allowed"));
    }
  }
  EXPECT_TRUE(unchanged.check());
}

TEST_F(HttpBasics, OversizeBodyIs413BeforeAuthentication) {
  const Unchanged unchanged(server());
  Client client = server().client();
  const std::string big = "{\"username\":\"" + repeat("a", 2 << 20) + "\",\"password\":\"x\"}";
  EXPECT_TRUE(IsError(client.send("POST", "/auth/login", big, "application/json"), 413,
                      "request.body_too_large"));
  // The connection is usable afterwards (or was closed cleanly and curl reconnects).
  EXPECT_TRUE(IsStatus(client.get("/health"), 200));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(HttpBasics, LoginRejectsNonJsonAndMalformedJson) {
  const Unchanged unchanged(server());
  Client client = server().client();
  EXPECT_TRUE(
      IsError(client.send("POST", "/auth/login", "username=auditor&password=x", "text/plain"), 415,
              "request.unsupported_media_type"));
  EXPECT_TRUE(IsError(client.send("POST", "/auth/login", "username=auditor&password=x",
                                  "application/x-www-form-urlencoded"),
                      415, "request.unsupported_media_type"));
  EXPECT_TRUE(
      IsError(client.send("POST", "/auth/login", "{\"username\": \"auditor\",", "application/json"),
              400, "request.malformed_json"));
  EXPECT_TRUE(unchanged.check());
  EXPECT_TRUE(client.cookie("lvzhi_session").empty());
}

TEST_F(HttpBasics, JsonWithCharsetIsAccepted) {
  Client client = server().client();
  const Response response = client.send(
      "POST", "/auth/login",
      json{{"username", "auditor"}, {"password", server().admin("auditor").password}}.dump(),
      "application/json; charset=utf-8");
  EXPECT_TRUE(IsStatus(response, 200));
}

TEST_F(HttpBasics, ErrorBodyHasCodeMessageAndDetails) {
  Client client = server().client();
  const Response response = client.get("/users");
  ASSERT_TRUE(IsError(response, 401, "auth.unauthenticated"));
  const auto& error = response.json["error"];
  EXPECT_EQ(error["message"], contract_errors()["auth.unauthenticated"]["message"]);
  EXPECT_TRUE(error.contains("details") && error["details"].is_object()) << response.describe();
  EXPECT_NE(response.header("content-type").find("application/json"), std::string::npos);
}

}  // namespace
}  // namespace lvzhi::api_test
