// Working days: the weekday rule, holidays and adjusted working weekends (调休) as the State
// Council notices set them, month arithmetic for deadlines, and the seeded calendar of 2021–2027.
#include <gtest/gtest.h>

#include <initializer_list>
#include <map>
#include <string>
#include <utility>

#include "core/dates.hpp"
#include "core/text.hpp"
#include "core/workdays.hpp"
#include "domain/calendar/calendar.hpp"
#include "temp_database.hpp"

namespace lvzhi {
namespace {

using workdays::Calendar;

// Holiday ranges (first, last) off and single adjusted days on.
Calendar calendar_of(std::initializer_list<std::pair<const char*, const char*>> off,
                     std::initializer_list<const char*> on) {
  std::map<std::string, bool, std::less<>> exceptions;
  for (const auto& [first, last] : off) {
    for (std::string day = first; day <= last; day = *dates::add_days(day, 1)) {
      exceptions[day] = false;
    }
  }
  for (const char* day : on) exceptions[day] = true;
  return Calendar(std::move(exceptions));
}

TEST(WorkdaysRule, MondayToFridayWorkWithoutExceptions) {
  const Calendar calendar;
  EXPECT_TRUE(calendar.is_workday("2024-06-03"));   // Monday
  EXPECT_TRUE(calendar.is_workday("2024-06-07"));   // Friday
  EXPECT_FALSE(calendar.is_workday("2024-06-08"));  // Saturday
  EXPECT_FALSE(calendar.is_workday("2024-06-09"));  // Sunday
  EXPECT_EQ(calendar.add_workdays("2024-06-07", 1), "2024-06-10");
  EXPECT_EQ(calendar.add_workdays("2024-06-07", 5), "2024-06-14");
  EXPECT_EQ(calendar.add_workdays("2024-06-08", 1), "2024-06-10");
  EXPECT_EQ(calendar.add_workdays("2024-12-31", 1), "2025-01-01");  // across the year
  EXPECT_EQ(calendar.workdays_between("2024-06-02", "2024-06-09"), 5);
  EXPECT_EQ(calendar.workdays_between("2024-06-03", "2024-06-03"), 0);
  EXPECT_EQ(calendar.workdays_between("2024-06-09", "2024-06-02"), 0);
  EXPECT_EQ(calendar.workdays_between("2024-06-03", "2024-06-04"), 1) << "from is excluded";
  EXPECT_EQ(calendar.on_or_after("2024-06-08"), "2024-06-10");
  EXPECT_EQ(calendar.on_or_after("2024-06-10"), "2024-06-10");
}

TEST(WorkdaysRule, ExceptionsOverrideAndMayRestateTheRule) {
  const Calendar calendar({{"2024-06-08", true}, {"2024-06-10", false}, {"2024-06-11", true}});
  EXPECT_TRUE(calendar.is_workday("2024-06-08"));
  EXPECT_FALSE(calendar.is_workday("2024-06-10"));
  EXPECT_TRUE(calendar.is_workday("2024-06-11"));
  EXPECT_EQ(calendar.add_workdays("2024-06-07", 1), "2024-06-08");
  EXPECT_EQ(calendar.add_workdays("2024-06-08", 1), "2024-06-11");
}

TEST(WorkdaysHolidays, SpringFestival2024) {
  // 2月10日至17日放假调休，2月4日（星期日）、2月18日（星期日）上班; 除夕 (2月9日) is a working day.
  const Calendar calendar =
      calendar_of({{"2024-02-10", "2024-02-17"}}, {"2024-02-04", "2024-02-18"});
  EXPECT_TRUE(calendar.is_workday("2024-02-09"));
  EXPECT_FALSE(calendar.is_workday("2024-02-12"));
  EXPECT_TRUE(calendar.is_workday("2024-02-04"));
  EXPECT_EQ(calendar.add_workdays("2024-02-02", 1), "2024-02-04");
  EXPECT_EQ(calendar.add_workdays("2024-02-09", 1), "2024-02-18");
  EXPECT_EQ(calendar.add_workdays("2024-02-08", 3), "2024-02-19");
  EXPECT_EQ(calendar.workdays_between("2024-01-31", "2024-02-29"), 18);
  EXPECT_EQ(calendar.on_or_after("2024-02-10"), "2024-02-18");
}

TEST(WorkdaysHolidays, SpringFestival2025StartsOnNewYearsEve) {
  // 1月28日（除夕）至2月4日放假调休，1月26日（周日）、2月8日（周六）上班.
  const Calendar calendar =
      calendar_of({{"2025-01-28", "2025-02-04"}}, {"2025-01-26", "2025-02-08"});
  EXPECT_FALSE(calendar.is_workday("2025-01-28"));
  EXPECT_TRUE(calendar.is_workday("2025-01-26"));
  EXPECT_TRUE(calendar.is_workday("2025-02-08"));
  EXPECT_EQ(calendar.add_workdays("2025-01-24", 1), "2025-01-26");
  EXPECT_EQ(calendar.add_workdays("2025-01-27", 1), "2025-02-05");
  EXPECT_EQ(calendar.add_workdays("2025-01-24", 3), "2025-02-05");
  EXPECT_EQ(calendar.workdays_between("2025-01-25", "2025-02-09"), 6);
  EXPECT_EQ(calendar.on_or_after("2025-02-01"), "2025-02-05");
}

TEST(WorkdaysHolidays, NationalDay2024) {
  // 10月1日至7日放假调休，9月29日（星期日）、10月12日（星期六）上班.
  const Calendar calendar =
      calendar_of({{"2024-10-01", "2024-10-07"}}, {"2024-09-29", "2024-10-12"});
  EXPECT_EQ(calendar.add_workdays("2024-09-27", 1), "2024-09-29");
  EXPECT_EQ(calendar.add_workdays("2024-09-30", 1), "2024-10-08");
  EXPECT_TRUE(calendar.is_workday("2024-10-12"));
  EXPECT_EQ(calendar.workdays_between("2024-09-28", "2024-10-13"), 7);
  EXPECT_EQ(calendar.on_or_after("2024-10-05"), "2024-10-08");
  EXPECT_EQ(calendar.on_or_after("2024-10-12"), "2024-10-12");
}

TEST(WorkdaysHolidays, NationalDayAndMidAutumn2025) {
  // 10月1日至8日放假调休，9月28日（周日）、10月11日（周六）上班.
  const Calendar calendar =
      calendar_of({{"2025-10-01", "2025-10-08"}}, {"2025-09-28", "2025-10-11"});
  EXPECT_EQ(calendar.add_workdays("2025-09-26", 1), "2025-09-28");
  EXPECT_EQ(calendar.add_workdays("2025-09-30", 1), "2025-10-09");
  EXPECT_EQ(calendar.add_workdays("2025-10-09", 2), "2025-10-11");
  EXPECT_EQ(calendar.workdays_between("2025-09-30", "2025-10-12"), 3);
}

TEST(WorkdaysMonths, AddMonthsClampsToTheMonthsLastDay) {
  EXPECT_EQ(workdays::add_months("2024-01-31", 1), "2024-02-29");
  EXPECT_EQ(workdays::add_months("2023-01-31", 1), "2023-02-28");
  EXPECT_EQ(workdays::add_months("2024-11-30", 3), "2025-02-28");
  EXPECT_EQ(workdays::add_months("2024-02-29", 12), "2025-02-28");
  EXPECT_EQ(workdays::add_months("2024-03-15", 3), "2024-06-15");
  EXPECT_EQ(workdays::add_months("2024-12-15", 1), "2025-01-15");
  EXPECT_EQ(workdays::add_months("2024-03-31", -1), "2024-02-29");
  EXPECT_EQ(workdays::add_months("2024-05-31", 0), "2024-05-31");
  EXPECT_EQ(workdays::add_months("2024-02-30", 1), std::nullopt);
  EXPECT_EQ(workdays::add_months("2024-1-31", 1), std::nullopt);
  EXPECT_EQ(workdays::add_months("", 1), std::nullopt);
}

class WorkdaysSeed : public ::testing::Test {
 protected:
  void SetUp() override {
    calendar_ = temp_.db().read([](soci::session& sql) { return calendar::load(sql); });
  }
  testing::TempDatabase temp_;
  Calendar calendar_;
};

TEST_F(WorkdaysSeed, FamousDays) {
  EXPECT_FALSE(calendar_.is_workday("2025-01-28")) << "除夕 2025 is a statutory holiday";
  EXPECT_TRUE(calendar_.is_workday("2025-01-26")) << "Sunday before Spring Festival 2025";
  EXPECT_TRUE(calendar_.is_workday("2025-02-08"));
  EXPECT_FALSE(calendar_.is_workday("2025-05-02"));
  EXPECT_TRUE(calendar_.is_workday("2024-10-12")) << "Saturday after National Day 2024";
  EXPECT_TRUE(calendar_.is_workday("2024-02-09")) << "除夕 2024 was a working day";
  EXPECT_FALSE(calendar_.is_workday("2023-09-29")) << "中秋节 2023";
  // 2026 Spring Festival: 2月15日至23日放假调休，2月14日（周六）、2月28日（周六）上班.
  EXPECT_TRUE(calendar_.is_workday("2026-02-14"));
  EXPECT_FALSE(calendar_.is_workday("2026-02-16"));
  EXPECT_FALSE(calendar_.is_workday("2026-02-23"));
  EXPECT_TRUE(calendar_.is_workday("2026-02-24"));
  EXPECT_TRUE(calendar_.is_workday("2026-02-28"));
  EXPECT_TRUE(calendar_.is_workday("2026-01-04")) << "Sunday after New Year 2026";
  // 2027: statutory days only.
  EXPECT_FALSE(calendar_.is_workday("2027-02-05"));
  EXPECT_FALSE(calendar_.is_workday("2027-02-08"));
  EXPECT_TRUE(calendar_.is_workday("2027-02-09"));
  EXPECT_EQ(calendar_.add_workdays("2025-01-27", 1), "2025-02-05");
  EXPECT_EQ(calendar_.add_workdays("2026-02-13", 1), "2026-02-14");
  EXPECT_EQ(calendar_.add_workdays("2026-02-14", 1), "2026-02-24");
}

TEST_F(WorkdaysSeed, WorkingDaysPerYear) {
  const std::map<int, int> expected = {{2021, 250}, {2022, 249}, {2023, 249}, {2024, 251},
                                       {2025, 248}, {2026, 248}, {2027, 254}};
  for (const auto& [year, count] : expected) {
    EXPECT_EQ(calendar_.workdays_between(std::to_string(year - 1) + "-12-31",
                                         std::to_string(year) + "-12-31"),
              count)
        << year;
  }
}

TEST_F(WorkdaysSeed, RowsAreWellFormed) {
  long long rows = 0;
  temp_.db().read([&](soci::session& sql) {
    std::string day;
    int workday = 0;
    std::string name;
    soci::statement st = (sql.prepare << "SELECT day, is_workday, name FROM calendar_days",
                          soci::into(day), soci::into(workday), soci::into(name));
    st.execute();
    const Calendar plain;
    while (st.fetch()) {
      ++rows;
      EXPECT_TRUE(dates::valid(day)) << day;
      EXPECT_FALSE(name.empty()) << day;
      EXPECT_LE(text::char_count(name), 32U) << day;
      if (workday != 0) {
        EXPECT_FALSE(plain.is_workday(day)) << day << " adjusted working day on a weekday";
        EXPECT_NE(name.find("调休上班"), std::string::npos) << day;
      }
      if (day.starts_with("2027")) {
        EXPECT_EQ(workday, 0) << day;
        EXPECT_NE(name.find("调休待国务院通知公布后补录"), std::string::npos) << day;
      }
    }
  });
  EXPECT_EQ(rows, 231);
}

}  // namespace
}  // namespace lvzhi
