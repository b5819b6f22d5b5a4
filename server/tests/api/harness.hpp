#pragma once
// API test harness: a real `lvzhi serve` on a fresh database (SQLite or PostgreSQL, per
// LVZHI_TEST_DB), an HTTP client with its own cookies and CSRF token, helpers for the login flows,
// and direct row counts so that a test can assert that a refused request changed nothing.
#include <gtest/gtest.h>
#include <sys/types.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lvzhi::api_test {

using json = nlohmann::json;
using Headers = std::vector<std::pair<std::string, std::string>>;

struct Response {
  std::string request_line;  // "POST /api/v1/users", for failure messages
  long status = 0;
  Headers headers;  // names lower-cased, in order received
  std::string body;
  nlohmann::json json;  // null when the body is not JSON
  std::string transport_error;

  [[nodiscard]] std::string header(std::string_view name) const;  // first value, "" when absent
  [[nodiscard]] std::vector<std::string> all_headers(std::string_view name) const;
  [[nodiscard]] bool has_header(std::string_view name) const;
  [[nodiscard]] std::string error_code() const;  // error.code or ""
  [[nodiscard]] std::string error_message() const;
  [[nodiscard]] nlohmann::json fields() const;  // error.details.fields or null
  [[nodiscard]] std::string describe() const;   // one line for assertion messages
};

struct RequestOptions {
  Headers headers;
  bool csrf = true;                          // send X-CSRF-Token on writes
  std::optional<std::string> csrf_override;  // send this token instead
};

class Client {
 public:
  explicit Client(std::string base_url);
  ~Client();
  Client(Client&& other) noexcept;
  Client& operator=(Client&& other) noexcept;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Paths are relative to /api/v1 unless they start with "/api/".
  Response get(const std::string& path, const RequestOptions& options = {});
  Response post(const std::string& path, const nlohmann::json& body,
                const RequestOptions& options = {});
  Response post(const std::string& path);  // no body
  Response patch(const std::string& path, const nlohmann::json& body,
                 const RequestOptions& options = {});
  Response put(const std::string& path, const nlohmann::json& body,
               const RequestOptions& options = {});
  Response del(const std::string& path, const RequestOptions& options = {});
  // Any method, raw body (nullopt = none) with the given content type ("" = no Content-Type
  // header).
  Response send(const std::string& method, const std::string& path,
                const std::optional<std::string>& body, const std::string& content_type,
                const RequestOptions& options = {});

  [[nodiscard]] std::string cookie(const std::string& name) const;
  void set_cookie(const std::string& name, const std::string& value);
  void clear_cookies();
  [[nodiscard]] const std::string& csrf_token() const { return csrf_; }
  void set_csrf_token(std::string token) { csrf_ = std::move(token); }
  [[nodiscard]] std::string url(const std::string& path) const;

 private:
  std::string base_url_;
  void* curl_ = nullptr;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
};

struct Account {
  long long id = 0;
  std::string username;
  std::string password;
  std::vector<std::string> roles;
  std::string totp_secret;
  std::vector<std::string> recovery_codes;  // unused ones
};

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout + stderr
};

using Counts = std::map<std::string, long long>;

class TestServer {
 public:
  TestServer();  // fresh database, migrate, three admins via the CLI, serve
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  [[nodiscard]] const std::string& db_kind() const { return db_kind_; }  // sqlite | postgresql
  [[nodiscard]] const std::string& db_url() const { return db_url_; }
  [[nodiscard]] const std::string& dir() const { return dir_; }
  [[nodiscard]] std::string base_url() const;
  [[nodiscard]] std::string log() const;
  [[nodiscard]] Client client() const { return Client(base_url()); }

  // SIGTERM, wait; the exit status (128+signal when killed, -1 when it had to be killed).
  // Idempotent.
  int stop();
  [[nodiscard]] bool running() const { return pid_ > 0; }
  void keep_files() { keep_files_ = true; }

  // Runs `lvzhi ARGS…` and waits.
  CliResult cli(const std::vector<std::string>& args) const;

  Account& admin(const std::string& role);  // sysadmin | secadmin | auditor
  // First login: change password, enrol TOTP, confirm → full session. Later calls: login + a
  // recovery code.
  Client login_admin(const std::string& role);
  // POST /users as `admin`; returns the account with its initial password.
  Account create_user(Client& admin, const std::vector<std::string>& roles,
                      const std::string& username = "", long long committee_id = 1);
  // Logs in and completes the forced password change (account.password is updated). Non-admin users
  // only.
  Client login_user(Account& account);
  // A password that passes the default policy and differs from earlier ones.
  static std::string fresh_password(const std::string& username);

  [[nodiscard]] Counts row_counts() const;       // every table
  [[nodiscard]] Counts business_counts() const;  // without sessions, rate_limits, login_throttle
  void exec_sql(const std::string& sql) const;
  [[nodiscard]] long long query_int(const std::string& sql) const;
  // PostgreSQL only: ends every connection to the test database, as a restart of PostgreSQL does;
  // with refuse_new the database also refuses new ones until allow_database_connections().
  void end_database_connections(bool refuse_new = false) const;
  void allow_database_connections() const;

 private:
  void create_database();
  void prepare();  // migrate, admins, serve
  void drop_database();
  void start();

  std::string db_kind_;
  std::string bin_;
  std::string dir_;
  std::string db_url_;
  std::string pg_admin_url_;
  std::string pg_db_name_;
  std::string log_path_;
  std::string port_file_;
  int port_ = 0;
  pid_t pid_ = -1;
  bool keep_files_ = false;
  std::map<std::string, Account> admins_;
};

// The default test fixture: one server per test, its log printed when the test failed, a clean exit
// required.
class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;
  TestServer& server() { return *server_; }

  std::unique_ptr<TestServer> server_;
};

// Assertions.
::testing::AssertionResult IsStatus(const Response& response, long status);
// status + error.code; also checks that the code is declared in contract/errors.json with this
// status.
::testing::AssertionResult IsError(const Response& response, long status, std::string_view code);
// 422 request.validation_failed with details.fields.<field>.
::testing::AssertionResult IsValidationError(const Response& response, std::string_view field);
::testing::AssertionResult SameCounts(const Counts& before, const Counts& after);

// Snapshot of business rows + audit_log count; check() compares with now.
class Unchanged {
 public:
  explicit Unchanged(const TestServer& server)
      : server_(server), before_(server.business_counts()) {}
  ::testing::AssertionResult check() const {
    return SameCounts(before_, server_.business_counts());
  }
  void reset() { before_ = server_.business_counts(); }
  [[nodiscard]] const Counts& before() const { return before_; }

 private:
  const TestServer& server_;
  Counts before_;
};

// PostgreSQL: how many words' kept counts of published proposals (migration 0016) differ from a
// recount of the public search's rows (0 when they agree).
inline constexpr const char* kPublicTermMismatches =
    "SELECT COUNT(*) FROM ((SELECT term, documents FROM public_search_terms WHERE documents > 0 "
    "EXCEPT SELECT term, COUNT(*) FROM public_search, unnest(tsvector_to_array(tsv)) AS t(term) "
    "GROUP BY term) UNION ALL (SELECT term, COUNT(*) FROM public_search, "
    "unnest(tsvector_to_array(tsv)) AS t(term) GROUP BY term EXCEPT SELECT term, documents FROM "
    "public_search_terms)) d";

long long now_s();
std::string totp_now(const std::string& secret, long long offset_s = 0);
std::string repeat(std::string_view piece, std::size_t count);
const nlohmann::json& contract_errors();  // contract/errors.json "errors"

}  // namespace lvzhi::api_test
