#pragma once
// Builds a .docx (WordprocessingML) in memory, laid out as a Chinese official document
// (GB/T 9704: A4, 仿宋_GB2312 三号 body on a fixed 28 pt line, centered page numbers "— N —").
#include <string>
#include <vector>

namespace lvzhi::office {

struct DocxRun {
  std::string text;  // UTF-8; '\n' breaks the line, '\t' is a tab, other control chars are dropped
  bool bold = false;
};

struct DocxParagraph {
  // Each maps to a named paragraph style in styles.xml, so the user can restyle in Word.
  // kTitle 方正小标宋简体 二号 centered · kSubtitle 楷体_GB2312 三号 centered · kHeading 黑体 三号
  // (body indent, outline level 1) · kBody 仿宋_GB2312 三号 justified, first line indented two
  // characters · kRight / kCenter body aligned so, no indent · kLabel body without indent.
  enum class Style { kTitle, kSubtitle, kHeading, kBody, kRight, kCenter, kLabel };
  Style style = Style::kBody;
  std::vector<DocxRun> runs;  // text may contain '\n' → line breaks within the paragraph
  bool page_break_before = false;
  bool keep_with_next = false;
};

struct DocxMeta {
  std::string title;
  std::string author;
  std::string subject;
  long long created_at = 0;  // unix seconds; 0 (or outside 1970–9999) leaves the dates out
};

// A complete .docx file (zip bytes): [Content_Types].xml, _rels/.rels, docProps/core.xml,
// docProps/app.xml, word/document.xml, word/styles.xml, word/settings.xml, word/fontTable.xml
// (font fallbacks), word/footer1.xml (page number), word/_rels/document.xml.rels.
// The same input gives the same bytes. Throws std::runtime_error only if zipping fails.
std::string build_docx(const std::vector<DocxParagraph>& paragraphs, const DocxMeta& meta);

}  // namespace lvzhi::office
