// The docx writer: the package is opened with minizip's unzip API and every part parsed with
// pugixml; paragraph formatting is checked as Word resolves it (style → basedOn → docDefaults).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <unzip.h>
#include <pugixml.hpp>

#include "excel/docx_writer.hpp"

namespace lvzhi::office {
namespace {

using Style = DocxParagraph::Style;

// ---- unzip from memory ----------------------------------------------------------------------

struct Source {
  std::string_view data;
  std::uint64_t pos = 0;
};

voidpf ZCALLBACK src_open(voidpf opaque, const void* /*name*/, int /*mode*/) { return opaque; }
uLong ZCALLBACK src_read(voidpf /*opaque*/, voidpf stream, void* buf, uLong size) {
  auto* src = static_cast<Source*>(stream);
  if (src->pos >= src->data.size()) return 0;
  const auto count = std::min<std::uint64_t>(size, src->data.size() - src->pos);
  std::memcpy(buf, src->data.data() + src->pos, count);
  src->pos += count;
  return static_cast<uLong>(count);
}
uLong ZCALLBACK src_write(voidpf /*opaque*/, voidpf /*stream*/, const void* /*buf*/,
                          uLong /*size*/) {
  return 0;
}
ZPOS64_T ZCALLBACK src_tell(voidpf /*opaque*/, voidpf stream) {
  return static_cast<Source*>(stream)->pos;
}
long ZCALLBACK src_seek(voidpf /*opaque*/, voidpf stream, ZPOS64_T offset, int origin) {
  auto* src = static_cast<Source*>(stream);
  const std::uint64_t base = origin == ZLIB_FILEFUNC_SEEK_SET   ? 0
                             : origin == ZLIB_FILEFUNC_SEEK_CUR ? src->pos
                                                                : src->data.size();
  if (base + offset > src->data.size()) return -1;
  src->pos = base + offset;
  return 0;
}
int ZCALLBACK src_close(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }
int ZCALLBACK src_error(voidpf /*opaque*/, voidpf /*stream*/) { return 0; }

// Every entry in zip order, inflated; CRCs are checked by unzCloseCurrentFile.
std::vector<std::pair<std::string, std::string>> unzip_all(std::string_view bytes) {
  Source src{bytes};
  zlib_filefunc64_def funcs{};
  funcs.zopen64_file = src_open;
  funcs.zread_file = src_read;
  funcs.zwrite_file = src_write;
  funcs.ztell64_file = src_tell;
  funcs.zseek64_file = src_seek;
  funcs.zclose_file = src_close;
  funcs.zerror_file = src_error;
  funcs.opaque = &src;
  std::vector<std::pair<std::string, std::string>> entries;
  unzFile zip = unzOpen2_64("test.docx", &funcs);
  if (zip == nullptr) {
    ADD_FAILURE() << "not a zip";
    return entries;
  }
  for (int rc = unzGoToFirstFile(zip); rc == UNZ_OK; rc = unzGoToNextFile(zip)) {
    unz_file_info64 info{};
    char name[256] = {};
    EXPECT_EQ(unzGetCurrentFileInfo64(zip, &info, name, sizeof name - 1, nullptr, 0, nullptr, 0),
              UNZ_OK);
    EXPECT_EQ(unzOpenCurrentFile(zip), UNZ_OK) << name;
    std::string content(info.uncompressed_size, '\0');
    const int read = unzReadCurrentFile(zip, content.data(), static_cast<unsigned>(content.size()));
    EXPECT_EQ(read, static_cast<int>(content.size())) << name;
    EXPECT_EQ(unzCloseCurrentFile(zip), UNZ_OK) << name;  // UNZ_CRCERROR on a bad CRC
    entries.emplace_back(name, std::move(content));
  }
  unzClose(zip);
  return entries;
}

// ---- the package ----------------------------------------------------------------------------

const std::vector<std::string> kExpectedParts = {
    "[Content_Types].xml", "_rels/.rels",
    "docProps/core.xml",   "docProps/app.xml",
    "word/document.xml",   "word/styles.xml",
    "word/settings.xml",   "word/fontTable.xml",
    "word/footer1.xml",    "word/_rels/document.xml.rels"};

class Docx {
 public:
  explicit Docx(const std::vector<DocxParagraph>& paragraphs, const DocxMeta& meta = {})
      : bytes_(build_docx(paragraphs, meta)), entries_(unzip_all(bytes_)) {}

  [[nodiscard]] const std::string& bytes() const { return bytes_; }

  [[nodiscard]] std::vector<std::string> names() const {
    std::vector<std::string> names;
    for (const auto& entry : entries_) names.push_back(entry.first);
    return names;
  }

  // The raw text of a part; "" (and a test failure) when it is missing.
  [[nodiscard]] const std::string& raw(const std::string& name) const {
    static const std::string kNone;
    for (const auto& entry : entries_) {
      if (entry.first == name) return entry.second;
    }
    ADD_FAILURE() << "no part " << name;
    return kNone;
  }

  // The part parsed; an empty document (and a test failure) when it is not well-formed.
  const pugi::xml_document& xml(const std::string& name) {
    auto& slot = parsed_[name];
    if (!slot) {
      slot = std::make_unique<pugi::xml_document>();
      const auto& text = raw(name);
      const auto result =
          slot->load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
      if (!result) {
        ADD_FAILURE() << name << ": " << result.description() << " at " << result.offset;
      }
    }
    return *slot;
  }

  [[nodiscard]] std::vector<pugi::xml_node> paragraphs() {
    std::vector<pugi::xml_node> out;
    for (const auto& hit : xml("word/document.xml").select_nodes("/w:document/w:body/w:p")) {
      out.push_back(hit.node());
    }
    return out;
  }

 private:
  std::string bytes_;
  std::vector<std::pair<std::string, std::string>> entries_;
  std::map<std::string, std::unique_ptr<pugi::xml_document>> parsed_;
};

// A paragraph's text as the writer was given it: w:t text, w:tab → '\t', w:br → '\n'.
std::string text_of(pugi::xml_node paragraph) {
  std::string out;
  for (auto run : paragraph.children("w:r")) {
    for (auto child : run.children()) {
      const std::string_view name = child.name();
      if (name == "w:t") out += child.text().get();
      if (name == "w:tab") out += '\t';
      if (name == "w:br") out += '\n';
    }
  }
  return out;
}

std::vector<std::string> texts(Docx& docx) {
  std::vector<std::string> out;
  for (auto p : docx.paragraphs()) out.push_back(text_of(p));
  return out;
}

DocxParagraph para(std::string text, Style style = Style::kBody) {
  DocxParagraph p;
  p.style = style;
  p.runs.push_back({std::move(text)});
  return p;
}

pugi::xml_node style_node(const pugi::xml_document& styles, const std::string& id) {
  return styles.select_node(("/w:styles/w:style[@w:styleId='" + id + "']").c_str()).node();
}

// The style a paragraph uses: its w:pStyle, else the default paragraph style.
std::string style_of(pugi::xml_node paragraph, const pugi::xml_document& styles) {
  const auto explicit_style = paragraph.child("w:pPr").child("w:pStyle").attribute("w:val");
  if (explicit_style) return explicit_style.value();
  return styles.select_node("/w:styles/w:style[@w:type='paragraph' and @w:default='1']")
      .node()
      .attribute("w:styleId")
      .value();
}

// An attribute as Word resolves it: the style, its basedOn chain, then docDefaults.
// path is relative to the style, e.g. "w:pPr/w:jc".
std::string resolved(const pugi::xml_document& styles, std::string id, const std::string& path,
                     const char* attribute) {
  for (int depth = 0; !id.empty() && depth < 10; ++depth) {
    const auto style = style_node(styles, id);
    if (!style) return "<no style " + id + ">";
    if (const auto value = style.select_node(path.c_str()).node().attribute(attribute)) {
      return value.value();
    }
    id = style.child("w:basedOn").attribute("w:val").value();
  }
  const auto defaults = "/w:styles/w:docDefaults/*/" + path;
  if (const auto value = styles.select_node(defaults.c_str()).node().attribute(attribute)) {
    return value.value();
  }
  return "<unset>";
}

// ---- tests ----------------------------------------------------------------------------------

TEST(DocxWriter, PackageHoldsEveryPartContentTypesFirst) {
  Docx docx({para("正文")});
  EXPECT_EQ(docx.bytes().substr(0, 2), "PK");
  EXPECT_EQ(docx.names(), kExpectedParts);
}

TEST(DocxWriter, EveryPartIsWellFormedXmlWithADeclaration) {
  Docx docx({para("正文")}, {.title = "标题", .author = "作者"});
  const std::map<std::string, std::string> roots = {
      {"[Content_Types].xml", "Types"},
      {"_rels/.rels", "Relationships"},
      {"docProps/core.xml", "cp:coreProperties"},
      {"docProps/app.xml", "Properties"},
      {"word/document.xml", "w:document"},
      {"word/styles.xml", "w:styles"},
      {"word/settings.xml", "w:settings"},
      {"word/fontTable.xml", "w:fonts"},
      {"word/footer1.xml", "w:ftr"},
      {"word/_rels/document.xml.rels", "Relationships"}};
  for (const auto& name : kExpectedParts) {
    EXPECT_EQ(docx.xml(name).document_element().name(), roots.at(name)) << name;
    EXPECT_EQ(docx.raw(name).rfind(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)", 0),
              0U)
        << name;
  }
}

TEST(DocxWriter, ContentTypesAndRelationshipsPointAtRealParts) {
  Docx docx({para("正文")});
  const auto names = docx.names();
  const auto has = [&](const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  const auto& types = docx.xml("[Content_Types].xml");
  std::map<std::string, std::string> overrides;
  for (const auto& hit : types.select_nodes("/Types/Override")) {
    const std::string part = hit.node().attribute("PartName").value();
    EXPECT_TRUE(has(part.substr(1))) << part;
    overrides[part] = hit.node().attribute("ContentType").value();
  }
  EXPECT_EQ(overrides["/word/document.xml"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
  EXPECT_EQ(overrides["/word/footer1.xml"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml");
  EXPECT_EQ(overrides.size(), 7U);  // every part but the two .rels (a Default covers those)
  for (const auto& name : names) {
    if (name.ends_with(".rels") || name == "[Content_Types].xml") continue;
    EXPECT_TRUE(overrides.contains("/" + name)) << name;
  }

  const auto targets = [&](const std::string& rels, const std::string& base) {
    std::map<std::string, std::string> by_type;
    for (const auto& hit : docx.xml(rels).select_nodes("/Relationships/Relationship")) {
      const std::string target = base + hit.node().attribute("Target").value();
      EXPECT_TRUE(has(target)) << rels << " → " << target;
      std::string type = hit.node().attribute("Type").value();
      by_type[type.substr(type.rfind('/') + 1)] = target;
    }
    return by_type;
  };
  const auto package = targets("_rels/.rels", "");
  EXPECT_EQ(package.at("officeDocument"), "word/document.xml");
  EXPECT_EQ(package.at("core-properties"), "docProps/core.xml");
  EXPECT_EQ(package.at("extended-properties"), "docProps/app.xml");
  const auto document = targets("word/_rels/document.xml.rels", "word/");
  EXPECT_EQ(document.at("styles"), "word/styles.xml");
  EXPECT_EQ(document.at("settings"), "word/settings.xml");
  EXPECT_EQ(document.at("fontTable"), "word/fontTable.xml");
  EXPECT_EQ(document.at("footer"), "word/footer1.xml");
}

TEST(DocxWriter, ParagraphTextsComeBackInOrder) {
  DocxParagraph mixed;
  mixed.runs = {{"第一段"}, {"加粗", true}, {"之后"}};
  Docx docx({para("关于印发《年度履职报告》的通知", Style::kTitle), mixed,
             para("二〇二四年三月一日", Style::kRight)});
  EXPECT_EQ(texts(docx), (std::vector<std::string>{"关于印发《年度履职报告》的通知",
                                                   "第一段加粗之后", "二〇二四年三月一日"}));
}

TEST(DocxWriter, SpecialCharactersRoundTripEscaped) {
  const std::string special = "<>&\"' and 中文";
  Docx docx({para(special)}, {.title = special, .author = "A&B <x>"});
  EXPECT_EQ(texts(docx), std::vector<std::string>{special});
  const auto& raw = docx.raw("word/document.xml");
  EXPECT_NE(raw.find("&lt;&gt;&amp;"), std::string::npos);
  EXPECT_EQ(raw.find("<>&"), std::string::npos);
  const auto& core = docx.xml("docProps/core.xml");
  EXPECT_STREQ(core.select_node("//dc:title").node().text().get(), special.c_str());
  EXPECT_STREQ(core.select_node("//dc:creator").node().text().get(), "A&B <x>");
}

TEST(DocxWriter, IllegalXmlCharactersAreRemoved) {
  // NUL, SOH, BS, VT, FF, US are illegal in XML 1.0; so are U+FFFE and bytes that are no UTF-8.
  const std::string dirty = std::string("a\0b", 3) + "\x01" + "c\x08\x0B\x0C" + "d\x1F" +
                            "e\xEF\xBF\xBE" + "f\xFF" + "g\xC0\xAF" + "h\xED\xA0\x80" + "i";
  Docx docx({para(dirty)}, {.title = "t\x01itle"});
  EXPECT_EQ(texts(docx), std::vector<std::string>{"abcdef\xEF\xBF\xBDg\xEF\xBF\xBD\xEF\xBF\xBDh"
                                                  "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDi"});
  EXPECT_EQ(docx.raw("word/document.xml").find("&#"), std::string::npos);
  EXPECT_STREQ(docx.xml("docProps/core.xml").select_node("//dc:title").node().text().get(),
               "title");
}

TEST(DocxWriter, NewlinesBecomeBreaksAndTabsBecomeTabs) {
  Docx docx({para("第一行\n第二行\t尾\r\n末行\r终")});
  const auto paragraphs = docx.paragraphs();
  ASSERT_EQ(paragraphs.size(), 1U);
  std::vector<std::string> children;
  for (auto child : paragraphs[0].child("w:r").children()) children.emplace_back(child.name());
  EXPECT_EQ(children, (std::vector<std::string>{"w:t", "w:br", "w:t", "w:tab", "w:t", "w:br", "w:t",
                                                "w:br", "w:t"}));
  EXPECT_EQ(text_of(paragraphs[0]), "第一行\n第二行\t尾\n末行\n终");
  EXPECT_EQ(docx.raw("word/document.xml").find('\n'), std::string::npos);
}

TEST(DocxWriter, SpacesArePreserved) {
  Docx docx({para("  前后  空格  ")});
  const auto t = docx.paragraphs().at(0).child("w:r").child("w:t");
  EXPECT_STREQ(t.attribute("xml:space").value(), "preserve");
  EXPECT_STREQ(t.text().get(), "  前后  空格  ");
}

TEST(DocxWriter, BoldRunsCarryBold) {
  DocxParagraph p;
  p.runs = {{"普通"}, {"加粗", true}, {""}, {"\x01"}};  // the last two write no run
  Docx docx({p});
  const auto runs = docx.paragraphs().at(0).children("w:r");
  const std::vector<pugi::xml_node> list(runs.begin(), runs.end());
  ASSERT_EQ(list.size(), 2U);
  EXPECT_FALSE(list[0].child("w:rPr"));
  EXPECT_TRUE(list[1].child("w:rPr").child("w:b"));
  EXPECT_TRUE(list[1].child("w:rPr").child("w:bCs"));
  EXPECT_STREQ(list[1].child("w:t").text().get(), "加粗");
}

TEST(DocxWriter, TitleIsCenteredInXiaobiaosongErhao) {
  Docx docx({para("标题", Style::kTitle)});
  const auto& styles = docx.xml("word/styles.xml");
  const auto title = docx.paragraphs().at(0);
  ASSERT_EQ(style_of(title, styles), "Title");
  EXPECT_EQ(resolved(styles, "Title", "w:pPr/w:jc", "w:val"), "center");
  EXPECT_EQ(resolved(styles, "Title", "w:rPr/w:rFonts", "w:eastAsia"), "方正小标宋简体");
  EXPECT_EQ(resolved(styles, "Title", "w:rPr/w:sz", "w:val"), "44");
  EXPECT_EQ(resolved(styles, "Title", "w:pPr/w:ind", "w:firstLineChars"), "0");
}

TEST(DocxWriter, EachStyleResolvesToTheOfficialLayout) {
  struct Expected {
    Style style;
    const char* jc;
    const char* east_asia;
    const char* size;
    const char* indent_chars;
  };
  const std::vector<Expected> table = {
      {Style::kTitle, "center", "方正小标宋简体", "44", "0"},
      {Style::kSubtitle, "center", "楷体_GB2312", "32", "0"},
      {Style::kHeading, "both", "黑体", "32", "200"},
      {Style::kBody, "both", "仿宋_GB2312", "32", "200"},
      {Style::kRight, "right", "仿宋_GB2312", "32", "0"},
      {Style::kCenter, "center", "仿宋_GB2312", "32", "0"},
      {Style::kLabel, "both", "仿宋_GB2312", "32", "0"},
  };
  std::vector<DocxParagraph> paragraphs;
  paragraphs.reserve(table.size());
  for (const auto& row : table) paragraphs.push_back(para("文字", row.style));
  Docx docx(paragraphs);
  const auto& styles = docx.xml("word/styles.xml");
  const auto nodes = docx.paragraphs();
  ASSERT_EQ(nodes.size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    const auto id = style_of(nodes[i], styles);
    SCOPED_TRACE("paragraph " + std::to_string(i) + " style " + id);
    ASSERT_TRUE(style_node(styles, id));
    EXPECT_EQ(resolved(styles, id, "w:pPr/w:jc", "w:val"), table[i].jc);
    EXPECT_EQ(resolved(styles, id, "w:rPr/w:rFonts", "w:eastAsia"), table[i].east_asia);
    EXPECT_EQ(resolved(styles, id, "w:rPr/w:rFonts", "w:ascii"), "Times New Roman");
    EXPECT_EQ(resolved(styles, id, "w:rPr/w:rFonts", "w:hAnsi"), "Times New Roman");
    EXPECT_EQ(resolved(styles, id, "w:rPr/w:sz", "w:val"), table[i].size);
    EXPECT_EQ(resolved(styles, id, "w:pPr/w:ind", "w:firstLineChars"), table[i].indent_chars);
    EXPECT_EQ(resolved(styles, id, "w:pPr/w:spacing", "w:line"), "560");
    EXPECT_EQ(resolved(styles, id, "w:pPr/w:spacing", "w:lineRule"), "exact");
  }
  EXPECT_EQ(resolved(styles, "Heading1", "w:pPr/w:outlineLvl", "w:val"), "0");
}

TEST(DocxWriter, FontTableNamesFallbacks) {
  Docx docx({para("正文")});
  const auto& fonts = docx.xml("word/fontTable.xml");
  const auto alt = [&](const std::string& name) {
    return std::string(
        fonts.select_node(("/w:fonts/w:font[@w:name='" + name + "']/w:altName").c_str())
            .node()
            .attribute("w:val")
            .value());
  };
  EXPECT_EQ(alt("仿宋_GB2312"), "仿宋");
  EXPECT_EQ(alt("方正小标宋简体"), "宋体");
  EXPECT_EQ(alt("楷体_GB2312"), "楷体");
}

TEST(DocxWriter, PageIsA4WithOfficialMarginsAndNumberedFooter) {
  Docx docx({para("正文")});
  const auto& document = docx.xml("word/document.xml");
  const auto sect = document.select_node("/w:document/w:body/w:sectPr").node();
  ASSERT_TRUE(sect);
  EXPECT_TRUE(sect == document.document_element().child("w:body").last_child());  // last
  EXPECT_STREQ(sect.child("w:pgSz").attribute("w:w").value(), "11906");
  EXPECT_STREQ(sect.child("w:pgSz").attribute("w:h").value(), "16838");
  const auto margins = sect.child("w:pgMar");
  EXPECT_STREQ(margins.attribute("w:top").value(), "2098");     // 37 mm
  EXPECT_STREQ(margins.attribute("w:bottom").value(), "1984");  // 35 mm
  EXPECT_STREQ(margins.attribute("w:left").value(), "1587");    // 28 mm
  EXPECT_STREQ(margins.attribute("w:right").value(), "1474");   // 26 mm

  const std::string footer_id = sect.child("w:footerReference").attribute("r:id").value();
  const auto rel =
      docx.xml("word/_rels/document.xml.rels")
          .select_node(("/Relationships/Relationship[@Id='" + footer_id + "']").c_str())
          .node();
  EXPECT_STREQ(rel.attribute("Target").value(), "footer1.xml");

  const auto& footer = docx.xml("word/footer1.xml");
  const auto field = footer.select_node("/w:ftr/w:p/w:fldSimple").node();
  EXPECT_STREQ(field.attribute("w:instr").value(), " PAGE ");
  const auto& styles = docx.xml("word/styles.xml");
  const auto footer_style = style_of(footer.select_node("/w:ftr/w:p").node(), styles);
  EXPECT_EQ(resolved(styles, footer_style, "w:pPr/w:jc", "w:val"), "center");
  EXPECT_EQ(resolved(styles, footer_style, "w:pPr/w:ind", "w:firstLineChars"), "0");
}

TEST(DocxWriter, PageBreakAndKeepWithNext) {
  auto heading = para("一、总体情况", Style::kHeading);
  heading.page_break_before = true;
  heading.keep_with_next = true;
  Docx docx({para("前文"), heading});
  const auto nodes = docx.paragraphs();
  ASSERT_EQ(nodes.size(), 2U);
  EXPECT_FALSE(nodes[0].child("w:pPr"));
  const auto ppr = nodes[1].child("w:pPr");
  EXPECT_TRUE(ppr.child("w:pageBreakBefore"));
  EXPECT_TRUE(ppr.child("w:keepNext"));
  // Schema order: pStyle, keepNext, …, pageBreakBefore.
  std::vector<std::string> order;
  for (auto child : ppr.children()) order.emplace_back(child.name());
  EXPECT_EQ(order, (std::vector<std::string>{"w:pStyle", "w:keepNext", "w:pageBreakBefore"}));
}

TEST(DocxWriter, CorePropertiesHoldTheMeta) {
  Docx docx({para("正文")}, {.title = "2024年度履职报告",
                             .author = "办公室",
                             .subject = "年度报告",
                             .created_at = 1709281800});
  const auto& core = docx.xml("docProps/core.xml");
  EXPECT_STREQ(core.select_node("//dc:title").node().text().get(), "2024年度履职报告");
  EXPECT_STREQ(core.select_node("//dc:creator").node().text().get(), "办公室");
  EXPECT_STREQ(core.select_node("//dc:subject").node().text().get(), "年度报告");
  const auto created = core.select_node("//dcterms:created").node();
  EXPECT_STREQ(created.text().get(), "2024-03-01T08:30:00Z");
  EXPECT_STREQ(created.attribute("xsi:type").value(), "dcterms:W3CDTF");
  EXPECT_STREQ(core.select_node("//dcterms:modified").node().text().get(), "2024-03-01T08:30:00Z");
}

TEST(DocxWriter, CorePropertiesLeaveOutWhatIsUnset) {
  Docx docx({para("正文")}, {.title = "只有标题"});
  const auto& core = docx.xml("docProps/core.xml");
  EXPECT_STREQ(core.select_node("//dc:title").node().text().get(), "只有标题");
  EXPECT_FALSE(core.select_node("//dc:creator"));
  EXPECT_FALSE(core.select_node("//dcterms:created"));
}

TEST(DocxWriter, EmptyParagraphListGivesAValidDocument) {
  Docx docx(std::vector<DocxParagraph>{});
  EXPECT_EQ(docx.names(), kExpectedParts);
  for (const auto& name : kExpectedParts) EXPECT_TRUE(docx.xml(name).document_element()) << name;
  const auto body = docx.xml("word/document.xml").document_element().child("w:body");
  std::vector<std::string> children;
  for (auto child : body.children()) children.emplace_back(child.name());
  EXPECT_EQ(children, (std::vector<std::string>{"w:p", "w:sectPr"}));
  EXPECT_EQ(texts(docx), std::vector<std::string>{""});
}

TEST(DocxWriter, SameInputGivesSameBytes) {
  const std::vector<DocxParagraph> paragraphs = {para("标题", Style::kTitle), para("正文")};
  const DocxMeta meta{.title = "标题", .created_at = 1709281800};
  EXPECT_EQ(build_docx(paragraphs, meta), build_docx(paragraphs, meta));
}

}  // namespace
}  // namespace lvzhi::office
