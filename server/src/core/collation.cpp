#include "core/collation.hpp"

#include <memory>
#include <stdexcept>
#include <vector>

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

namespace lvzhi::collation {
namespace {

// One collator per thread: creating one is costly, and sharing one across threads is not
// guaranteed safe by every ICU version.
const icu::Collator& pinyin_collator() {
  thread_local const std::unique_ptr<icu::Collator> kCollator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> made(icu::Collator::createInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !made) throw std::runtime_error("ICU: no zh collator");
    return made;
  }();
  return *kCollator;
}

}  // namespace

std::string pinyin_key(std::string_view utf8) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::Collator& collator = pinyin_collator();
  std::vector<uint8_t> key(64);
  int32_t length = collator.getSortKey(text, key.data(), static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(static_cast<std::size_t>(length));
    length = collator.getSortKey(text, key.data(), length);
  }
  // The key ends with a 0 byte, which hex needs no more than ORDER BY does.
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(static_cast<std::size_t>(length) * 2);
  for (int32_t i = 0; i + 1 < length; ++i) {
    hex.push_back(kHex[key[static_cast<std::size_t>(i)] >> 4]);
    hex.push_back(kHex[key[static_cast<std::size_t>(i)] & 0x0f]);
  }
  return hex;
}

std::string collator_version() {
  UVersionInfo version;
  pinyin_collator().getVersion(version);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(version, text);
  return text;
}

}  // namespace lvzhi::collation
