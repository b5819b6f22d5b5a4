#pragma once
// The member roster (委员): one entry per member per term, linked to a login account. Phone, email
// and ID number are sealed at rest and masked for readers without member.view_private (a member
// always sees their own in full).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <soci/soci.h>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "http/route.hpp"

namespace lvzhi::member {

inline constexpr std::string_view kStatuses[] = {"active", "resigned", "removed", "term_ended"};
inline constexpr std::string_view kGenders[] = {"male", "female"};

struct NamedRef {
  long long id = 0;  // 0 = none
  std::string name;
};

struct Member {
  long long id = 0;
  long long committee_id = 0;
  long long term_id = 0;
  long long user_id = 0;  // 0 = no account
  std::string username;
  std::string user_display_name;
  std::string member_no;
  std::string name;
  std::string gender;
  std::string ethnicity;
  std::string birth_date;  // "" = unknown
  NamedRef party;
  NamedRef sector;
  std::string employer;
  std::string title;
  bool is_standing = false;
  bool is_hk_macao = false;
  std::string phone;  // plain inside the server
  std::string email;
  std::string id_number;
  std::vector<NamedRef> special_committees;
  std::vector<NamedRef> groups;
  std::string status = "active";
  std::string status_date;
  std::string status_reason;
  long long created_at = 0;
  long long updated_at = 0;
};

Json summary_json(const Member& member, bool show_private);
Json profile_json(const Member& member, bool show_private);

struct MemberQuery {
  long long committee_id = 0;
  long long term_id = 0;  // 0 = the current term
  long long sector_id = 0;
  long long party_id = 0;
  long long special_committee_id = 0;
  long long group_id = 0;
  std::string status;
  std::optional<bool> standing;
  std::optional<bool> hk_macao;
  std::string q;
  std::string sort = "pinyin";
  int page = 1;
  int page_size = 20;  // 0 = no limit (exports)
};
inline constexpr std::string_view kSorts[] = {"pinyin",     "-pinyin",    "member_no",
                                              "-member_no", "birth_date", "-birth_date"};

// Every field a caller may set; unset fields keep their value on update.
struct MemberInput {
  std::optional<long long> term_id;
  std::optional<std::string> member_no;
  std::optional<std::string> name;
  std::optional<std::string> gender;
  std::optional<std::string> ethnicity;
  std::optional<std::string> birth_date;  // "" = clear
  std::optional<long long> party_id;      // 0 = clear
  std::optional<long long> sector_id;
  std::optional<std::string> employer;
  std::optional<std::string> title;
  std::optional<bool> is_standing;
  std::optional<bool> is_hk_macao;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::optional<std::string> id_number;
  std::optional<std::vector<long long>> special_committee_ids;
  std::optional<std::vector<long long>> group_ids;
  std::optional<long long> user_id;  // 0 = unlink
};

struct StatusChange {
  std::string status;
  std::string date;
  std::string reason;
};

class MemberService {
 public:
  MemberService(db::Database& db, std::string data_key) : db_(db), key_(std::move(data_key)) {}

  Result<std::pair<std::vector<Member>, long long>> list(const MemberQuery& query);
  Result<Member> get(const Actor& actor, long long id);
  // The caller's own roster entry in the current term (or the latest one).
  Result<Member> mine(const Actor& actor);
  Result<Member> create(const Actor& actor, const MemberInput& input);
  Result<Member> update(const Actor& actor, long long id, const MemberInput& input);
  Result<Member> change_status(const Actor& actor, long long id, const StatusChange& change);
  // Up to 20 active member accounts of the committee whose username or name contains `q`, each
  // with the roster entry it is linked to in the term (0 = the current one), if any.
  Result<Json> account_options(const Actor& actor, long long term_id, const std::string& q);

  // Building blocks for the roster import and the seed, inside the caller's transaction.
  // Validates `input` onto `member` (reference ids must be the committee's), collecting errors.
  void apply(soci::session& sql, Member& member, const MemberInput& input, FieldErrors& errors,
             bool creating);
  long long insert(soci::session& sql, Member& member);
  void save(soci::session& sql, const Member& member);
  std::optional<Member> find(soci::session& sql, long long committee_id, long long id);
  std::optional<Member> find_by_number(soci::session& sql, long long term_id,
                                       const std::string& member_no);
  // The current term of the committee, or 409 term.no_current.
  Result<long long> current_term_id(soci::session& sql, long long committee_id);

  db::Database& db() { return db_; }
  [[nodiscard]] const std::string& data_key() const { return key_; }

 private:
  db::Database& db_;
  std::string key_;
};

// Audit form of a member: personal data appears as "(已填写)", never by value.
Json audited(const Member& member);

http::RouteTable member_routes(MemberService& members);

// Recomputes every stored pinyin sort key when the ICU collator's version differs from the one
// they were made with (an upgraded libicu); returns how many were rewritten (0 when up to date).
long long refresh_pinyin_keys(db::Database& db);

}  // namespace lvzhi::member
