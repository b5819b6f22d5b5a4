#pragma once
// Structured logging: one JSON object per line on stdout (access log and events alike).
#include <string_view>

#include "core/result.hpp"

namespace lvzhi::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Adds "ts" (RFC 3339 UTC) and "level" to fields and writes them as one line.
void write(Level level, std::string_view message, Json fields = Json::object());

inline void info(std::string_view message, Json fields = Json::object()) {
  write(Level::kInfo, message, std::move(fields));
}
inline void warn(std::string_view message, Json fields = Json::object()) {
  write(Level::kWarn, message, std::move(fields));
}
inline void error(std::string_view message, Json fields = Json::object()) {
  write(Level::kError, message, std::move(fields));
}

// Quiet mode for CLI subcommands and tests: only warnings and errors are written.
void set_min_level(Level level);

}  // namespace lvzhi::log
