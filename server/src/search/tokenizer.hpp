#pragma once
// Chinese-aware tokens for full-text search and similarity (DESIGN "Search"). The same tokens feed
// SQLite FTS5 and PostgreSQL tsvector, so both databases find the same rows.
//
// Text is NFKC-case-folded (full-width letters and digits become ASCII, Latin is lower-cased),
// split into words by ICU, and every run of Han characters becomes overlapping bigrams: "农贸市场"
// → 农贸 贸市 市场. Bigrams make a 2-character word findable wherever ICU's dictionary happened to
// cut (农贸 → 农|贸), and a query's bigrams all present approximates the phrase.
#include <string>
#include <string_view>
#include <vector>

namespace lvzhi::search {

enum class Mode {
  kIndex,  // bigrams + single Han characters (so a 1-character query finds something)
  kQuery,  // bigrams; a lone Han character stays a unigram
  kTerms,  // bigrams and words only: what similarity compares
};

// Distinct tokens in order of first appearance. Latin/digit words are kept whole (≤ 64 bytes).
std::vector<std::string> tokens(std::string_view text, Mode mode);

// The index tokens in byte order, joined by single spaces (what proposal_search.tokens stores).
std::string index_string(std::string_view text);

// A token no text produces (tokens hold letters, digits and Han characters; this one starts with
// the private-use U+E000): PostgreSQL's search index adds its committee's to each proposal's
// tokens (migration 0010), and a committee's search adds it to the query, so the index itself
// narrows the search to the committee. (SQLite narrows by the index's row ids instead.)
std::string scope_token(long long scope_id);

// A piece of displayed text; hit = it matches the query.
struct Segment {
  std::string text;
  bool hit = false;
};

// `text` cut into segments where any of the query's tokens occurs (case- and width-insensitive).
std::vector<Segment> highlight(std::string_view text, const std::vector<std::string>& query);

// About `width` characters of `text` around its first hit, with "…" where it was cut; empty when
// nothing in `text` matches.
std::vector<Segment> snippet(std::string_view text, const std::vector<std::string>& query,
                             int width = 80);

}  // namespace lvzhi::search
