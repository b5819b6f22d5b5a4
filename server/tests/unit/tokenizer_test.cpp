// The search tokenizer: what FTS5 and tsvector index, what a query asks for, and highlighting.
#include "search/tokenizer.hpp"

#include <random>

#include <gtest/gtest.h>

namespace lvzhi::search {
namespace {

using Tokens = std::vector<std::string>;

std::string marked(const std::vector<Segment>& segments) {
  std::string out;
  for (const auto& s : segments) out += s.hit ? "[" + s.text + "]" : s.text;
  return out;
}

TEST(Tokenizer, HanRunsBecomeBigramsAcrossIcuWordCuts) {
  EXPECT_EQ(tokens("农贸市场", Mode::kQuery), (Tokens{"农贸", "贸市", "市场"}));
  EXPECT_EQ(tokens("农贸市场", Mode::kTerms), (Tokens{"农贸", "贸市", "市场"}));
}

TEST(Tokenizer, IndexAddsSingleCharactersSoOneCharacterQueriesFindSomething) {
  EXPECT_EQ(tokens("市场", Mode::kIndex), (Tokens{"市", "市场", "场"}));
  EXPECT_EQ(tokens("市", Mode::kQuery), (Tokens{"市"}));
  EXPECT_TRUE(tokens("市", Mode::kTerms).empty());
}

TEST(Tokenizer, PunctuationAndSpacesEndARun) {
  EXPECT_EQ(tokens("停车，难 题", Mode::kQuery), (Tokens{"停车", "难", "题"}));
}

TEST(Tokenizer, LatinAndDigitsAreFoldedWholeWordsSplitAtPunctuation) {
  EXPECT_EQ(tokens("推进５Ｇ网络 AI-Lab 3.5", Mode::kQuery),
            (Tokens{"推进", "5g", "网络", "ai", "lab", "3", "5"}));
}

TEST(Tokenizer, TokensAreDistinctInOrderOfFirstAppearance) {
  EXPECT_EQ(tokens("市场市场", Mode::kIndex), (Tokens{"市", "市场", "场", "场市"}));
}

TEST(Tokenizer, IndexStringHoldsTheDistinctTokensInByteOrder) {
  EXPECT_EQ(index_string("市场市场 Lab"), "lab 场 场市 市 市场");
  EXPECT_EQ(index_string(""), "");
  EXPECT_EQ(index_string("，。！"), "");
}

TEST(Tokenizer, LongWordsAreCutOnACharacterBoundary) {
  const std::string word(100, 'a');
  const auto t = tokens(word, Mode::kQuery);
  ASSERT_EQ(t.size(), 1U);
  EXPECT_EQ(t[0].size(), 64U);
}

TEST(Tokenizer, HighlightMarksEveryQueryTokenIgnoringCaseAndWidth) {
  const auto q = tokens("农贸市场 ai", Mode::kQuery);
  EXPECT_EQ(marked(highlight("关于农贸市场与ＡＩ的建议", q)), "关于[农贸市场]与[ＡＩ]的建议");
  EXPECT_EQ(marked(highlight("市场监管", q)), "[市场]监管");
  EXPECT_EQ(marked(highlight("没有命中", q)), "没有命中");
}

TEST(Tokenizer, SnippetCutsAroundTheFirstHitAndOneLine) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "甲";
  text += "停车\n难";
  for (int i = 0; i < 50; ++i) text += "乙";
  const auto s = snippet(text, tokens("停车", Mode::kQuery), 20);
  const auto m = marked(s);
  EXPECT_EQ(m.rfind("…", 0), 0U);
  EXPECT_NE(m.find("[停车] 难"), std::string::npos);
  EXPECT_EQ(m.substr(m.size() - 3), "…");
  EXPECT_TRUE(snippet("无关内容", tokens("停车", Mode::kQuery)).empty());
}

// The snippet as the highlight of the whole text gives it: `span` code points around the first
// hit, a quarter of them before it (what snippet() computes, folding only what it needs).
std::string snippet_from_highlight(const std::string& text, const Tokens& query, std::size_t span) {
  std::vector<std::pair<std::string, bool>> points;
  for (const auto& s : highlight(text, query)) {
    for (std::size_t i = 0; i < s.text.size();) {
      std::size_t next = i + 1;
      while (next < s.text.size() && (static_cast<unsigned char>(s.text[next]) & 0xC0) == 0x80) {
        ++next;
      }
      points.emplace_back(s.text.substr(i, next - i), s.hit);
      i = next;
    }
  }
  std::size_t first = 0;
  while (first < points.size() && !points[first].second) ++first;
  if (first == points.size()) return "";
  std::size_t from = first > span / 4 ? first - span / 4 : 0;
  const std::size_t to = std::min(points.size(), from + span);
  if (to - from < span) from = to > span ? to - span : 0;
  std::vector<Segment> window;
  for (std::size_t i = from; i < to; ++i) {
    if (window.empty() || window.back().hit != points[i].second)
      window.push_back({"", points[i].second});
    window.back().text += points[i].first == "\n" ? " " : points[i].first;
  }
  return (from > 0 ? "…" : "") + marked(window) + (to < points.size() ? "…" : "");
}

TEST(Tokenizer, SnippetFoldsOnlyWhatItShowsYetMatchesTheWholeTextsHighlight) {
  // Hits as they stand, from full-width and capital letters, across a soft hyphen (which folds
  // to nothing), early, late and absent; windows that end inside the text and at its end.
  const std::vector<std::string> pieces{"停", "车", "甲", "乙", "Ａ", "Ｉ",    "a",
                                        "i",  "A",  "I",  "，", "\n", "\u00AD"};
  const auto query = tokens("停车 ai", Mode::kQuery);
  std::mt19937 random(20261203);
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const auto length = random() % 240;
    for (std::size_t i = 0; i < length; ++i) text += pieces[random() % pieces.size()];
    for (const int width : {8, 20, 80}) {
      EXPECT_EQ(marked(snippet(text, query, width)),
                snippet_from_highlight(text, query, static_cast<std::size_t>(width)))
          << text << " (width " << width << ")";
    }
  }
}

TEST(Tokenizer, MalformedUtf8IsShownButNeverCrashes) {
  const std::string bad = "停车\xff\xfe场";
  EXPECT_NO_THROW((void)tokens(bad, Mode::kIndex));
  EXPECT_EQ(marked(highlight(bad, tokens("停车", Mode::kQuery))).substr(0, 8), "[停车]");
}

TEST(Tokenizer, NoTextProducesAScopeToken) {
  // A document's scope token must never come out of text, or a search could leak across
  // committees: the private-use marker is dropped like punctuation.
  const std::string scope = scope_token(12);
  EXPECT_EQ(scope, "\uE000s12");  // the form PostgreSQL's index derives (migration 0010)
  for (const auto mode : {Mode::kIndex, Mode::kQuery, Mode::kTerms}) {
    for (const auto& t : tokens(scope + " " + scope + "停车 x" + scope, mode)) {
      EXPECT_EQ(t.find("\uE000"), std::string::npos) << t;
    }
  }
  EXPECT_EQ(tokens(scope, Mode::kQuery), (std::vector<std::string>{"s12"}));
}

}  // namespace
}  // namespace lvzhi::search
