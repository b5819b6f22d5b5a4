// The `lvzhi user create` command against a live database (the server keeps running).
#include <regex>

#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Cli : public ApiTest {};

TEST_F(Cli, UserCreatePrintsAWorkingPassword) {
  const auto created =
      server().cli({"user", "create", "--db", server().db_url(), "--username", "clerk.one",
                    "--display-name", "书记员", "--role", "staff", "--committee", "1"});
  ASSERT_EQ(created.exit_code, 0) << created.output;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(created.output, match,
                                std::regex(R"(password[^\n:]*:\s*(\S+))", std::regex::icase)))
      << "no generated password in: " << created.output;
  Client client = server().client();
  const Response login =
      client.post("/auth/login", {{"username", "clerk.one"}, {"password", match[1].str()}});
  ASSERT_TRUE(IsStatus(login, 200));
  EXPECT_EQ(login.json.value("must_change_password", false), true);
  EXPECT_EQ(login.json["user"].value("committee_id", 0LL), 1);
  EXPECT_EQ(login.json["user"].value("roles", json::array()), json({"staff"}));
}

TEST_F(Cli, IfNoneWithRoleSkipsAnExistingRole) {
  const Unchanged unchanged(server());
  const auto skipped =
      server().cli({"user", "create", "--db", server().db_url(), "--username", "second.admin",
                    "--display-name", "第二", "--role", "sysadmin", "--if-none-with-role"});
  EXPECT_EQ(skipped.exit_code, 0) << skipped.output;
  EXPECT_TRUE(unchanged.check());
  const auto created =
      server().cli({"user", "create", "--db", server().db_url(), "--username", "first.leader",
                    "--display-name", "第一", "--role", "leader", "--if-none-with-role"});
  EXPECT_EQ(created.exit_code, 0) << created.output;
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM users WHERE username = 'first.leader'"), 1);
}

TEST_F(Cli, UserCreateRefusesBadInput) {
  const Unchanged unchanged(server());
  for (const std::vector<std::string>& extra : std::vector<std::vector<std::string>>{
           {"--username", "sysadmin", "--display-name", "重名", "--role", "member"},
           {"--username", "mixed.roles", "--display-name", "兼任", "--role", "sysadmin", "--role",
            "member"},
           {"--username", "bad name!", "--display-name", "坏名", "--role", "member"},
           {"--username", "weak.pass", "--display-name", "弱密码", "--role", "member", "--password",
            "short"}}) {
    std::vector<std::string> args{"user", "create", "--db", server().db_url()};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = server().cli(args);
    EXPECT_NE(result.exit_code, 0) << extra[1] << ": " << result.output;
  }
  EXPECT_TRUE(unchanged.check());
}

}  // namespace
}  // namespace lvzhi::api_test
