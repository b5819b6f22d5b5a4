#pragma once
// The password policy of 等保 2.0 level 3: length, character classes, not the username (settings).
// Reuse of recent passwords is checked against stored hashes by change_password.
#include <optional>
#include <string>
#include <string_view>

#include "domain/settings/security_settings.hpp"

namespace lvzhi::auth {

// Counts the classes present: upper case, lower case, digits, other (any non-ASCII counts as
// other).
int character_classes(std::string_view password);

// nullopt when acceptable, otherwise the Chinese message for the new_password field.
std::optional<std::string> check_password_policy(std::string_view password,
                                                 std::string_view username,
                                                 const settings::SecuritySettings& settings);

}  // namespace lvzhi::auth
