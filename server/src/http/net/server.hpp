#pragma once
// The HTTP/1.1 server (Boost.Beast, C++20 coroutines). This header stays free of Beast/Asio.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/pipeline.hpp"

namespace lvzhi::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 = any free port (see Server::port())
  std::size_t io_threads = 2;
  std::size_t worker_threads = 8;  // handlers run here: they block on the database (serve: 2/core)
  std::size_t max_connections = 1024;
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds read_timeout{30};
  std::size_t max_requests_per_connection = 1000;  // keep-alive, then close
  std::chrono::seconds shutdown_grace{20};
  std::string web_root;      // web/dist; empty or missing = no static files
  bool trust_proxy = false;  // take client IP / scheme from X-Forwarded-For / -Proto
};

class Server {
 public:
  Server(ServerConfig config, const Pipeline& pipeline);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds (throws on failure, e.g. port in use) and returns the bound port.
  std::uint16_t bind();
  // Serves until SIGINT/SIGTERM or stop(); then stops accepting, lets in-flight requests finish
  // (up to shutdown_grace) and returns.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lvzhi::http
