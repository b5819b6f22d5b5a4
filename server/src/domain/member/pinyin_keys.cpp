// Keeps members.name_key in step with the ICU collator: keys made by another ICU version may sort
// differently, so all are recomputed once when the version recorded in settings differs.
#include "core/clock.hpp"
#include "core/collation.hpp"
#include "domain/audit/audit.hpp"
#include "domain/member/member.hpp"

namespace lvzhi::member {
namespace {

constexpr const char* kSettingKey = "collation.pinyin_version";

}  // namespace

long long refresh_pinyin_keys(db::Database& db) {
  const std::string version = collation::collator_version();
  std::string stored;
  db.read([&](soci::session& sql) {
    const std::string key = kSettingKey;
    sql << "SELECT value FROM settings WHERE committee_id = 0 AND key = :k", soci::use(key),
        soci::into(stored);
  });
  if (stored == version) return 0;
  return db
      .write([&](soci::session& sql) -> Result<long long> {
        std::vector<std::pair<long long, std::string>> names;
        {
          long long id = 0;
          std::string name;
          soci::statement st =
              (sql.prepare << "SELECT id, name FROM members", soci::into(id), soci::into(name));
          st.execute();
          while (st.fetch()) names.emplace_back(id, name);
        }
        for (const auto& [id, name] : names) {
          const std::string name_key = collation::pinyin_key(name);
          sql << "UPDATE members SET name_key = :k WHERE id = :id", soci::use(name_key),
              soci::use(id);
        }
        const std::string key = kSettingKey;
        const long long now = now_seconds();
        sql << "INSERT INTO settings (committee_id, key, value, updated_at) VALUES (0, :k, :v, :u) "
               "ON CONFLICT (committee_id, key) DO UPDATE SET value = excluded.value, "
               "updated_at = excluded.updated_at",
            soci::use(key), soci::use(version), soci::use(now);
        Actor system;
        system.username = "system";
        system.display_name = "系统";
        audit::record(
            sql, db.dialect(), system,
            {.action = "member.pinyin_keys_refreshed",
             .object_type = "setting",
             .object_id = key,
             .changes = Json{{"collator_version", {stored, version}}, {"members", names.size()}}});
        return static_cast<long long>(names.size());
      })
      .value();
}

}  // namespace lvzhi::member
