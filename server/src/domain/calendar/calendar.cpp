// The working-day calendar: SQL, use-cases and the /api/v1/calendar routes. Outcomes: a year's
// exceptions and working-day count (any session) · a day set or reset by calendar.manage holders
// (audited as calendar.set_day / calendar.clear_day in the write's transaction; nothing written or
// audited when the day already says that) · the n-th working day after a date · 422
// calendar.bad_day for a bad day in the path, 422 request.validation_failed with Chinese field
// messages otherwise.
#include "domain/calendar/calendar.hpp"

#include <charconv>
#include <map>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/text.hpp"
#include "db/query.hpp"
#include "domain/audit/audit.hpp"
#include "http/json_input.hpp"

namespace lvzhi::calendar {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

constexpr int kMinYear = 2000;
constexpr int kMaxYear = 2100;
constexpr int kMaxDays = 365;
constexpr std::size_t kMaxNameChars = 32;

struct Day {
  std::string day;
  bool is_workday = false;
  std::string name;
};

Json to_json(const Day& d) {
  return Json{{"day", d.day}, {"is_workday", d.is_workday}, {"name", d.name}};
}

std::optional<int> to_int(const std::string& text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

int year_of(std::string_view day) { return to_int(std::string(day.substr(0, 4))).value_or(0); }

// A date the calendar manages: valid and within the years the page can show.
bool calendar_date(std::string_view day) {
  if (!dates::valid(day)) return false;
  const int year = year_of(day);
  return year >= kMinYear && year <= kMaxYear;
}

std::vector<Day> select_days(soci::session& sql, const std::string& from, const std::string& to) {
  db::Params params;
  std::vector<Day> days;
  Day d;
  int workday = 0;
  db::select_rows(
      sql,
      fmt::format("SELECT day, is_workday, name FROM calendar_days WHERE day >= {} AND day <= {} "
                  "ORDER BY day",
                  params.add(from), params.add(to)),
      params,
      [&](soci::statement& st) {
        st.exchange(soci::into(d.day));
        st.exchange(soci::into(workday));
        st.exchange(soci::into(d.name));
      },
      [&] {
        d.is_workday = workday != 0;
        days.push_back(d);
      });
  return days;
}

std::optional<Day> find_day(soci::session& sql, const db::Dialect& dialect,
                            const std::string& day) {
  Day d;
  int workday = 0;
  sql << fmt::format("SELECT day, is_workday, name FROM calendar_days WHERE day = :d{}",
                     dialect.for_update()),
      soci::use(day), soci::into(d.day), soci::into(workday), soci::into(d.name);
  if (!sql.got_data()) return std::nullopt;
  d.is_workday = workday != 0;
  return d;
}

Json audited(const std::optional<Day>& d) {
  if (!d) return Json{{"is_workday", nullptr}, {"name", nullptr}};
  return Json{{"is_workday", d->is_workday}, {"name", d->name}};
}

struct YearView {
  int year = 0;
  std::vector<Day> days;
  int workdays = 0;
};

YearView read_year(db::Database& db, int year) {
  return db.read([&](soci::session& sql) {
    YearView view;
    view.year = year;
    view.days =
        select_days(sql, fmt::format("{:04}-01-01", year), fmt::format("{:04}-12-31", year));
    std::map<std::string, bool, std::less<>> exceptions;
    for (const auto& d : view.days) exceptions.emplace(d.day, d.is_workday);
    const workdays::Calendar calendar(std::move(exceptions));
    view.workdays = calendar.workdays_between(fmt::format("{:04}-12-31", year - 1),
                                              fmt::format("{:04}-12-31", year));
    return view;
  });
}

Result<Day> set_day(db::Database& db, const Actor& actor, Day day) {
  return db.write([&](soci::session& sql) -> Result<Day> {
    const auto before = find_day(sql, db.dialect(), day.day);
    if (before && before->is_workday == day.is_workday && before->name == day.name) return day;
    const int workday = day.is_workday ? 1 : 0;
    const long long now = now_seconds();
    const long long by = actor.user_id;
    sql << "INSERT INTO calendar_days (day, is_workday, name, updated_at, updated_by) "
           "VALUES (:d, :w, :n, :t, :u) ON CONFLICT (day) DO UPDATE SET "
           "is_workday = excluded.is_workday, name = excluded.name, "
           "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        soci::use(day.day), soci::use(workday), soci::use(day.name), soci::use(now), soci::use(by);
    audit::record(sql, db.dialect(), actor,
                  {.action = "calendar.set_day",
                   .object_type = "calendar_day",
                   .object_id = day.day,
                   .changes = audit::diff(audited(before), audited(day))});
    return day;
  });
}

Status clear_day(db::Database& db, const Actor& actor, const std::string& day) {
  return db.write([&](soci::session& sql) -> Status {
    const auto before = find_day(sql, db.dialect(), day);
    if (!before) return ok_status();  // already follows the weekday rule
    sql << "DELETE FROM calendar_days WHERE day = :d", soci::use(day);
    audit::record(sql, db.dialect(), actor,
                  {.action = "calendar.clear_day",
                   .object_type = "calendar_day",
                   .object_id = day,
                   .changes = audit::diff(audited(before), audited(std::nullopt))});
    return ok_status();
  });
}

Result<std::string> path_day(const Request& request) {
  const auto it = request.path_params.find("day");
  if (it == request.path_params.end() || !calendar_date(it->second)) {
    return make_error(contract::err::kCalendarBadDay);
  }
  return it->second;
}

Result<Day> parse_day_input(const Request& request, std::string day) {
  auto body = request.json_body();
  if (!body.ok()) return body.take_error();
  http::JsonInput input(body.value());
  Day out{.day = std::move(day)};
  const auto workday = input.boolean("is_workday", true);
  const auto name = input.string("name", false);
  if (workday) out.is_workday = *workday;
  if (name) {
    out.name = text::trim(*name);
    if (text::char_count(out.name) > kMaxNameChars || text::has_control_chars(out.name)) {
      input.errors().add("name", fmt::format("名称不能超过 {} 个字符", kMaxNameChars));
    }
  }
  if (!input.ok()) return input.errors().error();
  return out;
}

}  // namespace

workdays::Calendar load(soci::session& sql) {
  std::map<std::string, bool, std::less<>> exceptions;
  std::string day;
  int workday = 0;
  auto st = db::kept(sql, "SELECT day, is_workday FROM calendar_days", soci::into(day),
                     soci::into(workday));
  st.execute();
  while (st.fetch()) exceptions.emplace(day, workday != 0);
  return workdays::Calendar(std::move(exceptions));
}

http::RouteTable calendar_routes(db::Database& db) {
  return {
      {"GET", "/api/v1/calendar", Access::session(),
       [&db](Request& request) {
         int year = year_of(dates::today());
         if (const auto text = request.query_param("year")) {
           const auto value = to_int(*text);
           if (!value || *value < kMinYear || *value > kMaxYear) {
             return Response::error(field_error(
                 "year", fmt::format("年份须为 {} 到 {} 之间的整数", kMinYear, kMaxYear)));
           }
           year = *value;
         }
         const YearView view = read_year(db, year);
         Json days = Json::array();
         for (const auto& d : view.days) days.push_back(to_json(d));
         return Response::json(
             200,
             Json{{"year", view.year}, {"days", std::move(days)}, {"workdays", view.workdays}});
       }},
      {"PUT", "/api/v1/calendar/days/{day}", Access::permission(perm::kCalendarManage),
       [&db](Request& request) {
         auto day = path_day(request);
         if (!day.ok()) return Response::error(day.error());
         auto input = parse_day_input(request, day.value());
         if (!input.ok()) return Response::error(input.error());
         auto saved = set_day(db, request.actor, std::move(input.value()));
         return saved.ok() ? Response::json(200, to_json(saved.value()))
                           : Response::error(saved.error());
       }},
      {"DELETE", "/api/v1/calendar/days/{day}", Access::permission(perm::kCalendarManage),
       [&db](Request& request) {
         auto day = path_day(request);
         if (!day.ok()) return Response::error(day.error());
         auto cleared = clear_day(db, request.actor, day.value());
         return cleared.ok() ? Response::no_content() : Response::error(cleared.error());
       }},
      {"GET", "/api/v1/calendar/workdays", Access::session(),
       [&db](Request& request) {
         FieldErrors errors;
         const std::string from = request.query_param("from").value_or("");
         if (!calendar_date(from)) {
           errors.add("from", fmt::format("请填写 {} 到 {} 年之间的有效日期（YYYY-MM-DD）",
                                          kMinYear, kMaxYear));
         }
         const auto days = to_int(request.query_param("days").value_or(""));
         if (!days || *days < 1 || *days > kMaxDays) {
           errors.add("days", fmt::format("天数须为 1 到 {} 之间的整数", kMaxDays));
         }
         if (!errors.empty()) return Response::error(errors.error());
         const std::string result =
             db.read([&](soci::session& sql) { return load(sql).add_workdays(from, *days); });
         return Response::json(200, Json{{"from", from}, {"days", *days}, {"result", result}});
       }},
  };
}

}  // namespace lvzhi::calendar
