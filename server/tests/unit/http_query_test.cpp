// parse_query / percent_decode: decoding, '+', repeated names, and every way a query can be
// malformed.
#include <string>

#include <gtest/gtest.h>

#include "http/router.hpp"

namespace lvzhi::http {
namespace {

using Query = std::multimap<std::string, std::string>;

Query parsed(std::string_view text) {
  auto result = parse_query(text);
  EXPECT_TRUE(result.ok()) << text;
  return result.ok() ? result.value() : Query{};
}

std::string bad_query_code(std::string_view text) {
  auto result = parse_query(text);
  return result.ok() ? "ok" : std::string(result.error().code());
}

TEST(ParseQuery, DecodesPairs) {
  EXPECT_EQ(parsed("a=1&b=%E4%B8%AD&c=x+y"), (Query{{"a", "1"}, {"b", "中"}, {"c", "x y"}}));
}

TEST(ParseQuery, EmptyQueryIsEmpty) { EXPECT_TRUE(parsed("").empty()); }

TEST(ParseQuery, KeepsRepeatedNamesInOrder) {
  const Query query = parsed("role=member&role=staff");
  const auto [first, last] = query.equal_range("role");
  ASSERT_EQ(std::distance(first, last), 2);
  EXPECT_EQ(first->second, "member");
  EXPECT_EQ(std::next(first)->second, "staff");
}

TEST(ParseQuery, NameWithoutValueAndEqualsInValue) {
  EXPECT_EQ(parsed("flag&q=a=b&empty="), (Query{{"empty", ""}, {"flag", ""}, {"q", "a=b"}}));
}

TEST(ParseQuery, SkipsEmptyPiecesAndEmptyNames) {
  EXPECT_EQ(parsed("&&a=1&&=orphan&"), (Query{{"a", "1"}}));
}

TEST(ParseQuery, DecodesEncodedNamesAndSeparators) {
  EXPECT_EQ(parsed("a%26b=c%3Dd%2B"), (Query{{"a&b", "c=d+"}}));
}

TEST(ParseQuery, RejectsBadEscapes) {
  EXPECT_EQ(bad_query_code("a=%"), "request.bad_query");
  EXPECT_EQ(bad_query_code("a=%4"), "request.bad_query");
  EXPECT_EQ(bad_query_code("a=%zz"), "request.bad_query");
  EXPECT_EQ(bad_query_code("a=%G0"), "request.bad_query");
  EXPECT_EQ(bad_query_code("%=1"), "request.bad_query");
  EXPECT_EQ(bad_query_code("a=100%"), "request.bad_query");
}

TEST(ParseQuery, RejectsNul) {
  EXPECT_EQ(bad_query_code("a=%00"), "request.bad_query");
  EXPECT_EQ(bad_query_code(std::string_view("a=x\0y", 5)), "request.bad_query");
}

TEST(ParseQuery, RejectsInvalidUtf8) {
  EXPECT_EQ(bad_query_code("q=%FF"), "request.bad_query");
  EXPECT_EQ(bad_query_code("q=%E4%B8"), "request.bad_query");        // truncated 中
  EXPECT_EQ(bad_query_code("q=%C0%AF"), "request.bad_query");        // overlong '/'
  EXPECT_EQ(bad_query_code("q=%ED%A0%80"), "request.bad_query");     // UTF-16 surrogate
  EXPECT_EQ(bad_query_code("q=%F4%90%80%80"), "request.bad_query");  // beyond U+10FFFF
  EXPECT_EQ(parsed("q=%F0%9F%98%80").begin()->second, "\xF0\x9F\x98\x80");
}

TEST(ParseQuery, ErrorNamesTheParameter) {
  auto result = parse_query("page=1&q=%zz");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().status(), 400);
  EXPECT_EQ(result.error().details, (Json{{"parameter", "q"}}));
}

TEST(ParseQuery, CapsTheNumberOfParameters) {
  std::string query;
  for (int i = 0; i < 256; ++i) query += "p" + std::to_string(i) + "=1&";
  EXPECT_EQ(parsed(query).size(), 256U);
  query += "one_more=1";
  EXPECT_EQ(bad_query_code(query), "request.bad_query");
}

TEST(PercentDecode, PlusIsLiteralInPaths) {
  auto path = percent_decode("/a+b/%E4%B8%AD%20x", false);
  ASSERT_TRUE(path.ok());
  EXPECT_EQ(path.value(), "/a+b/中 x");
}

TEST(PercentDecode, LowerAndUpperHex) {
  auto text = percent_decode("%2f%2F", true);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(text.value(), "//");
}

TEST(PercentDecode, Errors) {
  EXPECT_FALSE(percent_decode("%", false).ok());
  EXPECT_FALSE(percent_decode("%%41", false).ok());
  EXPECT_FALSE(percent_decode("a%00", false).ok());
  EXPECT_EQ(percent_decode("%x1", true).error().code(), "request.bad_query");
}

}  // namespace
}  // namespace lvzhi::http
