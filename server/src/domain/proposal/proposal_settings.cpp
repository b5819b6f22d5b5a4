// The committee's proposal settings (DOMAIN §3 "(setting)"): deadlines, windows, reply classes and
// attachment limits, stored as proposal.* keys of the settings table. Staff read and edit them;
// every change is audited with its old and new values.
#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/audit/audit.hpp"
#include "domain/proposal/proposal_internal.hpp"

namespace lvzhi::proposal {
namespace {

struct NumberSetting {
  const char* key;
  int Settings::*field;
  int min;
  int max;
  const char* label;
};

constexpr NumberSetting kNumbers[] = {
    {"reply_months", &Settings::reply_months, 1, 12, "答复期限（月）"},
    {"extended_months", &Settings::extended_months, 1, 24, "延期后的答复期限（月）"},
    {"rehandle_months", &Settings::rehandle_months, 1, 6, "重新办理的答复期限（月）"},
    {"reassign_window_days", &Settings::reassign_window_days, 1, 30, "申请调整的期限（工作日）"},
    {"due_soon_days", &Settings::due_soon_days, 1, kMaxDueSoonDays, "即将到期提醒（天）"},
    {"max_attachment_mb", &Settings::max_attachment_mb, 1, 50, "单个附件上限（MB）"},
    {"max_attachments", &Settings::max_attachments, 1, 50, "每件提案附件数上限"},
};

constexpr std::size_t kMinClasses = 2;
constexpr std::size_t kMaxClasses = 6;
constexpr std::size_t kMaxClassCode = 4;
constexpr std::size_t kMaxClassName = 30;

Json settings_json(const Settings& s) {
  Json out = Json::object();
  for (const auto& n : kNumbers) out[n.key] = s.*n.field;
  out["reply_classes"] = code_names(s.reply_classes);
  return out;
}

void store(soci::session& sql, long long committee_id, const std::string& key,
           const std::string& value, long long user_id) {
  const long long now = now_seconds();
  long long found = 0;
  sql << "SELECT COUNT(*) FROM settings WHERE committee_id = :c AND key = :k",
      soci::use(committee_id), soci::use(key), soci::into(found);
  if (found > 0) {
    sql << "UPDATE settings SET value = :v, updated_at = :now, updated_by = :u WHERE committee_id "
           "= :c AND key = :k",
        soci::use(value), soci::use(now), soci::use(user_id), soci::use(committee_id),
        soci::use(key);
  } else {
    sql << "INSERT INTO settings (committee_id, key, value, updated_at, updated_by) VALUES (:c, "
           ":k, :v, :now, :u)",
        soci::use(committee_id), soci::use(key), soci::use(value), soci::use(now),
        soci::use(user_id);
  }
}

}  // namespace

Json ProposalService::settings(const Viewer& viewer) {
  return db_.read([&](soci::session& sql) {
    return settings_json(load_settings(sql, viewer.actor->committee_id));
  });
}

Result<Json> ProposalService::update_settings(const Viewer& viewer, const Json& input) {
  return db_.write([&](soci::session& sql) -> Result<Json> {
    const long long committee = viewer.actor->committee_id;
    const auto before = load_settings(sql, committee);
    Settings after = before;
    FieldErrors errors;
    for (const auto& n : kNumbers) {
      if (!input.contains(n.key)) continue;
      const auto& v = input[n.key];
      if (!v.is_number_integer() || v.get<long long>() < n.min || v.get<long long>() > n.max) {
        errors.add(n.key, fmt::format("{}须为 {}–{} 的整数", n.label, n.min, n.max));
        continue;
      }
      after.*n.field = v.get<int>();
    }
    if (after.extended_months <= after.reply_months) {
      errors.add("extended_months", "延期后的答复期限须长于答复期限");
    }
    if (input.contains("reply_classes")) {
      const auto& list = input["reply_classes"];
      std::vector<std::pair<std::string, std::string>> classes;
      std::set<std::string> codes;
      bool ok = list.is_array() && list.size() >= kMinClasses && list.size() <= kMaxClasses;
      for (const auto& c : ok ? list : Json::array()) {
        const auto code = c.is_object() && c.contains("code") && c["code"].is_string()
                              ? text::trim(c["code"].get<std::string>())
                              : "";
        const auto name = c.is_object() && c.contains("name") && c["name"].is_string()
                              ? text::trim(c["name"].get<std::string>())
                              : "";
        if (code.empty() || text::char_count(code) > kMaxClassCode ||
            text::has_control_chars(code) || name.empty() ||
            text::char_count(name) > kMaxClassName || text::has_control_chars(name) ||
            !codes.insert(code).second) {
          ok = false;
          break;
        }
        classes.emplace_back(code, name);
      }
      if (ok) {
        after.reply_classes = classes;
      } else {
        errors.add(
            "reply_classes",
            fmt::format("答复类别须有 {}–{} 类，每类有不重复的代码（不超过 {} 个字符）和名称",
                        kMinClasses, kMaxClasses, kMaxClassCode));
      }
    }
    if (!errors.empty()) return errors.error();
    const auto old_json = settings_json(before);
    const auto new_json = settings_json(after);
    const auto changes = audit::diff(old_json, new_json);
    for (const auto& [key, value] : new_json.items()) {
      if (old_json[key] != value) {
        store(sql, committee, "proposal." + key, value.dump(), viewer.actor->user_id);
      }
    }
    if (!changes.empty()) {
      audit::record(sql, db_.dialect(), *viewer.actor,
                    {"proposal.settings_update", "settings", "proposal", changes, committee});
    }
    return new_json;
  });
}

}  // namespace lvzhi::proposal
