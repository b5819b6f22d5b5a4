// What each move of the two transition tables does to the records. The engine has already checked
// state, capacity and guards; a handler validates its own input, writes, records the step
// (timeline + audit) and notifies. Any error rolls the whole transaction back.
#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/text.hpp"
#include "domain/proposal/proposal_internal.hpp"

namespace lvzhi::proposal {
namespace {

namespace err = contract::err;
using detail::Context;
using detail::Step;
using workflow::Table;

constexpr std::size_t kMaxComment = 2000;
constexpr std::size_t kMaxReply = 20000;

const std::vector<std::pair<std::string, std::string>>& not_file_grounds() {
  static const std::vector<std::pair<std::string, std::string>> kGrounds{
      {"secrets", "涉及党和国家秘密"},
      {"litigation", "涉及审判、检察或正在诉讼的案件"},
      {"personal", "属于提案人个人或亲友的私事"},
      {"advertising", "为宣传、推介具体产品或单位"},
      {"accusation", "对具体人员的检举揭发或控告"},
      {"no_suggestion", "没有具体建议或建议不可行"},
      {"multiple_matters", "一案多事"},
      {"not_competence", "不属于本级政府和有关部门职权范围"},
  };
  return kGrounds;
}

const std::vector<std::pair<std::string, std::string>>& dispositions() {
  static const std::vector<std::pair<std::string, std::string>> kList{
      {"opinion_report", "转为社情民意信息"},
      {"member_letter", "转为委员来信"},
      {"reference", "供有关单位参考"},
  };
  return kList;
}

bool listed(const std::vector<std::pair<std::string, std::string>>& list, const std::string& code) {
  return std::any_of(list.begin(), list.end(), [&](const auto& e) { return e.first == code; });
}

std::string text_of(const Json& input, const char* field) {
  const auto it = input.find(field);
  return it != input.end() && it->is_string() ? text::trim(it->get<std::string>()) : "";
}

long long id_of(const Json& input, const char* field) {
  const auto it = input.find(field);
  return it != input.end() && it->is_number_integer() ? it->get<long long>() : 0;
}

// Everything a handler needs.
struct Move {
  soci::session& sql;
  const db::Dialect& dialect;
  const Viewer& viewer;
  Proposal& p;
  const Context& ctx;
  const workflow::Move& row;
  const Json& input;
  std::string comment;

  [[nodiscard]] const Actor& actor() const { return *viewer.actor; }
  [[nodiscard]] std::string action() const { return std::string(row.row->action); }
};

void set_state(Move& m, const std::string& to) {
  const long long now = now_seconds();
  m.sql << "UPDATE proposals SET state = :s, version = version + 1, updated_at = :now WHERE id = "
           ":id",
      soci::use(to), soci::use(now), soci::use(m.p.id);
  m.p.state = to;
}

void touch(Move& m) {
  const long long now = now_seconds();
  m.sql << "UPDATE proposals SET version = version + 1, updated_at = :now WHERE id = :id",
      soci::use(now), soci::use(m.p.id);
}

void step(Move& m, const std::string& from, Json details = Json::object()) {
  detail::record_step(
      m.sql, m.dialect, m.actor(), m.p,
      Step{0, m.action(), from, m.p.state, m.row.capacity, m.comment, std::move(details)});
}

void system_step(Move& m, const std::string& action, const std::string& from) {
  detail::record_step(m.sql, m.dialect, m.actor(), m.p,
                      Step{0, action, from, m.p.state, "system", "", Json::object()});
}

std::string deadline_after(const Context& ctx, const std::string& day, int months) {
  return ctx.calendar().on_or_after(workdays::add_months(day, months).value_or(day));
}

void set_assignment_state(Move& m, Assignment& a, const std::string& to) {
  const long long now = now_seconds();
  m.sql << "UPDATE proposal_assignments SET state = :s, updated_at = :now WHERE id = :id",
      soci::use(to), soci::use(now), soci::use(a.id);
  a.state = to;
}

// --- proposal table ---------------------------------------------------------------------------

Status do_submit(Move& m) {
  const auto from = m.p.state;
  const bool waiting = std::any_of(m.p.proposers.begin(), m.p.proposers.end(), [](const auto& r) {
    return r.role == "cosigner" && r.status == "invited";
  });
  set_state(m, waiting ? "awaiting_cosigners" : "submitted");
  const long long now = now_seconds();
  m.sql << "UPDATE proposals SET submitted_at = :now WHERE id = :id", soci::use(now),
      soci::use(m.p.id);
  step(m, from);
  for (const auto& r : m.p.proposers) {
    if (r.role == "cosigner" && r.status == "invited") {
      detail::notify_user(m.sql, m.dialect, m.p, r.user_id, "proposal.cosign_invited",
                          "有提案邀请您联名，请确认");
    }
  }
  return ok_status();
}

Status do_answer_cosign(Move& m) {
  const auto it = m.input.find("accept");
  if (it == m.input.end() || !it->is_boolean()) {
    return field_error("accept", "请选择接受或谢绝联名");
  }
  const bool accept = it->get<bool>();
  const auto* mine = detail::my_proposer(m.viewer, m.p);
  const std::string status = accept ? "accepted" : "declined";
  const long long now = now_seconds();
  m.sql << "UPDATE proposal_proposers SET status = :s, answered_at = :now WHERE id = :id",
      soci::use(status), soci::use(now), soci::use(mine->id);
  const auto from = m.p.state;
  touch(m);
  step(m, from, Json{{"accept", accept}});
  detail::notify_user(
      m.sql, m.dialect, m.p, m.p.owner_user_id, "proposal.cosign_answered",
      fmt::format("{}{}了联名邀请", m.actor().display_name, accept ? "接受" : "谢绝"));
  long long waiting = 0;
  m.sql << "SELECT COUNT(*) FROM proposal_proposers WHERE proposal_id = :p AND status = 'invited'",
      soci::use(m.p.id), soci::into(waiting);
  if (waiting == 0) {
    workflow::system_move(Table::kProposal, m.p.state, "cosigners_answered");
    set_state(m, "submitted");
    system_step(m, "cosigners_answered", from);
  }
  return ok_status();
}

Status do_simple(Move& m, const std::string& to) {
  const auto from = m.p.state;
  set_state(m, to);
  step(m, from);
  return ok_status();
}

Status do_return(Move& m) {
  auto status = do_simple(m, "returned");
  detail::notify_user(m.sql, m.dialect, m.p, m.p.owner_user_id, "proposal.returned",
                      "提案被退回修改：" + m.comment);
  return status;
}

Status do_file(Move& m) {
  if (const long long category = id_of(m.input, "category_id"); category != 0) {
    long long found = 0;
    m.sql << "SELECT COUNT(*) FROM reference_items WHERE id = :id AND committee_id = :c AND kind "
             "= 'proposal_category' AND is_active = 1",
        soci::use(category), soci::use(m.p.committee_id), soci::into(found);
    if (found == 0) return field_error("category_id", "类别不存在或已停用");
    m.sql << "UPDATE proposals SET category_id = :cat WHERE id = :id", soci::use(category),
        soci::use(m.p.id);
  }
  // Numbers are per session and never reused: the counter only grows.
  long long last = 0;
  soci::indicator ind = soci::i_null;
  m.sql << fmt::format("SELECT last_number FROM proposal_number_counters WHERE session_id = :s{}",
                       m.dialect.for_update()),
      soci::use(m.p.session_id), soci::into(last, ind);
  long long number = 1;
  if (ind == soci::i_ok) {
    number = last + 1;
    m.sql << "UPDATE proposal_number_counters SET last_number = :n WHERE session_id = :s",
        soci::use(number), soci::use(m.p.session_id);
  } else {
    m.sql << "INSERT INTO proposal_number_counters (session_id, last_number) VALUES (:s, :n)",
        soci::use(m.p.session_id), soci::use(number);
  }
  const long long now = now_seconds();
  m.sql << "UPDATE proposals SET number = :n, filed_at = :now WHERE id = :id", soci::use(number),
      soci::use(now), soci::use(m.p.id);
  m.p.number = number;
  const auto from = m.p.state;
  set_state(m, "filed");
  step(m, from, Json{{"number", number}});
  detail::notify_proposers(m.sql, m.dialect, m.p, "proposal.filed",
                           "提案已立案：" + detail::number_label(number));
  return ok_status();
}

Status do_not_file(Move& m) {
  const auto ground = text_of(m.input, "ground");
  if (!listed(not_file_grounds(), ground)) return field_error("ground", "请选择不予立案的理由");
  m.sql << "UPDATE proposals SET not_file_ground = :g WHERE id = :id", soci::use(ground),
      soci::use(m.p.id);
  const auto from = m.p.state;
  set_state(m, "not_filed");
  step(m, from, Json{{"ground", ground}});
  detail::notify_proposers(m.sql, m.dialect, m.p, "proposal.not_filed", "提案不予立案");
  return ok_status();
}

Status do_convert(Move& m) {
  const auto disposition = text_of(m.input, "disposition");
  if (!listed(dispositions(), disposition)) return field_error("disposition", "请选择转办方式");
  m.sql << "UPDATE proposals SET disposition = :d WHERE id = :id", soci::use(disposition),
      soci::use(m.p.id);
  touch(m);
  step(m, m.p.state, Json{{"disposition", disposition}});
  detail::notify_proposers(m.sql, m.dialect, m.p, "proposal.converted", "不予立案的提案已转办");
  return ok_status();
}

Status do_merge_into(Move& m) {
  const long long primary_id = id_of(m.input, "primary_id");
  if (primary_id == 0 || primary_id == m.p.id) {
    return field_error("primary_id", "请选择要并入的主提案");
  }
  auto primary = detail::load(m.sql, m.p.committee_id, primary_id);
  static const std::set<std::string> kOpen{"under_review", "filed", "assigned", "handling"};
  if (!primary || !kOpen.contains(primary->state)) {
    return make_error(err::kProposalBadMerge, "只能并入审查中、已立案或办理中的提案",
                      Json{{"fields", {{"primary_id", "该提案不能作为主提案"}}}});
  }
  m.sql << "UPDATE proposals SET merged_into_id = :m WHERE id = :id", soci::use(primary_id),
      soci::use(m.p.id);
  const auto from = m.p.state;
  set_state(m, "merged");
  step(m, from, Json{{"primary_id", primary_id}});
  // Every proposer of the merged proposal gets the primary's reply and rates it.
  long long order = static_cast<long long>(primary->proposers.size());
  for (const auto& r : m.p.proposers) {
    if (r.status != "accepted") continue;
    const bool present = std::any_of(primary->proposers.begin(), primary->proposers.end(),
                                     [&](const Proposer& o) { return o.member_id == r.member_id; });
    if (present) continue;
    ++order;
    const long long now = now_seconds();
    m.sql << "INSERT INTO proposal_proposers (proposal_id, member_id, role, status, answered_at, "
             "sort_order) VALUES (:p, :m, 'merged', 'accepted', :now, :o)",
        soci::use(primary_id), soci::use(r.member_id), soci::use(now), soci::use(order);
  }
  const long long now = now_seconds();
  m.sql << "UPDATE proposals SET version = version + 1, updated_at = :now WHERE id = :id",
      soci::use(now), soci::use(primary_id);
  detail::record_step(m.sql, m.dialect, m.actor(), *primary,
                      Step{0, "merge_into", primary->state, primary->state, m.row.capacity,
                           m.comment, Json{{"merged_id", m.p.id}}});
  // The primary now also lists the merged proposal's proposers (found by their names).
  if (const auto merged = detail::load(m.sql, m.p.committee_id, primary_id)) {
    detail::reindex(m.sql, *merged);
  }
  detail::notify_proposers(m.sql, m.dialect, m.p, "proposal.merged",
                           "提案已并入" + detail::proposal_label(*primary) + "办理");
  return ok_status();
}

long long insert_assignment(Move& m, long long unit_id, const std::string& role) {
  const long long now = now_seconds();
  const std::string today = m.ctx.today;
  const std::string deadline = deadline_after(m.ctx, today, m.ctx.settings.reply_months);
  long long id = 0;
  m.sql << "INSERT INTO proposal_assignments (proposal_id, unit_id, role, state, assigned_on, "
           "deadline, created_at, updated_at) VALUES (:p, :u, :r, 'pending', :on, :d, :now, "
           ":now2) RETURNING id",
      soci::use(m.p.id), soci::use(unit_id), soci::use(role), soci::use(today), soci::use(deadline),
      soci::use(now), soci::use(now), soci::into(id);
  return id;
}

std::optional<Error> check_unit(Move& m, long long unit_id, const std::string& field) {
  long long found = 0;
  m.sql << "SELECT COUNT(*) FROM handling_units WHERE id = :id AND committee_id = :c AND "
           "is_active = 1",
      soci::use(unit_id), soci::use(m.p.committee_id), soci::into(found);
  if (found == 0) return field_error(field, "承办单位不存在或已停用");
  return std::nullopt;
}

Status do_assign(Move& m) {
  const auto mode = text_of(m.input, "mode");
  if (mode != "single" && mode != "separate" && mode != "lead") {
    return field_error("mode", "请选择交办方式（单办、分办或主办+会办）");
  }
  const auto units = m.input.find("units");
  if (units == m.input.end() || !units->is_array() || units->empty() || units->size() > 20) {
    return field_error("units", "请选择承办单位");
  }
  std::vector<std::pair<long long, std::string>> rows;
  std::set<long long> seen;
  for (const auto& u : *units) {
    const long long unit_id = u.is_object() ? id_of(u, "unit_id") : 0;
    const std::string role = u.is_object() ? text_of(u, "role") : "";
    if (unit_id <= 0) return field_error("units", "承办单位格式有误");
    if (!seen.insert(unit_id).second) return field_error("units", "同一承办单位不能重复交办");
    if (auto bad = check_unit(m, unit_id, "units")) return std::move(*bad);
    rows.emplace_back(unit_id, role);
  }
  const auto count = [&](const char* role) {
    return std::count_if(rows.begin(), rows.end(), [&](const auto& r) { return r.second == role; });
  };
  const auto n = static_cast<long>(rows.size());
  const bool valid = (mode == "single" && n == 1 && count("single") == 1) ||
                     (mode == "separate" && n >= 2 && count("separate") == n) ||
                     (mode == "lead" && n >= 2 && count("lead") == 1 && count("co") == n - 1);
  if (!valid) {
    return field_error("units", mode == "single" ? "单办须选择一个承办单位"
                                : mode == "separate"
                                    ? "分办须选择两个及以上承办单位"
                                    : "主办+会办须选择一个主办单位和至少一个会办单位");
  }
  m.sql << "UPDATE proposals SET assign_mode = :m WHERE id = :id", soci::use(mode),
      soci::use(m.p.id);
  Json assigned = Json::array();
  for (const auto& [unit_id, role] : rows) {
    const long long id = insert_assignment(m, unit_id, role);
    assigned.push_back({{"assignment_id", id}, {"unit_id", unit_id}, {"role", role}});
  }
  const auto from = m.p.state;
  set_state(m, "assigned");
  step(m, from, Json{{"mode", mode}, {"units", assigned}});
  for (const auto& [unit_id, role] : rows) {
    detail::notify_unit(
        m.sql, m.dialect, m.p, unit_id, "proposal.assigned",
        role == "co" ? "有提案交由本单位会办，请签收" : "有提案交由本单位办理，请签收");
  }
  return ok_status();
}

// After a rating: close, re-handle, or wait for the others.
void settle_ratings(Move& m, const std::string& from) {
  const auto fresh = detail::load(m.sql, m.p.committee_id, m.p.id);
  const auto& proposers = fresh->proposers;
  const int round = m.p.rating_round;
  const bool dissatisfied = std::any_of(proposers.begin(), proposers.end(), [&](const auto& r) {
    return r.rating_round == round && r.rating == "dissatisfied";
  });
  const bool all_rated = std::all_of(proposers.begin(), proposers.end(), [&](const auto& r) {
    return r.status != "accepted" || r.rating_round >= round;
  });
  if (dissatisfied && round == 1) {
    // The first dissatisfaction: the replying units handle it again.
    m.sql << "UPDATE proposals SET rating_round = 2 WHERE id = :id", soci::use(m.p.id);
    m.p.rating_round = 2;
    set_state(m, "rehandling");
    step(m, from);
    const auto deadline = deadline_after(m.ctx, m.ctx.today, m.ctx.settings.rehandle_months);
    for (auto& a : m.p.assignments) {
      if (a.state != "replied" || !a.replying()) continue;
      workflow::system_move(Table::kAssignment, a.state, "reopen");
      set_assignment_state(m, a, "handling");
      m.sql << "UPDATE proposal_assignments SET deadline = :d WHERE id = :id", soci::use(deadline),
          soci::use(a.id);
      detail::record_step(
          m.sql, m.dialect, m.actor(), m.p,
          Step{a.id, "reopen", "replied", "handling", "system", "", Json{{"deadline", deadline}}});
      detail::notify_unit(m.sql, m.dialect, m.p, a.unit_id, "proposal.rehandling",
                          "提案人对答复不满意，请重新办理");
    }
    return;
  }
  if (dissatisfied) {
    // The second dissatisfaction: staff arrange a face-to-face consultation, then close.
    m.sql << "UPDATE proposals SET consultation_required = 1 WHERE id = :id", soci::use(m.p.id);
    m.p.consultation_required = true;
    touch(m);
    step(m, from);
    return;
  }
  if (all_rated) {
    const long long now = now_seconds();
    m.sql << "UPDATE proposals SET closed_at = :now WHERE id = :id", soci::use(now),
        soci::use(m.p.id);
    set_state(m, "closed");
    step(m, from);
    for (const auto& a : m.p.assignments) {
      if (a.state == "replied") {
        detail::notify_unit(m.sql, m.dialect, m.p, a.unit_id, "proposal.closed",
                            "提案人已评价，提案已办结");
      }
    }
    return;
  }
  touch(m);
  step(m, from);
}

Status do_rate(Move& m, bool on_behalf) {
  const auto rating = text_of(m.input, "rating");
  if (rating != "satisfied" && rating != "basically_satisfied" && rating != "dissatisfied") {
    return field_error("rating", "请选择满意、基本满意或不满意");
  }
  if (rating == "dissatisfied" && m.comment.empty()) {
    return field_error("comment", "不满意时请写明理由");
  }
  const Proposer* target = nullptr;
  if (on_behalf) {
    const long long member_id = id_of(m.input, "member_id");
    for (const auto& r : m.p.proposers) {
      if (r.member_id == member_id) target = &r;
    }
    if (target == nullptr || target->status != "accepted") {
      return field_error("member_id", "请选择代为评价的提案人");
    }
    if (target->rating_round >= m.p.rating_round) {
      return make_error(err::kProposalAlreadyRated, "该提案人已评价过本轮办理结果");
    }
  } else {
    target = detail::my_proposer(m.viewer, m.p);
  }
  const long long now = now_seconds();
  const int round = m.p.rating_round;
  long long rated_by = on_behalf ? m.actor().user_id : 0;
  soci::indicator rated_by_ind = on_behalf ? soci::i_ok : soci::i_null;
  m.sql << "UPDATE proposal_proposers SET rating = :r, rating_round = :round, rating_comment = "
           ":c, rated_at = :now, rated_by_user_id = :by WHERE id = :id",
      soci::use(rating), soci::use(round), soci::use(m.comment), soci::use(now),
      soci::use(rated_by, rated_by_ind), soci::use(target->id);
  const char* label = rating == "satisfied"             ? "满意"
                      : rating == "basically_satisfied" ? "基本满意"
                                                        : "不满意";
  m.comment = fmt::format("{}：{}{}", target->name, label,
                          m.comment.empty() ? std::string() : "。" + m.comment);
  const std::string from = m.p.state;  // a copy: settling changes m.p.state
  settle_ratings(m, from);
  return ok_status();
}

Status do_close_after_consultation(Move& m) {
  const long long now = now_seconds();
  m.sql << "UPDATE proposals SET closed_at = :now, consultation_required = 0 WHERE id = :id",
      soci::use(now), soci::use(m.p.id);
  return do_simple(m, "closed");
}

Status do_published(Move& m, int value) {
  long long published_at = now_seconds();
  soci::indicator published_ind = value != 0 ? soci::i_ok : soci::i_null;
  m.sql << "UPDATE proposals SET is_published = :v, published_at = :at WHERE id = :id",
      soci::use(value), soci::use(published_at, published_ind), soci::use(m.p.id);
  touch(m);
  step(m, m.p.state);
  return ok_status();
}

Status do_mark_key(Move& m) {
  const long long supervisor = id_of(m.input, "supervisor_user_id");
  long long found = 0;
  m.sql << "SELECT COUNT(*) FROM users u JOIN user_roles r ON r.user_id = u.id WHERE u.id = :id "
           "AND u.committee_id = :c AND u.status = 'active' AND r.role = 'leader'",
      soci::use(supervisor), soci::use(m.p.committee_id), soci::into(found);
  if (supervisor == 0 || found == 0) {
    return field_error("supervisor_user_id", "请选择督办领导（主席会议成员）");
  }
  m.sql << "UPDATE proposals SET is_key = 1, supervisor_user_id = :s WHERE id = :id",
      soci::use(supervisor), soci::use(m.p.id);
  touch(m);
  step(m, m.p.state, Json{{"supervisor_user_id", supervisor}});
  detail::notify_user(m.sql, m.dialect, m.p, supervisor, "proposal.key_assigned",
                      "请您督办重点提案");
  return ok_status();
}

Status do_unmark_key(Move& m) {
  m.sql << "UPDATE proposals SET is_key = 0, supervisor_user_id = NULL WHERE id = :id",
      soci::use(m.p.id);
  touch(m);
  step(m, m.p.state);
  return ok_status();
}

Status do_record_supervision(Move& m) {
  const auto day = text_of(m.input, "visit_date");
  if (!dates::valid(day) || day > m.ctx.today) {
    return field_error("visit_date", "请填写督办日期（不晚于今天）");
  }
  const long long leader =
      m.row.capacity == "supervising_leader" ? m.actor().user_id : m.p.supervisor_user_id;
  const long long now = now_seconds();
  m.sql << "INSERT INTO proposal_supervisions (proposal_id, leader_user_id, visit_date, note, "
           "created_at) VALUES (:p, :l, :d, :n, :now)",
      soci::use(m.p.id), soci::use(leader), soci::use(day), soci::use(m.comment), soci::use(now);
  touch(m);
  step(m, m.p.state, Json{{"visit_date", day}});
  return ok_status();
}

Status do_note_only(Move& m) {
  touch(m);
  step(m, m.p.state);
  return ok_status();
}

using Handler = std::function<Status(Move&)>;

const std::map<std::string, Handler, std::less<>>& proposal_handlers() {
  static const std::map<std::string, Handler, std::less<>> kHandlers{
      {"submit", do_submit},
      {"answer_cosign", do_answer_cosign},
      {"withdraw", [](Move& m) { return do_simple(m, "withdrawn"); }},
      {"return", do_return},
      {"resubmit", [](Move& m) { return do_simple(m, "submitted"); }},
      {"accept", [](Move& m) { return do_simple(m, "under_review"); }},
      {"file", do_file},
      {"not_file", do_not_file},
      {"convert", do_convert},
      {"merge_into", do_merge_into},
      {"assign", do_assign},
      {"rate", [](Move& m) { return do_rate(m, false); }},
      {"rate_on_behalf", [](Move& m) { return do_rate(m, true); }},
      {"close_after_consultation", do_close_after_consultation},
      {"follow_up", do_note_only},
      {"publish", [](Move& m) { return do_published(m, 1); }},
      {"unpublish", [](Move& m) { return do_published(m, 0); }},
      {"mark_key", do_mark_key},
      {"unmark_key", do_unmark_key},
      {"record_supervision", do_record_supervision},
  };
  return kHandlers;
}

// --- assignment table -------------------------------------------------------------------------

struct AssignmentMove {
  Move& m;
  Assignment& a;
};

void assignment_step(AssignmentMove& am, const std::string& from, Json details = Json::object()) {
  detail::record_step(am.m.sql, am.m.dialect, am.m.actor(), am.m.p,
                      Step{am.a.id, am.m.action(), from, am.a.state, am.m.row.capacity,
                           am.m.comment, std::move(details)});
}

// The proposal follows its assignments (the "system" rows of the proposal table).
void settle_proposal(Move& m) {
  std::vector<const Assignment*> live;
  for (const auto& a : m.p.assignments) {
    if (a.state != "cancelled") live.push_back(&a);
  }
  const auto from = m.p.state;
  if (m.p.state == "assigned" && std::all_of(live.begin(), live.end(), [](const Assignment* a) {
        return a->state != "pending" && a->state != "reassign_requested";
      })) {
    workflow::system_move(Table::kProposal, m.p.state, "all_acknowledged");
    set_state(m, "handling");
    system_step(m, "all_acknowledged", from);
    return;
  }
  if ((m.p.state == "handling" || m.p.state == "rehandling") &&
      std::all_of(live.begin(), live.end(),
                  [](const Assignment* a) { return !a->replying() || a->state == "replied"; })) {
    workflow::system_move(Table::kProposal, m.p.state, "all_replied");
    set_state(m, "replied");
    system_step(m, "all_replied", from);
    detail::notify_proposers(m.sql, m.dialect, m.p, "proposal.replied",
                             "提案已答复，请评价办理结果");
  }
}

Status save_reply_fields(AssignmentMove& am) {
  auto& m = am.m;
  auto& a = am.a;
  FieldErrors fields;
  const auto take = [&](const char* field, std::string& out, std::size_t max, const char* label) {
    if (!m.input.contains(field)) return;
    if (!m.input[field].is_string()) {
      fields.add(field, fmt::format("{}须为文本", label));
      return;
    }
    out = text::trim(m.input[field].get<std::string>());
    if (text::char_count(out) > max || text::has_control_chars(out)) {
      fields.add(field, fmt::format("{}不能超过 {} 个字符", label, max));
    }
  };
  take("reply_class", a.reply_class, 8, "答复类别");
  take("reply_text", a.reply_text, kMaxReply, "答复内容");
  take("contact_method", a.contact_method, 16, "沟通方式");
  take("contact_date", a.contact_date, 10, "沟通日期");
  take("contact_note", a.contact_note, kMaxComment, "沟通情况");
  if (!a.reply_class.empty() && !listed(m.ctx.settings.reply_classes, a.reply_class)) {
    fields.add("reply_class", "答复类别不存在");
  }
  if (!a.contact_method.empty() && !listed(detail::contact_methods(), a.contact_method)) {
    fields.add("contact_method", "沟通方式不存在");
  }
  if (!a.contact_date.empty() && (!dates::valid(a.contact_date) || a.contact_date > m.ctx.today)) {
    fields.add("contact_date", "沟通日期须为不晚于今天的日期");
  }
  if (!fields.empty()) return fields.error();
  std::string contact_date = a.contact_date;
  soci::indicator date_ind = contact_date.empty() ? soci::i_null : soci::i_ok;
  const long long now = now_seconds();
  m.sql << "UPDATE proposal_assignments SET reply_class = :c, reply_text = :t, contact_method = "
           ":m, contact_date = :d, contact_note = :n, updated_at = :now WHERE id = :id",
      soci::use(a.reply_class), soci::use(a.reply_text), soci::use(a.contact_method),
      soci::use(contact_date, date_ind), soci::use(a.contact_note), soci::use(now), soci::use(a.id);
  return ok_status();
}

Status do_assignment_simple(AssignmentMove& am, const std::string& to) {
  const auto from = am.a.state;
  set_assignment_state(am.m, am.a, to);
  touch(am.m);
  assignment_step(am, from);
  return ok_status();
}

Status do_acknowledge(AssignmentMove& am) {
  auto status = do_assignment_simple(am, "handling");
  settle_proposal(am.m);
  return status;
}

Status do_approve_reassign(AssignmentMove& am) {
  auto& m = am.m;
  const long long unit_id = id_of(m.input, "unit_id");
  if (unit_id == 0) return field_error("unit_id", "请选择新的承办单位");
  if (auto bad = check_unit(m, unit_id, "unit_id")) return std::move(*bad);
  const bool taken = std::any_of(m.p.assignments.begin(), m.p.assignments.end(), [&](auto& o) {
    return o.unit_id == unit_id && o.state != "cancelled";
  });
  if (taken) return field_error("unit_id", "该单位已承办本提案");
  const long long new_id = insert_assignment(m, unit_id, am.a.role);
  m.sql << "UPDATE proposal_assignments SET replaced_by_id = :n WHERE id = :id", soci::use(new_id),
      soci::use(am.a.id);
  const auto from = am.a.state;
  set_assignment_state(m, am.a, "cancelled");
  touch(m);
  assignment_step(am, from, Json{{"new_unit_id", unit_id}, {"new_assignment_id", new_id}});
  detail::notify_unit(m.sql, m.dialect, m.p, am.a.unit_id, "proposal.reassign_approved",
                      "调整承办单位的申请已同意");
  detail::notify_unit(m.sql, m.dialect, m.p, unit_id, "proposal.assigned",
                      "有提案交由本单位办理，请签收");
  return ok_status();
}

Status do_reject_reassign(AssignmentMove& am) {
  auto status = do_assignment_simple(am, "pending");
  detail::notify_unit(am.m.sql, am.m.dialect, am.m.p, am.a.unit_id, "proposal.reassign_rejected",
                      "调整承办单位的申请未获同意：" + am.m.comment);
  return status;
}

Status do_send_opinion(AssignmentMove& am) {
  am.m.sql << "UPDATE proposal_assignments SET opinion = :o WHERE id = :id",
      soci::use(am.m.comment), soci::use(am.a.id);
  auto status = do_assignment_simple(am, "done");
  for (const auto& o : am.m.p.assignments) {
    if (o.role == "lead" && o.state != "cancelled") {
      detail::notify_unit(am.m.sql, am.m.dialect, am.m.p, o.unit_id, "proposal.co_opinion",
                          am.a.unit_name + "已送会办意见");
    }
  }
  return status;
}

Status do_extension(AssignmentMove& am, const std::string& status) {
  auto& m = am.m;
  auto& a = am.a;
  Json details = Json::object();
  if (status == "requested") {
    m.sql << "UPDATE proposal_assignments SET extension_status = 'requested', extension_reason = "
             ":r WHERE id = :id",
        soci::use(m.comment), soci::use(a.id);
  } else if (status == "approved") {
    std::string deadline = text_of(m.input, "deadline");
    if (deadline.empty()) {
      deadline = deadline_after(m.ctx, a.assigned_on, m.ctx.settings.extended_months);
    } else if (!dates::valid(deadline) || deadline <= a.deadline) {
      return field_error("deadline", "延期后的期限须晚于原期限");
    }
    m.sql << "UPDATE proposal_assignments SET extension_status = 'approved', deadline = :d WHERE "
             "id = :id",
        soci::use(deadline), soci::use(a.id);
    details = Json{{"deadline", Json::array({a.deadline, deadline})}};
  } else {
    m.sql << "UPDATE proposal_assignments SET extension_status = 'rejected' WHERE id = :id",
        soci::use(a.id);
  }
  touch(m);
  assignment_step(am, a.state, details);
  if (status != "requested") {
    detail::notify_unit(m.sql, m.dialect, m.p, a.unit_id, "proposal.extension_" + status,
                        status == "approved" ? "延期申请已同意" : "延期申请未获同意");
  }
  return ok_status();
}

Status do_save_reply(AssignmentMove& am, bool submit) {
  if (auto saved = save_reply_fields(am); !saved.ok()) return saved;
  if (!submit) {
    touch(am.m);
    assignment_step(am, am.a.state);
    return ok_status();
  }
  auto status = do_assignment_simple(am, "reply_draft");
  detail::notify_unit(am.m.sql, am.m.dialect, am.m.p, am.a.unit_id, "proposal.reply_to_sign",
                      "提案答复待签发");
  return status;
}

Status do_sign_off(AssignmentMove& am) {
  am.m.sql << "UPDATE proposal_assignments SET signed_by_user_id = :u WHERE id = :id",
      soci::use(am.m.actor().user_id), soci::use(am.a.id);
  return do_assignment_simple(am, "reply_review");
}

Status do_accept_reply(AssignmentMove& am) {
  auto& m = am.m;
  auto& a = am.a;
  Json details = Json::object();
  if (const auto cls = text_of(m.input, "reply_class"); !cls.empty() && cls != a.reply_class) {
    if (!listed(m.ctx.settings.reply_classes, cls)) {
      return field_error("reply_class", "答复类别不存在");
    }
    details["reply_class"] = Json::array({a.reply_class, cls});
    a.reply_class = cls;
  }
  m.sql << "UPDATE proposal_assignments SET reply_class = :c, replied_on = :d WHERE id = :id",
      soci::use(a.reply_class), soci::use(m.ctx.today), soci::use(a.id);
  a.replied_on = m.ctx.today;
  const auto from = a.state;
  set_assignment_state(m, a, "replied");
  touch(m);
  assignment_step(am, from, details);
  settle_proposal(m);
  return ok_status();
}

Status do_send_back(AssignmentMove& am, const char* message) {
  auto status = do_assignment_simple(am, "handling");
  detail::notify_unit(am.m.sql, am.m.dialect, am.m.p, am.a.unit_id, "proposal.reply_returned",
                      std::string(message) + am.m.comment);
  return status;
}

using AssignmentHandler = std::function<Status(AssignmentMove&)>;

const std::map<std::string, AssignmentHandler, std::less<>>& assignment_handlers() {
  static const std::map<std::string, AssignmentHandler, std::less<>> kHandlers{
      {"acknowledge", do_acknowledge},
      // The reason is the step's comment, on the timeline staff read when deciding.
      {"request_reassign",
       [](AssignmentMove& am) { return do_assignment_simple(am, "reassign_requested"); }},
      {"approve_reassign", do_approve_reassign},
      {"reject_reassign", do_reject_reassign},
      {"send_opinion", do_send_opinion},
      {"request_extension", [](AssignmentMove& am) { return do_extension(am, "requested"); }},
      {"approve_extension", [](AssignmentMove& am) { return do_extension(am, "approved"); }},
      {"reject_extension", [](AssignmentMove& am) { return do_extension(am, "rejected"); }},
      {"save_reply", [](AssignmentMove& am) { return do_save_reply(am, false); }},
      {"draft_reply", [](AssignmentMove& am) { return do_save_reply(am, true); }},
      {"sign_off", do_sign_off},
      {"return_draft", [](AssignmentMove& am) { return do_send_back(am, "答复被负责人退回："); }},
      {"accept_reply", do_accept_reply},
      {"return_reply", [](AssignmentMove& am) { return do_send_back(am, "答复被退回修改："); }},
  };
  return kHandlers;
}

Result<std::string> comment_of(const Json& input) {
  const auto it = input.find("comment");
  if (it == input.end() || it->is_null()) return std::string();
  if (!it->is_string()) return field_error("comment", "意见须为文本");
  auto comment = text::trim(it->get<std::string>());
  if (text::char_count(comment) > kMaxComment || text::has_control_chars(comment)) {
    return field_error("comment", fmt::format("意见不能超过 {} 个字符", kMaxComment));
  }
  return comment;
}

// Two moves on one proposal never interleave (SQLite's BEGIN IMMEDIATE already serializes).
void lock_proposal(soci::session& sql, const db::Dialect& dialect, long long id) {
  if (dialect.is_sqlite()) return;
  long long locked = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT id FROM proposals WHERE id = :id FOR UPDATE", soci::use(id),
      soci::into(locked, ind);
}

Error unknown_action(const std::string& action) {
  return make_error(err::kWorkflowUnknownAction, fmt::format("不支持的操作：{}", action),
                    Json{{"action", action}});
}

}  // namespace

Json code_names(const std::vector<std::pair<std::string, std::string>>& list) {
  Json out = Json::array();
  for (const auto& [code, name] : list) out.push_back({{"code", code}, {"name", name}});
  return out;
}
Json not_file_grounds_json() { return code_names(not_file_grounds()); }
Json dispositions_json() { return code_names(dispositions()); }

Result<Json> ProposalService::act(const Viewer& viewer, long long id, const std::string& action,
                                  const Json& input) {
  // edit and the attachment moves have their own endpoints; system moves are not requests.
  const auto& handlers = proposal_handlers();
  const auto handler = handlers.find(action);
  if (handler == handlers.end()) return unknown_action(action);
  auto comment = comment_of(input);
  if (!comment.ok()) return comment.take_error();
  return db_.write([&](soci::session& sql) -> Result<Json> {
    lock_proposal(sql, db_.dialect(), id);
    auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    const auto ctx = detail::load_context(sql, p->committee_id);
    auto move = workflow::check(
        Table::kProposal, p->state, action, detail::proposal_capacities(viewer, *p),
        [&](std::string_view g) { return detail::proposal_guard(g, viewer, *p, &input); });
    if (!move.ok()) return move.take_error();
    Move m{sql, db_.dialect(), viewer, *p, ctx, move.value(), input, comment.value()};
    if (auto done = handler->second(m); !done.ok()) return done.take_error();
    const auto fresh = detail::load(sql, p->committee_id, id);
    detail::reindex(sql, *fresh);
    return detail::detail_json(sql, viewer, *fresh, ctx);
  });
}

Result<Json> ProposalService::act_on_assignment(const Viewer& viewer, long long id,
                                                long long assignment_id, const std::string& action,
                                                const Json& input) {
  const auto& handlers = assignment_handlers();
  const auto handler = handlers.find(action);
  if (handler == handlers.end()) return unknown_action(action);
  auto comment = comment_of(input);
  if (!comment.ok()) return comment.take_error();
  return db_.write([&](soci::session& sql) -> Result<Json> {
    lock_proposal(sql, db_.dialect(), id);
    auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    auto* a = detail::find_assignment(*p, assignment_id);
    // Units never learn of other units' cancelled rows.
    if (a == nullptr ||
        (a->state == "cancelled" && !viewer.view_all() && a->unit_id != viewer.unit_id)) {
      return make_error(err::kAssignmentNotFound);
    }
    if (!detail::with_units(*p)) {
      return make_error(err::kWorkflowInvalidState,
                        fmt::format("提案当前状态为“{}”，承办单位不能再办理",
                                    workflow::state_name(Table::kProposal, p->state)));
    }
    const auto ctx = detail::load_context(sql, p->committee_id);
    auto move = workflow::check(
        Table::kAssignment, a->state, action, detail::assignment_capacities(viewer, *a),
        [&](std::string_view g) { return detail::assignment_guard(g, *p, *a, ctx, &input); });
    if (!move.ok()) return move.take_error();
    Move m{sql, db_.dialect(), viewer, *p, ctx, move.value(), input, comment.value()};
    AssignmentMove am{m, *a};
    if (auto done = handler->second(am); !done.ok()) return done.take_error();
    const auto fresh = detail::load(sql, p->committee_id, id);
    detail::reindex(sql, *fresh);
    return detail::detail_json(sql, viewer, *fresh, ctx);
  });
}

}  // namespace lvzhi::proposal
