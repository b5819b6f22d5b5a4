#include "core/log.hpp"

#include <atomic>
#include <chrono>
#include <memory>

#include <fmt/chrono.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace lvzhi::log {
namespace {

std::atomic<Level> g_min_level{Level::kInfo};

spdlog::logger& logger() {
  static const std::shared_ptr<spdlog::logger> kInstance = [] {
    auto created = spdlog::stdout_logger_mt("lvzhi");
    created->set_pattern("%v");
    // Flushing every access line costs a write() per request; warnings flush at once, the rest
    // within a second.
    created->flush_on(spdlog::level::warn);
    spdlog::flush_every(std::chrono::seconds(1));
    return created;
  }();
  return *kInstance;
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::kDebug:
      return "debug";
    case Level::kInfo:
      return "info";
    case Level::kWarn:
      return "warn";
    case Level::kError:
      return "error";
  }
  return "info";
}

}  // namespace

void set_min_level(Level level) { g_min_level = level; }

void write(Level level, std::string_view message, Json fields) {
  if (level < g_min_level.load()) return;
  const auto now =
      std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  Json line = Json::object();
  line["ts"] = fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", now);
  line["level"] = level_name(level);
  line["msg"] = message;
  for (auto& [key, value] : fields.items()) line[key] = std::move(value);
  const auto text = line.dump(-1, ' ', false, Json::error_handler_t::replace);
  switch (level) {
    case Level::kDebug:
      logger().debug(text);
      break;
    case Level::kInfo:
      logger().info(text);
      break;
    case Level::kWarn:
      logger().warn(text);
      break;
    case Level::kError:
      logger().error(text);
      break;
  }
}

}  // namespace lvzhi::log
