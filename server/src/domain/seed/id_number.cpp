#include "domain/seed/id_number.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace lvzhi::member {
namespace {

constexpr std::size_t kLength = 18;
constexpr std::size_t kBodyLength = 17;
constexpr std::size_t kBirthOffset = 6;
constexpr std::size_t kSequenceDigit = 16;
constexpr int kModulus = 11;
constexpr int kFirstYear = 1900;  // GB 11643 numbers carry full years; nobody alive is older
constexpr int kMonths = 12;

// Weights 2^(17-i) mod 11 for positions 0..16, and the check character for each remainder.
constexpr std::array<int, kBodyLength> kWeights = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                   3, 7, 9,  10, 5, 8, 4, 2};
constexpr std::array<char, kModulus> kCheckCharacters = {'1', '0', 'X', '9', '8', '7',
                                                         '6', '5', '4', '3', '2'};

// GB/T 2260 province-level codes, plus 81 (Hong Kong), 82 (Macao) and 83 (Taiwan) used by the
// residence permits of those residents, which follow the same format.
constexpr auto kProvinceCodes =
    std::to_array<int>({11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43,
                        44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83});

bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digits_value(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

bool leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr std::array<int, kMonths> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && leap_year(year)) return 29;
  return kDays.at(static_cast<std::size_t>(month - 1));
}

}  // namespace

std::optional<char> id_number_check_character(std::string_view first17) {
  if (first17.size() != kBodyLength || !std::all_of(first17.begin(), first17.end(), is_digit)) {
    return std::nullopt;
  }
  int sum = 0;
  for (std::size_t i = 0; i < kBodyLength; ++i) sum += (first17[i] - '0') * kWeights.at(i);
  return kCheckCharacters.at(static_cast<std::size_t>(sum % kModulus));
}

bool valid_id_number(std::string_view id_number) {
  if (id_number.size() != kLength) return false;
  const auto check = id_number_check_character(id_number.substr(0, kBodyLength));
  if (!check) return false;
  const char last = id_number[kBodyLength] == 'x' ? 'X' : id_number[kBodyLength];
  if (last != *check) return false;

  const int province = digits_value(id_number.substr(0, 2));
  if (std::find(kProvinceCodes.begin(), kProvinceCodes.end(), province) == kProvinceCodes.end()) {
    return false;
  }
  const int year = digits_value(id_number.substr(kBirthOffset, 4));
  const int month = digits_value(id_number.substr(kBirthOffset + 4, 2));
  const int day = digits_value(id_number.substr(kBirthOffset + 6, 2));
  if (year < kFirstYear || month < 1 || month > kMonths) return false;
  return day >= 1 && day <= days_in_month(year, month);
}

std::optional<std::string> id_number_birth_date(std::string_view id_number) {
  if (!valid_id_number(id_number)) return std::nullopt;
  return fmt::format("{}-{}-{}", id_number.substr(kBirthOffset, 4),
                     id_number.substr(kBirthOffset + 4, 2), id_number.substr(kBirthOffset + 6, 2));
}

std::optional<std::string> id_number_gender(std::string_view id_number) {
  if (!valid_id_number(id_number)) return std::nullopt;
  return (id_number[kSequenceDigit] - '0') % 2 == 1 ? "male" : "female";
}

}  // namespace lvzhi::member
