#pragma once
// What an uploaded attachment may be: a safe file name, and content whose magic bytes match an
// allowed type and the name's extension (a renamed .exe is not a .pdf).
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace lvzhi::files {

// The checked display name: trimmed; 422 attachment.bad_name for empty, > 100 characters (code
// points), path separators (/ \), the other characters Windows refuses (: * ? " < > |), control
// characters (C0, DEL, C1 and the bidirectional overrides that can disguise an extension), invalid
// UTF-8, a name of dots only ("." "..") or one that is only an extension (".pdf", "..pdf").
// Dots inside a name ("a..pdf") are accepted: the name is only displayed, never used as a path.
Result<std::string> check_file_name(std::string_view name);

// The media type of the content, checked against the name's extension (case-insensitive):
// .png image/png · .jpg/.jpeg image/jpeg · .pdf application/pdf · .doc application/msword ·
// .xls application/vnd.ms-excel · .docx / .xlsx their OOXML types (a zip holding word/ resp. xl/).
// 415 attachment.bad_type for any other extension; 415 attachment.type_mismatch when the content
// is not what the extension says (or is empty). .doc and .xls are only checked for the OLE2
// compound-file signature, which both share.
Result<std::string> sniff_media_type(std::string_view file_name, std::string_view content);

}  // namespace lvzhi::files
