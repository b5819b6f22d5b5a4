// `lvzhi serve`: the composition root — database, migrations, route tables, pipeline, HTTP server.
#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <stop_token>
#include <thread>

#include "app/commands.hpp"
#include "app/data_key.hpp"
#include "core/dates.hpp"
#include "core/log.hpp"
#include "db/migrations.hpp"
#include "domain/audit/audit_routes.hpp"
#include "domain/auth/auth_routes.hpp"
#include "domain/auth/session.hpp"
#include "domain/auth/users.hpp"
#include "domain/calendar/calendar.hpp"
#include "domain/member/member.hpp"
#include "domain/notify/notify.hpp"
#include "domain/org/committee.hpp"
#include "domain/org/expert.hpp"
#include "domain/org/reference.hpp"
#include "domain/org/term.hpp"
#include "domain/org/unit.hpp"
#include "domain/proposal/proposal.hpp"
#include "domain/settings/settings_routes.hpp"
#include "http/net/server.hpp"

namespace lvzhi::app {
namespace {

struct ServeOptions {
  std::string db = "data/lvzhi.db";
  std::size_t pool_size = 0;  // 0 = one per worker
  std::string data_key_file;
  std::string files_dir;
  std::string port_file;
  http::ServerConfig server;
  int read_timeout_s = 30;
};

http::RouteTable health_routes(db::Database& db, int schema_version) {
  const auto started = std::chrono::steady_clock::now();
  return {
      {"GET", "/api/v1/health", http::Access::public_route(),
       [&db, schema_version, started](http::Request&) {
         const auto uptime = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::steady_clock::now() - started)
                                 .count();
         return http::Response::json(200, Json{{"status", "ok"},
                                               {"version", LVZHI_VERSION},
                                               {"database", db.dialect().name()},
                                               {"schema_version", schema_version},
                                               {"uptime_s", uptime}});
       }},
  };
}

// Two handler threads per core: handlers block on the database, but more of them than that only
// queue for the same cores (bench at 200k proposals, 2 cores: 4 workers against 8 gave SQLite's
// search 1,011 against 646 req/s and p99 81 against 136 ms, PostgreSQL's lists 5-8 % more).
std::size_t default_workers() {
  return std::max<std::size_t>(2,
                               2 * static_cast<std::size_t>(std::thread::hardware_concurrency()));
}

int serve(ServeOptions options) {
  if (options.server.worker_threads == 0) options.server.worker_threads = default_workers();
  if (options.pool_size == 0) options.pool_size = options.server.worker_threads;
  auto db = db::Database::open(options.db, options.pool_size);
  const auto report = db::migrate(*db);
  for (const auto& name : report.applied) log::info("migration applied", {{"migration", name}});
  if (const long long keys = member::refresh_pinyin_keys(*db); keys > 0) {
    log::info("pinyin sort keys recomputed", {{"members", keys}});
  }

  auth::AuthDeps auth_deps{
      *db, load_data_key(options.data_key_file.empty() ? default_key_file(options.db)
                                                       : options.data_key_file)};
  http::Router router;
  router.add_all(health_routes(*db, report.to_version));
  router.add_all(auth::auth_routes(auth_deps));
  router.add_all(auth::user_routes(*db));
  router.add_all(org::committee_routes(*db));
  router.add_all(org::term_routes(*db));
  router.add_all(org::reference_routes(*db));
  router.add_all(org::unit_routes(*db));
  org::ExpertService experts(*db, auth_deps.data_key);
  router.add_all(org::expert_routes(experts));
  member::MemberService members(*db, auth_deps.data_key);
  router.add_all(member::member_routes(members));
  files::FileStore files(options.files_dir.empty() ? default_files_dir(options.db)
                                                   : options.files_dir);
  proposal::ProposalService proposals(*db, files);
  if (const auto indexed = proposal::index_unindexed(*db); indexed > 0) {
    log::info("proposals indexed for search", {{"count", indexed}});
  }
  router.add_all(proposal::proposal_routes(proposals));
  router.add_all(settings::settings_routes(*db));
  router.add_all(audit::audit_routes(*db));
  router.add_all(calendar::calendar_routes(*db));
  router.add_all(notify::notification_routes(*db));

  auth::DbSessionResolver sessions(*db);
  const http::Pipeline pipeline(std::move(router), sessions);
  http::ServerConfig server_config = options.server;
  server_config.read_timeout = std::chrono::seconds(options.read_timeout_s);
  if (!server_config.web_root.empty() && !std::filesystem::is_directory(server_config.web_root)) {
    log::warn("web root not found; serving the API only", {{"web_root", server_config.web_root}});
    server_config.web_root.clear();
  }
  http::Server server(server_config, pipeline);
  const auto port = server.bind();
  // Deadline reminders: at start and then hourly (each is sent once per deadline).
  std::jthread reminders([&db](const std::stop_token& stop) {
    std::mutex mutex;
    std::condition_variable_any wake;
    while (!stop.stop_requested()) {
      try {
        if (const auto sent = proposal::send_deadline_reminders(*db, dates::today()); sent > 0) {
          log::info("deadline reminders sent", {{"notifications", sent}});
        }
      } catch (const std::exception& e) {
        log::error("deadline reminders failed", {{"error", e.what()}});
      }
      std::unique_lock lock(mutex);
      wake.wait_for(lock, stop, std::chrono::hours(1), [] { return false; });
    }
  });
  log::info("listening", {{"url", "http://" + server_config.host + ":" + std::to_string(port)},
                          {"database", db->dialect().name()},
                          {"schema_version", report.to_version}});
  if (!options.port_file.empty()) {
    const std::string temp = options.port_file + ".tmp";
    std::ofstream(temp) << port << '\n';
    std::filesystem::rename(temp, options.port_file);  // readers never see a half-written file
  }
  server.run();
  log::info("stopped");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, ConfigFile& config, ExitCode& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand("serve", "Serve the HTTP API and the web app");
  config.add(*cmd, "--db", options->db, "db",
             "Database: a SQLite file path, or postgresql://user@host:port/dbname");
  config.add(*cmd, "--pool-size", options->pool_size, "pool-size",
             "Database connections (default: one per worker)");
  config.add(*cmd, "--host", options->server.host, "host", "Address to listen on");
  config.add(*cmd, "--port", options->server.port, "port", "Port to listen on (0 = any free port)");
  config.add(*cmd, "--port-file", options->port_file, "port-file",
             "Write the bound port to this file once listening");
  config.add(*cmd, "--web-root", options->server.web_root, "web-root",
             "Directory of the built web app (web/dist)");
  config.add(*cmd, "--io-threads", options->server.io_threads, "io-threads", "Network threads");
  config.add(*cmd, "--workers", options->server.worker_threads, "workers",
             "Request handler threads (default: two per core)");
  config.add(*cmd, "--max-connections", options->server.max_connections, "max-connections",
             "Open connections at most; more are answered 503");
  config.add(*cmd, "--read-timeout", options->read_timeout_s, "read-timeout",
             "Seconds to wait for a request before closing the connection");
  config.add_flag(*cmd, "--trust-proxy", options->server.trust_proxy, "trust-proxy",
                  "Take client address, scheme and request id from X-Forwarded-* (behind nginx)");
  config.add(*cmd, "--files-dir", options->files_dir, "files-dir",
             "Directory of uploaded attachments (default: files/ next to the SQLite file, or "
             "data/files)");
  config.add(*cmd, "--data-key-file", options->data_key_file, "data-key-file",
             "Key that encrypts secrets at rest (default: lvzhi.key next to the SQLite file, "
             "or data/lvzhi.key); LVZHI_DATA_KEY overrides it");
  cmd->callback([options, &exit_code] { exit_code.value = serve(*options); });
}

}  // namespace lvzhi::app
