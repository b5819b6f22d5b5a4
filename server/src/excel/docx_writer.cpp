// Writes a .docx: every part is a pugixml DOM (so text is escaped by the serializer), zipped into
// memory with minizip's zip API over custom write callbacks (Debian's minizip has no ioapi_mem).
#include "excel/docx_writer.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <zip.h>
#include <pugixml.hpp>

namespace lvzhi::office {
namespace {

constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelBase =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// ---- layout (GB/T 9704) ---------------------------------------------------------------------

// 1 mm = 1440 / 25.4 twips, rounded to the nearest.
constexpr int mm_to_twips(int mm) { return (mm * 14400 + 127) / 254; }

constexpr int kPageWidth = 11906;  // A4 in twips
constexpr int kPageHeight = 16838;
constexpr int kMarginTop = mm_to_twips(37);
constexpr int kMarginBottom = mm_to_twips(35);
constexpr int kMarginLeft = mm_to_twips(28);
constexpr int kMarginRight = mm_to_twips(26);
constexpr int kHeaderDistance = mm_to_twips(15);  // no header part; the attribute is required
// The page number's line (16 pt, exact) starts ~7 mm below the text block, as GB/T 9704 asks.
constexpr int kFooterLine = 320;
constexpr int kFooterDistance = mm_to_twips(35 - 7) - kFooterLine;

constexpr int kBodyLine = 560;        // fixed 28 pt, 22 lines on the 225 mm text block
constexpr int kBodySize = 32;         // 三号 16 pt, in half-points
constexpr int kTitleSize = 44;        // 二号 22 pt
constexpr int kPageNumberSize = 28;   // 四号 14 pt
constexpr int kIndentChars = 200;     // two characters, in hundredths
constexpr int kIndentTwips = 640;     // the same two 16 pt characters, for readers without *Chars
constexpr int kDefaultTabStop = 640;  // two body characters

constexpr const char* kLatinFont = "Times New Roman";
constexpr const char* kBodyFont = "仿宋_GB2312";
constexpr const char* kTitleFont = "方正小标宋简体";
constexpr const char* kSubtitleFont = "楷体_GB2312";
constexpr const char* kHeadingFont = "黑体";
constexpr const char* kPageNumberFont = "宋体";

// ---- text -----------------------------------------------------------------------------------

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Text that XML 1.0 accepts (Word rejects the whole file otherwise): control characters other
// than tab and newline are dropped, "\r\n" and a lone '\r' become '\n', U+FFFE/U+FFFF are dropped,
// and bytes that are no valid UTF-8 (overlong, surrogates, truncated) become U+FFFD.
std::string clean_text(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  std::size_t i = 0;
  while (i < in.size()) {
    const auto lead = static_cast<unsigned char>(in[i]);
    if (lead < 0x80) {
      if (lead == '\r') {
        out += '\n';
        i += (i + 1 < in.size() && in[i + 1] == '\n') ? 2 : 1;
        continue;
      }
      if (lead >= 0x20 || lead == '\t' || lead == '\n') out += static_cast<char>(lead);
      ++i;
      continue;
    }
    std::size_t len = 0;
    char32_t cp = 0;
    char32_t min = 0;  // below it the sequence is overlong
    if ((lead & 0xE0) == 0xC0) {
      len = 2;
      cp = lead & 0x1F;
      min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      len = 3;
      cp = lead & 0x0F;
      min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      len = 4;
      cp = lead & 0x07;
      min = 0x10000;
    }
    bool ok = len != 0 && i + len <= in.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      const auto next = static_cast<unsigned char>(in[i + k]);
      ok = (next & 0xC0) == 0x80;
      cp = (cp << 6) | (next & 0x3F);
    }
    ok = ok && cp >= min && cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
    if (!ok) {
      append_utf8(out, 0xFFFD);
      ++i;  // resynchronise on the next byte
      continue;
    }
    if (cp != 0xFFFE && cp != 0xFFFF) out.append(in.substr(i, len));
    i += len;
  }
  return out;
}

// ---- XML helpers ----------------------------------------------------------------------------

using Attrs = std::initializer_list<std::pair<const char*, std::string_view>>;

pugi::xml_node el(pugi::xml_node parent, const char* name, Attrs attrs = {}) {
  auto node = parent.append_child(name);
  for (const auto& [key, value] : attrs) node.append_attribute(key) = std::string(value).c_str();
  return node;
}

// The declaration Word writes (standalone), then the root element.
pugi::xml_node start(pugi::xml_document& doc, const char* root, Attrs attrs = {}) {
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  decl.append_attribute("standalone") = "yes";
  return el(doc, root, attrs);
}

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

std::string serialize(const pugi::xml_document& doc) {
  StringWriter writer;
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return std::move(writer.out);
}

std::string num(int value) { return std::to_string(value); }

// ---- package parts --------------------------------------------------------------------------

struct Part {
  const char* name;          // inside the zip
  const char* content_type;  // nullptr: covered by a Default (.rels)
  std::string xml;
};

constexpr const char* kDocumentType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
constexpr const char* kStylesType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
constexpr const char* kSettingsType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
constexpr const char* kFontTableType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
constexpr const char* kFooterType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
constexpr const char* kCoreType = "application/vnd.openxmlformats-package.core-properties+xml";
constexpr const char* kAppType =
    "application/vnd.openxmlformats-officedocument.extended-properties+xml";

constexpr const char* kFooterRelId = "rId4";

const char* style_id(DocxParagraph::Style style) {
  using S = DocxParagraph::Style;
  switch (style) {
    case S::kTitle:
      return "Title";
    case S::kSubtitle:
      return "Subtitle";
    case S::kHeading:
      return "Heading1";
    case S::kBody:
      return nullptr;  // Normal is the default paragraph style
    case S::kRight:
      return "BodyRight";
    case S::kCenter:
      return "BodyCenter";
    case S::kLabel:
      return "Label";
  }
  return nullptr;
}

// Text runs: '\t' → <w:tab/>, '\n' → <w:br/>, the rest in <w:t> keeping its spaces.
void append_run_content(pugi::xml_node run, std::string_view text) {
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\t' && text[i] != '\n') continue;
    if (i > start) {
      auto t = el(run, "w:t", {{"xml:space", "preserve"}});
      t.text().set(std::string(text.substr(start, i - start)).c_str());
    }
    if (i < text.size()) run.append_child(text[i] == '\t' ? "w:tab" : "w:br");
    start = i + 1;
  }
}

void append_paragraph(pugi::xml_node body, const DocxParagraph& paragraph) {
  auto p = body.append_child("w:p");
  const char* style = style_id(paragraph.style);
  if (style != nullptr || paragraph.keep_with_next || paragraph.page_break_before) {
    auto ppr = p.append_child("w:pPr");  // children in schema order
    if (style != nullptr) el(ppr, "w:pStyle", {{"w:val", style}});
    if (paragraph.keep_with_next) ppr.append_child("w:keepNext");
    if (paragraph.page_break_before) ppr.append_child("w:pageBreakBefore");
  }
  for (const auto& run : paragraph.runs) {
    const auto text = clean_text(run.text);
    if (text.empty()) continue;
    auto r = p.append_child("w:r");
    if (run.bold) {
      auto rpr = r.append_child("w:rPr");
      rpr.append_child("w:b");
      rpr.append_child("w:bCs");
    }
    append_run_content(r, text);
  }
}

std::string document_xml(const std::vector<DocxParagraph>& paragraphs) {
  pugi::xml_document doc;
  auto root = start(doc, "w:document", {{"xmlns:w", kNsW}, {"xmlns:r", kNsR}});
  auto body = root.append_child("w:body");
  for (const auto& paragraph : paragraphs) append_paragraph(body, paragraph);
  if (paragraphs.empty()) body.append_child("w:p");  // as Word saves an empty document
  auto sect = body.append_child("w:sectPr");
  el(sect, "w:footerReference", {{"w:type", "default"}, {"r:id", kFooterRelId}});
  el(sect, "w:pgSz", {{"w:w", num(kPageWidth)}, {"w:h", num(kPageHeight)}});
  el(sect, "w:pgMar",
     {{"w:top", num(kMarginTop)},
      {"w:right", num(kMarginRight)},
      {"w:bottom", num(kMarginBottom)},
      {"w:left", num(kMarginLeft)},
      {"w:header", num(kHeaderDistance)},
      {"w:footer", num(kFooterDistance)},
      {"w:gutter", "0"}});
  return serialize(doc);
}

void add_fonts(pugi::xml_node rpr, const char* east_asia, const char* latin = kLatinFont) {
  el(rpr, "w:rFonts",
     {{"w:ascii", latin}, {"w:hAnsi", latin}, {"w:eastAsia", east_asia}, {"w:cs", latin}});
}

void add_size(pugi::xml_node rpr, int half_points) {
  el(rpr, "w:sz", {{"w:val", num(half_points)}});
  el(rpr, "w:szCs", {{"w:val", num(half_points)}});
}

// What a paragraph style changes relative to Normal; unset fields inherit.
struct StyleSpec {
  const char* id;
  const char* name;  // Word's built-in names ("Title", "heading 1") get localized in its UI
  const char* east_asia = nullptr;
  const char* latin = kLatinFont;
  int size = 0;  // half-points
  const char* jc = nullptr;
  bool no_indent = false;
  bool heading = false;
  int exact_line = 0;
};

void add_style(pugi::xml_node styles, const StyleSpec& spec) {
  auto style = el(styles, "w:style", {{"w:type", "paragraph"}, {"w:styleId", spec.id}});
  el(style, "w:name", {{"w:val", spec.name}});
  el(style, "w:basedOn", {{"w:val", "Normal"}});
  el(style, "w:next", {{"w:val", "Normal"}});
  style.append_child("w:qFormat");
  auto ppr = style.append_child("w:pPr");  // children in schema order
  if (spec.heading) ppr.append_child("w:keepNext");
  if (spec.exact_line != 0) {
    el(ppr, "w:spacing", {{"w:line", num(spec.exact_line)}, {"w:lineRule", "exact"}});
  }
  if (spec.no_indent) el(ppr, "w:ind", {{"w:firstLineChars", "0"}, {"w:firstLine", "0"}});
  if (spec.jc != nullptr) el(ppr, "w:jc", {{"w:val", spec.jc}});
  if (spec.heading) el(ppr, "w:outlineLvl", {{"w:val", "0"}});
  if (spec.east_asia == nullptr && spec.size == 0) return;
  auto rpr = style.append_child("w:rPr");
  if (spec.east_asia != nullptr) add_fonts(rpr, spec.east_asia, spec.latin);
  if (spec.size != 0) add_size(rpr, spec.size);
}

std::string styles_xml() {
  pugi::xml_document doc;
  auto styles = start(doc, "w:styles", {{"xmlns:w", kNsW}});
  auto defaults = styles.append_child("w:docDefaults");
  auto rpr = defaults.append_child("w:rPrDefault").append_child("w:rPr");
  add_fonts(rpr, kBodyFont);
  add_size(rpr, kBodySize);
  el(rpr, "w:lang", {{"w:val", "en-US"}, {"w:eastAsia", "zh-CN"}});
  auto ppr = defaults.append_child("w:pPrDefault").append_child("w:pPr");
  el(ppr, "w:spacing",
     {{"w:before", "0"}, {"w:after", "0"}, {"w:line", num(kBodyLine)}, {"w:lineRule", "exact"}});

  auto normal =
      el(styles, "w:style", {{"w:type", "paragraph"}, {"w:default", "1"}, {"w:styleId", "Normal"}});
  el(normal, "w:name", {{"w:val", "Normal"}});
  normal.append_child("w:qFormat");
  auto normal_ppr = normal.append_child("w:pPr");
  el(normal_ppr, "w:ind",
     {{"w:firstLineChars", num(kIndentChars)}, {"w:firstLine", num(kIndentTwips)}});
  el(normal_ppr, "w:jc", {{"w:val", "both"}});

  add_style(styles, {.id = "Title",
                     .name = "Title",
                     .east_asia = kTitleFont,
                     .size = kTitleSize,
                     .jc = "center",
                     .no_indent = true});
  add_style(styles, {.id = "Subtitle",
                     .name = "Subtitle",
                     .east_asia = kSubtitleFont,
                     .jc = "center",
                     .no_indent = true});
  // Official headings ("一、…") keep the body's first-line indent.
  add_style(styles,
            {.id = "Heading1", .name = "heading 1", .east_asia = kHeadingFont, .heading = true});
  add_style(styles, {.id = "BodyRight", .name = "正文居右", .jc = "right", .no_indent = true});
  add_style(styles, {.id = "BodyCenter", .name = "正文居中", .jc = "center", .no_indent = true});
  add_style(styles, {.id = "Label", .name = "正文顶格", .no_indent = true});
  // Page numbers: 四号 半角宋体 digits.
  add_style(styles, {.id = "Footer",
                     .name = "footer",
                     .east_asia = kPageNumberFont,
                     .latin = kPageNumberFont,
                     .size = kPageNumberSize,
                     .jc = "center",
                     .no_indent = true,
                     .exact_line = kFooterLine});
  return serialize(doc);
}

std::string settings_xml() {
  pugi::xml_document doc;
  auto settings = start(doc, "w:settings", {{"xmlns:w", kNsW}});
  el(settings, "w:zoom", {{"w:percent", "100"}});
  el(settings, "w:defaultTabStop", {{"w:val", num(kDefaultTabStop)}});
  el(settings, "w:characterSpacingControl", {{"w:val", "compressPunctuation"}});
  // Without it Word opens the file in compatibility mode.
  el(settings.append_child("w:compat"), "w:compatSetting",
     {{"w:name", "compatibilityMode"},
      {"w:uri", "http://schemas.microsoft.com/office/word"},
      {"w:val", "15"}});
  el(settings, "w:themeFontLang", {{"w:val", "en-US"}, {"w:eastAsia", "zh-CN"}});
  return serialize(doc);
}

// altName is the font Word substitutes when the GB2312-era font is not installed.
std::string font_table_xml() {
  struct Font {
    const char* name;
    const char* alt;
    const char* charset;
  };
  static constexpr Font kFonts[] = {
      {kLatinFont, nullptr, "00"},    {kBodyFont, "仿宋", "86"},
      {kTitleFont, "宋体", "86"},     {kSubtitleFont, "楷体", "86"},
      {kHeadingFont, "SimHei", "86"}, {kPageNumberFont, "SimSun", "86"},
  };
  pugi::xml_document doc;
  auto fonts = start(doc, "w:fonts", {{"xmlns:w", kNsW}});
  for (const auto& font : kFonts) {
    auto node = el(fonts, "w:font", {{"w:name", font.name}});
    if (font.alt != nullptr) el(node, "w:altName", {{"w:val", font.alt}});
    el(node, "w:charset", {{"w:val", font.charset}});
  }
  return serialize(doc);
}

// "— 1 —" centered; fldSimple PAGE is updated by Word and LibreOffice on every page.
std::string footer_xml() {
  pugi::xml_document doc;
  auto footer = start(doc, "w:ftr", {{"xmlns:w", kNsW}, {"xmlns:r", kNsR}});
  auto p = footer.append_child("w:p");
  el(p.append_child("w:pPr"), "w:pStyle", {{"w:val", "Footer"}});
  append_run_content(p.append_child("w:r"), "— ");
  auto field = el(p, "w:fldSimple", {{"w:instr", " PAGE "}});
  append_run_content(field.append_child("w:r"), "1");
  append_run_content(p.append_child("w:r"), " —");
  return serialize(doc);
}

struct Relationship {
  const char* id;
  std::string type;
  const char* target;
};

std::string relationships_xml(const std::vector<Relationship>& rels) {
  pugi::xml_document doc;
  auto root = start(doc, "Relationships",
                    {{"xmlns", "http://schemas.openxmlformats.org/package/2006/relationships"}});
  for (const auto& rel : rels) {
    el(root, "Relationship", {{"Id", rel.id}, {"Type", rel.type}, {"Target", rel.target}});
  }
  return serialize(doc);
}

std::string document_rels_xml() {
  const std::string base = kRelBase;
  return relationships_xml({{"rId1", base + "styles", "styles.xml"},
                            {"rId2", base + "settings", "settings.xml"},
                            {"rId3", base + "fontTable", "fontTable.xml"},
                            {kFooterRelId, base + "footer", "footer1.xml"}});
}

std::string package_rels_xml() {
  const std::string base = kRelBase;
  return relationships_xml(
      {{"rId1", base + "officeDocument", "word/document.xml"},
       {"rId2",
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
        "docProps/core.xml"},
       {"rId3", base + "extended-properties", "docProps/app.xml"}});
}

// W3CDTF in UTC; empty for 0 and for instants outside years 1970–9999.
std::string w3c_time(long long unix_seconds) {
  constexpr long long kYear10000 = 253402300800;
  if (unix_seconds <= 0 || unix_seconds >= kYear10000) return {};
  using namespace std::chrono;
  const sys_seconds instant{seconds{unix_seconds}};
  const auto day = floor<days>(instant);
  const year_month_day date{day};
  const hh_mm_ss time{instant - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buf;
}

std::string core_xml(const DocxMeta& meta) {
  pugi::xml_document doc;
  auto root = start(
      doc, "cp:coreProperties",
      {{"xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
       {"xmlns:dc", "http://purl.org/dc/elements/1.1/"},
       {"xmlns:dcterms", "http://purl.org/dc/terms/"},
       {"xmlns:dcmitype", "http://purl.org/dc/dcmitype/"},
       {"xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"}});
  // Schema order is free here; empty values are left out rather than written empty.
  const auto text = [&](const char* name, const std::string& value) {
    const auto clean = clean_text(value);
    if (!clean.empty()) root.append_child(name).text().set(clean.c_str());
  };
  text("dc:title", meta.title);
  text("dc:subject", meta.subject);
  text("dc:creator", meta.author);
  text("cp:lastModifiedBy", meta.author);
  const auto when = w3c_time(meta.created_at);
  if (!when.empty()) {
    for (const char* name : {"dcterms:created", "dcterms:modified"}) {
      el(root, name, {{"xsi:type", "dcterms:W3CDTF"}}).text().set(when.c_str());
    }
  }
  return serialize(doc);
}

std::string app_xml() {
  pugi::xml_document doc;
  auto root =
      start(doc, "Properties",
            {{"xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"},
             {"xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"}});
  root.append_child("Application").text().set("Lüzhi");
  return serialize(doc);
}

std::string content_types_xml(const std::vector<Part>& parts) {
  pugi::xml_document doc;
  auto types = start(doc, "Types",
                     {{"xmlns", "http://schemas.openxmlformats.org/package/2006/content-types"}});
  el(types, "Default",
     {{"Extension", "rels"},
      {"ContentType", "application/vnd.openxmlformats-package.relationships+xml"}});
  el(types, "Default", {{"Extension", "xml"}, {"ContentType", "application/xml"}});
  for (const auto& part : parts) {
    if (part.content_type == nullptr) continue;
    el(types, "Override",
       {{"PartName", std::string("/") + part.name}, {"ContentType", part.content_type}});
  }
  return serialize(doc);
}

// ---- zip into memory ------------------------------------------------------------------------

struct ZipSink {
  std::string data;
  std::uint64_t pos = 0;  // minizip seeks back to patch local headers
};

voidpf ZCALLBACK sink_open(voidpf opaque, const void* /*filename*/, int /*mode*/) { return opaque; }

uLong ZCALLBACK sink_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* sink = static_cast<ZipSink*>(stream);
  if (sink->pos >= sink->data.size()) return 0;
  const auto count = std::min<std::uint64_t>(size, sink->data.size() - sink->pos);
  std::memcpy(buf, sink->data.data() + sink->pos, count);
  sink->pos += count;
  return static_cast<uLong>(count);
}

uLong ZCALLBACK sink_write(voidpf /*opaque*/, voidpf stream, const void* buf, uLong size) {
  auto* sink = static_cast<ZipSink*>(stream);
  if (sink->data.size() < sink->pos + size) sink->data.resize(sink->pos + size);
  std::memcpy(sink->data.data() + sink->pos, buf, size);
  sink->pos += size;
  return size;
}

ZPOS64_T ZCALLBACK sink_tell(voidpf /*opaque*/, voidpf stream) {
  return static_cast<ZipSink*>(stream)->pos;
}

long ZCALLBACK sink_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* sink = static_cast<ZipSink*>(stream);
  std::uint64_t base = 0;
  switch (origin) {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = sink->pos;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = sink->data.size();
      break;
    default:
      return -1;
  }
  sink->pos = base + offset;
  return 0;
}

int ZCALLBACK sink_close(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }
int ZCALLBACK sink_error(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }

zipFile open_zip(ZipSink* sink) {
  zlib_filefunc64_def funcs{};
  funcs.zopen64_file = sink_open;
  funcs.zread_file = sink_read;
  funcs.zwrite_file = sink_write;
  funcs.ztell64_file = sink_tell;
  funcs.zseek64_file = sink_seek;
  funcs.zclose_file = sink_close;
  funcs.zerror_file = sink_error;
  funcs.opaque = sink;
  zipFile handle = zipOpen2_64("document.docx", APPEND_STATUS_CREATE, nullptr, &funcs);
  if (handle == nullptr) throw std::runtime_error("docx: cannot start the zip");
  return handle;
}

class ZipWriter {
 public:
  ZipWriter() : handle_(open_zip(&sink_)) {}  // sink_ is declared, so constructed, first
  ZipWriter(const ZipWriter&) = delete;       // the callbacks hold &sink_
  ZipWriter& operator=(const ZipWriter&) = delete;
  ~ZipWriter() {
    if (handle_ != nullptr) zipClose(handle_, nullptr);
  }

  void add(const char* name, std::string_view content) {
    // A fixed 1980-01-01 timestamp keeps the output reproducible.
    zip_fileinfo info{};
    info.tmz_date.tm_mday = 1;
    info.tmz_date.tm_year = 1980;
    const int zip64 = content.size() >= 0xFFFFFFFFU ? 1 : 0;
    if (zipOpenNewFileInZip64(handle_, name, &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                              Z_DEFAULT_COMPRESSION, zip64) != ZIP_OK) {
      throw std::runtime_error(std::string("docx: cannot add ") + name);
    }
    constexpr std::size_t kChunk = std::size_t{1} << 20;  // the API takes an unsigned length
    while (!content.empty()) {
      const auto chunk = std::min(content.size(), kChunk);
      if (zipWriteInFileInZip(handle_, content.data(), static_cast<unsigned>(chunk)) != ZIP_OK) {
        throw std::runtime_error(std::string("docx: cannot write ") + name);
      }
      content.remove_prefix(chunk);
    }
    if (zipCloseFileInZip(handle_) != ZIP_OK) {
      throw std::runtime_error(std::string("docx: cannot close ") + name);
    }
  }

  std::string finish() {
    if (zipClose(std::exchange(handle_, nullptr), nullptr) != ZIP_OK) {
      throw std::runtime_error("docx: cannot finish the zip");
    }
    return std::move(sink_.data);
  }

 private:
  ZipSink sink_;
  zipFile handle_ = nullptr;
};

}  // namespace

std::string build_docx(const std::vector<DocxParagraph>& paragraphs, const DocxMeta& meta) {
  std::vector<Part> parts;
  parts.push_back({"_rels/.rels", nullptr, package_rels_xml()});
  parts.push_back({"docProps/core.xml", kCoreType, core_xml(meta)});
  parts.push_back({"docProps/app.xml", kAppType, app_xml()});
  parts.push_back({"word/document.xml", kDocumentType, document_xml(paragraphs)});
  parts.push_back({"word/styles.xml", kStylesType, styles_xml()});
  parts.push_back({"word/settings.xml", kSettingsType, settings_xml()});
  parts.push_back({"word/fontTable.xml", kFontTableType, font_table_xml()});
  parts.push_back({"word/footer1.xml", kFooterType, footer_xml()});
  parts.push_back({"word/_rels/document.xml.rels", nullptr, document_rels_xml()});

  ZipWriter zip;
  zip.add("[Content_Types].xml", content_types_xml(parts));  // first, as Office writes it
  for (const auto& part : parts) zip.add(part.name, part.xml);
  return zip.finish();
}

}  // namespace lvzhi::office
