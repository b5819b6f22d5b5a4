#pragma once
// Numbered schema migrations, embedded from server/migrations/ and recorded in schema_version.
#include <string>
#include <vector>

#include "db/database.hpp"

namespace lvzhi::db {

struct MigrationFile {
  int version;
  const char* name;
  const char* variant;  // "" = both databases, "sqlite" or "postgresql" = that one only
  const char* sql;
};

const std::vector<MigrationFile>& migration_files();  // generated, sorted by version

struct MigrationReport {
  int from_version = 0;
  int to_version = 0;
  std::vector<std::string> applied;  // "0001_foundation"
};

// Applies every migration newer than the recorded schema version, each in its own transaction.
MigrationReport migrate(Database& db);
// The recorded schema version (0 for an empty database).
int schema_version(Database& db);
// The newest version this binary knows.
int latest_schema_version();

}  // namespace lvzhi::db
