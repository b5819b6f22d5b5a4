// `lvzhi proposals remind`: sends the due-soon and overdue reminders now (the server also sends
// them hourly); --date replays a given day, for cron jobs after downtime and for tests.
#include <iostream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "core/dates.hpp"
#include "core/log.hpp"
#include "db/migrations.hpp"
#include "domain/proposal/proposal.hpp"

namespace lvzhi::app {
namespace {

constexpr int kExitFailure = 1;

struct RemindOptions {
  std::string db = "data/lvzhi.db";
  std::string date;
};

int remind_command(const RemindOptions& options) {
  log::set_min_level(log::Level::kWarn);
  const std::string day = options.date.empty() ? dates::today() : options.date;
  if (!dates::valid(day)) {
    std::cerr << "lvzhi: --date 须为 YYYY-MM-DD 格式的日期 (--date must be YYYY-MM-DD)\n";
    return kExitFailure;
  }
  auto db = db::Database::open(options.db, 1);
  db::migrate(*db);
  const long long sent = proposal::send_deadline_reminders(*db, day);
  std::cout << fmt::format("已发送办理期限提醒 {} 条 (deadline reminders sent: {}, as of {})\n",
                           sent, sent, day);
  return 0;
}

}  // namespace

void add_proposal_commands(CLI::App& app, ConfigFile& config, ExitCode& exit_code) {
  auto* proposals = app.add_subcommand("proposals", "Proposal maintenance");
  proposals->require_subcommand(1);
  auto options = std::make_shared<RemindOptions>();
  auto* remind = proposals->add_subcommand(
      "remind", "Send due-soon and overdue reminders to handling units (each only once)");
  config.add(*remind, "--db", options->db, "db", "SQLite file path or postgresql://… URL");
  remind->add_option("--date", options->date, "Send as of this day (YYYY-MM-DD; default today)");
  remind->callback([options, &exit_code] { exit_code.value = remind_command(*options); });
}

}  // namespace lvzhi::app
