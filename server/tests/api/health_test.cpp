// GET /health, headers present on every answer (request id, security headers), gzip.
#include <set>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Health : public ApiTest {};

TEST_F(Health, ReportsStatusVersionAndDatabase) {
  Client client = server().client();
  const Response response = client.get("/health");
  ASSERT_TRUE(IsStatus(response, 200));
  ASSERT_TRUE(response.json.is_object()) << response.describe();
  EXPECT_EQ(response.json.value("status", ""), "ok");
  EXPECT_TRUE(response.json["version"].is_string() &&
              !response.json["version"].get<std::string>().empty());
  EXPECT_EQ(response.json.value("database", ""), server().db_kind());
  ASSERT_TRUE(response.json["schema_version"].is_number_integer()) << response.describe();
  EXPECT_GE(response.json["schema_version"].get<long long>(), 1);
  ASSERT_TRUE(response.json["uptime_s"].is_number()) << response.describe();
  EXPECT_GE(response.json["uptime_s"].get<double>(), 0);
  EXPECT_NE(response.header("content-type").find("application/json"), std::string::npos)
      << response.describe();
}

TEST_F(Health, EveryAnswerCarriesARequestId) {
  Client anonymous = server().client();
  std::vector<Response> responses;
  responses.push_back(anonymous.get("/health"));                                              // 200
  responses.push_back(anonymous.get("/no-such-thing"));                                       // 404
  responses.push_back(anonymous.post("/health", json::object()));                             // 405
  responses.push_back(anonymous.get("/users"));                                               // 401
  responses.push_back(anonymous.send("POST", "/auth/login", "hello", "text/plain"));          // 415
  responses.push_back(anonymous.send("POST", "/auth/login", "{\"user", "application/json"));  // 400
  responses.push_back(
      anonymous.post("/auth/login", {{"username", "nobody"}, {"password", "Wrong#pass-123"}}));
  responses.push_back(anonymous.send("POST", "/committees",
                                     "{\"name\":\"" + repeat("x", 2 << 20) + "\"}",
                                     "application/json"));  // 413
  Client auditor = server().client();
  responses.push_back(auditor.post(
      "/auth/login", {{"username", "auditor"}, {"password", server().admin("auditor").password}}));
  responses.push_back(auditor.get("/auth/me"));
  responses.push_back(auditor.get("/audit"));  // 403 while restricted

  std::set<std::string> ids;
  for (const auto& response : responses) {
    EXPECT_NE(response.status, 0) << response.describe();
    const std::string id = response.header("x-request-id");
    EXPECT_FALSE(id.empty()) << "no X-Request-Id: " << response.describe();
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), responses.size()) << "request ids should differ between requests";
}

TEST_F(Health, SecurityHeadersOnSuccessAndError) {
  Client client = server().client();
  for (const Response& response :
       {client.get("/health"), client.get("/no-such-thing"), client.get("/users")}) {
    const std::string csp = response.header("content-security-policy");
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos)
        << "CSP: '" << csp << "' " << response.describe();
    EXPECT_EQ(response.header("x-content-type-options"), "nosniff") << response.describe();
    EXPECT_FALSE(response.header("referrer-policy").empty()) << response.describe();
  }
}

TEST_F(Health, LargeAnswersAreGzippedOnRequest) {
  Client sysadmin = server().login_admin("sysadmin");
  for (int i = 0; i < 15; ++i) {
    ASSERT_TRUE(
        IsStatus(sysadmin.post("/committees", {{"name", "压缩测试政协委员会" + std::to_string(i)},
                                               {"short_name", "压缩" + std::to_string(i)},
                                               {"level", "district"},
                                               {"parent_id", 1}}),
                 201));
  }
  const Response plain = sysadmin.get("/committees?page_size=100");
  ASSERT_TRUE(IsStatus(plain, 200));
  ASSERT_GT(plain.body.size(), 1024U) << "test needs a body over 1 KiB";
  EXPECT_EQ(plain.header("content-encoding").find("gzip"), std::string::npos)
      << "gzip without Accept-Encoding";

  const Response gzipped =
      sysadmin.get("/committees?page_size=100", {.headers = {{"Accept-Encoding", "gzip"}}});
  ASSERT_TRUE(IsStatus(gzipped, 200));
  EXPECT_EQ(gzipped.header("content-encoding"), "gzip") << gzipped.describe().substr(0, 300);
  EXPECT_EQ(gzipped.json, plain.json) << "decompressed body differs";
}

}  // namespace
}  // namespace lvzhi::api_test
