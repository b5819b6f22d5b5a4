// `lvzhi seed demo`: the model committee (9th Tianhe District CPPCC) with its accounts, printed
// once.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "app/data_key.hpp"
#include "core/log.hpp"
#include "db/migrations.hpp"
#include "domain/seed/seed_demo.hpp"
#include "domain/seed/seed_scale.hpp"

namespace lvzhi::app {
namespace {

constexpr int kExitFailure = 1;

struct SeedOptions {
  std::string db = "data/lvzhi.db";
  std::string data_key_file;
};

int seed_demo_command(const SeedOptions& options) {
  log::set_min_level(log::Level::kWarn);
  auto db = db::Database::open(options.db, 1);
  db::migrate(*db);
  const std::string key = load_data_key(options.data_key_file.empty() ? default_key_file(options.db)
                                                                      : options.data_key_file);
  Actor actor;
  actor.username = "cli";
  actor.display_name = "命令行";
  actor.ip = "local";
  auto report = seed::seed_demo(*db, key, actor);
  if (!report.ok()) {
    std::cerr << "lvzhi: " << report.error().message << '\n';
    return kExitFailure;
  }
  if (report->already_seeded) {
    std::cout << "演示数据已存在，未做更改；忘记演示密码时用 lvzhi user passwd --username … 重置 "
                 "(the demo committee exists; nothing changed)\n";
    return 0;
  }
  std::cout << fmt::format(
      "演示数据已写入 (demo committee written): 天河区政协 — 第九届委员 {} 名，第八届委员 {} "
      "名，承办单位 {} 个，基础数据 {} 项\n\n",
      report->members, report->term8_members, report->units, report->reference_items);
  const auto& p = report->proposals;
  std::cout << fmt::format("提案 (proposals): 2021年收到 {} 件、立案 {} 件（集体提案 {} 件），",
                           p.model_year_received, p.model_year_filed, p.model_year_collective);
  std::cout << fmt::format("按时答复、满意办结，表彰 {} 项；", p.commendations);
  std::cout << fmt::format("{}演示提案 {} 件，各工作队列均有待办\n\n", p.live_session,
                           p.live_proposals);
  std::cout << "演示账号（密码只显示这一次）/ demo accounts (passwords shown once):\n";
  for (const auto& login : report->logins) {
    std::cout << fmt::format("  {:<22} {:<18} {:<10} {:<28} {}\n", login.username, login.password,
                             login.role, login.display_name, login.note);
  }
  std::cout << fmt::format(
      "\n  委员账号 (member accounts): m + 委员编号，如 m0901001 … m0901{:03}，共用密码 {}\n",
      report->members, report->member_password);
  if (!p.demo_members.empty()) {
    std::string names;
    for (const auto& m : p.demo_members) {
      names += fmt::format("{}{} {}", names.empty() ? "" : "、", m.username, m.name);
    }
    std::cout << fmt::format("  演示委员 (demo members with work in every queue): {}\n", names);
  }
  return 0;
}

struct ScaleCommandOptions {
  std::string db = "data/lvzhi.db";
  seed::ScaleOptions scale;
};

int seed_scale_command(const ScaleCommandOptions& options) {
  log::set_min_level(log::Level::kWarn);
  if (options.scale.password.size() < 12) {
    std::cerr << "lvzhi: --password must have at least 12 characters\n";
    return kExitFailure;
  }
  if (options.scale.proposals < 1 || options.scale.committees < 1 ||
      options.scale.committees > options.scale.proposals) {
    std::cerr << "lvzhi: need 1 ≤ --committees ≤ --proposals\n";
    return kExitFailure;
  }
  // PostgreSQL: a second connection writes the search documents alongside (seed_scale.cpp).
  // SQLite: one, so that the load may leave WAL for a rollback journal.
  auto db = db::Database::open(options.db, db::is_postgres_url(options.db) ? 2 : 1);
  db::migrate(*db);
  auto report = seed::seed_scale(*db, options.scale);
  if (!report.ok()) {
    std::cerr << "lvzhi: " << report.error().message << '\n';
    return kExitFailure;
  }
  const auto& r = report.value();
  // One line a script can read: key=value pairs.
  std::cout << fmt::format(
      "scale: prefix={} committees={} members={} proposals={} rows={} seconds={:.1f} "
      "rows_per_second={:.0f} vacuum_seconds={:.1f}\n",
      r.prefix, r.committees, r.members, r.proposals, r.rows, r.seconds,
      r.seconds > 0 ? static_cast<double>(r.rows) / r.seconds : 0.0, r.vacuum_seconds);
  return 0;
}

}  // namespace

void add_seed_commands(CLI::App& app, ConfigFile& config, ExitCode& exit_code) {
  auto* seed = app.add_subcommand("seed", "Load data into a database");
  seed->require_subcommand(1);
  auto options = std::make_shared<SeedOptions>();
  auto* demo = seed->add_subcommand(
      "demo",
      "The model committee (9th Tianhe District CPPCC, 329 members) with demo accounts; "
      "does nothing when it exists");
  config.add(*demo, "--db", options->db, "db", "SQLite file path or postgresql://… URL");
  config.add(*demo, "--data-key-file", options->data_key_file, "data-key-file",
             "Key that encrypts personal data at rest (default: lvzhi.key next to the SQLite "
             "file, or data/lvzhi.key); LVZHI_DATA_KEY overrides it");
  demo->callback([options, &exit_code] { exit_code.value = seed_demo_command(*options); });

  auto scale_options = std::make_shared<ScaleCommandOptions>();
  auto* scale = seed->add_subcommand(
      "scale",
      "Benchmark data: committees with members, units and proposals at every step (COPY on "
      "PostgreSQL); adds to what is there, with accounts <prefix>staff, <prefix>member and "
      "<prefix>clerk");
  config.add(*scale, "--db", scale_options->db, "db", "SQLite file path or postgresql://… URL");
  scale->add_option("--proposals", scale_options->scale.proposals, "How many proposals in all");
  scale->add_option("--committees", scale_options->scale.committees,
                    "How many committees share them");
  scale
      ->add_option("--password", scale_options->scale.password,
                   "Password of the three accounts of the first committee")
      ->required();
  scale->callback(
      [scale_options, &exit_code] { exit_code.value = seed_scale_command(*scale_options); });
}

}  // namespace lvzhi::app
