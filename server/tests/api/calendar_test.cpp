// The working-day calendar: the seeded holidays and adjusted working weekends, staff setting and
// resetting a day (audited), members and admins refused, bad input refused without a change, and
// the n-th working day across Spring Festival 2025.
#include "harness.hpp"

namespace lvzhi::api_test {
namespace {

class Calendar : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    sysadmin_ = std::make_unique<Client>(server().login_admin("sysadmin"));
    staff_account_ = server().create_user(*sysadmin_, {"staff"});
    staff_ = std::make_unique<Client>(server().login_user(staff_account_));
  }
  Client& staff() { return *staff_; }
  Client& sysadmin() { return *sysadmin_; }
  Client member() {
    Account account = server().create_user(*sysadmin_, {"member"});
    return server().login_user(account);
  }
  static json find_day(const Response& year, const std::string& day) {
    for (const auto& d : year.json["days"]) {
      if (d.value("day", "") == day) return d;
    }
    return nullptr;
  }
  long long staff_id() const { return staff_account_.id; }
  long long audit_rows(const std::string& action) const {
    return server_->query_int("SELECT COUNT(*) FROM audit_log WHERE action = '" + action + "'");
  }

 private:
  std::unique_ptr<Client> sysadmin_;
  Account staff_account_;
  std::unique_ptr<Client> staff_;
};

TEST_F(Calendar, AYearListsItsExceptionsAndWorkingDays) {
  Client reader = member();
  const Response year = reader.get("/calendar?year=2025");
  ASSERT_TRUE(IsStatus(year, 200));
  EXPECT_EQ(year.json.value("year", 0), 2025);
  EXPECT_EQ(year.json.value("workdays", 0), 248);
  const json eve = find_day(year, "2025-01-28");
  ASSERT_TRUE(eve.is_object());
  EXPECT_FALSE(eve.value("is_workday", true));
  EXPECT_EQ(eve.value("name", ""), "春节");
  const json sunday = find_day(year, "2025-01-26");
  ASSERT_TRUE(sunday.is_object());
  EXPECT_TRUE(sunday.value("is_workday", false));
  EXPECT_EQ(sunday.value("name", ""), "春节调休上班");
  std::string previous;
  for (const auto& d : year.json["days"]) {
    const std::string day = d.value("day", "");
    EXPECT_TRUE(day.starts_with("2025-")) << day;
    EXPECT_LT(previous, day) << "in date order";
    previous = day;
  }

  const Response y2024 = reader.get("/calendar?year=2024");
  ASSERT_TRUE(IsStatus(y2024, 200));
  EXPECT_EQ(y2024.json.value("workdays", 0), 251);
  EXPECT_TRUE(find_day(y2024, "2024-10-12").value("is_workday", false));
  // 2026 Spring Festival per the notice of 2025-11-04.
  const Response y2026 = reader.get("/calendar?year=2026");
  ASSERT_TRUE(IsStatus(y2026, 200));
  EXPECT_EQ(y2026.json.value("workdays", 0), 248);
  EXPECT_TRUE(find_day(y2026, "2026-02-14").value("is_workday", false));
  EXPECT_FALSE(find_day(y2026, "2026-02-23").value("is_workday", true));
  EXPECT_TRUE(find_day(y2026, "2026-02-28").value("is_workday", false));
  // Outside the seeded years there are no exceptions.
  const Response y2030 = reader.get("/calendar?year=2030");
  ASSERT_TRUE(IsStatus(y2030, 200));
  EXPECT_TRUE(y2030.json["days"].empty());
  EXPECT_EQ(y2030.json.value("workdays", 0), 261);
  // Without year: the current one.
  const Response current = reader.get("/calendar");
  ASSERT_TRUE(IsStatus(current, 200));
  EXPECT_GE(current.json.value("year", 0), 2025);
}

TEST_F(Calendar, StaffSetAndResetADayAudited) {
  // 2030-05-06 is a Monday without an exception.
  const Response set =
      staff().put("/calendar/days/2030-05-06", {{"is_workday", false}, {"name", " 劳动节 "}});
  ASSERT_TRUE(IsStatus(set, 200));
  EXPECT_EQ(set.json, (json{{"day", "2030-05-06"}, {"is_workday", false}, {"name", "劳动节"}}));
  EXPECT_EQ(audit_rows("calendar.set_day"), 1);
  Response year = staff().get("/calendar?year=2030");
  EXPECT_EQ(year.json.value("workdays", 0), 260);
  EXPECT_EQ(find_day(year, "2030-05-06").value("name", ""), "劳动节");
  EXPECT_EQ(server().query_int("SELECT updated_by FROM calendar_days WHERE day = '2030-05-06'"),
            staff_id());

  // Setting the same again writes and audits nothing.
  EXPECT_TRUE(IsStatus(
      staff().put("/calendar/days/2030-05-06", {{"is_workday", false}, {"name", "劳动节"}}), 200));
  EXPECT_EQ(audit_rows("calendar.set_day"), 1);

  // A seeded day changes (upsert) and the audit row carries old and new values.
  const Response changed =
      staff().put("/calendar/days/2025-01-28", {{"is_workday", true}, {"name", "测试"}});
  ASSERT_TRUE(IsStatus(changed, 200));
  EXPECT_EQ(
      server().query_int("SELECT COUNT(*) FROM audit_log WHERE action = 'calendar.set_day' AND "
                         "object_type = 'calendar_day' AND object_id = '2025-01-28'"),
      1);
  EXPECT_EQ(staff().get("/calendar?year=2025").json.value("workdays", 0), 249);

  EXPECT_TRUE(IsStatus(staff().del("/calendar/days/2030-05-06"), 204));
  EXPECT_EQ(audit_rows("calendar.clear_day"), 1);
  year = staff().get("/calendar?year=2030");
  EXPECT_TRUE(year.json["days"].empty());
  EXPECT_EQ(year.json.value("workdays", 0), 261);
  // Resetting a day without an exception changes nothing.
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsStatus(staff().del("/calendar/days/2030-05-06"), 204));
  EXPECT_TRUE(unchanged.check());
}

TEST_F(Calendar, MembersAndAdminsCannotEdit) {
  Client reader = member();
  const Unchanged unchanged(server());
  EXPECT_TRUE(IsError(reader.put("/calendar/days/2030-05-06", {{"is_workday", false}}), 403,
                      "auth.forbidden"));
  EXPECT_TRUE(IsError(reader.del("/calendar/days/2025-01-28"), 403, "auth.forbidden"));
  EXPECT_TRUE(IsError(sysadmin().put("/calendar/days/2030-05-06", {{"is_workday", false}}), 403,
                      "auth.forbidden"));
  EXPECT_TRUE(unchanged.check());
  EXPECT_TRUE(IsStatus(reader.get("/calendar/workdays?from=2025-01-27&days=1"), 200));
  Client anonymous = server().client();
  EXPECT_TRUE(IsError(anonymous.get("/calendar?year=2025"), 401, "auth.unauthenticated"));
}

TEST_F(Calendar, BadInputChangesNothing) {
  const Unchanged unchanged(server());
  for (const std::string day :
       {"2025-02-30", "2025-1-28", "tomorrow", "1999-12-31", "2101-01-01"}) {
    EXPECT_TRUE(IsError(staff().put("/calendar/days/" + day, {{"is_workday", false}}), 422,
                        "calendar.bad_day"))
        << day;
    EXPECT_TRUE(IsError(staff().del("/calendar/days/" + day), 422, "calendar.bad_day")) << day;
  }
  EXPECT_TRUE(IsValidationError(
      staff().put("/calendar/days/2030-05-06", {{"is_workday", false}, {"name", repeat("节", 33)}}),
      "name"));
  EXPECT_TRUE(IsValidationError(staff().put("/calendar/days/2030-05-06", {{"name", "节日"}}),
                                "is_workday"));
  EXPECT_TRUE(IsValidationError(
      staff().put("/calendar/days/2030-05-06", {{"is_workday", "no"}, {"name", "节日"}}),
      "is_workday"));
  EXPECT_TRUE(IsValidationError(staff().get("/calendar?year=1999"), "year"));
  EXPECT_TRUE(IsValidationError(staff().get("/calendar?year=2101"), "year"));
  EXPECT_TRUE(IsValidationError(staff().get("/calendar?year=twenty"), "year"));
  EXPECT_TRUE(IsValidationError(staff().get("/calendar/workdays?from=2025-01-27&days=0"), "days"));
  EXPECT_TRUE(
      IsValidationError(staff().get("/calendar/workdays?from=2025-01-27&days=366"), "days"));
  EXPECT_TRUE(IsValidationError(staff().get("/calendar/workdays?from=2025-01-27"), "days"));
  EXPECT_TRUE(IsValidationError(staff().get("/calendar/workdays?from=2025-13-01&days=1"), "from"));
  EXPECT_TRUE(IsValidationError(staff().get("/calendar/workdays?days=1"), "from"));
  EXPECT_TRUE(unchanged.check());
  const Response year = staff().get("/calendar?year=2025");
  EXPECT_FALSE(find_day(year, "2025-01-28").value("is_workday", true));
}

TEST_F(Calendar, WorkdaysAcrossSpringFestival2025) {
  const auto nth = [&](const std::string& from, int days) {
    const Response answer =
        staff().get("/calendar/workdays?from=" + from + "&days=" + std::to_string(days));
    EXPECT_TRUE(IsStatus(answer, 200));
    EXPECT_EQ(answer.json.value("from", ""), from);
    EXPECT_EQ(answer.json.value("days", 0), days);
    return answer.json.value("result", "");
  };
  EXPECT_EQ(nth("2025-01-24", 1), "2025-01-26");  // Friday → the working Sunday
  EXPECT_EQ(nth("2025-01-27", 1), "2025-02-05");  // over 除夕 … 初七
  EXPECT_EQ(nth("2025-01-24", 3), "2025-02-05");
  EXPECT_EQ(nth("2025-02-05", 3), "2025-02-08");  // the working Saturday
  EXPECT_EQ(nth("2025-09-30", 1), "2025-10-09");
  EXPECT_EQ(nth("2025-01-01", 248), "2025-12-31") << "2025 has 248 working days";
  EXPECT_EQ(nth("2025-12-31", 1), "2026-01-04") << "元旦 2026, then the working Sunday";

  // An edited day is used at once.
  ASSERT_TRUE(IsStatus(
      staff().put("/calendar/days/2025-02-05", {{"is_workday", false}, {"name", "临时休息"}}),
      200));
  EXPECT_EQ(nth("2025-01-27", 1), "2025-02-06");
}

}  // namespace
}  // namespace lvzhi::api_test
