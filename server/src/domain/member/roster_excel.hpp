#pragma once
// The roster in Excel: export of any filtered list, the import template, and the import itself
// (dry run first; all rows or none).
#include <string>
#include <vector>

#include "domain/member/member.hpp"
#include "http/message.hpp"

namespace lvzhi::member {

inline constexpr std::string_view kXlsxMediaType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// The filters of GET /members, shared by the export.
Result<MemberQuery> parse_member_query(const http::Request& request);

struct ImportProblem {
  int row = 0;         // Excel row number
  std::string column;  // header title, "" for the whole row
  std::string reason;
};

struct ImportReport {
  bool dry_run = true;
  int rows = 0;
  int created = 0;
  int updated = 0;
  std::vector<ImportProblem> problems;
};
Json to_json(const ImportReport& report);

std::string roster_template();
Result<std::string> export_roster(MemberService& members, MemberQuery query, bool show_private);
// Nothing is written unless every row is valid and dry_run is false.
Result<ImportReport> import_roster(MemberService& members, const Actor& actor, long long term_id,
                                   std::string_view xlsx, bool dry_run);

http::RouteTable roster_excel_routes(MemberService& members);

}  // namespace lvzhi::member
