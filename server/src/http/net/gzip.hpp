#pragma once
// gzip (RFC 1952) compression of response bodies with zlib.
#include <optional>
#include <string>
#include <string_view>

namespace lvzhi::http::net {

// nullopt if zlib fails (the caller then sends the body uncompressed).
std::optional<std::string> gzip_compress(std::string_view input);

}  // namespace lvzhi::http::net
