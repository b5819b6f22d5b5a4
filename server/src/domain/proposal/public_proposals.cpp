// Public disclosure (提案公开): what anyone may read without signing in. Built field by field
// from the record — never from the signed-in detail — so nothing internal (contact records,
// comments, co-unit opinions, phone numbers, the timeline, attachments) can slip through.
#include <algorithm>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "domain/proposal/proposal_internal.hpp"
#include "search/tokenizer.hpp"

namespace lvzhi::proposal {
namespace {

namespace err = contract::err;

constexpr const char* kPublished = "p.is_published = 1 AND p.state = 'closed'";

std::string committee_name(soci::session& sql, long long id) {
  std::string name;
  sql << "SELECT name FROM committees WHERE id = :id", soci::use(id), soci::into(name);
  return name;
}

long long published_at(soci::session& sql, long long id) {
  long long at = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT published_at FROM proposals WHERE id = :id", soci::use(id), soci::into(at, ind);
  return ind == soci::i_ok ? at : 0;
}

// The public list counts at most this many rows, and pages no further: a count of every
// committee's published proposals would grow with the country. Older ones are found by search.
constexpr long long kPublicListRows = 1000;

Json summary(const Proposal& p, const std::string& committee, long long at) {
  return Json{{"id", p.id},
              {"committee_name", committee},
              {"session_name", p.session_name},
              {"number_label", detail::number_label(p.number)},
              {"title", p.title},
              {"category_name", p.category_name},
              {"proposer_label", detail::proposer_label(p)},
              {"published_on", at != 0 ? dates::day_of(at) : ""}};
}

// What a public page shows of a proposal: read with the page itself (its names are scalar
// subqueries, an index probe per page row), so a page needs neither the full load nor its
// assignments. The texts only for a search's highlights.
struct PublicRow {
  Proposal p;  // the fields summary() and detail::highlights() read
  long long published_at = 0;
  std::string committee_name;
};

std::string public_columns(bool texts) {
  return fmt::format(
      "SELECT p.id, COALESCE(p.published_at, 0), "
      "(SELECT c.name FROM committees c WHERE c.id = p.committee_id), "
      "(SELECT s.number FROM plenary_sessions s WHERE s.id = p.session_id), "
      "(SELECT t.number FROM plenary_sessions s JOIN terms t ON t.id = s.term_id "
      "WHERE s.id = p.session_id), "
      "COALESCE(p.number, 0), p.title, "
      "COALESCE((SELECT r.name FROM reference_items r WHERE r.id = p.category_id), ''), "
      "p.proposer_kind, "
      "COALESCE((SELECT r.name FROM reference_items r WHERE r.id = p.collective_id), ''), {}",
      texts ? "p.analysis, p.suggestions" : "'', ''");
}

// Binds a statement of public_columns() to `row`; fetched() completes it once a row is fetched.
struct RowBinding {
  PublicRow row;
  int session_number = 0;
  int term_number = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::into(row.p.id));
    st.exchange(soci::into(row.published_at));
    st.exchange(soci::into(row.committee_name));
    st.exchange(soci::into(session_number));
    st.exchange(soci::into(term_number));
    st.exchange(soci::into(row.p.number));
    st.exchange(soci::into(row.p.title));
    st.exchange(soci::into(row.p.category_name));
    st.exchange(soci::into(row.p.proposer_kind));
    st.exchange(soci::into(row.p.collective_name));
    st.exchange(soci::into(row.p.analysis));
    st.exchange(soci::into(row.p.suggestions));
  }
  PublicRow fetched() {
    row.p.session_name = detail::session_name(term_number, session_number);
    return row;
  }
};

// The public columns of the rows whose ids `rows` holds, kept in their order (a row gone since its
// id was read is left out).
void load_public_rows(soci::session& sql, std::vector<PublicRow>& rows, bool texts) {
  if (rows.empty()) return;
  std::vector<long long> ids;
  std::unordered_map<long long, std::size_t> at;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ids.push_back(rows[i].p.id);
    at.emplace(rows[i].p.id, i);
  }
  const auto dialect = db::Dialect::of(sql);
  const std::string id_array = dialect.id_array(ids);
  RowBinding binding;
  db::Statement st(sql,
                   fmt::format("{} FROM proposals p WHERE {}", public_columns(texts),
                               dialect.in_ids("p.id", ":ids")),
                   db::Reuse::kKeep);
  st.statement().exchange(soci::use(id_array, "ids"));
  binding.bind(st.statement());
  st.ready();
  st.execute();
  std::vector<bool> loaded(rows.size(), false);
  while (st.fetch()) {
    const auto i = at.at(binding.row.p.id);
    rows[i] = binding.fetched();
    loaded[i] = true;
  }
  std::vector<PublicRow> kept;
  kept.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (loaded[i]) kept.push_back(std::move(rows[i]));
  }
  rows = std::move(kept);
}

// The accepted proposers' names of the rows that name members (proposer_label), in their order.
void load_public_proposers(soci::session& sql, std::vector<PublicRow>& rows) {
  std::vector<long long> ids;
  std::unordered_map<long long, PublicRow*> row_of;
  for (auto& r : rows) {
    if (r.p.proposer_kind == "collective") continue;
    ids.push_back(r.p.id);
    row_of.emplace(r.p.id, &r);
  }
  if (ids.empty()) return;
  const auto dialect = db::Dialect::of(sql);
  const std::string id_array = dialect.id_array(ids);
  long long proposal_id = 0;
  Proposer proposer;
  proposer.status = "accepted";
  auto st =
      db::kept(sql,
               fmt::format("SELECT pp.proposal_id, (SELECT m.name FROM members m WHERE m.id = "
                           "pp.member_id) FROM proposal_proposers pp WHERE {} AND pp.status "
                           "= 'accepted' ORDER BY pp.proposal_id, pp.sort_order, pp.id",
                           dialect.in_ids("pp.proposal_id", ":ids")),
               soci::use(id_array, "ids"), soci::into(proposal_id), soci::into(proposer.name));
  st.execute();
  while (st.fetch()) row_of.at(proposal_id)->p.proposers.push_back(proposer);
}

}  // namespace

Result<Json> ProposalService::public_list(const PublicQuery& query) {
  const bool searching = !query.q.empty();
  const auto offset = static_cast<long long>(query.page - 1) * query.page_size;
  if (offset >= kPublicListRows) {
    const auto message =
        searching
            ? fmt::format("搜索结果只列出最新的 {} 件，请换用更具体的关键词", kPublicListRows)
            : fmt::format("公开提案列表只翻到最新的 {} 件，更早的请用搜索查找", kPublicListRows);
    return make_error(err::kRequestBadQuery, message, Json{{"fields", {{"page", message}}}});
  }
  const auto tokens = search::tokens(query.q, search::Mode::kQuery);
  const auto page_answer = [&](Json items, long long total) {
    return Json{{"items", std::move(items)},
                {"total", std::min(total, kPublicListRows)},
                {"total_exact", total <= kPublicListRows},
                {"page", query.page},
                {"page_size", query.page_size}};
  };
  if (searching && tokens.empty()) return page_answer(Json::array(), 0);
  // Outside a transaction, as the committee's list (ProposalService::list): a publication between
  // the count and the page can make them disagree by a proposal, as a reload would.
  return db_.read_statement([&](soci::session& sql) -> Result<Json> {
    // The page's rows, latest publication first: from the published proposals, or from the public
    // search's own index of them (its positions are in publication order, so a page reads only
    // the newest matches). Every value is bound, so each statement is kept prepared.
    // PostgreSQL's search reads the page's ids alone, under the planner settings below (with index
    // scans off, the names' lookups in the same statement cost 0.9 against 0.2 ms at 200k), and
    // their rows after.
    const bool ids_only = searching && !db_.dialect().is_sqlite();
    const std::string columns = ids_only ? "SELECT p.id" : public_columns(searching);
    const auto page_statement = [&](db::Params& params, detail::PublicWindow window) {
      const auto limit = params.add(static_cast<long long>(query.page_size));
      const auto skip = params.add(offset);
      if (!searching) {
        // The names are looked up for the page's rows only: in the statement that skips the
        // offset, PostgreSQL computed them for every skipped row too (page 30: 600 lookups of
        // the committee's name, 11.7 ms of CPU per request at 200k against 1.9).
        return fmt::format(
            "{} FROM (SELECT p.id, p.published_at, p.committee_id, p.session_id, p.number, "
            "p.title, p.category_id, p.proposer_kind, p.collective_id FROM proposals p WHERE {} "
            "ORDER BY p.published_at DESC, p.id DESC LIMIT {} OFFSET {}) p ORDER BY "
            "p.published_at DESC, p.id DESC",
            columns, kPublished, limit, skip);
      }
      return fmt::format(
          "{} FROM ({} ORDER BY position DESC LIMIT {} OFFSET {}) hit JOIN proposals p ON p.id = "
          "hit.proposal_id WHERE {} ORDER BY hit.position DESC",
          columns, *detail::public_search_sql(params, db_.dialect(), tokens, window), limit, skip,
          kPublished);
    };
    // The same rows counted up to the cap.
    db::Params count_params;
    const auto cap = count_params.add(kPublicListRows + 1);
    const std::string count_sql =
        searching
            ? fmt::format("SELECT COUNT(*) FROM ({} LIMIT {}) counted",
                          *detail::public_search_sql(count_params, db_.dialect(), tokens), cap)
            : fmt::format(
                  "SELECT COUNT(*) FROM (SELECT 1 FROM proposals p WHERE {} LIMIT {}) counted",
                  kPublished, cap);
    std::vector<PublicRow> rows;
    const auto read_page = [&](detail::PublicWindow window) {
      rows.clear();
      db::Params params;
      const auto page_sql = page_statement(params, window);
      RowBinding binding;
      db::select_rows(
          sql, page_sql, params,
          [&](soci::statement& st) {
            if (ids_only) {
              st.exchange(soci::into(binding.row.p.id));
            } else {
              binding.bind(st);
            }
          },
          [&] { rows.push_back(ids_only ? binding.row : binding.fetched()); }, db::Reuse::kKeep);
      return static_cast<long long>(rows.size());
    };
    long long total = 0;
    if (searching && !db_.dialect().is_sqlite()) {
      // PostgreSQL finds a search's matches by the GIN index alone: a scan that tests rows against
      // the words (a walk of the positions from the newest, or the whole table) reads each row's
      // out-of-line tsvector, ~10 µs a row, which the planner does not cost — a rare word's page
      // walked 111 ms at 200k proposals, a common word's count 47 ms. The index keeps no order:
      // a search of more matches than the list shows reads its page from the latest two days'
      // matches when they hold it, else from the latest period's, instead of sorting every match.
      // Counting reads each word's whole list in the index (a common word's at 2M proposals:
      // 2.4–3 ms); a one-word search takes its total from the word's kept count instead, and a
      // search for a word no published proposal holds reads nothing more.
      const auto terms = detail::public_term_counts(sql, tokens);
      std::optional<db::PlannerSettings> index_only;  // not set for a search that reads no rows
      if (!terms.none()) {
        index_only.emplace(sql, db_.dialect(),
                           std::vector<db::PlannerSettings::Setting>{
                               {"enable_seqscan", "off", "on"}, {"enable_indexscan", "off", "on"}});
      }
      if (terms.none()) {
        total = 0;
      } else if (terms.words == 1) {
        total = terms.fewest;
      } else {
        total = db::count_rows(sql, count_sql, count_params, db::Reuse::kKeep);
      }
      long long got = 0;
      if (total > kPublicListRows) {
        got = read_page(detail::PublicWindow::kRecentDays);
        if (got < query.page_size) got = read_page(detail::PublicWindow::kLatestPeriod);
      }
      if (got < query.page_size && offset < total) read_page(detail::PublicWindow::kAll);
      index_only.reset();
      load_public_rows(sql, rows, true);
    } else {
      // A short page, not past the end, tells the total; else the rows are counted up to the cap.
      const auto got = read_page(detail::PublicWindow::kAll);
      total = offset + got;
      if (got == query.page_size || (got == 0 && offset > 0)) {
        total = db::count_rows(sql, count_sql, count_params, db::Reuse::kKeep);
      }
    }
    load_public_proposers(sql, rows);
    std::vector<Json> highlights;
    if (searching) {
      std::vector<const Proposal*> found;
      for (const auto& r : rows) found.push_back(&r.p);
      highlights = detail::highlights(sql, found, tokens);
    }
    Json items = Json::array();
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const PublicRow& r = rows[i];
      auto item = summary(r.p, r.committee_name, r.published_at);
      if (searching) item["highlight"] = std::move(highlights[i]);
      items.push_back(std::move(item));
    }
    return page_answer(std::move(items), total);
  });
}

Result<Json> ProposalService::public_get(long long id) {
  return db_.read([&](soci::session& sql) -> Result<Json> {
    long long committee = 0;
    soci::indicator ind = soci::i_null;
    sql << fmt::format("SELECT p.committee_id FROM proposals p WHERE p.id = :id AND {}",
                       kPublished),
        soci::use(id), soci::into(committee, ind);
    if (ind != soci::i_ok) return make_error(err::kProposalNotFound);
    const auto p = detail::load(sql, committee, id);
    if (!p) return make_error(err::kProposalNotFound);
    const auto settings = load_settings(sql, committee);
    const auto class_name = [&](const std::string& code) {
      for (const auto& [c, name] : settings.reply_classes) {
        if (c == code) return name;
      }
      return std::string();
    };
    Json replies = Json::array();
    for (const auto& a : p->assignments) {
      if (!a.replying() || a.state == "cancelled" || a.replied_on.empty()) continue;
      replies.push_back({{"unit_name", a.unit_name},
                         {"role", a.role},
                         {"role_name", detail::role_name(a.role)},
                         {"reply_class", a.reply_class},
                         {"reply_class_name", class_name(a.reply_class)},
                         {"reply_text", a.reply_text},
                         {"replied_on", a.replied_on}});
    }
    auto out = summary(*p, committee_name(sql, committee), published_at(sql, id));
    out["analysis"] = p->analysis;
    out["suggestions"] = p->suggestions;
    out["closed_on"] = p->closed_at != 0 ? dates::day_of(p->closed_at) : "";
    out["replies"] = replies;
    return out;
  });
}

}  // namespace lvzhi::proposal
