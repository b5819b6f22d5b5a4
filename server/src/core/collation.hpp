#pragma once
// Sorting Chinese names the way people expect (by pinyin): an ICU collation key stored next to the
// name, so both databases order rows identically with a plain byte-wise ORDER BY.
#include <string>
#include <string_view>

namespace lvzhi::collation {

// Lower-case hex of the ICU "zh" (pinyin) collation sort key of `utf8`. Comparing two keys as
// ASCII strings gives the collation order. Keys depend on the ICU version: recompute them after an
// ICU upgrade (`lvzhi migrate` does).
std::string pinyin_key(std::string_view utf8);

}  // namespace lvzhi::collation
