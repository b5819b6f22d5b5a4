// Attachment names and content sniffing: hostile and odd names, real minimal files of each
// allowed type, renamed executables and zips, and OOXML packages built here with minizip and
// libxlsxwriter.
#include <gtest/gtest.h>

#include <zip.h>

#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "excel/xlsx_reader.hpp"
#include "excel/xlsx_writer.hpp"
#include "files/attachment_file.hpp"

namespace lvzhi::files {
namespace {

// ---- a zip written into memory with minizip ------------------------------------------------

struct MemoryZip {
  std::string data;
  std::uint64_t pos = 0;
};

voidpf ZCALLBACK zip_open(voidpf opaque, const void* /*name*/, int /*mode*/) { return opaque; }
uLong ZCALLBACK zip_read(voidpf /*opaque*/, voidpf /*stream*/, void* /*buf*/, uLong /*size*/) {
  return 0;
}
uLong ZCALLBACK zip_write(voidpf /*opaque*/, voidpf stream, const void* buf, uLong size) {
  auto* zip = static_cast<MemoryZip*>(stream);
  if (zip->data.size() < zip->pos + size) zip->data.resize(zip->pos + size);
  std::memcpy(zip->data.data() + zip->pos, buf, size);
  zip->pos += size;
  return size;
}
ZPOS64_T ZCALLBACK zip_tell(voidpf /*opaque*/, voidpf stream) {
  return static_cast<MemoryZip*>(stream)->pos;
}
long ZCALLBACK zip_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* zip = static_cast<MemoryZip*>(stream);
  const std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                             : origin == ZLIB_FILEFUNC_SEEK_CUR ? zip->pos
                                                                : zip->data.size();
  zip->pos = base + offset;
  return 0;
}
int ZCALLBACK zip_close(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }
int ZCALLBACK zip_error(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }

// A zip of (name, content) entries, deflated.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
  MemoryZip zip;
  zlib_filefunc64_def funcs{zip_open, zip_read,  zip_write, zip_tell,
                            zip_seek, zip_close, zip_error, &zip};
  zipFile handle = zipOpen2_64("memory.zip", APPEND_STATUS_CREATE, nullptr, &funcs);
  EXPECT_NE(handle, nullptr);
  for (const auto& [name, content] : entries) {
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip(handle, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                  Z_DEFLATED, Z_DEFAULT_COMPRESSION),
              ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(handle, content.data(), static_cast<unsigned>(content.size())),
              ZIP_OK);
    EXPECT_EQ(zipCloseFileInZip(handle), ZIP_OK);
  }
  EXPECT_EQ(zipClose(handle, nullptr), ZIP_OK);
  return std::move(zip.data);
}

// The smallest package Word opens: content types, package relationships, the main document.
std::string minimal_docx() {
  return make_zip({
      {"[Content_Types].xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
       R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
       R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
       R"(<Default Extension="xml" ContentType="application/xml"/>)"
       R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
       R"(</Types>)"},
      {"_rels/.rels",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
       R"(</Relationships>)"},
      {"word/document.xml",
       R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
       R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
       R"(<w:body><w:p><w:r><w:t>关于加强社区养老服务的建议</w:t></w:r></w:p></w:body></w:document>)"},
  });
}

std::string real_xlsx() {
  excel::XlsxWriter writer;
  writer.sheet("附件");
  writer.header({"标题"});
  writer.row({"内容"});
  return writer.finish();
}

const std::string kPng(
    "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
const std::string kJpeg("\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20);
const std::string kPdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
const std::string kOle2("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0\0\0\0\0", 16);
const std::string kExe(
    "MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0This program cannot be run in DOS mode.", 55);

void expect_bad_name(std::string_view name, std::string_view message_part = {}) {
  const auto checked = check_file_name(name);
  ASSERT_FALSE(checked.ok()) << "accepted: " << name;
  EXPECT_EQ(checked.error().code(), "attachment.bad_name") << name;
  EXPECT_EQ(checked.error().status(), 422);
  if (!message_part.empty()) {
    EXPECT_NE(checked.error().message.find(message_part), std::string::npos)
        << name << ": " << checked.error().message;
  }
}

void expect_type(std::string_view name, std::string_view content, std::string_view media_type) {
  const auto sniffed = sniff_media_type(name, content);
  ASSERT_TRUE(sniffed.ok()) << name << ": " << sniffed.error().message;
  EXPECT_EQ(sniffed.value(), media_type) << name;
}

// The error's message (fails the test unless it is `code` with `status`).
std::string expect_refused(std::string_view name, std::string_view content, std::string_view code,
                           int status) {
  const auto sniffed = sniff_media_type(name, content);
  EXPECT_FALSE(sniffed.ok()) << "accepted: " << name;
  if (sniffed.ok()) return {};
  EXPECT_EQ(sniffed.error().code(), code) << name << ": " << sniffed.error().message;
  EXPECT_EQ(sniffed.error().status(), status);
  return sniffed.error().message;
}

// ---- names ---------------------------------------------------------------------------------

TEST(AttachmentName, ValidNamesAreTrimmedAndKept) {
  EXPECT_EQ(check_file_name("关于加强社区养老服务的建议.docx").value(),
            "关于加强社区养老服务的建议.docx");
  EXPECT_EQ(check_file_name("  report 2024 (final).pdf \t").value(), "report 2024 (final).pdf");
  EXPECT_EQ(check_file_name("v1.2.3.xlsx").value(), "v1.2.3.xlsx");
  EXPECT_EQ(check_file_name("README").value(), "README");  // no extension: sniffing refuses it
  EXPECT_EQ(check_file_name("😀 表情.png").value(), "😀 表情.png");
}

TEST(AttachmentName, DotsInsideANameAreFineButNotANameOfDots) {
  // Decided: ".." matters only as a path component, and separators are refused anyway; a name
  // is only displayed. So "a..pdf" passes while ".", "..", "..." and "..pdf" (nothing before
  // the extension) do not.
  EXPECT_EQ(check_file_name("a..pdf").value(), "a..pdf");
  expect_bad_name(".", "点号");
  expect_bad_name("..", "点号");
  expect_bad_name("...", "点号");
  expect_bad_name("..pdf", "只有扩展名");
  expect_bad_name(".pdf", "只有扩展名");
  expect_bad_name(". .pdf", "只有扩展名");
}

TEST(AttachmentName, PathsAreRefused) {
  expect_bad_name("../../etc/passwd", "路径分隔符");
  expect_bad_name("a/b.pdf", "路径分隔符");
  expect_bad_name("C:\\x.pdf", "路径分隔符");
  expect_bad_name("\\\\server\\share\\x.pdf", "路径分隔符");
  expect_bad_name("/etc/passwd", "路径分隔符");
}

TEST(AttachmentName, WindowsReservedCharactersAreRefused) {
  for (const auto* name : {"a:b.pdf", "a*.pdf", "a?.pdf", "a\"b\".pdf", "a<b>.pdf", "a|b.pdf"}) {
    expect_bad_name(name, "不能包含下列字符");
  }
}

TEST(AttachmentName, ControlCharactersAreRefused) {
  expect_bad_name("a\x01.pdf", "控制字符");
  expect_bad_name("a\tb.pdf", "控制字符");
  expect_bad_name("a\nb.pdf", "控制字符");
  expect_bad_name(std::string_view("a\0.pdf", 6), "控制字符");
  expect_bad_name("a\x7f.pdf", "控制字符");
  expect_bad_name("a\xC2\x85.pdf", "控制字符");  // U+0085 (C1)
  expect_bad_name(
      "报告\xE2\x80\xAE"
      "fdp.exe",
      "控制字符");  // U+202E: shows as 报告exe.pdf
}

TEST(AttachmentName, LengthCountsCharactersNotBytes) {
  std::string hundred;
  for (int i = 0; i < 96; ++i) hundred += "议";
  hundred += ".pdf";  // 100 characters, 292 bytes
  EXPECT_TRUE(check_file_name(hundred).ok());
  expect_bad_name("议" + hundred, "最多 100 个字符，当前 101 个");
  expect_bad_name(std::string(97, 'a') + ".pdf", "过长");
}

TEST(AttachmentName, EmptyNamesAreRefused) {
  expect_bad_name("", "为空");
  expect_bad_name("   \t ", "为空");
}

TEST(AttachmentName, InvalidUtf8IsRefused) {
  expect_bad_name("\xFF.pdf", "UTF-8");
  expect_bad_name("\xC0\xAF.pdf", "UTF-8");          // overlong '/'
  expect_bad_name("\xED\xA0\x80.pdf", "UTF-8");      // a surrogate
  expect_bad_name("\xE5\x85.pdf", "UTF-8");          // truncated sequence
  expect_bad_name("\xF4\x90\x80\x80.pdf", "UTF-8");  // past U+10FFFF
  expect_bad_name("a.pdf\xE5", "UTF-8");
}

// ---- content types -------------------------------------------------------------------------

TEST(AttachmentType, RealMinimalFilesPass) {
  expect_type("a.png", kPng, "image/png");
  expect_type("a.jpg", kJpeg, "image/jpeg");
  expect_type("a.jpeg", kJpeg, "image/jpeg");
  expect_type("a.pdf", kPdf, "application/pdf");
  expect_type("a.doc", kOle2, "application/msword");
  expect_type("a.xls", kOle2, "application/vnd.ms-excel");
}

TEST(AttachmentType, ExtensionIsCaseInsensitive) {
  expect_type("SCAN.PDF", kPdf, "application/pdf");
  expect_type("photo.JpEg", kJpeg, "image/jpeg");
}

TEST(AttachmentType, RealDocxAndXlsxPass) {
  expect_type("关于加强社区养老服务的建议.docx", minimal_docx(),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect_type("名单.xlsx", real_xlsx(),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

TEST(AttachmentType, RenamedExecutableIsAMismatch) {
  const auto message = expect_refused("a.pdf", kExe, "attachment.type_mismatch", 415);
  EXPECT_NE(message.find("文件扩展名为 .pdf，但内容不是 PDF 文件"), std::string::npos) << message;
  EXPECT_NE(message.find("可执行程序"), std::string::npos) << message;
  expect_refused("a.png", kExe, "attachment.type_mismatch", 415);
  expect_refused("a.docx", kExe, "attachment.type_mismatch", 415);
}

TEST(AttachmentType, OtherTypesAreRefused) {
  for (const auto* name : {"a.exe", "a.txt", "a.html", "a.htm", "a.svg", "a.zip", "a.pdf.exe"}) {
    const auto message = expect_refused(name, "whatever", "attachment.bad_type", 415);
    EXPECT_NE(message.find("只能上传"), std::string::npos) << message;
  }
  EXPECT_NE(expect_refused("a.exe", kExe, "attachment.bad_type", 415).find("不支持 .exe 文件"),
            std::string::npos);
  EXPECT_EQ(sniff_media_type("a.exe", kExe).error().details["allowed"].size(), 8U);
  EXPECT_NE(expect_refused("README", kPdf, "attachment.bad_type", 415).find("没有扩展名"),
            std::string::npos);
  expect_refused("a.", kPdf, "attachment.bad_type", 415);
  // An odd extension is not echoed into the message.
  const auto odd = expect_refused("a.<script>", kPdf, "attachment.bad_type", 415);
  EXPECT_EQ(odd.find("<script>"), std::string::npos) << odd;
}

TEST(AttachmentType, ContentOfAnotherAllowedTypeIsAMismatch) {
  const auto message = expect_refused("a.pdf", kPng, "attachment.type_mismatch", 415);
  EXPECT_NE(message.find("看起来是 PNG 图片"), std::string::npos) << message;
  expect_refused("a.png", kJpeg, "attachment.type_mismatch", 415);
  expect_refused("a.doc", kPdf, "attachment.type_mismatch", 415);
  expect_refused("a.xls", minimal_docx(), "attachment.type_mismatch", 415);
  expect_refused("a.docx", kOle2, "attachment.type_mismatch", 415);
}

TEST(AttachmentType, EmptyOrTruncatedContentIsAMismatch) {
  EXPECT_NE(expect_refused("a.pdf", "", "attachment.type_mismatch", 415).find("内容为空"),
            std::string::npos);
  expect_refused("a.png", kPng.substr(0, 7), "attachment.type_mismatch", 415);
  expect_refused("a.pdf", "%PDF", "attachment.type_mismatch", 415);
  expect_refused("a.jpg", "\xFF\xD8", "attachment.type_mismatch", 415);
}

TEST(AttachmentType, ZipWithoutTheRightFolderIsAMismatch) {
  const auto plain = make_zip({{"readme.txt", "hello"}, {"wordy/x.xml", "<x/>"}});
  const auto message = expect_refused("a.docx", plain, "attachment.type_mismatch", 415);
  EXPECT_NE(message.find("文件扩展名为 .docx，但内容不是 Word 文档（.docx）"), std::string::npos)
      << message;
  EXPECT_NE(message.find("ZIP 压缩包"), std::string::npos) << message;
  expect_refused("a.xlsx", plain, "attachment.type_mismatch", 415);
  // An .xlsx renamed .docx and the other way round.
  const auto swapped = expect_refused("a.docx", real_xlsx(), "attachment.type_mismatch", 415);
  EXPECT_NE(swapped.find("看起来是 Excel 工作簿"), std::string::npos) << swapped;
  expect_refused("a.xlsx", minimal_docx(), "attachment.type_mismatch", 415);
}

TEST(AttachmentType, BrokenZipIsAMismatch) {
  const std::string header_only("PK\x03\x04\x14\0\0\0\x08\0", 10);
  expect_refused("a.docx", header_only, "attachment.type_mismatch", 415);
  auto docx = minimal_docx();
  expect_refused("a.docx", docx.substr(0, docx.size() / 2), "attachment.type_mismatch", 415);
  // A damaged central directory (its signature overwritten).
  const auto central = docx.rfind("PK\x01\x02");
  ASSERT_NE(central, std::string::npos);
  docx[central + 2] = 'X';
  expect_refused("a.docx", docx, "attachment.type_mismatch", 415);
}

TEST(AttachmentType, FolderNamesAreMatchedLikeOpcPartNames) {
  // Some writers use upper case, backslashes or a leading slash; OPC names are case-insensitive.
  expect_type("a.docx", make_zip({{"/Word/document.xml", "<x/>"}}),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect_type("a.xlsx", make_zip({{"XL\\workbook.xml", "<x/>"}}),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

TEST(ZipEntryNames, ListsNamesInOrderAndRejectsJunk) {
  auto names = excel::zip_entry_names(make_zip({{"b.txt", "1"}, {"a/c.xml", "2"}}));
  ASSERT_TRUE(names.ok()) << names.error().message;
  EXPECT_EQ(names.value(), (std::vector<std::string>{"b.txt", "a/c.xml"}));
  EXPECT_FALSE(excel::zip_entry_names("not a zip").ok());
  EXPECT_FALSE(excel::zip_entry_names("").ok());
  excel::ReadLimits limits;
  limits.max_entries = 1;
  const auto too_many = excel::zip_entry_names(make_zip({{"a", "1"}, {"b", "2"}}), limits);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code(), "import.too_many_entries");
}

}  // namespace
}  // namespace lvzhi::files
