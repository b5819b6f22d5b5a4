// SQL of the member roster, and its JSON.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/clock.hpp"
#include "core/collation.hpp"
#include "core/personal_data.hpp"
#include "db/query.hpp"
#include "domain/member/member_repo.hpp"

namespace lvzhi::member {
namespace {

constexpr const char* kSelect =
    "SELECT m.id, m.committee_id, m.term_id, COALESCE(m.user_id, 0), COALESCE(u.username, ''), "
    "COALESCE(u.display_name, ''), m.member_no, m.name, m.gender, m.ethnicity, "
    "COALESCE(m.birth_date, ''), COALESCE(m.party_id, 0), COALESCE(p.name, ''), "
    "COALESCE(m.sector_id, 0), COALESCE(s.name, ''), m.employer, m.title, m.is_standing, "
    "m.is_hk_macao, m.phone_sealed, m.email_sealed, m.id_number_sealed, m.status, "
    "COALESCE(m.status_date, ''), m.status_reason, m.created_at, m.updated_at "
    "FROM members m LEFT JOIN users u ON u.id = m.user_id "
    "LEFT JOIN reference_items p ON p.id = m.party_id "
    "LEFT JOIN reference_items s ON s.id = m.sector_id";

Json ref_json(const NamedRef& ref) {
  return ref.id != 0 ? Json{{"id", ref.id}, {"name", ref.name}} : Json(nullptr);
}

Json refs_json(const std::vector<NamedRef>& refs) {
  Json out = Json::array();
  for (const auto& r : refs) out.push_back(ref_json(r));
  return out;
}

}  // namespace

// Reads rows of kSelect (plus `tail`: WHERE/ORDER/LIMIT) and fills memberships for all of them.
std::vector<Member> select_members(soci::session& sql, const std::string& key,
                                   const std::string& tail, db::Params& params) {
  std::vector<Member> out;
  Member m;
  int standing = 0;
  int hk = 0;
  std::string phone;
  std::string email;
  std::string id_number;
  db::select_rows(
      sql, std::string(kSelect) + tail, params,
      [&](soci::statement& st) {
        st.exchange(soci::into(m.id));
        st.exchange(soci::into(m.committee_id));
        st.exchange(soci::into(m.term_id));
        st.exchange(soci::into(m.user_id));
        st.exchange(soci::into(m.username));
        st.exchange(soci::into(m.user_display_name));
        st.exchange(soci::into(m.member_no));
        st.exchange(soci::into(m.name));
        st.exchange(soci::into(m.gender));
        st.exchange(soci::into(m.ethnicity));
        st.exchange(soci::into(m.birth_date));
        st.exchange(soci::into(m.party.id));
        st.exchange(soci::into(m.party.name));
        st.exchange(soci::into(m.sector.id));
        st.exchange(soci::into(m.sector.name));
        st.exchange(soci::into(m.employer));
        st.exchange(soci::into(m.title));
        st.exchange(soci::into(standing));
        st.exchange(soci::into(hk));
        st.exchange(soci::into(phone));
        st.exchange(soci::into(email));
        st.exchange(soci::into(id_number));
        st.exchange(soci::into(m.status));
        st.exchange(soci::into(m.status_date));
        st.exchange(soci::into(m.status_reason));
        st.exchange(soci::into(m.created_at));
        st.exchange(soci::into(m.updated_at));
      },
      [&] {
        m.is_standing = standing != 0;
        m.is_hk_macao = hk != 0;
        m.phone = personal::unseal(key, phone);
        m.email = personal::unseal(key, email);
        m.id_number = personal::unseal(key, id_number);
        out.push_back(m);
      });
  if (out.empty()) return out;
  // Memberships of the whole page in one query.
  db::Params mp;
  std::vector<std::string> ids;
  ids.reserve(out.size());
  for (const auto& member : out) ids.push_back(mp.add(member.id));
  long long member_id = 0;
  NamedRef ref;
  std::string kind;
  db::select_rows(
      sql,
      fmt::format("SELECT mm.member_id, r.id, r.name, r.kind FROM member_memberships mm JOIN "
                  "reference_items r ON r.id = mm.item_id WHERE mm.member_id IN ({}) ORDER BY "
                  "r.sort_order, r.name",
                  fmt::join(ids, ", ")),
      mp,
      [&](soci::statement& st) {
        st.exchange(soci::into(member_id));
        st.exchange(soci::into(ref.id));
        st.exchange(soci::into(ref.name));
        st.exchange(soci::into(kind));
      },
      [&] {
        for (auto& member : out) {
          if (member.id != member_id) continue;
          (kind == "special_committee" ? member.special_committees : member.groups).push_back(ref);
        }
      });
  return out;
}

Json summary_json(const Member& m, bool show_private) {
  return Json{{"id", m.id},
              {"term_id", m.term_id},
              {"member_no", m.member_no},
              {"name", m.name},
              {"gender", m.gender},
              {"birth_date", m.birth_date.empty() ? Json(nullptr) : Json(m.birth_date)},
              {"party", ref_json(m.party)},
              {"sector", ref_json(m.sector)},
              {"employer", m.employer},
              {"title", m.title},
              {"is_standing", m.is_standing},
              {"is_hk_macao", m.is_hk_macao},
              {"status", m.status},
              {"phone", show_private ? m.phone : personal::mask_phone(m.phone)}};
}

Json profile_json(const Member& m, bool show_private) {
  Json json = summary_json(m, show_private);
  json["ethnicity"] = m.ethnicity;
  json["email"] = show_private ? m.email : personal::mask_email(m.email);
  json["id_number"] = show_private ? m.id_number : personal::mask_id_number(m.id_number);
  json["special_committees"] = refs_json(m.special_committees);
  json["groups"] = refs_json(m.groups);
  json["user"] =
      m.user_id != 0
          ? Json{{"id", m.user_id}, {"username", m.username}, {"display_name", m.user_display_name}}
          : Json(nullptr);
  json["status_date"] = m.status_date.empty() ? Json(nullptr) : Json(m.status_date);
  json["status_reason"] = m.status_reason;
  json["private_visible"] = show_private;
  json["created_at"] = m.created_at;
  json["updated_at"] = m.updated_at;
  return json;
}

Json audited(const Member& m) {
  Json json = profile_json(m, true);
  for (const char* key : {"id", "created_at", "updated_at", "private_visible", "user"}) {
    json.erase(key);
  }
  json["user_id"] = m.user_id != 0 ? Json(m.user_id) : Json(nullptr);
  json["party"] = m.party.id != 0 ? Json(m.party.id) : Json(nullptr);
  json["sector"] = m.sector.id != 0 ? Json(m.sector.id) : Json(nullptr);
  Json committees = Json::array();
  for (const auto& r : m.special_committees) committees.push_back(r.id);
  json["special_committees"] = committees;
  Json groups = Json::array();
  for (const auto& r : m.groups) groups.push_back(r.id);
  json["groups"] = groups;
  // Personal data is audited as present or absent, never by value; a change shows as a change of
  // the (salted) fingerprint below.
  for (const char* key : {"phone", "email", "id_number"}) {
    const std::string value = json[key].get<std::string>();
    json[key] = value.empty() ? "" : "(已填写)";
  }
  return json;
}

std::optional<Member> MemberService::find(soci::session& sql, long long committee_id,
                                          long long id) {
  db::Params params;
  const std::string tail = fmt::format(" WHERE m.id = {} AND m.committee_id = {}", params.add(id),
                                       params.add(committee_id));
  auto found = select_members(sql, key_, tail, params);
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Member> MemberService::find_by_number(soci::session& sql, long long term_id,
                                                    const std::string& member_no) {
  db::Params params;
  const std::string tail = fmt::format(" WHERE m.term_id = {} AND m.member_no = {}",
                                       params.add(term_id), params.add(member_no));
  auto found = select_members(sql, key_, tail, params);
  if (found.empty()) return std::nullopt;
  return found.front();
}

namespace {

void save_memberships(soci::session& sql, const Member& m) {
  sql << "DELETE FROM member_memberships WHERE member_id = :id", soci::use(m.id);
  for (const auto* refs : {&m.special_committees, &m.groups}) {
    for (const auto& r : *refs) {
      sql << "INSERT INTO member_memberships (member_id, item_id) VALUES (:m, :i)", soci::use(m.id),
          soci::use(r.id);
    }
  }
}

}  // namespace

long long MemberService::insert(soci::session& sql, Member& m) {
  const std::string name_key = collation::pinyin_key(m.name);
  const std::string phone = personal::seal(key_, m.phone);
  const std::string email = personal::seal(key_, m.email);
  const std::string id_number = personal::seal(key_, m.id_number);
  const int standing = m.is_standing ? 1 : 0;
  const int hk = m.is_hk_macao ? 1 : 0;
  soci::indicator user_ind = m.user_id != 0 ? soci::i_ok : soci::i_null;
  soci::indicator birth_ind = m.birth_date.empty() ? soci::i_null : soci::i_ok;
  soci::indicator party_ind = m.party.id != 0 ? soci::i_ok : soci::i_null;
  soci::indicator sector_ind = m.sector.id != 0 ? soci::i_ok : soci::i_null;
  soci::indicator date_ind = m.status_date.empty() ? soci::i_null : soci::i_ok;
  sql << "INSERT INTO members (committee_id, term_id, user_id, member_no, name, name_key, gender, "
         "ethnicity, birth_date, party_id, sector_id, employer, title, is_standing, is_hk_macao, "
         "phone_sealed, email_sealed, id_number_sealed, status, status_date, status_reason, "
         "created_at, updated_at) VALUES (:c, :t, :u, :no, :n, :k, :g, :e, :b, :p, :s, :emp, "
         ":ti, :st, :hk, :ph, :em, :idn, :status, :sd, :sr, :cr, :up) RETURNING id",
      soci::use(m.committee_id), soci::use(m.term_id), soci::use(m.user_id, user_ind),
      soci::use(m.member_no), soci::use(m.name), soci::use(name_key), soci::use(m.gender),
      soci::use(m.ethnicity), soci::use(m.birth_date, birth_ind), soci::use(m.party.id, party_ind),
      soci::use(m.sector.id, sector_ind), soci::use(m.employer), soci::use(m.title),
      soci::use(standing), soci::use(hk), soci::use(phone), soci::use(email), soci::use(id_number),
      soci::use(m.status), soci::use(m.status_date, date_ind), soci::use(m.status_reason),
      soci::use(m.created_at), soci::use(m.updated_at), soci::into(m.id);
  save_memberships(sql, m);
  return m.id;
}

void MemberService::save(soci::session& sql, const Member& m) {
  const std::string name_key = collation::pinyin_key(m.name);
  const std::string phone = personal::seal(key_, m.phone);
  const std::string email = personal::seal(key_, m.email);
  const std::string id_number = personal::seal(key_, m.id_number);
  const int standing = m.is_standing ? 1 : 0;
  const int hk = m.is_hk_macao ? 1 : 0;
  soci::indicator user_ind = m.user_id != 0 ? soci::i_ok : soci::i_null;
  soci::indicator birth_ind = m.birth_date.empty() ? soci::i_null : soci::i_ok;
  soci::indicator party_ind = m.party.id != 0 ? soci::i_ok : soci::i_null;
  soci::indicator sector_ind = m.sector.id != 0 ? soci::i_ok : soci::i_null;
  soci::indicator date_ind = m.status_date.empty() ? soci::i_null : soci::i_ok;
  sql << "UPDATE members SET user_id = :u, member_no = :no, name = :n, name_key = :k, gender = :g, "
         "ethnicity = :e, birth_date = :b, party_id = :p, sector_id = :s, employer = :emp, title = "
         ":ti, is_standing = :st, is_hk_macao = :hk, phone_sealed = :ph, email_sealed = :em, "
         "id_number_sealed = :idn, status = :status, status_date = :sd, status_reason = :sr, "
         "updated_at = :up WHERE id = :id",
      soci::use(m.user_id, user_ind), soci::use(m.member_no), soci::use(m.name),
      soci::use(name_key), soci::use(m.gender), soci::use(m.ethnicity),
      soci::use(m.birth_date, birth_ind), soci::use(m.party.id, party_ind),
      soci::use(m.sector.id, sector_ind), soci::use(m.employer), soci::use(m.title),
      soci::use(standing), soci::use(hk), soci::use(phone), soci::use(email), soci::use(id_number),
      soci::use(m.status), soci::use(m.status_date, date_ind), soci::use(m.status_reason),
      soci::use(m.updated_at), soci::use(m.id);
  save_memberships(sql, m);
}

Result<long long> MemberService::current_term_id(soci::session& sql, long long committee_id) {
  long long id = 0;
  sql << "SELECT id FROM terms WHERE committee_id = :c AND is_current = 1", soci::use(committee_id),
      soci::into(id);
  if (!sql.got_data()) return make_error(contract::err::kTermNoCurrent);
  return id;
}

}  // namespace lvzhi::member
