// Yearly commendation (DOMAIN §3): excellent proposals (优秀提案) and model handling units
// (先进承办单位). Staff propose a candidate of the year with a reason; a leader approves or
// rejects it. Every write is audited; an approval notifies the proposers or the unit.
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
namespace perm = contract::perm;

constexpr std::size_t kMaxReason = 500;

const char* kind_name(const std::string& kind) {
  return kind == "excellent_proposal" ? "优秀提案" : "先进承办单位";
}
const char* state_name(const std::string& state) {
  if (state == "approved") return "已批准";
  if (state == "rejected") return "未批准";
  return "待审批";
}
bool known_kind(const std::string& kind) {
  return kind == "excellent_proposal" || kind == "model_unit";
}

struct Row {
  long long id = 0;
  int year = 0;
  std::string kind;
  long long proposal_id = 0;
  long long unit_id = 0;
  std::string reason;
  std::string state;
  std::string proposed_by;
  long long proposed_at = 0;
  std::string decided_by;
  long long decided_at = 0;
  std::string comment;
  std::string unit_name;
};

constexpr const char* kSelect =
    "SELECT c.id, c.year, c.kind, COALESCE(c.proposal_id, 0), COALESCE(c.unit_id, 0), c.reason, "
    "c.state, pu.display_name, c.proposed_at, COALESCE(du.display_name, ''), "
    "COALESCE(c.decided_at, 0), c.decision_comment, COALESCE(hu.name, '') FROM commendations c "
    "JOIN users pu ON pu.id = c.proposed_by LEFT JOIN users du ON du.id = c.decided_by LEFT JOIN "
    "handling_units hu ON hu.id = c.unit_id";

void exchange(soci::statement& st, Row& r) {
  st.exchange(soci::into(r.id));
  st.exchange(soci::into(r.year));
  st.exchange(soci::into(r.kind));
  st.exchange(soci::into(r.proposal_id));
  st.exchange(soci::into(r.unit_id));
  st.exchange(soci::into(r.reason));
  st.exchange(soci::into(r.state));
  st.exchange(soci::into(r.proposed_by));
  st.exchange(soci::into(r.proposed_at));
  st.exchange(soci::into(r.decided_by));
  st.exchange(soci::into(r.decided_at));
  st.exchange(soci::into(r.comment));
  st.exchange(soci::into(r.unit_name));
}

std::vector<Row> select(soci::session& sql, db::Where& where) {
  std::vector<Row> rows;
  Row r;
  db::select_rows(
      sql, std::string(kSelect) + where.sql() + " ORDER BY c.kind, c.id", where.params(),
      [&](soci::statement& st) { exchange(st, r); }, [&] { rows.push_back(r); });
  return rows;
}

Json item_json(soci::session& sql, const Viewer& viewer, long long committee, const Row& r) {
  Json proposal = nullptr;
  if (r.proposal_id != 0) {
    if (const auto p = detail::load(sql, committee, r.proposal_id)) {
      proposal = {{"id", p->id},
                  {"number_label", detail::number_label(p->number)},
                  {"title", p->title},
                  {"proposer_label", detail::proposer_label(*p)}};
    }
  }
  Json unit = nullptr;
  if (r.unit_id != 0) unit = {{"id", r.unit_id}, {"name", r.unit_name}};
  Json actions = Json::array();
  if (r.state == "proposed" && viewer.actor->has(perm::kCommendationApprove.code)) {
    actions.push_back("approve");
    actions.push_back("reject");
  }
  if (r.state != "approved" && viewer.actor->has(perm::kCommendationPropose.code)) {
    actions.push_back("delete");
  }
  return Json{{"id", r.id},
              {"kind", r.kind},
              {"kind_name", kind_name(r.kind)},
              {"year", r.year},
              {"proposal", proposal},
              {"unit", unit},
              {"reason", r.reason},
              {"state", r.state},
              {"state_name", state_name(r.state)},
              {"proposed_by_name", r.proposed_by},
              {"proposed_at", r.proposed_at},
              {"decided_by_name", r.decided_by},
              {"decided_at", r.decided_at != 0 ? Json(r.decided_at) : Json(nullptr)},
              {"decision_comment", r.comment},
              {"actions", actions}};
}

std::optional<Row> find(soci::session& sql, long long committee, long long id) {
  db::Where where;
  where.add("c.committee_id = {}", committee);
  where.add("c.id = {}", id);
  auto rows = select(sql, where);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

Result<int> year_of(const Json& input) {
  const auto it = input.find("year");
  if (it == input.end() || !it->is_number_integer() || it->get<long long>() < 1949 ||
      it->get<long long>() > 2100) {
    return field_error("year", "请填写正确的年度");
  }
  return it->get<int>();
}

// Filed proposals submitted in `year` that have been answered.
std::string excellent_condition(int year, db::Where& where, long long committee) {
  where.add("p.committee_id = {}", committee);
  detail::add_year(where, year);
  return *detail::stat_sql("replied", "");
}

}  // namespace

Result<Json> ProposalService::commendations(const Viewer& viewer, int year,
                                            const std::string& kind) {
  if (!kind.empty() && !known_kind(kind)) {
    return make_error(err::kRequestBadQuery, "表彰类别有误", Json{{"parameter", "kind"}});
  }
  return db_.read([&](soci::session& sql) -> Result<Json> {
    const long long committee = viewer.actor->committee_id;
    if (year == 0) year = std::stoi(detail::load_context(sql, committee).today.substr(0, 4));
    db::Where where;
    where.add("c.committee_id = {}", committee);
    where.add("c.year = {}", static_cast<long long>(year));
    if (!kind.empty()) where.add("c.kind = {}", kind);
    Json items = Json::array();
    for (const auto& r : select(sql, where)) items.push_back(item_json(sql, viewer, committee, r));
    return Json{{"year", year},
                {"items", std::move(items)},
                {"can_propose", viewer.actor->has(perm::kCommendationPropose.code)},
                {"can_approve", viewer.actor->has(perm::kCommendationApprove.code)}};
  });
}

Result<Json> ProposalService::commendation_candidates(const Viewer& viewer, int year,
                                                      const std::string& kind) {
  if (!known_kind(kind)) {
    return make_error(err::kRequestBadQuery, "表彰类别有误", Json{{"parameter", "kind"}});
  }
  return db_.read([&](soci::session& sql) -> Result<Json> {
    const long long committee = viewer.actor->committee_id;
    if (year == 0) year = std::stoi(detail::load_context(sql, committee).today.substr(0, 4));
    std::set<long long> already;
    {
      long long id = 0;
      soci::statement st =
          db::once(sql,
                   fmt::format("SELECT COALESCE({}, 0) FROM commendations WHERE "
                               "committee_id = :c AND year = :y AND kind = :k",
                               kind == "model_unit" ? "unit_id" : "proposal_id"),
                   soci::use(committee), soci::use(year), soci::use(kind), soci::into(id));
      st.execute();
      while (st.fetch()) already.insert(id);
    }
    Json items = Json::array();
    db::Where where;
    const auto replied = excellent_condition(year, where, committee);
    if (kind == "excellent_proposal") {
      long long id = 0;
      db::select_rows(
          sql,
          "SELECT p.id FROM proposals p" + where.sql() + " AND " + replied +
              " ORDER BY p.session_id, p.number",
          where.params(), [&](soci::statement& st) { st.exchange(soci::into(id)); },
          [&] {
            const auto p = detail::load(sql, committee, id);
            if (!p) return;
            std::string detail(workflow::state_name(workflow::Table::kProposal, p->state));
            for (const auto& a : p->assignments) {
              if (a.replying() && !a.reply_class.empty() && a.state != "cancelled") {
                detail += " · " + a.reply_class + "类";
                break;
              }
            }
            if (p->is_key) detail += " · 重点提案";
            items.push_back({{"proposal_id", p->id},
                             {"label", detail::number_label(p->number) + "《" + p->title + "》" +
                                           detail::proposer_label(*p)},
                             {"detail", detail},
                             {"already", already.contains(p->id)}});
          });
    } else {
      long long unit = 0;
      std::string name;
      long long assigned = 0;
      long long on_time = 0;
      db::select_rows(
          sql,
          "SELECT a.unit_id, u.name, CAST(COUNT(*) AS BIGINT), CAST(SUM(CASE WHEN a.replied_on "
          "IS NOT NULL AND a.replied_on <= a.deadline THEN 1 ELSE 0 END) AS BIGINT) FROM "
          "proposal_assignments a JOIN proposals p ON p.id = a.proposal_id JOIN handling_units "
          "u ON u.id = a.unit_id" +
              where.sql() +
              " AND a.state <> 'cancelled' GROUP BY a.unit_id, u.name ORDER BY u.name",
          where.params(),
          [&](soci::statement& st) {
            st.exchange(soci::into(unit));
            st.exchange(soci::into(name));
            st.exchange(soci::into(assigned));
            st.exchange(soci::into(on_time));
          },
          [&] {
            items.push_back(
                {{"unit_id", unit},
                 {"label", name},
                 {"detail", fmt::format("承办 {} 件，按时答复 {} 件", assigned, on_time)},
                 {"already", already.contains(unit)}});
          });
    }
    return Json{{"year", year}, {"items", std::move(items)}};
  });
}

Result<Json> ProposalService::propose_commendation(const Viewer& viewer, const Json& input) {
  if (!viewer.actor->has(perm::kCommendationPropose.code)) return make_error(err::kAuthForbidden);
  if (!input.is_object()) return make_error(err::kRequestMalformedJson, "请求内容须为 JSON 对象");
  FieldErrors errors;
  const std::string kind = input.value("kind", std::string());
  if (!known_kind(kind)) errors.add("kind", "请选择表彰类别（优秀提案或先进承办单位）");
  auto year = year_of(input);
  if (!year.ok()) errors.add("year", "请填写正确的年度");
  const auto reason_it = input.find("reason");
  std::string reason = reason_it != input.end() && reason_it->is_string()
                           ? text::trim(reason_it->get<std::string>())
                           : std::string();
  if (reason.empty()) errors.add("reason", "请填写推荐理由");
  if (text::char_count(reason) > kMaxReason || text::has_control_chars(reason)) {
    errors.add("reason", fmt::format("推荐理由不能超过 {} 个字符", kMaxReason));
  }
  const char* target_field = kind == "model_unit" ? "unit_id" : "proposal_id";
  const auto target_it = input.find(target_field);
  const long long target =
      target_it != input.end() && target_it->is_number_integer() ? target_it->get<long long>() : 0;
  if (known_kind(kind) && target <= 0) {
    errors.add(target_field, kind == "model_unit" ? "请选择承办单位" : "请选择提案");
  }
  if (!errors.empty()) return errors.error();
  return db_.write([&](soci::session& sql) -> Result<Json> {
    const long long committee = viewer.actor->committee_id;
    // The candidate must belong to the year: a filed, answered proposal submitted in it, or a
    // unit that handled one of that year's proposals.
    db::Where where;
    const auto replied = excellent_condition(year.value(), where, committee);
    long long found = 0;
    if (kind == "excellent_proposal") {
      where.add("p.id = {}", target);
      found =
          db::count_rows(sql, "SELECT COUNT(*) FROM proposals p" + where.sql() + " AND " + replied,
                         where.params());
    } else {
      where.add("a.unit_id = {}", target);
      found = db::count_rows(sql,
                             "SELECT COUNT(*) FROM proposal_assignments a JOIN proposals p ON p.id "
                             "= a.proposal_id" +
                                 where.sql() + " AND a.state <> 'cancelled'",
                             where.params());
    }
    if (found == 0) {
      return make_error(err::kCommendationBadCandidate,
                        kind == "model_unit" ? "该单位在这一年度没有承办提案"
                                             : "只能推荐这一年度已答复的立案提案",
                        Json{{"fields", {{target_field, "不符合推荐条件"}}}});
    }
    long long duplicate = 0;
    sql << fmt::format(
        "SELECT COUNT(*) FROM commendations WHERE committee_id = :c AND year = :y "
        "AND kind = :k AND {} = :t",
        target_field),
        soci::use(committee), soci::use(year.value()), soci::use(kind), soci::use(target),
        soci::into(duplicate);
    if (duplicate != 0) return make_error(err::kCommendationDuplicate);
    const long long now = now_seconds();
    long long proposal_id = kind == "excellent_proposal" ? target : 0;
    long long unit_id = kind == "model_unit" ? target : 0;
    soci::indicator proposal_ind = proposal_id != 0 ? soci::i_ok : soci::i_null;
    soci::indicator unit_ind = unit_id != 0 ? soci::i_ok : soci::i_null;
    long long id = 0;
    const int y = year.value();
    sql << "INSERT INTO commendations (committee_id, year, kind, proposal_id, unit_id, reason, "
           "state, proposed_by, proposed_at, updated_at) VALUES (:c, :y, :k, :p, :u, :r, "
           "'proposed', :by, :at, :now) RETURNING id",
        soci::use(committee), soci::use(y), soci::use(kind), soci::use(proposal_id, proposal_ind),
        soci::use(unit_id, unit_ind), soci::use(reason), soci::use(viewer.actor->user_id),
        soci::use(now), soci::use(now), soci::into(id);
    audit::record(
        sql, db_.dialect(), *viewer.actor,
        {"commendation.propose", "commendation", std::to_string(id),
         Json{{"kind", kind}, {"year", y}, {target_field, target}, {"reason", reason}}, committee});
    return item_json(sql, viewer, committee, *find(sql, committee, id));
  });
}

Result<Json> ProposalService::decide_commendation(const Viewer& viewer, long long id, bool approve,
                                                  const Json& input) {
  if (!viewer.actor->has(perm::kCommendationApprove.code)) return make_error(err::kAuthForbidden);
  if (!input.is_object()) return make_error(err::kRequestMalformedJson, "请求内容须为 JSON 对象");
  const auto it = input.find("comment");
  if (it != input.end() && !it->is_null() && !it->is_string()) {
    return field_error("comment", "意见须为文本");
  }
  const std::string comment =
      it != input.end() && it->is_string() ? text::trim(it->get<std::string>()) : std::string();
  if (text::char_count(comment) > kMaxReason || text::has_control_chars(comment)) {
    return field_error("comment", fmt::format("意见不能超过 {} 个字符", kMaxReason));
  }
  if (!approve && comment.empty()) return field_error("comment", "不批准时请说明理由");
  return db_.write([&](soci::session& sql) -> Result<Json> {
    const long long committee = viewer.actor->committee_id;
    const auto row = find(sql, committee, id);
    if (!row) return make_error(err::kCommendationNotFound);
    if (row->state != "proposed") return make_error(err::kCommendationInvalidState);
    const std::string state = approve ? "approved" : "rejected";
    const long long now = now_seconds();
    sql << "UPDATE commendations SET state = :s, decided_by = :by, decided_at = :at, "
           "decision_comment = :cm, updated_at = :now WHERE id = :id",
        soci::use(state), soci::use(viewer.actor->user_id), soci::use(now), soci::use(comment),
        soci::use(now), soci::use(id);
    audit::record(sql, db_.dialect(), *viewer.actor,
                  {approve ? "commendation.approve" : "commendation.reject", "commendation",
                   std::to_string(id), Json{{"state", {row->state, state}}, {"comment", comment}},
                   committee});
    if (approve && row->proposal_id != 0) {
      if (const auto p = detail::load(sql, committee, row->proposal_id)) {
        detail::notify_proposers(
            sql, db_.dialect(), *p, "commendation.approved",
            fmt::format("{}被评为{}年度优秀提案", detail::proposal_label(*p), row->year));
      }
    }
    return item_json(sql, viewer, committee, *find(sql, committee, id));
  });
}

Status ProposalService::remove_commendation(const Viewer& viewer, long long id) {
  if (!viewer.actor->has(perm::kCommendationPropose.code)) return make_error(err::kAuthForbidden);
  return db_.write([&](soci::session& sql) -> Status {
    const long long committee = viewer.actor->committee_id;
    const auto row = find(sql, committee, id);
    if (!row) return make_error(err::kCommendationNotFound);
    if (row->state == "approved") {
      return make_error(err::kCommendationInvalidState, "已批准的表彰不能删除");
    }
    sql << "DELETE FROM commendations WHERE id = :id", soci::use(id);
    audit::record(
        sql, db_.dialect(), *viewer.actor,
        {"commendation.delete", "commendation", std::to_string(id),
         Json{{"kind", row->kind}, {"year", row->year}, {"state", row->state}}, committee});
    return ok_status();
  });
}

}  // namespace lvzhi::proposal
