// Public disclosure (提案公开): what anyone may read without signing in. Built field by field
// from the record — never from the signed-in detail — so nothing internal (contact records,
// comments, co-unit opinions, phone numbers, the timeline, attachments) can slip through.
#include <map>
#include <utility>

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

Json summary(soci::session& sql, const Proposal& p, const std::string& committee) {
  const long long at = published_at(sql, p.id);
  return Json{{"id", p.id},
              {"committee_name", committee},
              {"session_name", p.session_name},
              {"number_label", detail::number_label(p.number)},
              {"title", p.title},
              {"category_name", p.category_name},
              {"proposer_label", detail::proposer_label(p)},
              {"published_on", at != 0 ? dates::day_of(at) : ""}};
}

}  // namespace

Json ProposalService::public_list(const PublicQuery& query) {
  return db_.read([&](soci::session& sql) {
    db::Where where;
    where.add_raw(kPublished);
    const auto tokens = search::tokens(query.q, search::Mode::kQuery);
    if (!query.q.empty()) {
      const auto text = detail::text_search_sql(where.params(), db_.dialect(), tokens, 0);
      where.add_raw(text ? fmt::format("p.id IN ({})", *text) : "1 = 0");
    }
    const long long total =
        db::count_rows(sql, "SELECT COUNT(*) FROM proposals p" + where.sql(), where.params());
    std::vector<std::pair<long long, long long>> rows;  // id, committee
    long long id = 0;
    long long committee = 0;
    db::select_rows(
        sql,
        fmt::format("SELECT p.id, p.committee_id FROM proposals p{} ORDER BY p.published_at DESC, "
                    "p.id DESC LIMIT {} OFFSET {}",
                    where.sql(), query.page_size,
                    static_cast<long long>(query.page - 1) * query.page_size),
        where.params(),
        [&](soci::statement& st) {
          st.exchange(soci::into(id));
          st.exchange(soci::into(committee));
        },
        [&] { rows.emplace_back(id, committee); });
    // The page's proposals, loaded a committee at a time, then in the page's order.
    std::map<long long, std::vector<long long>> by_committee;
    for (const auto& [pid, cid] : rows) by_committee[cid].push_back(pid);
    std::map<long long, std::string> committees;
    std::map<long long, Proposal> loaded;
    for (const auto& [cid, ids] : by_committee) {
      committees[cid] = committee_name(sql, cid);
      for (auto& p : detail::load_many(sql, cid, ids)) loaded.emplace(p.id, std::move(p));
    }
    Json items = Json::array();
    for (const auto& [pid, cid] : rows) {
      const auto it = loaded.find(pid);
      if (it == loaded.end()) continue;
      auto item = summary(sql, it->second, committees[cid]);
      if (!query.q.empty()) item["highlight"] = detail::highlight_json(it->second, tokens, true);
      items.push_back(std::move(item));
    }
    return Json{{"items", std::move(items)},
                {"total", total},
                {"page", query.page},
                {"page_size", query.page_size}};
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
    auto out = summary(sql, *p, committee_name(sql, committee));
    out["analysis"] = p->analysis;
    out["suggestions"] = p->suggestions;
    out["closed_on"] = p->closed_at != 0 ? dates::day_of(p->closed_at) : "";
    out["replies"] = replies;
    return out;
  });
}

}  // namespace lvzhi::proposal
