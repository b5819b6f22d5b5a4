// Creating and autosaving drafts, reading one proposal and its timeline.
#include <algorithm>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/audit/audit.hpp"
#include "domain/proposal/proposal_internal.hpp"

namespace lvzhi::proposal {
namespace {

namespace err = contract::err;
using workflow::Table;

constexpr std::size_t kMaxTitle = 100;
constexpr std::size_t kMaxBody = 20000;
constexpr std::size_t kMaxCosigners = 30;
constexpr const char* kCollectiveKinds = "'party', 'special_committee', 'sector', 'member_group'";

// The session a new proposal belongs to: the one running today (a plenary proposal), else the
// latest that has started (an inter-session proposal), else the first one ahead.
struct SessionPick {
  long long id = 0;
  bool running = false;
};
SessionPick pick_session(soci::session& sql, long long committee_id, const std::string& today) {
  SessionPick pick;
  soci::indicator ind = soci::i_null;
  std::string end;
  sql << "SELECT id, end_date FROM plenary_sessions WHERE committee_id = :c AND start_date <= :d "
         "ORDER BY start_date DESC LIMIT 1",
      soci::use(committee_id), soci::use(today), soci::into(pick.id, ind), soci::into(end);
  if (ind == soci::i_ok) {
    pick.running = today <= end;
    return pick;
  }
  sql << "SELECT id FROM plenary_sessions WHERE committee_id = :c ORDER BY start_date LIMIT 1",
      soci::use(committee_id), soci::into(pick.id, ind);
  if (ind != soci::i_ok) pick.id = 0;
  return pick;
}

// True for an active member of the committee's current term.
bool current_member(soci::session& sql, long long committee_id, long long member_id) {
  long long found = 0;
  sql << "SELECT COUNT(*) FROM members m JOIN terms t ON t.id = m.term_id WHERE m.id = :m AND "
         "m.committee_id = :c AND t.is_current = 1 AND m.status = 'active'",
      soci::use(member_id), soci::use(committee_id), soci::into(found);
  return found > 0;
}

long long my_current_member(soci::session& sql, const Viewer& viewer) {
  for (const auto id : viewer.member_ids) {
    if (current_member(sql, viewer.actor->committee_id, id)) return id;
  }
  return 0;
}

bool collective_allowed(soci::session& sql, const Viewer& viewer, long long collective_id,
                        long long member_id) {
  long long found = 0;
  sql << fmt::format(
      "SELECT COUNT(*) FROM reference_items WHERE id = :id AND committee_id = :c "
      "AND is_active = 1 AND kind IN ({})",
      kCollectiveKinds),
      soci::use(collective_id), soci::use(viewer.actor->committee_id), soci::into(found);
  if (found == 0) return false;
  if (viewer.staff()) return true;
  // A member submits for a body they belong to: their party or sector, or a special committee or
  // group they are in.
  sql << "SELECT COUNT(*) FROM members m WHERE m.id = :m AND (m.party_id = :i1 OR m.sector_id = "
         ":i2 OR EXISTS (SELECT 1 FROM member_memberships mm WHERE mm.member_id = m.id AND "
         "mm.item_id = :i3))",
      soci::use(member_id), soci::use(collective_id), soci::use(collective_id),
      soci::use(collective_id), soci::into(found);
  return found > 0;
}

// Applies the draft's text fields, kind and category to p, collecting field errors.
void apply(soci::session& sql, Proposal& p, const Draft& d, FieldErrors& errors) {
  const auto text_field = [&](const std::optional<std::string>& value, std::string& out,
                              const char* field, const char* label, std::size_t max) {
    if (!value) return;
    out = text::trim(*value);
    if (text::char_count(out) > max || text::has_control_chars(out)) {
      errors.add(field, fmt::format("{}不能超过 {} 个字符", label, max));
    }
  };
  text_field(d.title, p.title, "title", "案由", kMaxTitle);
  text_field(d.analysis, p.analysis, "analysis", "情况分析", kMaxBody);
  text_field(d.suggestions, p.suggestions, "suggestions", "具体建议", kMaxBody);
  if (d.kind) {
    if (*d.kind != "plenary" && *d.kind != "inter_session") {
      errors.add("kind", "提案类型须为大会提案或平时提案");
    } else {
      p.kind = *d.kind;
    }
  }
  if (d.category_id && *d.category_id != 0) {
    long long found = 0;
    sql << "SELECT COUNT(*) FROM reference_items WHERE id = :id AND committee_id = :c AND kind = "
           "'proposal_category' AND is_active = 1",
        soci::use(*d.category_id), soci::use(p.committee_id), soci::into(found);
    if (found == 0) errors.add("category_id", "类别不存在或已停用");
  }
  if (d.category_id) p.category_id = *d.category_id;
}

Status save_cosigners(soci::session& sql, const Viewer& viewer, const Proposal& p,
                      const std::vector<long long>& ids, long long first_member) {
  if (ids.size() > kMaxCosigners) {
    return field_error("cosigner_ids", fmt::format("联名人最多 {} 位", kMaxCosigners));
  }
  std::set<long long> unique(ids.begin(), ids.end());
  for (const auto id : unique) {
    if (id == first_member) return field_error("cosigner_ids", "第一提案人不能同时是联名人");
    if (!current_member(sql, viewer.actor->committee_id, id)) {
      return field_error("cosigner_ids", "联名人须为本届在任委员");
    }
  }
  sql << "DELETE FROM proposal_proposers WHERE proposal_id = :p AND role = 'cosigner'",
      soci::use(p.id);
  long long order = 1;
  for (const auto id : ids) {
    if (unique.erase(id) == 0) continue;  // keeps the first occurrence's order
    sql << "INSERT INTO proposal_proposers (proposal_id, member_id, role, status, sort_order) "
           "VALUES (:p, :m, 'cosigner', 'invited', :o)",
        soci::use(p.id), soci::use(id), soci::use(order);
    ++order;
  }
  return ok_status();
}

// The audit of a draft: its fields, and the texts' lengths (the texts are on the proposal).
Json draft_audit(const Proposal& p) {
  return Json{{"title", p.title},
              {"kind", p.kind},
              {"category_id", p.category_id},
              {"proposer_kind", p.proposer_kind},
              {"collective_id", p.collective_id},
              {"analysis_chars", text::char_count(p.analysis)},
              {"suggestions_chars", text::char_count(p.suggestions)}};
}

}  // namespace

Result<Json> ProposalService::create(const Viewer& viewer, const Draft& d) {
  return db_.write([&](soci::session& sql) -> Result<Json> {
    const auto ctx = detail::load_context(sql, viewer.actor->committee_id);
    const auto session = pick_session(sql, viewer.actor->committee_id, ctx.today);
    if (session.id == 0) return make_error(err::kProposalNoSession);
    Proposal p;
    p.committee_id = viewer.actor->committee_id;
    p.session_id = session.id;
    p.kind = session.running ? "plenary" : "inter_session";
    p.owner_user_id = viewer.actor->user_id;
    p.proposer_kind = d.proposer_kind.value_or("member");
    FieldErrors errors;
    if (p.proposer_kind != "member" && p.proposer_kind != "collective") {
      errors.add("proposer_kind", "提案人类型须为个人或集体");
    }
    // The first proposer: the caller as a member, or (staff entering a paper proposal) the member
    // named, who also answers for a collective proposal.
    long long first_member = 0;
    if (viewer.staff() && d.first_member_id) {
      first_member = *d.first_member_id;
      if (!current_member(sql, p.committee_id, first_member)) {
        errors.add("first_member_id", "第一提案人须为本届在任委员");
        first_member = 0;
      }
    } else if (viewer.submits()) {
      first_member = my_current_member(sql, viewer);
      if (first_member == 0) return make_error(err::kProposalNotAMember);
    } else {
      errors.add("first_member_id", "请选择第一提案人（或集体提案的联系委员）");
    }
    if (p.proposer_kind == "collective") {
      p.collective_id = d.collective_id.value_or(0);
      if (first_member != 0 && !collective_allowed(sql, viewer, p.collective_id, first_member)) {
        errors.add("collective_id", "请选择提案的党派、专门委员会、界别或委员小组");
      }
    }
    apply(sql, p, d, errors);
    if (!errors.empty()) return errors.error();
    const long long now = now_seconds();
    long long collective = p.collective_id;
    soci::indicator collective_ind = collective != 0 ? soci::i_ok : soci::i_null;
    long long category = p.category_id;
    soci::indicator category_ind = category != 0 ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO proposals (committee_id, session_id, kind, proposer_kind, collective_id, "
           "owner_user_id, title, analysis, suggestions, category_id, state, created_at, "
           "updated_at) VALUES (:c, :s, :k, :pk, :col, :o, :t, :a, :sg, :cat, 'draft', :now, "
           ":now2) RETURNING id",
        soci::use(p.committee_id), soci::use(p.session_id), soci::use(p.kind),
        soci::use(p.proposer_kind), soci::use(collective, collective_ind),
        soci::use(p.owner_user_id), soci::use(p.title), soci::use(p.analysis),
        soci::use(p.suggestions), soci::use(category, category_ind), soci::use(now), soci::use(now),
        soci::into(p.id);
    sql << "INSERT INTO proposal_proposers (proposal_id, member_id, role, status, answered_at, "
           "sort_order) VALUES (:p, :m, 'first', 'accepted', :now, 0)",
        soci::use(p.id), soci::use(first_member), soci::use(now);
    if (d.cosigner_ids) {
      if (auto saved = save_cosigners(sql, viewer, p, *d.cosigner_ids, first_member); !saved.ok()) {
        return saved.take_error();
      }
    }
    p.state = "draft";
    detail::record_step(
        sql, db_.dialect(), *viewer.actor, p,
        detail::Step{0, "create", "", "draft", "first_proposer", "", draft_audit(p)});
    const auto fresh = detail::load(sql, p.committee_id, p.id);
    detail::reindex(sql, *fresh);
    return detail::detail_json(sql, viewer, *fresh, ctx);
  });
}

Result<Json> ProposalService::get(const Viewer& viewer, long long id) {
  return db_.read([&](soci::session& sql) -> Result<Json> {
    const auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    const auto ctx = detail::load_context(sql, p->committee_id);
    return detail::detail_json(sql, viewer, *p, ctx);
  });
}

Result<Json> ProposalService::update(const Viewer& viewer, long long id, const Draft& d) {
  return db_.write([&](soci::session& sql) -> Result<Json> {
    auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    const auto ctx = detail::load_context(sql, p->committee_id);
    auto move =
        workflow::check(Table::kProposal, p->state, "edit", detail::proposal_capacities(viewer, *p),
                        [](std::string_view) { return std::optional<Error>(); });
    if (!move.ok()) return move.take_error();
    if (!d.version) return field_error("version", "请提供提案的版本号");
    if (*d.version != p->version) {
      return make_error(err::kProposalVersionConflict,
                        Json{{"current_version", p->version}, {"your_version", *d.version}});
    }
    const auto before = draft_audit(*p);
    FieldErrors errors;
    if (d.proposer_kind || d.collective_id || d.first_member_id) {
      errors.add("proposer_kind", "提案人不能在起草后更改，请新建提案");
    }
    if (d.cosigner_ids && p->state != "draft") {
      errors.add("cosigner_ids", "退回修改的提案不能更改联名人");
    }
    apply(sql, *p, d, errors);
    if (!errors.empty()) return errors.error();
    if (d.cosigner_ids) {
      long long first_member = 0;
      for (const auto& r : p->proposers) {
        if (r.role == "first") first_member = r.member_id;
      }
      if (auto saved = save_cosigners(sql, viewer, *p, *d.cosigner_ids, first_member);
          !saved.ok()) {
        return saved.take_error();
      }
    }
    long long category = p->category_id;
    soci::indicator category_ind = category != 0 ? soci::i_ok : soci::i_null;
    const long long now = now_seconds();
    sql << "UPDATE proposals SET title = :t, analysis = :a, suggestions = :s, kind = :k, "
           "category_id = :c, version = version + 1, updated_at = :now WHERE id = :id",
        soci::use(p->title), soci::use(p->analysis), soci::use(p->suggestions), soci::use(p->kind),
        soci::use(category, category_ind), soci::use(now), soci::use(p->id);
    // Autosave is a write like any other: audited (the diff, not a timeline step).
    auto changes = audit::diff(before, draft_audit(*p));
    if (d.cosigner_ids) changes["cosigner_ids"] = *d.cosigner_ids;
    audit::record(sql, db_.dialect(), *viewer.actor,
                  {"proposal.edit", "proposal", std::to_string(p->id), changes, p->committee_id});
    const auto fresh = detail::load(sql, p->committee_id, id);
    detail::reindex(sql, *fresh);
    return detail::detail_json(sql, viewer, *fresh, ctx);
  });
}

Result<Json> ProposalService::timeline(const Viewer& viewer, long long id) {
  return db_.read([&](soci::session& sql) -> Result<Json> {
    const auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    // Staff and leaders see every step. Proposers (and the member who typed it) see the proposal's
    // steps and each unit's acknowledgement and accepted reply, never a unit's internal steps;
    // units see the proposal's steps from the assignment on and their own assignment's steps.
    const bool everything = viewer.view_all();
    const bool proposer =
        detail::my_proposer(viewer, *p) != nullptr || p->owner_user_id == viewer.actor->user_id;
    Json items = Json::array();
    long long event_id = 0;
    long long assignment_id = 0;
    long long actor_id = 0;
    long long at = 0;
    long long unit_id = 0;
    std::string action;
    std::string from;
    std::string to;
    std::string actor_name;
    std::string capacity;
    std::string comment;
    std::string details;
    std::string unit_name;
    bool after_assign = false;
    soci::statement st =
        db::once(sql,
                 "SELECT e.id, COALESCE(e.assignment_id, 0), e.action, e.from_state, "
                 "e.to_state, COALESCE(e.actor_user_id, 0), e.actor_name, e.capacity, "
                 "e.comment, e.details, e.at, COALESCE(u.name, ''), COALESCE(a.unit_id, 0) "
                 "FROM proposal_events e "
                 "LEFT JOIN proposal_assignments a ON a.id = e.assignment_id "
                 "LEFT JOIN handling_units u ON u.id = a.unit_id "
                 "WHERE e.proposal_id = :p ORDER BY e.id",
                 soci::use(id), soci::into(event_id), soci::into(assignment_id), soci::into(action),
                 soci::into(from), soci::into(to), soci::into(actor_id), soci::into(actor_name),
                 soci::into(capacity), soci::into(comment), soci::into(details), soci::into(at),
                 soci::into(unit_name), soci::into(unit_id));
    st.execute();
    while (st.fetch()) {
      if (assignment_id == 0 && action == "assign") after_assign = true;
      bool visible = everything;
      if (!visible && assignment_id == 0) visible = proposer || (viewer.handles() && after_assign);
      if (!visible && assignment_id != 0) {
        visible = (viewer.handles() && unit_id == viewer.unit_id) ||
                  (proposer && (action == "acknowledge" || action == "accept_reply"));
      }
      if (!visible) continue;
      const auto table = assignment_id != 0 ? Table::kAssignment : Table::kProposal;
      const std::string name = action == "create"
                                   ? std::string("起草")
                                   : std::string(workflow::action_name(table, action));
      items.push_back(
          {{"id", event_id},
           {"action", action},
           {"action_name", name},
           {"from_state", from},
           {"from_state_name", from.empty() ? "" : workflow::state_name(table, from)},
           {"to_state", to},
           {"to_state_name", to.empty() ? "" : workflow::state_name(table, to)},
           {"assignment_id", assignment_id != 0 ? Json(assignment_id) : Json(nullptr)},
           {"unit_name", unit_name},
           // A person without an account (paper records, imported history) keeps their name.
           {"actor", actor_id != 0 ? Json{{"id", actor_id}, {"display_name", actor_name}}
                     : capacity != "system" && !actor_name.empty()
                         ? Json{{"id", nullptr}, {"display_name", actor_name}}
                         : Json(nullptr)},
           {"capacity", capacity},
           {"comment", comment},
           {"details", Json::parse(details, nullptr, false)},
           {"at", at}});
    }
    return Json{{"items", std::move(items)}};
  });
}

}  // namespace lvzhi::proposal
