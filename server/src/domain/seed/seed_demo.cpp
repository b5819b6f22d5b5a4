// Writes the model committee. Accounts get random passwords (printed once by the CLI); the 329
// member accounts share one, hashed once, because Argon2id at ≈0.2 s per hash would otherwise add a
// minute to `make run`. Demo accounts need no password change at first login, so a demo can start
// at once; everything else behaves as in production.
#include "domain/seed/seed_demo.hpp"

#include <map>
#include <string_view>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/dates.hpp"
#include "domain/audit/audit.hpp"
#include "domain/member/member.hpp"
#include "domain/org/committee.hpp"
#include "domain/org/expert.hpp"
#include "domain/org/reference.hpp"
#include "domain/org/term.hpp"
#include "domain/org/unit.hpp"
#include "domain/seed/demo_data.hpp"
#include "domain/seed/seed_proposals.hpp"

namespace lvzhi::seed {
namespace {

constexpr const char* kTerm8Start = "2016-12-28";
constexpr const char* kTerm8End = "2021-12-27";
constexpr const char* kTerm9Start = "2021-12-28";

long long insert_user(soci::session& sql, long long committee_id, const std::string& username,
                      const std::string& display_name, const std::string& role,
                      const std::string& hash, long long unit_id, long long now) {
  long long id = 0;
  soci::indicator unit_ind = unit_id != 0 ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO users (committee_id, username, display_name, status, password_hash, "
         "password_changed_at, must_change_password, created_at, updated_at, unit_id) VALUES "
         "(:c, :u, :d, 'active', :h, :now, 0, :now2, :now3, :unit) RETURNING id",
      soci::use(committee_id), soci::use(username), soci::use(display_name), soci::use(hash),
      soci::use(now), soci::use(now), soci::use(now), soci::use(unit_id, unit_ind), soci::into(id);
  sql << "INSERT INTO user_roles (user_id, role) VALUES (:id, :role)", soci::use(id),
      soci::use(role);
  sql << "INSERT INTO password_history (user_id, password_hash, created_at) VALUES (:id, :h, :n)",
      soci::use(id), soci::use(hash), soci::use(now);
  return id;
}

std::string member_username(const std::string& member_no) { return "m" + member_no; }

}  // namespace

Result<SeedReport> seed_demo(db::Database& db, const std::string& data_key, const Actor& actor) {
  const DemoData& data = demo_data();
  SeedReport report;
  {
    const std::string name(kDistrictCommitteeName);
    long long existing = 0;
    db.read([&](soci::session& sql) {
      sql << "SELECT COUNT(*) FROM committees WHERE name = :n", soci::use(name),
          soci::into(existing);
    });
    if (existing > 0) {
      report.already_seeded = true;
      return report;
    }
  }
  // Hash outside the transaction: it is the slow part.
  std::vector<std::string> passwords;
  std::vector<std::string> hashes;
  for (std::size_t i = 0; i < data.accounts.size(); ++i) {
    passwords.push_back(crypto::generate_password());
    hashes.push_back(crypto::hash_password(passwords.back()));
  }
  report.member_password = crypto::generate_password();
  const std::string member_hash = crypto::hash_password(report.member_password);

  member::MemberService members(db, data_key);
  org::ExpertService experts(db, data_key);
  const std::string today = dates::today();
  auto written = db.write([&](soci::session& sql) -> Result<SeedReport> {
    const long long now = now_seconds();
    org::Committee city;
    city.name = std::string(kCityCommitteeName);
    city.short_name = std::string(kCityCommitteeShortName);
    city.level = "city";
    city.created_at = city.updated_at = now;
    city.id = org::insert_committee(sql, city);
    org::Committee district;
    district.name = std::string(kDistrictCommitteeName);
    district.short_name = std::string(kDistrictCommitteeShortName);
    district.level = "district";
    district.parent_id = city.id;
    district.created_at = district.updated_at = now;
    const long long committee = org::insert_committee(sql, district);
    report.committee_id = committee;

    // Terms and plenary sessions.
    org::Term term8;
    term8.committee_id = committee;
    term8.number = kTerm8Number;
    term8.start_date = kTerm8Start;
    term8.end_date = kTerm8End;
    term8.created_at = term8.updated_at = now;
    term8.id = org::insert_term(sql, term8);
    org::Term term9 = term8;
    term9.number = kTerm9Number;
    term9.start_date = kTerm9Start;
    term9.end_date.clear();
    term9.is_current = true;
    term9.id = org::insert_term(sql, term9);
    const std::vector<std::tuple<long long, int, const char*, const char*>> sessions = {
        {term8.id, 1, "2017-01-09", "2017-01-12"}, {term8.id, 2, "2018-01-08", "2018-01-11"},
        {term8.id, 3, "2019-01-07", "2019-01-10"}, {term8.id, 4, "2020-01-06", "2020-01-09"},
        {term8.id, 5, "2021-01-11", "2021-01-14"}, {term9.id, 1, "2021-12-28", "2021-12-30"},
        {term9.id, 2, "2023-01-09", "2023-01-12"}, {term9.id, 3, "2024-01-08", "2024-01-11"},
        {term9.id, 4, "2025-01-06", "2025-01-09"}, {term9.id, 5, "2026-01-05", "2026-01-08"}};
    // One plenary session a year: none of a year still to come, so that proposals drafted today
    // belong to this year's session.
    const std::string this_year = today.substr(0, 4);
    for (const auto& [term_id, number, start, end] : sessions) {
      if (std::string_view(start).substr(0, 4) > this_year) continue;
      org::insert_session(sql, committee, {0, term_id, number, start, end});
    }

    // Reference data: kind → name → id.
    std::map<std::string, std::map<std::string, long long>> refs;
    const auto add_refs = [&](const char* kind, const std::vector<DemoReferenceItem>& items) {
      int order = 0;
      for (const auto& item : items) {
        org::ReferenceItem r;
        r.committee_id = committee;
        r.kind = kind;
        r.name = item.name;
        r.code = item.code;
        r.sort_order = ++order;
        if (!item.parent.empty()) r.parent_id = refs["street"].at(item.parent);
        r.created_at = r.updated_at = now;
        refs[kind][item.name] = org::insert_reference(sql, r);
        ++report.reference_items;
      }
    };
    add_refs("sector", data.sectors);
    add_refs("party", data.parties);
    add_refs("special_committee", data.special_committees);
    add_refs("member_group", data.member_groups);
    add_refs("proposal_category", data.proposal_categories);
    add_refs("street", data.streets);
    add_refs("community", data.communities);
    add_refs("building", data.buildings);

    std::map<std::string, long long> units;
    for (const auto& u : data.units) {
      org::Unit unit;
      unit.committee_id = committee;
      unit.name = u.name;
      unit.short_name = u.short_name;
      unit.category = u.category;
      unit.contact_name = u.contact_name;
      unit.contact_phone = u.contact_phone;
      unit.created_at = unit.updated_at = now;
      units[u.name] = org::insert_unit(sql, unit);
      ++report.units;
    }
    for (const auto& e : data.experts) {
      org::Expert expert;
      expert.committee_id = committee;
      expert.name = e.name;
      expert.kind = e.kind;
      expert.field = e.field;
      expert.employer = e.employer;
      expert.title = e.title;
      expert.phone = e.phone;
      expert.created_at = expert.updated_at = now;
      experts.insert(sql, expert);
    }
    for (std::size_t i = 0; i < data.accounts.size(); ++i) {
      const auto& a = data.accounts[i];
      const long long unit = a.unit.empty() ? 0 : units.at(a.unit);
      insert_user(sql, committee, a.username, a.display_name, a.role, hashes[i], unit, now);
      report.logins.push_back(
          {a.username, a.display_name, a.role, a.unit.empty() ? a.post : a.unit, passwords[i]});
    }

    // Rosters: term 8 (ended), then term 9 with an account per member.
    const auto to_member = [&](const DemoMember& d, long long term_id, const std::string& no) {
      member::Member m;
      m.committee_id = committee;
      m.term_id = term_id;
      m.member_no = no;
      m.name = d.name;
      m.gender = d.gender;
      m.ethnicity = d.ethnicity;
      m.birth_date = d.birth_date;
      if (!d.party.empty()) m.party = {refs["party"].at(d.party), d.party};
      if (!d.sector.empty()) m.sector = {refs["sector"].at(d.sector), d.sector};
      m.employer = d.employer;
      m.title = d.title;
      m.is_standing = d.is_standing;
      m.is_hk_macao = d.is_hk_macao;
      m.phone = d.phone;
      m.email = d.email;
      m.id_number = d.id_number;
      for (const auto& c : d.special_committees) {
        m.special_committees.push_back({refs["special_committee"].at(c), c});
      }
      if (!d.group.empty()) m.groups.push_back({refs["member_group"].at(d.group), d.group});
      m.created_at = m.updated_at = now;
      return m;
    };
    const auto add_term8 = [&](const DemoMember& d, long long user_id) {
      member::Member m = to_member(d, term8.id, d.term8_member_no);
      m.user_id = user_id;
      m.status = "term_ended";
      m.status_date = kTerm8End;
      m.status_reason = "届满";
      members.insert(sql, m);
      ++report.term8_members;
    };
    for (const auto& d : data.term8_only_members) add_term8(d, 0);
    for (const auto& d : data.term9_members) {
      const long long user = insert_user(sql, committee, member_username(d.member_no), d.name,
                                         "member", member_hash, 0, now);
      if (!d.term8_member_no.empty()) add_term8(d, user);
      member::Member m = to_member(d, term9.id, d.member_no);
      m.user_id = user;
      members.insert(sql, m);
      ++report.members;
    }
    // Proposals of the model year 2021 and of the live session (seed_proposals.hpp).
    report.proposals = seed_proposals(sql, committee, today);
    const auto& p = report.proposals;
    audit::record(sql, db.dialect(), actor,
                  {.action = "seed.demo",
                   .object_type = "committee",
                   .object_id = std::to_string(committee),
                   .changes = Json{{"members", report.members},
                                   {"term8_members", report.term8_members},
                                   {"units", report.units},
                                   {"reference_items", report.reference_items},
                                   {"accounts", report.logins.size() + data.term9_members.size()},
                                   {"proposals", p.model_year_received + p.live_proposals},
                                   {"proposal_events", p.events},
                                   {"commendations", p.commendations}},
                   .committee_id = committee});
    return report;
  });
  return written;
}

}  // namespace lvzhi::seed
