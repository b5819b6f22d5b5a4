#pragma once
// The words of the demo proposals (`lvzhi seed demo`): topics on Tianhe district matters — title
// variants, the situation, its problems, concrete suggestions and the units that answer them — and
// the phrases that replies, co-unit opinions, contact records, supervision notes and commendation
// reasons are made of. Everything here was written for the demo; seed_proposals.cpp composes it.
// Deterministic: choices come from TextRng (std::mt19937's specified output only).
#include <array>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace lvzhi::seed {

// Uniform choices from std::mt19937's raw output (the distributions differ between libraries).
class TextRng {
 public:
  explicit TextRng(std::uint32_t seed) : engine_(seed) {}
  std::size_t below(std::size_t n);  // [0, n)
  int between(int lo, int hi);       // [lo, hi]
  bool percent(int p);               // true p times in 100
  template <typename Container>
  const auto& pick(const Container& c) {
    return c[below(std::size(c))];
  }

 private:
  std::mt19937 engine_;
};

struct TopicSuggestion {
  std::string_view head;    // 统筹规划布局
  std::string_view detail;  // the concrete measure
};

// When a topic fits: the model year 2021 only (pandemic control), the live year only (matters
// that arose later), or any year.
enum class Era { kAny, kModelYear, kLive };

struct ProposalTopic {
  std::string_view category;                 // a proposal_category of the demo
  std::string_view lead;                     // the handling unit that answers it
  std::array<std::string_view, 2> partners;  // co-handling / separately answering units ("": none)
  std::array<std::string_view, 3> titles;    // 关于……的建议
  std::string_view background;
  std::array<std::string_view, 3> problems;
  std::array<TopicSuggestion, 3> suggestions;
  Era era = Era::kAny;
};

const std::vector<ProposalTopic>& proposal_topics();

// 情况分析 and 具体建议 of one proposal (150–600 characters each), varied by rng.
std::string compose_analysis(const ProposalTopic& topic, TextRng& rng);
std::string compose_suggestions(const ProposalTopic& topic, TextRng& rng);

// How a unit speaks of itself: 我局, 我院, 我办 …
std::string unit_self(std::string_view unit_name);

struct ReplyContext {
  std::string_view title;
  std::string_view number_label;  // 第0012号
  std::string_view addressee;     // 张三委员 / 民盟天河区基层委员会
  std::string_view unit_name;
  std::string_view reply_class;  // A | B | C
  int year = 0;                  // the year the reply is written
  bool collective = false;       // addressed to a collective proposer (贵委)
};
std::string compose_reply(const ProposalTopic& topic, const ReplyContext& context, TextRng& rng);
// A co-unit's opinion to the lead unit.
std::string compose_opinion(const ProposalTopic& topic, std::string_view unit_name, TextRng& rng);
// The record of how the unit consulted the proposer (method: face_to_face | meeting | phone |
// email | letter).
std::string compose_contact_note(std::string_view method, std::string_view unit_name,
                                 std::string_view addressee, TextRng& rng);
// A leader's supervision visit (督办) to the lead unit.
std::string compose_supervision_note(const ProposalTopic& topic, std::string_view leader_post,
                                     std::string_view unit_name, TextRng& rng);
std::string compose_excellent_reason(const ProposalTopic& topic, std::string_view unit_name,
                                     TextRng& rng);
std::string compose_model_unit_reason(int handled, int year, TextRng& rng);

// Short comments of the workflow: a proposer's rating, staff returning a proposal or a reply, a
// unit head returning a draft, a reassignment or extension request, a not-filed explanation.
std::string_view rating_comment(std::string_view rating, TextRng& rng);
std::string_view dissatisfied_comment(int round, TextRng& rng);
std::string_view return_comment(TextRng& rng);
std::string_view return_reply_comment(TextRng& rng);
std::string_view return_draft_comment(TextRng& rng);
std::string_view reassign_reason(TextRng& rng);
std::string_view extension_reason(TextRng& rng);
std::string_view not_file_comment(std::string_view ground);
std::string_view consultation_record(TextRng& rng);
std::string_view follow_up_note(TextRng& rng);

}  // namespace lvzhi::seed
