// Creating and editing committees (sysadmin). Outcomes: created/updated (audited with changed
// fields) · 404 unknown committee · 409 name taken · 422 bad fields (incl. a parent that would make
// a cycle).
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/audit/audit.hpp"
#include "domain/org/committee.hpp"

namespace lvzhi::org {
namespace {

constexpr std::size_t kMinNameChars = 2;
constexpr std::size_t kMaxNameChars = 64;
constexpr std::size_t kMaxShortNameChars = 32;
constexpr int kMaxDepth = 16;

bool valid_level(const std::string& level) {
  return std::any_of(std::begin(kLevels), std::end(kLevels),
                     [&](const char* known) { return level == known; });
}

// Applies the input to `c`, collecting field errors; checks that need the database come after.
void apply(Committee& c, const CommitteeInput& input, FieldErrors& errors) {
  if (input.name) {
    c.name = text::trim(*input.name);
    const auto chars = text::char_count(c.name);
    if (chars < kMinNameChars || chars > kMaxNameChars || text::has_control_chars(c.name)) {
      errors.add("name", fmt::format("名称须为 {} 到 {} 个字符", kMinNameChars, kMaxNameChars));
    }
  }
  if (input.short_name) {
    c.short_name = text::trim(*input.short_name);
    if (text::char_count(c.short_name) > kMaxShortNameChars ||
        text::has_control_chars(c.short_name)) {
      errors.add("short_name", fmt::format("简称不能超过 {} 个字符", kMaxShortNameChars));
    }
  }
  if (input.level) {
    c.level = *input.level;
    if (!valid_level(c.level)) {
      errors.add("level",
                 "级别须为 national（全国）、province（省）、city（市）或 district（区县）之一");
    }
  }
  if (input.parent_id) c.parent_id = *input.parent_id;
  if (input.is_active) c.is_active = *input.is_active;
}

// The parent must exist and must not be the committee itself or one of its descendants.
void check_parent(soci::session& sql, const Committee& c, FieldErrors& errors) {
  if (c.parent_id == 0) return;
  long long ancestor = c.parent_id;
  for (int depth = 0; ancestor != 0; ++depth) {
    if (ancestor == c.id || depth > kMaxDepth) {
      errors.add("parent_id", "上级委员会不能是本委员会或其下级委员会");
      return;
    }
    const auto found = find_committee(sql, ancestor);
    if (!found) {
      errors.add("parent_id", "上级委员会不存在");
      return;
    }
    ancestor = found->parent_id;
  }
}

bool name_taken(soci::session& sql, const std::string& name, long long except_id) {
  long long count = 0;
  sql << "SELECT COUNT(*) FROM committees WHERE name = :name AND id <> :id", soci::use(name),
      soci::use(except_id), soci::into(count);
  return count > 0;
}

}  // namespace

Result<Committee> create_committee(db::Database& db, const Actor& actor,
                                   const CommitteeInput& input) {
  Committee c;
  FieldErrors errors;
  if (!input.name) errors.add("name", "请填写委员会名称");
  if (!input.level) errors.add("level", "请选择级别");
  apply(c, input, errors);
  if (!errors.empty()) return errors.error();
  return db.write([&](soci::session& sql) -> Result<Committee> {
    check_parent(sql, c, errors);
    if (!errors.empty()) return errors.error();
    if (name_taken(sql, c.name, 0)) return make_error(contract::err::kCommitteeNameTaken);
    c.created_at = c.updated_at = now_seconds();
    c.id = insert_committee(sql, c);
    audit::record(sql, db.dialect(), actor,
                  {.action = "committee.create",
                   .object_type = "committee",
                   .object_id = std::to_string(c.id),
                   .changes = audit::diff(Json::object(), to_json(c)),
                   .committee_id = c.id});
    return c;
  });
}

Result<Committee> update_committee(db::Database& db, const Actor& actor, long long id,
                                   const CommitteeInput& input) {
  return db.write([&](soci::session& sql) -> Result<Committee> {
    const auto before = find_committee(sql, id);
    if (!before) return make_error(contract::err::kCommitteeNotFound);
    Committee c = *before;
    FieldErrors errors;
    apply(c, input, errors);
    check_parent(sql, c, errors);
    if (!errors.empty()) return errors.error();
    if (name_taken(sql, c.name, id)) return make_error(contract::err::kCommitteeNameTaken);
    Json changes = audit::diff(to_json(*before), to_json(c));
    if (changes.empty()) return c;
    c.updated_at = now_seconds();
    const int active = c.is_active ? 1 : 0;
    soci::indicator parent_ind = c.parent_id != 0 ? soci::i_ok : soci::i_null;
    sql << "UPDATE committees SET parent_id = :parent, name = :name, short_name = :short_name, "
           "level = :level, is_active = :active, updated_at = :updated WHERE id = :id",
        soci::use(c.parent_id, parent_ind), soci::use(c.name), soci::use(c.short_name),
        soci::use(c.level), soci::use(active), soci::use(c.updated_at), soci::use(id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "committee.update",
                   .object_type = "committee",
                   .object_id = std::to_string(id),
                   .changes = changes,
                   .committee_id = id});
    return c;
  });
}

}  // namespace lvzhi::org
