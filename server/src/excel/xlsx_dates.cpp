// excel_date_to_iso: Excel serial dates and the ways people type dates into a cell.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "core/text.hpp"
#include "excel/xlsx_reader.hpp"

namespace lvzhi::excel {
namespace {

template <class T>
std::optional<T> parse_decimal(std::string_view text) {
  T value{};
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
  return value;
}

// Full-width digits (０-９, U+FF10…FF19) typed with a Chinese input method become ASCII.
std::string normalize_digits(std::string_view text) {
  constexpr unsigned char kLead = 0xEF;
  constexpr unsigned char kSecond = 0xBC;
  constexpr unsigned char kZero = 0x90;
  constexpr unsigned char kNine = 0x99;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == kLead && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == kSecond) {
      const auto third = static_cast<unsigned char>(text[i + 2]);
      if (third >= kZero && third <= kNine) {
        out.push_back(static_cast<char>('0' + (third - kZero)));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<std::string> iso_if_valid(int year, int month, int day) {
  constexpr int kFirstYear = 1900;
  constexpr int kLastYear = 9999;
  if (year < kFirstYear || year > kLastYear || month < 1 || day < 1) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  std::string out(10, '0');  // YYYY-MM-DD
  const auto put = [&out](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
      out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, year, 4);
  out[4] = '-';
  put(5, month, 2);
  out[7] = '-';
  put(8, day, 2);
  return out;
}

// Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 is 1900-02-29, a day that never
// was (kept from Lotus 1-2-3); from serial 61 on, serial n is 1899-12-30 + n days.
std::optional<std::string> from_serial(std::string_view text) {
  constexpr long long kFictitiousLeapDay = 60;
  constexpr long long kLastSerial = 2958465;     // 9999-12-31
  constexpr long long kUnixEpochSerial = 25569;  // 1970-01-01
  const auto dot = text.find('.');
  const auto whole = text.substr(0, dot);
  if (!all_digits(whole)) return std::nullopt;
  if (dot != std::string_view::npos && !all_digits(text.substr(dot + 1))) return std::nullopt;
  const auto serial = parse_decimal<long long>(whole);
  if (!serial || *serial < 1 || *serial > kLastSerial || *serial == kFictitiousLeapDay) {
    return std::nullopt;
  }
  const long long unix_days = *serial - kUnixEpochSerial + (*serial < kFictitiousLeapDay ? 1 : 0);
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{unix_days}}};
  return iso_if_valid(static_cast<int>(date.year()),
                      static_cast<int>(static_cast<unsigned>(date.month())),
                      static_cast<int>(static_cast<unsigned>(date.day())));
}

// Reads 1–max_digits ASCII digits at text[pos].
std::optional<int> take_number(std::string_view text, std::size_t& pos, std::size_t max_digits) {
  const auto start = pos;
  while (pos < text.size() && pos - start < max_digits && text[pos] >= '0' && text[pos] <= '9') {
    ++pos;
  }
  if (pos == start || (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')) {
    return std::nullopt;
  }
  return parse_decimal<int>(text.substr(start, pos - start));
}

bool take(std::string_view text, std::size_t& pos, std::string_view token) {
  if (text.substr(pos).starts_with(token)) {
    pos += token.size();
    return true;
  }
  return false;
}

// 2021-09-01, 2021/9/1, 2021.9.1, 2021年9月1日 (日 or 号 optional), then optionally a time.
std::optional<std::string> from_text(std::string_view text) {
  constexpr std::size_t kYearDigits = 4;
  constexpr std::size_t kPartDigits = 2;
  std::size_t pos = 0;
  const auto year = take_number(text, pos, kYearDigits);
  if (!year || pos != kYearDigits) return std::nullopt;
  std::string_view second_separator;
  if (take(text, pos, "年")) {
    second_separator = "月";
  } else if (pos < text.size() && (text[pos] == '-' || text[pos] == '/' || text[pos] == '.')) {
    second_separator = text.substr(pos, 1);
    ++pos;
  } else {
    return std::nullopt;
  }
  const auto month = take_number(text, pos, kPartDigits);
  if (!month || !take(text, pos, second_separator)) return std::nullopt;
  const auto day = take_number(text, pos, kPartDigits);
  if (!day) return std::nullopt;
  if (second_separator == "月" && !take(text, pos, "日")) take(text, pos, "号");
  // A time of day after the date ("2021-09-01 08:30:00", "2021-09-01T08:30") is dropped.
  if (pos < text.size()) {
    if (text[pos] != ' ' && text[pos] != 'T') return std::nullopt;
    const auto time = text.substr(pos + 1);
    if (time.empty() || !std::all_of(time.begin(), time.end(), [](char c) {
          return (c >= '0' && c <= '9') || c == ':' || c == '.';
        })) {
      return std::nullopt;
    }
  }
  return iso_if_valid(*year, *month, *day);
}

}  // namespace

std::optional<std::string> excel_date_to_iso(std::string_view cell) {
  const std::string text = normalize_digits(text::trim(cell));
  constexpr std::size_t kCompactDateDigits = 8;  // 20210901
  if (text.size() == kCompactDateDigits && all_digits(text)) {
    const auto year = parse_decimal<int>(std::string_view(text).substr(0, 4));
    const auto month = parse_decimal<int>(std::string_view(text).substr(4, 2));
    const auto day = parse_decimal<int>(std::string_view(text).substr(6, 2));
    return iso_if_valid(*year, *month, *day);
  }
  // A number (a serial, perhaps with a time fraction) vs. 2021.9.1 with two dots.
  if (!text.empty() && text.front() >= '0' && text.front() <= '9' &&
      text.find_first_not_of("0123456789.") == std::string::npos &&
      std::count(text.begin(), text.end(), '.') <= 1) {
    return from_serial(text);
  }
  return from_text(text);
}

}  // namespace lvzhi::excel
