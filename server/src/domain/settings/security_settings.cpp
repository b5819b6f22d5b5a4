// Reads and updates the security settings. Outcomes: updated (audited with the changed fields) ·
// 422.
#include "domain/settings/security_settings.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "domain/audit/audit.hpp"

namespace lvzhi::settings {
namespace {

constexpr const char* kSecurityKey = "security";

struct IntField {
  const char* name;
  int SecuritySettings::*member;
  int min;
  int max;
};

constexpr IntField kIntFields[] = {
    {"password_min_length", &SecuritySettings::password_min_length, 8, 64},
    {"password_min_classes", &SecuritySettings::password_min_classes, 2, 4},
    {"password_history", &SecuritySettings::password_history, 0, 24},
    {"password_max_age_days", &SecuritySettings::password_max_age_days, 0, 365},
    {"lockout_threshold", &SecuritySettings::lockout_threshold, 3, 20},
    {"lockout_window_minutes", &SecuritySettings::lockout_window_minutes, 1, 1440},
    {"lockout_minutes", &SecuritySettings::lockout_minutes, 1, 1440},
    {"login_rate_limit_per_minute", &SecuritySettings::login_rate_limit_per_minute, 5, 1000},
    {"session_idle_minutes", &SecuritySettings::session_idle_minutes, 5, 480},
    {"session_absolute_hours", &SecuritySettings::session_absolute_hours, 1, 72},
};
constexpr const char* kMfaField = "mfa_required_for_all";

// Applies the known fields of `patch`; unknown fields are errors so that typos do not pass
// silently.
void apply(SecuritySettings& settings, const Json& patch, FieldErrors& errors) {
  for (const auto& [key, value] : patch.items()) {
    if (key == kMfaField) {
      if (value.is_boolean()) {
        settings.mfa_required_for_all = value.get<bool>();
      } else {
        errors.add(key, "必须为 true 或 false");
      }
      continue;
    }
    const IntField* field = nullptr;
    for (const auto& candidate : kIntFields) {
      if (key == candidate.name) field = &candidate;
    }
    if (field == nullptr) {
      errors.add(key, "未知的设置项");
    } else if (!value.is_number_integer() || value.get<long long>() < field->min ||
               value.get<long long>() > field->max) {
      errors.add(key, fmt::format("必须为 {} 到 {} 之间的整数", field->min, field->max));
    } else {
      settings.*(field->member) = value.get<int>();
    }
  }
}

}  // namespace

Json to_json(const SecuritySettings& settings) {
  Json out = Json::object();
  for (const auto& field : kIntFields) out[field.name] = settings.*(field.member);
  out[kMfaField] = settings.mfa_required_for_all;
  return out;
}

SecuritySettings parse_security(const std::string& stored) {
  SecuritySettings settings;
  const Json parsed = Json::parse(stored, nullptr, false);
  if (!parsed.is_object()) return settings;
  FieldErrors ignored;  // a stored value outside today's ranges keeps its default
  apply(settings, parsed, ignored);
  return settings;
}

SecuritySettings load_security(soci::session& sql) {
  std::string stored;
  soci::indicator ind = soci::i_null;
  sql << std::string("SELECT ") + kStoredSecurity, soci::into(stored, ind);
  return parse_security(ind == soci::i_ok ? stored : std::string());
}

SecuritySettings load_security(db::Database& db) {
  return db.read([](soci::session& sql) { return load_security(sql); });
}

Result<SecuritySettings> update_security(db::Database& db, const Actor& actor, const Json& patch) {
  if (!patch.is_object()) return make_error(contract::err::kRequestMalformedJson);
  return db.write([&](soci::session& sql) -> Result<SecuritySettings> {
    const SecuritySettings before = load_security(sql);
    SecuritySettings after = before;
    FieldErrors errors;
    apply(after, patch, errors);
    if (!errors.empty()) return errors.error();
    const Json changes = audit::diff(to_json(before), to_json(after));
    if (changes.empty()) return after;
    const std::string value = to_json(after).dump();
    const long long now = now_seconds();
    const std::string key = kSecurityKey;
    sql << "INSERT INTO settings (committee_id, key, value, updated_at, updated_by) "
           "VALUES (0, :key, :value, :now, :by) ON CONFLICT (committee_id, key) DO UPDATE SET "
           "value = excluded.value, updated_at = excluded.updated_at, updated_by = "
           "excluded.updated_by",
        soci::use(key), soci::use(value), soci::use(now), soci::use(actor.user_id);
    audit::record(sql, db.dialect(), actor,
                  {.action = "settings.security.update",
                   .object_type = "settings",
                   .object_id = kSecurityKey,
                   .changes = changes});
    return after;
  });
}

}  // namespace lvzhi::settings
