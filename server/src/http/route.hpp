#pragma once
// A route row: method + path pattern + who may call it + body limit + handler. Each domain exports
// a table.
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "contract/permissions.hpp"
#include "http/message.hpp"

namespace lvzhi::http {

// Who may call a route. There is no default: every row must say it (a missing access does not
// compile).
class Access {
 public:
  enum class Kind { kPublic, kSession, kPermission };

  static Access public_route() { return Access(Kind::kPublic, {}, false); }
  // Any signed-in user. allow_restricted also admits users who must first change their password or
  // complete the second factor (the routes that let them do so).
  static Access session(bool allow_restricted = false) {
    return Access(Kind::kSession, {}, allow_restricted);
  }
  static Access permission(contract::Permission permission) {
    return Access(Kind::kPermission, permission, false);
  }

  [[nodiscard]] Kind kind() const { return kind_; }
  [[nodiscard]] const contract::Permission& required() const { return permission_; }
  [[nodiscard]] bool allow_restricted() const { return allow_restricted_; }

 private:
  Access(Kind kind, contract::Permission permission, bool allow_restricted)
      : kind_(kind), permission_(permission), allow_restricted_(allow_restricted) {}
  Kind kind_;
  contract::Permission permission_;
  bool allow_restricted_;
};

using Handler = std::function<Response(Request&)>;

inline constexpr std::size_t kDefaultBodyLimit = 1024 * 1024;  // 1 MiB for JSON

struct Route {
  std::string method;
  std::string pattern;  // "/api/v1/users/{id}/actions/{action}"
  Access access;
  Handler handler;
  std::size_t body_limit = kDefaultBodyLimit;
  // The one media type a write's body may have (uploads name theirs; everything else is JSON).
  std::string_view body_type = "application/json";
};

using RouteTable = std::vector<Route>;

}  // namespace lvzhi::http
