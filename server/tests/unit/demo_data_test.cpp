#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "domain/seed/demo_data.hpp"
#include "domain/seed/id_number.hpp"

namespace lvzhi::seed {
namespace {

constexpr int kReportYear = 2022;

std::set<std::string> names_of(const std::vector<DemoReferenceItem>& items) {
  std::set<std::string> names;
  for (const auto& item : items) names.insert(item.name);
  return names;
}

std::vector<const DemoMember*> everyone(const DemoData& data) {
  std::vector<const DemoMember*> members;
  for (const auto& member : data.term9_members) members.push_back(&member);
  for (const auto& member : data.term8_only_members) members.push_back(&member);
  return members;
}

template <typename Items, typename Key>
void expect_unique(const Items& items, Key key, const char* what) {
  std::set<std::string> seen;
  for (const auto& item : items) {
    const std::string value = key(item);
    EXPECT_TRUE(seen.insert(value).second) << "duplicate " << what << ": " << value;
  }
}

TEST(DemoData, HasTheReportsCounts) {
  const auto& data = demo_data();
  EXPECT_EQ(data.term9_members.size(), static_cast<std::size_t>(kTerm9MemberCount));
  EXPECT_GE(data.communities.size(), 74U);  // the report's 74 street/community studios
  EXPECT_EQ(data.buildings.size(), 10U);    // and 10 in buildings and parks
  EXPECT_EQ(data.streets.size(), 21U);
  EXPECT_GE(data.units.size(), 50U);
  EXPECT_LE(data.units.size(), 75U);
  EXPECT_EQ(data.parties.size(), 10U);
  EXPECT_GE(data.member_groups.size(), 8U);
  EXPECT_LE(data.member_groups.size(), 12U);
  EXPECT_NEAR(static_cast<double>(data.term8_only_members.size()), 120.0, 20.0);
  EXPECT_NEAR(static_cast<double>(data.experts.size()), 20.0, 5.0);
}

TEST(DemoData, IsDeterministic) {
  const DemoData first = build_demo_data();
  const DemoData second = build_demo_data();
  EXPECT_TRUE(first == second);
  EXPECT_TRUE(first == demo_data());
  // A fixed point: the generator uses only std::mt19937's specified output, so the data is the
  // same with every standard library. Update these when the tables change on purpose.
  EXPECT_EQ(first.term9_members.front().member_no, "0901001");
  EXPECT_EQ(first.term9_members.front().name, "高建华");
  EXPECT_EQ(first.term9_members.front().id_number, "440103196904051956");
  EXPECT_EQ(first.term9_members.back().member_no, "0901329");
}

TEST(DemoData, KeysAreUnique) {
  const auto& data = demo_data();
  const auto members = everyone(data);
  expect_unique(
      data.term9_members, [](const DemoMember& m) { return m.member_no; }, "member_no");
  expect_unique(
      data.term8_only_members, [](const DemoMember& m) { return m.member_no; }, "member_no");
  expect_unique(
      members, [](const DemoMember* m) { return m->name; }, "name");
  expect_unique(
      members, [](const DemoMember* m) { return m->phone; }, "phone");
  expect_unique(
      members, [](const DemoMember* m) { return m->email; }, "email");
  expect_unique(
      members, [](const DemoMember* m) { return m->id_number; }, "id number");
  expect_unique(
      data.accounts, [](const DemoAccount& a) { return a.username; }, "username");
  expect_unique(
      data.units, [](const DemoUnit& u) { return u.name; }, "unit");
  expect_unique(
      data.units, [](const DemoUnit& u) { return u.contact_phone; }, "unit phone");
  expect_unique(
      data.communities, [](const DemoReferenceItem& c) { return c.name; }, "community");
  for (const auto* list :
       {&data.sectors, &data.parties, &data.special_committees, &data.member_groups, &data.streets,
        &data.communities, &data.buildings}) {
    expect_unique(
        *list, [](const DemoReferenceItem& i) { return i.code; }, "code");
  }

  // Term-8 numbers cover the continuing and the departed members once each.
  std::set<std::string> term8_numbers;
  for (const auto* member : members) {
    const bool served = member->continues_from_term8 || member->member_no.starts_with("08");
    EXPECT_EQ(!member->term8_member_no.empty(), served) << member->name;
    if (served) {
      EXPECT_TRUE(term8_numbers.insert(member->term8_member_no).second);
    }
  }
}

TEST(DemoData, MembersAreWellFormed) {
  const auto& data = demo_data();
  const std::regex member_no_pattern("^0[89]01[0-9]{3}$");
  const std::regex phone_pattern("^1(3[0-9]|5[0-9]|8[0-9])[0-9]{8}$");
  const std::regex date_pattern("^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
  for (const auto* member : everyone(data)) {
    SCOPED_TRACE(member->member_no + " " + member->name);
    EXPECT_TRUE(std::regex_match(member->member_no, member_no_pattern));
    EXPECT_TRUE(std::regex_match(member->phone, phone_pattern));
    EXPECT_TRUE(std::regex_match(member->birth_date, date_pattern));
    EXPECT_EQ(member->email, "m" + member->member_no + "@example.com");
    EXPECT_TRUE(member->gender == "male" || member->gender == "female");
    EXPECT_FALSE(member->ethnicity.empty());
    EXPECT_FALSE(member->employer.empty());
    EXPECT_FALSE(member->title.empty());
    // The name is 2–4 Chinese characters (3 bytes each in UTF-8).
    EXPECT_GE(member->name.size(), 6U);
    EXPECT_LE(member->name.size(), 12U);
  }
  for (const auto& member : data.term9_members) {
    const int age = kReportYear - std::stoi(member.birth_date.substr(0, 4));
    EXPECT_GE(age, 30) << member.name;
    EXPECT_LE(age, 70) << member.name;
  }
}

TEST(DemoData, MembersReferToExistingItems) {
  const auto& data = demo_data();
  const auto parties = names_of(data.parties);
  const auto sectors = names_of(data.sectors);
  const auto committees = names_of(data.special_committees);
  const auto groups = names_of(data.member_groups);
  for (const auto* member : everyone(data)) {
    SCOPED_TRACE(member->member_no + " " + member->name);
    EXPECT_TRUE(parties.contains(member->party));
    EXPECT_TRUE(sectors.contains(member->sector));
    EXPECT_TRUE(groups.contains(member->group));
    ASSERT_GE(member->special_committees.size(), 1U);
    EXPECT_LE(member->special_committees.size(), 2U);
    for (const auto& committee : member->special_committees) {
      EXPECT_TRUE(committees.contains(committee)) << committee;
    }
    if (member->special_committees.size() == 2) {
      EXPECT_NE(member->special_committees[0], member->special_committees[1]);
    }
    // A sector named after a party holds only that party's members.
    if (parties.contains(member->sector)) {
      EXPECT_EQ(member->party, member->sector);
    }
    EXPECT_EQ(member->is_hk_macao,
              member->sector == "特邀香港人士" || member->sector == "特邀澳门人士");
  }
}

TEST(DemoData, EveryCommitteeAndGroupHasMembers) {
  const auto& data = demo_data();
  std::map<std::string, int> committee_sizes;
  std::map<std::string, int> group_sizes;
  for (const auto& member : data.term9_members) {
    for (const auto& committee : member.special_committees) ++committee_sizes[committee];
    ++group_sizes[member.group];
  }
  for (const auto& committee : data.special_committees) {
    EXPECT_GE(committee_sizes[committee.name], 10) << committee.name;
  }
  for (const auto& group : data.member_groups) {
    EXPECT_GE(group_sizes[group.name], 20) << group.name;
    EXPECT_LE(group_sizes[group.name], 40) << group.name;
  }
}

TEST(DemoData, CommunitiesBelongToStreets) {
  const auto& data = demo_data();
  const auto streets = names_of(data.streets);
  for (const auto& community : data.communities) {
    EXPECT_TRUE(streets.contains(community.parent)) << community.name;
  }
  for (const auto& street : data.streets) {
    EXPECT_TRUE(street.name.ends_with("街道")) << street.name;
    EXPECT_TRUE(street.parent.empty());
    EXPECT_TRUE(std::any_of(data.communities.begin(), data.communities.end(),
                            [&](const DemoReferenceItem& c) { return c.parent == street.name; }))
        << street.name;
  }
}

TEST(DemoData, IdNumbersAreValidAndMatchThePerson) {
  for (const auto* member : everyone(demo_data())) {
    SCOPED_TRACE(member->member_no + " " + member->id_number);
    EXPECT_TRUE(member::valid_id_number(member->id_number));
    EXPECT_TRUE(member->id_number.starts_with("4401"));
    EXPECT_EQ(member::id_number_birth_date(member->id_number), member->birth_date);
    EXPECT_EQ(member::id_number_gender(member->id_number), member->gender);
  }
}

TEST(DemoData, RosterHasRealisticProportions) {
  const auto& members = demo_data().term9_members;
  const auto count = [&](auto predicate) {
    return static_cast<double>(std::count_if(members.begin(), members.end(), predicate));
  };
  const double total = static_cast<double>(members.size());

  const double men = count([](const DemoMember& m) { return m.gender == "male"; });
  EXPECT_NEAR(men / total, 0.60, 0.08);
  EXPECT_NEAR(count([](const DemoMember& m) { return m.is_standing; }), 50.0, 10.0);
  EXPECT_NEAR(count([](const DemoMember& m) { return m.is_hk_macao; }), 12.0, 4.0);
  EXPECT_NEAR(count([](const DemoMember& m) { return m.continues_from_term8; }), 200.0, 20.0);

  const double cpc = count([](const DemoMember& m) { return m.party == "中共"; });
  const double non_party = count([](const DemoMember& m) { return m.party == "无党派人士"; });
  EXPECT_NEAR(cpc / total, 0.375, 0.05);
  EXPECT_NEAR((total - cpc - non_party) / total, 0.25, 0.05);  // the democratic parties
  EXPECT_GT(count([](const DemoMember& m) { return m.ethnicity != "汉族"; }), 0.0);
  EXPECT_LT(count([](const DemoMember& m) { return m.ethnicity != "汉族"; }), total * 0.1);
}

TEST(DemoData, UnitsAndAccountsAreWellFormed) {
  const auto& data = demo_data();
  const std::set<std::string> categories = {"government", "court_procuratorate",
                                            "mass_organization", "enterprise", "other"};
  std::set<std::string> unit_names;
  int street_offices = 0;
  for (const auto& unit : data.units) {
    EXPECT_TRUE(categories.contains(unit.category)) << unit.name;
    EXPECT_FALSE(unit.contact_name.empty()) << unit.name;
    EXPECT_TRUE(std::regex_match(unit.contact_phone, std::regex("^020-[0-9]{8}$"))) << unit.name;
    unit_names.insert(unit.name);
    if (unit.name.ends_with("街道办事处")) ++street_offices;
  }
  EXPECT_EQ(street_offices, 21);

  const std::regex username_pattern("^[a-z0-9][a-z0-9_.-]{2,31}$");
  const std::regex member_no_like("^[0-9]+$");
  const std::set<std::string> roles = {"staff", "leader", "unit_clerk", "unit_head"};
  std::map<std::string, int> per_role;
  for (const auto& account : data.accounts) {
    SCOPED_TRACE(account.username);
    EXPECT_TRUE(std::regex_match(account.username, username_pattern));
    EXPECT_FALSE(std::regex_match(account.username, member_no_like));
    EXPECT_TRUE(roles.contains(account.role));
    EXPECT_FALSE(account.display_name.empty());
    EXPECT_FALSE(account.post.empty());
    const bool unit_role = account.role == "unit_clerk" || account.role == "unit_head";
    EXPECT_EQ(unit_role, !account.unit.empty());
    if (unit_role) {
      EXPECT_TRUE(unit_names.contains(account.unit)) << account.unit;
    }
    ++per_role[account.role];
  }
  EXPECT_GE(per_role["staff"], 6);
  EXPECT_GE(per_role["leader"], 4);
  EXPECT_GE(per_role["unit_clerk"], 8);
  EXPECT_EQ(per_role["unit_clerk"], per_role["unit_head"]);
  EXPECT_TRUE(std::any_of(data.accounts.begin(), data.accounts.end(),
                          [](const DemoAccount& a) { return a.username == "tianhe_chair"; }));

  for (const auto& expert : data.experts) {
    EXPECT_TRUE(expert.kind == "invited" || expert.kind == "advisor") << expert.name;
    EXPECT_FALSE(expert.field.empty());
  }
}

TEST(IdNumber, AcceptsTheStandardsExamples) {
  EXPECT_TRUE(member::valid_id_number("11010519491231002X"));  // GB 11643-1999, annex
  EXPECT_TRUE(member::valid_id_number("11010519491231002x"));  // typed in lower case
  // The standard's other example was born in 1880: well-formed, but nobody on a roster is.
  EXPECT_FALSE(member::valid_id_number("440524188001010014"));
}

TEST(IdNumber, ComputesTheCheckCharacter) {
  EXPECT_EQ(member::id_number_check_character("11010519491231002"), 'X');
  EXPECT_EQ(member::id_number_check_character("44010619800101001"), '9');
  EXPECT_EQ(member::id_number_check_character("4401061980010100"), std::nullopt);
  EXPECT_EQ(member::id_number_check_character("4401061980010100A"), std::nullopt);
}

TEST(IdNumber, RejectsWrongCheckCharacters) {
  EXPECT_FALSE(member::valid_id_number("110105194912310021"));
  EXPECT_FALSE(member::valid_id_number("440106198001010018"));
  EXPECT_TRUE(member::valid_id_number("440106198001010019"));
}

TEST(IdNumber, RejectsImpossibleDates) {
  const auto with_check = [](const std::string& body) {
    return body + *member::id_number_check_character(body);
  };
  EXPECT_TRUE(member::valid_id_number(with_check("44010619800229001")));   // a leap year
  EXPECT_FALSE(member::valid_id_number(with_check("44010619810229001")));  // not one
  EXPECT_FALSE(member::valid_id_number(with_check("44010619000229001")));  // 1900 was not
  EXPECT_TRUE(member::valid_id_number(with_check("44010620000229001")));   // 2000 was
  EXPECT_FALSE(member::valid_id_number(with_check("44010619800230001")));
  EXPECT_FALSE(member::valid_id_number(with_check("44010619801301001")));
  EXPECT_FALSE(member::valid_id_number(with_check("44010619800001001")));
  EXPECT_FALSE(member::valid_id_number(with_check("44010619800100001")));
  EXPECT_FALSE(member::valid_id_number(with_check("44010619800431001")));
  EXPECT_FALSE(member::valid_id_number(with_check("44010618991231001")));  // before 1900
}

TEST(IdNumber, RejectsMalformedNumbers) {
  EXPECT_FALSE(member::valid_id_number(""));
  EXPECT_FALSE(member::valid_id_number("44010619800101001"));    // 17 characters
  EXPECT_FALSE(member::valid_id_number("4401061980010100199"));  // 19
  EXPECT_FALSE(member::valid_id_number("44010619800101A016"));   // a letter inside
  EXPECT_FALSE(member::valid_id_number("440106800101001"));      // the old 15-digit form
  const std::string bad_province = "00010619800101001";
  EXPECT_FALSE(
      member::valid_id_number(bad_province + *member::id_number_check_character(bad_province)));
  EXPECT_EQ(member::id_number_birth_date("440106198001010018"), std::nullopt);
  EXPECT_EQ(member::id_number_birth_date("440106198001010019"), "1980-01-01");
  EXPECT_EQ(member::id_number_gender("440106198001010019"), "male");
}

}  // namespace
}  // namespace lvzhi::seed
