// The xlsx module: writer → reader round trips, hand-made packages, dates, and hostile uploads.
#include <gtest/gtest.h>

#include <zip.h>
#include <zlib.h>

#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <unzip.h>

#include "excel/xlsx_reader.hpp"
#include "excel/xlsx_writer.hpp"

namespace lvzhi::excel {
namespace {

// ---- a zip written into memory with minizip's zip API -------------------------------------------

struct MemoryZip {
  std::string data;
  std::uint64_t pos = 0;
};

voidpf ZCALLBACK zip_open(voidpf opaque, const void* /*name*/, int /*mode*/) { return opaque; }
uLong ZCALLBACK zip_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* zip = static_cast<MemoryZip*>(stream);
  if (zip->pos >= zip->data.size()) return 0;
  const auto count = std::min<std::uint64_t>(size, zip->data.size() - zip->pos);
  std::memcpy(buf, zip->data.data() + zip->pos, count);
  zip->pos += count;
  return static_cast<uLong>(count);
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

class ZipBuilder {
 public:
  ZipBuilder() {
    zlib_filefunc64_def funcs{zip_open, zip_read,  zip_write, zip_tell,
                              zip_seek, zip_close, zip_error, &zip_};
    handle_ = zipOpen2_64("memory.zip", APPEND_STATUS_CREATE, nullptr, &funcs);
    EXPECT_NE(handle_, nullptr);
  }

  ZipBuilder& add(const std::string& name, std::string_view content) {
    begin(name);
    EXPECT_EQ(zipWriteInFileInZip(handle_, content.data(), static_cast<unsigned>(content.size())),
              ZIP_OK);
    EXPECT_EQ(zipCloseFileInZip(handle_), ZIP_OK);
    return *this;
  }

  // `total` zero bytes, deflated chunk by chunk: never held in memory.
  ZipBuilder& add_zeros(const std::string& name, std::size_t total) {
    begin(name);
    const std::string chunk(std::size_t{1} << 20, '\0');
    for (std::size_t written = 0; written < total; written += chunk.size()) {
      const auto n = std::min(chunk.size(), total - written);
      EXPECT_EQ(zipWriteInFileInZip(handle_, chunk.data(), static_cast<unsigned>(n)), ZIP_OK);
    }
    EXPECT_EQ(zipCloseFileInZip(handle_), ZIP_OK);
    return *this;
  }

  // An entry whose headers claim `declared_size` bytes while the deflate stream holds `content`.
  ZipBuilder& add_lying(const std::string& name, std::string_view content, uLong declared_size) {
    z_stream stream{};
    EXPECT_EQ(
        deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
        Z_OK);
    std::string raw(deflateBound(&stream, content.size()), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
    stream.avail_in = static_cast<uInt>(content.size());
    stream.next_out = reinterpret_cast<Bytef*>(raw.data());
    stream.avail_out = static_cast<uInt>(raw.size());
    EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
    raw.resize(stream.total_out);
    deflateEnd(&stream);
    const auto crc =
        crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip2(handle_, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                   Z_DEFLATED, Z_BEST_COMPRESSION, 1),
              ZIP_OK);
    EXPECT_EQ(zipWriteInFileInZip(handle_, raw.data(), static_cast<unsigned>(raw.size())), ZIP_OK);
    EXPECT_EQ(zipCloseFileInZipRaw(handle_, declared_size, crc), ZIP_OK);
    return *this;
  }

  std::string finish() {
    EXPECT_EQ(zipClose(handle_, nullptr), ZIP_OK);
    handle_ = nullptr;
    return std::move(zip_.data);
  }

 private:
  void begin(const std::string& name) {
    zip_fileinfo info{};
    EXPECT_EQ(zipOpenNewFileInZip(handle_, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr,
                                  Z_DEFLATED, Z_DEFAULT_COMPRESSION),
              ZIP_OK);
  }

  MemoryZip zip_;
  zipFile handle_ = nullptr;
};

// One part of an .xlsx as stored, to inspect what the writer put there (layout the reader ignores).
std::string read_part(const std::string& xlsx, const std::string& name) {
  MemoryZip zip{xlsx, 0};
  zlib_filefunc64_def funcs{zip_open, zip_read,  zip_write, zip_tell,
                            zip_seek, zip_close, zip_error, &zip};
  unzFile handle = unzOpen2_64("memory.zip", &funcs);
  if (handle == nullptr) return {};
  std::string out;
  if (unzLocateFile(handle, name.c_str(), 0) == UNZ_OK && unzOpenCurrentFile(handle) == UNZ_OK) {
    char buf[4096];
    int n = 0;
    while ((n = unzReadCurrentFile(handle, buf, sizeof buf)) > 0) out.append(buf, n);
    unzCloseCurrentFile(handle);
  }
  unzClose(handle);
  return out;
}

constexpr const char* kContentTypes =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";
constexpr const char* kPackageRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>)";
constexpr const char* kWorkbook =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";
constexpr const char* kWorkbookRels =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>)";

std::string worksheet(const std::string& sheet_data) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         sheet_data + "</sheetData></worksheet>";
}

// A minimal package around one worksheet, no shared strings.
std::string minimal_xlsx(const std::string& sheet_data) {
  return ZipBuilder()
      .add("[Content_Types].xml", kContentTypes)
      .add("_rels/.rels", kPackageRels)
      .add("xl/workbook.xml", kWorkbook)
      .add("xl/_rels/workbook.xml.rels", kWorkbookRels)
      .add("xl/worksheets/sheet1.xml", worksheet(sheet_data))
      .finish();
}

std::string_view code_of(const Result<Sheet>& result) {
  return result.ok() ? std::string_view("ok") : result.error().code();
}

// ---- writer → reader --------------------------------------------------------------------------

TEST(Xlsx, RoundTripsChineseTextNumbersDatesAndGaps) {
  XlsxWriter writer;
  writer.sheet("委员名单");
  writer.header({"姓名", "性别", "出生日期", "界别", "编号"});
  writer.row({"张三", "男", Date{"1970-05-04"}, {}, 42});
  writer.row({"李四", {}, Date{"2021/9/1"}, "中国共产党", -7});
  writer.row({});  // a blank row: skipped by the reader, its number kept
  writer.row({{}, {}, {}, {}, "只有最后一列"});
  writer.row({"王五", std::optional<std::string>(), Date{"不是日期"}, "文字 with ASCII",
              std::int64_t{1234567890123456789}});
  for (int i = 0; i < 1000; ++i) writer.row({"委员" + std::to_string(i), i});
  const std::string bytes = writer.finish();
  ASSERT_GT(bytes.size(), 100U);
  EXPECT_EQ(bytes.substr(0, 2), "PK");

  const auto sheet = read_first_sheet(bytes, ReadLimits{});
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  EXPECT_EQ(sheet->name, "委员名单");
  ASSERT_EQ(sheet->rows.size(), 5U + 1000U);

  const auto& head = sheet->rows[0];
  EXPECT_EQ(head.number, 1);
  EXPECT_EQ(head.cells, (std::vector<std::string>{"姓名", "性别", "出生日期", "界别", "编号"}));

  const auto& first = sheet->rows[1];
  EXPECT_EQ(first.number, 2);
  ASSERT_EQ(first.cells.size(), 5U);
  EXPECT_EQ(first.cells[0], "张三");
  EXPECT_EQ(first.cells[1], "男");
  EXPECT_EQ(excel_date_to_iso(first.cells[2]), "1970-05-04");
  EXPECT_EQ(first.cells[3], "");  // an empty cell in the middle
  EXPECT_EQ(first.cells[4], "42");

  const auto& second = sheet->rows[2];
  EXPECT_EQ(second.cell(1), "");
  EXPECT_EQ(second.cell(2), "44440");  // dates come back as Excel serials
  EXPECT_EQ(excel_date_to_iso(second.cell(2)), "2021-09-01");
  EXPECT_EQ(second.cell(4), "-7");
  EXPECT_EQ(second.cell(99), "");

  const auto& sparse = sheet->rows[3];
  EXPECT_EQ(sparse.number, 5);  // row 4 was blank
  EXPECT_EQ(sparse.cells, (std::vector<std::string>{"", "", "", "", "只有最后一列"}));

  const auto& odd = sheet->rows[4];
  EXPECT_EQ(odd.cell(1), "");
  EXPECT_EQ(odd.cell(2), "不是日期");             // not a date: kept as text
  EXPECT_EQ(odd.cell(4), "1234567890123456789");  // beyond Excel's 15 digits: text, exact

  const auto& last = sheet->rows.back();
  EXPECT_EQ(last.number, 1006);
  EXPECT_EQ(last.cells, (std::vector<std::string>{"委员999", "999"}));
}

TEST(Xlsx, WriterFreezesTheHeaderSizesColumnsAndAddsDropdowns) {
  XlsxWriter writer;
  writer.sheet("模板").header({"姓名", "性别", "工作单位及职务"});
  writer.list_validation(1, {"男", "女"});
  writer.row({"欧阳娜娜", "女", "某某市某某区人民政府办公室副主任"});
  const std::string bytes = writer.finish();

  const std::string xml = read_part(bytes, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(xml.empty());
  EXPECT_NE(xml.find(R"(<pane ySplit="1")"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(state="frozen")"), std::string::npos);
  EXPECT_NE(xml.find(R"(<dataValidation type="list")"), std::string::npos);
  EXPECT_NE(xml.find(R"(sqref="B2:B1048576")"), std::string::npos);
  EXPECT_NE(xml.find(R"(<formula1>"男,女"</formula1>)"), std::string::npos);
  // 16 CJK characters count 32, plus padding; "姓名" gets the minimum width.
  EXPECT_NE(xml.find(R"(<col min="3" max="3" width="34.7109375")"), std::string::npos) << xml;
  EXPECT_NE(xml.find(R"(<col min="1" max="1" width="10.7109375")"), std::string::npos) << xml;
  EXPECT_NE(read_part(bytes, "xl/styles.xml").find("<b/>"), std::string::npos);
}

TEST(Xlsx, WriterCleansNamesAndText) {
  XlsxWriter writer;
  writer.sheet("a/b:c?");
  writer.row({std::string("控制\x01字符\xff坏") + "\t保留", "x_x0041_y_x12_"});
  writer.sheet("A/B:C?");  // the same name once cleaned (case-insensitive)
  writer.sheet("");
  const std::string bytes = writer.finish();
  const std::string workbook = read_part(bytes, "xl/workbook.xml");
  EXPECT_NE(workbook.find(R"(name="a_b_c_")"), std::string::npos) << workbook;
  EXPECT_NE(workbook.find(R"x(name="A_B_C_ (2)")x"), std::string::npos);
  EXPECT_NE(workbook.find(R"(name="Sheet3")"), std::string::npos);
  const auto sheet = read_first_sheet(bytes, ReadLimits{});
  ASSERT_TRUE(sheet.ok());
  EXPECT_EQ(sheet->rows.at(0).cell(0), "控制字符\xEF\xBF\xBD坏\t保留");
  EXPECT_EQ(sheet->rows.at(0).cell(1), "x_x0041_y_x12_");  // not Excel's _xHHHH_ escape
}

TEST(Xlsx, WriterRejectsMisuse) {
  XlsxWriter writer;
  EXPECT_THROW(writer.row({"x"}), std::logic_error);
  writer.sheet("s").row({"x"});
  EXPECT_THROW(writer.header({"late"}), std::logic_error);
  EXPECT_THROW(writer.list_validation(0, {"a,b"}), std::invalid_argument);
  EXPECT_THROW(writer.list_validation(0, {std::string(300, 'x')}), std::invalid_argument);
  const auto bytes = writer.finish();
  EXPECT_FALSE(bytes.empty());
  EXPECT_THROW(writer.finish(), std::logic_error);
}

// ---- hand-made packages -----------------------------------------------------------------------

TEST(Xlsx, ReadsSharedInlineRichAndPositionalCellsFromTheFirstSheetInTabOrder) {
  const std::string workbook =
      R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <sheets><sheet name="名单" sheetId="3" r:id="rId7"/><sheet name="Other" sheetId="1" r:id="rId1"/></sheets>
</workbook>)";
  const std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
  <Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/roster.xml"/>
</Relationships>)";
  const std::string shared =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">
  <si><t>姓名</t></si>
  <si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve">三 </t></r></si>
  <si><t>A_x0009_B_x005F_x0041_</t></si>
  <si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si>
  <si><t xml:space="preserve"> </t></si>
</sst>)";
  const std::string roster = worksheet(R"(
  <row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>性别</t></is></c><c t="inlineStr"><is><r><t>出生</t></r><r><t>日期</t></r></is></c></row>
  <row r="3"><c r="A3" t="s"><v>1</v></c><c r="D3"><v>42</v></c><c><v>3.5</v></c><c r="G3" t="b"><v>1</v></c><c r="H3" t="b"><v>0</v></c></row>
  <row r="4"><c r="A4" s="1"/><c r="B4" t="inlineStr"><is><t></t></is></c></row>
  <row><c t="s"><v>2</v></c><c t="str"><f>A1&amp;"x"</f><v>姓名x</v></c><c><f>1+1</f><v>2</v></c><c t="e"><v>#N/A</v></c><c t="s"><v>3</v></c><c t="s"><v>4</v></c><c r="BL5"><v>7</v></c><c r="XFD5" s="2"/></row>)");
  const std::string bytes =
      ZipBuilder()
          .add("[Content_Types].xml", kContentTypes)
          .add("_rels/.rels", kPackageRels)
          .add("xl/workbook.xml", workbook)
          .add("xl/_rels/workbook.xml.rels", rels)
          .add("xl/sharedStrings.xml", shared)
          .add("xl/worksheets/sheet1.xml",
               worksheet(
                   R"(<row r="1"><c r="A1" t="inlineStr"><is><t>WRONG SHEET</t></is></c></row>)"))
          .add("xl/worksheets/roster.xml", roster)
          .finish();

  const auto sheet = read_first_sheet(bytes, ReadLimits{});
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  EXPECT_EQ(sheet->name, "名单");
  ASSERT_EQ(sheet->rows.size(), 3U);

  EXPECT_EQ(sheet->rows[0].number, 1);
  EXPECT_EQ(sheet->rows[0].cells, (std::vector<std::string>{"姓名", "性别", "出生日期"}));

  EXPECT_EQ(sheet->rows[1].number, 3);
  EXPECT_EQ(sheet->rows[1].cells,
            (std::vector<std::string>{"张三 ", "", "", "42", "3.5", "", "TRUE", "FALSE"}));

  // Row 4 only has styled and empty cells: skipped. Row 5 has no r="": it follows row 4.
  EXPECT_EQ(sheet->rows[2].number, 5);
  std::vector<std::string> expected{"A\tB_x0041_", "姓名x", "2", "#N/A", "漢字", " "};
  expected.resize(64);
  expected[63] = "7";  // BL, the 64th column; XFD5 is styled but empty and so ignored
  EXPECT_EQ(sheet->rows[2].cells, expected);
}

TEST(Xlsx, FollowsRelationshipsAndIgnoresNamespacePrefixes) {
  const std::string package_rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="r" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/book/wb.xml"/>
</Relationships>)";
  const std::string workbook =
      R"(<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
  <x:sheets><x:sheet name="数据" sheetId="9" rel:id="s"/></x:sheets></x:workbook>)";
  const std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="s" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="../data/./s.xml"/>
</Relationships>)";
  const std::string sheet_xml =
      R"(<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
  <x:row r="2"><x:c r="b2" t="inlineStr"><x:is><x:t>委员</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)";
  const std::string bytes = ZipBuilder()
                                .add("_rels/.rels", package_rels)
                                .add("book/wb.xml", workbook)
                                .add("book/_rels/wb.xml.rels", rels)
                                .add("DATA/S.XML", sheet_xml)  // part names ignore case
                                .finish();
  const auto sheet = read_first_sheet(bytes, ReadLimits{});
  ASSERT_TRUE(sheet.ok()) << sheet.error().message;
  EXPECT_EQ(sheet->name, "数据");
  ASSERT_EQ(sheet->rows.size(), 1U);
  EXPECT_EQ(sheet->rows[0].number, 2);
  EXPECT_EQ(sheet->rows[0].cells, (std::vector<std::string>{"", "委员"}));
}

TEST(Xlsx, AnEmptySheetHasNoRows) {
  const auto sheet = read_first_sheet(minimal_xlsx(""), ReadLimits{});
  ASSERT_TRUE(sheet.ok());
  EXPECT_TRUE(sheet->rows.empty());
}

// ---- dates ------------------------------------------------------------------------------------

TEST(XlsxDates, ConvertsSerialsIncludingThe1900LeapYearBug) {
  EXPECT_EQ(excel_date_to_iso("44440"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("44440.75"), "2021-09-01");  // a time of day
  EXPECT_EQ(excel_date_to_iso("1"), "1900-01-01");
  EXPECT_EQ(excel_date_to_iso("59"), "1900-02-28");
  EXPECT_EQ(excel_date_to_iso("60"), std::nullopt);  // Excel's 1900-02-29, which never was
  EXPECT_EQ(excel_date_to_iso("61"), "1900-03-01");
  EXPECT_EQ(excel_date_to_iso("25569"), "1970-01-01");
  EXPECT_EQ(excel_date_to_iso("2958465"), "9999-12-31");
  EXPECT_EQ(excel_date_to_iso("2958466"), std::nullopt);
  EXPECT_EQ(excel_date_to_iso("0"), std::nullopt);
  EXPECT_EQ(excel_date_to_iso("-5"), std::nullopt);
  EXPECT_EQ(excel_date_to_iso("1e5"), std::nullopt);
  EXPECT_EQ(excel_date_to_iso("99999999999999999999999"), std::nullopt);
}

TEST(XlsxDates, ConvertsTextForms) {
  EXPECT_EQ(excel_date_to_iso("2021-09-01"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso(" 2021-9-1 "), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("2021/9/1"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("2021.09.01"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("2021年9月1日"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("2021年09月01号"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("２０２１年９月１日"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("20210901"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("2021-09-01 08:30:00"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("2021-09-01T08:30"), "2021-09-01");
  EXPECT_EQ(excel_date_to_iso("2024-02-29"), "2024-02-29");
}

TEST(XlsxDates, RejectsWhatIsNoDate) {
  for (const char* text :
       {"2021-02-30",  "2023-02-29", "1900-02-29", "2021-13-01", "2021-00-10",  "2021-9",
        "2021-09-01x", "2021-09/01", "2021年9月",  "21-09-01",   "2021--09-01", "20210231",
        "1899-12-31",  "",           "  ",         "张三",       "TRUE",        "2021-09-01 午后",
        "2021-009-01", "2021.9.1.1"}) {
    EXPECT_EQ(excel_date_to_iso(text), std::nullopt) << text;
  }
}

// ---- hostile input ----------------------------------------------------------------------------

TEST(XlsxAbuse, RandomBytesAreNotAnXlsx) {
  std::mt19937 random(42);  // fixed seed: reproducible
  for (int round = 0; round < 50; ++round) {
    std::string bytes(random() % 4096, '\0');
    for (auto& c : bytes) c = static_cast<char>(random());
    if (round % 2 == 0 && bytes.size() >= 4) bytes.replace(0, 4, "PK\x03\x04");
    const auto result = read_first_sheet(bytes, ReadLimits{});
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(code_of(result), "import.not_xlsx");
  }
  EXPECT_EQ(code_of(read_first_sheet("", ReadLimits{})), "import.not_xlsx");
  const auto result = read_first_sheet("hello", ReadLimits{});
  EXPECT_EQ(result.error().message, "文件不是有效的 Excel（.xlsx）文件");
  EXPECT_EQ(result.error().status(), 422);
}

TEST(XlsxAbuse, AZipThatIsNoXlsxIsRefused) {
  EXPECT_EQ(code_of(read_first_sheet(ZipBuilder().add("readme.txt", "hello").finish())),
            "import.not_xlsx");
  // A workbook whose sheet part is missing, or is not XML.
  EXPECT_EQ(code_of(read_first_sheet(ZipBuilder()
                                         .add("xl/workbook.xml", kWorkbook)
                                         .add("xl/_rels/workbook.xml.rels", kWorkbookRels)
                                         .finish())),
            "import.not_xlsx");
  EXPECT_EQ(code_of(read_first_sheet(ZipBuilder()
                                         .add("xl/workbook.xml", kWorkbook)
                                         .add("xl/_rels/workbook.xml.rels", kWorkbookRels)
                                         .add("xl/worksheets/sheet1.xml", "<worksheet><sheetData>")
                                         .finish())),
            "import.not_xlsx");
  // A shared-string index past the table, a bad cell reference.
  EXPECT_EQ(
      code_of(read_first_sheet(minimal_xlsx(R"(<row r="1"><c r="A1" t="s"><v>0</v></c></row>)"))),
      "import.not_xlsx");
  EXPECT_EQ(code_of(read_first_sheet(minimal_xlsx(R"(<row r="1"><c r="1A"><v>1</v></c></row>)"))),
            "import.not_xlsx");
  EXPECT_EQ(code_of(read_first_sheet(minimal_xlsx(R"(<row r="0"><c><v>1</v></c></row>)"))),
            "import.not_xlsx");
}

TEST(XlsxAbuse, AZipBombIsRefusedFromItsDeclaredSize) {
  // 200 MB of zeros deflate to ~200 KB; the reader must refuse before inflating any of it.
  const std::string bytes = ZipBuilder()
                                .add("_rels/.rels", kPackageRels)
                                .add("xl/workbook.xml", kWorkbook)
                                .add("xl/_rels/workbook.xml.rels", kWorkbookRels)
                                .add_zeros("xl/worksheets/sheet1.xml", std::size_t{200} << 20)
                                .finish();
  ASSERT_LT(bytes.size(), std::size_t{1} << 20);
  const auto result = read_first_sheet(bytes, ReadLimits{});
  ASSERT_EQ(code_of(result), "import.too_large");
  EXPECT_EQ(result.error().status(), 413);
  EXPECT_EQ(result.error().message, "文件过大（解压后超过 50 MB），请拆分后分批导入");

  // Many honest entries that add up past the limit.
  ReadLimits small;
  small.max_uncompressed = 64 * 1024;
  ZipBuilder many;
  many.add("xl/workbook.xml", kWorkbook);
  for (int i = 0; i < 5; ++i) many.add_zeros("pad" + std::to_string(i), 16 * 1024);
  EXPECT_EQ(code_of(read_first_sheet(many.finish(), small)), "import.too_large");
}

TEST(XlsxAbuse, ALongSharedStringInEveryCellCannotMultiplyMemory) {
  // 1 MiB of text once in the shared strings, referenced by 200 cells: 200 MiB if copied freely.
  const std::string shared =
      R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>)" +
      std::string(std::size_t{1} << 20, 'a') + "</t></si></sst>";
  std::string cells;
  for (int i = 0; i < 200; ++i) cells += R"(<c t="s"><v>0</v></c>)";
  const std::string rels =
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
  <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>)";
  ReadLimits limits;
  limits.max_columns = 1000;
  limits.max_uncompressed = std::size_t{8} << 20;
  const auto result =
      read_first_sheet(ZipBuilder()
                           .add("xl/workbook.xml", kWorkbook)
                           .add("xl/_rels/workbook.xml.rels", rels)
                           .add("xl/sharedStrings.xml", shared)
                           .add("xl/worksheets/sheet1.xml", worksheet("<row>" + cells + "</row>"))
                           .finish(),
                       limits);
  EXPECT_EQ(code_of(result), "import.too_large");
}

TEST(XlsxAbuse, LyingEntrySizesNeverYieldMoreThanDeclared) {
  // The central directory says 100 bytes; the deflate stream holds 4 MiB. Reading stops at the
  // declared size and the CRC (of the whole) no longer matches.
  const std::string bytes =
      ZipBuilder()
          .add("_rels/.rels", kPackageRels)
          .add("xl/workbook.xml", kWorkbook)
          .add("xl/_rels/workbook.xml.rels", kWorkbookRels)
          .add_lying("xl/worksheets/sheet1.xml", std::string(std::size_t{4} << 20, ' '), 100)
          .finish();
  EXPECT_EQ(code_of(read_first_sheet(bytes, ReadLimits{})), "import.not_xlsx");
  // And a claim of more bytes than the stream has is a truncated entry.
  const std::string short_entry = ZipBuilder()
                                      .add("_rels/.rels", kPackageRels)
                                      .add("xl/workbook.xml", kWorkbook)
                                      .add("xl/_rels/workbook.xml.rels", kWorkbookRels)
                                      .add_lying("xl/worksheets/sheet1.xml", worksheet(""), 5000)
                                      .finish();
  EXPECT_EQ(code_of(read_first_sheet(short_entry, ReadLimits{})), "import.not_xlsx");
}

TEST(XlsxAbuse, TooManyEntriesOrTooLargeAFile) {
  ZipBuilder zip;
  for (int i = 0; i <= 1000; ++i) zip.add("e" + std::to_string(i), "");
  EXPECT_EQ(code_of(read_first_sheet(zip.finish(), ReadLimits{})), "import.too_many_entries");

  ReadLimits small;
  small.max_compressed = 100;
  const auto result = read_first_sheet(minimal_xlsx(""), small);
  EXPECT_EQ(code_of(result), "import.too_large");
}

TEST(XlsxAbuse, TooManyRowsSaysTheLimit) {
  const auto sheet_of = [](int rows) {
    XlsxWriter writer;
    writer.sheet("s").header({"姓名"});
    for (int i = 1; i < rows; ++i) writer.row({"委员"});
    return writer.finish();
  };
  EXPECT_TRUE(read_first_sheet(sheet_of(5000), ReadLimits{}).ok());
  const auto result = read_first_sheet(sheet_of(5001), ReadLimits{});
  ASSERT_EQ(code_of(result), "import.too_many_rows");
  EXPECT_NE(result.error().message.find("5000"), std::string::npos) << result.error().message;
  EXPECT_EQ(result.error().status(), 422);
}

TEST(XlsxAbuse, ACellRightOfTheColumnLimitIsRefused) {
  const auto result =
      read_first_sheet(minimal_xlsx(R"(<row r="1"><c r="BM1"><v>1</v></c></row>)"), ReadLimits{});
  ASSERT_EQ(code_of(result), "import.too_many_columns");
  EXPECT_NE(result.error().message.find("64"), std::string::npos);
}

TEST(XlsxAbuse, TooMuchMarkupIsRefusedBeforeParsing) {
  ReadLimits small;
  small.max_rows = 10;
  small.max_columns = 10;
  std::string rows;
  for (int i = 0; i < 70000; ++i) rows += "<row/>";
  EXPECT_EQ(code_of(read_first_sheet(minimal_xlsx(rows), small)), "import.too_large");
}

TEST(XlsxAbuse, TruncatedAndCorruptedFilesAreErrorsNotCrashes) {
  XlsxWriter writer;
  writer.sheet("s").header({"姓名", "出生日期"});
  for (int i = 0; i < 50; ++i) writer.row({"委员" + std::to_string(i), Date{"2000-01-01"}});
  const std::string bytes = writer.finish();
  for (std::size_t cut = 0; cut < bytes.size(); cut += 97) {
    EXPECT_FALSE(read_first_sheet(bytes.substr(0, cut), ReadLimits{}).ok()) << cut;
  }
  // Flipped bytes anywhere: any outcome but a crash (CRC checks catch most).
  std::mt19937 random(7);  // fixed seed: reproducible
  for (int round = 0; round < 300; ++round) {
    std::string corrupt = bytes;
    corrupt[random() % corrupt.size()] ^= static_cast<char>(1 + random() % 255);
    const auto result = read_first_sheet(corrupt, ReadLimits{});
    if (result.ok()) {
      EXPECT_LE(result->rows.size(), 51U);
    }
  }
}

}  // namespace
}  // namespace lvzhi::excel
