#include "domain/auth/password_policy.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

namespace lvzhi::auth {
namespace {

constexpr std::size_t kMaxPasswordBytes = 128;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Characters, not bytes: a Chinese character is one character of a password.
std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

}  // namespace

int character_classes(std::string_view password) {
  bool upper = false;
  bool lower_case = false;
  bool digit = false;
  bool other = false;
  for (unsigned char c : password) {
    if (std::isupper(c) != 0) {
      upper = true;
    } else if (std::islower(c) != 0) {
      lower_case = true;
    } else if (std::isdigit(c) != 0) {
      digit = true;
    } else {
      other = true;
    }
  }
  return static_cast<int>(upper) + static_cast<int>(lower_case) + static_cast<int>(digit) +
         static_cast<int>(other);
}

std::optional<std::string> check_password_policy(std::string_view password,
                                                 std::string_view username,
                                                 const settings::SecuritySettings& settings) {
  if (utf8_length(password) < static_cast<std::size_t>(settings.password_min_length)) {
    return fmt::format("密码至少需要 {} 个字符", settings.password_min_length);
  }
  if (password.size() > kMaxPasswordBytes)
    return fmt::format("密码不能超过 {} 个字符", kMaxPasswordBytes);
  if (character_classes(password) < settings.password_min_classes) {
    return fmt::format("密码须包含大写字母、小写字母、数字、特殊字符中的至少 {} 类",
                       settings.password_min_classes);
  }
  const std::string lowered = lower(password);
  const std::string user = lower(username);
  if (!user.empty() && lowered.find(user) != std::string::npos) return "密码不能包含用户名";
  return std::nullopt;
}

}  // namespace lvzhi::auth
