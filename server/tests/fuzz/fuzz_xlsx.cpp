// libFuzzer target for the xlsx reader (uploads) and excel_date_to_iso. Must never crash or hang.
//
// Two input shapes. Anything not starting with '#' is the upload itself (the seeds are real .xlsx
// files from XlsxWriter). "#" SHEET '\0' SHARED_STRINGS is wrapped into a valid package first:
// mutating a zip mostly breaks its CRCs, so this shape is what reaches the XML handling.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <zip.h>

#include "excel/xlsx_reader.hpp"

namespace {

using lvzhi::excel::excel_date_to_iso;
using lvzhi::excel::read_first_sheet;
using lvzhi::excel::ReadLimits;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

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

constexpr std::string_view kPackageRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)";
constexpr std::string_view kWorkbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view kWorkbookRels =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>)";

// A package with the given worksheet and shared-strings XML, stored (not deflated): cheap to build.
std::string package(std::string_view sheet, std::string_view shared) {
  MemoryZip zip;
  zlib_filefunc64_def funcs{zip_open, zip_read,  zip_write, zip_tell,
                            zip_seek, zip_close, zip_error, &zip};
  zipFile handle = zipOpen2_64("fuzz.xlsx", APPEND_STATUS_CREATE, nullptr, &funcs);
  check(handle != nullptr);
  const auto add = [handle](const char* name, std::string_view content) {
    zip_fileinfo info{};
    check(zipOpenNewFileInZip(handle, name, &info, nullptr, 0, nullptr, 0, nullptr, 0, 0) ==
          ZIP_OK);
    check(zipWriteInFileInZip(handle, content.data(), static_cast<unsigned>(content.size())) ==
          ZIP_OK);
    check(zipCloseFileInZip(handle) == ZIP_OK);
  };
  add("_rels/.rels", kPackageRels);
  add("xl/workbook.xml", kWorkbook);
  add("xl/_rels/workbook.xml.rels", kWorkbookRels);
  add("xl/worksheets/sheet1.xml", sheet);
  add("xl/sharedStrings.xml", shared);
  check(zipClose(handle, nullptr) == ZIP_OK);
  return std::move(zip.data);
}

void check_sheet(std::string_view upload, const ReadLimits& limits) {
  const auto sheet = read_first_sheet(upload, limits);
  if (!sheet.ok()) {
    check(sheet.error().code().starts_with("import."));
    return;
  }
  check(sheet->rows.size() <= limits.max_rows);
  for (const auto& row : sheet->rows) {
    check(row.number >= 1 && row.number <= 1048576);
    check(!row.cells.empty() && row.cells.size() <= limits.max_columns);
    check(!row.cells.back().empty());
    for (const auto& cell : row.cells) {
      const auto date = excel_date_to_iso(cell);
      check(!date || (date->size() == 10 && (*date)[4] == '-' && (*date)[7] == '-'));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ReadLimits limits{};
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const auto date = excel_date_to_iso(input.substr(0, 64));
  check(!date || date->size() == 10);

  if (input.starts_with('#')) {
    const auto body = input.substr(1);
    const auto split = body.find('\0');
    const auto sheet = body.substr(0, split);
    const auto shared =
        split == std::string_view::npos ? std::string_view() : body.substr(split + 1);
    check_sheet(package(sheet, shared), limits);
  } else {
    check_sheet(input, limits);
  }
  return 0;
}
