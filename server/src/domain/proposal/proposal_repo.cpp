// Loading a proposal with its proposers and assignments, the caller's capacities towards it, the
// settings, and the timeline/notification writes every move shares.
#include <algorithm>
#include <functional>
#include <optional>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "domain/audit/audit.hpp"
#include "domain/calendar/calendar.hpp"
#include "domain/notify/notify.hpp"
#include "domain/org/term.hpp"
#include "domain/proposal/proposal_internal.hpp"

namespace lvzhi::proposal {

namespace perm = contract::perm;

bool Assignment::open() const {
  return state != "cancelled" && state != "replied" && state != "done";
}

bool Viewer::staff() const { return actor->has(perm::kProposalManage.code); }
bool Viewer::view_all() const { return actor->has(perm::kProposalViewAll.code); }
bool Viewer::leader() const { return actor->has(perm::kProposalSupervise.code); }
bool Viewer::handles() const { return unit_id != 0 && actor->has(perm::kProposalHandle.code); }
bool Viewer::signs() const { return unit_id != 0 && actor->has(perm::kProposalSignOff.code); }
bool Viewer::submits() const { return actor->has(perm::kProposalSubmit.code); }

Settings load_settings(soci::session& sql, long long committee_id) {
  Settings s;
  s.reply_classes = {{"A", "所提问题已经解决或基本解决"},
                     {"B", "已列入计划逐步解决"},
                     {"C", "因条件限制留作参考"}};
  std::string key;
  std::string value;
  auto st = db::kept(sql,
                     "SELECT key, value FROM settings WHERE committee_id = :c "
                     "AND key LIKE 'proposal.%'",
                     soci::use(committee_id), soci::into(key), soci::into(value));
  st.execute();
  while (st.fetch()) {
    const auto number = [&](int& out, int lo, int hi) {
      try {
        const int v = std::stoi(value);
        if (v >= lo && v <= hi) out = v;
      } catch (const std::exception&) {  // a bad stored value keeps the default
      }
    };
    if (key == "proposal.reply_months") number(s.reply_months, 1, 12);
    if (key == "proposal.extended_months") number(s.extended_months, 1, 24);
    if (key == "proposal.rehandle_months") number(s.rehandle_months, 1, 6);
    if (key == "proposal.reassign_window_days") number(s.reassign_window_days, 1, 30);
    if (key == "proposal.due_soon_days") number(s.due_soon_days, 1, 90);
    if (key == "proposal.max_attachment_mb") number(s.max_attachment_mb, 1, 50);
    if (key == "proposal.max_attachments") number(s.max_attachments, 1, 50);
    if (key == "proposal.reply_classes") {
      const auto json = Json::parse(value, nullptr, false);
      if (json.is_array() && !json.empty()) {
        s.reply_classes.clear();
        for (const auto& c : json) {
          if (c.is_object() && !c.value("code", "").empty()) {
            s.reply_classes.emplace_back(c.value("code", ""), c.value("name", ""));
          }
        }
      }
    }
  }
  return s;
}

Viewer ProposalService::viewer(const Actor& actor) {
  // The session read both with the account (one transaction fewer per request).
  return Viewer{&actor, actor.member_ids, actor.unit_id};
}

namespace detail {

std::string number_label(long long number) {
  return number > 0 ? fmt::format("第{:04d}号", number) : "";
}

std::string session_name(int term_number, int session_number) {
  return fmt::format("{}届{}次会议", org::chinese_number(term_number),
                     org::chinese_number(session_number));
}

std::string proposal_label(const Proposal& p) {
  const auto title = p.title.empty() ? std::string("（未填写案由）") : p.title;
  return p.number > 0 ? fmt::format("{}「{}」", number_label(p.number), title)
                      : fmt::format("「{}」", title);
}

Context load_context(soci::session& sql, long long committee_id) {
  return Context(sql, load_settings(sql, committee_id), dates::today());
}

const workdays::Calendar& Context::calendar() const {
  if (!calendar_) calendar_ = calendar::load(*sql_);
  return *calendar_;
}

namespace {

// One id (a detail, an action) is bound as a number: PostgreSQL's plan for the kept statement
// then expects one row (for an array it expects ten, and joins the accounts by hashing them).
// `column` is one of the ids, bound to :ids as ids_value(ids).
std::string id_in(const db::Dialect& dialect, std::string_view column,
                  const std::vector<long long>& ids) {
  return ids.size() == 1 ? fmt::format("{} = CAST(:ids AS BIGINT)", column)
                         : dialect.in_ids(column, ":ids");
}

std::string ids_value(const db::Dialect& dialect, const std::vector<long long>& ids) {
  return ids.size() == 1 ? std::to_string(ids.front()) : dialect.id_array(ids);
}

// The proposals `condition` selects (a condition over proposals p; `bind` binds its parameters),
// in `order_by`'s order (or any), then their proposers and assignments. Their texts carry no
// values, so those two statements are kept prepared; the first as `reuse` says.
std::vector<Proposal> load_where(soci::session& sql, const std::string& condition,
                                 const std::function<void(soci::statement&)>& bind,
                                 std::string_view order_by, Depth depth, db::Reuse reuse) {
  const auto dialect = db::Dialect::of(sql);
  // A long text column, or an empty text in its place: the proposal's own texts for a full load
  // and a search's, the assignments' for a full load only.
  const auto own_text = [depth](const char* column) {
    return depth != Depth::kSummary ? std::string(column) : "''";
  };
  const auto unit_text = [depth](const char* column) {
    return depth == Depth::kFull ? std::string(column) : "''";
  };
  const auto exchange = [](soci::statement& statement, auto&&... elements) {
    (statement.exchange(std::forward<decltype(elements)>(elements)), ...);
  };
  std::vector<Proposal> rows;
  {
    Proposal p;
    int consultation = 0;
    int key = 0;
    int published = 0;
    int session_number = 0;
    int term_number = 0;
    db::Statement st(
        sql,
        fmt::format(
            "SELECT p.id, p.committee_id, p.session_id, s.number, t.number, p.kind, "
            "p.proposer_kind, COALESCE(p.collective_id, 0), COALESCE(c.name, ''), "
            "COALESCE(c.kind, ''), p.owner_user_id, p.title, {}, {}, "
            "COALESCE(p.category_id, 0), COALESCE(cat.name, ''), p.state, COALESCE(p.number, 0), "
            "COALESCE(p.submitted_at, 0), COALESCE(p.filed_at, 0), COALESCE(p.closed_at, 0), "
            "p.not_file_ground, p.disposition, COALESCE(p.merged_into_id, 0), p.assign_mode, "
            "p.rating_round, p.consultation_required, p.is_key, "
            "COALESCE(p.supervisor_user_id, 0), COALESCE(su.display_name, ''), p.is_published, "
            "p.version, p.created_at, p.updated_at "
            "FROM proposals p JOIN plenary_sessions s ON s.id = p.session_id "
            "JOIN terms t ON t.id = s.term_id "
            "LEFT JOIN reference_items c ON c.id = p.collective_id "
            "LEFT JOIN reference_items cat ON cat.id = p.category_id "
            "LEFT JOIN users su ON su.id = p.supervisor_user_id "
            "WHERE {}{}{}",
            own_text("p.analysis"), own_text("p.suggestions"), condition,
            order_by.empty() ? "" : " ORDER BY ", order_by),
        reuse);
    bind(st.statement());
    exchange(st.statement(), soci::into(p.id), soci::into(p.committee_id), soci::into(p.session_id),
             soci::into(session_number), soci::into(term_number), soci::into(p.kind),
             soci::into(p.proposer_kind), soci::into(p.collective_id),
             soci::into(p.collective_name), soci::into(p.collective_kind),
             soci::into(p.owner_user_id), soci::into(p.title), soci::into(p.analysis),
             soci::into(p.suggestions), soci::into(p.category_id), soci::into(p.category_name),
             soci::into(p.state), soci::into(p.number), soci::into(p.submitted_at),
             soci::into(p.filed_at), soci::into(p.closed_at), soci::into(p.not_file_ground),
             soci::into(p.disposition), soci::into(p.merged_into_id), soci::into(p.assign_mode),
             soci::into(p.rating_round), soci::into(consultation), soci::into(key),
             soci::into(p.supervisor_user_id), soci::into(p.supervisor_name), soci::into(published),
             soci::into(p.version), soci::into(p.created_at), soci::into(p.updated_at));
    st.ready();
    st.execute();
    while (st.fetch()) {
      p.consultation_required = consultation != 0;
      p.is_key = key != 0;
      p.is_published = published != 0;
      p.session_name = session_name(term_number, session_number);
      rows.push_back(p);
    }
  }
  if (rows.empty()) return rows;
  std::vector<long long> ids;
  ids.reserve(rows.size());
  std::unordered_map<long long, std::size_t> at;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ids.push_back(rows[i].id);
    at[rows[i].id] = i;
  }
  const std::string id_array = ids_value(dialect, ids);
  {
    Proposer r;
    long long proposal_id = 0;
    auto st = db::kept(
        sql,
        fmt::format("SELECT pp.proposal_id, pp.id, pp.member_id, m.name, COALESCE(m.user_id, 0), "
                    "pp.role, pp.status, pp.rating, pp.rating_round, pp.rating_comment, "
                    "COALESCE(pp.rated_by_user_id, 0) FROM proposal_proposers pp JOIN members m ON "
                    "m.id = pp.member_id WHERE {} ORDER BY pp.proposal_id, pp.sort_order, pp.id",
                    id_in(dialect, "pp.proposal_id", ids)),
        soci::use(id_array), soci::into(proposal_id), soci::into(r.id), soci::into(r.member_id),
        soci::into(r.name), soci::into(r.user_id), soci::into(r.role), soci::into(r.status),
        soci::into(r.rating), soci::into(r.rating_round), soci::into(r.rating_comment),
        soci::into(r.rated_by_user_id));
    st.execute();
    while (st.fetch()) {
      if (const auto it = at.find(proposal_id); it != at.end()) {
        rows[it->second].proposers.push_back(r);
      }
    }
  }
  // The unit's and the signer's names are scalar subqueries, an index probe per row: as joins,
  // PostgreSQL hashed every user (the kept statement's generic plan) or every unit (a plan for
  // the values) to name a page's few assignments. The proposal's own lookups above stay joins:
  // seven subqueries a row measured 2.4× slower there.
  {
    Assignment a;
    auto st = db::kept(
        sql,
        fmt::format(
            "SELECT a.id, a.proposal_id, a.unit_id, "
            "(SELECT u.name FROM handling_units u WHERE u.id = a.unit_id), a.role, a.state, "
            "a.assigned_on, a.deadline, a.extension_status, {}, {}, a.reply_class, "
            "{}, a.contact_method, COALESCE(a.contact_date, ''), {}, "
            "COALESCE(a.signed_by_user_id, 0), "
            "COALESCE((SELECT su.display_name FROM users su WHERE su.id = a.signed_by_user_id), "
            "''), COALESCE(a.replied_on, ''), COALESCE(a.replaced_by_id, 0) "
            "FROM proposal_assignments a WHERE {} ORDER BY a.proposal_id, a.id",
            unit_text("a.extension_reason"), unit_text("a.opinion"), unit_text("a.reply_text"),
            unit_text("a.contact_note"), id_in(dialect, "a.proposal_id", ids)),
        soci::use(id_array), soci::into(a.id), soci::into(a.proposal_id), soci::into(a.unit_id),
        soci::into(a.unit_name), soci::into(a.role), soci::into(a.state), soci::into(a.assigned_on),
        soci::into(a.deadline), soci::into(a.extension_status), soci::into(a.extension_reason),
        soci::into(a.opinion), soci::into(a.reply_class), soci::into(a.reply_text),
        soci::into(a.contact_method), soci::into(a.contact_date), soci::into(a.contact_note),
        soci::into(a.signed_by_user_id), soci::into(a.signed_by_name), soci::into(a.replied_on),
        soci::into(a.replaced_by_id));
    st.execute();
    while (st.fetch()) {
      if (const auto it = at.find(a.proposal_id); it != at.end()) {
        rows[it->second].assignments.push_back(a);
      }
    }
  }
  return rows;
}

}  // namespace

std::vector<Proposal> load_many(soci::session& sql, long long committee_id,
                                const std::vector<long long>& ids, Depth depth) {
  if (ids.empty()) return {};
  const auto dialect = db::Dialect::of(sql);
  const std::string id_array = ids_value(dialect, ids);
  auto rows = load_where(
      sql, fmt::format("p.committee_id = :c AND {}", id_in(dialect, "p.id", ids)),
      [&](soci::statement& st) {
        st.exchange(soci::use(committee_id, "c"));
        st.exchange(soci::use(id_array, "ids"));
      },
      "", depth, db::Reuse::kKeep);
  // In the order asked for.
  std::unordered_map<long long, std::size_t> at;
  for (std::size_t i = 0; i < rows.size(); ++i) at[rows[i].id] = i;
  std::vector<Proposal> out;
  out.reserve(rows.size());
  for (const auto id : ids) {
    if (const auto it = at.find(id); it != at.end()) out.push_back(std::move(rows[it->second]));
  }
  return out;
}

std::vector<Proposal> load_page(soci::session& sql, long long committee_id,
                                const std::string& page_sql, db::Params& params,
                                const std::string& order_by, Depth depth, db::Reuse reuse) {
  const auto committee = params.add(committee_id);
  const auto dialect = db::Dialect::of(sql);
  // PostgreSQL takes the page's ids as an array, probed by id (as `IN (…)` a generic plan may
  // join them by hashing).
  const auto ids = dialect.is_sqlite() ? fmt::format("p.id IN ({})", page_sql)
                                       : fmt::format("p.id = ANY(ARRAY({}))", page_sql);
  return load_where(
      sql, fmt::format("p.committee_id = {} AND {}", committee, ids),
      [&](soci::statement& st) { params.bind(st); }, order_by, depth, reuse);
}

std::optional<Proposal> load(soci::session& sql, long long committee_id, long long id) {
  auto found = load_many(sql, committee_id, {id});
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

namespace {

bool mine(const Viewer& v, long long member_id) {
  return std::find(v.member_ids.begin(), v.member_ids.end(), member_id) != v.member_ids.end();
}

bool my_unit_assigned(const Viewer& v, const Proposal& p) {
  return v.handles() &&
         std::any_of(p.assignments.begin(), p.assignments.end(), [&](const Assignment& a) {
           return a.unit_id == v.unit_id && a.state != "cancelled";
         });
}

}  // namespace

bool can_see(const Viewer& v, const Proposal& p) {
  if (p.committee_id != v.actor->committee_id) return false;
  if (p.owner_user_id == v.actor->user_id) return true;
  if (p.state == "draft") return false;  // a draft is its author's alone
  if (v.view_all()) return true;
  if (std::any_of(p.proposers.begin(), p.proposers.end(),
                  [&](const Proposer& r) { return mine(v, r.member_id); })) {
    return true;
  }
  return my_unit_assigned(v, p);
}

const Proposer* my_proposer(const Viewer& v, const Proposal& p) {
  for (const auto& r : p.proposers) {
    if (mine(v, r.member_id)) return &r;
  }
  return nullptr;
}

Assignment* find_assignment(Proposal& p, long long assignment_id) {
  for (auto& a : p.assignments) {
    if (a.id == assignment_id) return &a;
  }
  return nullptr;
}

workflow::Capacities proposal_capacities(const Viewer& v, const Proposal& p) {
  workflow::Capacities out;
  if (p.owner_user_id == v.actor->user_id && (v.submits() || v.staff())) {
    out.emplace_back("first_proposer");
  }
  if (const auto* r = my_proposer(v, p); r != nullptr && v.submits()) {
    if (r->role == "cosigner" && r->status == "invited") out.emplace_back("cosigner");
    if (r->status == "accepted") out.emplace_back("proposer");
  }
  if (v.staff()) out.emplace_back("staff");
  if (v.leader()) out.emplace_back("leader");
  if (v.leader() && p.is_key && p.supervisor_user_id == v.actor->user_id) {
    out.emplace_back("supervising_leader");
  }
  return out;
}

workflow::Capacities assignment_capacities(const Viewer& v, const Assignment& a) {
  workflow::Capacities out;
  if (v.staff()) out.emplace_back("staff");
  if (a.unit_id == v.unit_id) {
    if (v.handles()) out.emplace_back("unit_clerk");
    if (v.signs()) out.emplace_back("unit_head");
  }
  return out;
}

void record_step(soci::session& sql, const db::Dialect& dialect, const Actor& actor,
                 const Proposal& p, const Step& step) {
  const long long now = now_seconds();
  const bool system = step.capacity == "system";
  long long actor_id = system ? 0 : actor.user_id;
  soci::indicator actor_ind = system ? soci::i_null : soci::i_ok;
  long long assignment_id = step.assignment_id;
  soci::indicator assignment_ind = assignment_id != 0 ? soci::i_ok : soci::i_null;
  std::string actor_name = system ? std::string() : actor.display_name;
  std::string details = step.details.dump();
  std::string action = step.action;
  std::string from = step.from_state;
  std::string to = step.to_state;
  std::string capacity = step.capacity;
  std::string comment = step.comment;
  long long proposal_id = p.id;
  sql << "INSERT INTO proposal_events (proposal_id, assignment_id, action, from_state, to_state, "
         "actor_user_id, actor_name, capacity, comment, details, at) VALUES (:p, :a, :action, "
         ":from, :to, :actor, :name, :cap, :comment, :details, :at)",
      soci::use(proposal_id), soci::use(assignment_id, assignment_ind), soci::use(action),
      soci::use(from), soci::use(to), soci::use(actor_id, actor_ind), soci::use(actor_name),
      soci::use(capacity), soci::use(comment), soci::use(details), soci::use(now);

  Json changes = step.details;
  if (step.from_state != step.to_state) changes["state"] = Json::array({from, to});
  if (!step.comment.empty()) changes["comment"] = step.comment;
  if (step.assignment_id != 0) changes["assignment_id"] = step.assignment_id;
  changes["capacity"] = step.capacity;
  const std::string audit_action = step.assignment_id != 0 && !system
                                       ? fmt::format("proposal.assignment.{}", step.action)
                                       : fmt::format("proposal.{}", step.action);
  audit::record(sql, dialect, actor,
                {audit_action, "proposal", std::to_string(p.id), changes, p.committee_id});
}

void notify_user(soci::session& sql, const db::Dialect& dialect, const Proposal& p,
                 long long user_id, const std::string& kind, const std::string& title) {
  if (user_id == 0) return;
  notify::send(sql, dialect,
               {.user_id = user_id,
                .committee_id = p.committee_id,
                .kind = kind,
                .title = title,
                .body = proposal_label(p),
                .link = fmt::format("/proposals/{}", p.id),
                .dedupe_key = ""});
}

void notify_unit(soci::session& sql, const db::Dialect& dialect, const Proposal& p,
                 long long unit_id, const std::string& kind, const std::string& title) {
  std::vector<long long> users;
  long long id = 0;
  soci::statement st = db::once(sql,
                                "SELECT id FROM users WHERE unit_id = :u AND status = "
                                "'active' ORDER BY id",
                                soci::use(unit_id), soci::into(id));
  st.execute();
  while (st.fetch()) users.push_back(id);
  for (const auto user : users) notify_user(sql, dialect, p, user, kind, title);
}

void notify_proposers(soci::session& sql, const db::Dialect& dialect, const Proposal& p,
                      const std::string& kind, const std::string& title) {
  std::vector<long long> sent;
  const auto send_once = [&](long long user) {
    if (user == 0 || std::find(sent.begin(), sent.end(), user) != sent.end()) return;
    sent.push_back(user);
    notify_user(sql, dialect, p, user, kind, title);
  };
  send_once(p.owner_user_id);
  for (const auto& r : p.proposers) {
    if (r.status == "accepted") send_once(r.user_id);
  }
}

}  // namespace detail
}  // namespace lvzhi::proposal
