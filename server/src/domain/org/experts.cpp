// The expert pool: SQL and use-cases (staff). Outcomes: created/updated (audited; the phone number
// audited as changed, never its value) · 404 unknown expert (another committee's do not exist) ·
// 422 bad fields.
#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/personal_data.hpp"
#include "core/text.hpp"
#include "db/query.hpp"
#include "domain/audit/audit.hpp"
#include "domain/org/expert.hpp"

namespace lvzhi::org {
namespace {

constexpr std::size_t kMaxChars = 64;
constexpr std::size_t kMaxPhoneChars = 20;
constexpr const char* kColumns =
    "id, committee_id, name, kind, field, employer, title, phone_sealed, is_active, created_at, "
    "updated_at";

void apply(Expert& e, const ExpertInput& input, FieldErrors& errors) {
  const auto text_field = [&](const std::optional<std::string>& value, std::string& out,
                              const char* field, const char* label) {
    if (!value) return;
    out = text::trim(*value);
    if (text::char_count(out) > kMaxChars || text::has_control_chars(out)) {
      errors.add(field, fmt::format("{}不能超过 {} 个字符", label, kMaxChars));
    }
  };
  text_field(input.name, e.name, "name", "姓名");
  if (input.name && e.name.empty()) errors.add("name", "请填写姓名");
  text_field(input.field, e.field, "field", "专业领域");
  text_field(input.employer, e.employer, "employer", "工作单位");
  text_field(input.title, e.title, "title", "职务职称");
  if (input.kind) {
    e.kind = *input.kind;
    if (std::find(std::begin(kExpertKinds), std::end(kExpertKinds), e.kind) ==
        std::end(kExpertKinds)) {
      errors.add("kind", "类别须为 invited（特邀委员）或 advisor（顾问团队）");
    }
  }
  if (input.phone) {
    e.phone = text::trim(*input.phone);
    const bool ok = e.phone.size() <= kMaxPhoneChars &&
                    std::all_of(e.phone.begin(), e.phone.end(),
                                [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
    if (!ok) errors.add("phone", "电话只能包含数字和 -，最多 20 位");
  }
  if (input.is_active) e.is_active = *input.is_active;
}

Json audited(const Expert& e) {
  Json json = to_json(e, true);
  for (const char* key : {"id", "created_at", "updated_at"}) json.erase(key);
  // Personal data is audited as "changed", never by value.
  json["phone"] = e.phone.empty() ? "" : "(已填写)";
  return json;
}

}  // namespace

Json to_json(const Expert& e, bool show_private) {
  return Json{{"id", e.id},
              {"name", e.name},
              {"kind", e.kind},
              {"field", e.field},
              {"employer", e.employer},
              {"title", e.title},
              {"phone", show_private ? e.phone : personal::mask_phone(e.phone)},
              {"is_active", e.is_active},
              {"created_at", e.created_at},
              {"updated_at", e.updated_at}};
}

std::pair<std::vector<Expert>, long long> ExpertService::list(const ExpertQuery& query) {
  db::Where where;
  where.add("committee_id = {}", query.committee_id);
  if (!query.q.empty()) {
    const auto name = where.params().add(db::like_pattern(query.q));
    const auto field = where.params().add(db::like_pattern(query.q));
    where.add_raw(
        fmt::format("(name LIKE {} ESCAPE '\\' OR field LIKE {} ESCAPE '\\')", name, field));
  }
  if (!query.kind.empty()) where.add("kind = {}", query.kind);
  if (query.active) where.add("is_active = {}", *query.active ? 1LL : 0LL);
  return db_.read([&](soci::session& sql) {
    std::vector<Expert> items;
    const long long total =
        db::count_rows(sql, "SELECT COUNT(*) FROM experts" + where.sql(), where.params());
    Expert e;
    int active = 0;
    std::string sealed;
    db::select_rows(
        sql,
        fmt::format("SELECT {} FROM experts{} ORDER BY is_active DESC, kind, id LIMIT {} OFFSET {}",
                    kColumns, where.sql(), query.page_size,
                    static_cast<long long>(query.page - 1) * query.page_size),
        where.params(),
        [&](soci::statement& st) {
          st.exchange(soci::into(e.id));
          st.exchange(soci::into(e.committee_id));
          st.exchange(soci::into(e.name));
          st.exchange(soci::into(e.kind));
          st.exchange(soci::into(e.field));
          st.exchange(soci::into(e.employer));
          st.exchange(soci::into(e.title));
          st.exchange(soci::into(sealed));
          st.exchange(soci::into(active));
          st.exchange(soci::into(e.created_at));
          st.exchange(soci::into(e.updated_at));
        },
        [&] {
          e.is_active = active != 0;
          e.phone = personal::unseal(key_, sealed);
          items.push_back(e);
        });
    return std::make_pair(std::move(items), total);
  });
}

std::optional<Expert> ExpertService::find(soci::session& sql, long long committee_id,
                                          long long id) {
  db::Params params;
  Expert e;
  int active = 0;
  std::string sealed;
  bool found = false;
  db::select_rows(
      sql,
      fmt::format("SELECT {} FROM experts WHERE id = {} AND committee_id = {}", kColumns,
                  params.add(id), params.add(committee_id)),
      params,
      [&](soci::statement& st) {
        st.exchange(soci::into(e.id));
        st.exchange(soci::into(e.committee_id));
        st.exchange(soci::into(e.name));
        st.exchange(soci::into(e.kind));
        st.exchange(soci::into(e.field));
        st.exchange(soci::into(e.employer));
        st.exchange(soci::into(e.title));
        st.exchange(soci::into(sealed));
        st.exchange(soci::into(active));
        st.exchange(soci::into(e.created_at));
        st.exchange(soci::into(e.updated_at));
      },
      [&] { found = true; });
  if (!found) return std::nullopt;
  e.is_active = active != 0;
  e.phone = personal::unseal(key_, sealed);
  return e;
}

long long ExpertService::insert(soci::session& sql, const Expert& e) {
  long long id = 0;
  const int active = e.is_active ? 1 : 0;
  const std::string sealed = personal::seal(key_, e.phone);
  sql << "INSERT INTO experts (committee_id, name, kind, field, employer, title, phone_sealed, "
         "is_active, created_at, updated_at) VALUES (:c, :n, :k, :f, :e, :t, :p, :a, :cr, :up) "
         "RETURNING id",
      soci::use(e.committee_id), soci::use(e.name), soci::use(e.kind), soci::use(e.field),
      soci::use(e.employer), soci::use(e.title), soci::use(sealed), soci::use(active),
      soci::use(e.created_at), soci::use(e.updated_at), soci::into(id);
  return id;
}

Result<Expert> ExpertService::create(const Actor& actor, const ExpertInput& input) {
  Expert e;
  e.committee_id = actor.committee_id;
  FieldErrors errors;
  if (!input.name) errors.add("name", "请填写姓名");
  if (!input.kind) errors.add("kind", "请选择类别");
  apply(e, input, errors);
  if (!errors.empty()) return errors.error();
  return db_.write([&](soci::session& sql) -> Result<Expert> {
    e.created_at = e.updated_at = now_seconds();
    e.id = insert(sql, e);
    audit::record(sql, db_.dialect(), actor,
                  {.action = "expert.create",
                   .object_type = "expert",
                   .object_id = std::to_string(e.id),
                   .changes = audit::diff(Json::object(), audited(e))});
    return e;
  });
}

Result<Expert> ExpertService::update(const Actor& actor, long long id, const ExpertInput& input) {
  return db_.write([&](soci::session& sql) -> Result<Expert> {
    const auto before = find(sql, actor.committee_id, id);
    if (!before) return make_error(contract::err::kExpertNotFound);
    Expert e = *before;
    FieldErrors errors;
    apply(e, input, errors);
    if (!errors.empty()) return errors.error();
    Json changes = audit::diff(audited(*before), audited(e));
    if (e.phone != before->phone) changes["phone"] = Json::array({"(已修改)", "(已修改)"});
    if (changes.empty()) return e;
    e.updated_at = now_seconds();
    const int active = e.is_active ? 1 : 0;
    const std::string sealed = personal::seal(key_, e.phone);
    sql << "UPDATE experts SET name = :n, kind = :k, field = :f, employer = :e, title = :t, "
           "phone_sealed = :p, is_active = :a, updated_at = :u WHERE id = :id",
        soci::use(e.name), soci::use(e.kind), soci::use(e.field), soci::use(e.employer),
        soci::use(e.title), soci::use(sealed), soci::use(active), soci::use(e.updated_at),
        soci::use(id);
    audit::record(sql, db_.dialect(), actor,
                  {.action = "expert.update",
                   .object_type = "expert",
                   .object_id = std::to_string(id),
                   .changes = changes});
    return e;
  });
}

}  // namespace lvzhi::org
