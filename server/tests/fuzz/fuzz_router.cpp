// libFuzzer target for the request-line parsers: method/path → Router::match over a realistic
// table, the path through percent_decode, the query through parse_query. Must never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/router.hpp"

namespace {

using lvzhi::http::Access;
using lvzhi::http::Request;
using lvzhi::http::Response;
using lvzhi::http::Route;
using lvzhi::http::RouteMatch;
using lvzhi::http::Router;

Router make_router() {
  const auto ok = [](Request&) { return Response::no_content(); };
  Router router;
  for (const auto* pattern :
       {"/", "/api/v1/health", "/api/v1/auth/login", "/api/v1/auth/me", "/api/v1/users",
        "/api/v1/users/me", "/api/v1/users/{id}", "/api/v1/users/{id}/actions/{action}",
        "/api/v1/committees/{id}", "/api/v1/{kind}/{id}/children/{child}"}) {
    router.add(Route{"GET", pattern, Access::public_route(), ok});
  }
  router.add(Route{"POST", "/api/v1/users/{id}/actions/{action}", Access::public_route(), ok});
  router.add(Route{"PATCH", "/api/v1/users/{id}", Access::public_route(), ok});
  return router;
}

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Router router = make_router();
  // Input layout: METHOD ' ' TARGET, TARGET split at the first '?' into path and query.
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto space = input.find(' ');
  const std::string_view method = input.substr(0, space);
  const std::string_view target =
      space == std::string_view::npos ? std::string_view{} : input.substr(space + 1);
  const auto question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view{} : target.substr(question + 1);

  const RouteMatch raw = router.match(method, raw_path);
  check((raw.kind == RouteMatch::Kind::kFound) == (raw.route != nullptr));
  check(raw.kind != RouteMatch::Kind::kMethodNotAllowed || !raw.allowed_methods.empty());

  auto path = lvzhi::http::percent_decode(raw_path, false);
  if (path.ok()) {
    const RouteMatch decoded = router.match(method, path.value());
    if (decoded.route != nullptr) {
      for (const auto& [name, value] : decoded.params)
        check(!value.empty() && value.find('/') == std::string::npos);
    }
  }

  auto parsed = lvzhi::http::parse_query(query);
  if (parsed.ok()) {
    check(parsed.value().size() <= 256);
    for (const auto& [name, value] : parsed.value())
      check(!name.empty() && name.find('\0') == std::string::npos);
  }
  return 0;
}
