#pragma once
// Sorting Chinese names the way people expect (by pinyin): an ICU collation key stored next to the
// name, so both databases order rows identically with a plain byte-wise ORDER BY.
#include <string>
#include <string_view>

namespace lvzhi::collation {

// Lower-case hex of the ICU "zh" (pinyin) collation sort key of `utf8`. Comparing two keys as
// ASCII strings gives the collation order. Keys depend on the ICU version: stored keys are
// recomputed when it changes (member::refresh_pinyin_keys, at `migrate` and `serve`).
std::string pinyin_key(std::string_view utf8);
// The ICU collation version the keys are made with, e.g. "72.1".
std::string collator_version();

}  // namespace lvzhi::collation
