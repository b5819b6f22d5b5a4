// `lvzhi backup` / `lvzhi restore` for the embedded SQLite database.
#include <iostream>

#include "app/commands.hpp"
#include "db/backup.hpp"
#include "db/dialect.hpp"

namespace lvzhi::app {
namespace {

constexpr const char* kPostgresHint =
    "PostgreSQL: use pg_dump -Fc / pg_restore (see docs/OPERATIONS.md)\n";

}  // namespace

void add_backup_commands(CLI::App& app, ConfigFile& config, ExitCode& exit_code) {
  struct Options {
    std::string db = "data/lvzhi.db";
    std::string file;
  };
  auto options = std::make_shared<Options>();

  auto* backup = app.add_subcommand(
      "backup", "Copy the SQLite database consistently, also while the server is running");
  config.add(*backup, "--db", options->db, "db", "SQLite file path");
  backup->add_option("--out", options->file, "Backup file to create")->required();
  backup->callback([options, &exit_code] {
    if (db::is_postgres_url(options->db)) {
      std::cerr << kPostgresHint;
      exit_code.value = 2;
      return;
    }
    const auto report = db::backup_sqlite(db::sqlite_path_of(options->db), options->file);
    std::cout << "backup written: " << options->file << " (" << report.pages << " pages, integrity "
              << report.integrity << ")\n";
    exit_code.value = report.integrity == "ok" ? 0 : 1;
  });

  auto* restore = app.add_subcommand(
      "restore", "Replace the SQLite database with a backup (stop the server first)");
  config.add(*restore, "--db", options->db, "db", "SQLite file path to overwrite");
  restore->add_option("--from", options->file, "Backup file made by lvzhi backup")->required();
  restore->callback([options, &exit_code] {
    if (db::is_postgres_url(options->db)) {
      std::cerr << kPostgresHint;
      exit_code.value = 2;
      return;
    }
    const auto report = db::restore_sqlite(options->file, db::sqlite_path_of(options->db));
    std::cout << "restored " << db::sqlite_path_of(options->db) << " from " << options->file << " ("
              << report.pages << " pages)\n";
    exit_code.value = 0;
  });
}

}  // namespace lvzhi::app
