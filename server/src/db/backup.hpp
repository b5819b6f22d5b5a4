#pragma once
// Consistent copies of a SQLite database with SQLite's online backup API: safe while the server is
// writing (the copy is one snapshot). PostgreSQL uses pg_dump / pg_restore (docs/OPERATIONS.md).
#include <string>

namespace lvzhi::db {

struct BackupReport {
  long long pages = 0;
  std::string integrity;  // "ok" or SQLite's complaint about the copy
};

// Copies the live database at source into a new file at target (which must not exist).
BackupReport backup_sqlite(const std::string& source, const std::string& target);
// Replaces the database at target with the backup at source after checking the backup's integrity.
// The server must be stopped.
BackupReport restore_sqlite(const std::string& source, const std::string& target);

}  // namespace lvzhi::db
