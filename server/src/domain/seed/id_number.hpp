#pragma once
// Resident identity numbers (公民身份号码, GB 11643-1999): 6-digit area code, 8-digit birth date,
// 3-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character.
// Lives under seed/ for now because the demo data needs it first; member validation reuses it.
#include <optional>
#include <string>
#include <string_view>

namespace lvzhi::member {

// The check character ('0'–'9' or 'X') for the first 17 digits of a number; nullopt when
// `first17` is not exactly 17 ASCII digits.
std::optional<char> id_number_check_character(std::string_view first17);

// True for 18 characters whose province code exists (including 81/82/83 of the Hong Kong, Macao
// and Taiwan residence permits), whose birth date is a real calendar date from 1900 on, and whose
// last character is the right check character ('x' is accepted for 'X': people type it so).
// It reads no clock, so a future birth date is the caller's to reject.
bool valid_id_number(std::string_view id_number);

// "YYYY-MM-DD" of a valid number; nullopt when valid_id_number() is false.
std::optional<std::string> id_number_birth_date(std::string_view id_number);

// "male" or "female" from the sequence digit of a valid number; nullopt when invalid.
std::optional<std::string> id_number_gender(std::string_view id_number);

}  // namespace lvzhi::member
