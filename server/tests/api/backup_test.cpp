// `lvzhi backup` while the server is serving and writing, and `lvzhi restore` of that copy.
#include <fstream>
#include <regex>
#include <thread>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Backup : public ApiTest {};

long long audit_rows_of(const CliResult& verify) {
  std::smatch match;
  if (!std::regex_search(verify.output, match, std::regex(R"(OK: (\d+) rows)"))) return -1;
  return std::stoll(match[1].str());
}

TEST_F(Backup, OnlineCopyRestoresToAConsistentDatabase) {
  if (server().db_kind() != "sqlite") {
    const auto refused =
        server().cli({"backup", "--db", server().db_url(), "--out", server().dir() + "/x.db"});
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_NE(refused.output.find("pg_dump"), std::string::npos) << refused.output;
    return;
  }
  Client sysadmin = server().login_admin("sysadmin");
  // Writes keep coming in on another thread while the copy is taken.
  std::thread writer([&] {
    Client again = server().login_admin("sysadmin");
    for (int i = 0; i < 15; ++i) {
      again.post("/committees",
                 {{"name", "备份期间委员会" + std::to_string(i)}, {"level", "city"}});
    }
  });
  const std::string copy = server().dir() + "/backup/copy.db";
  const auto backup = server().cli({"backup", "--db", server().db_url(), "--out", copy});
  writer.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_NE(backup.output.find("integrity ok"), std::string::npos) << backup.output;

  // The copy is a snapshot: its audit chain verifies on its own.
  const auto copy_verify = server().cli({"audit", "verify", "--db", copy});
  ASSERT_EQ(copy_verify.exit_code, 0) << copy_verify.output;
  EXPECT_GT(audit_rows_of(copy_verify), 0);

  // A second backup must not overwrite the first.
  EXPECT_NE(server().cli({"backup", "--db", server().db_url(), "--out", copy}).exit_code, 0);

  const std::string restored = server().dir() + "/restored/lvzhi.db";
  const auto restore = server().cli({"restore", "--db", restored, "--from", copy});
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  const auto restored_verify = server().cli({"audit", "verify", "--db", restored});
  ASSERT_EQ(restored_verify.exit_code, 0) << restored_verify.output;
  EXPECT_EQ(audit_rows_of(restored_verify), audit_rows_of(copy_verify));
}

TEST_F(Backup, RestoreRefusesAFileThatIsNotABackup) {
  if (server().db_kind() != "sqlite") {
    const auto refused = server().cli({"restore", "--db", server().db_url(), "--from", "x.db"});
    EXPECT_EQ(refused.exit_code, 2) << refused.output;
    EXPECT_NE(refused.output.find("pg_restore"), std::string::npos) << refused.output;
    return;
  }
  const std::string bogus = server().dir() + "/bogus.db";
  {
    std::ofstream out(bogus);
    out << "this is not a database";
  }
  const auto restore = server().cli({"restore", "--db", server().dir() + "/r.db", "--from", bogus});
  EXPECT_NE(restore.exit_code, 0) << restore.output;
}

}  // namespace
}  // namespace lvzhi::api_test
