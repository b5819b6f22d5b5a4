// lvzhi: the Lüzhi server and its administration commands.
#include <iostream>

#include "app/commands.hpp"
#include "core/crypto.hpp"

int main(int argc, char** argv) {
  using namespace lvzhi::app;
  try {
    lvzhi::crypto::init();
    ConfigFile config(argc, argv);
    CLI::App app{"Lüzhi 履职 — CPPCC committee duty-performance platform", "lvzhi"};
    app.set_version_flag("--version", std::string("lvzhi ") + LVZHI_VERSION);
    app.require_subcommand(1);
    app.fallthrough();
    std::string config_path = config.path();
    app.add_option("--config", config_path, "TOML file with option defaults (env LVZHI_CONFIG)");
    ExitCode exit_code;
    add_serve_command(app, config, exit_code);
    add_admin_commands(app, config, exit_code);
    add_backup_commands(app, config, exit_code);
    add_seed_commands(app, config, exit_code);
    add_proposal_commands(app, config, exit_code);
    CLI11_PARSE(app, argc, argv);
    return exit_code.value;
  } catch (const std::exception& error) {
    std::cerr << "lvzhi: " << error.what() << '\n';
    return 1;
  }
}
