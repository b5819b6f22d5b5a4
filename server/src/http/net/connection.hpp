#pragma once
// One client connection: the keep-alive loop that reads a request, runs it on the worker pool and
// writes the answer. Internal to http/net (includes Beast).
#include <atomic>
#include <memory>

#include "http/net/asio_config.hpp"  // first: before any Asio header

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "http/net/dispatch.hpp"
#include "http/net/server.hpp"

namespace boost::asio {
class thread_pool;
}  // namespace boost::asio

namespace lvzhi::http::net {

struct ServerContext {
  const ServerConfig& config;
  DispatchContext dispatch;
  boost::asio::thread_pool& workers;
  const std::atomic<bool>& stopping;
};

struct Connection {
  explicit Connection(boost::asio::ip::tcp::socket socket) : stream(std::move(socket)) {}
  boost::beast::tcp_stream stream;  // its executor is the connection's strand
  // Waiting for the next request: shutdown may close it at once. Touched only on the strand.
  bool idle = false;
};

// Serves requests until the client leaves, an error, the per-connection cap, or shutdown.
boost::asio::awaitable<void> serve_connection(const ServerContext& context,
                                              std::shared_ptr<Connection> connection);
// Over max_connections: answer 503 and close.
boost::asio::awaitable<void> reject_busy(std::shared_ptr<Connection> connection);

}  // namespace lvzhi::http::net
