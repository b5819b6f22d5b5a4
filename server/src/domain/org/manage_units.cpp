// Creating, editing, deactivating and deleting handling units (staff). Outcomes: created/updated/
// deleted (audited) · 404 unknown unit (another committee's do not exist) · 409 name taken · 409
// in use (delete refused while accounts belong to it) · 422 bad fields.
#include <algorithm>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/audit/audit.hpp"
#include "domain/org/unit.hpp"

namespace lvzhi::org {
namespace {

constexpr std::size_t kMaxNameChars = 64;
constexpr std::size_t kMaxShortChars = 32;
constexpr std::size_t kMaxContactChars = 32;

void check_text(FieldErrors& errors, const char* field, const std::string& value, std::size_t max,
                const char* label) {
  if (text::char_count(value) > max || text::has_control_chars(value)) {
    errors.add(field, fmt::format("{}不能超过 {} 个字符", label, max));
  }
}

void apply(Unit& u, const UnitInput& input, FieldErrors& errors) {
  if (input.name) {
    u.name = text::trim(*input.name);
    if (u.name.empty()) errors.add("name", "请填写单位名称");
    check_text(errors, "name", u.name, kMaxNameChars, "单位名称");
  }
  if (input.short_name) {
    u.short_name = text::trim(*input.short_name);
    check_text(errors, "short_name", u.short_name, kMaxShortChars, "简称");
  }
  if (input.category) {
    u.category = *input.category;
    if (std::find(std::begin(kUnitCategories), std::end(kUnitCategories), u.category) ==
        std::end(kUnitCategories)) {
      errors.add("category",
                 "单位类别须为 government、court_procuratorate、mass_organization、enterprise 或 "
                 "other 之一");
    }
  }
  if (input.contact_name) {
    u.contact_name = text::trim(*input.contact_name);
    check_text(errors, "contact_name", u.contact_name, kMaxContactChars, "联系人");
  }
  if (input.contact_phone) {
    u.contact_phone = text::trim(*input.contact_phone);
    const bool digits_only = std::all_of(
        u.contact_phone.begin(), u.contact_phone.end(),
        [](char c) { return (c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '+'; });
    if (!digits_only || u.contact_phone.size() > kMaxContactChars) {
      errors.add("contact_phone", "联系电话只能包含数字、空格、+ 和 -");
    }
  }
  if (input.is_active) u.is_active = *input.is_active;
}

bool name_taken(soci::session& sql, const Unit& u) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM handling_units WHERE committee_id = :c AND name = :n AND id <> :id",
      soci::use(u.committee_id), soci::use(u.name), soci::use(u.id), soci::into(count);
  return count > 0;
}

Json audited(const Unit& u) {
  Json json = to_json(u);
  for (const char* key : {"accounts", "created_at", "updated_at", "id"}) json.erase(key);
  return json;
}

}  // namespace

Result<Unit> create_unit(db::Database& db, const Actor& actor, const UnitInput& input) {
  Unit u;
  u.committee_id = actor.committee_id;
  FieldErrors errors;
  if (!input.name) errors.add("name", "请填写单位名称");
  if (!input.category) errors.add("category", "请选择单位类别");
  apply(u, input, errors);
  if (!errors.empty()) return errors.error();
  return db.write([&](soci::session& sql) -> Result<Unit> {
    if (name_taken(sql, u)) return make_error(contract::err::kUnitNameTaken);
    u.created_at = u.updated_at = now_seconds();
    u.id = insert_unit(sql, u);
    audit::record(sql, db.dialect(), actor,
                  {.action = "unit.create",
                   .object_type = "unit",
                   .object_id = std::to_string(u.id),
                   .changes = audit::diff(Json::object(), audited(u))});
    return u;
  });
}

Result<Unit> update_unit(db::Database& db, const Actor& actor, long long id,
                         const UnitInput& input) {
  return db.write([&](soci::session& sql) -> Result<Unit> {
    const auto before = find_unit(sql, actor.committee_id, id);
    if (!before) return make_error(contract::err::kUnitNotFound);
    Unit u = *before;
    FieldErrors errors;
    apply(u, input, errors);
    if (!errors.empty()) return errors.error();
    if (name_taken(sql, u)) return make_error(contract::err::kUnitNameTaken);
    const Json changes = audit::diff(audited(*before), audited(u));
    if (changes.empty()) return u;
    u.updated_at = now_seconds();
    const int active = u.is_active ? 1 : 0;
    sql << "UPDATE handling_units SET name = :n, short_name = :s, category = :cat, contact_name = "
           ":cn, contact_phone = :cp, is_active = :a, updated_at = :u WHERE id = :id",
        soci::use(u.name), soci::use(u.short_name), soci::use(u.category),
        soci::use(u.contact_name), soci::use(u.contact_phone), soci::use(active),
        soci::use(u.updated_at), soci::use(id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "unit.update",
                   .object_type = "unit",
                   .object_id = std::to_string(id),
                   .changes = changes});
    return u;
  });
}

Status delete_unit(db::Database& db, const Actor& actor, long long id) {
  return db.write([&](soci::session& sql) -> Status {
    const auto u = find_unit(sql, actor.committee_id, id);
    if (!u) return make_error(contract::err::kUnitNotFound);
    if (!u->accounts.empty()) {
      return make_error(contract::err::kUnitInUse, Json{{"accounts", u->accounts.size()}});
    }
    sql << "DELETE FROM handling_units WHERE id = :id", soci::use(id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "unit.delete",
                   .object_type = "unit",
                   .object_id = std::to_string(id),
                   .changes = audit::diff(audited(*u), Json::object())});
    return ok_status();
  });
}

}  // namespace lvzhi::org
