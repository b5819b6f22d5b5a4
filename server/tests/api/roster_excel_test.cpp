// The roster in Excel over HTTP: template, dry run with every bad row reported, all-or-nothing
// import, re-import updating by member number, abuse (not an xlsx, wrong type, bad header, too many
// rows), and exports that mask what the reader may not see.
#include <algorithm>

#include "excel/xlsx_reader.hpp"
#include "excel/xlsx_writer.hpp"
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const std::vector<std::string> kHeader = {
    "委员编号*", "姓名*", "性别*",    "民族",       "出生日期", "党派", "界别", "工作单位",
    "职务",      "常委",  "港澳委员", "专门委员会", "委员小组", "手机", "邮箱", "身份证号"};

using Row = std::vector<excel::Cell>;

std::string workbook(const std::vector<Row>& rows,
                     const std::vector<std::string>& header = kHeader) {
  excel::XlsxWriter w;
  w.sheet("委员名单");
  w.header(header);
  for (const auto& row : rows) w.row(row);
  return w.finish();
}

Row member_row(const std::string& no, const std::string& name,
               const std::string& title = "总经理") {
  return {no,
          name,
          "女",
          "汉族",
          excel::Date{"1980-05-06"},
          "中共",
          "经济界",
          "某公司",
          title,
          "是",
          "否",
          "提案委员会、经济委员会",
          "第一组",
          "13800001111",
          "a@example.com",
          ""};
}

class RosterExcel : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sysadmin_ = std::make_unique<Client>(server().login_admin("sysadmin"));
    Account account = server().create_user(*sysadmin_, {"staff"});
    staff_ = std::make_unique<Client>(server().login_user(account));
    EXPECT_TRUE(
        IsStatus(staff().post("/terms", {{"number", 9}, {"start_date", "2021-12-28"}}), 201));
    for (const auto& [kind, name] :
         std::vector<std::pair<std::string, std::string>>{{"party", "中共"},
                                                          {"sector", "经济界"},
                                                          {"special_committee", "提案委员会"},
                                                          {"special_committee", "经济委员会"},
                                                          {"member_group", "第一组"}}) {
      EXPECT_TRUE(IsStatus(staff().post("/reference/" + kind, {{"name", name}}), 201));
    }
  }
  Client& staff() { return *staff_; }
  Client leader() {
    Account account = server().create_user(*sysadmin_, {"leader"});
    return server().login_user(account);
  }
  Response upload(const std::string& bytes, bool dry_run, const std::string& type = kXlsx) {
    return staff().send("POST",
                        dry_run ? "/members/import?dry_run=true" : "/members/import?dry_run=false",
                        bytes, type);
  }

 private:
  std::unique_ptr<Client> sysadmin_;
  std::unique_ptr<Client> staff_;
};

TEST_F(RosterExcel, TheTemplateIsAnXlsxWithTheImportHeader) {
  const Response file = staff().get("/members/import/template");
  ASSERT_TRUE(IsStatus(file, 200));
  EXPECT_EQ(file.header("content-type"), kXlsx);
  EXPECT_NE(file.header("content-disposition").find("attachment"), std::string::npos);
  auto sheet = excel::read_first_sheet(file.body);
  ASSERT_TRUE(sheet.ok());
  ASSERT_GE(sheet->rows.size(), 2U);
  EXPECT_EQ(sheet->rows[0].cells, kHeader);
}

TEST_F(RosterExcel, ADryRunReportsEveryBadRowAndNothingIsWritten) {
  Row bad = member_row("0901002", "王芳");
  bad[2] = "未知";
  bad[5] = "不存在的党";
  bad[4] = "1980-02-30";
  const std::string file =
      workbook({member_row("0901001", "林晓"), bad, member_row("0901001", "林晓重复")});
  const Unchanged unchanged(server());
  const Response dry = upload(file, true);
  ASSERT_TRUE(IsStatus(dry, 200));
  EXPECT_EQ(dry.json.value("rows", 0), 3);
  const auto& errors = dry.json["errors"];
  const auto has = [&](int row, const std::string& column) {
    return std::any_of(errors.begin(), errors.end(), [&](const json& e) {
      return e.value("row", 0) == row && e.value("column", "") == column &&
             !e.value("reason", "").empty();
    });
  };
  EXPECT_TRUE(has(3, "性别")) << dry.describe();
  EXPECT_TRUE(has(3, "党派")) << dry.describe();
  EXPECT_TRUE(has(3, "出生日期")) << dry.describe();
  EXPECT_TRUE(has(4, "委员编号")) << dry.describe();
  EXPECT_FALSE(has(2, "委员编号"));
  const auto per_cell = std::count_if(errors.begin(), errors.end(), [](const json& e) {
    return e.value("row", 0) == 3 && e.value("column", "") == "性别";
  });
  EXPECT_EQ(per_cell, 1) << "one reason per cell: " << dry.describe();

  const Response real = upload(file, false);
  ASSERT_TRUE(IsError(real, 422, "import.invalid_rows"));
  EXPECT_EQ(real.json["error"]["details"]["errors"].size(), errors.size());
  EXPECT_TRUE(unchanged.check());
}

TEST_F(RosterExcel, ACleanFileImportsAndReimportUpdatesByMemberNumber) {
  const std::string first =
      workbook({member_row("0901001", "林晓"), member_row("0901002", "王芳")});
  const Response dry = upload(first, true);
  ASSERT_TRUE(IsStatus(dry, 200));
  EXPECT_EQ(dry.json.value("created", 0), 2);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM members"), 0) << "a dry run writes nothing";
  const Response done = upload(first, false);
  ASSERT_TRUE(IsStatus(done, 200));
  EXPECT_EQ(done.json.value("created", 0), 2);
  EXPECT_EQ(done.json.value("dry_run", true), false);

  const std::string second =
      workbook({member_row("0901001", "林晓", "董事长"), member_row("0901002", "王芳"),
                member_row("0901003", "陈东")});
  const Response again = upload(second, false);
  ASSERT_TRUE(IsStatus(again, 200));
  EXPECT_EQ(again.json.value("created", 0), 1);
  EXPECT_EQ(again.json.value("updated", 0), 1);
  const Response list = staff().get("/members?sort=member_no");
  ASSERT_TRUE(IsStatus(list, 200));
  ASSERT_EQ(list.json.value("total", 0), 3);
  EXPECT_EQ(list.json["items"][0].value("title", ""), "董事长");
  EXPECT_EQ(list.json["items"][0]["sector"].value("name", ""), "经济界");
  const Response profile =
      staff().get("/members/" + std::to_string(list.json["items"][0].value("id", 0LL)));
  EXPECT_EQ(profile.json["special_committees"].size(), 2U);
  EXPECT_EQ(server().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'member.import'"), 2);
}

TEST_F(RosterExcel, AbuseIsRefusedCleanly) {
  Client reader = leader();
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(upload("this is not a spreadsheet", false), 422, "import.not_xlsx"));
  EXPECT_TRUE(IsError(upload(std::string("PK\x03\x04garbage", 11), false), 422, "import.not_xlsx"));
  EXPECT_TRUE(IsError(upload(workbook({member_row("0901001", "林晓")}), false, "application/json"),
                      415, "request.unsupported_media_type"));
  std::vector<std::string> wrong = kHeader;
  std::swap(wrong[0], wrong[1]);
  const Response header = upload(workbook({member_row("0901001", "林晓")}, wrong), true);
  ASSERT_TRUE(IsError(header, 422, "import.bad_header"));
  EXPECT_EQ(header.json["error"]["details"]["expected"].size(), kHeader.size());
  EXPECT_TRUE(IsError(upload(workbook({}), false), 422, "import.empty"));
  // A small file that inflates past 50 MB (1,700 cells of 32,000 characters compress ~1000:1).
  std::vector<Row> bomb(1700, Row{std::string(32000, 'a')});
  const std::string bomb_file = workbook(bomb, {"x"});
  EXPECT_LT(bomb_file.size(), std::size_t{1} << 20);
  EXPECT_TRUE(IsError(upload(bomb_file, true), 413, "import.too_large"));
  std::vector<Row> many(5000, member_row("x", "某"));
  for (std::size_t i = 0; i < many.size(); ++i) many[i][0] = "N" + std::to_string(i);
  EXPECT_TRUE(IsError(upload(workbook(many), true), 422, "import.too_many_rows"));
  EXPECT_TRUE(
      IsError(reader.send("POST", "/members/import", workbook({member_row("1", "某")}), kXlsx), 403,
              "auth.forbidden"));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(RosterExcel, ExportsTheFilteredListMaskedForReadersWithoutPrivateAccess) {
  ASSERT_TRUE(IsStatus(
      upload(workbook({member_row("0901001", "林晓"), member_row("0901002", "王芳")}), false),
      200));
  const Response file = staff().get("/members/export?q=林");
  ASSERT_TRUE(IsStatus(file, 200));
  EXPECT_EQ(file.header("content-type"), kXlsx);
  auto sheet = excel::read_first_sheet(file.body);
  ASSERT_TRUE(sheet.ok());
  ASSERT_EQ(sheet->rows.size(), 2U) << "header + the one filtered member";
  EXPECT_EQ(sheet->rows[1].cell(1), "林晓");
  EXPECT_EQ(sheet->rows[1].cell(13), "13800001111");
  EXPECT_EQ(sheet->rows[1].cell(16), "在任");

  Client reader = leader();
  const Response masked = reader.get("/members/export");
  ASSERT_TRUE(IsStatus(masked, 200));
  auto all = excel::read_first_sheet(masked.body);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->rows.size(), 3U);
  EXPECT_EQ(all->rows[1].cell(13), "138****1111");
  EXPECT_EQ(masked.body.find("13800001111"), std::string::npos);
}

TEST_F(RosterExcel, AnExportImportsBackUnchanged) {
  ASSERT_TRUE(IsStatus(
      upload(workbook({member_row("0901001", "林晓"), member_row("0901002", "王芳")}), false),
      200));
  const Response file = staff().get("/members/export");
  ASSERT_TRUE(IsStatus(file, 200));
  const Unchanged unchanged(server());
  const Response again = upload(file.body, false);
  ASSERT_TRUE(IsStatus(again, 200));
  EXPECT_EQ(again.json.value("rows", 0), 2);
  EXPECT_EQ(again.json.value("created", -1), 0);
  EXPECT_EQ(again.json.value("updated", -1), 0) << again.describe();
  // Only the import's own audit row is new.
  Counts before = unchanged.before();
  Counts after = server().business_counts();
  EXPECT_EQ(after["audit_log"], before["audit_log"] + 1);
  after.erase("audit_log");
  before.erase("audit_log");
  EXPECT_EQ(after, before);
}

}  // namespace
}  // namespace lvzhi::api_test
