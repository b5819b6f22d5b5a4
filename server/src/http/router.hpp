#pragma once
// Method + path → route, with {name} path parameters. Distinguishes "no such path" (404) from
// "path exists, method does not" (405, with the allowed methods).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/route.hpp"

namespace lvzhi::http {

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed_methods;  // for 405
};

// Matching is exact per segment on the decoded path: no trailing-slash redirect ("/a/" does not
// match
// "/a" and gets 404), parameters never match an empty segment, and a literal segment wins over a
// parameter ("/users/me" before "/users/{id}").
class Router {
 public:
  // Throws std::invalid_argument on a malformed pattern or a duplicate method + pattern (a
  // programming error).
  void add(Route route);
  void add_all(RouteTable table);
  [[nodiscard]] RouteMatch match(std::string_view method, std::string_view path) const;
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // split pattern per route
};

// Query string "a=1&b=%E4%B8%AD" → decoded pairs ('+' is a space). Errors on malformed
// percent-encoding.
Result<std::multimap<std::string, std::string>> parse_query(std::string_view query);
// Percent-decodes one path or query component; nullopt-like error on bad escapes or embedded NUL.
Result<std::string> percent_decode(std::string_view text, bool plus_is_space);

}  // namespace lvzhi::http
