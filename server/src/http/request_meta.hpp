#pragma once
// Small, Beast-free facts about a request that both the pipeline and the network layer need
// (write methods, media types, request ids, proxy headers, accepted encodings).
#include <optional>
#include <string>
#include <string_view>

namespace lvzhi::http {

// POST, PUT, PATCH and DELETE change state: they need a CSRF token and a JSON body.
bool is_write_method(std::string_view method);
// The media type of a Content-Type value (parameters ignored) equals `expected`,
// case-insensitively.
bool is_media_type(std::string_view content_type, std::string_view expected);
// "application/json" with optional parameters ("; charset=utf-8"), any letter case.
bool is_json_media_type(std::string_view content_type);
// Accept-Encoding admits gzip (explicitly or via "*"), and not with q=0.
bool accepts_gzip(std::string_view accept_encoding);

// [A-Za-z0-9-]{1,64}: safe to echo in a header and to write into logs.
bool valid_request_id(std::string_view id);
// 16 random lower-case hex characters.
std::string generate_request_id();

// The client's address: the first X-Forwarded-For hop when the proxy is trusted and the hop looks
// like an IP address, else the socket's peer.
std::string client_ip(std::string_view remote_ip, std::optional<std::string_view> forwarded_for,
                      bool trust_proxy);
// X-Forwarded-Proto from a trusted proxy says whether the client used TLS.
bool forwarded_secure(std::optional<std::string_view> forwarded_proto, bool trust_proxy);

}  // namespace lvzhi::http
