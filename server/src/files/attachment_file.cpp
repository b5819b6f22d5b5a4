// Attachment names and content sniffing. The allowed types are few, so magic bytes are checked
// here directly (no libmagic); OOXML needs the zip's entry names, read by the hardened minizip
// code of the xlsx reader.
#include "files/attachment_file.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "excel/xlsx_reader.hpp"

namespace lvzhi::files {
namespace {

namespace err = contract::err;

constexpr std::size_t kMaxNameChars = 100;
// Enough for any real document (a .docx with hundreds of images); walking the central directory
// of that many entries is cheap.
constexpr std::size_t kMaxZipEntries = 10000;

Error bad_name(std::string message) {
  return make_error(err::kAttachmentBadName, std::move(message));
}

// Decodes well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF);
// nullopt otherwise.
std::optional<std::vector<char32_t>> decode_utf8(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    std::size_t length = 0;
    char32_t code = 0;
    char32_t min = 0;
    if (lead < 0x80) {
      out.push_back(lead);
      ++i;
      continue;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      code = lead & 0x1FU;
      min = 0x80;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      code = lead & 0x0FU;
      min = 0x800;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      code = lead & 0x07U;
      min = 0x10000;
    } else {
      return std::nullopt;  // a continuation byte, C0/C1 (overlong) or F5..FF
    }
    if (s.size() - i < length) return std::nullopt;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0U) != 0x80U) return std::nullopt;
      code = (code << 6) | (next & 0x3FU);
    }
    if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
    out.push_back(code);
    i += length;
  }
  return out;
}

// C0 and C1 controls, DEL, and the bidirectional formatting characters: U+202E (RIGHT-TO-LEFT
// OVERRIDE) makes "报告\u202Efdp.exe" display as "报告exe.pdf".
bool is_forbidden_control(char32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// ---------------------------------------------------------------------------------------------
// Content types.

enum class Kind { kPng, kJpeg, kPdf, kOle2, kDocx, kXlsx };

struct AllowedType {
  std::string_view extension;
  std::string_view media_type;
  Kind kind;
  std::string_view label;  // for messages: "…但内容不是 <label>"
};

constexpr std::array<AllowedType, 8> kAllowed{{
    {"png", "image/png", Kind::kPng, "PNG 图片"},
    {"jpg", "image/jpeg", Kind::kJpeg, "JPEG 图片"},
    {"jpeg", "image/jpeg", Kind::kJpeg, "JPEG 图片"},
    {"pdf", "application/pdf", Kind::kPdf, "PDF 文件"},
    {"doc", "application/msword", Kind::kOle2, "Word 97-2003 文档（.doc）"},
    {"xls", "application/vnd.ms-excel", Kind::kOle2, "Excel 97-2003 工作簿（.xls）"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", Kind::kDocx,
     "Word 文档（.docx）"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Kind::kXlsx,
     "Excel 工作簿（.xlsx）"},
}};

constexpr std::string_view kAllowedText =
    "只能上传图片（.png、.jpg、.jpeg）、PDF（.pdf）、Word（.doc、.docx）或 "
    "Excel（.xls、.xlsx）文件";

constexpr std::string_view kPngMagic = "\x89PNG\r\n\x1a\n";
constexpr std::string_view kJpegMagic = "\xFF\xD8\xFF";
constexpr std::string_view kPdfMagic = "%PDF-";
constexpr std::string_view kOle2Magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
constexpr std::string_view kZipMagic = "PK\x03\x04";

// The zip's entry names, lowercased with '/' separators and no leading '/'; nullopt when the
// content is no readable zip.
std::optional<std::vector<std::string>> zip_names(std::string_view content) {
  if (!content.starts_with(kZipMagic)) return std::nullopt;
  excel::ReadLimits limits;
  limits.max_compressed = std::numeric_limits<std::size_t>::max();  // the route caps the size
  limits.max_entries = kMaxZipEntries;
  auto names = excel::zip_entry_names(content, limits);
  if (!names) return std::nullopt;
  for (auto& name : names.value()) {
    for (char& c : name) {
      if (c == '\\') c = '/';
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    name.erase(0, name.find_first_not_of('/'));
  }
  return std::move(names.value());
}

bool has_folder(const std::vector<std::string>& names, std::string_view folder) {
  for (const auto& name : names) {
    if (name.starts_with(folder)) return true;
  }
  return false;
}

bool matches(Kind kind, std::string_view content) {
  switch (kind) {
    case Kind::kPng:
      return content.starts_with(kPngMagic);
    case Kind::kJpeg:
      return content.starts_with(kJpegMagic);
    case Kind::kPdf:
      return content.starts_with(kPdfMagic);
    case Kind::kOle2:
      return content.starts_with(kOle2Magic);
    case Kind::kDocx:
    case Kind::kXlsx: {
      const auto names = zip_names(content);
      return names && has_folder(*names, kind == Kind::kDocx ? "word/" : "xl/");
    }
  }
  return false;
}

// What the content looks like, for the mismatch message; empty when unknown.
std::string_view describe(std::string_view content) {
  if (content.starts_with(kPngMagic)) return "PNG 图片";
  if (content.starts_with(kJpegMagic)) return "JPEG 图片";
  if (content.starts_with(kPdfMagic)) return "PDF 文件";
  if (content.starts_with(kOle2Magic)) return "旧版 Office 文档（.doc 或 .xls）";
  if (content.starts_with("MZ") || content.starts_with("\x7F"
                                                       "ELF"))
    return "可执行程序";
  if (content.starts_with(kZipMagic)) {
    const auto names = zip_names(content);
    if (names && has_folder(*names, "word/")) return "Word 文档（.docx）";
    if (names && has_folder(*names, "xl/")) return "Excel 工作簿（.xlsx）";
    return "ZIP 压缩包";
  }
  return {};
}

// The extension for a message: only short alphanumeric ones are echoed.
std::string shown_extension(std::string_view extension) {
  constexpr std::size_t kMaxShown = 10;
  if (extension.empty() || extension.size() > kMaxShown) return {};
  for (const char c : extension) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum) return {};
  }
  return "." + std::string(extension);
}

}  // namespace

Result<std::string> check_file_name(std::string_view name) {
  const std::string trimmed = text::trim(name);
  if (trimmed.empty()) return bad_name("文件名为空");
  const auto chars = decode_utf8(trimmed);
  if (!chars) return bad_name("文件名不是有效的 UTF-8 文本");
  for (const char32_t c : *chars) {
    if (is_forbidden_control(c)) return bad_name("文件名不能包含控制字符");
  }
  if (chars->size() > kMaxNameChars) {
    return bad_name("文件名过长（最多 " + std::to_string(kMaxNameChars) + " 个字符，当前 " +
                    std::to_string(chars->size()) + " 个）");
  }
  if (trimmed.find_first_of("/\\") != std::string::npos) {
    return bad_name("文件名不能包含路径分隔符（/ 或 \\）");
  }
  // Characters Windows refuses in file names: the name must survive a download there.
  if (trimmed.find_first_of(":*?\"<>|") != std::string::npos) {
    return bad_name("文件名不能包含下列字符：: * ? \" < > |");
  }
  // "." and ".." (and "...") name no file; ".pdf" and "..pdf" have nothing before the extension.
  // Dots elsewhere ("a..pdf", "v1.2.pdf") are harmless: the name is only shown, never a path.
  if (trimmed.find_first_not_of('.') == std::string::npos) {
    return bad_name("文件名不能只由点号组成");
  }
  const auto stem = std::string_view(trimmed).substr(0, trimmed.rfind('.'));
  if (trimmed.find('.') != std::string::npos && stem.find_first_not_of(". ") == std::string::npos) {
    return bad_name("文件名不能只有扩展名");
  }
  return trimmed;
}

Result<std::string> sniff_media_type(std::string_view file_name, std::string_view content) {
  const auto dot = file_name.rfind('.');
  std::string extension;
  if (dot != std::string_view::npos) {
    extension.assign(file_name.substr(dot + 1));
    for (char& c : extension) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  if (extension.empty()) {
    return make_error(err::kAttachmentBadType, "文件没有扩展名，" + std::string(kAllowedText));
  }
  const AllowedType* allowed = nullptr;
  for (const auto& type : kAllowed) {
    if (type.extension == extension) allowed = &type;
  }
  if (allowed == nullptr) {
    const auto shown = shown_extension(extension);
    return make_error(
        err::kAttachmentBadType,
        (shown.empty() ? "不支持此类型的文件，" : "不支持 " + shown + " 文件，") +
            std::string(kAllowedText),
        Json{{"allowed", {"png", "jpg", "jpeg", "pdf", "doc", "docx", "xls", "xlsx"}}});
  }

  const std::string prefix = "文件扩展名为 ." + extension + "，但";
  if (content.empty()) return make_error(err::kAttachmentTypeMismatch, prefix + "文件内容为空");
  if (!matches(allowed->kind, content)) {
    std::string message = prefix + "内容不是 " + std::string(allowed->label);
    const auto looks_like = describe(content);
    if (!looks_like.empty()) message += "，看起来是 " + std::string(looks_like);
    return make_error(err::kAttachmentTypeMismatch, std::move(message));
  }
  return std::string(allowed->media_type);
}

}  // namespace lvzhi::files
