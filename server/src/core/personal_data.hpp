#pragma once
// Personal data (phone, email, ID number) at rest and on screen: sealed with AES-256-GCM under the
// data key (which lives in the config or environment, never in the database), and masked for
// readers who may not see it in full.
#include <string>
#include <string_view>

namespace lvzhi::personal {

// "" stays "" (nothing to hide); anything else is sealed.
std::string seal(std::string_view key, std::string_view plain);
// "" for "" or for a value that does not open with this key (logged by the caller if it matters).
std::string unseal(std::string_view key, std::string_view sealed);

std::string mask_phone(std::string_view phone);   // 13812345678 → 138****5678
std::string mask_email(std::string_view email);   // zhang@example.com → z***@example.com
std::string mask_id_number(std::string_view id);  // 440106199001011234 → 440106********1234

}  // namespace lvzhi::personal
