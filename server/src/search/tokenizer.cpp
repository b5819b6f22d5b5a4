#include "search/tokenizer.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <unordered_set>

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace lvzhi::search {
namespace {

constexpr std::size_t kMaxWordBytes = 64;

const icu::Normalizer2& folder() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error("ICU NFKC_Casefold unavailable");
  return *n;
}

// ICU's word iterator is costly to create; one per thread, reused.
icu::BreakIterator& word_iterator() {
  thread_local std::unique_ptr<icu::BreakIterator> iterator;
  if (!iterator) {
    UErrorCode status = U_ZERO_ERROR;
    iterator.reset(icu::BreakIterator::createWordInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !iterator) throw std::runtime_error("ICU word iterator unavailable");
  }
  return *iterator;
}

bool is_han(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status) == USCRIPT_HAN && U_SUCCESS(status);
}

std::string utf8(UChar32 c) {
  std::string out;
  icu::UnicodeString(c).toUTF8String(out);
  return out;
}

class Collector {
 public:
  explicit Collector(Mode mode) : mode_(mode) {}

  void han(UChar32 c) { run_.push_back(utf8(c)); }

  void flush_run() {
    if (run_.size() == 1 && mode_ != Mode::kTerms) add(run_[0]);
    for (std::size_t i = 0; i < run_.size(); ++i) {
      if (mode_ == Mode::kIndex) add(run_[i]);
      if (i + 1 < run_.size()) add(run_[i] + run_[i + 1]);
    }
    run_.clear();
  }

  void word(std::string w) {
    if (w.empty()) return;
    if (w.size() > kMaxWordBytes) {
      std::size_t cut = kMaxWordBytes;
      while (cut > 0 && (static_cast<unsigned char>(w[cut]) & 0xC0) == 0x80) --cut;
      w.resize(cut);
    }
    add(std::move(w));
  }

  std::vector<std::string> take() { return std::move(out_); }

 private:
  void add(std::string token) {
    if (seen_.insert(token).second) out_.push_back(std::move(token));
  }

  Mode mode_;
  std::vector<std::string> run_;
  std::vector<std::string> out_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

std::vector<std::string> tokens(std::string_view text, Mode mode) {
  UErrorCode status = U_ZERO_ERROR;
  const auto source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  const icu::UnicodeString folded = folder().normalize(source, status);
  if (U_FAILURE(status)) return {};
  auto& words = word_iterator();
  words.setText(folded);
  Collector out(mode);
  for (int32_t start = words.first(), end = words.next(); end != icu::BreakIterator::DONE;
       start = end, end = words.next()) {
    if (words.getRuleStatus() < UBRK_WORD_NONE_LIMIT) {  // spaces and punctuation
      out.flush_run();
      continue;
    }
    // A word: Han characters extend the current run (bigrams cross ICU's cuts); anything else is
    // split at non-alphanumerics, so FTS5's ascii tokenizer and PostgreSQL see the same tokens.
    std::string word;
    for (int32_t i = start; i < end;) {
      const UChar32 c = folded.char32At(i);
      i += U16_LENGTH(c);
      if (is_han(c)) {
        out.word(std::move(word));
        word.clear();
        out.han(c);
      } else {
        out.flush_run();
        if (u_isalnum(c)) {
          word += utf8(c);
        } else {
          out.word(std::move(word));
          word.clear();
        }
      }
    }
    out.word(std::move(word));
  }
  out.flush_run();
  return out.take();
}

std::string index_string(std::string_view text) {
  // In byte order, as PostgreSQL's tsvector keeps its lexemes: array_to_tsvector sorts a
  // document's tokens, and its sort returns at once when they already are (60,000 documents of
  // `lvzhi seed scale`: their tsvectors computed in 5.1-7.3 s unsorted, 2.6-3.1 s sorted).
  auto sorted = tokens(text, Mode::kIndex);
  std::sort(sorted.begin(), sorted.end());
  std::string out;
  for (const auto& token : sorted) {
    if (!out.empty()) out += ' ';
    out += token;
  }
  return out;
}

namespace {
constexpr std::string_view kScopeMarker = "\uE000";  // UTF-8 EE 80 80
}  // namespace

std::string scope_token(long long scope_id) {
  return std::string(kScopeMarker) + "s" + std::to_string(scope_id);
}

namespace {

// The text's code points with, for each, its folded form, so matches found in the folded text
// map back to the original characters. Folding goes code point by code point, so a prefix of the
// text folds to a prefix of the folded text.
struct FoldedText {
  std::vector<std::string_view> originals;  // one per code point, slices of the input
  std::vector<UChar32> folded;              // the folded code points
  std::vector<std::size_t> origin;          // folded index → originals index
  bool complete = true;                     // false: folding stopped before the text's end
};

// Folds the first `limit` code points of `text` (all of them by default).
FoldedText fold(std::string_view text, std::size_t limit = std::string_view::npos) {
  FoldedText out;
  const auto& n = folder();
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  // Chinese text takes about three bytes a code point.
  const std::size_t expected = std::min(limit, text.size() / 3 + 1);
  out.originals.reserve(expected);
  out.folded.reserve(expected);
  out.origin.reserve(expected);
  const auto keep = [&](UChar32 c) {
    out.folded.push_back(c);
    out.origin.push_back(out.originals.size() - 1);
  };
  for (int32_t i = 0; i < length;) {
    if (out.originals.size() == limit) {
      out.complete = false;
      break;
    }
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    out.originals.push_back(text.substr(start, i - start));
    if (c < 0) continue;  // malformed byte: shown, never matched
    // Most of a text: ASCII (only capitals change) and the common Han block fold by themselves
    // without asking ICU; the rest is normalised only when it is not inert.
    if (c < 0x80) {
      keep(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
      continue;
    }
    if ((c >= 0x4E00 && c <= 0x9FFF) || n.isInert(c)) {
      keep(c);
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString f = n.normalize(icu::UnicodeString(c), status);
    for (int32_t j = 0; U_SUCCESS(status) && j < f.length();) {
      const UChar32 fc = f.char32At(j);
      j += U16_LENGTH(fc);
      keep(fc);
    }
  }
  return out;
}

std::vector<UChar32> code_points(const std::string& token) {
  std::vector<UChar32> out;
  const auto u = icu::UnicodeString::fromUTF8(token);
  for (int32_t i = 0; i < u.length();) {
    const UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    out.push_back(c);
  }
  return out;
}

// hit[i] for each original code point.
std::vector<bool> hits(const FoldedText& t, const std::vector<std::string>& query) {
  std::vector<bool> hit(t.originals.size(), false);
  for (const auto& token : query) {
    const auto needle = code_points(token);
    if (needle.empty() || needle.size() > t.folded.size()) continue;
    for (std::size_t i = 0; i + needle.size() <= t.folded.size(); ++i) {
      if (std::equal(needle.begin(), needle.end(), t.folded.begin() + static_cast<long>(i))) {
        for (std::size_t k = i; k < i + needle.size(); ++k) hit[t.origin[k]] = true;
      }
    }
  }
  return hit;
}

std::vector<Segment> segments(const FoldedText& t, const std::vector<bool>& hit, std::size_t from,
                              std::size_t to) {
  std::vector<Segment> out;
  for (std::size_t i = from; i < to; ++i) {
    if (out.empty() || out.back().hit != hit[i]) out.push_back({"", hit[i]});
    out.back().text += t.originals[i];
  }
  return out;
}

}  // namespace

std::vector<Segment> highlight(std::string_view text, const std::vector<std::string>& query) {
  const auto t = fold(text);
  return segments(t, hits(t, query), 0, t.originals.size());
}

std::vector<Segment> snippet(std::string_view text, const std::vector<std::string>& query,
                             int width) {
  const auto span = static_cast<std::size_t>(width > 8 ? width : 8);
  // The query's tokens are folded already: found as they stand, one marks where a hit is (most
  // are), and only the text up to the window around it is folded. The folded prefix is checked
  // to hold the whole window; else, or when no token stands in the text as it is (a hit may
  // come from full-width or capital letters), the whole text is folded.
  std::size_t raw = std::string_view::npos;
  std::size_t longest = 0;  // in bytes: at least the token's code points, folded or not
  for (const auto& token : query) {
    if (token.empty()) continue;
    raw = std::min(raw, text.find(token));
    longest = std::max(longest, token.size());
  }
  std::size_t limit = std::string_view::npos;
  if (raw != std::string_view::npos) {
    const auto before = static_cast<std::size_t>(
        std::count_if(text.begin(), text.begin() + static_cast<long>(raw),
                      [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
    limit = before + span + longest;
  }
  auto t = fold(text, limit);
  auto hit = hits(t, query);
  std::size_t from = 0;
  std::size_t to = 0;
  const auto place = [&] {
    std::size_t first = 0;
    while (first < hit.size() && !hit[first]) ++first;
    if (first == hit.size()) return false;
    from = first > span / 4 ? first - span / 4 : 0;
    to = std::min(t.originals.size(), from + span);
    if (t.complete) {
      if (to - from < span) from = to > span ? to - span : 0;
      return true;
    }
    // A match that starts in the window must end inside the folded prefix.
    const auto window_end = static_cast<std::size_t>(
        std::lower_bound(t.origin.begin(), t.origin.end(), to) - t.origin.begin());
    return to == from + span && window_end + longest <= t.folded.size();
  };
  if (!place()) {
    if (t.complete) return {};
    t = fold(text);
    hit = hits(t, query);
    if (!place()) return {};
  }
  auto out = segments(t, hit, from, to);
  // Line breaks would break the one-line snippet.
  for (auto& s : out) {
    for (auto& c : s.text) {
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
  }
  if (from > 0) out.insert(out.begin(), Segment{"…", false});
  if (to < t.originals.size() || !t.complete) out.push_back({"…", false});
  return out;
}

}  // namespace lvzhi::search
