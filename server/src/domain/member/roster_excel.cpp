// The roster in Excel. Import outcomes: a report of rows, creations and updates (dry run or done;
// each member audited, plus one member.import row) · 422 import.invalid_rows with every bad row's
// row, column and reason, nothing written · 422 import.bad_header / import.empty / the reader's
// import.* errors (not an xlsx, zip bomb, too many rows).
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/text.hpp"
#include "domain/audit/audit.hpp"
#include "domain/member/roster_excel.hpp"
#include "excel/xlsx_reader.hpp"
#include "excel/xlsx_writer.hpp"
#include "http/paging.hpp"

namespace lvzhi::member {
namespace {

// The template's columns, in order. "*" marks the required ones.
enum Column : std::size_t {
  kNo,
  kName,
  kGender,
  kEthnicity,
  kBirth,
  kParty,
  kSector,
  kEmployer,
  kTitle,
  kStanding,
  kHkMacao,
  kSpecialCommittees,
  kGroup,
  kPhone,
  kEmail,
  kIdNumber,
  kColumnCount
};
const std::vector<std::string> kHeader = {
    "委员编号*", "姓名*", "性别*",    "民族",       "出生日期", "党派", "界别", "工作单位",
    "职务",      "常委",  "港澳委员", "专门委员会", "委员小组", "手机", "邮箱", "身份证号"};
constexpr const char* kStatusTitle = "状态";

// Which column an input field's error belongs to.
const std::map<std::string, Column>& field_columns() {
  static const std::map<std::string, Column> kColumns = {
      {"member_no", kNo},        {"name", kName},
      {"gender", kGender},       {"ethnicity", kEthnicity},
      {"birth_date", kBirth},    {"party_id", kParty},
      {"sector_id", kSector},    {"employer", kEmployer},
      {"title", kTitle},         {"is_standing", kStanding},
      {"is_hk_macao", kHkMacao}, {"special_committee_ids", kSpecialCommittees},
      {"group_ids", kGroup},     {"phone", kPhone},
      {"email", kEmail},         {"id_number", kIdNumber},
      {"user_id", kNo}};
  return kColumns;
}

std::string title_of(Column column) {
  std::string title = kHeader[column];
  if (!title.empty() && title.back() == '*') title.pop_back();
  return title;
}

std::string gender_label(const std::string& gender) {
  return gender == "male" ? "男" : gender == "female" ? "女" : "";
}

std::string status_label(const std::string& status) {
  if (status == "active") return "在任";
  if (status == "resigned") return "辞去";
  if (status == "removed") return "撤销";
  if (status == "term_ended") return "届满";
  return status;
}

std::string join_names(const std::vector<NamedRef>& refs) {
  std::string out;
  for (const auto& r : refs) {
    if (!out.empty()) out += "、";
    out += r.name;
  }
  return out;
}

// Splits "提案委员会、经济委员会" (also on ，, ; and ；).
std::vector<std::string> split_names(std::string_view cell) {
  std::string normal(cell);
  for (const std::string_view sep : {"，", "；", ",", ";"}) {
    for (auto at = normal.find(sep); at != std::string::npos; at = normal.find(sep)) {
      normal.replace(at, sep.size(), "、");
    }
  }
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start <= normal.size()) {
    const auto at = normal.find("、", start);
    const auto part =
        text::trim(normal.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (!part.empty()) names.push_back(part);
    if (at == std::string::npos) break;
    start = at + std::string_view("、").size();
  }
  return names;
}

// Active reference items of one kind by name.
std::map<std::string, long long> names_of(soci::session& sql, long long committee_id,
                                          const std::string& kind) {
  std::map<std::string, long long> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, name FROM reference_items WHERE committee_id = :c AND kind = :k "
                      "AND is_active = 1",
       soci::use(committee_id), soci::use(kind));
  for (const auto& row : rows) {
    const auto& props = row.get_properties(0);
    const long long id = props.get_data_type() == soci::dt_integer
                             ? static_cast<long long>(row.get<int>(0))
                             : row.get<long long>(0);
    out.emplace(row.get<std::string>(1), id);
  }
  return out;
}

std::optional<bool> yes_no(std::string_view cell) {
  const std::string value = text::trim(cell);
  if (value.empty() || value == "否" || value == "FALSE" || value == "0") return false;
  if (value == "是" || value == "TRUE" || value == "1") return true;
  return std::nullopt;
}

struct Lookups {
  std::map<std::string, long long> parties, sectors, committees, groups;
};

// One sheet row → input, or problems on it.
MemberInput parse_row(const excel::SheetRow& row, const Lookups& lookups,
                      std::vector<ImportProblem>& problems) {
  const auto cell = [&](Column c) { return text::trim(row.cell(c)); };
  const auto problem = [&](Column c, std::string reason) {
    problems.push_back({row.number, title_of(c), std::move(reason)});
  };
  MemberInput in;
  in.member_no = cell(kNo);
  in.name = cell(kName);
  const std::string gender = cell(kGender);
  if (gender == "男" || gender == "male") {
    in.gender = "male";
  } else if (gender == "女" || gender == "female") {
    in.gender = "female";
  } else {
    problem(kGender, gender.empty() ? "请填写性别" : "性别须为“男”或“女”");
  }
  in.ethnicity = cell(kEthnicity);
  if (const std::string birth = cell(kBirth); birth.empty()) {
    in.birth_date = "";
  } else if (auto iso = excel::excel_date_to_iso(birth)) {
    in.birth_date = *iso;
  } else {
    problem(kBirth, fmt::format("“{}”不是有效日期，请写成 1970-01-31", birth));
  }
  const auto lookup = [&](Column c, const std::map<std::string, long long>& names,
                          const char* label) -> std::optional<long long> {
    const std::string name = cell(c);
    if (name.empty()) return 0;
    const auto found = names.find(name);
    if (found == names.end()) {
      problem(c, fmt::format("{}“{}”不存在或已停用", label, name));
      return std::nullopt;
    }
    return found->second;
  };
  in.party_id = lookup(kParty, lookups.parties, "党派");
  in.sector_id = lookup(kSector, lookups.sectors, "界别");
  in.employer = cell(kEmployer);
  in.title = cell(kTitle);
  for (auto [column, target] :
       {std::pair{kStanding, &in.is_standing}, std::pair{kHkMacao, &in.is_hk_macao}}) {
    *target = yes_no(row.cell(column));
    if (!*target) problem(column, "须填“是”或“否”");
  }
  std::vector<long long> committees;
  for (const auto& name : split_names(row.cell(kSpecialCommittees))) {
    const auto found = lookups.committees.find(name);
    if (found == lookups.committees.end()) {
      problem(kSpecialCommittees, fmt::format("专门委员会“{}”不存在或已停用", name));
    } else {
      committees.push_back(found->second);
    }
  }
  in.special_committee_ids = committees;
  std::vector<long long> groups;
  if (auto group = lookup(kGroup, lookups.groups, "委员小组"); group && *group != 0) {
    groups.push_back(*group);
  }
  in.group_ids = groups;
  in.phone = cell(kPhone);
  in.email = cell(kEmail);
  in.id_number = cell(kIdNumber);
  return in;
}

bool header_matches(const excel::SheetRow& row) {
  for (std::size_t c = 0; c < kColumnCount; ++c) {
    std::string found = text::trim(row.cell(c));
    if (!found.empty() && found.back() == '*') found.pop_back();
    if (found != title_of(static_cast<Column>(c))) return false;
  }
  return true;
}

}  // namespace

Json to_json(const ImportReport& report) {
  Json errors = Json::array();
  for (const auto& p : report.problems) {
    errors.push_back(Json{{"row", p.row}, {"column", p.column}, {"reason", p.reason}});
  }
  return Json{{"dry_run", report.dry_run},
              {"rows", report.rows},
              {"created", report.created},
              {"updated", report.updated},
              {"errors", std::move(errors)}};
}

std::string roster_template() {
  excel::XlsxWriter w;
  w.sheet("委员名单");
  w.header(kHeader);
  w.row({"0901001", "张三", "男", "汉族", excel::Date{"1975-06-18"}, "中共", "经济界",
         "广州某科技有限公司", "董事长", "否", "否", "经济科技委员会", "第一组", "13800000000",
         "zhangsan@example.com", ""});
  w.list_validation(kGender, {"男", "女"});
  w.list_validation(kStanding, {"是", "否"});
  w.list_validation(kHkMacao, {"是", "否"});
  return w.finish();
}

Result<std::string> export_roster(MemberService& members, MemberQuery query, bool show_private) {
  query.page = 1;
  query.page_size = 0;  // the whole filtered list
  auto found = members.list(query);
  if (!found.ok()) return found.take_error();
  excel::XlsxWriter w;
  w.sheet("委员名单");
  std::vector<std::string> header;
  for (std::size_t c = 0; c < kColumnCount; ++c) header.push_back(title_of(static_cast<Column>(c)));
  header.emplace_back(kStatusTitle);
  w.header(header);
  for (const auto& m : found->first) {
    const Json shown = profile_json(m, show_private);
    w.row({m.member_no, m.name, gender_label(m.gender), m.ethnicity,
           m.birth_date.empty() ? excel::Cell() : excel::Cell(excel::Date{m.birth_date}),
           m.party.name, m.sector.name, m.employer, m.title, m.is_standing ? "是" : "否",
           m.is_hk_macao ? "是" : "否", join_names(m.special_committees), join_names(m.groups),
           shown["phone"].get<std::string>(), shown["email"].get<std::string>(),
           shown["id_number"].get<std::string>(), status_label(m.status)});
  }
  return w.finish();
}

Result<ImportReport> import_roster(MemberService& members, const Actor& actor, long long term_id,
                                   std::string_view xlsx, bool dry_run) {
  auto sheet = excel::read_first_sheet(xlsx);
  if (!sheet.ok()) return sheet.take_error();
  const auto& rows = sheet->rows;
  if (rows.empty() || !header_matches(rows.front())) {
    std::vector<std::string> found;
    if (!rows.empty()) {
      for (const auto& c : rows.front().cells) found.push_back(c);
    }
    return make_error(contract::err::kImportBadHeader,
                      Json{{"expected", kHeader}, {"found", found}});
  }
  if (rows.size() == 1) return make_error(contract::err::kImportEmpty);

  // Validation reads only; the same pass writes when asked to (one transaction: all or nothing).
  const auto run = [&](soci::session& sql, bool write) -> Result<ImportReport> {
    ImportReport report;
    report.dry_run = !write;
    long long term = term_id;
    if (term == 0) {
      auto current = members.current_term_id(sql, actor.committee_id);
      if (!current.ok()) return current.take_error();
      term = current.value();
    } else {
      long long count = 0;
      sql << "SELECT COUNT(*) FROM terms WHERE id = :id AND committee_id = :c", soci::use(term),
          soci::use(actor.committee_id), soci::into(count);
      if (count == 0) return make_error(contract::err::kTermNotFound);
    }
    Lookups lookups{names_of(sql, actor.committee_id, "party"),
                    names_of(sql, actor.committee_id, "sector"),
                    names_of(sql, actor.committee_id, "special_committee"),
                    names_of(sql, actor.committee_id, "member_group")};
    std::map<std::string, int> seen;  // member_no → first row
    const long long now = now_seconds();
    for (std::size_t i = 1; i < rows.size(); ++i) {
      const auto& row = rows[i];
      ++report.rows;
      const std::size_t before = report.problems.size();
      MemberInput input = parse_row(row, lookups, report.problems);
      const std::string no = input.member_no.value_or("");
      if (auto [it, inserted] = seen.emplace(no, row.number); !inserted && !no.empty()) {
        report.problems.push_back(
            {row.number, title_of(kNo), fmt::format("与第 {} 行的委员编号重复", it->second)});
      }
      auto existing = no.empty() ? std::nullopt : members.find_by_number(sql, term, no);
      Member m;
      if (existing) {
        m = *existing;
      } else {
        m.committee_id = actor.committee_id;
        m.term_id = term;
      }
      FieldErrors errors;
      members.apply(sql, m, input, errors, !existing);
      // One reason per cell: a cell the sheet parsing already refused is not reported again.
      std::set<std::string> refused;
      for (std::size_t p = before; p < report.problems.size(); ++p) {
        refused.insert(report.problems[p].column);
      }
      for (const auto& [field, message] : errors.fields().items()) {
        const auto column = field_columns().find(field);
        const std::string title =
            column != field_columns().end() ? title_of(column->second) : std::string();
        if (refused.contains(title)) continue;
        report.problems.push_back({row.number, title, message.get<std::string>()});
      }
      if (report.problems.size() != before) continue;
      if (existing) {
        Json changes = audit::diff(audited(*existing), audited(m));
        if (changes.empty()) continue;
        ++report.updated;
        if (!write) continue;
        m.updated_at = now;
        members.save(sql, m);
        audit::record(sql, members.db().dialect(), actor,
                      {.action = "member.update",
                       .object_type = "member",
                       .object_id = std::to_string(m.id),
                       .changes = changes});
      } else {
        ++report.created;
        if (!write) continue;
        m.created_at = m.updated_at = now;
        members.insert(sql, m);
        audit::record(sql, members.db().dialect(), actor,
                      {.action = "member.create",
                       .object_type = "member",
                       .object_id = std::to_string(m.id),
                       .changes = audit::diff(Json::object(), audited(m))});
      }
    }
    if (write && report.problems.empty()) {
      audit::record(
          sql, members.db().dialect(), actor,
          {.action = "member.import",
           .object_type = "term",
           .object_id = std::to_string(term),
           .changes = Json{
               {"rows", report.rows}, {"created", report.created}, {"updated", report.updated}}});
    }
    return report;
  };

  if (dry_run) {
    return members.db().read([&](soci::session& sql) { return run(sql, false); });
  }
  // Validate first without locking writers out, then write in one transaction (which validates
  // again: the roster may have changed in between).
  auto check = members.db().read([&](soci::session& sql) { return run(sql, false); });
  if (!check.ok()) return check;
  if (!check->problems.empty()) {
    return make_error(contract::err::kImportInvalidRows, to_json(check.value()));
  }
  return members.db().write([&](soci::session& sql) -> Result<ImportReport> {
    auto done = run(sql, true);
    if (done.ok() && !done->problems.empty()) {
      return make_error(contract::err::kImportInvalidRows, to_json(done.value()));
    }
    return done;
  });
}

}  // namespace lvzhi::member

namespace lvzhi::member {
namespace {

using http::Access;
using http::Request;
using http::Response;
namespace perm = contract::perm;

constexpr std::size_t kMaxUploadBytes = std::size_t{10} << 20;

Response xlsx_file(std::string bytes, std::string_view ascii_name, std::string_view utf8_name) {
  return Response::file(std::move(bytes), std::string(kXlsxMediaType), ascii_name, utf8_name);
}

}  // namespace

http::RouteTable roster_excel_routes(MemberService& members) {
  return {
      {"GET", "/api/v1/members/export", Access::permission(perm::kMemberView),
       [&members](Request& request) {
         auto query = parse_member_query(request);
         if (!query.ok()) return Response::error(query.error());
         auto bytes = export_roster(members, query.value(),
                                    request.actor.has(perm::kMemberViewPrivate.code));
         if (!bytes.ok()) return Response::error(bytes.error());
         return xlsx_file(std::move(bytes).value(), "members.xlsx", "委员名单.xlsx");
       }},
      {"GET", "/api/v1/members/import/template", Access::permission(perm::kMemberManage),
       [](Request&) {
         return xlsx_file(roster_template(), "member-import-template.xlsx",
                          "委员名单导入模板.xlsx");
       }},
      {.method = "POST",
       .pattern = "/api/v1/members/import",
       .access = Access::permission(perm::kMemberManage),
       .handler =
           [&members](Request& request) {
             auto term = http::query_integer(request, "term_id");
             if (!term.ok()) return Response::error(term.error());
             auto dry_run = http::query_bool(request, "dry_run");
             if (!dry_run.ok()) return Response::error(dry_run.error());
             if (request.body.empty()) {
               return Response::error(make_error(contract::err::kImportNotXlsx));
             }
             auto report = import_roster(members, request.actor, term.value(), request.body,
                                         dry_run->value_or(true));
             return report.ok() ? Response::json(200, to_json(report.value()))
                                : Response::error(report.error());
           },
       .body_limit = kMaxUploadBytes,
       .body_type = kXlsxMediaType},
  };
}

}  // namespace lvzhi::member
