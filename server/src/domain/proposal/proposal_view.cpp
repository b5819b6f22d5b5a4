// Guards (what each guard name of contract/workflows.json means for a proposal or assignment) and
// the proposal's JSON: what a caller may read depends on who they are towards it.
#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "domain/proposal/proposal_internal.hpp"

namespace lvzhi::proposal::detail {
namespace {

namespace err = contract::err;
using workflow::Table;

std::string input_text(const Json* input, const char* field) {
  if (input == nullptr || !input->contains(field) || !(*input)[field].is_string()) return {};
  return text::trim((*input)[field].get<std::string>());
}

// Guards about the request's input pass while listing the available actions: the caller learns
// what is missing when trying.
bool input_guard(std::string_view guard) {
  return guard == "comment_given" || guard == "content_complete" || guard == "reply_complete";
}

std::optional<Error> comment_guard(const Json* input) {
  if (!input_text(input, "comment").empty()) return std::nullopt;
  return make_error(err::kWorkflowCommentRequired,
                    Json{{"fields", {{"comment", "请填写意见或理由"}}}});
}

std::optional<Error> unless(bool ok, const contract::ErrorDef& def) {
  return ok ? std::nullopt : std::optional<Error>(make_error(def));
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& contact_methods() {
  static const std::vector<std::pair<std::string, std::string>> kMethods{{"face_to_face", "面谈"},
                                                                         {"meeting", "座谈"},
                                                                         {"phone", "电话"},
                                                                         {"email", "邮件"},
                                                                         {"letter", "书信"}};
  return kMethods;
}

std::optional<Error> proposal_guard(std::string_view guard, const Viewer& viewer, const Proposal& p,
                                    const Json* input) {
  if (input == nullptr && input_guard(guard)) return std::nullopt;
  if (guard == "comment_given") return comment_guard(input);
  if (guard == "content_complete") {
    FieldErrors fields;
    if (p.title.empty()) fields.add("title", "请填写案由");
    if (p.analysis.empty()) fields.add("analysis", "请填写情况分析");
    if (p.suggestions.empty()) fields.add("suggestions", "请填写具体建议");
    if (p.category_id == 0) fields.add("category_id", "请选择类别");
    if (fields.empty()) return std::nullopt;
    return make_error(err::kProposalIncomplete, "提案内容不完整，请补充后再提交",
                      Json{{"fields", fields.fields()}});
  }
  if (guard == "not_rated_yet") {
    const auto* mine = my_proposer(viewer, p);
    return unless(
        mine != nullptr && mine->rating_round < p.rating_round && !p.consultation_required,
        err::kProposalAlreadyRated);
  }
  if (guard == "someone_not_rated") {
    const bool someone = std::any_of(p.proposers.begin(), p.proposers.end(), [&](const auto& r) {
      return r.status == "accepted" && r.rating_round < p.rating_round;
    });
    return unless(someone && !p.consultation_required, err::kProposalAllRated);
  }
  if (guard == "consultation_required") {
    return unless(p.consultation_required, err::kProposalConsultationNotRequired);
  }
  if (guard == "not_published") return unless(!p.is_published, err::kProposalAlreadyPublished);
  if (guard == "published") return unless(p.is_published, err::kProposalNotPublished);
  if (guard == "not_key") return unless(!p.is_key, err::kProposalAlreadyKey);
  if (guard == "key") return unless(p.is_key, err::kProposalNotKey);
  throw std::logic_error(fmt::format("proposal guard {} is not implemented", guard));
}

std::optional<Error> assignment_guard(std::string_view guard, const Proposal& p,
                                      const Assignment& a, const Context& ctx, const Json* input) {
  if (input == nullptr && input_guard(guard)) return std::nullopt;
  if (guard == "comment_given") return comment_guard(input);
  if (guard == "reassign_window_open") {
    const int used = ctx.calendar().workdays_between(a.assigned_on, ctx.today);
    if (used <= ctx.settings.reassign_window_days) return std::nullopt;
    return make_error(err::kAssignmentReassignWindowClosed,
                      fmt::format("交办后 {} 个工作日内才能申请调整承办单位（已过 {} 个工作日）",
                                  ctx.settings.reassign_window_days, used));
  }
  if (guard == "co_unit") return unless(a.role == "co", err::kAssignmentNotCoUnit);
  if (guard == "replying_unit") return unless(a.replying(), err::kAssignmentNotReplyingUnit);
  if (guard == "extension_unused") {
    return unless(a.extension_status.empty(), err::kAssignmentExtensionUsed);
  }
  if (guard == "extension_requested") {
    return unless(a.extension_status == "requested", err::kAssignmentNoExtensionRequest);
  }
  if (guard == "co_opinions_in") {
    const bool missing =
        a.role == "lead" &&
        std::any_of(p.assignments.begin(), p.assignments.end(), [](const Assignment& o) {
          return o.role == "co" && o.state != "done" && o.state != "cancelled";
        });
    return unless(!missing, err::kAssignmentCoOpinionsMissing);
  }
  if (guard == "reply_complete") {
    // The reply as it will be once this request's fields are applied.
    const auto pick = [&](const char* field, const std::string& stored) {
      return input != nullptr && input->contains(field) ? input_text(input, field) : stored;
    };
    FieldErrors fields;
    const auto cls = pick("reply_class", a.reply_class);
    const auto& classes = ctx.settings.reply_classes;
    if (std::none_of(classes.begin(), classes.end(),
                     [&](const auto& c) { return c.first == cls; })) {
      fields.add("reply_class", "请选择答复类别");
    }
    if (pick("reply_text", a.reply_text).empty()) fields.add("reply_text", "请填写答复内容");
    const auto method = pick("contact_method", a.contact_method);
    const auto& methods = contact_methods();
    if (std::none_of(methods.begin(), methods.end(),
                     [&](const auto& m) { return m.first == method; })) {
      fields.add("contact_method", "请选择与提案人的沟通方式");
    }
    const auto day = pick("contact_date", a.contact_date);
    if (!dates::valid(day) || day > ctx.today) {
      fields.add("contact_date", "请填写沟通日期（不晚于今天）");
    }
    if (fields.empty()) return std::nullopt;
    return make_error(err::kAssignmentReplyIncomplete, "答复须写明类别、内容和与提案人的沟通情况",
                      Json{{"fields", fields.fields()}});
  }
  throw std::logic_error(fmt::format("assignment guard {} is not implemented", guard));
}

std::string proposer_label(const Proposal& p) {
  if (p.proposer_kind == "collective") return p.collective_name;
  std::string out;
  for (const auto& r : p.proposers) {
    if (r.status != "accepted") continue;
    if (!out.empty()) out += "、";
    out += r.name;
  }
  return out;
}

std::string role_name(const std::string& role) {
  if (role == "lead") return "主办";
  if (role == "co") return "会办";
  if (role == "separate") return "分办";
  return "单办";
}

namespace {

Json ref_or_null(long long id, const std::string& name) {
  return id != 0 ? Json{{"id", id}, {"name", name}} : Json(nullptr);
}

std::string proposer_names(const Proposal& p) {
  std::string out;
  if (p.proposer_kind == "collective") out = p.collective_name;
  for (const auto& r : p.proposers) {
    if (p.proposer_kind == "collective" && r.role == "first") continue;
    if (r.status == "declined") continue;
    if (!out.empty()) out += "、";
    out += r.name;
  }
  return out;
}

// What this viewer may read of an assignment's reply and opinion.
bool sees_unit_work(const Viewer& viewer, const Proposal& p, const Assignment& a) {
  if (viewer.view_all()) return true;
  if (!viewer.handles()) return false;
  if (a.unit_id == viewer.unit_id) return true;
  // The lead unit reads its co-units' opinions.
  return a.role == "co" &&
         std::any_of(p.assignments.begin(), p.assignments.end(), [&](const Assignment& o) {
           return o.role == "lead" && o.unit_id == viewer.unit_id && o.state != "cancelled";
         });
}

}  // namespace

bool with_units(const Proposal& p) {
  return p.state == "assigned" || p.state == "handling" || p.state == "rehandling";
}

bool attachment_visible(const Viewer& viewer, const Proposal& p, long long assignment_id) {
  if (assignment_id == 0) return true;
  const auto it = std::find_if(p.assignments.begin(), p.assignments.end(),
                               [&](const Assignment& a) { return a.id == assignment_id; });
  return it != p.assignments.end() && (sees_unit_work(viewer, p, *it) || it->state == "replied");
}

namespace {

Json attachments_json(soci::session& sql, const Viewer& viewer, const Proposal& p) {
  Json out = Json::array();
  long long id = 0;
  long long assignment_id = 0;
  long long size = 0;
  long long uploader = 0;
  long long at = 0;
  std::string name;
  std::string type;
  std::string sha;
  std::string uploader_name;
  auto st = db::kept(sql,
                     "SELECT a.id, COALESCE(a.assignment_id, 0), a.file_name, a.media_type, "
                     "a.size_bytes, a.sha256, a.uploaded_by, u.display_name, a.created_at "
                     "FROM proposal_attachments a JOIN users u ON u.id = a.uploaded_by "
                     "WHERE a.proposal_id = :p ORDER BY a.id",
                     soci::use(p.id), soci::into(id), soci::into(assignment_id), soci::into(name),
                     soci::into(type), soci::into(size), soci::into(sha), soci::into(uploader),
                     soci::into(uploader_name), soci::into(at));
  st.execute();
  while (st.fetch()) {
    if (!attachment_visible(viewer, p, assignment_id)) continue;
    out.push_back({{"id", id},
                   {"file_name", name},
                   {"media_type", type},
                   {"size_bytes", size},
                   {"sha256", sha},
                   {"assignment_id", assignment_id != 0 ? Json(assignment_id) : Json(nullptr)},
                   {"uploaded_by", {{"id", uploader}, {"display_name", uploader_name}}},
                   {"created_at", at}});
  }
  return out;
}

Json supervisions_json(soci::session& sql, const Proposal& p) {
  Json out = Json::array();
  long long id = 0;
  long long leader = 0;
  long long at = 0;
  std::string leader_name;
  std::string day;
  std::string note;
  auto st = db::kept(sql,
                     "SELECT s.id, s.leader_user_id, u.display_name, s.visit_date, s.note, "
                     "s.created_at FROM proposal_supervisions s JOIN users u ON u.id = "
                     "s.leader_user_id WHERE s.proposal_id = :p ORDER BY s.visit_date, s.id",
                     soci::use(p.id), soci::into(id), soci::into(leader), soci::into(leader_name),
                     soci::into(day), soci::into(note), soci::into(at));
  st.execute();
  while (st.fetch()) {
    out.push_back({{"id", id},
                   {"leader", {{"id", leader}, {"display_name", leader_name}}},
                   {"visit_date", day},
                   {"note", note},
                   {"created_at", at}});
  }
  return out;
}

}  // namespace

Json summary_json(const Proposal& p, const std::string& today) {
  Json units = Json::array();
  bool overdue = false;
  std::string deadline;
  for (const auto& a : p.assignments) {
    if (a.state == "cancelled") continue;
    units.push_back({{"id", a.unit_id}, {"name", a.unit_name}, {"role", a.role}});
    if (!a.open()) continue;
    if (a.deadline < today) overdue = true;
    if (deadline.empty() || a.deadline < deadline) deadline = a.deadline;
  }
  const Proposer* first = nullptr;
  for (const auto& r : p.proposers) {
    if (r.role == "first") first = &r;
  }
  return Json{
      {"id", p.id},
      {"number", p.number > 0 ? Json(p.number) : Json(nullptr)},
      {"number_label", number_label(p.number)},
      {"session", {{"id", p.session_id}, {"name", p.session_name}}},
      {"kind", p.kind},
      {"proposer_kind", p.proposer_kind},
      {"collective",
       p.collective_id != 0
           ? Json{{"id", p.collective_id}, {"name", p.collective_name}, {"kind", p.collective_kind}}
           : Json(nullptr)},
      {"first_proposer", first != nullptr
                             ? Json{{"member_id", first->member_id}, {"name", first->name}}
                             : Json(nullptr)},
      {"proposer_names", proposer_names(p)},
      {"title", p.title},
      {"category", ref_or_null(p.category_id, p.category_name)},
      {"state", p.state},
      {"state_name", workflow::state_name(Table::kProposal, p.state)},
      {"is_key", p.is_key},
      {"is_published", p.is_published},
      {"deadline", deadline.empty() ? Json(nullptr) : Json(deadline)},
      {"overdue", overdue},
      {"units", units},
      {"updated_at", p.updated_at},
      {"submitted_at", p.submitted_at != 0 ? Json(p.submitted_at) : Json(nullptr)},
  };
}

namespace {

Json assignment_json(const Viewer& viewer, const Proposal& p, const Assignment& a,
                     const Context& ctx) {
  const bool work = sees_unit_work(viewer, p, a);
  // Proposers read the reply once staff accepted it.
  const bool reply_visible = work || a.state == "replied";
  int days_left = 0;
  if (a.open()) {
    days_left = a.deadline >= ctx.today ? ctx.calendar().workdays_between(ctx.today, a.deadline)
                                        : -ctx.calendar().workdays_between(a.deadline, ctx.today);
  }
  std::vector<std::string> actions;
  // Nothing moves on an assignment once the proposal has left handling.
  if (with_units(p)) {
    actions = workflow::available(
        Table::kAssignment, a.state, assignment_capacities(viewer, a),
        [&](std::string_view g) { return assignment_guard(g, p, a, ctx, nullptr); });
  }
  return Json{
      {"id", a.id},
      {"unit", {{"id", a.unit_id}, {"name", a.unit_name}}},
      {"role", a.role},
      {"state", a.state},
      {"state_name", workflow::state_name(Table::kAssignment, a.state)},
      {"assigned_on", a.assigned_on},
      {"deadline", a.deadline},
      {"overdue", a.open() && a.deadline < ctx.today},
      {"days_left", days_left},
      {"extension_status", a.extension_status},
      {"extension_reason", work ? a.extension_reason : ""},
      {"opinion", work ? a.opinion : ""},
      {"reply_class", reply_visible ? a.reply_class : ""},
      {"reply_text", reply_visible ? a.reply_text : ""},
      {"contact_method", reply_visible ? a.contact_method : ""},
      {"contact_date",
       reply_visible && !a.contact_date.empty() ? Json(a.contact_date) : Json(nullptr)},
      {"contact_note", reply_visible ? a.contact_note : ""},
      {"signed_by", reply_visible && a.signed_by_user_id != 0
                        ? Json{{"id", a.signed_by_user_id}, {"display_name", a.signed_by_name}}
                        : Json(nullptr)},
      {"replied_on", a.replied_on.empty() ? Json(nullptr) : Json(a.replied_on)},
      {"actions", actions},
  };
}

}  // namespace

Json detail_json(soci::session& sql, const Viewer& viewer, const Proposal& p, const Context& ctx) {
  Json out = summary_json(p, ctx.today);
  const auto caps = proposal_capacities(viewer, p);
  out["analysis"] = p.analysis;
  out["suggestions"] = p.suggestions;
  out["owner_user_id"] = p.owner_user_id;
  out["version"] = p.version;
  out["not_file_ground"] = p.not_file_ground;
  out["disposition"] = p.disposition;
  out["assign_mode"] = p.assign_mode;
  out["rating_round"] = p.rating_round;
  out["consultation_required"] = p.consultation_required;
  out["supervisor"] = p.supervisor_user_id != 0
                          ? Json{{"id", p.supervisor_user_id}, {"display_name", p.supervisor_name}}
                          : Json(nullptr);
  Json proposers = Json::array();
  for (const auto& r : p.proposers) {
    proposers.push_back({{"member_id", r.member_id},
                         {"name", r.name},
                         {"role", r.role},
                         {"status", r.status},
                         {"rating", r.rating},
                         {"rating_round", r.rating_round},
                         {"rating_comment", r.rating_comment},
                         {"rated_on_behalf", r.rated_by_user_id != 0}});
  }
  out["proposers"] = proposers;
  Json assignments = Json::array();
  for (const auto& a : p.assignments) {
    // Cancelled rows are history for staff and for the unit that asked to be relieved.
    if (a.state == "cancelled" && !viewer.view_all() && a.unit_id != viewer.unit_id) continue;
    assignments.push_back(assignment_json(viewer, p, a, ctx));
  }
  out["assignments"] = assignments;
  out["merged_into"] = nullptr;
  if (p.merged_into_id != 0) {
    std::string title;
    sql << "SELECT title FROM proposals WHERE id = :id", soci::use(p.merged_into_id),
        soci::into(title);
    out["merged_into"] = {{"id", p.merged_into_id}, {"title", title}};
  }
  Json merged = Json::array();
  {
    long long id = 0;
    std::string title;
    auto st = db::kept(sql,
                       "SELECT id, title FROM proposals WHERE merged_into_id = "
                       ":p ORDER BY id",
                       soci::use(p.id), soci::into(id), soci::into(title));
    st.execute();
    while (st.fetch()) merged.push_back({{"id", id}, {"title", title}});
  }
  out["merged"] = merged;
  out["attachments"] = attachments_json(sql, viewer, p);
  out["supervisions"] = supervisions_json(sql, p);
  out["actions"] = workflow::available(Table::kProposal, p.state, caps, [&](std::string_view g) {
    return proposal_guard(g, viewer, p, nullptr);
  });
  out["my_capacities"] = caps;
  return out;
}

}  // namespace lvzhi::proposal::detail
