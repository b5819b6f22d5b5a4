// libFuzzer target for the search tokenizer: what anyone can type into the public search box goes
// through tokens(), highlight() and snippet(). Must never crash or hang, and the invariants the
// databases rely on must hold: tokens are non-empty, distinct, at most 64 bytes, and hold no space,
// quote or ASCII punctuation (they are quoted into FTS5 and tsquery expressions unescaped).
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "search/tokenizer.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

void check_tokens(const std::vector<std::string>& tokens) {
  std::set<std::string> seen;
  for (const auto& t : tokens) {
    check(!t.empty() && t.size() <= 64);
    check(seen.insert(t).second);
    for (const char c : t) {
      const auto u = static_cast<unsigned char>(c);
      check(u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  using lvzhi::search::Mode;
  check_tokens(lvzhi::search::tokens(text, Mode::kIndex));
  const auto query = lvzhi::search::tokens(text.substr(0, text.size() / 2), Mode::kQuery);
  check_tokens(query);
  check_tokens(lvzhi::search::tokens(text, Mode::kTerms));
  // Highlighting gives back the text itself, cut into segments.
  std::string whole;
  for (const auto& s : lvzhi::search::highlight(text, query)) whole += s.text;
  check(whole == text);
  (void)lvzhi::search::snippet(text, query, 40);
  return 0;
}
