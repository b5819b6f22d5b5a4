#include "db/backup.hpp"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <stdexcept>

namespace lvzhi::db {
namespace {

constexpr int kPagesPerStep = 256;
constexpr int kBusyRetryMs = 50;
constexpr int kBusyTimeoutMs = 10000;

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Handle = std::unique_ptr<sqlite3, Closer>;

Handle open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Handle handle(raw);
  if (rc != SQLITE_OK) {
    throw std::runtime_error("cannot open " + path + ": " +
                             (raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  return handle;
}

// Copies all pages from → to in steps, so a busy writer is not blocked for the whole copy.
long long copy_pages(sqlite3* from, sqlite3* to) {
  sqlite3_backup* backup = sqlite3_backup_init(to, "main", from, "main");
  if (backup == nullptr)
    throw std::runtime_error(std::string("backup failed: ") + sqlite3_errmsg(to));
  int rc = SQLITE_OK;
  do {
    rc = sqlite3_backup_step(backup, kPagesPerStep);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(kBusyRetryMs);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  const long long pages = sqlite3_backup_pagecount(backup);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE)
    throw std::runtime_error(std::string("backup failed: ") + sqlite3_errstr(rc));
  return pages;
}

std::string integrity_of(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  std::string result = "unknown";
  if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  return result;
}

bool has_schema(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE name = 'schema_version'", -1, &stmt,
                         nullptr) == SQLITE_OK) {
    found = sqlite3_step(stmt) == SQLITE_ROW;
  }
  sqlite3_finalize(stmt);
  return found;
}

}  // namespace

BackupReport backup_sqlite(const std::string& source, const std::string& target) {
  if (std::filesystem::exists(target)) throw std::runtime_error(target + " already exists");
  if (!std::filesystem::exists(source)) throw std::runtime_error(source + " does not exist");
  const auto dir = std::filesystem::path(target).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  auto from = open(source, SQLITE_OPEN_READONLY);
  auto to = open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  BackupReport report;
  report.pages = copy_pages(from.get(), to.get());
  report.integrity = integrity_of(to.get());
  return report;
}

BackupReport restore_sqlite(const std::string& source, const std::string& target) {
  auto from = open(source, SQLITE_OPEN_READONLY);
  BackupReport report;
  report.integrity = integrity_of(from.get());
  if (report.integrity != "ok") throw std::runtime_error("backup is damaged: " + report.integrity);
  if (!has_schema(from.get())) throw std::runtime_error(source + " is not a Lüzhi database");
  const auto dir = std::filesystem::path(target).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir);
  auto to = open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  report.pages = copy_pages(from.get(), to.get());
  return report;
}

}  // namespace lvzhi::db
