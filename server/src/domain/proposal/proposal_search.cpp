// Full-text search and similar proposals. Tokens come from search/tokenizer; SQLite matches them
// with FTS5, PostgreSQL with a tsvector of the same tokens, so both return the same proposals.
// Similarity is TF-IDF cosine over the committee's proposals, computed here (a committee has
// hundreds to a few thousand proposals, which fit a request).
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "domain/proposal/proposal_internal.hpp"
#include "search/tokenizer.hpp"

namespace lvzhi::proposal {
namespace detail {
namespace {

constexpr std::size_t kMaxQueryTokens = 32;
// SQLite's FTS row of a proposal: committee id × this + proposal id (migration 0010; proposal ids
// stay below it).
constexpr long long kFtsCommitteeStride = 4294967296;
// A published proposal's position in the public search: published_at × this + proposal id
// (migration 0012).
constexpr long long kPublicPositionStride = 2147483648;

// accepted_reply() in SQL, over assignments a.
constexpr const char* kAcceptedReplySql =
    "a.role <> 'co' AND a.state <> 'cancelled' AND a.replied_on IS NOT NULL AND a.replied_on <> '' "
    "AND a.reply_text <> ''";

bool accepted_reply(const Assignment& a) {
  return a.replying() && a.state != "cancelled" && !a.replied_on.empty() && !a.reply_text.empty();
}

std::string search_text(const Proposal& p) {
  std::string text = p.title + "\n" + p.analysis + "\n" + p.suggestions + "\n" + p.collective_name;
  for (const auto& r : p.proposers) {
    if (r.status == "accepted") text += "\n" + r.name;
  }
  // Replies only once staff accepted them: before that the proposers may not read them either.
  for (const auto& a : p.assignments) {
    if (accepted_reply(a)) text += "\n" + a.reply_text;
  }
  return text;
}

}  // namespace

void reindex(soci::session& sql, const Proposal& p) {
  std::string tokens = search::index_string(search_text(p));
  // PostgreSQL refuses a tsvector over 1 MB: past this size (tens of thousands of distinct tokens,
  // far beyond a proposal with its replies) the rest is left unindexed rather than the write
  // failing.
  constexpr std::size_t kMaxTokenBytes = 512 * 1024;
  if (tokens.size() > kMaxTokenBytes) tokens.resize(tokens.rfind(' ', kMaxTokenBytes));
  const long long now = now_seconds();
  sql << "DELETE FROM proposal_search WHERE proposal_id = :id", soci::use(p.id);
  sql << "INSERT INTO proposal_search (proposal_id, committee_id, tokens, updated_at) VALUES (:id, "
         ":c, :t, :now)",
      soci::use(p.id), soci::use(p.committee_id), soci::use(tokens), soci::use(now);
}

namespace {

// Every term must be present. Tokens hold letters, digits, Han characters (and the scope marker)
// only, so quoting them needs no escaping.
std::string match_expression(const db::Dialect& dialect, const std::vector<std::string>& terms) {
  std::string expression;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (dialect.is_sqlite()) {
      expression += fmt::format("{}\"{}\"", i == 0 ? "" : " ", terms[i]);
    } else {
      expression += fmt::format("{}'{}'", i == 0 ? "" : " & ", terms[i]);
    }
  }
  return expression;
}

// The words a public search looks for: the query's first kMaxQueryTokens.
std::vector<std::string> searched_terms(const std::vector<std::string>& query) {
  return {query.begin(),
          query.begin() + static_cast<long>(std::min(query.size(), kMaxQueryTokens))};
}

}  // namespace

std::optional<std::string> text_search_sql(db::Params& params, const db::Dialect& dialect,
                                           const std::vector<std::string>& query,
                                           long long committee) {
  if (query.empty()) return std::nullopt;
  std::vector<std::string> terms;
  terms.reserve(std::min(query.size(), kMaxQueryTokens) + 1);
  // PostgreSQL: the committee's scope token, which its index adds to every proposal's tokens.
  if (committee != 0 && !dialect.is_sqlite()) terms.push_back(search::scope_token(committee));
  for (std::size_t i = 0; i < query.size() && i < kMaxQueryTokens; ++i) terms.push_back(query[i]);
  const std::string expression = match_expression(dialect, terms);
  const auto param = params.add(expression);
  if (dialect.is_sqlite()) {
    // The FTS rows are numbered committee × 2³² + proposal id (migration 0010): a committee's
    // search reads only its own stretch of each token's posting list.
    const auto proposal_ids =
        fmt::format("SELECT rowid & {} FROM proposal_fts WHERE proposal_fts MATCH {}",
                    kFtsCommitteeStride - 1, param);
    if (committee == 0) return proposal_ids;
    const auto first = params.add(committee * kFtsCommitteeStride);
    const auto last = params.add(committee * kFtsCommitteeStride + kFtsCommitteeStride - 1);
    return fmt::format("{} AND rowid BETWEEN {} AND {}", proposal_ids, first, last);
  }
  return fmt::format("SELECT proposal_id FROM proposal_search WHERE tsv @@ CAST({} AS tsquery)",
                     param);
}

std::optional<std::string> public_search_sql(db::Params& params, const db::Dialect& dialect,
                                             const std::vector<std::string>& query,
                                             PublicWindow window) {
  if (query.empty()) return std::nullopt;
  const auto param = params.add(match_expression(dialect, searched_terms(query)));
  if (dialect.is_sqlite()) {
    return fmt::format(
        "SELECT rowid AS position, rowid & {} AS proposal_id FROM public_fts WHERE public_fts "
        "MATCH {}",
        kPublicPositionStride - 1, param);
  }
  const char* narrowed = "";
  switch (window) {
    case PublicWindow::kAll:
      break;
    case PublicWindow::kLatestPeriod:
      narrowed = " && public_search_latest()";
      break;
    case PublicWindow::kRecentDays:
      narrowed = " && public_search_recent_days()";
      break;
  }
  return fmt::format(
      "SELECT position, proposal_id FROM public_search WHERE tsv @@ (CAST({} AS tsquery){})", param,
      narrowed);
}

PublicTermCounts public_term_counts(soci::session& sql, const std::vector<std::string>& query) {
  const auto searched = searched_terms(query);
  const std::set<std::string> words(searched.begin(), searched.end());
  PublicTermCounts counts;
  counts.words = words.size();
  if (words.empty()) return counts;
  // The words as a tsvector's text (quoted as match_expression quotes them), split in SQL.
  std::string lexemes;
  for (const auto& w : words) lexemes += fmt::format("{}'{}'", lexemes.empty() ? "" : " ", w);
  db::Params params;
  const auto held = params.add(lexemes);
  long long known = 0;
  db::select_rows(
      sql,
      fmt::format("SELECT COUNT(*), COALESCE(MIN(documents), 0) FROM public_search_terms WHERE "
                  "term = ANY (tsvector_to_array(CAST({} AS tsvector)))",
                  held),
      params,
      [&](soci::statement& st) {
        st.exchange(soci::into(known));
        st.exchange(soci::into(counts.fewest));
      },
      [] {}, db::Reuse::kKeep);
  counts.known = static_cast<std::size_t>(known);
  return counts;
}

namespace {

Json segments_json(const std::vector<std::string>& query, std::string_view text) {
  Json out = Json::array();
  for (const auto& s : search::highlight(text, query)) {
    out.push_back({{"text", s.text}, {"hit", s.hit}});
  }
  return out;
}

// The text's excerpt around its first match, as segments; empty when it holds no match.
Json snippet_json(const std::vector<std::string>& query, std::string_view text) {
  Json out = Json::array();
  for (const auto& s : search::snippet(text, query)) {
    out.push_back({{"text", s.text}, {"hit", s.hit}});
  }
  return out;
}

}  // namespace

std::vector<Json> highlights(soci::session& sql, const std::vector<const Proposal*>& rows,
                             const std::vector<std::string>& query) {
  std::vector<Json> snippets(rows.size());
  std::vector<long long> quoting_replies;
  std::unordered_map<long long, std::size_t> at;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    snippets[i] = snippet_json(query, rows[i]->analysis);
    if (snippets[i].empty()) snippets[i] = snippet_json(query, rows[i]->suggestions);
    if (snippets[i].empty()) {
      quoting_replies.push_back(rows[i]->id);
      at.emplace(rows[i]->id, i);
    }
  }
  if (!quoting_replies.empty()) {
    const auto dialect = db::Dialect::of(sql);
    const std::string id_array = dialect.id_array(quoting_replies);
    long long proposal_id = 0;
    std::string text;
    auto st = db::kept(sql,
                       fmt::format("SELECT a.proposal_id, a.reply_text FROM proposal_assignments a "
                                   "WHERE {} AND {} ORDER BY a.proposal_id, a.id",
                                   dialect.in_ids("a.proposal_id", ":ids"), kAcceptedReplySql),
                       soci::use(id_array, "ids"), soci::into(proposal_id), soci::into(text));
    st.execute();
    while (st.fetch()) {
      Json& snippet = snippets[at.at(proposal_id)];
      if (snippet.empty()) snippet = snippet_json(query, text);
    }
  }
  std::vector<Json> out;
  out.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back(
        Json{{"title", segments_json(query, rows[i]->title)}, {"snippet", std::move(snippets[i])}});
  }
  return out;
}

}  // namespace detail

namespace {

namespace err = contract::err;

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// What similarity compares: bigrams and words of two or more characters.
std::vector<std::string> terms_of(const std::string& tokens) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < tokens.size()) {
    auto end = tokens.find(' ', start);
    if (end == std::string::npos) end = tokens.size();
    std::string t = tokens.substr(start, end - start);
    if (code_points(t) >= 2) out.push_back(std::move(t));
    start = end + 1;
  }
  return out;
}

struct Scored {
  long long id = 0;
  double score = 0;
};

constexpr double kMinScore = 0.2;

// A text to compare: its title's terms and all its terms.
struct Terms {
  std::vector<std::string> title;
  std::vector<std::string> all;
};

Terms terms_for(const std::string& title, const std::string& text) {
  return {search::tokens(title, search::Mode::kTerms),
          search::tokens(title + "\n" + text, search::Mode::kTerms)};
}

// Ranks the committee's proposals (not drafts or withdrawn ones) by cosine similarity of binary
// TF-IDF vectors: half title against title (a duplicate usually repeats the title), half the
// whole text against the whole text. With no title, the whole text alone.
std::vector<Scored> rank(soci::session& sql, long long committee, const Terms& query,
                         long long exclude_id) {
  struct Doc {
    long long id = 0;
    std::vector<std::string> title;
    std::vector<std::string> all;
  };
  std::vector<Doc> docs;
  {
    long long id = 0;
    std::string tokens;
    std::string title;
    soci::statement st =
        db::once(sql,
                 "SELECT s.proposal_id, s.tokens, p.title FROM proposal_search s JOIN "
                 "proposals p ON p.id = s.proposal_id WHERE s.committee_id = :c AND "
                 "p.state NOT IN ('draft', 'withdrawn') ORDER BY s.proposal_id",
                 soci::use(committee), soci::into(id), soci::into(tokens), soci::into(title));
    st.execute();
    while (st.fetch()) {
      if (id != exclude_id) {
        docs.push_back({id, search::tokens(title, search::Mode::kTerms), terms_of(tokens)});
      }
    }
  }
  if (docs.empty() || query.all.empty()) return {};
  std::unordered_map<std::string, int> df;
  for (const auto& d : docs) {
    for (const auto& t : d.all) ++df[t];
  }
  const double n = static_cast<double>(docs.size());
  const auto idf = [&](const std::string& t) {
    const auto it = df.find(t);
    const double d = it == df.end() ? 0.0 : it->second;
    return std::log((n + 1.0) / (d + 1.0)) + 1.0;
  };
  struct Vector {
    std::unordered_map<std::string, double> weights;
    double norm = 0;
  };
  const auto vector_of = [&](const std::vector<std::string>& terms) {
    Vector v;
    for (const auto& t : terms) {
      const double w = idf(t);
      v.weights[t] = w;
      v.norm += w * w;
    }
    v.norm = std::sqrt(v.norm);
    return v;
  };
  const auto cosine = [&](const Vector& q, const std::vector<std::string>& terms) {
    double dot = 0;
    double norm = 0;
    for (const auto& t : terms) {
      const double w = idf(t);
      norm += w * w;
      if (const auto it = q.weights.find(t); it != q.weights.end()) dot += w * it->second;
    }
    return dot > 0 && norm > 0 && q.norm > 0 ? dot / (q.norm * std::sqrt(norm)) : 0.0;
  };
  const Vector title = vector_of(query.title);
  const Vector all = vector_of(query.all);
  std::vector<Scored> out;
  for (const auto& d : docs) {
    const double whole = cosine(all, d.all);
    const double score = query.title.empty() ? whole : (cosine(title, d.title) + whole) / 2;
    if (score >= kMinScore) out.push_back({d.id, score});
  }
  std::sort(out.begin(), out.end(), [](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.id > b.id;
  });
  return out;
}

double rounded(double score) { return std::round(score * 100.0) / 100.0; }

// The top matches the viewer may know of: anything they can open, and filed proposals (their
// number and title are not secret inside the committee; drafts under review are).
Json similar_items(soci::session& sql, const Viewer& viewer, const std::vector<Scored>& ranked,
                   std::size_t limit, std::vector<Proposal>* loaded) {
  Json items = Json::array();
  for (const auto& s : ranked) {
    if (items.size() >= limit) break;
    const auto p = detail::load(sql, viewer.actor->committee_id, s.id);
    if (!p) continue;
    const bool can_open = detail::can_see(viewer, *p);
    if (!can_open && (p->number == 0 || p->state == "merged")) continue;
    items.push_back({{"id", p->id},
                     {"number_label", p->number != 0 ? detail::number_label(p->number) : ""},
                     {"title", p->title},
                     {"state", p->state},
                     {"state_name", workflow::state_name(workflow::Table::kProposal, p->state)},
                     {"session_name", p->session_name},
                     {"score", rounded(s.score)},
                     {"can_open", can_open}});
    if (loaded != nullptr) loaded->push_back(*p);
  }
  return items;
}

}  // namespace

long long index_unindexed(db::Database& db) {
  auto indexed = db.write([&](soci::session& sql) -> Result<long long> {
    std::vector<std::pair<long long, long long>> missing;  // committee, id
    long long committee = 0;
    long long id = 0;
    soci::statement st =
        db::once(sql,
                 "SELECT p.committee_id, p.id FROM proposals p WHERE NOT EXISTS (SELECT 1 "
                 "FROM proposal_search s WHERE s.proposal_id = p.id) ORDER BY p.id",
                 soci::into(committee), soci::into(id));
    st.execute();
    while (st.fetch()) missing.emplace_back(committee, id);
    for (const auto& [c, pid] : missing) {
      if (const auto p = detail::load(sql, c, pid)) detail::reindex(sql, *p);
    }
    return static_cast<long long>(missing.size());
  });
  return indexed.ok() ? indexed.value() : 0;
}

Result<Json> ProposalService::similar(const Viewer& viewer, const SimilarText& text) {
  if (!viewer.submits() && !viewer.view_all()) {
    return make_error(err::kAuthForbidden);
  }
  return db_.read([&](soci::session& sql) -> Result<Json> {
    const auto ranked =
        rank(sql, viewer.actor->committee_id,
             terms_for(text.title, text.analysis + "\n" + text.suggestions), text.exclude_id);
    return Json{{"items", similar_items(sql, viewer, ranked, 5, nullptr)}};
  });
}

Result<Json> ProposalService::similar_to(const Viewer& viewer, long long id) {
  return db_.read([&](soci::session& sql) -> Result<Json> {
    const auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    const auto ranked =
        rank(sql, p->committee_id, terms_for(p->title, p->analysis + "\n" + p->suggestions), p->id);
    std::vector<Proposal> loaded;
    Json items = similar_items(sql, viewer, ranked, 10, &loaded);
    Json units = Json::array();
    if (viewer.staff()) {
      // Where similar proposals went: each unit scores the similarity of the proposals it handled
      // (a co-unit half), and the best of them is the reason shown.
      struct Suggestion {
        std::string name;
        double score = 0;
        double best = 0;
        std::string reason;
        Json proposals = Json::array();
      };
      std::map<long long, Suggestion> by_unit;
      for (std::size_t i = 0; i < loaded.size(); ++i) {
        const auto& other = loaded[i];
        const double score = items[i]["score"].get<double>();
        for (const auto& a : other.assignments) {
          if (a.state == "cancelled") continue;
          auto& s = by_unit[a.unit_id];
          s.name = a.unit_name;
          s.score += a.role == "co" ? score / 2 : score;
          if (score > s.best) {
            s.best = score;
            s.reason = fmt::format("相似提案{}《{}》（相似度 {:.2f}）由该单位{}",
                                   detail::number_label(other.number), other.title, score,
                                   detail::role_name(a.role));
          }
          s.proposals.push_back({{"id", other.id},
                                 {"number_label", detail::number_label(other.number)},
                                 {"title", other.title},
                                 {"score", score}});
        }
      }
      std::vector<std::pair<long long, Suggestion>> sorted(by_unit.begin(), by_unit.end());
      std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
        return a.second.score != b.second.score ? a.second.score > b.second.score
                                                : a.first < b.first;
      });
      for (std::size_t i = 0; i < sorted.size() && i < 3; ++i) {
        auto& [unit_id, s] = sorted[i];
        if (s.proposals.size() > 1) {
          s.reason += fmt::format("，共 {} 件相似提案由该单位办理", s.proposals.size());
        }
        units.push_back({{"unit_id", unit_id},
                         {"unit_name", s.name},
                         {"score", rounded(s.score)},
                         {"reason", s.reason},
                         {"proposals", s.proposals}});
      }
    }
    Json top = Json::array();
    for (std::size_t i = 0; i < items.size() && i < 5; ++i) top.push_back(items[i]);
    return Json{{"items", top}, {"units", units}};
  });
}

}  // namespace lvzhi::proposal
