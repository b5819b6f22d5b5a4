#pragma once
// Every endpoint of docs/API.md (besides /health) with a well-formed body, who may call it and an
// admin who may not. Paths may hold {user} (a member's id) and {committee} (a committee id), filled
// in by the test.
#include <optional>
#include <string>
#include <vector>

#include "harness.hpp"

namespace lvzhi::api_test {

struct Endpoint {
  std::string method;
  std::string path;
  std::optional<nlohmann::json> body;  // nullopt: the route takes no body
  std::string allowed;         // "" public, "any" any session, else the admin role that may call it
  std::string lacking;         // an admin role without the permission ("" for session routes)
  bool restricted_ok = false;  // reachable with a restricted session

  [[nodiscard]] bool is_write() const { return method != "GET"; }
  [[nodiscard]] std::string label() const { return method + " " + path; }
  [[nodiscard]] std::string resolve(long long user, long long committee) const {
    std::string out = path;
    for (const auto& [key, value] :
         {std::pair<std::string, long long>{"{user}", user}, {"{committee}", committee}}) {
      const auto at = out.find(key);
      if (at != std::string::npos) out.replace(at, key.size(), std::to_string(value));
    }
    return out;
  }
};

inline const std::vector<Endpoint>& all_endpoints() {
  static const std::vector<Endpoint> endpoints = {
      {"POST", "/auth/login", json{{"username", "auditor"}, {"password", "Wrong#pass-1234"}}, "",
       "", true},
      {"POST", "/auth/mfa/verify", json{{"code", "123456"}}, "any", "", true},
      {"POST", "/auth/logout", std::nullopt, "any", "", true},
      {"GET", "/auth/me", std::nullopt, "any", "", true},
      {"POST", "/auth/password",
       json{{"current_password", "Wrong#pass-1234"}, {"new_password", "Next#pass-98765"}}, "any",
       "", true},
      {"POST", "/auth/mfa/enroll", std::nullopt, "any", "", true},
      {"POST", "/auth/mfa/confirm", json{{"code", "123456"}}, "any", "", true},
      {"POST", "/auth/mfa/disable", json{{"password", "Wrong#pass-1234"}}, "any", "", false},

      {"GET", "/committees", std::nullopt, "sysadmin", "auditor"},
      {"GET", "/committees/{committee}", std::nullopt, "sysadmin", "secadmin"},
      {"POST", "/committees",
       json{{"name", "矩阵测试政协委员会"}, {"level", "city"}, {"parent_id", 1}}, "sysadmin",
       "secadmin"},
      {"PATCH", "/committees/{committee}", json{{"short_name", "矩阵"}}, "sysadmin", "auditor"},

      {"GET", "/users", std::nullopt, "sysadmin", "auditor"},
      {"GET", "/users/{user}", std::nullopt, "secadmin", "auditor"},
      {"POST", "/users",
       json{{"username", "matrix.user"},
            {"display_name", "矩阵用户"},
            {"committee_id", 1},
            {"roles", {"member"}}},
       "sysadmin", "secadmin"},
      {"PATCH", "/users/{user}", json{{"display_name", "改名"}}, "sysadmin", "secadmin"},
      {"POST", "/users/{user}/actions/unlock", std::nullopt, "secadmin", "sysadmin"},
      {"POST", "/users/{user}/actions/reset_password", std::nullopt, "secadmin", "sysadmin"},
      {"POST", "/users/{user}/actions/reset_mfa", std::nullopt, "secadmin", "sysadmin"},
      {"POST", "/users/{user}/actions/disable", std::nullopt, "sysadmin", "auditor"},
      {"POST", "/users/{user}/actions/enable", std::nullopt, "secadmin", "auditor"},

      {"GET", "/settings/security", std::nullopt, "secadmin", "sysadmin"},
      {"PATCH", "/settings/security", json{{"lockout_threshold", 6}}, "secadmin", "sysadmin"},

      {"GET", "/audit", std::nullopt, "auditor", "sysadmin"},
  };
  return endpoints;
}

}  // namespace lvzhi::api_test
