#pragma once
// The model committee's data as plain values: the 9th Tianhe District committee (天河区政协) under
// the Guangzhou city committee, with its reference lists, handling units, the rosters of terms 9
// and 8, experts and the non-member accounts. `lvzhi seed demo` writes them into a database.
//
// Everything is fictitious but shaped like the real committee (DOMAIN.md §9 and the 2022 work
// report): the people are invented, the streets, buildings and government bodies are real names.
// The data is deterministic — fixed seeds, no clock, no locale — so every demo database is alike
// and tests can name a member.
#include <string>
#include <string_view>
#include <vector>

namespace lvzhi::seed {

inline constexpr std::string_view kCityCommitteeName = "中国人民政治协商会议广州市委员会";
inline constexpr std::string_view kCityCommitteeShortName = "广州市政协";
inline constexpr std::string_view kDistrictCommitteeName = "中国人民政治协商会议广州市天河区委员会";
inline constexpr std::string_view kDistrictCommitteeShortName = "天河区政协";

inline constexpr int kTerm9Number = 9;
inline constexpr int kTerm8Number = 8;
// The report: "选出了……新一届委员329名".
inline constexpr int kTerm9MemberCount = 329;

// A sector (界别), party, special committee, member group, street, community or building/park.
struct DemoReferenceItem {
  std::string name;
  std::string code;    // short ASCII pinyin, unique within its list
  std::string parent;  // communities: the street's name; empty otherwise

  bool operator==(const DemoReferenceItem&) const = default;
};

struct DemoUnit {
  std::string name;
  std::string short_name;
  std::string
      category;  // government | court_procuratorate | mass_organization | enterprise | other
  std::string contact_name;
  std::string contact_phone;  // an office number, "020-" and 8 digits

  bool operator==(const DemoUnit&) const = default;
};

struct DemoMember {
  std::string member_no;  // "0901001": term, "01", sequence; unique within the term
  std::string name;
  std::string gender;  // male | female
  std::string ethnicity;
  std::string birth_date;  // YYYY-MM-DD
  std::string party;       // a name in DemoData::parties
  std::string sector;      // a name in DemoData::sectors
  std::string employer;
  std::string title;
  bool is_standing = false;
  bool is_hk_macao = false;
  std::vector<std::string> special_committees;  // names in DemoData::special_committees, 1 or 2
  std::string group;                            // a name in DemoData::member_groups
  std::string phone;                            // mainland mobile, 11 digits
  std::string email;                            // "m<member_no>@example.com"
  std::string id_number;              // 18 characters, area 4401xx, matches birth_date and gender
  bool continues_from_term8 = false;  // re-appointed at the 2021 term change
  // The member's number in term 8 ("0801…") when they served in it, empty otherwise; lets the
  // seeder write the term-8 roster (continuing members plus term8_only_members) as well.
  std::string term8_member_no;

  bool operator==(const DemoMember&) const = default;
};

struct DemoExpert {
  std::string name;
  std::string kind;  // invited (特邀委员) | advisor (顾问团队)
  std::string field;
  std::string employer;
  std::string title;
  std::string phone;

  bool operator==(const DemoExpert&) const = default;
};

struct DemoAccount {
  std::string username;  // [a-z0-9][a-z0-9_.-]{2,31}, never a member_no
  std::string display_name;
  std::string role;  // staff | leader | unit_clerk | unit_head
  std::string unit;  // unit roles: the handling unit's name; empty otherwise
  std::string post;  // staff: their office (提案委员会办公室 …); others: their position (主席 …)

  bool operator==(const DemoAccount&) const = default;
};

struct DemoData {
  std::vector<DemoReferenceItem> sectors;
  std::vector<DemoReferenceItem> parties;
  std::vector<DemoReferenceItem> special_committees;
  std::vector<DemoReferenceItem> member_groups;
  std::vector<DemoReferenceItem> proposal_categories;
  std::vector<DemoReferenceItem> streets;
  std::vector<DemoReferenceItem> communities;
  std::vector<DemoReferenceItem> buildings;  // buildings and parks (楼宇/园区) with studios
  std::vector<DemoUnit> units;
  std::vector<DemoMember> term9_members;       // exactly kTerm9MemberCount, in roster order
  std::vector<DemoMember> term8_only_members;  // served in term 8 only (member_no "0801…")
  std::vector<DemoExpert> experts;
  // Staff, leaders, unit clerks and heads. Members are not here: each gets an account named after
  // their member_no, which the caller creates.
  std::vector<DemoAccount> accounts;

  bool operator==(const DemoData&) const = default;
};

// Builds the data afresh; the same result on every call and every platform.
DemoData build_demo_data();

// The data, built once on first use (thread-safe).
const DemoData& demo_data();

}  // namespace lvzhi::seed
