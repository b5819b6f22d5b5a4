#include "core/dates.hpp"

#include <charconv>
#include <chrono>

#include <fmt/format.h>

#include "core/clock.hpp"

namespace lvzhi::dates {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2199;
constexpr long long kShanghaiOffsetSeconds = 8 * 3600;

std::optional<std::chrono::year_month_day> parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  const auto number = [&](std::size_t at, std::size_t len, auto& out) {
    const auto* begin = text.data() + at;
    const auto [ptr, ec] = std::from_chars(begin, begin + len, out);
    return ec == std::errc() && ptr == begin + len;
  };
  if (!number(0, 4, y) || !number(5, 2, m) || !number(8, 2, d)) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m},
                                         std::chrono::day{d}};
  if (!date.ok() || y < kMinYear || y > kMaxYear) return std::nullopt;
  return date;
}

std::string format(const std::chrono::year_month_day& date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

}  // namespace

bool valid(std::string_view text) { return parse(text).has_value(); }

std::optional<std::string> add_days(std::string_view text, int days) {
  const auto date = parse(text);
  if (!date) return std::nullopt;
  return format(
      std::chrono::year_month_day{std::chrono::sys_days{*date} + std::chrono::days{days}});
}

std::string day_of(long long unix_seconds) {
  const std::chrono::sys_seconds at{std::chrono::seconds{unix_seconds + kShanghaiOffsetSeconds}};
  return format(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(at)});
}

std::string today() { return day_of(now_seconds()); }

}  // namespace lvzhi::dates
