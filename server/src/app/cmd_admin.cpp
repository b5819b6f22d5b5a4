// `lvzhi migrate`, `lvzhi user create|passwd|unlock`, `lvzhi audit verify`: operator commands that
// work on the database directly (no server needed). Their writes are audited with the actor "cli".
#include <iostream>

#include "app/commands.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/log.hpp"
#include "db/migrations.hpp"
#include "domain/audit/audit.hpp"
#include "domain/auth/auth.hpp"
#include "domain/auth/session.hpp"
#include "domain/auth/throttle.hpp"
#include "domain/auth/users.hpp"
#include "domain/member/member.hpp"
#include "domain/org/committee.hpp"

namespace lvzhi::app {
namespace {

constexpr int kExitFailure = 1;
constexpr const char* kDefaultCommitteeName = "政协委员会";

Actor cli_actor() {
  Actor actor;
  actor.username = "cli";
  actor.display_name = "命令行";
  actor.ip = "local";
  return actor;
}

std::unique_ptr<db::Database> open_migrated(const std::string& url) {
  log::set_min_level(log::Level::kWarn);
  auto db = db::Database::open(url, 1);
  db::migrate(*db);
  return db;
}

struct UserOptions {
  std::string db = "data/lvzhi.db";
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  long long committee_id = 0;
  std::string password;
  bool if_none_with_role = false;
};

long long ensure_committee(db::Database& db, long long wanted) {
  if (wanted != 0) return wanted;
  return db
      .write([&](soci::session& sql) -> Result<long long> {
        long long first = 0;
        sql << "SELECT COALESCE(MIN(id), 0) FROM committees", soci::into(first);
        if (first != 0) return first;
        org::Committee c;
        c.name = kDefaultCommitteeName;
        c.level = "district";
        c.created_at = c.updated_at = now_seconds();
        c.id = org::insert_committee(sql, c);
        audit::record(sql, db.dialect(), cli_actor(),
                      {.action = "committee.create",
                       .object_type = "committee",
                       .object_id = std::to_string(c.id),
                       .changes = Json{{"name", {nullptr, c.name}}},
                       .committee_id = c.id});
        return c.id;
      })
      .value();
}

int create_user_command(const UserOptions& options) {
  auto db = open_migrated(options.db);
  if (options.if_none_with_role) {
    long long existing = 0;
    db->read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id "
             "WHERE r.role = :role AND u.status = 'active'",
          soci::use(options.roles.front()), soci::into(existing);
    });
    if (existing > 0) {
      std::cout << "已有" << options.roles.front() << "账户，无需创建 (a " << options.roles.front()
                << " account exists)\n";
      return 0;
    }
  }
  auth::NewUserInput input{options.username, options.display_name,
                           ensure_committee(*db, options.committee_id), options.roles,
                           options.password};
  auto created = auth::create_user(*db, cli_actor(), input);
  if (!created.ok()) {
    std::cerr << "lvzhi: " << created.error().message << ' '
              << created.error().details.dump(-1, ' ', false) << '\n';
    return kExitFailure;
  }
  std::cout << "用户已创建 (user created): " << created->account.username << '\n';
  if (options.password.empty()) {
    std::cout << "初始密码 (initial password, shown once): " << created->password << '\n';
  }
  std::cout << "首次登录须修改密码 (must be changed at first login)\n";
  return 0;
}

int passwd_command(const UserOptions& options) {
  auto db = open_migrated(options.db);
  const std::string password =
      options.password.empty() ? crypto::generate_password() : options.password;
  const std::string hash = crypto::hash_password(password);
  auto done = db->write([&](soci::session& sql) -> Status {
    const auto account = auth::find_account_by_username(sql, options.username);
    if (!account) return make_error(contract::err::kUserNotFound);
    auth::set_temporary_password(sql, *account, hash);
    audit::record(sql, db->dialect(), cli_actor(),
                  {.action = "user.reset_password",
                   .object_type = "user",
                   .object_id = std::to_string(account->id),
                   .committee_id = account->committee_id});
    return ok_status();
  });
  if (!done.ok()) {
    std::cerr << "lvzhi: " << done.error().message << '\n';
    return kExitFailure;
  }
  if (options.password.empty()) std::cout << "临时密码 (temporary password): " << password << '\n';
  std::cout << "下次登录须修改密码 (must be changed at next login)\n";
  return 0;
}

int unlock_command(const UserOptions& options) {
  auto db = open_migrated(options.db);
  auto done = db->write([&](soci::session& sql) -> Status {
    const std::string username = options.username;
    auth::clear_login_failures(sql, username);
    audit::record(sql, db->dialect(), cli_actor(),
                  {.action = "user.unlock", .object_type = "username", .object_id = username});
    return ok_status();
  });
  std::cout << "已解锁 (unlocked): " << options.username << '\n';
  return done.ok() ? 0 : kExitFailure;
}

int reset_mfa_command(const UserOptions& options) {
  auto db = open_migrated(options.db);
  auto done = db->write([&](soci::session& sql) -> Status {
    const auto account = auth::find_account_by_username(sql, options.username);
    if (!account) return make_error(contract::err::kUserNotFound);
    auth::remove_second_factor(sql, account->id);
    audit::record(sql, db->dialect(), cli_actor(),
                  {.action = "user.reset_mfa",
                   .object_type = "user",
                   .object_id = std::to_string(account->id),
                   .changes = Json{{"mfa_enabled", {account->totp_enabled, false}}},
                   .committee_id = account->committee_id});
    return ok_status();
  });
  if (!done.ok()) {
    std::cerr << "lvzhi: " << done.error().message << '\n';
    return kExitFailure;
  }
  std::cout << "已重置双因素认证，下次登录时重新绑定 (second factor removed; enrol again at next "
               "login)\n";
  return 0;
}

}  // namespace

void add_admin_commands(CLI::App& app, ConfigFile& config, ExitCode& exit_code) {
  auto db_url = std::make_shared<std::string>("data/lvzhi.db");
  auto* migrate = app.add_subcommand("migrate", "Apply database migrations");
  config.add(*migrate, "--db", *db_url, "db", "SQLite file path or postgresql://… URL");
  migrate->callback([db_url, &exit_code] {
    auto db = db::Database::open(*db_url, 1);
    const auto report = db::migrate(*db);
    for (const auto& name : report.applied) std::cout << "applied " << name << '\n';
    std::cout << "schema version " << report.to_version << '\n';
    if (const long long keys = member::refresh_pinyin_keys(*db); keys > 0) {
      std::cout << "pinyin sort keys recomputed for " << keys << " members\n";
    }
    exit_code.value = 0;
  });

  auto* user = app.add_subcommand("user", "Manage accounts from the command line");
  user->require_subcommand(1);
  auto options = std::make_shared<UserOptions>();

  auto* create =
      user->add_subcommand("create", "Create an account (first login forces a password change)");
  config.add(*create, "--db", options->db, "db", "SQLite file path or postgresql://… URL");
  create->add_option("--username", options->username, "Login name")->required();
  create->add_option("--display-name", options->display_name, "Name shown in the app")->required();
  create->add_option("--role", options->roles, "Role (repeatable), e.g. sysadmin, staff")
      ->required();
  create->add_option("--committee", options->committee_id,
                     "Committee id (default: the first; created if there is none)");
  create->add_option("--password", options->password,
                     "Initial password (default: random, printed)");
  create->add_flag("--if-none-with-role", options->if_none_with_role,
                   "Do nothing if an active account with the (first) role exists");
  create->callback([options, &exit_code] { exit_code.value = create_user_command(*options); });

  auto* passwd = user->add_subcommand("passwd", "Set a temporary password (changed at next login)");
  config.add(*passwd, "--db", options->db, "db", "SQLite file path or postgresql://… URL");
  passwd->add_option("--username", options->username, "Login name")->required();
  passwd->add_option("--password", options->password, "New password (default: random, printed)");
  passwd->callback([options, &exit_code] { exit_code.value = passwd_command(*options); });

  auto* unlock = user->add_subcommand("unlock", "Lift a lockout after failed logins");
  config.add(*unlock, "--db", options->db, "db", "SQLite file path or postgresql://… URL");
  unlock->add_option("--username", options->username, "Login name")->required();
  unlock->callback([options, &exit_code] { exit_code.value = unlock_command(*options); });

  auto* reset_mfa = user->add_subcommand("reset-mfa", "Remove a user's second factor (lost phone)");
  config.add(*reset_mfa, "--db", options->db, "db", "SQLite file path or postgresql://… URL");
  reset_mfa->add_option("--username", options->username, "Login name")->required();
  reset_mfa->callback([options, &exit_code] { exit_code.value = reset_mfa_command(*options); });

  auto* audit_cmd = app.add_subcommand("audit", "Audit log tools");
  audit_cmd->require_subcommand(1);
  auto* verify = audit_cmd->add_subcommand("verify", "Check the audit log's hash chain");
  config.add(*verify, "--db", *db_url, "db", "SQLite file path or postgresql://… URL");
  verify->callback([db_url, &exit_code] {
    auto db = db::Database::open(*db_url, 1);
    const auto report = audit::verify_chain(*db);
    if (report.ok) {
      std::cout << "audit chain OK: " << report.rows << " rows\n";
      exit_code.value = 0;
    } else {
      std::cout << "audit chain BROKEN at row " << report.bad_row_id << ": " << report.reason
                << '\n';
      exit_code.value = kExitFailure;
    }
  });
}

}  // namespace lvzhi::app
