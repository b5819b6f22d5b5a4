#include "http/paging.hpp"

#include <charconv>

namespace lvzhi::http {
namespace {

constexpr int kMaxPage = 1000000;

std::optional<long long> to_integer(const std::string& text) {
  long long value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

Error bad_query(const std::string& name, const std::string& message) {
  return make_error(contract::err::kRequestBadQuery, Json{{"fields", {{name, message}}}});
}

}  // namespace

Result<long long> query_integer(const Request& request, const std::string& name) {
  const auto text = request.query_param(name);
  if (!text || text->empty()) return 0LL;
  const auto value = to_integer(*text);
  if (!value) return bad_query(name, "必须为整数");
  return *value;
}

Result<std::optional<bool>> query_bool(const Request& request, const std::string& name) {
  const auto text = request.query_param(name);
  if (!text || text->empty()) return std::optional<bool>{};
  if (*text == "true" || *text == "1") return std::optional<bool>{true};
  if (*text == "false" || *text == "0") return std::optional<bool>{false};
  return bad_query(name, "必须为 true 或 false");
}

Result<Paging> parse_paging(const Request& request) {
  Paging paging;
  if (const auto text = request.query_param("page")) {
    const auto value = to_integer(*text);
    if (!value || *value < 1 || *value > kMaxPage) return bad_query("page", "页码必须为正整数");
    paging.page = static_cast<int>(*value);
  }
  if (const auto text = request.query_param("page_size")) {
    const auto value = to_integer(*text);
    if (!value || *value < 1 || *value > kMaxPageSize) {
      return bad_query("page_size", "每页条数必须为 1 到 100 之间的整数");
    }
    paging.page_size = static_cast<int>(*value);
  }
  return paging;
}

Result<long long> path_id(const Request& request, const std::string& name,
                          const contract::ErrorDef& not_found) {
  const auto it = request.path_params.find(name);
  if (it == request.path_params.end()) return make_error(not_found);
  const auto value = to_integer(it->second);
  if (!value || *value < 1) return make_error(not_found);
  return *value;
}

Json list_body(Json items, long long total, const Paging& paging) {
  return Json{{"items", std::move(items)},
              {"total", total},
              {"page", paging.page},
              {"page_size", paging.page_size}};
}

}  // namespace lvzhi::http
