// libFuzzer target for multipart/form-data uploads: parse_multipart, then check_file_name and
// sniff_media_type over every part, as the attachment route does. Must never crash or hang.
//
// Each input is parsed twice:
//   1. as the body, with the fixed Content-Type "multipart/form-data; boundary=XyZ" (the seeds
//      use that boundary), which reaches the part and header handling;
//   2. split at its first '\n' into a Content-Type and a body, which fuzzes the Content-Type
//      parameters and the boundary (quoted, odd characters, lengths) as well.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "files/attachment_file.hpp"
#include "http/multipart.hpp"

namespace {

using lvzhi::http::MultipartLimits;
using lvzhi::http::parse_multipart;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool inside(std::string_view view, std::string_view whole) {
  return view.data() >= whole.data() && view.size() <= whole.size() &&
         view.data() - whole.data() <= static_cast<std::ptrdiff_t>(whole.size() - view.size());
}

bool is_allowed_media_type(std::string_view type) {
  for (const std::string_view allowed :
       {"image/png", "image/jpeg", "application/pdf", "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}) {
    if (type == allowed) return true;
  }
  return false;
}

void check_upload(std::string_view content_type, std::string_view body,
                  const MultipartLimits& limits) {
  const auto parts = parse_multipart(content_type, body, limits);
  if (!parts.ok()) {
    check(parts.error().code() == "request.bad_multipart");
    check(parts.error().status() == 400);
    check(!parts.error().message.empty());
    return;
  }
  check(parts->size() <= limits.max_parts);
  for (const auto& part : parts.value()) {
    check(!part.name.empty());
    check(part.data.empty() || inside(part.data, body));
    const std::string_view file_name = part.filename ? std::string_view(*part.filename) : part.name;

    const auto name = lvzhi::files::check_file_name(file_name);
    if (name.ok()) {
      check(!name->empty() && name->size() <= 400);  // 100 characters of at most 4 bytes
      check(name->find_first_of("/\\") == std::string::npos);
      check(name->front() != ' ' && name->back() != ' ');
    } else {
      check(name.error().code() == "attachment.bad_name");
    }

    const auto type = lvzhi::files::sniff_media_type(file_name, part.data);
    if (type.ok()) {
      check(is_allowed_media_type(type.value()));
    } else {
      check(type.error().code() == "attachment.bad_type" ||
            type.error().code() == "attachment.type_mismatch");
      check(type.error().status() == 415);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const MultipartLimits limits{};
  static const MultipartLimits tight{2, 64};
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  check_upload("multipart/form-data; boundary=XyZ", input, limits);
  check_upload("multipart/form-data; boundary=XyZ", input, tight);

  const auto newline = input.find('\n');
  if (newline != std::string_view::npos) {
    check_upload(input.substr(0, newline), input.substr(newline + 1), limits);
  }
  return 0;
}
