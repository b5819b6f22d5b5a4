// Working days over the calendar's exceptions. Dates are walked as std::chrono::sys_days and only
// formatted to look a day up, so a year's walk costs a few hundred map lookups.
#include "core/workdays.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <fmt/format.h>

#include "core/dates.hpp"

namespace lvzhi::workdays {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

// Callers guarantee dates::valid (the header's precondition); an invalid date still parses to
// something deterministic instead of crashing.
sys_days parse(std::string_view text) {
  int y = 0;
  unsigned m = 0;
  unsigned d = 0;
  if (text.size() == 10) {
    std::from_chars(text.data(), text.data() + 4, y);
    std::from_chars(text.data() + 5, text.data() + 7, m);
    std::from_chars(text.data() + 8, text.data() + 10, d);
  }
  return sys_days{year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
}

std::string format(sys_days day) {
  const year_month_day date{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()),
                     static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

bool weekday_rule(sys_days day) {
  const std::chrono::weekday weekday{day};
  return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday;
}

}  // namespace

bool Calendar::is_workday(std::string_view day) const {
  if (const auto it = exceptions_.find(day); it != exceptions_.end()) return it->second;
  return weekday_rule(parse(day));
}

std::string Calendar::add_workdays(std::string_view day, int n) const {
  sys_days current = parse(day);
  for (int found = 0; found < n;) {
    current += std::chrono::days{1};
    if (is_workday(format(current))) ++found;
  }
  return format(current);
}

int Calendar::workdays_between(std::string_view from, std::string_view to) const {
  const sys_days end = parse(to);
  int count = 0;
  for (sys_days current = parse(from) + std::chrono::days{1}; current <= end;
       current += std::chrono::days{1}) {
    if (is_workday(format(current))) ++count;
  }
  return count;
}

std::string Calendar::on_or_after(std::string_view day) const {
  if (is_workday(day)) return std::string(day);
  return add_workdays(day, 1);
}

std::optional<std::string> add_months(std::string_view day, int months) {
  if (!dates::valid(day)) return std::nullopt;
  const year_month_day date{parse(day)};
  const std::chrono::year_month month =
      std::chrono::year_month{date.year(), date.month()} + std::chrono::months{months};
  const std::chrono::day last = std::chrono::year_month_day_last{
      month.year(),
      std::chrono::month_day_last{
          month.month()}}.day();
  const year_month_day result{month.year(), month.month(), std::min(date.day(), last)};
  std::string text = format(sys_days{result});
  // Keep to the range that dates::valid accepts (years 1900–2199).
  if (!dates::valid(text)) return std::nullopt;
  return text;
}

}  // namespace lvzhi::workdays
