#pragma once
// The lvzhi subcommands. Each add_* registers one subcommand and its options on the app.
#include <CLI/CLI.hpp>

#include "app/config.hpp"

namespace lvzhi::app {

// Exit code of the chosen subcommand, set by its callback.
struct ExitCode {
  int value = 0;
};

void add_serve_command(CLI::App& app, ConfigFile& config, ExitCode& exit_code);
void add_admin_commands(CLI::App& app, ConfigFile& config,
                        ExitCode& exit_code);  // migrate, user, audit
void add_backup_commands(CLI::App& app, ConfigFile& config, ExitCode& exit_code);
void add_seed_commands(CLI::App& app, ConfigFile& config, ExitCode& exit_code);  // seed demo
void add_proposal_commands(CLI::App& app, ConfigFile& config, ExitCode& exit_code);

}  // namespace lvzhi::app
