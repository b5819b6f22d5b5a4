// Reads the first worksheet of an .xlsx: minizip over the upload in memory, pugixml for the parts.
#include "excel/xlsx_reader.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

#include <unzip.h>
#include <pugixml.hpp>

namespace lvzhi::excel {
namespace {

namespace err = contract::err;

constexpr int kMaxExcelRow = 1048576;    // Excel's last row
constexpr int kMaxExcelColumns = 16384;  // A … XFD
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kMaxPartNameBytes = 1024;  // longer entry names are no parts we read
// Markup elements allowed per cell of the row × column limit (c, v, is/t, f), plus slack for the
// sheet's other elements. pugixml spends ~64 bytes a node, so this caps the DOM, not the text.
constexpr std::size_t kElementsPerCell = 4;
constexpr std::size_t kElementSlack = 64 * 1024;

Error not_xlsx() { return make_error(err::kImportNotXlsx); }

// "50 MB", or "64 KB" below a megabyte.
std::string size_text(std::size_t bytes) {
  constexpr unsigned kMegaShift = 20;
  constexpr unsigned kKiloShift = 10;
  return (bytes >> kMegaShift) != 0 ? std::to_string(bytes >> kMegaShift) + " MB"
                                    : std::to_string(bytes >> kKiloShift) + " KB";
}

// The inflated content (or the cell texts) over max_uncompressed.
Error too_large(std::size_t limit_bytes) {
  return make_error(err::kImportTooLarge,
                    "文件过大（解压后超过 " + size_text(limit_bytes) + "），请拆分后分批导入",
                    Json{{"max_bytes", limit_bytes}});
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  return b > kMax - a ? kMax : a + b;
}

std::size_t saturating_mul(std::size_t a, std::size_t b) {
  constexpr auto kMax = std::numeric_limits<std::size_t>::max();
  return a != 0 && b > kMax / a ? kMax : a * b;
}

// ---------------------------------------------------------------------------------------------
// minizip over a memory buffer. The Debian package has no ioapi_mem, so these are the
// zlib_filefunc64_def callbacks; reads and seeks never go past the end of the upload.

struct MemoryFile {
  std::string_view data;
  std::uint64_t pos = 0;
};

voidpf ZCALLBACK memory_open(voidpf opaque, const void* /*filename*/, int mode) {
  if ((mode & ZLIB_FILEFUNC_MODE_READWRITEFILTER) != ZLIB_FILEFUNC_MODE_READ) return nullptr;
  auto* file = static_cast<MemoryFile*>(opaque);
  file->pos = 0;
  return file;
}

uLong ZCALLBACK memory_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* file = static_cast<MemoryFile*>(stream);
  if (file->pos >= file->data.size()) return 0;
  const auto count = std::min<std::uint64_t>(size, file->data.size() - file->pos);
  std::memcpy(buf, file->data.data() + file->pos, count);
  file->pos += count;
  return static_cast<uLong>(count);
}

uLong ZCALLBACK memory_write(voidpf /*opaque*/, voidpf /*stream*/, const void* /*buf*/,
                             uLong /*size*/) {
  return 0;
}

ZPOS64_T ZCALLBACK memory_tell(voidpf /*opaque*/, voidpf stream) {
  return static_cast<MemoryFile*>(stream)->pos;
}

long ZCALLBACK memory_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* file = static_cast<MemoryFile*>(stream);
  const std::uint64_t size = file->data.size();
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = file->pos;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = size;
      break;
    default:
      return -1;
  }
  if (base > size || offset > size - base) return -1;
  file->pos = base + offset;
  return 0;
}

int ZCALLBACK memory_close(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }
int ZCALLBACK memory_error(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }

// OPC part names are case-insensitive; some writers use backslashes or a leading slash.
std::string part_key(std::string_view name) {
  std::string key;
  key.reserve(name.size());
  for (const char c : name) {
    const char slash = c == '\\' ? '/' : c;
    key.push_back(slash >= 'A' && slash <= 'Z' ? static_cast<char>(slash - 'A' + 'a') : slash);
  }
  const auto first = key.find_first_not_of('/');
  return first == std::string::npos ? std::string() : key.substr(first);
}

// The upload as a zip: lists every entry once (counting them and their declared sizes), then
// inflates single parts on request while counting the bytes actually produced.
class ZipArchive {
 public:
  ZipArchive(std::string_view bytes, const ReadLimits& limits) : limits_(limits) {
    file_.data = bytes;
  }
  ZipArchive(const ZipArchive&) = delete;
  ZipArchive& operator=(const ZipArchive&) = delete;
  ZipArchive(ZipArchive&&) = delete;
  ZipArchive& operator=(ZipArchive&&) = delete;
  ~ZipArchive() {
    if (handle_ != nullptr) unzClose(handle_);
  }

  Status open() {
    zlib_filefunc64_def funcs{};
    funcs.zopen64_file = memory_open;
    funcs.zread_file = memory_read;
    funcs.zwrite_file = memory_write;
    funcs.ztell64_file = memory_tell;
    funcs.zseek64_file = memory_seek;
    funcs.zclose_file = memory_close;
    funcs.zerror_file = memory_error;
    funcs.opaque = &file_;
    handle_ = unzOpen2_64("upload.xlsx", &funcs);
    if (handle_ == nullptr) return not_xlsx();

    unz_global_info64 info{};
    if (unzGetGlobalInfo64(handle_, &info) != UNZ_OK || info.number_entry == 0) return not_xlsx();
    if (info.number_entry > limits_.max_entries) return too_many_entries();

    std::uint64_t declared = 0;
    std::size_t count = 0;
    int rc = unzGoToFirstFile(handle_);
    while (rc == UNZ_OK) {
      // The header's count is not trusted either (minizip walks on for 0xffff entries).
      if (++count > limits_.max_entries) return too_many_entries();
      unz_file_info64 entry{};
      std::array<char, kMaxPartNameBytes + 1> name{};
      if (unzGetCurrentFileInfo64(handle_, &entry, name.data(), name.size(), nullptr, 0, nullptr,
                                  0) != UNZ_OK) {
        return not_xlsx();
      }
      declared = saturating_add(declared, entry.uncompressed_size);
      if (declared > limits_.max_uncompressed) return too_large(limits_.max_uncompressed);
      if (entry.size_filename <= kMaxPartNameBytes) {
        unz64_file_pos pos{};
        if (unzGetFilePos64(handle_, &pos) != UNZ_OK) return not_xlsx();
        const std::string_view raw(name.data(), entry.size_filename);
        entries_.try_emplace(part_key(raw),
                             Entry{pos, entry.uncompressed_size, (entry.flag & 1U) != 0});
        names_.emplace_back(raw);
      }
      rc = unzGoToNextFile(handle_);
    }
    if (rc != UNZ_END_OF_LIST_OF_FILE) return not_xlsx();
    return ok_status();
  }

  // Every entry's name as stored (those over kMaxPartNameBytes left out), after open().
  [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

  // The part's bytes; nullopt when the zip has no such entry.
  Result<std::optional<std::string>> read(std::string_view name) {
    const auto found = entries_.find(part_key(name));
    if (found == entries_.end()) return std::optional<std::string>();
    const Entry& entry = found->second;
    if (entry.encrypted) return not_xlsx();
    if (unzGoToFilePos64(handle_, &entry.pos) != UNZ_OK) return not_xlsx();
    if (unzOpenCurrentFile(handle_) != UNZ_OK) return not_xlsx();
    CurrentFile current{handle_};

    std::string out;
    // Sizes were checked against the limit in open(); the read still stops on actual bytes.
    out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(entry.size, kReadChunk * 16)));
    std::array<char, kReadChunk> chunk{};
    for (;;) {
      const int got =
          unzReadCurrentFile(handle_, chunk.data(), static_cast<unsigned>(chunk.size()));
      if (got < 0) return not_xlsx();
      if (got == 0) break;
      inflated_ += static_cast<std::size_t>(got);
      if (inflated_ > limits_.max_uncompressed) return too_large(limits_.max_uncompressed);
      out.append(chunk.data(), static_cast<std::size_t>(got));
    }
    // A short stream leaves the CRC unchecked by minizip, so the length is compared here.
    if (out.size() != entry.size) return not_xlsx();
    if (current.close() != UNZ_OK) return not_xlsx();  // CRC mismatch
    return std::optional<std::string>(std::move(out));
  }

 private:
  struct Entry {
    unz64_file_pos pos;
    std::uint64_t size;
    bool encrypted;
  };

  // Closes the entry being read on every path; close() reports the CRC check.
  class CurrentFile {
   public:
    explicit CurrentFile(unzFile handle) : handle_(handle) {}
    CurrentFile(const CurrentFile&) = delete;
    CurrentFile& operator=(const CurrentFile&) = delete;
    CurrentFile(CurrentFile&&) = delete;
    CurrentFile& operator=(CurrentFile&&) = delete;
    ~CurrentFile() {
      if (handle_ != nullptr) unzCloseCurrentFile(handle_);
    }
    int close() { return unzCloseCurrentFile(std::exchange(handle_, nullptr)); }

   private:
    unzFile handle_;
  };

  Error too_many_entries() const {
    return make_error(err::kImportTooManyEntries, Json{{"max_entries", limits_.max_entries}});
  }

  const ReadLimits& limits_;
  MemoryFile file_;
  unzFile handle_ = nullptr;
  std::unordered_map<std::string, Entry> entries_;
  std::vector<std::string> names_;
  std::size_t inflated_ = 0;
};

// ---------------------------------------------------------------------------------------------
// XML helpers. Element and attribute names are compared without their prefix: most writers use
// the default namespace, some (.NET's Open XML SDK) write x:row, x:c.

std::string_view local_name(const char* name) {
  const std::string_view full(name);
  const auto colon = full.rfind(':');
  return colon == std::string_view::npos ? full : full.substr(colon + 1);
}

bool is_element(const pugi::xml_node& node, std::string_view name) {
  return node.type() == pugi::node_element && local_name(node.name()) == name;
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view name) {
  for (auto node = parent.first_child(); node; node = node.next_sibling()) {
    if (is_element(node, name)) return node;
  }
  return {};
}

std::string_view attribute(const pugi::xml_node& node, std::string_view name) {
  for (auto attr = node.first_attribute(); attr; attr = attr.next_attribute()) {
    if (local_name(attr.name()) == name) return attr.value();
  }
  return {};
}

bool has_attribute(const pugi::xml_node& node, std::string_view name) {
  for (auto attr = node.first_attribute(); attr; attr = attr.next_attribute()) {
    if (local_name(attr.name()) == name) return true;
  }
  return false;
}

// All character data directly inside the element (pcdata and CDATA sections).
std::string text_of(const pugi::xml_node& node) {
  std::string text;
  for (auto part = node.first_child(); part; part = part.next_sibling()) {
    if (part.type() == pugi::node_pcdata || part.type() == pugi::node_cdata) text += part.value();
  }
  return text;
}

void append_utf8(std::string& out, std::uint32_t code) {
  if (code < 0x80) {
    out.push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code >> 6)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// "_xHHHH_" at text[pos], as a UTF-16 code unit.
std::optional<std::uint32_t> escaped_unit(std::string_view text, std::size_t pos) {
  constexpr std::size_t kLength = 7;
  constexpr int kHex = 16;
  if (text.size() - pos < kLength || text[pos] != '_' || text[pos + 1] != 'x' ||
      text[pos + kLength - 1] != '_') {
    return std::nullopt;
  }
  std::uint32_t unit = 0;
  const auto* first = text.data() + pos + 2;
  const auto* last = text.data() + pos + kLength - 1;
  const auto [end, ec] = std::from_chars(first, last, unit, kHex);
  if (ec != std::errc() || end != last) return std::nullopt;
  return unit;
}

// Excel writes characters XML cannot carry (CR, other controls) as _xHHHH_ in strings, and a
// literal "_x" as _x005F_x. NUL is dropped: no database column should receive it.
std::string decode_escapes(std::string text) {
  if (text.find("_x") == std::string::npos) return text;
  constexpr std::size_t kLength = 7;
  constexpr std::uint32_t kHighFirst = 0xD800;
  constexpr std::uint32_t kLowFirst = 0xDC00;
  constexpr std::uint32_t kLowLast = 0xDFFF;
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto unit = escaped_unit(text, pos);
    if (!unit) {
      out.push_back(text[pos++]);
      continue;
    }
    if (*unit >= kHighFirst && *unit < kLowFirst) {
      const auto low =
          pos + kLength < text.size() ? escaped_unit(text, pos + kLength) : std::nullopt;
      if (low && *low >= kLowFirst && *low <= kLowLast) {
        append_utf8(out, 0x10000 + ((*unit - kHighFirst) << 10) + (*low - kLowFirst));
        pos += 2 * kLength;
        continue;
      }
    }
    if (*unit >= kHighFirst && *unit <= kLowLast) {  // a lone surrogate is kept as written
      out.append(text, pos, kLength);
    } else if (*unit != 0) {
      append_utf8(out, *unit);
    }
    pos += kLength;
  }
  return out;
}

// A shared or inline string: its <t>, or the <t> of each rich-text run <r>. Phonetic hints
// (<rPh>, Japanese furigana) are not part of the text.
std::string string_item_text(const pugi::xml_node& item) {
  std::string text;
  for (auto node = item.first_child(); node; node = node.next_sibling()) {
    if (is_element(node, "t")) {
      text += text_of(node);
    } else if (is_element(node, "r")) {
      for (auto run = node.first_child(); run; run = run.next_sibling()) {
        if (is_element(run, "t")) text += text_of(run);
      }
    }
  }
  return decode_escapes(std::move(text));
}

class XmlPart {
 public:
  // Parses in place: `text` must outlive the part, and is moved in to ensure that.
  Status parse(std::string text, std::size_t max_elements) {
    text_ = std::move(text);
    // Every element starts with '<'; counting them bounds the DOM before building it.
    if (static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '<')) > max_elements) {
      return make_error(err::kImportTooLarge, "表格内容过多，请拆分后分批导入",
                        Json{{"max_elements", max_elements}});
    }
    // Whitespace-only text is kept only where it is an element's sole content: <t xml:space=
    // "preserve"> </t> is a real space, the indentation between elements is not.
    const auto result = doc_.load_buffer_inplace(
        text_.data(), text_.size(), pugi::parse_default | pugi::parse_ws_pcdata_single);
    if (!result) return not_xlsx();
    return ok_status();
  }
  [[nodiscard]] pugi::xml_node root() const { return doc_.document_element(); }

 private:
  std::string text_;
  pugi::xml_document doc_;
};

// ---------------------------------------------------------------------------------------------
// Package structure: /_rels/.rels → workbook → its .rels → first worksheet + shared strings.

struct Relationship {
  std::string type;
  std::string target;  // resolved to a part name
};

std::string directory_of(std::string_view part) {
  const auto slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// A relationship target relative to the source part's directory ("worksheets/sheet1.xml",
// "../xl/workbook.xml") or absolute ("/xl/worksheets/sheet1.xml"); nullopt if it climbs out.
std::optional<std::string> resolve_target(std::string_view base_dir, std::string_view target) {
  std::string path = !target.empty() && target.front() == '/'
                         ? std::string(target.substr(1))
                         : std::string(base_dir) + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string_view segment(path.data() + start, end - start);
    if (segment == "..") {
      if (segments.empty()) return std::nullopt;
      segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.emplace_back(segment);
    }
    start = end + 1;
  }
  std::string resolved;
  for (const auto& segment : segments) {
    if (!resolved.empty()) resolved += '/';
    resolved += segment;
  }
  return resolved;
}

bool type_is(std::string_view type, std::string_view suffix) {
  // Transitional and Strict OOXML differ in the namespace, not in the last segment.
  return type.size() > suffix.size() && type.ends_with(suffix) &&
         type[type.size() - suffix.size() - 1] == '/';
}

Result<std::unordered_map<std::string, Relationship>> read_relationships(
    ZipArchive& zip, std::string_view source_part, std::size_t max_elements) {
  const auto dir = directory_of(source_part);
  const auto name = source_part.substr(dir.size());
  auto bytes = zip.read(dir + "_rels/" + std::string(name) + ".rels");
  if (!bytes) return bytes.take_error();
  std::unordered_map<std::string, Relationship> relationships;
  if (!bytes.value()) return relationships;
  XmlPart xml;
  if (auto parsed = xml.parse(std::move(*bytes.value()), max_elements); !parsed) {
    return parsed.take_error();
  }
  for (auto node = xml.root().first_child(); node; node = node.next_sibling()) {
    if (!is_element(node, "Relationship") || attribute(node, "TargetMode") == "External") continue;
    auto target = resolve_target(dir, attribute(node, "Target"));
    if (!target) continue;
    relationships.try_emplace(
        std::string(attribute(node, "Id")),
        Relationship{std::string(attribute(node, "Type")), std::move(*target)});
  }
  return relationships;
}

struct SheetLocation {
  std::string name;
  std::string part;
  std::string shared_strings_part;  // empty when the workbook has none
};

Result<SheetLocation> locate_first_sheet(ZipArchive& zip, std::size_t max_elements) {
  std::string workbook_part = "xl/workbook.xml";
  auto package = read_relationships(zip, "", max_elements);
  if (!package) return package.take_error();
  for (const auto& [id, rel] : package.value()) {
    if (type_is(rel.type, "officeDocument")) {
      workbook_part = rel.target;
      break;
    }
  }
  auto workbook_bytes = zip.read(workbook_part);
  if (!workbook_bytes) return workbook_bytes.take_error();
  if (!workbook_bytes.value()) return not_xlsx();
  XmlPart workbook;
  if (auto parsed = workbook.parse(std::move(*workbook_bytes.value()), max_elements); !parsed) {
    return parsed.take_error();
  }
  if (!is_element(workbook.root(), "workbook")) return not_xlsx();
  auto relationships = read_relationships(zip, workbook_part, max_elements);
  if (!relationships) return relationships.take_error();

  SheetLocation location;
  for (const auto& [id, rel] : relationships.value()) {
    if (type_is(rel.type, "sharedStrings")) location.shared_strings_part = rel.target;
  }
  // Tab order is the order of <sheet> elements; chart sheets have no cells and are skipped.
  const auto sheets = child(workbook.root(), "sheets");
  for (auto sheet = sheets.first_child(); sheet; sheet = sheet.next_sibling()) {
    if (!is_element(sheet, "sheet")) continue;
    const auto rel = relationships.value().find(std::string(attribute(sheet, "id")));
    if (rel == relationships.value().end() || !type_is(rel->second.type, "worksheet")) continue;
    location.name = attribute(sheet, "name");
    location.part = rel->second.target;
    return location;
  }
  return not_xlsx();
}

Result<std::vector<std::string>> read_shared_strings(ZipArchive& zip, const std::string& part,
                                                     std::size_t max_elements) {
  std::vector<std::string> strings;
  if (part.empty()) return strings;
  auto bytes = zip.read(part);
  if (!bytes) return bytes.take_error();
  if (!bytes.value()) return strings;  // a dangling relationship: cells will fail on their index
  XmlPart xml;
  if (auto parsed = xml.parse(std::move(*bytes.value()), max_elements); !parsed) {
    return parsed.take_error();
  }
  for (auto item = xml.root().first_child(); item; item = item.next_sibling()) {
    if (is_element(item, "si")) strings.push_back(string_item_text(item));
  }
  return strings;
}

// ---------------------------------------------------------------------------------------------
// The worksheet.

template <class T>
std::optional<T> parse_decimal(std::string_view text) {
  T value{};
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

// "C7" → column 2 (the row part is the <row>'s business).
std::optional<int> column_of(std::string_view reference) {
  constexpr int kLetters = 26;
  constexpr std::size_t kMaxLetters = 3;
  int column = 0;
  std::size_t pos = 0;
  while (pos < reference.size() && pos < kMaxLetters + 1) {
    char c = reference[pos];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    column = column * kLetters + (c - 'A' + 1);
    ++pos;
  }
  if (pos == 0 || pos > kMaxLetters || column > kMaxExcelColumns) return std::nullopt;
  const auto row = parse_decimal<int>(reference.substr(pos));
  if (!row || *row < 1 || *row > kMaxExcelRow) return std::nullopt;
  return column - 1;
}

Result<std::string> cell_text(const pugi::xml_node& cell, const std::vector<std::string>& shared) {
  const auto type = attribute(cell, "t");
  if (type == "inlineStr") return string_item_text(child(cell, "is"));
  std::string value = text_of(child(cell, "v"));
  if (type == "s") {
    const auto index = parse_decimal<std::size_t>(value);
    if (!index || *index >= shared.size()) return not_xlsx();
    return shared[*index];
  }
  if (type == "b") {
    if (value == "1") return std::string("TRUE");
    if (value == "0") return std::string("FALSE");
    return value;
  }
  if (type == "str") return decode_escapes(std::move(value));  // a formula's text result
  return value;  // n (number, the literal as stored), e (#N/A …), d (ISO 8601 text)
}

Result<Sheet> read_cells(const pugi::xml_node& worksheet, const std::vector<std::string>& shared,
                         const ReadLimits& limits, Sheet sheet) {
  const auto sheet_data = child(worksheet, "sheetData");
  int previous_row = 0;
  // Shared strings multiply: one long string referenced by every cell would otherwise expand a
  // small upload into gigabytes of copies. The texts together get the inflated-size budget.
  std::size_t text_bytes = 0;
  for (auto row = sheet_data.first_child(); row; row = row.next_sibling()) {
    if (!is_element(row, "row")) continue;
    int number = previous_row + 1;
    if (has_attribute(row, "r")) {
      const auto given = parse_decimal<int>(attribute(row, "r"));
      if (!given) return not_xlsx();
      number = *given;
    }
    if (number < 1 || number > kMaxExcelRow) return not_xlsx();
    previous_row = number;

    SheetRow out{number, {}};
    int previous_column = -1;
    for (auto cell = row.first_child(); cell; cell = cell.next_sibling()) {
      if (!is_element(cell, "c")) continue;
      int column = previous_column + 1;  // cells without r="…" follow the previous one
      if (has_attribute(cell, "r")) {
        const auto given = column_of(attribute(cell, "r"));
        if (!given) return not_xlsx();
        column = *given;
      }
      if (column >= kMaxExcelColumns) return not_xlsx();
      previous_column = column;
      auto text = cell_text(cell, shared);
      if (!text) return text.take_error();
      if (text.value().empty()) continue;  // styled but empty: not data
      text_bytes += text.value().size();
      if (text_bytes > limits.max_uncompressed) return too_large(limits.max_uncompressed);
      const auto index = static_cast<std::size_t>(column);
      if (index >= limits.max_columns) {
        return make_error(err::kImportTooManyColumns,
                          "表格列数超过上限（最多 " + std::to_string(limits.max_columns) +
                              " 列），请删除多余的列后重试",
                          Json{{"max_columns", limits.max_columns}, {"row", number}});
      }
      if (out.cells.size() <= index) out.cells.resize(index + 1);
      out.cells[index] = std::move(text.value());
    }
    if (out.cells.empty()) continue;
    if (sheet.rows.size() >= limits.max_rows) {
      return make_error(
          err::kImportTooManyRows,
          "表格行数超过上限（最多 " + std::to_string(limits.max_rows) + " 行），请拆分后分批导入",
          Json{{"max_rows", limits.max_rows}});
    }
    sheet.rows.push_back(std::move(out));
  }
  return sheet;
}

Error file_too_large(std::size_t limit_bytes) {
  return make_error(err::kImportTooLarge,
                    "文件过大（超过 " + size_text(limit_bytes) + "），请拆分后分批导入",
                    Json{{"max_bytes", limit_bytes}});
}

}  // namespace

Result<std::vector<std::string>> zip_entry_names(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_compressed) return file_too_large(limits.max_compressed);
  // Nothing is inflated: the declared sizes do not matter for the names.
  ReadLimits names_only = limits;
  names_only.max_uncompressed = std::numeric_limits<std::size_t>::max();
  ZipArchive zip(bytes, names_only);
  if (auto opened = zip.open(); !opened) return opened.take_error();
  return zip.names();
}

Result<Sheet> read_first_sheet(std::string_view bytes, const ReadLimits& limits) {
  if (bytes.size() > limits.max_compressed) return file_too_large(limits.max_compressed);
  ZipArchive zip(bytes, limits);
  if (auto opened = zip.open(); !opened) return opened.take_error();

  // Enough markup for every allowed cell; more than that is refused before pugixml builds it.
  const std::size_t max_elements = saturating_add(
      saturating_mul(saturating_mul(limits.max_rows, limits.max_columns), kElementsPerCell),
      kElementSlack);

  auto location = locate_first_sheet(zip, max_elements);
  if (!location) return location.take_error();
  auto shared = read_shared_strings(zip, location.value().shared_strings_part, max_elements);
  if (!shared) return shared.take_error();
  auto sheet_bytes = zip.read(location.value().part);
  if (!sheet_bytes) return sheet_bytes.take_error();
  if (!sheet_bytes.value()) return not_xlsx();
  XmlPart worksheet;
  if (auto parsed = worksheet.parse(std::move(*sheet_bytes.value()), max_elements); !parsed) {
    return parsed.take_error();
  }
  if (!is_element(worksheet.root(), "worksheet")) return not_xlsx();
  Sheet sheet;
  sheet.name = std::move(location.value().name);
  return read_cells(worksheet.root(), shared.value(), limits, std::move(sheet));
}

}  // namespace lvzhi::excel
