#include "core/personal_data.hpp"

#include "core/crypto.hpp"

namespace lvzhi::personal {
namespace {

std::string stars(std::size_t n) { return std::string(n, '*'); }

}  // namespace

std::string seal(std::string_view key, std::string_view plain) {
  if (plain.empty()) return {};
  return crypto::encrypt(key, plain);
}

std::string unseal(std::string_view key, std::string_view sealed) {
  if (sealed.empty()) return {};
  std::string plain;
  if (!crypto::decrypt(key, sealed, plain)) return {};
  return plain;
}

std::string mask_phone(std::string_view phone) {
  constexpr std::size_t kHead = 3;
  constexpr std::size_t kTail = 4;
  if (phone.empty()) return {};
  if (phone.size() <= kHead + kTail)
    return stars(phone.size() - std::min<std::size_t>(2, phone.size())) +
           std::string(phone.substr(phone.size() - std::min<std::size_t>(2, phone.size())));
  return std::string(phone.substr(0, kHead)) + stars(phone.size() - kHead - kTail) +
         std::string(phone.substr(phone.size() - kTail));
}

std::string mask_email(std::string_view email) {
  if (email.empty()) return {};
  const auto at = email.find('@');
  if (at == std::string_view::npos || at == 0) return stars(email.size());
  return std::string(email.substr(0, 1)) + "***" + std::string(email.substr(at));
}

std::string mask_id_number(std::string_view id) {
  constexpr std::size_t kHead = 6;
  constexpr std::size_t kTail = 4;
  if (id.empty()) return {};
  if (id.size() <= kHead + kTail) return stars(id.size());
  return std::string(id.substr(0, kHead)) + stars(id.size() - kHead - kTail) +
         std::string(id.substr(id.size() - kTail));
}

}  // namespace lvzhi::personal
