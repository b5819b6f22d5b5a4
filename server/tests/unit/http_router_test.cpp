// Router: path parameters, literal-over-parameter precedence, 404 vs 405, strict trailing slashes,
// and the programming errors add() rejects.
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "http/router.hpp"

namespace lvzhi::http {
namespace {

Handler tag(std::string name) {
  return [name](Request&) { return Response::json(200, Json{{"route", name}}); };
}

Route route(std::string method, std::string pattern, std::string name = "") {
  return Route{std::move(method), std::move(pattern), Access::public_route(), tag(std::move(name))};
}

std::string route_name(const RouteMatch& match) {
  Request request;
  return Json::parse(match.route->handler(request).body).at("route").get<std::string>();
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add(route("GET", "/", "root"));
    router_.add(route("GET", "/api/v1/users", "list"));
    router_.add(route("POST", "/api/v1/users", "create"));
    router_.add(route("GET", "/api/v1/users/{id}", "get"));
    router_.add(route("PATCH", "/api/v1/users/{id}", "patch"));
    router_.add(route("GET", "/api/v1/users/me", "me"));
    router_.add(route("POST", "/api/v1/users/{id}/actions/{action}", "action"));
  }
  Router router_;
};

TEST_F(RouterTest, ExtractsPathParameters) {
  const auto match = router_.match("POST", "/api/v1/users/42/actions/unlock");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(route_name(match), "action");
  EXPECT_EQ(match.params.size(), 2U);
  EXPECT_EQ(match.params.at("id"), "42");
  EXPECT_EQ(match.params.at("action"), "unlock");
}

TEST_F(RouterTest, LiteralSegmentBeatsParameter) {
  const auto me = router_.match("GET", "/api/v1/users/me");
  ASSERT_EQ(me.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(route_name(me), "me");
  EXPECT_TRUE(me.params.empty());

  const auto other = router_.match("GET", "/api/v1/users/7");
  ASSERT_EQ(other.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(route_name(other), "get");
  EXPECT_EQ(other.params.at("id"), "7");
}

TEST_F(RouterTest, MethodOfParameterRouteStillMatchesLiteralPath) {
  // PATCH exists only on /users/{id}: "me" is then just an id value.
  const auto match = router_.match("PATCH", "/api/v1/users/me");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(route_name(match), "patch");
  EXPECT_EQ(match.params.at("id"), "me");
}

TEST_F(RouterTest, UnknownPathIsNotFound) {
  const auto match = router_.match("GET", "/api/v1/nothing");
  EXPECT_EQ(match.kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_TRUE(match.allowed_methods.empty());
}

TEST_F(RouterTest, WrongMethodIsMethodNotAllowedWithSortedUniqueMethods) {
  const auto match = router_.match("DELETE", "/api/v1/users/5");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(match.route, nullptr);
  EXPECT_EQ(match.allowed_methods, (std::vector<std::string>{"GET", "PATCH"}));

  const auto collection = router_.match("PUT", "/api/v1/users");
  ASSERT_EQ(collection.kind, RouteMatch::Kind::kMethodNotAllowed);
  EXPECT_EQ(collection.allowed_methods, (std::vector<std::string>{"GET", "POST"}));
}

TEST_F(RouterTest, MethodsAreCaseSensitive) {
  EXPECT_EQ(router_.match("get", "/api/v1/users").kind, RouteMatch::Kind::kMethodNotAllowed);
}

TEST_F(RouterTest, TrailingSlashIsStrict) {
  // Documented choice: "/a/" is a different path from "/a" and matches nothing.
  EXPECT_EQ(router_.match("GET", "/api/v1/users/").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router_.match("GET", "/api/v1/users").kind, RouteMatch::Kind::kFound);
}

TEST_F(RouterTest, EmptyOrMalformedPathsMatchNothing) {
  EXPECT_EQ(router_.match("GET", "").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router_.match("GET", "api/v1/users").kind, RouteMatch::Kind::kNotFound);
  EXPECT_EQ(router_.match("GET", "//api/v1/users").kind, RouteMatch::Kind::kNotFound);
  // A parameter never matches an empty segment.
  EXPECT_EQ(router_.match("POST", "/api/v1/users//actions/unlock").kind,
            RouteMatch::Kind::kNotFound);
}

TEST_F(RouterTest, RootPatternMatchesOnlyRoot) {
  const auto match = router_.match("GET", "/");
  ASSERT_EQ(match.kind, RouteMatch::Kind::kFound);
  EXPECT_EQ(route_name(match), "root");
}

TEST_F(RouterTest, VeryDeepPathIsNotFound) {
  std::string path;
  for (int i = 0; i < 1000; ++i) path += "/x";
  EXPECT_EQ(router_.match("GET", path).kind, RouteMatch::Kind::kNotFound);
}

TEST(RouterAdd, DuplicateRouteThrows) {
  Router router;
  router.add(route("GET", "/a/{id}"));
  EXPECT_THROW(router.add(route("GET", "/a/{id}")), std::invalid_argument);
  // Differing only in the parameter name is the same route.
  EXPECT_THROW(router.add(route("GET", "/a/{other}")), std::invalid_argument);
  EXPECT_NO_THROW(router.add(route("POST", "/a/{id}")));
  EXPECT_NO_THROW(router.add(route("GET", "/a/literal")));
  EXPECT_EQ(router.routes().size(), 3U);
}

TEST(RouterAdd, MalformedPatternsThrow) {
  Router router;
  EXPECT_THROW(router.add(route("GET", "")), std::invalid_argument);
  EXPECT_THROW(router.add(route("GET", "a/b")), std::invalid_argument);
  EXPECT_THROW(router.add(route("GET", "/a/")), std::invalid_argument);
  EXPECT_THROW(router.add(route("GET", "/a//b")), std::invalid_argument);
  EXPECT_THROW(router.add(route("GET", "/a/{}")), std::invalid_argument);
  EXPECT_THROW(router.add(route("GET", "/a/{1x}")), std::invalid_argument);
  EXPECT_THROW(router.add(route("GET", "/a/x{id}")), std::invalid_argument);
  EXPECT_THROW(router.add(route("GET", "/a/{id}/b/{id}")), std::invalid_argument);
  EXPECT_THROW(router.add(route("get", "/a")), std::invalid_argument);
  EXPECT_THROW(router.add(Route{"GET", "/a", Access::public_route(), Handler{}}),
               std::invalid_argument);
  EXPECT_TRUE(router.routes().empty());
}

TEST(RouterAdd, AddAllAddsInOrder) {
  Router router;
  RouteTable table;
  table.push_back(route("GET", "/x"));
  table.push_back(route("GET", "/y"));
  router.add_all(std::move(table));
  EXPECT_EQ(router.routes().size(), 2U);
  EXPECT_EQ(router.routes()[1].pattern, "/y");
}

}  // namespace
}  // namespace lvzhi::http
