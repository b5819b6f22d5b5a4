#include "http/request_meta.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>

namespace lvzhi::http {
namespace {

constexpr std::size_t kMaxRequestIdLength = 64;
constexpr std::size_t kGeneratedIdLength = 16;
constexpr std::size_t kMaxIpLength = 45;  // longest textual IPv6 (with an embedded IPv4)

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return lower(x) == lower(y); });
}

bool looks_like_ip(std::string_view text) {
  const auto ip_char = [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
           c == ':';
  };
  return !text.empty() && text.size() <= kMaxIpLength &&
         std::all_of(text.begin(), text.end(), ip_char);
}

// q=0 means "not acceptable"; any other or no q value means acceptable.
bool q_is_zero(std::string_view params) {
  while (!params.empty()) {
    const auto semicolon = params.find(';');
    const std::string_view param = trim(params.substr(0, semicolon));
    params =
        semicolon == std::string_view::npos ? std::string_view{} : params.substr(semicolon + 1);
    if (param.size() < 2 || lower(param[0]) != 'q' || param[1] != '=') continue;
    const std::string_view value = param.substr(2);
    return !value.empty() &&
           std::all_of(value.begin(), value.end(), [](char c) { return c == '0' || c == '.'; });
  }
  return false;
}

}  // namespace

bool is_write_method(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool is_media_type(std::string_view content_type, std::string_view expected) {
  return iequals(trim(content_type.substr(0, content_type.find(';'))), expected);
}

bool is_json_media_type(std::string_view content_type) {
  return is_media_type(content_type, "application/json");
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> gzip;
  bool wildcard = false;
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    const std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const auto semicolon = item.find(';');
    const std::string_view coding = trim(item.substr(0, semicolon));
    const bool acceptable =
        semicolon == std::string_view::npos || !q_is_zero(item.substr(semicolon + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip"))
      gzip = gzip.value_or(false) || acceptable;
    if (coding == "*") wildcard = acceptable;
  }
  return gzip.value_or(wildcard);
}

bool valid_request_id(std::string_view id) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  };
  return !id.empty() && id.size() <= kMaxRequestIdLength &&
         std::all_of(id.begin(), id.end(), allowed);
}

std::string generate_request_id() {
  // Request ids correlate log lines; they need to be unique, not secret, so a per-thread PRNG
  // seeded from the OS is enough and keeps the IO threads off a lock.
  thread_local std::mt19937_64 engine = [] {
    std::random_device device;
    std::seed_seq seed{device(), device(), device(), device()};
    return std::mt19937_64(seed);
  }();
  constexpr std::array<char, 16> kHex{'0', '1', '2', '3', '4', '5', '6', '7',
                                      '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  std::uint64_t bits = engine();
  std::string id(kGeneratedIdLength, '0');
  for (auto& c : id) {
    c = kHex[bits & 0xFU];
    bits >>= 4U;
  }
  return id;
}

std::string client_ip(std::string_view remote_ip, std::optional<std::string_view> forwarded_for,
                      bool trust_proxy) {
  if (trust_proxy && forwarded_for) {
    const std::string_view first = trim(forwarded_for->substr(0, forwarded_for->find(',')));
    if (looks_like_ip(first)) return std::string(first);
  }
  return std::string(remote_ip);
}

bool forwarded_secure(std::optional<std::string_view> forwarded_proto, bool trust_proxy) {
  if (!trust_proxy || !forwarded_proto) return false;
  return iequals(trim(forwarded_proto->substr(0, forwarded_proto->find(','))), "https");
}

}  // namespace lvzhi::http
