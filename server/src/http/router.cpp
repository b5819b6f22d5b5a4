#include "http/router.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace lvzhi::http {
namespace {

// Deeper paths than this match no route; it also bounds the work a hostile path can cause.
constexpr std::size_t kMaxSegments = 32;
constexpr std::size_t kMaxQueryParams = 256;

bool is_param(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

bool valid_param_name(std::string_view name) {
  if (name.empty()) return false;
  const auto identifier_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  return std::all_of(name.begin(), name.end(), identifier_char) &&
         !(name.front() >= '0' && name.front() <= '9');
}

bool valid_method(std::string_view method) {
  return !method.empty() &&
         std::all_of(method.begin(), method.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// "/a/{id}" → ["a", "{id}"]; "/" → []. Empty segments come back as "" so callers can reject them.
template <class Out>
bool split_path(std::string_view path, std::vector<Out>& out, std::size_t max_segments) {
  out.clear();
  if (path.empty() || path.front() != '/') return false;
  if (path.size() == 1) return true;
  std::size_t start = 1;
  while (true) {
    if (out.size() == max_segments) return false;
    const auto slash = path.find('/', start);
    out.emplace_back(path.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
    if (slash == std::string_view::npos) return true;
    start = slash + 1;
  }
}

std::vector<std::string> parse_pattern(const std::string& pattern) {
  std::vector<std::string> segments;
  if (!split_path(std::string_view(pattern), segments, kMaxSegments)) {
    throw std::invalid_argument("route pattern must start with '/' and have at most 32 segments: " +
                                pattern);
  }
  std::vector<std::string_view> names;
  for (const auto& segment : segments) {
    // Also rejects a trailing slash: routes are matched strictly, "/a/" is not "/a".
    if (segment.empty())
      throw std::invalid_argument("route pattern has an empty segment: " + pattern);
    if (is_param(segment)) {
      const std::string_view name = std::string_view(segment).substr(1, segment.size() - 2);
      if (!valid_param_name(name))
        throw std::invalid_argument("bad parameter name in route: " + pattern);
      if (std::find(names.begin(), names.end(), name) != names.end()) {
        throw std::invalid_argument("duplicate parameter name in route: " + pattern);
      }
      names.push_back(name);
    } else if (segment.find_first_of("{}") != std::string::npos) {
      throw std::invalid_argument("a parameter must be a whole segment: " + pattern);
    }
  }
  return segments;
}

// Two patterns that differ only in parameter names match exactly the same paths.
bool same_shape(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const std::string& x, const std::string& y) {
                      return is_param(x) ? is_param(y) : x == y;
                    });
}

// Higher is more specific: a literal segment beats a parameter, earlier segments weigh more.
// So "/users/me" wins over "/users/{id}" for the path "/users/me".
std::optional<std::uint64_t> match_specificity(const std::vector<std::string>& pattern,
                                               const std::vector<std::string_view>& path) {
  if (pattern.size() != path.size()) return std::nullopt;
  std::uint64_t score = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    score <<= 1U;
    if (is_param(pattern[i])) {
      if (path[i].empty()) return std::nullopt;  // "/users//x" has no id
      continue;
    }
    if (pattern[i] != path[i]) return std::nullopt;
    score |= 1U;
  }
  return score;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decoded text ends up in SQL parameters and JSON: reject what is not well-formed UTF-8
// (overlong forms, surrogates, beyond U+10FFFF) rather than failing later.
bool valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (lead < 0x80U) {
      ++i;
      continue;
    }
    if ((lead & 0xE0U) == 0xC0U) {
      length = 2;
      code = lead & 0x1FU;
    } else if ((lead & 0xF0U) == 0xE0U) {
      length = 3;
      code = lead & 0x0FU;
    } else if ((lead & 0xF8U) == 0xF0U) {
      length = 4;
      code = lead & 0x07U;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0U) != 0x80U) return false;
      code = (code << 6U) | (next & 0x3FU);
    }
    constexpr std::uint32_t kMinForLength[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMinForLength[length] || code > 0x10FFFFU || (code >= 0xD800U && code <= 0xDFFFU))
      return false;
    i += length;
  }
  return true;
}

}  // namespace

void Router::add(Route route) {
  if (!valid_method(route.method)) throw std::invalid_argument("bad route method: " + route.method);
  if (!route.handler) throw std::invalid_argument("route without handler: " + route.pattern);
  auto segments = parse_pattern(route.pattern);
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method == route.method && same_shape(segments_[i], segments)) {
      throw std::invalid_argument("duplicate route: " + route.method + " " + route.pattern +
                                  " (already " + routes_[i].pattern + ")");
    }
  }
  routes_.push_back(std::move(route));
  segments_.push_back(std::move(segments));
}

void Router::add_all(RouteTable table) {
  for (auto& route : table) add(std::move(route));
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
  RouteMatch result;
  std::vector<std::string_view> parts;
  if (!split_path(path, parts, kMaxSegments)) return result;

  std::optional<std::size_t> best;
  std::uint64_t best_score = 0;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    const auto score = match_specificity(segments_[i], parts);
    if (!score) continue;
    if (routes_[i].method != method) {
      result.allowed_methods.push_back(routes_[i].method);
      continue;
    }
    if (!best || *score > best_score) {
      best = i;
      best_score = *score;
    }
  }

  if (!best) {
    auto& allowed = result.allowed_methods;
    std::sort(allowed.begin(), allowed.end());
    allowed.erase(std::unique(allowed.begin(), allowed.end()), allowed.end());
    result.kind =
        allowed.empty() ? RouteMatch::Kind::kNotFound : RouteMatch::Kind::kMethodNotAllowed;
    return result;
  }

  result.allowed_methods.clear();
  result.kind = RouteMatch::Kind::kFound;
  result.route = &routes_[*best];
  const auto& pattern = segments_[*best];
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_param(pattern[i]))
      result.params.emplace(pattern[i].substr(1, pattern[i].size() - 2), parts[i]);
  }
  return result;
}

Result<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const bool complete = i + 2 < text.size();
      const int high = complete ? hex_value(text[i + 1]) : -1;
      const int low = complete ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0)
        return make_error(contract::err::kRequestBadQuery, "URL 中的 % 编码有误");
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
    if (out.back() == '\0')
      return make_error(contract::err::kRequestBadQuery, "URL 中不能含有空字符");
  }
  if (!valid_utf8(out))
    return make_error(contract::err::kRequestBadQuery, "URL 中含有无效的 UTF-8 字符");
  return out;
}

Result<std::multimap<std::string, std::string>> parse_query(std::string_view query) {
  std::multimap<std::string, std::string> params;
  std::size_t count = 0;
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) continue;  // "a=1&&b=2"
    if (++count > kMaxQueryParams) {
      return make_error(contract::err::kRequestBadQuery, "查询参数过多",
                        Json{{"max_params", kMaxQueryParams}});
    }
    const auto equals = pair.find('=');
    auto name = percent_decode(pair.substr(0, equals), true);
    if (!name) return name.take_error();
    auto value = percent_decode(
        equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1), true);
    if (!value) {
      Error error = value.take_error();
      error.details = Json{{"parameter", name.value()}};
      return error;
    }
    if (name.value().empty()) continue;  // "=x" names nothing a handler could ask for
    params.emplace(std::move(name).value(), std::move(value).value());
  }
  return params;
}

}  // namespace lvzhi::http
