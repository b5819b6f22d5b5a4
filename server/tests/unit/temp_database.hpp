#pragma once
// A fresh, migrated SQLite database in a temporary directory, removed afterwards.
#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "core/crypto.hpp"
#include "db/database.hpp"
#include "db/migrations.hpp"

namespace lvzhi::testing {

class TempDatabase {
 public:
  TempDatabase() {
    crypto::init();
    dir_ = std::filesystem::temp_directory_path() /
           ("lvzhi-unit-" + std::to_string(::getpid()) + "-" + crypto::random_token(6));
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "test.db").string();
    db_ = db::Database::open(path_, 2);
    db::migrate(*db_);
  }
  ~TempDatabase() {
    db_.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempDatabase(const TempDatabase&) = delete;
  TempDatabase& operator=(const TempDatabase&) = delete;

  db::Database& db() { return *db_; }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<db::Database> db_;
};

}  // namespace lvzhi::testing
