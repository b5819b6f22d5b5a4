#pragma once
// Calendar dates as the API carries them: "YYYY-MM-DD" strings (DESIGN §4), and the day in the
// committee's time zone (Asia/Shanghai, UTC+8 without daylight saving).
#include <optional>
#include <string>
#include <string_view>

namespace lvzhi::dates {

// True for an existing date written exactly as YYYY-MM-DD, years 1900–2199.
bool valid(std::string_view text);
// The date `days` later (negative: earlier); nullopt when `text` is not valid.
std::optional<std::string> add_days(std::string_view text, int days);
// The day an instant falls on in Asia/Shanghai.
std::string day_of(long long unix_seconds);
// Today in Asia/Shanghai.
std::string today();

}  // namespace lvzhi::dates
