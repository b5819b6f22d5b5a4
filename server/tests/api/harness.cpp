#include "harness.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "core/totp.hpp"

namespace lvzhi::api_test {
namespace fs = std::filesystem;

namespace {

constexpr long kRequestTimeoutS = 60;
constexpr int kStartTimeoutMs = 20000;
constexpr int kStopTimeoutMs = 15000;
constexpr int kCliTimeoutMs = 120000;
constexpr std::size_t kExpectThreshold = 1024 * 1024;

const char* const kTables[] = {"users",
                               "committees",
                               "sessions",
                               "audit_log",
                               "settings",
                               "user_roles",
                               "password_history",
                               "login_throttle",
                               "rate_limits",
                               "recovery_codes",
                               "terms",
                               "plenary_sessions",
                               "reference_items",
                               "handling_units",
                               "experts",
                               "members",
                               "member_memberships",
                               "calendar_days",
                               "notifications",
                               "proposals",
                               "proposal_number_counters",
                               "proposal_proposers",
                               "proposal_assignments",
                               "proposal_events",
                               "proposal_attachments",
                               "proposal_supervisions",
                               "proposal_search",
                               "commendations"};
const char* const kVolatileTables[] = {"sessions", "rate_limits", "login_throttle"};

std::atomic<int> g_counter{0};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string trim(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return std::string(text.substr(begin, end - begin));
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? std::string(value) : fallback;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string tail(const std::string& text, std::size_t max_chars) {
  return text.size() <= max_chars ? text : "…" + text.substr(text.size() - max_chars);
}

// fork/exec argv with stdout+stderr appended to output_path. The child dies with us.
pid_t spawn(const std::vector<std::string>& argv, const std::string& output_path) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);
    const int fd = open(output_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
      close(fd);
    }
    const int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) {
      dup2(null_fd, STDIN_FILENO);
      close(null_fd);
    }
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Waits up to timeout_ms; the exit code (128+signal if killed by a signal), nullopt on timeout.
std::optional<int> wait_for(pid_t pid, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      if (WIFEXITED(status)) return WEXITSTATUS(status);
      if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
      return -1;
    }
    if (done < 0) return -1;
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// ---- database access (row counts, tampering) ----

struct PgConn {
  explicit PgConn(const std::string& url) : conn(PQconnectdb(url.c_str())) {
    if (PQstatus(conn) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(conn);
      PQfinish(conn);
      throw std::runtime_error("cannot connect to " + url + ": " + message);
    }
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);  // no "does not exist, skipping" noise
  }
  ~PgConn() { PQfinish(conn); }
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;

  std::vector<std::vector<std::string>> query(const std::string& sql) const {
    PGresult* result = PQexec(conn, sql.c_str());
    const auto status = PQresultStatus(result);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
      const std::string message = PQresultErrorMessage(result);
      PQclear(result);
      throw std::runtime_error("postgresql: " + sql + ": " + message);
    }
    std::vector<std::vector<std::string>> rows;
    for (int r = 0; r < PQntuples(result); ++r) {
      std::vector<std::string> row;
      for (int c = 0; c < PQnfields(result); ++c) row.emplace_back(PQgetvalue(result, r, c));
      rows.push_back(std::move(row));
    }
    PQclear(result);
    return rows;
  }

  PGconn* conn;
};

struct SqliteConn {
  explicit SqliteConn(const std::string& path) {
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      const std::string message = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close(db);
      throw std::runtime_error("cannot open " + path + ": " + message);
    }
    sqlite3_busy_timeout(db, 10000);
  }
  ~SqliteConn() { sqlite3_close(db); }
  SqliteConn(const SqliteConn&) = delete;
  SqliteConn& operator=(const SqliteConn&) = delete;

  std::vector<std::vector<std::string>> query(const std::string& sql) const {
    std::vector<std::vector<std::string>> rows;
    char* error = nullptr;
    auto callback = [](void* out, int columns, char** values, char**) {
      auto* result = static_cast<std::vector<std::vector<std::string>>*>(out);
      std::vector<std::string> row;
      for (int c = 0; c < columns; ++c) row.emplace_back(values[c] != nullptr ? values[c] : "");
      result->push_back(std::move(row));
      return 0;
    };
    if (sqlite3_exec(db, sql.c_str(), callback, &rows, &error) != SQLITE_OK) {
      const std::string message = error != nullptr ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error("sqlite: " + sql + ": " + message);
    }
    return rows;
  }

  sqlite3* db = nullptr;
};

std::vector<std::vector<std::string>> run_query(const std::string& kind, const std::string& url,
                                                const std::string& sql) {
  if (kind == "postgresql") return PgConn(url).query(sql);
  return SqliteConn(url).query(sql);
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t write_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<Headers*>(user);
  const std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    headers->clear();  // a new response (after 100 Continue)
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon != std::string::npos)
    headers->emplace_back(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
  return size * count;
}

bool is_write(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

// ---------------------------------------------------------------- Response

std::string Response::header(std::string_view name) const {
  const std::string key = lower(name);
  for (const auto& [header_name, value] : headers) {
    if (header_name == key) return value;
  }
  return "";
}

std::vector<std::string> Response::all_headers(std::string_view name) const {
  const std::string key = lower(name);
  std::vector<std::string> out;
  for (const auto& [header_name, value] : headers) {
    if (header_name == key) out.push_back(value);
  }
  return out;
}

bool Response::has_header(std::string_view name) const { return !all_headers(name).empty(); }

std::string Response::error_code() const {
  if (json.is_object() && json.contains("error") && json["error"].is_object() &&
      json["error"].contains("code") && json["error"]["code"].is_string()) {
    return json["error"]["code"].get<std::string>();
  }
  return "";
}

std::string Response::error_message() const {
  if (json.is_object() && json.contains("error") && json["error"].is_object() &&
      json["error"].contains("message") && json["error"]["message"].is_string()) {
    return json["error"]["message"].get<std::string>();
  }
  return "";
}

nlohmann::json Response::fields() const {
  if (!json.is_object() || !json.contains("error")) return nullptr;
  const auto& error = json["error"];
  if (!error.is_object() || !error.contains("details") || !error["details"].is_object())
    return nullptr;
  const auto& details = error["details"];
  if (!details.contains("fields")) return nullptr;
  return details["fields"];
}

std::string Response::describe() const {
  std::string out = request_line + " → ";
  if (!transport_error.empty()) return out + "transport error: " + transport_error;
  out += std::to_string(status) + " " + tail(body, 600);
  return out;
}

// ---------------------------------------------------------------- Client

Client::Client(std::string base_url) : base_url_(std::move(base_url)), curl_(curl_easy_init()) {
  if (curl_ == nullptr) throw std::runtime_error("curl_easy_init failed");
}

Client::~Client() {
  if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Client::Client(Client&& other) noexcept
    : base_url_(std::move(other.base_url_)),
      curl_(std::exchange(other.curl_, nullptr)),
      cookies_(std::move(other.cookies_)),
      csrf_(std::move(other.csrf_)) {}

Client& Client::operator=(Client&& other) noexcept {
  if (this != &other) {
    if (curl_ != nullptr) curl_easy_cleanup(static_cast<CURL*>(curl_));
    base_url_ = std::move(other.base_url_);
    curl_ = std::exchange(other.curl_, nullptr);
    cookies_ = std::move(other.cookies_);
    csrf_ = std::move(other.csrf_);
  }
  return *this;
}

std::string Client::url(const std::string& path) const {
  if (path.rfind("/api/", 0) == 0 || path == "/api") return base_url_ + path;
  return base_url_ + "/api/v1" + path;
}

std::string Client::cookie(const std::string& name) const {
  const auto it = cookies_.find(name);
  return it == cookies_.end() ? "" : it->second;
}

void Client::set_cookie(const std::string& name, const std::string& value) {
  cookies_[name] = value;
}
void Client::clear_cookies() { cookies_.clear(); }

Response Client::get(const std::string& path, const RequestOptions& options) {
  return send("GET", path, std::nullopt, "", options);
}
Response Client::post(const std::string& path, const nlohmann::json& body,
                      const RequestOptions& options) {
  return send("POST", path, body.dump(), "application/json", options);
}
Response Client::post(const std::string& path) { return send("POST", path, std::nullopt, "", {}); }
Response Client::patch(const std::string& path, const nlohmann::json& body,
                       const RequestOptions& options) {
  return send("PATCH", path, body.dump(), "application/json", options);
}
Response Client::put(const std::string& path, const nlohmann::json& body,
                     const RequestOptions& options) {
  return send("PUT", path, body.dump(), "application/json", options);
}
Response Client::del(const std::string& path, const RequestOptions& options) {
  return send("DELETE", path, std::nullopt, "", options);
}

Response Client::send(const std::string& method, const std::string& path,
                      const std::optional<std::string>& body, const std::string& content_type,
                      const RequestOptions& options) {
  auto* curl = static_cast<CURL*>(curl_);
  curl_easy_reset(curl);
  Response response;
  const std::string full_url = url(path);
  response.request_line = method + " " + full_url.substr(base_url_.size());

  curl_easy_setopt(curl, CURLOPT_URL, full_url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, kRequestTimeoutS);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response.headers);

  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else {
    if (body || method == "POST" || method == "PUT" || method == "PATCH") {
      curl_easy_setopt(curl, CURLOPT_POST, 1L);
      curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(body ? body->size() : 0));
      curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body ? body->data() : "");
    }
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }

  curl_slist* list = nullptr;
  auto add = [&list](const std::string& line) { list = curl_slist_append(list, line.c_str()); };
  // An empty value removes a header curl would add on its own.
  add(content_type.empty() ? "Content-Type:" : "Content-Type: " + content_type);
  if (!body || body->size() <= kExpectThreshold) add("Expect:");
  if (!cookies_.empty()) {
    std::string cookie_line = "Cookie: ";
    bool first = true;
    for (const auto& [name, value] : cookies_) {
      if (!first) cookie_line += "; ";
      cookie_line += name + "=" + value;
      first = false;
    }
    add(cookie_line);
  }
  if (is_write(method) && options.csrf) {
    const std::string token = options.csrf_override ? *options.csrf_override : csrf_;
    if (!token.empty()) add("X-CSRF-Token: " + token);
  }
  std::string accept_encoding;
  for (const auto& [name, value] : options.headers) {
    if (lower(name) == "accept-encoding") {
      accept_encoding = value;  // let curl decode what it asked for
      continue;
    }
    add(name + ": " + value);
  }
  if (!accept_encoding.empty())
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, accept_encoding.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);

  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(list);
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, nullptr);
  if (code != CURLE_OK) {
    response.transport_error = curl_easy_strerror(code);
    // A server may answer early (413) and close: keep whatever status was received.
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);

  for (const auto& value : response.all_headers("set-cookie")) {
    const auto semicolon = value.find(';');
    const std::string pair = value.substr(0, semicolon);
    const auto equals = pair.find('=');
    if (equals == std::string::npos) continue;
    const std::string name = trim(pair.substr(0, equals));
    const std::string cookie_value = trim(pair.substr(equals + 1));
    const std::string attributes =
        lower(semicolon == std::string::npos ? "" : value.substr(semicolon));
    const bool expired = cookie_value.empty() ||
                         attributes.find("max-age=0") != std::string::npos ||
                         attributes.find("1970") != std::string::npos;
    if (expired) {
      cookies_.erase(name);
    } else {
      cookies_[name] = cookie_value;
    }
  }

  if (!response.body.empty()) {
    response.json = nlohmann::json::parse(response.body, nullptr, false);
    if (response.json.is_discarded()) response.json = nullptr;
  }
  if (response.status >= 200 && response.status < 300 && response.json.is_object() &&
      response.json.contains("csrf_token") && response.json["csrf_token"].is_string()) {
    csrf_ = response.json["csrf_token"].get<std::string>();
  }
  return response;
}

// ---------------------------------------------------------------- TestServer

TestServer::TestServer() {
  db_kind_ = env_or("LVZHI_TEST_DB", "sqlite");
  bin_ = env_or("LVZHI_BIN", "");
  if (bin_.empty()) throw std::runtime_error("LVZHI_BIN is not set (path of the lvzhi executable)");
  const int n = g_counter.fetch_add(1);
  const std::string tmp = env_or("LVZHI_TEST_TMP", "/tmp/lvzhi-api-tests");
  dir_ = tmp + "/" + db_kind_ + "-" + std::to_string(getpid()) + "-" + std::to_string(n);
  fs::remove_all(dir_);
  fs::create_directories(dir_);
  log_path_ = dir_ + "/server.log";
  port_file_ = dir_ + "/port";
  pg_db_name_ = "t_" + std::to_string(getpid()) + "_" + std::to_string(n);

  try {
    create_database();
    prepare();
  } catch (...) {
    if (pid_ > 0) stop();
    try {
      drop_database();
    } catch (const std::exception& error) {
      std::fprintf(stderr, "warning: dropping the test database failed: %s\n", error.what());
    }
    throw;
  }
}

void TestServer::prepare() {
  const auto migrate = cli({"migrate", "--db", db_url_});
  if (migrate.exit_code != 0) {
    throw std::runtime_error("lvzhi migrate failed (" + std::to_string(migrate.exit_code) +
                             "): " + migrate.output);
  }
  const std::vector<std::pair<std::string, std::string>> admins = {
      {"sysadmin", "系统管理员"}, {"secadmin", "安全管理员"}, {"auditor", "审计管理员"}};
  for (const auto& [role, display] : admins) {
    Account account;
    account.username = role;
    account.password = "Init#Lvzhi-2024x";  // the policy forbids the username inside
    account.roles = {role};
    const auto created =
        cli({"user", "create", "--db", db_url_, "--username", account.username, "--display-name",
             display, "--role", role, "--password", account.password});
    if (created.exit_code != 0) {
      throw std::runtime_error("lvzhi user create " + role + " failed (" +
                               std::to_string(created.exit_code) + "): " + created.output);
    }
    admins_[role] = account;
  }
  start();
}

TestServer::~TestServer() {
  if (pid_ > 0) stop();
  try {
    drop_database();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "warning: dropping the test database failed: %s\n", error.what());
  }
  if (!keep_files_) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
}

void TestServer::create_database() {
  if (db_kind_ == "sqlite") {
    db_url_ = dir_ + "/lvzhi.db";
    return;
  }
  if (db_kind_ != "postgresql")
    throw std::runtime_error("LVZHI_TEST_DB must be sqlite or postgresql");
  const std::string url_file = env_or("LVZHI_TEST_PG_URL_FILE", "");
  if (url_file.empty()) throw std::runtime_error("LVZHI_TEST_PG_URL_FILE is not set");
  pg_admin_url_ = trim(read_file(url_file));
  if (pg_admin_url_.empty()) throw std::runtime_error("empty PostgreSQL URL file " + url_file);
  const auto slash = pg_admin_url_.rfind('/');
  if (slash == std::string::npos || slash < std::string("postgresql://").size()) {
    throw std::runtime_error("unexpected PostgreSQL URL " + pg_admin_url_);
  }
  PgConn(pg_admin_url_).query("DROP DATABASE IF EXISTS " + pg_db_name_);
  PgConn(pg_admin_url_).query("CREATE DATABASE " + pg_db_name_);
  db_url_ = pg_admin_url_.substr(0, slash + 1) + pg_db_name_;
}

void TestServer::drop_database() {
  if (db_kind_ != "postgresql" || pg_admin_url_.empty()) return;
  PgConn(pg_admin_url_).query("DROP DATABASE IF EXISTS " + pg_db_name_ + " WITH (FORCE)");
}

void TestServer::start() {
  fs::remove(port_file_);
  pid_ = spawn({bin_, "serve", "--db", db_url_, "--host", "127.0.0.1", "--port", "0", "--port-file",
                port_file_},
               log_path_);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kStartTimeoutMs);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("lvzhi serve exited during start-up (status " +
                               std::to_string(status) + "); log:\n" + tail(log(), 4000));
    }
    const std::string text = trim(read_file(port_file_));
    if (!text.empty() && std::all_of(text.begin(), text.end(), ::isdigit)) {
      port_ = std::stoi(text);
      if (port_ > 0) return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop();
  throw std::runtime_error("lvzhi serve wrote no port file within 20 s; log:\n" +
                           tail(log(), 4000));
}

std::string TestServer::base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string TestServer::log() const { return read_file(log_path_); }

int TestServer::stop() {
  if (pid_ <= 0) return 0;
  kill(pid_, SIGTERM);
  auto code = wait_for(pid_, kStopTimeoutMs);
  if (!code) {
    kill(pid_, SIGKILL);
    wait_for(pid_, kStopTimeoutMs);
    code = -1;
  }
  pid_ = -1;
  return *code;
}

CliResult TestServer::cli(const std::vector<std::string>& args) const {
  static std::atomic<int> cli_counter{0};
  const std::string output_path =
      dir_ + "/cli-" + std::to_string(cli_counter.fetch_add(1)) + ".out";
  std::vector<std::string> argv{bin_};
  argv.insert(argv.end(), args.begin(), args.end());
  const pid_t pid = spawn(argv, output_path);
  auto code = wait_for(pid, kCliTimeoutMs);
  if (!code) {
    kill(pid, SIGKILL);
    wait_for(pid, kStopTimeoutMs);
    code = -1;
  }
  return CliResult{*code, read_file(output_path)};
}

Account& TestServer::admin(const std::string& role) {
  const auto it = admins_.find(role);
  if (it == admins_.end()) throw std::runtime_error("no admin for role " + role);
  return it->second;
}

std::string TestServer::fresh_password(const std::string& username) {
  static std::atomic<int> counter{0};
  return "Pw#" + std::to_string(100 + counter.fetch_add(1)) + "-Xyz-" +
         std::to_string(username.size()) + "-Qk";
}

namespace {
json expect_ok(const Response& response, long status, const std::string& what) {
  if (response.status != status || !response.transport_error.empty()) {
    throw std::runtime_error(what + " failed: " + response.describe());
  }
  return response.json;
}
}  // namespace

Client TestServer::login_admin(const std::string& role) {
  Account& account = admin(role);
  Client client = this->client();
  const auto login = expect_ok(
      client.post("/auth/login", {{"username", account.username}, {"password", account.password}}),
      200, "login " + role);
  if (login.contains("user") && login["user"].contains("id"))
    account.id = login["user"]["id"].get<long long>();
  if (login.value("must_change_password", false)) {
    const std::string next = fresh_password(account.username);
    expect_ok(client.post("/auth/password",
                          {{"current_password", account.password}, {"new_password", next}}),
              200, "password change " + role);
    account.password = next;
  }
  if (login.value("mfa_pending", false)) {
    if (account.recovery_codes.empty())
      throw std::runtime_error("no recovery code left for " + role);
    const std::string code = account.recovery_codes.back();
    account.recovery_codes.pop_back();
    expect_ok(client.post("/auth/mfa/verify", {{"code", code}}), 200, "mfa verify " + role);
  }
  auto me = expect_ok(client.get("/auth/me"), 200, "me " + role);
  if (!me.value("mfa_enabled", false)) {
    const auto enrolled = expect_ok(client.post("/auth/mfa/enroll"), 200, "mfa enroll " + role);
    account.totp_secret = enrolled.at("secret").get<std::string>();
    const auto confirmed =
        expect_ok(client.post("/auth/mfa/confirm", {{"code", totp_now(account.totp_secret)}}), 200,
                  "mfa confirm " + role);
    account.recovery_codes = confirmed.at("recovery_codes").get<std::vector<std::string>>();
    me = expect_ok(client.get("/auth/me"), 200, "me " + role);
  }
  if (me.value("must_change_password", true) || me.value("mfa_pending", true) ||
      me.value("mfa_enrollment_required", true)) {
    throw std::runtime_error("admin " + role + " still restricted after login: " + me.dump());
  }
  return client;
}

Account TestServer::create_user(Client& admin, const std::vector<std::string>& roles,
                                const std::string& username, long long committee_id) {
  static std::atomic<int> counter{0};
  Account account;
  account.username =
      username.empty() ? "user" + std::to_string(100 + counter.fetch_add(1)) : username;
  account.roles = roles;
  const auto created =
      expect_ok(admin.post("/users", {{"username", account.username},
                                      {"display_name", "测试用户" + account.username},
                                      {"committee_id", committee_id},
                                      {"roles", roles}}),
                201, "create user " + account.username);
  account.id = created.at("user").at("id").get<long long>();
  account.password = created.at("initial_password").get<std::string>();
  return account;
}

Client TestServer::login_user(Account& account) {
  Client client = this->client();
  const auto login = expect_ok(
      client.post("/auth/login", {{"username", account.username}, {"password", account.password}}),
      200, "login " + account.username);
  if (login.value("must_change_password", false)) {
    const std::string next = fresh_password(account.username);
    expect_ok(client.post("/auth/password",
                          {{"current_password", account.password}, {"new_password", next}}),
              200, "password change " + account.username);
    account.password = next;
  }
  return client;
}

Counts TestServer::row_counts() const {
  std::string sql;
  for (const char* table : kTables) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += "SELECT '" + std::string(table) + "', COUNT(*) FROM " + table;
  }
  Counts counts;
  for (const auto& row : run_query(db_kind_, db_url_, sql))
    counts[row.at(0)] = std::stoll(row.at(1));
  return counts;
}

Counts TestServer::business_counts() const {
  Counts counts = row_counts();
  for (const char* table : kVolatileTables) counts.erase(table);
  return counts;
}

void TestServer::exec_sql(const std::string& sql) const { run_query(db_kind_, db_url_, sql); }

void TestServer::end_database_connections(bool refuse_new) const {
  if (db_kind_ != "postgresql") throw std::logic_error("end_database_connections: PostgreSQL only");
  const PgConn admin(pg_admin_url_);
  if (refuse_new) admin.query("ALTER DATABASE " + pg_db_name_ + " WITH ALLOW_CONNECTIONS false");
  // With a timeout, pg_terminate_backend waits until each backend has exited.
  admin.query("SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE datname = '" +
              pg_db_name_ + "' AND pid <> pg_backend_pid()");
}

void TestServer::allow_database_connections() const {
  if (db_kind_ != "postgresql")
    throw std::logic_error("allow_database_connections: PostgreSQL only");
  PgConn(pg_admin_url_).query("ALTER DATABASE " + pg_db_name_ + " WITH ALLOW_CONNECTIONS true");
}

long long TestServer::query_int(const std::string& sql) const {
  const auto rows = run_query(db_kind_, db_url_, sql);
  if (rows.empty() || rows.front().empty()) throw std::runtime_error("no value from " + sql);
  return std::stoll(rows.front().front());
}

// ---------------------------------------------------------------- fixture

void ApiTest::SetUp() { server_ = std::make_unique<TestServer>(); }

void ApiTest::TearDown() {
  if (!server_) return;
  const int exit_code = server_->stop();
  EXPECT_EQ(exit_code, 0) << "lvzhi serve did not exit cleanly on SIGTERM";
  if (HasFailure()) {
    server_->keep_files();
    std::fprintf(stderr, "---- lvzhi serve log (%s) ----\n%s\n---- end of log ----\n",
                 server_->dir().c_str(), tail(server_->log(), 20000).c_str());
  }
  server_.reset();
}

// ---------------------------------------------------------------- assertions and helpers

const nlohmann::json& contract_errors() {
  static const nlohmann::json errors = [] {
    const fs::path contract =
        fs::path(__FILE__).parent_path().parent_path().parent_path().parent_path() / "contract" /
        "errors.json";
    const auto parsed = nlohmann::json::parse(read_file(contract.string()), nullptr, false);
    if (parsed.is_discarded() || !parsed.contains("errors")) {
      throw std::runtime_error("cannot read " + contract.string());
    }
    return parsed["errors"];
  }();
  return errors;
}

::testing::AssertionResult IsStatus(const Response& response, long status) {
  if (!response.transport_error.empty() && response.status == 0) {
    return ::testing::AssertionFailure() << "expected " << status << ": " << response.describe();
  }
  if (response.status != status) {
    return ::testing::AssertionFailure() << "expected " << status << ": " << response.describe();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IsError(const Response& response, long status, std::string_view code) {
  const auto& errors = contract_errors();
  if (!errors.contains(std::string(code))) {
    return ::testing::AssertionFailure()
           << "test bug: " << code << " is not in contract/errors.json";
  }
  if (errors[std::string(code)]["status"].get<long>() != status) {
    return ::testing::AssertionFailure()
           << "test bug: " << code << " is not a " << status << " in the contract";
  }
  if (response.status != status || response.error_code() != code) {
    return ::testing::AssertionFailure()
           << "expected " << status << " " << code << ": " << response.describe();
  }
  if (response.error_message().empty()) {
    return ::testing::AssertionFailure() << "error without a message: " << response.describe();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult IsValidationError(const Response& response, std::string_view field) {
  auto base = IsError(response, 422, "request.validation_failed");
  if (!base) return base;
  const auto fields = response.fields();
  if (!fields.is_object() || !fields.contains(std::string(field))) {
    return ::testing::AssertionFailure()
           << "expected details.fields." << field << ": " << response.describe();
  }
  if (!fields[std::string(field)].is_string() ||
      fields[std::string(field)].get<std::string>().empty()) {
    return ::testing::AssertionFailure()
           << "details.fields." << field
           << " should be a non-empty explanation: " << response.describe();
  }
  return ::testing::AssertionSuccess();
}

::testing::AssertionResult SameCounts(const Counts& before, const Counts& after) {
  if (before == after) return ::testing::AssertionSuccess();
  auto failure = ::testing::AssertionFailure() << "row counts changed:";
  for (const auto& [table, count] : after) {
    const auto it = before.find(table);
    const long long old_count = it == before.end() ? -1 : it->second;
    if (old_count != count) failure << " " << table << " " << old_count << "→" << count;
  }
  return failure;
}

long long now_s() { return static_cast<long long>(std::time(nullptr)); }

std::string totp_now(const std::string& secret, long long offset_s) {
  return lvzhi::totp::code_at(secret, now_s() + offset_s);
}

std::string repeat(std::string_view piece, std::size_t count) {
  std::string out;
  out.reserve(piece.size() * count);
  for (std::size_t i = 0; i < count; ++i) out += piece;
  return out;
}

}  // namespace lvzhi::api_test
