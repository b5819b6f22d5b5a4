#pragma once
// Everything between "a parsed request" and "a response", independent of the network code:
// route lookup (404/405), session → actor, CSRF on writes, restricted sessions, permission, content
// type, the handler, and turning errors and exceptions into DESIGN §4 bodies.
#include <memory>
#include <string>

#include "core/actor.hpp"
#include "http/message.hpp"
#include "http/route.hpp"
#include "http/router.hpp"

namespace lvzhi::http {

// Implemented by the auth domain: the session cookie of a request → the signed-in actor,
// or 401 auth.unauthenticated / auth.session_expired. Also refreshes the session's idle timer.
class SessionResolver {
 public:
  virtual ~SessionResolver() = default;
  virtual Result<Actor> resolve(const Request& request) = 0;
};

class Pipeline {
 public:
  Pipeline(Router router, SessionResolver& sessions);

  // Body limit for a method + path before the body is read (the route's, or the default).
  [[nodiscard]] std::size_t body_limit(const std::string& method, const std::string& path) const;
  // Runs the request through the middleware and handler. Never throws: a handler's exception
  // becomes a logged 500 without internals.
  Response handle(Request& request) const;

 private:
  Router router_;
  SessionResolver& sessions_;
};

}  // namespace lvzhi::http
