#include "http/net/connection.hpp"

// g++ 12 false positive inside Asio's recycling allocator for coroutine frames (operator new/delete
// pairs are matched by Asio itself). Must stay file-wide: the warning is emitted at template
// instantiation.
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include "core/log.hpp"
#include "http/request_meta.hpp"
#include "http/router.hpp"

namespace lvzhi::http::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using Clock = std::chrono::steady_clock;
using ErrorCode = beast::error_code;

// The parser never reads further ahead than this buffer, which bounds what a pipelining client can
// queue.
constexpr std::size_t kReadBufferCap = 64 * 1024;
// After answering "close", read and discard what the client still sends for a moment, so that the
// kernel does not reset the connection (and lose our answer) because of unread bytes.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr std::size_t kLingerMaxBytes = 256 * 1024;
constexpr auto kBusyWriteTimeout = std::chrono::seconds(5);
constexpr unsigned kHttp11 = 11;

auto with_error(ErrorCode& ec) { return asio::redirect_error(asio::use_awaitable, ec); }

// One request/response for the access log.
struct Exchange {
  std::string request_id;
  std::string method;
  std::string path;  // never the query string: it may carry personal data
  std::string ip;
  long long user_id = 0;
  Clock::time_point started = Clock::now();
};

void log_access(const Exchange& exchange, int status, std::size_t bytes) {
  const std::chrono::duration<double, std::milli> elapsed = Clock::now() - exchange.started;
  log::info("access",
            {{"request_id", exchange.request_id},
             {"method", exchange.method},
             {"path", exchange.path},
             {"status", status},
             {"bytes", bytes},
             {"duration_ms", std::round(elapsed.count() * 1000.0) / 1000.0},
             {"ip", exchange.ip},
             {"user_id", exchange.user_id != 0 ? Json(exchange.user_id) : Json(nullptr)}});
}

// Handlers block on the database, so they run on the worker pool; the coroutine resumes on its
// strand. (A bare `co_await post(pool, use_awaitable)` would not do: its completion runs on the
// coroutine's own executor, so the code after it would be back on an IO thread.) The request lives
// in the coroutine frame, which the pending handler owns, so plain pointers stay valid until the
// work is done.
//
// g++ 12 destroys some temporaries inside a co_await expression twice (caught by ASan here), so
// every co_await in this file passes only references and trivially destructible values.
asio::awaitable<Response> on_workers(asio::thread_pool& pool, const DispatchContext& dispatch,
                                     Request& request) {
  auto initiation = [pool_ptr = &pool, dispatch_ptr = &dispatch,
                     request_ptr = &request](auto handler) {
    asio::post(*pool_ptr, [handler = std::move(handler), dispatch_ptr, request_ptr]() mutable {
      Response response = produce_response(*dispatch_ptr, *request_ptr);
      const auto home = asio::get_associated_executor(handler);
      asio::post(home, [handler = std::move(handler), response = std::move(response)]() mutable {
        handler(std::move(response));
      });
    });
  };
  return asio::async_initiate<const asio::use_awaitable_t<>&, void(Response)>(initiation,
                                                                              asio::use_awaitable);
}

enum class ReadFailure { kClose, kMalformed, kHeadersTooLarge, kBodyTooLarge };

ReadFailure classify(const ErrorCode& ec) {
  if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow)
    return ReadFailure::kHeadersTooLarge;
  if (ec == bhttp::error::body_limit) return ReadFailure::kBodyTooLarge;
  // The client went away or timed out: nobody to answer.
  if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message ||
      ec == bhttp::error::short_read) {
    return ReadFailure::kClose;
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category())
    return ReadFailure::kMalformed;
  return ReadFailure::kClose;
}

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

// A header value built from user data (a file name, say) must not be able to split the response.
bool header_safe(std::string_view name, std::string_view value) {
  return !name.empty() && std::all_of(name.begin(), name.end(), is_token_char) &&
         value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

std::string lower_case(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

bool iequals(std::string_view a, std::string_view b) { return lower_case(a) == lower_case(b); }

std::optional<std::string_view> field(const bhttp::fields& fields, std::string_view name) {
  const auto found = fields.find(beast::string_view(name.data(), name.size()));
  if (found == fields.end()) return std::nullopt;
  return std::string_view(found->value().data(), found->value().size());
}

asio::awaitable<std::size_t> write_response(beast::tcp_stream& stream, Response& response,
                                            unsigned version, bool keep_alive,
                                            std::chrono::seconds timeout, ErrorCode& ec) {
  bhttp::response<bhttp::string_body> message;
  message.version(version);
  message.result(static_cast<unsigned>(response.status));
  const bool bodiless = response.status == 204 || response.status == 304 || response.status < 200;
  if (!bodiless && !response.content_type.empty())
    message.set(bhttp::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) {
    if (!header_safe(name, value)) {
      log::warn("response header dropped", {{"header", name}});
      continue;
    }
    message.insert(name, value);
  }
  message.keep_alive(keep_alive);
  // RFC 9110: no Content-Length on 1xx/204 (prepare_payload would add "0"); 304 is never produced
  // here.
  if (!bodiless) {
    message.body() = std::move(response.body);
    message.prepare_payload();
  }
  const std::size_t bytes = message.body().size();
  stream.expires_after(timeout);
  co_await bhttp::async_write(stream, message, with_error(ec));
  co_return bytes;
}

asio::awaitable<void> linger_close(beast::tcp_stream& stream) {
  ErrorCode ec;
  stream.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
  std::array<char, 4096> sink{};
  std::size_t drained = 0;
  stream.expires_after(kLingerTimeout);
  while (!ec && drained < kLingerMaxBytes) {
    drained += co_await stream.async_read_some(asio::buffer(sink), with_error(ec));
  }
  stream.close();
}

// Answers without (fully) reading the request, so the connection cannot be reused.
asio::awaitable<void> answer_and_close(beast::tcp_stream& stream, Response& response,
                                       const Exchange& exchange, std::chrono::seconds timeout) {
  ErrorCode ec;
  const int status = response.status;
  const std::size_t bytes = co_await write_response(stream, response, kHttp11, false, timeout, ec);
  log_access(exchange, status, ec ? 0 : bytes);
  if (ec) co_return;  // the client is gone: nothing to linger for
  co_await linger_close(stream);
}

std::string request_id_for(const bhttp::fields& fields, bool trust_proxy) {
  const auto incoming = field(fields, "X-Request-Id");
  if (trust_proxy && incoming && valid_request_id(*incoming)) return std::string(*incoming);
  return generate_request_id();
}

std::string remote_address(beast::tcp_stream& stream) {
  ErrorCode ec;
  const auto endpoint = stream.socket().remote_endpoint(ec);
  return ec ? std::string() : endpoint.address().to_string();
}

// Origin-form target → decoded path and query; the error to answer with otherwise.
// request.path keeps the raw path when decoding fails, for the access log.
std::optional<Error> parse_target(std::string_view target, Request& request) {
  const auto question = target.find('?');
  const std::string_view raw_path = target.substr(0, question);
  request.target = std::string(target);
  request.path = std::string(raw_path);
  // Absolute-form and "*" are for proxies.
  if (raw_path.empty() || raw_path.front() != '/')
    return make_error(contract::err::kRequestMalformed);
  auto path = percent_decode(raw_path, false);
  if (!path) return make_error(contract::err::kRequestMalformed, "请求地址编码有误");
  request.path = std::move(path).value();
  auto query = parse_query(question == std::string_view::npos ? std::string_view{}
                                                              : target.substr(question + 1));
  if (!query) return query.take_error();
  request.query = std::move(query).value();
  return std::nullopt;
}

Response refusal_response(const Error& error, const Exchange& exchange) {
  Response response = Response::error(error);
  response.set_header("Cache-Control", "no-store");
  add_common_headers(response, exchange.path, exchange.request_id);
  return response;
}

}  // namespace

asio::awaitable<void> serve_connection(const ServerContext& context,
                                       std::shared_ptr<Connection> connection) {
  auto& stream = connection->stream;
  const ServerConfig& config = context.config;
  const std::string remote_ip = remote_address(stream);
  beast::flat_buffer buffer(std::max(kReadBufferCap, config.header_limit * 2));
  const auto header_limit = static_cast<std::uint32_t>(
      std::min<std::size_t>(config.header_limit, std::numeric_limits<std::uint32_t>::max()));
  ErrorCode ec;

  for (std::size_t served = 0; !context.stopping.load();) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(header_limit);
    // No body limit while reading the header (Beast's default 1 MiB would reject a large
    // Content-Length as a header error); the route's limit is set once the path is known.
    // Not boost::none: Beast 1.74 compares Content-Length against the optional itself, and any
    // number compares greater than none.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    stream.expires_after(config.read_timeout);
    connection->idle = buffer.size() == 0;
    co_await bhttp::async_read_header(stream, buffer, parser, with_error(ec));
    connection->idle = false;

    Exchange exchange;
    exchange.ip = remote_ip;
    if (ec) {
      const ReadFailure failure = classify(ec);
      if (failure == ReadFailure::kClose) break;
      exchange.request_id = generate_request_id();
      const auto& def =
          failure == ReadFailure::kHeadersTooLarge ? contract::err::kRequestHeadersTooLarge
          : failure == ReadFailure::kBodyTooLarge  ? contract::err::kRequestBodyTooLarge
                                                   : contract::err::kRequestMalformed;
      Response refusal = network_error(def, "", exchange.request_id);
      co_await answer_and_close(stream, refusal, exchange, config.read_timeout);
      co_return;
    }

    auto& head = parser.get();
    exchange.method = std::string(head.method_string());
    exchange.ip = client_ip(remote_ip, field(head, "X-Forwarded-For"), config.trust_proxy);
    exchange.request_id = request_id_for(head, config.trust_proxy);
    Request request;
    std::optional<Error> refusal =
        parse_target({head.target().data(), head.target().size()}, request);
    exchange.path = request.path;

    // The route decides how much body it accepts; refuse before reading a byte of it.
    if (!refusal) {
      const std::size_t body_limit =
          context.dispatch.pipeline.body_limit(exchange.method, exchange.path);
      if (parser.content_length() && *parser.content_length() > body_limit) {
        refusal = make_error(contract::err::kRequestBodyTooLarge);
      }
      parser.body_limit(body_limit);
    }
    if (!refusal && !parser.is_done()) {
      const auto expect = field(head, "Expect");
      if (expect && iequals(*expect, "100-continue")) {
        bhttp::response<bhttp::empty_body> proceed{bhttp::status::continue_, head.version()};
        stream.expires_after(config.read_timeout);
        co_await bhttp::async_write(stream, proceed, with_error(ec));
        if (ec) break;
      }
      stream.expires_after(config.read_timeout);
      co_await bhttp::async_read(stream, buffer, parser, with_error(ec));
      if (ec) {
        const ReadFailure failure = classify(ec);
        if (failure == ReadFailure::kClose) break;
        refusal =
            make_error(failure == ReadFailure::kBodyTooLarge ? contract::err::kRequestBodyTooLarge
                                                             : contract::err::kRequestMalformed);
      }
    }
    if (refusal) {
      // Answered without reading the whole request: the connection cannot be reused.
      Response response = refusal_response(*refusal, exchange);
      co_await answer_and_close(stream, response, exchange, config.read_timeout);
      co_return;
    }

    request.method = exchange.method;
    for (const auto& header : head) {
      request.headers.emplace_back(
          lower_case({header.name_string().data(), header.name_string().size()}),
          std::string(header.value()));
    }
    request.body = std::move(head.body());
    request.remote_ip = exchange.ip;
    request.request_id = exchange.request_id;
    request.secure = forwarded_secure(field(head, "X-Forwarded-Proto"), config.trust_proxy);

    const unsigned version = head.version();
    bool keep_alive = head.keep_alive() && ++served < config.max_requests_per_connection;
    Response response = co_await on_workers(context.workers, context.dispatch, request);
    exchange.user_id = request.actor.user_id;
    // Shutdown began while the handler ran: finish this answer, then let the client reconnect
    // elsewhere.
    if (context.stopping.load()) keep_alive = false;

    const int status = response.status;
    const std::size_t bytes =
        co_await write_response(stream, response, version, keep_alive, config.read_timeout, ec);
    log_access(exchange, status, ec ? 0 : bytes);
    if (ec) break;
    if (!keep_alive) {
      co_await linger_close(stream);
      co_return;
    }
  }
  stream.close();
}

asio::awaitable<void> reject_busy(std::shared_ptr<Connection> connection) {
  Exchange exchange;
  exchange.ip = remote_address(connection->stream);
  exchange.request_id = generate_request_id();
  log::warn(
      "connection rejected",
      {{"reason", "max_connections"}, {"ip", exchange.ip}, {"request_id", exchange.request_id}});
  Response response = network_error(contract::err::kServerUnavailable, "", exchange.request_id);
  response.set_header("Retry-After", "5");
  co_await answer_and_close(connection->stream, response, exchange, kBusyWriteTimeout);
}

}  // namespace lvzhi::http::net
