#pragma once
// Working days: Monday–Friday unless the calendar says otherwise (public holidays off, adjusted
// working weekends 调休 on). Dates are "YYYY-MM-DD" strings (core/dates.hpp).
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace lvzhi::workdays {

class Calendar {
 public:
  Calendar() = default;
  // exceptions: date → is_workday, for the days that differ from the weekday rule (or restate it).
  explicit Calendar(std::map<std::string, bool, std::less<>> exceptions)
      : exceptions_(std::move(exceptions)) {}

  // Precondition for all: valid dates (dates::valid).
  [[nodiscard]] bool is_workday(std::string_view day) const;
  // The n-th working day after `day` (n >= 1; `day` itself is not counted).
  [[nodiscard]] std::string add_workdays(std::string_view day, int n) const;
  // Working days in (from, to]; 0 when to <= from.
  [[nodiscard]] int workdays_between(std::string_view from, std::string_view to) const;
  // `day` when it is a working day, else the next working day.
  [[nodiscard]] std::string on_or_after(std::string_view day) const;

 private:
  std::map<std::string, bool, std::less<>> exceptions_;
};

// The date `months` calendar months after `day`, clamped to the month's last day (01-31 + 1 →
// 02-28/29). nullopt for an invalid date.
std::optional<std::string> add_months(std::string_view day, int months);

}  // namespace lvzhi::workdays
