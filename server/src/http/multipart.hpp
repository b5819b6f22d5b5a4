#pragma once
// multipart/form-data bodies (RFC 7578), parsed from the whole body the server already holds.
// Uploads are untrusted: every size is capped and every malformed body is a 400, never a crash
// (fuzzed by tests/fuzz/fuzz_multipart.cpp).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace lvzhi::http {

struct MultipartPart {
  std::string name;  // Content-Disposition name="…"
  // filename="…" as sent (backslash escapes undone; unvalidated; may be empty), or the decoded
  // filename*=UTF-8''… (percent-encoded, RFC 8187) when that is present: it is preferred.
  std::optional<std::string> filename;
  std::string content_type;  // the part's Content-Type, "" when absent
  std::string_view data;     // points into the parsed body
};

struct MultipartLimits {
  std::size_t max_parts = 8;
  std::size_t max_header_bytes = 4096;  // one part's header block (its lines with their CRLFs)
};

// content_type: the request's Content-Type header (must be multipart/form-data with a boundary).
// 400 request.bad_multipart on anything malformed (missing/overlong boundary, no closing
// delimiter, a part without Content-Disposition or name, too many parts, oversized headers).
// The message names the reason (and the part: "第 2 部分…", details.part) in Chinese.
// Accepted: a preamble and an epilogue (ignored), transport padding after a boundary, header
// names in any case, folded header lines, other headers (ignored), and an empty form (a body
// that is only the close delimiter: no parts). Refused besides the above: anything but
// whitespace + CRLF or "--" after a boundary, duplicate Content-Disposition / Content-Type /
// parameters, a Content-Transfer-Encoding other than binary/8bit/7bit, control characters or
// bare CR/LF in part headers, an empty name, a filename* in another charset than UTF-8.
// The parts' data are views into `body`, which must outlive them.
Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type,
                                                   std::string_view body,
                                                   const MultipartLimits& limits = {});

}  // namespace lvzhi::http
