#include "http/net/server.hpp"

#include "http/net/asio_config.hpp"  // first: before any Asio header

#include <algorithm>
#include <atomic>
#include <csignal>
#include <exception>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "core/log.hpp"
#include "http/net/connection.hpp"
#include "http/net/connection_registry.hpp"
#include "http/static_files.hpp"

namespace lvzhi::http {
namespace {

namespace asio = boost::asio;
using Tcp = asio::ip::tcp;
using ErrorCode = boost::system::error_code;

// After a failed accept (EMFILE: out of file descriptors) wait instead of spinning on the error.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(50);

// co_spawn with `detached` swallows exceptions (STACK_NOTES pitfall 2): log them instead.
auto log_failure(std::string_view what) {
  return [what](const std::exception_ptr& failure) {
    if (!failure) return;
    try {
      std::rethrow_exception(failure);
    } catch (const std::exception& e) {
      log::error("server task failed", {{"task", what}, {"exception", e.what()}});
    } catch (...) {
      log::error("server task failed", {{"task", what}, {"exception", "unknown"}});
    }
  };
}

Tcp::endpoint listen_endpoint(const ServerConfig& config) {
  ErrorCode ec;
  const std::string host = config.host == "localhost" ? "127.0.0.1" : config.host;
  const auto address = asio::ip::make_address(host, ec);
  if (ec)
    throw std::runtime_error("invalid listen address '" + config.host +
                             "': use an IP address such as 127.0.0.1");
  return {address, config.port};
}

}  // namespace

struct Server::Impl {
  Impl(ServerConfig server_config, const Pipeline& pipeline)
      : config(std::move(server_config)),
        static_files(StaticFiles::open(config.web_root)),
        ioc(static_cast<int>(std::max<std::size_t>(1, config.io_threads))),
        workers(std::max<std::size_t>(1, config.worker_threads)),
        control(asio::make_strand(ioc)),
        acceptor(control),
        signals(control),
        grace_timer(control),
        context{config, {pipeline, static_files ? &*static_files : nullptr}, workers, stopping} {}

  asio::awaitable<void> accept_loop();
  void begin_shutdown(std::string_view reason);
  void connection_finished(std::uint64_t id);
  void run_io();

  ServerConfig config;
  std::optional<StaticFiles> static_files;
  asio::io_context ioc;
  asio::thread_pool workers;
  // The acceptor, signals and shutdown timer are touched only on this strand (several IO threads
  // run).
  asio::strand<asio::io_context::executor_type> control;
  Tcp::acceptor acceptor;
  asio::signal_set signals;
  asio::steady_timer grace_timer;
  std::atomic<bool> stopping{false};
  net::ConnectionRegistry registry;
  net::ServerContext context;
  bool bound = false;
};

asio::awaitable<void> Server::Impl::accept_loop() {
  for (;;) {
    // Each connection gets its own strand: its coroutine and the shutdown closer never run
    // concurrently.
    Tcp::socket socket(asio::make_strand(ioc));
    ErrorCode ec;
    co_await acceptor.async_accept(socket, asio::redirect_error(asio::use_awaitable, ec));
    if (stopping.load() || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      log::warn("accept failed", {{"error", ec.message()}});
      asio::steady_timer delay(control, kAcceptRetryDelay);
      co_await delay.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    socket.set_option(Tcp::no_delay(true), ec);
    auto connection = std::make_shared<net::Connection>(std::move(socket));
    const auto executor = connection->stream.get_executor();
    if (registry.size() >= config.max_connections) {
      asio::co_spawn(executor, net::reject_busy(connection), log_failure("reject connection"));
      continue;
    }
    const std::weak_ptr<net::Connection> weak = connection;
    const std::uint64_t id = registry.add([weak](bool force) {
      const auto live = weak.lock();
      if (!live) return;
      asio::post(live->stream.get_executor(), [live, force] {
        if (force || live->idle) live->stream.close();
      });
    });
    asio::co_spawn(
        executor, net::serve_connection(context, connection),
        [this, id, report = log_failure("connection")](const std::exception_ptr& failure) {
          report(failure);
          connection_finished(id);
        });
  }
}

void Server::Impl::connection_finished(std::uint64_t id) {
  if (registry.remove(id) == 0 && stopping.load()) {
    // The last in-flight request is done: no need to wait out the grace period.
    asio::post(control, [this] { grace_timer.cancel(); });
  }
}

void Server::Impl::begin_shutdown(std::string_view reason) {
  if (stopping.exchange(true)) return;
  const std::size_t open = registry.size();
  log::info("shutdown", {{"event", "begin"},
                         {"reason", reason},
                         {"connections", open},
                         {"grace_s", config.shutdown_grace.count()}});
  ErrorCode ec;
  acceptor.close(ec);
  signals.cancel(ec);
  registry.close_all(/*force=*/false);
  if (open == 0) return;
  grace_timer.expires_after(config.shutdown_grace);
  grace_timer.async_wait([this](const ErrorCode& wait_error) {
    if (wait_error) return;  // cancelled: everything finished in time
    log::warn("shutdown", {{"event", "grace_expired"}, {"connections", registry.size()}});
    registry.close_all(/*force=*/true);
    ioc.stop();
  });
}

void Server::Impl::run_io() {
  // A throwing completion handler must not take the whole server down; log it and keep serving.
  for (;;) {
    try {
      ioc.run();
      return;
    } catch (const std::exception& e) {
      log::error("io thread caught exception", {{"exception", e.what()}});
    }
  }
}

Server::Server(ServerConfig config, const Pipeline& pipeline)
    : impl_(std::make_unique<Impl>(std::move(config), pipeline)) {}

Server::~Server() {
  // Handlers still running on workers hold coroutine frames owned by the io_context: finish them
  // first.
  impl_->workers.stop();
  impl_->workers.join();
}

std::uint16_t Server::bind() {
  Impl& impl = *impl_;
  const Tcp::endpoint endpoint = listen_endpoint(impl.config);
  const std::string where = impl.config.host + ":" + std::to_string(impl.config.port);
  ErrorCode ec;
  impl.acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl.acceptor.set_option(Tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl.acceptor.bind(endpoint, ec);
  if (ec == asio::error::address_in_use) {
    throw std::runtime_error("cannot listen on " + where +
                             ": the address is already in use (another lvzhi serve?)");
  }
  if (!ec) impl.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + where + ": " + ec.message());
  impl.bound = true;
  return impl.acceptor.local_endpoint().port();
}

void Server::run() {
  Impl& impl = *impl_;
  if (!impl.bound) bind();
  asio::co_spawn(impl.control, impl.accept_loop(), log_failure("accept loop"));
  impl.signals.add(SIGINT);
  impl.signals.add(SIGTERM);
  impl.signals.async_wait([&impl](const ErrorCode& ec, int signal_number) {
    if (!ec) impl.begin_shutdown(signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  });
  log::info("http server started",
            {{"host", impl.config.host},
             {"port", impl.acceptor.local_endpoint().port()},
             {"io_threads", impl.config.io_threads},
             {"worker_threads", impl.config.worker_threads},
             {"web_root", impl.static_files ? Json(impl.config.web_root) : Json(nullptr)}});

  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < impl.config.io_threads; ++i)
    threads.emplace_back([&impl] { impl.run_io(); });
  impl.run_io();
  for (auto& thread : threads) thread.join();
  impl.workers.stop();
  impl.workers.join();
  log::info("shutdown", {{"event", "stopped"}});
}

void Server::stop() {
  asio::post(impl_->control, [impl = impl_.get()] { impl->begin_shutdown("stop"); });
}

}  // namespace lvzhi::http
