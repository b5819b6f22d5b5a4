// Lists, work queues and the pickers of the proposal screens. Every list is scoped as a single
// read is (detail::can_see), in SQL.
#include <algorithm>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/dates.hpp"
#include "db/query.hpp"
#include "domain/proposal/proposal_internal.hpp"
#include "search/tokenizer.hpp"

namespace lvzhi::proposal {
namespace {

namespace err = contract::err;

// What the queues' conditions need: today and, for the two due-soon queues only, the end of the
// committee's due-soon window. The settings are read on first use, so a list without a due-soon
// queue costs no settings read (and no list reads the calendar: summaries need today alone).
class QueueDates {
 public:
  QueueDates(soci::session& sql, long long committee_id)
      : sql_(sql), committee_id_(committee_id), today_(dates::today()) {}

  [[nodiscard]] const std::string& today() const { return today_; }
  const std::string& soon() {
    if (!soon_) {
      const int days = load_settings(sql_, committee_id_).due_soon_days;
      soon_ = dates::add_days(today_, days).value_or(today_);
    }
    return *soon_;
  }

 private:
  soci::session& sql_;
  long long committee_id_;
  std::string today_;
  std::optional<std::string> soon_;
};

constexpr const char* kOpenAssignment =
    "a.state IN ('pending', 'handling', 'reassign_requested', 'reply_draft', 'reply_review')";

struct QueueDef {
  const char* code;
  const char* name;
  bool (*applies)(const Viewer&);
};

bool for_member(const Viewer& v) { return v.submits(); }
bool for_staff(const Viewer& v) { return v.staff(); }
bool for_unit(const Viewer& v) { return v.handles(); }
bool for_head(const Viewer& v) { return v.signs(); }
bool for_leader(const Viewer& v) { return v.leader(); }

constexpr QueueDef kQueues[] = {
    {"my_drafts", "我的草稿", for_member},
    {"cosign_invitations", "待我确认联名", for_member},
    {"to_rate", "待我评价", for_member},
    {"my_proposals", "我的提案", for_member},
    {"to_check", "待初审", for_staff},
    {"to_review", "待审查立案", for_staff},
    {"to_assign", "待交办", for_staff},
    {"reassign_requests", "调整申请", for_staff},
    {"extension_requests", "延期申请", for_staff},
    {"replies_to_accept", "待审核答复", for_staff},
    {"to_consult", "待面商办结", for_staff},
    {"due_soon", "即将到期", for_staff},
    {"overdue", "已逾期", for_staff},
    {"unit_new", "待签收", for_unit},
    {"unit_handling", "办理中", for_unit},
    {"unit_sent_back", "被退回的答复", for_unit},
    {"unit_to_sign", "待签发", for_head},
    {"unit_due_soon", "即将到期", for_unit},
    {"supervising", "我督办的重点提案", for_leader},
};

std::string id_list(const std::vector<long long>& ids) {
  return ids.empty() ? "0" : fmt::format("{}", fmt::join(ids, ", "));
}

// `column` is one of the viewer's roster rows, bound as one array: the statement's text is the
// same for every member, so it is kept prepared.
std::string in_member_rows(db::Where& where, const db::Dialect& dialect, std::string_view column,
                           const Viewer& v) {
  return dialect.in_ids(column, where.params().add(dialect.id_array(v.member_ids)));
}

// The scope of detail::can_see, as SQL over proposals p.
void add_scope(db::Where& where, const db::Dialect& dialect, const Viewer& v) {
  where.add("p.committee_id = {}", v.actor->committee_id);
  std::vector<std::string> any{
      fmt::format("p.owner_user_id = {}", where.params().add(v.actor->user_id))};
  const std::string not_draft = "p.state <> 'draft'";
  if (v.view_all()) {
    any.push_back(not_draft);
  } else {
    any.push_back(
        fmt::format("({} AND EXISTS (SELECT 1 FROM proposal_proposers pp WHERE "
                    "pp.proposal_id = p.id AND {}))",
                    not_draft, in_member_rows(where, dialect, "pp.member_id", v)));
    if (v.handles()) {
      any.push_back(
          fmt::format("({} AND EXISTS (SELECT 1 FROM proposal_assignments a WHERE "
                      "a.proposal_id = p.id AND a.unit_id = {} AND a.state <> "
                      "'cancelled'))",
                      not_draft, where.params().add(v.unit_id)));
    }
  }
  where.add_raw(fmt::format("({})", fmt::join(any, " OR ")));
}

// Adds the queue's condition; false when the caller has no such queue.
bool add_queue(db::Where& where, const db::Dialect& dialect, const Viewer& v,
               const std::string& queue, QueueDates& when) {
  const QueueDef* def = nullptr;
  for (const auto& q : kQueues) {
    if (queue == q.code) def = &q;
  }
  if (def == nullptr || !def->applies(v)) return false;
  // A unit's and a member's queues start from their own rows (IN over the unit's assignments or
  // the member's proposer rows, both indexed), not from every proposal of the committee; the
  // committee-wide staff queues test each proposal.
  const auto assignment = [&](const std::string& condition, bool own_unit) {
    if (own_unit) {
      where.add_raw(fmt::format(
          "p.id IN (SELECT a.proposal_id FROM proposal_assignments a WHERE a.unit_id = {} AND {})",
          where.params().add(v.unit_id), condition));
    } else {
      where.add_raw(fmt::format(
          "EXISTS (SELECT 1 FROM proposal_assignments a WHERE a.proposal_id = p.id AND {})",
          condition));
    }
  };
  const auto proposer = [&](const std::string& condition) {
    where.add_raw(
        fmt::format("p.id IN (SELECT pp.proposal_id FROM proposal_proposers pp WHERE {} AND {})",
                    in_member_rows(where, dialect, "pp.member_id", v), condition));
  };
  const std::string code = def->code;
  if (code == "my_drafts") {
    where.add("p.owner_user_id = {}", v.actor->user_id);
    where.add_raw("p.state IN ('draft', 'returned')");
  } else if (code == "my_proposals") {
    proposer("pp.status = 'accepted'");
  } else if (code == "cosign_invitations") {
    where.add_raw("p.state = 'awaiting_cosigners'");
    proposer("pp.status = 'invited'");
  } else if (code == "to_rate") {
    where.add_raw("p.state = 'replied' AND p.consultation_required = 0");
    proposer("pp.status = 'accepted' AND pp.rating_round < p.rating_round");
  } else if (code == "to_check") {
    where.add_raw("p.state = 'submitted'");
  } else if (code == "to_review") {
    where.add_raw("p.state = 'under_review'");
  } else if (code == "to_assign") {
    where.add_raw("p.state = 'filed'");
  } else if (code == "reassign_requests") {
    assignment("a.state = 'reassign_requested'", false);
  } else if (code == "extension_requests") {
    assignment("a.extension_status = 'requested' AND a.state = 'handling'", false);
  } else if (code == "replies_to_accept") {
    assignment("a.state = 'reply_review'", false);
  } else if (code == "to_consult") {
    where.add_raw("p.state = 'replied' AND p.consultation_required = 1");
  } else if (code == "due_soon") {
    assignment(fmt::format("{} AND a.deadline >= {} AND a.deadline <= {}", kOpenAssignment,
                           where.params().add(when.today()), where.params().add(when.soon())),
               false);
  } else if (code == "overdue") {
    assignment(
        fmt::format("{} AND a.deadline < {}", kOpenAssignment, where.params().add(when.today())),
        false);
  } else if (code == "unit_new") {
    assignment("a.state = 'pending'", true);
  } else if (code == "unit_handling") {
    assignment("a.state = 'handling'", true);
  } else if (code == "unit_sent_back") {
    assignment(
        "a.state = 'handling' AND (SELECT e.action FROM proposal_events e WHERE "
        "e.assignment_id = a.id ORDER BY e.id DESC LIMIT 1) IN ('return_draft', "
        "'return_reply')",
        true);
  } else if (code == "unit_to_sign") {
    assignment("a.state = 'reply_draft'", true);
  } else if (code == "unit_due_soon") {
    assignment(
        fmt::format("{} AND a.deadline <= {}", kOpenAssignment, where.params().add(when.soon())),
        true);
  } else if (code == "supervising") {
    where.add("p.supervisor_user_id = {}", v.actor->user_id);
    where.add_raw("p.is_key = 1");
  }
  return true;
}

// The proposal number a search text names ("12", "0012", "第0012号"), or -1.
long long number_in(const std::string& q) {
  std::string_view text = q;
  const std::string_view prefix = "第";
  const std::string_view suffix = "号";
  if (text.starts_with(prefix)) text.remove_prefix(prefix.size());
  if (text.ends_with(suffix)) text.remove_suffix(suffix.size());
  const bool digits =
      !text.empty() && text.size() <= 9 &&
      std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? std::stoll(std::string(text)) : -1;
}

}  // namespace

// A list runs outside a transaction: its statements (count, page, the page's loads) each see the
// latest committed data, which spares PostgreSQL the BEGIN and COMMIT round trips. A write between
// them can make the total and the page disagree by a proposal, as a reload would; the loaded rows
// are checked against the viewer's scope again, so a change in between never shows a proposal
// the viewer may no longer see.
Result<Json> ProposalService::list(const Viewer& viewer, const ListQuery& query) {
  return db_.read_statement([&](soci::session& sql) -> Result<Json> {
    QueueDates when(sql, viewer.actor->committee_id);
    db::Where where;
    add_scope(where, db_.dialect(), viewer);
    if (!query.queue.empty() && !add_queue(where, db_.dialect(), viewer, query.queue, when)) {
      return make_error(err::kRequestBadQuery, fmt::format("没有这个工作队列：{}", query.queue),
                        Json{{"parameter", "queue"}});
    }
    if (!query.state.empty()) where.add("p.state = {}", query.state);
    if (query.session_id != 0) where.add("p.session_id = {}", query.session_id);
    if (!query.kind.empty()) where.add("p.kind = {}", query.kind);
    if (query.category_id != 0) where.add("p.category_id = {}", query.category_id);
    if (query.key_only) where.add_raw("p.is_key = 1");
    if (query.unit_id != 0) {
      where.add_raw(
          fmt::format("EXISTS (SELECT 1 FROM proposal_assignments a WHERE "
                      "a.proposal_id = p.id AND a.unit_id = {} AND a.state <> "
                      "'cancelled')",
                      where.params().add(query.unit_id)));
    }
    if (query.sector_id != 0) {
      where.add(
          "p.proposer_kind = 'member' AND EXISTS (SELECT 1 FROM proposal_proposers fp JOIN "
          "members m ON m.id = fp.member_id WHERE fp.proposal_id = p.id AND fp.role = 'first' AND "
          "m.sector_id = {})",
          query.sector_id);
    }
    if (query.year != 0) detail::add_year(where, query.year);
    if (!query.stat.empty()) {
      const auto condition = detail::stat_sql(query.stat, when.today());
      if (!condition) {
        return make_error(err::kRequestBadQuery, fmt::format("没有这个统计项：{}", query.stat),
                          Json{{"parameter", "stat"}});
      }
      where.add_raw(*condition);
    }
    if (!query.reply_class.empty()) {
      where.add(
          "EXISTS (SELECT 1 FROM proposal_assignments a WHERE a.proposal_id = p.id AND a.state <> "
          "'cancelled' AND a.role <> 'co' AND a.replied_on IS NOT NULL AND a.reply_class = {})",
          query.reply_class);
    }
    // The texts carry no values (the filters' are bound, the page's and a search's matches too),
    // so they are kept prepared, except a statistic's: "overdue" writes today's date into its text
    // (kept, it would add a statement a day until the cache is full).
    const auto reuse = query.stat.empty() ? db::Reuse::kKeep : db::Reuse::kOnce;
    // Full text (title, text, accepted replies, proposer names) or the proposal's number ("12",
    // "0012", "第0012号"), found in the statement that orders and counts the matches. PostgreSQL
    // takes the text's matches as an array, probed by id: as `IN (…)` its generic plan hashed
    // the committee's every proposal to join them (200k: 2.4 against 0.4 ms).
    const auto search_tokens = search::tokens(query.q, search::Mode::kQuery);
    if (!query.q.empty()) {
      std::vector<std::string> any_of;
      if (const long long number = number_in(query.q); number > 0) {
        // One per session of the committee (numbers restart each session).
        any_of.push_back(fmt::format("p.number = {}", where.params().add(number)));
      }
      if (const auto text = detail::text_search_sql(where.params(), db_.dialect(), search_tokens,
                                                    viewer.actor->committee_id)) {
        any_of.push_back(db_.dialect().is_sqlite() ? fmt::format("p.id IN ({})", *text)
                                                   : fmt::format("p.id = ANY(ARRAY({}))", *text));
      }
      where.add_raw(any_of.empty() ? "1 = 0" : fmt::format("({})", fmt::join(any_of, " OR ")));
    }
    const auto offset = static_cast<long long>(query.page - 1) * query.page_size;
    // A search's highlights quote the texts; a plain list's summaries do not read them.
    const auto depth = query.q.empty() ? detail::Depth::kSummary : detail::Depth::kSearch;
    std::vector<Proposal> page;
    long long total = 0;
    if (query.q.empty()) {
      // The page first, read with its proposals in one statement: a page shorter than a full
      // one, not past the end, tells the total itself (a member's or a unit's queue mostly fits
      // one page), and the count is then not run. A COUNT(*) OVER () on the page statement was
      // slower on both databases: it sorts every matching row instead of reading the first ones
      // in index order.
      const auto count_sql = "SELECT COUNT(*) FROM proposals p" + where.sql();
      db::Params count_params = where.params();
      const auto limit = where.params().add(static_cast<long long>(query.page_size));
      const auto skip = where.params().add(offset);
      const std::string order = "p.updated_at DESC, p.id DESC";
      page = detail::load_page(sql, viewer.actor->committee_id,
                               fmt::format("SELECT p.id FROM proposals p{} ORDER BY {} LIMIT {} "
                                           "OFFSET {}",
                                           where.sql(), order, limit, skip),
                               where.params(), order, depth, reuse);
      const auto got = static_cast<long long>(page.size());
      total = got < query.page_size && (got > 0 || offset == 0)
                  ? offset + got
                  : db::count_rows(sql, count_sql, count_params, reuse);
    } else {
      std::vector<long long> ids;
      long long id = 0;
      // A search: one pass finds the matches, reads them all in order, counts them and keeps the
      // page (a second statement would run the search again).
      db::select_rows(
          sql,
          fmt::format("SELECT p.id FROM proposals p{} ORDER BY p.updated_at DESC, p.id DESC",
                      where.sql()),
          where.params(), [&](soci::statement& st) { st.exchange(soci::into(id)); },
          [&] {
            if (total >= offset && total < offset + query.page_size) ids.push_back(id);
            ++total;
          },
          reuse);
      page = detail::load_many(sql, viewer.actor->committee_id, ids, depth);
    }
    std::vector<const Proposal*> visible;
    for (const auto& p : page) {
      if (detail::can_see(viewer, p)) visible.push_back(&p);
    }
    auto highlights =
        query.q.empty() ? std::vector<Json>() : detail::highlights(sql, visible, search_tokens);
    Json items = Json::array();
    for (std::size_t i = 0; i < visible.size(); ++i) {
      auto item = detail::summary_json(*visible[i], when.today());
      if (!highlights.empty()) item["highlight"] = std::move(highlights[i]);
      items.push_back(std::move(item));
    }
    return Json{{"items", std::move(items)},
                {"total", total},
                {"page", query.page},
                {"page_size", query.page_size}};
  });
}

Json ProposalService::queues(const Viewer& viewer) {
  return db_.read([&](soci::session& sql) {
    QueueDates when(sql, viewer.actor->committee_id);
    Json out = Json::array();
    for (const auto& q : kQueues) {
      if (!q.applies(viewer)) continue;
      db::Where where;
      add_scope(where, db_.dialect(), viewer);
      add_queue(where, db_.dialect(), viewer, q.code, when);
      const long long count = db::count_rows(sql, "SELECT COUNT(*) FROM proposals p" + where.sql(),
                                             where.params(), db::Reuse::kKeep);
      out.push_back({{"code", q.code}, {"name", q.name}, {"count", count}});
    }
    return Json{{"queues", out}};
  });
}

Json ProposalService::options(const Viewer& viewer) {
  return db_.read([&](soci::session& sql) {
    const long long committee = viewer.actor->committee_id;
    const auto ctx = detail::load_context(sql, committee);
    Json sessions = Json::array();
    {
      long long id = 0;
      int session_number = 0;
      int term_number = 0;
      std::string start;
      std::string end;
      soci::statement st =
          db::once(sql,
                   "SELECT s.id, s.number, t.number, s.start_date, s.end_date FROM "
                   "plenary_sessions s JOIN terms t ON t.id = s.term_id WHERE "
                   "s.committee_id = :c ORDER BY s.start_date DESC",
                   soci::use(committee), soci::into(id), soci::into(session_number),
                   soci::into(term_number), soci::into(start), soci::into(end));
      st.execute();
      bool current_taken = false;
      while (st.fetch()) {
        const bool current = !current_taken && start <= ctx.today;
        current_taken = current_taken || current;
        sessions.push_back({{"id", id},
                            {"name", detail::session_name(term_number, session_number)},
                            {"start_date", start},
                            {"end_date", end},
                            {"is_current", current}});
      }
    }
    const auto refs = [&](const std::string& condition, const std::string& from) {
      Json out = Json::array();
      long long id = 0;
      std::string name;
      std::string kind;
      soci::statement st =
          db::once(sql,
                   fmt::format("SELECT r.id, r.name, r.kind FROM {} WHERE r.committee_id "
                               "= :c AND r.is_active = 1 AND {} ORDER BY r.kind, "
                               "r.sort_order, r.name",
                               from, condition),
                   soci::use(committee), soci::into(id), soci::into(name), soci::into(kind));
      st.execute();
      while (st.fetch()) out.push_back({{"id", id}, {"name", name}, {"kind", kind}});
      return out;
    };
    const std::string bodies = "r.kind IN ('party', 'special_committee', 'sector', 'member_group')";
    Json collectives = Json::array();
    if (viewer.staff()) {
      collectives = refs(bodies, "reference_items r");
    } else if (viewer.submits()) {
      // A member's own bodies in the current term: party, sector, special committees, groups.
      collectives = refs(
          fmt::format("{} AND EXISTS (SELECT 1 FROM members m JOIN terms t ON t.id = m.term_id "
                      "AND t.is_current = 1 WHERE m.id IN ({}) AND (r.id = m.party_id OR r.id = "
                      "m.sector_id OR EXISTS (SELECT 1 FROM member_memberships mm WHERE "
                      "mm.member_id = m.id AND mm.item_id = r.id)))",
                      bodies, id_list(viewer.member_ids)),
          "reference_items r");
    }
    Json units = Json::array();
    Json leaders = Json::array();
    if (viewer.staff() || viewer.leader()) {
      long long id = 0;
      std::string name;
      soci::statement st = db::once(sql,
                                    "SELECT id, name FROM handling_units WHERE "
                                    "committee_id = :c AND is_active = 1 ORDER BY id",
                                    soci::use(committee), soci::into(id), soci::into(name));
      st.execute();
      while (st.fetch()) units.push_back({{"id", id}, {"name", name}});
      soci::statement lt =
          db::once(sql,
                   "SELECT u.id, u.display_name FROM users u JOIN user_roles r ON "
                   "r.user_id = u.id WHERE u.committee_id = :c AND u.status = 'active' "
                   "AND r.role = 'leader' ORDER BY u.id",
                   soci::use(committee), soci::into(id), soci::into(name));
      lt.execute();
      while (lt.fetch()) leaders.push_back({{"id", id}, {"display_name", name}});
    }
    Json categories = Json::array();
    for (auto c : refs("r.kind = 'proposal_category'", "reference_items r")) {
      c.erase("kind");
      categories.push_back(c);
    }
    const auto& s = ctx.settings;
    return Json{{"sessions", sessions},
                {"categories", categories},
                {"collectives", collectives},
                {"reply_classes", code_names(s.reply_classes)},
                {"not_file_grounds", not_file_grounds_json()},
                {"dispositions", dispositions_json()},
                {"contact_methods", code_names(detail::contact_methods())},
                {"units", units},
                {"leaders", leaders},
                {"settings",
                 {{"reply_months", s.reply_months},
                  {"extended_months", s.extended_months},
                  {"rehandle_months", s.rehandle_months},
                  {"reassign_window_days", s.reassign_window_days},
                  {"due_soon_days", s.due_soon_days},
                  {"max_attachment_mb", s.max_attachment_mb},
                  {"max_attachments", s.max_attachments}}}};
  });
}

Json ProposalService::cosigner_options(const Viewer& viewer, const std::string& q) {
  return db_.read([&](soci::session& sql) {
    db::Where where;
    where.add("m.committee_id = {}", viewer.actor->committee_id);
    where.add_raw("t.is_current = 1 AND m.status = 'active'");
    if (!viewer.member_ids.empty()) {
      where.add_raw(fmt::format("m.id NOT IN ({})", id_list(viewer.member_ids)));
    }
    if (!q.empty()) {
      const auto name = where.params().add(db::like_pattern(q));
      const auto number = where.params().add(db::like_pattern(q));
      where.add_raw(fmt::format("(m.name LIKE {} ESCAPE '\\' OR m.member_no LIKE {} ESCAPE '\\')",
                                name, number));
    }
    Json items = Json::array();
    long long id = 0;
    std::string name;
    std::string number;
    std::string sector;
    db::select_rows(
        sql,
        "SELECT m.id, m.name, m.member_no, COALESCE(s.name, '') FROM members m JOIN terms t ON "
        "t.id = m.term_id LEFT JOIN reference_items s ON s.id = m.sector_id" +
            where.sql() + " ORDER BY m.name_key, m.id LIMIT 20",
        where.params(),
        [&](soci::statement& st) {
          st.exchange(soci::into(id));
          st.exchange(soci::into(name));
          st.exchange(soci::into(number));
          st.exchange(soci::into(sector));
        },
        [&] {
          items.push_back(
              {{"member_id", id}, {"name", name}, {"member_no", number}, {"sector", sector}});
        });
    return Json{{"items", std::move(items)}};
  });
}

}  // namespace lvzhi::proposal
