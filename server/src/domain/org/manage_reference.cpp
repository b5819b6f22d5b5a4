// Creating, editing, deactivating and deleting reference items (staff). Outcomes: created/updated/
// deleted (audited) · 404 unknown kind or item (another committee's items do not exist) · 409 name
// taken in the same kind and parent · 409 in use (delete refused: deactivate instead) · 422 bad
// fields (incl. a community without an active street of the same committee).
#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/audit/audit.hpp"
#include "domain/org/reference.hpp"

namespace lvzhi::org {
namespace {

constexpr std::size_t kMaxNameChars = 64;
constexpr std::size_t kMaxCodeChars = 32;
constexpr long long kMaxSortOrder = 100000;

void apply(ReferenceItem& item, const ReferenceInput& input, FieldErrors& errors) {
  if (input.name) {
    item.name = text::trim(*input.name);
    const auto chars = text::char_count(item.name);
    if (chars < 1 || chars > kMaxNameChars || text::has_control_chars(item.name)) {
      errors.add("name", fmt::format("名称须为 1 到 {} 个字符", kMaxNameChars));
    }
  }
  if (input.code) {
    item.code = text::trim(*input.code);
    if (text::char_count(item.code) > kMaxCodeChars || text::has_control_chars(item.code)) {
      errors.add("code", fmt::format("代码不能超过 {} 个字符", kMaxCodeChars));
    }
  }
  if (input.parent_id) item.parent_id = *input.parent_id;
  if (input.sort_order) {
    if (*input.sort_order < 0 || *input.sort_order > kMaxSortOrder) {
      errors.add("sort_order", fmt::format("排序号须为 0 到 {} 的整数", kMaxSortOrder));
    } else {
      item.sort_order = static_cast<int>(*input.sort_order);
    }
  }
  if (input.is_active) item.is_active = *input.is_active;
}

// A community needs a street of the same committee; other kinds take no parent.
void check_parent(soci::session& sql, ReferenceItem& item, FieldErrors& errors) {
  const auto parent_kind = parent_kind_of(item.kind);
  if (parent_kind.empty()) {
    if (item.parent_id != 0) errors.add("parent_id", "该类基础数据没有上级");
    return;
  }
  if (item.parent_id == 0) {
    errors.add("parent_id", "请选择所属街道");
    return;
  }
  const auto parent = find_reference(sql, item.committee_id, item.parent_id);
  if (!parent || parent->kind != parent_kind) {
    errors.add("parent_id", "所属街道不存在");
  } else if (!parent->is_active && item.is_active) {
    errors.add("parent_id", "所属街道已停用");
  } else {
    item.parent_name = parent->name;
  }
}

bool name_taken(soci::session& sql, const ReferenceItem& item) {
  long long count = 0;
  const long long parent = item.parent_id;
  sql << "SELECT COUNT(*) FROM reference_items WHERE committee_id = :c AND kind = :k AND "
         "name = :n AND COALESCE(parent_id, 0) = :p AND id <> :id",
      soci::use(item.committee_id), soci::use(item.kind), soci::use(item.name), soci::use(parent),
      soci::use(item.id), soci::into(count);
  return count > 0;
}

Json audited(const ReferenceItem& item) {
  Json json = to_json(item);
  json.erase("usage");
  json.erase("created_at");
  json.erase("updated_at");
  json.erase("parent_name");
  return json;
}

}  // namespace

Result<ReferenceItem> create_reference(db::Database& db, const Actor& actor,
                                       const std::string& kind, const ReferenceInput& input) {
  if (!is_reference_kind(kind)) return make_error(contract::err::kReferenceUnknownKind);
  ReferenceItem item;
  item.committee_id = actor.committee_id;
  item.kind = kind;
  FieldErrors errors;
  if (!input.name) errors.add("name", "请填写名称");
  apply(item, input, errors);
  if (!errors.empty()) return errors.error();
  return db.write([&](soci::session& sql) -> Result<ReferenceItem> {
    check_parent(sql, item, errors);
    if (!errors.empty()) return errors.error();
    if (name_taken(sql, item)) return make_error(contract::err::kReferenceNameTaken);
    item.created_at = item.updated_at = now_seconds();
    item.id = insert_reference(sql, item);
    audit::record(sql, db.dialect(), actor,
                  {.action = "reference.create",
                   .object_type = kind,
                   .object_id = std::to_string(item.id),
                   .changes = audit::diff(Json::object(), audited(item))});
    return item;
  });
}

Result<ReferenceItem> update_reference(db::Database& db, const Actor& actor,
                                       const std::string& kind, long long id,
                                       const ReferenceInput& input) {
  if (!is_reference_kind(kind)) return make_error(contract::err::kReferenceUnknownKind);
  return db.write([&](soci::session& sql) -> Result<ReferenceItem> {
    const auto before = find_reference(sql, actor.committee_id, id);
    if (!before || before->kind != kind) return make_error(contract::err::kReferenceNotFound);
    ReferenceItem item = *before;
    FieldErrors errors;
    apply(item, input, errors);
    if (errors.empty()) check_parent(sql, item, errors);
    if (!errors.empty()) return errors.error();
    if (name_taken(sql, item)) return make_error(contract::err::kReferenceNameTaken);
    const Json changes = audit::diff(audited(*before), audited(item));
    if (changes.empty()) return item;
    item.updated_at = now_seconds();
    const int active = item.is_active ? 1 : 0;
    soci::indicator parent_ind = item.parent_id != 0 ? soci::i_ok : soci::i_null;
    sql << "UPDATE reference_items SET name = :name, code = :code, parent_id = :parent, "
           "sort_order = :sort, is_active = :active, updated_at = :updated WHERE id = :id",
        soci::use(item.name), soci::use(item.code), soci::use(item.parent_id, parent_ind),
        soci::use(item.sort_order), soci::use(active), soci::use(item.updated_at), soci::use(id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "reference.update",
                   .object_type = kind,
                   .object_id = std::to_string(id),
                   .changes = changes});
    return item;
  });
}

Status delete_reference(db::Database& db, const Actor& actor, const std::string& kind,
                        long long id) {
  if (!is_reference_kind(kind)) return make_error(contract::err::kReferenceUnknownKind);
  return db.write([&](soci::session& sql) -> Status {
    const auto item = find_reference(sql, actor.committee_id, id);
    if (!item || item->kind != kind) return make_error(contract::err::kReferenceNotFound);
    if (item->usage > 0) {
      return make_error(contract::err::kReferenceInUse, Json{{"usage", item->usage}});
    }
    sql << "DELETE FROM reference_items WHERE id = :id", soci::use(id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "reference.delete",
                   .object_type = kind,
                   .object_id = std::to_string(id),
                   .changes = audit::diff(audited(*item), Json::object())});
    return ok_status();
  });
}

}  // namespace lvzhi::org
