// multipart/form-data parsing: well-formed bodies as browsers send them, and every malformed shape
// the parser must refuse with 400 request.bad_multipart.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "http/multipart.hpp"

namespace lvzhi::http {
namespace {

constexpr std::string_view kType = "multipart/form-data; boundary=XyZ";

std::string file_part(std::string_view name, std::string_view filename, std::string_view type,
                      std::string_view data) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(name) +
         "\"; filename=\"" + std::string(filename) + "\"\r\nContent-Type: " + std::string(type) +
         "\r\n\r\n" + std::string(data) + "\r\n";
}

std::string field_part(std::string_view name, std::string_view value) {
  return "--XyZ\r\nContent-Disposition: form-data; name=\"" + std::string(name) + "\"\r\n\r\n" +
         std::string(value) + "\r\n";
}

constexpr std::string_view kClose = "--XyZ--\r\n";

// The error for a malformed body (fails the test when the body parses).
Error error_of(std::string_view content_type, std::string_view body,
               const MultipartLimits& limits = {}) {
  auto parsed = parse_multipart(content_type, body, limits);
  EXPECT_FALSE(parsed.ok()) << "parsed: " << body;
  if (parsed.ok()) return make_error(contract::err::kServerInternalError);
  EXPECT_EQ(parsed.error().code(), "request.bad_multipart");
  EXPECT_EQ(parsed.error().status(), 400);
  return parsed.error();
}

bool inside(std::string_view view, std::string_view whole) {
  return view.data() >= whole.data() && view.data() + view.size() <= whole.data() + whole.size();
}

// ---- well-formed ---------------------------------------------------------------------------

TEST(Multipart, OneFilePart) {
  const std::string_view data("%PDF-1.4\r\nbin\0ary", 17);
  const std::string body =
      file_part("file", "报告.pdf", "application/pdf", data) + std::string(kClose);
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1U);
  const auto& part = parts->front();
  EXPECT_EQ(part.name, "file");
  ASSERT_TRUE(part.filename.has_value());
  EXPECT_EQ(*part.filename, "报告.pdf");
  EXPECT_EQ(part.content_type, "application/pdf");
  EXPECT_EQ(part.data, data);
  EXPECT_TRUE(inside(part.data, body)) << "data must point into the body (no copy)";
}

TEST(Multipart, SeveralPartsFieldsAndFiles) {
  const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  const std::string body = field_part("title", "关于加强社区养老服务的建议") +
                           file_part("file", "a.png", "image/png", png) + field_part("note", "") +
                           std::string(kClose);
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 3U);
  EXPECT_EQ((*parts)[0].name, "title");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  EXPECT_EQ((*parts)[0].content_type, "");
  EXPECT_EQ((*parts)[0].data, "关于加强社区养老服务的建议");
  EXPECT_EQ((*parts)[1].data, png);
  EXPECT_EQ((*parts)[1].content_type, "image/png");
  EXPECT_EQ((*parts)[2].name, "note");
  EXPECT_TRUE((*parts)[2].data.empty());
  for (const auto& part : parts.value()) EXPECT_TRUE(inside(part.data, body));
}

TEST(Multipart, QuotedBoundaryWithSpecialCharacters) {
  const std::string boundary = "a b'()+_,-./:=?c";
  const std::string body = "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=x\r\n\r\nvalue\r\n--" +
                           boundary + "--";
  auto parts = parse_multipart("multipart/form-data; boundary=\"" + boundary + "\"", body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1U);
  EXPECT_EQ(parts->front().data, "value");
}

TEST(Multipart, ContentTypeIsCaseInsensitiveWithOtherParameters) {
  const std::string body = field_part("a", "1") + std::string(kClose);
  for (const auto* type :
       {"Multipart/Form-Data;boundary=XyZ", "multipart/form-data; charset=utf-8; BOUNDARY=XyZ",
        "multipart/form-data ; boundary=\"XyZ\" ;"}) {
    auto parts = parse_multipart(type, body);
    ASSERT_TRUE(parts.ok()) << type << ": " << parts.error().message;
    EXPECT_EQ(parts->size(), 1U);
  }
}

TEST(Multipart, BoundaryOfSeventyCharactersIsAccepted) {
  const std::string boundary(70, 'b');
  const std::string body = "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--" + boundary +
                           "--\r\n";
  auto parts = parse_multipart("multipart/form-data; boundary=" + boundary, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_EQ(parts->size(), 1U);
}

TEST(Multipart, PreambleEpilogueAndTransportPaddingAreIgnored) {
  const std::string body =
      "This is the preamble.\r\n--XyZ  \t\r\n"
      "Content-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--XyZ\r\n"
      "Content-Disposition: form-data; name=\"b\"\r\n\r\ntwo\r\n--XyZ--"
      "\r\nThis is the epilogue. --XyZ\r\ngarbage";
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 2U);
  EXPECT_EQ((*parts)[0].data, "one");
  EXPECT_EQ((*parts)[1].data, "two");
}

TEST(Multipart, DataMayContainTheBoundaryTextWithoutALeadingLineBreak) {
  const std::string value = "x--XyZ\r\n-XyZ\r\n--XyY\r\n\r\n";
  const std::string body = field_part("a", value) + std::string(kClose);
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1U);
  EXPECT_EQ(parts->front().data, value);
}

TEST(Multipart, EmptyBodyPartRightAfterTheHeaders) {
  // RFC 2046: a body-part's [CRLF *OCTET] is optional; the delimiter may follow the headers.
  const std::string body = "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n--XyZ--";
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1U);
  EXPECT_TRUE(parts->front().data.empty());
}

TEST(Multipart, EmptyFormHasNoParts) {
  auto parts = parse_multipart(kType, "--XyZ--\r\n");
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_TRUE(parts->empty());
}

TEST(Multipart, HeadersAreCaseInsensitiveAndMayBeFolded) {
  const std::string body =
      "--XyZ\r\nCONTENT-DISPOSITION: FORM-DATA;\r\n\tNAME=\"f\";\r\n FILENAME=\"a.pdf\"\r\n"
      "content-type:application/pdf  \r\nX-Other: ignored\r\n"
      "Content-Transfer-Encoding: binary\r\n\r\n%PDF-\r\n--XyZ--";
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_EQ(parts->size(), 1U);
  EXPECT_EQ(parts->front().name, "f");
  EXPECT_EQ(parts->front().filename.value_or("-"), "a.pdf");
  EXPECT_EQ(parts->front().content_type, "application/pdf");
}

TEST(Multipart, QuotedStringsUnescapeBackslashes) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"a\\\"b\"; "
      "filename=\"C:\\\\x\\\\\\\"q\\\".pdf\""
      "\r\n\r\nv\r\n--XyZ--";
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_EQ(parts->front().name, "a\"b");
  EXPECT_EQ(parts->front().filename.value_or("-"), "C:\\x\\\"q\".pdf");
}

TEST(Multipart, EmptyFilenameIsKept) {
  // A file input left empty: browsers send filename="" and no data.
  const std::string body =
      file_part("file", "", "application/octet-stream", "") + std::string(kClose);
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  ASSERT_TRUE(parts->front().filename.has_value());
  EXPECT_EQ(*parts->front().filename, "");
}

TEST(Multipart, ExtendedFilenameIsDecodedAndPreferred) {
  // 关于.docx, percent-encoded UTF-8, next to an ASCII fallback.
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fallback.docx\"; "
      "filename*=UTF-8''%E5%85%B3%E4%BA%8E.docx\r\n\r\nPK\r\n--XyZ--";
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_EQ(parts->front().filename.value_or("-"), "关于.docx");

  const std::string alone =
      "--XyZ\r\nContent-Disposition: form-data; name=file; filename*=utf-8'zh-CN'a%20b.pdf"
      "\r\n\r\nx\r\n--XyZ--";
  auto parsed = parse_multipart(kType, alone);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  EXPECT_EQ(parsed->front().filename.value_or("-"), "a b.pdf");
}

TEST(Multipart, PartLimitIsInclusive) {
  std::string body;
  for (int i = 0; i < 8; ++i) body += field_part("f" + std::to_string(i), "v");
  body += kClose;
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts.ok()) << parts.error().message;
  EXPECT_EQ(parts->size(), 8U);
}

// ---- malformed -----------------------------------------------------------------------------

TEST(MultipartMalformed, NotMultipartFormData) {
  const std::string body = field_part("a", "1") + std::string(kClose);
  EXPECT_NE(error_of("application/json", body).message.find("multipart/form-data"),
            std::string::npos);
  error_of("multipart/mixed; boundary=XyZ", body);
  error_of("", body);
}

TEST(MultipartMalformed, NoBoundary) {
  const std::string body = field_part("a", "1") + std::string(kClose);
  EXPECT_NE(error_of("multipart/form-data", body).message.find("缺少 boundary"), std::string::npos);
  error_of("multipart/form-data; charset=utf-8", body);
  EXPECT_NE(error_of("multipart/form-data; boundary=\"\"", body).message.find("1 到 70"),
            std::string::npos);
  error_of("multipart/form-data; boundary=", body);  // neither token nor quoted string
}

TEST(MultipartMalformed, BoundaryTooLong) {
  const std::string boundary(71, 'b');
  const std::string body = "--" + boundary +
                           "\r\nContent-Disposition: form-data; name=x\r\n\r\nv\r\n--" + boundary +
                           "--\r\n";
  const auto error = error_of("multipart/form-data; boundary=" + boundary, body);
  EXPECT_NE(error.message.find("71"), std::string::npos) << error.message;
}

TEST(MultipartMalformed, BadBoundaryParameter) {
  const std::string body = field_part("a", "1") + std::string(kClose);
  error_of("multipart/form-data; boundary=XyZ; boundary=XyZ", body);  // twice
  error_of("multipart/form-data; boundary=\"Xy\\\"Z\"", body);        // '"' is no bchar
  error_of("multipart/form-data; boundary=\"XyZ \"", body);           // ends in a space
  error_of("multipart/form-data; boundary=\"XyZ", body);              // unterminated quote
  error_of("multipart/form-data; boundary XyZ", body);                // no '='
  error_of("multipart/form-data boundary=XyZ", body);                 // no ';'
}

TEST(MultipartMalformed, NoDelimiterInBody) {
  EXPECT_NE(error_of(kType, "").message.find("找不到"), std::string::npos);
  error_of(kType, "just some text");
  // Without CRLF before it, "--XyZ" is preamble text; the only delimiter then closes at once.
  EXPECT_NE(
      error_of(kType, "preamble--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--")
          .message.find("没有任何部分"),
      std::string::npos);
}

TEST(MultipartMalformed, MissingClosingDelimiter) {
  EXPECT_NE(error_of(kType, field_part("a", "1")).message.find("结束分隔符"), std::string::npos);
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue");
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue\r\n--XyZ");
  error_of(kType, "--XyZ");
  error_of(kType, "--XyZ  ");
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ-");
}

TEST(MultipartMalformed, JunkAfterBoundary) {
  const auto error =
      error_of(kType, "--XyZjunk\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--");
  EXPECT_NE(error.message.find("多余"), std::string::npos);
  error_of(kType, field_part("a", "1") + "--XyZ x\r\n" + std::string(kClose));
  error_of(kType, "--XyZ\nContent-Disposition: form-data; name=a\n\nv\n--XyZ--");  // bare LF
}

TEST(MultipartMalformed, PartWithoutContentDisposition) {
  const auto error = error_of(kType, "--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--");
  EXPECT_NE(error.message.find("第 1 部分缺少 Content-Disposition"), std::string::npos)
      << error.message;
  EXPECT_EQ(error.details.value("part", 0), 1);
  error_of(kType, "--XyZ\r\n\r\nv\r\n--XyZ--");  // no headers at all
  const auto second = error_of(kType, field_part("a", "1") + "--XyZ\r\n\r\nv\r\n--XyZ--");
  EXPECT_NE(second.message.find("第 2 部分"), std::string::npos) << second.message;
}

TEST(MultipartMalformed, DispositionWithoutName) {
  EXPECT_NE(error_of(kType,
                     "--XyZ\r\nContent-Disposition: form-data; filename=\"a.pdf\"\r\n\r\n"
                     "v\r\n--XyZ--")
                .message.find("缺少 name"),
            std::string::npos);
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--");
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nv\r\n--XyZ--");
}

TEST(MultipartMalformed, BadDisposition) {
  error_of(kType, "--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nv\r\n--XyZ--");
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nv\r\n--XyZ--");
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--XyZ--");
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=a b\r\n\r\nv\r\n--XyZ--");
  error_of(kType,
           "--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Disposition: form-data; "
           "name=b\r\n\r\nv\r\n--XyZ--");
  error_of(kType,
           "--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Type: a/b\r\nContent-Type: "
           "c/d\r\n\r\nv\r\n--XyZ--");
}

TEST(MultipartMalformed, BadExtendedFilename) {
  for (const auto* ext : {"UTF-8''%E5%8", "UTF-8''%ZZ", "ISO-8859-1''a.pdf", "a.pdf", "UTF-8'a.pdf",
                          "UTF-8''a%20b c"}) {
    const auto error =
        error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=f; filename*=\"" +
                            std::string(ext) + "\"\r\n\r\nv\r\n--XyZ--");
    EXPECT_NE(error.message.find("filename*"), std::string::npos) << ext << ": " << error.message;
  }
}

TEST(MultipartMalformed, BadHeaderLines) {
  error_of(kType, "--XyZ\r\nContent-Disposition form-data; name=a\r\n\r\nv\r\n--XyZ--");
  error_of(kType, "--XyZ\r\n: x\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--");
  error_of(kType,
           "--XyZ\r\nBad Name: x\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--");
  error_of(kType,
           "--XyZ\r\n folded-first\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--XyZ--");
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\nX: y\r\n\r\nv\r\n--XyZ--");
  constexpr char kNul[] = "--XyZ\r\nContent-Disposition: form-data; name=a\0b\r\n\r\nv\r\n--XyZ--";
  error_of(kType, std::string_view(kNul, sizeof kNul - 1));
  error_of(kType,
           "--XyZ\r\nContent-Disposition: form-data; name=a\r\nContent-Transfer-Encoding: base64"
           "\r\n\r\ndg==\r\n--XyZ--");
}

TEST(MultipartMalformed, HeadersCutOffByTheNextDelimiter) {
  const auto error = error_of(kType,
                              "--XyZ\r\nContent-Disposition: form-data; name=a\r\n--XyZ\r\n"
                              "Content-Disposition: form-data; name=b\r\n\r\nv\r\n--XyZ--");
  EXPECT_NE(error.message.find("头部不完整"), std::string::npos) << error.message;
  error_of(kType, "--XyZ\r\n--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\nv\r\n--XyZ--");
  error_of(kType, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n");
}

TEST(MultipartMalformed, TooManyParts) {
  std::string body;
  for (int i = 0; i < 3; ++i) body += field_part("f" + std::to_string(i), "v");
  body += kClose;
  MultipartLimits limits;
  limits.max_parts = 2;
  const auto error = error_of(kType, body, limits);
  EXPECT_NE(error.message.find("最多 2 个"), std::string::npos) << error.message;
  EXPECT_EQ(error.details.value("max_parts", 0), 2);
}

TEST(MultipartMalformed, OversizedHeaderBlock) {
  MultipartLimits limits;
  limits.max_header_bytes = 64;
  const std::string disposition = "Content-Disposition: form-data; name=a\r\n";  // 40 bytes
  const std::string fits = disposition + "X: " + std::string(64 - 40 - 5, 'x') + "\r\n";
  ASSERT_EQ(fits.size(), 64U);
  auto ok = parse_multipart(kType, "--XyZ\r\n" + fits + "\r\nv\r\n--XyZ--", limits);
  EXPECT_TRUE(ok.ok()) << ok.error().message;

  const std::string over = disposition + "X: " + std::string(64 - 40 - 4, 'x') + "\r\n";
  const auto error = error_of(kType, "--XyZ\r\n" + over + "\r\nv\r\n--XyZ--", limits);
  EXPECT_NE(error.message.find("超过 64 字节"), std::string::npos) << error.message;
  // No empty line within reach at all: a huge header block with the body still going.
  error_of(kType, "--XyZ\r\n" + disposition + std::string(10000, 'h') + "\r\n\r\nv\r\n--XyZ--",
           limits);
  // The default limit (4 KiB).
  error_of(kType,
           "--XyZ\r\n" + disposition + "X: " + std::string(5000, 'x') + "\r\n\r\nv\r\n--XyZ--");
}

}  // namespace
}  // namespace lvzhi::http
