#include "db/migrations.hpp"

#include <fmt/format.h>
#include <ctime>

namespace lvzhi::db {
namespace {

constexpr const char* kCreateVersionTable =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";

int current_version(soci::session& sql) {
  long long version = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(version) FROM schema_version", soci::into(version, ind);
  return ind == soci::i_ok ? static_cast<int>(version) : 0;
}

}  // namespace

int latest_schema_version() {
  const auto& files = migration_files();
  return files.empty() ? 0 : files.back().version;
}

int schema_version(Database& db) {
  auto sql = db.session();
  *sql << kCreateVersionTable;
  return current_version(*sql);
}

MigrationReport migrate(Database& db) {
  MigrationReport report;
  auto sql = db.session();
  *sql << kCreateVersionTable;
  report.from_version = current_version(*sql);
  report.to_version = report.from_version;

  const auto& files = migration_files();
  for (std::size_t i = 0; i < files.size();) {
    const int version = files[i].version;
    std::string name = files[i].name;
    // The common file first, then this database's variant (file names sort the other way round).
    std::string common;
    std::string variant_sql;
    for (; i < files.size() && files[i].version == version; ++i) {
      const std::string variant = files[i].variant;
      if (variant.empty()) common += files[i].sql;
      if (variant == db.dialect().name()) variant_sql += files[i].sql;
    }
    const std::string script = common.append("\n").append(variant_sql);
    if (version <= report.from_version) continue;
    // One transaction per migration (PostgreSQL and SQLite both have transactional DDL). The
    // version is re-read under the lock, so two instances starting together apply each migration
    // once.
    *sql << db.dialect().begin_write();
    try {
      if (const auto lock = db.dialect().migration_lock(); !lock.empty()) *sql << lock;
      if (current_version(*sql) >= version) {
        *sql << "COMMIT";
        continue;
      }
      execute_script(*sql, db.dialect(), db.dialect().expand_migration(script));
      const long long now = std::time(nullptr);
      *sql << "INSERT INTO schema_version (version, name, applied_at) VALUES (:v, :n, :t)",
          soci::use(version), soci::use(name), soci::use(now);
      *sql << "COMMIT";
    } catch (...) {
      *sql << "ROLLBACK";
      throw;
    }
    report.applied.push_back(fmt::format("{:04}_{}", version, name));
    report.to_version = version;
  }
  return report;
}

}  // namespace lvzhi::db
