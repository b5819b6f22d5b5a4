// Request accessors, JSON body parsing, the response helpers and the exact error body shape;
// plus the request metadata helpers (media type, gzip negotiation, request ids, proxy headers).
#include <gtest/gtest.h>

#include "http/message.hpp"
#include "http/request_meta.hpp"

namespace lvzhi::http {
namespace {

Request with_headers(std::vector<std::pair<std::string, std::string>> headers) {
  Request request;
  request.headers = std::move(headers);
  return request;
}

TEST(Request, HeaderReturnsFirstMatch) {
  const Request request =
      with_headers({{"x-a", "1"}, {"x-a", "2"}, {"content-type", "application/json"}});
  EXPECT_EQ(request.header("x-a"), "1");
  EXPECT_EQ(request.header("content-type"), "application/json");
  EXPECT_FALSE(request.header("x-missing").has_value());
}

TEST(Request, QueryParamReturnsFirstValue) {
  Request request;
  request.query = {{"page", "2"}, {"role", "a"}, {"role", "b"}};
  EXPECT_EQ(request.query_param("page"), "2");
  EXPECT_EQ(request.query_param("role"), "a");
  EXPECT_FALSE(request.query_param("q").has_value());
}

TEST(Request, CookieParsing) {
  const Request request = with_headers(
      {{"cookie", "theme=dark; xlvzhi_session=wrong;lvzhi_session=abc123 ; quoted=\"v 1\""},
       {"cookie", "later=yes"}});
  EXPECT_EQ(request.cookie("lvzhi_session"), "abc123");
  EXPECT_EQ(request.cookie("theme"), "dark");
  EXPECT_EQ(request.cookie("quoted"), "v 1");
  EXPECT_EQ(request.cookie("later"), "yes");
  EXPECT_FALSE(request.cookie("session").has_value());
  EXPECT_FALSE(with_headers({}).cookie("lvzhi_session").has_value());
  EXPECT_FALSE(with_headers({{"cookie", "novalue; ;="}}).cookie("novalue").has_value());
}

TEST(Request, EmptyBodyIsAnEmptyObject) {
  Request request;
  auto body = request.json_body();
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body.value(), Json::object());
  request.body = " \r\n\t";
  ASSERT_TRUE(request.json_body().ok());
  EXPECT_EQ(request.json_body().value(), Json::object());
}

TEST(Request, ObjectBodyParses) {
  Request request;
  request.body = R"({"name":"政协","n":3})";
  auto body = request.json_body();
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(body.value().at("name"), "政协");
  EXPECT_EQ(body.value().at("n"), 3);
}

TEST(Request, NonObjectOrInvalidBodyIsMalformedJson) {
  for (const char* text : {"[1,2]", "\"text\"", "42", "null", "{", "{\"a\":}", "{} {}", "\xFF"}) {
    Request request;
    request.body = text;
    auto body = request.json_body();
    ASSERT_FALSE(body.ok()) << text;
    EXPECT_EQ(body.error().code(), "request.malformed_json") << text;
    EXPECT_EQ(body.error().status(), 400);
  }
}

TEST(Response, JsonSetsStatusBodyAndType) {
  const Response response = Response::json(201, Json{{"id", 7}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"({"id":7})");
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
}

TEST(Response, JsonSurvivesInvalidUtf8) {
  const Response response = Response::json(200, Json{{"s", std::string("a\xFF")}});
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.body.find("a\xEF\xBF\xBD"), std::string::npos);  // U+FFFD
}

TEST(Response, NoContent) {
  const Response response = Response::no_content();
  EXPECT_EQ(response.status, 204);
  EXPECT_TRUE(response.body.empty());
  EXPECT_TRUE(response.content_type.empty());
}

TEST(Response, ErrorBodyShapeIsExact) {
  const Response response = Response::error(make_error(contract::err::kAuthForbidden));
  EXPECT_EQ(response.status, 403);
  EXPECT_EQ(Json::parse(response.body), (Json{{"error",
                                               {{"code", "auth.forbidden"},
                                                {"message", "您没有执行此操作的权限"},
                                                {"details", Json::object()}}}}));
}

TEST(Response, ErrorBodyKeepsCustomMessageAndDetails) {
  const Error error = field_error("name", "名称不能为空");
  EXPECT_EQ(error_body(error),
            (Json{{"error",
                   {{"code", "request.validation_failed"},
                    {"message", std::string(contract::err::kRequestValidationFailed.message)},
                    {"details", {{"fields", {{"name", "名称不能为空"}}}}}}}}));
  Error null_details = make_error(contract::err::kRequestConflict, "已被修改");
  null_details.details = nullptr;
  EXPECT_EQ(error_body(null_details)["error"]["details"], Json::object());
  EXPECT_EQ(error_body(null_details)["error"]["message"], "已被修改");
  EXPECT_EQ(error_body(null_details)["error"].size(), 3U);
}

TEST(RequestMeta, WriteMethods) {
  EXPECT_TRUE(is_write_method("POST"));
  EXPECT_TRUE(is_write_method("PUT"));
  EXPECT_TRUE(is_write_method("PATCH"));
  EXPECT_TRUE(is_write_method("DELETE"));
  EXPECT_FALSE(is_write_method("GET"));
  EXPECT_FALSE(is_write_method("HEAD"));
  EXPECT_FALSE(is_write_method("OPTIONS"));
}

TEST(RequestMeta, JsonMediaType) {
  EXPECT_TRUE(is_json_media_type("application/json"));
  EXPECT_TRUE(is_json_media_type("application/json; charset=utf-8"));
  EXPECT_TRUE(is_json_media_type(" Application/JSON ;charset=UTF-8"));
  EXPECT_FALSE(is_json_media_type("text/plain"));
  EXPECT_FALSE(is_json_media_type("application/jsonx"));
  EXPECT_FALSE(is_json_media_type("application/x-www-form-urlencoded"));
  EXPECT_FALSE(is_json_media_type(""));
}

TEST(RequestMeta, AcceptsGzip) {
  EXPECT_TRUE(accepts_gzip("gzip"));
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip(""));
  EXPECT_FALSE(accepts_gzip("deflate, br"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0.000, *"));
  EXPECT_FALSE(accepts_gzip("*;q=0"));
  EXPECT_FALSE(accepts_gzip("gzipx"));
}

TEST(RequestMeta, RequestIds) {
  EXPECT_TRUE(valid_request_id("abc-DEF-123"));
  EXPECT_TRUE(valid_request_id(std::string(64, 'a')));
  EXPECT_FALSE(valid_request_id(std::string(65, 'a')));
  EXPECT_FALSE(valid_request_id(""));
  EXPECT_FALSE(valid_request_id("a b"));
  EXPECT_FALSE(valid_request_id("a\r\nx"));
  EXPECT_FALSE(valid_request_id("id_1"));
  const std::string id = generate_request_id();
  EXPECT_EQ(id.size(), 16U);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(id, generate_request_id());
}

TEST(RequestMeta, ClientIp) {
  EXPECT_EQ(client_ip("10.0.0.1", std::nullopt, true), "10.0.0.1");
  EXPECT_EQ(client_ip("10.0.0.1", "203.0.113.7, 10.0.0.2", false), "10.0.0.1");
  EXPECT_EQ(client_ip("10.0.0.1", " 203.0.113.7 , 10.0.0.2", true), "203.0.113.7");
  EXPECT_EQ(client_ip("10.0.0.1", "2001:db8::1", true), "2001:db8::1");
  EXPECT_EQ(client_ip("10.0.0.1", "<script>", true), "10.0.0.1");
  EXPECT_EQ(client_ip("10.0.0.1", "", true), "10.0.0.1");
}

TEST(RequestMeta, ForwardedSecure) {
  EXPECT_TRUE(forwarded_secure("https", true));
  EXPECT_TRUE(forwarded_secure("HTTPS, http", true));
  EXPECT_FALSE(forwarded_secure("https", false));
  EXPECT_FALSE(forwarded_secure("http", true));
  EXPECT_FALSE(forwarded_secure(std::nullopt, true));
}

}  // namespace
}  // namespace lvzhi::http
