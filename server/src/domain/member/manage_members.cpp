// Creating and editing roster entries and changing a member's status (staff). Outcomes: created/
// updated (audited; personal data audited as changed, never by value) · 404 unknown member
// (another committee's do not exist) · 409 number taken in the term · 409 no current term · 422 bad
// fields (format, unknown or inactive reference of the wrong kind, account not a member of this
// committee or already linked in the term).
#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/dates.hpp"
#include "core/text.hpp"
#include "domain/audit/audit.hpp"
#include "domain/member/member.hpp"
#include "domain/seed/id_number.hpp"

namespace lvzhi::member {
namespace {

constexpr std::size_t kMaxNameChars = 32;
constexpr std::size_t kMaxNumberChars = 20;
constexpr std::size_t kMaxTextChars = 64;
constexpr std::size_t kMaxEthnicityChars = 16;
constexpr std::size_t kMaxReasonChars = 200;
constexpr std::size_t kMaxEmailChars = 64;

template <std::size_t N>
bool one_of(const std::string& value, const std::string_view (&options)[N]) {
  return std::find(std::begin(options), std::end(options), value) != std::end(options);
}

bool valid_member_no(const std::string& no) {
  return !no.empty() && no.size() <= kMaxNumberChars &&
         std::all_of(no.begin(), no.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                  c == '-';
         });
}

bool valid_phone(const std::string& phone) {
  static const std::regex kMobile("^1[3-9][0-9]{9}$");
  static const std::regex kFixed("^(\\+?[0-9]{2,4}[- ]?)?[0-9]{3,4}[- ]?[0-9]{6,8}$");
  return std::regex_match(phone, kMobile) || std::regex_match(phone, kFixed);
}

bool valid_email(const std::string& email) {
  static const std::regex kEmail("^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$");
  return email.size() <= kMaxEmailChars && std::regex_match(email, kEmail);
}

// A reference item of this committee and kind; active unless the member already had it.
std::optional<NamedRef> reference(soci::session& sql, long long committee_id, long long id,
                                  std::string_view kind, long long already) {
  std::string name;
  std::string found_kind;
  int active = 0;
  sql << "SELECT name, kind, is_active FROM reference_items WHERE id = :id AND committee_id = :c",
      soci::use(id), soci::use(committee_id), soci::into(name), soci::into(found_kind),
      soci::into(active);
  if (!sql.got_data() || found_kind != kind || (active == 0 && id != already)) return std::nullopt;
  return NamedRef{id, name};
}

void set_text(const std::optional<std::string>& value, std::string& out, const char* field,
              const char* label, std::size_t max, FieldErrors& errors) {
  if (!value) return;
  out = text::trim(*value);
  if (text::char_count(out) > max || text::has_control_chars(out)) {
    errors.add(field, fmt::format("{}不能超过 {} 个字符", label, max));
  }
}

}  // namespace

void MemberService::apply(soci::session& sql, Member& m, const MemberInput& input,
                          FieldErrors& errors, bool creating) {
  if (creating) {
    if (!input.member_no) errors.add("member_no", "请填写委员编号");
    if (!input.name) errors.add("name", "请填写姓名");
    if (!input.gender) errors.add("gender", "请选择性别");
  }
  if (input.member_no) {
    m.member_no = text::trim(*input.member_no);
    if (!valid_member_no(m.member_no)) {
      errors.add("member_no", "委员编号为 1–20 位字母、数字或 -");
    }
  }
  if (input.name) {
    m.name = text::trim(*input.name);
    if (m.name.empty() || text::char_count(m.name) > kMaxNameChars ||
        text::has_control_chars(m.name)) {
      errors.add("name", fmt::format("姓名须为 1 到 {} 个字符", kMaxNameChars));
    }
  }
  if (input.gender) {
    m.gender = *input.gender;
    if (!one_of(m.gender, kGenders)) errors.add("gender", "性别须为 male（男）或 female（女）");
  }
  set_text(input.ethnicity, m.ethnicity, "ethnicity", "民族", kMaxEthnicityChars, errors);
  set_text(input.employer, m.employer, "employer", "工作单位", kMaxTextChars, errors);
  set_text(input.title, m.title, "title", "职务", kMaxTextChars, errors);
  if (input.birth_date) {
    m.birth_date = text::trim(*input.birth_date);
    if (!m.birth_date.empty() && !dates::valid(m.birth_date)) {
      errors.add("birth_date", "出生日期须为 YYYY-MM-DD 格式的有效日期");
    } else if (!m.birth_date.empty() && m.birth_date > dates::today()) {
      errors.add("birth_date", "出生日期不能晚于今天");
    }
  }
  if (input.is_standing) m.is_standing = *input.is_standing;
  if (input.is_hk_macao) m.is_hk_macao = *input.is_hk_macao;
  if (input.phone) {
    m.phone = text::trim(*input.phone);
    if (!m.phone.empty() && !valid_phone(m.phone)) {
      errors.add("phone", "手机号码须为 11 位数字（固定电话可带区号）");
    }
  }
  if (input.email) {
    m.email = text::trim(*input.email);
    if (!m.email.empty() && !valid_email(m.email)) errors.add("email", "邮箱格式不正确");
  }
  if (input.id_number) {
    m.id_number = text::trim(*input.id_number);
    std::transform(m.id_number.begin(), m.id_number.end(), m.id_number.begin(),
                   [](char c) { return c == 'x' ? 'X' : c; });
    if (!m.id_number.empty() && !valid_id_number(m.id_number)) {
      errors.add("id_number", "身份证号码不正确（须为 18 位，且校验位、出生日期有效）");
    }
  }
  const auto set_ref = [&](const std::optional<long long>& id, NamedRef& out, const char* field,
                           std::string_view kind, const char* label) {
    if (!id) return;
    if (*id == 0) {
      out = NamedRef{};
      return;
    }
    auto found = reference(sql, m.committee_id, *id, kind, out.id);
    if (!found) {
      errors.add(field, fmt::format("{}不存在或已停用", label));
    } else {
      out = *found;
    }
  };
  set_ref(input.party_id, m.party, "party_id", "party", "党派");
  set_ref(input.sector_id, m.sector, "sector_id", "sector", "界别");
  const auto set_refs = [&](const std::optional<std::vector<long long>>& ids,
                            std::vector<NamedRef>& out, const char* field, std::string_view kind,
                            const char* label) {
    if (!ids) return;
    std::vector<NamedRef> next;
    for (const long long id : *ids) {
      if (std::any_of(next.begin(), next.end(), [&](const NamedRef& r) { return r.id == id; })) {
        continue;
      }
      const bool had =
          std::any_of(out.begin(), out.end(), [&](const NamedRef& r) { return r.id == id; });
      auto found = reference(sql, m.committee_id, id, kind, had ? id : 0);
      if (!found) {
        errors.add(field, fmt::format("{}不存在或已停用", label));
        return;
      }
      next.push_back(*found);
    }
    out = std::move(next);
  };
  set_refs(input.special_committee_ids, m.special_committees, "special_committee_ids",
           "special_committee", "专门委员会");
  set_refs(input.group_ids, m.groups, "group_ids", "member_group", "委员小组");
  if (input.user_id) {
    m.user_id = *input.user_id;
    m.username.clear();
    m.user_display_name.clear();
    if (m.user_id != 0) {
      long long committee = 0;
      long long is_member = 0;
      sql << "SELECT u.committee_id, u.username, u.display_name FROM users u WHERE u.id = :id",
          soci::use(m.user_id), soci::into(committee), soci::into(m.username),
          soci::into(m.user_display_name);
      sql << "SELECT COUNT(*) FROM user_roles WHERE user_id = :id AND role = 'member'",
          soci::use(m.user_id), soci::into(is_member);
      long long linked = 0;
      sql << "SELECT COUNT(*) FROM members WHERE user_id = :u AND term_id = :t AND id <> :id",
          soci::use(m.user_id), soci::use(m.term_id), soci::use(m.id), soci::into(linked);
      if (committee != m.committee_id || is_member == 0) {
        errors.add("user_id", "账号不存在，或不是本委员会具有“政协委员”角色的账号");
      } else if (linked > 0) {
        errors.add("user_id", "该账号已关联本届的另一位委员");
      }
    }
  }
}

Result<Member> MemberService::create(const Actor& actor, const MemberInput& input) {
  return db_.write([&](soci::session& sql) -> Result<Member> {
    Member m;
    m.committee_id = actor.committee_id;
    if (input.term_id) {
      long long count = 0;
      sql << "SELECT COUNT(*) FROM terms WHERE id = :id AND committee_id = :c",
          soci::use(*input.term_id), soci::use(actor.committee_id), soci::into(count);
      if (count == 0) return field_error("term_id", "届次不存在");
      m.term_id = *input.term_id;
    } else {
      auto term = current_term_id(sql, actor.committee_id);
      if (!term.ok()) return term.take_error();
      m.term_id = term.value();
    }
    FieldErrors errors;
    apply(sql, m, input, errors, true);
    if (!errors.empty()) return errors.error();
    if (find_by_number(sql, m.term_id, m.member_no)) {
      return make_error(contract::err::kMemberNumberTaken);
    }
    m.created_at = m.updated_at = now_seconds();
    insert(sql, m);
    audit::record(sql, db_.dialect(), actor,
                  {.action = "member.create",
                   .object_type = "member",
                   .object_id = std::to_string(m.id),
                   .changes = audit::diff(Json::object(), audited(m))});
    return m;
  });
}

namespace {

// Personal data differs without the audit row saying how.
void mark_private_changes(const Member& before, const Member& after, Json& changes) {
  const auto mark = [&](const char* key, const std::string& a, const std::string& b) {
    if (a != b) changes[key] = Json::array({a.empty() ? "" : "(原值)", b.empty() ? "" : "(新值)"});
  };
  mark("phone", before.phone, after.phone);
  mark("email", before.email, after.email);
  mark("id_number", before.id_number, after.id_number);
}

}  // namespace

Result<Member> MemberService::update(const Actor& actor, long long id, const MemberInput& input) {
  return db_.write([&](soci::session& sql) -> Result<Member> {
    const auto before = find(sql, actor.committee_id, id);
    if (!before) return make_error(contract::err::kMemberNotFound);
    Member m = *before;
    FieldErrors errors;
    if (input.term_id && *input.term_id != m.term_id) {
      errors.add("term_id", "不能修改委员所属届次；换届请使用换届功能");
    }
    apply(sql, m, input, errors, false);
    if (!errors.empty()) return errors.error();
    if (m.member_no != before->member_no && find_by_number(sql, m.term_id, m.member_no)) {
      return make_error(contract::err::kMemberNumberTaken);
    }
    Json changes = audit::diff(audited(*before), audited(m));
    mark_private_changes(*before, m, changes);
    if (changes.empty()) return m;
    m.updated_at = now_seconds();
    save(sql, m);
    audit::record(sql, db_.dialect(), actor,
                  {.action = "member.update",
                   .object_type = "member",
                   .object_id = std::to_string(id),
                   .changes = changes});
    return m;
  });
}

Result<Member> MemberService::change_status(const Actor& actor, long long id,
                                            const StatusChange& change) {
  FieldErrors errors;
  if (!one_of(change.status, kStatuses)) {
    errors.add("status",
               "状态须为 active（在任）、resigned（辞去）、removed（撤销）或 term_ended（届满）");
  }
  if (!dates::valid(change.date)) errors.add("date", "日期须为 YYYY-MM-DD 格式的有效日期");
  const std::string reason = text::trim(change.reason);
  if (change.status != "active" && reason.empty()) errors.add("reason", "请填写变更原因");
  if (text::char_count(reason) > kMaxReasonChars || text::has_control_chars(reason)) {
    errors.add("reason", fmt::format("原因不能超过 {} 个字符", kMaxReasonChars));
  }
  if (!errors.empty()) return errors.error();
  return db_.write([&](soci::session& sql) -> Result<Member> {
    const auto before = find(sql, actor.committee_id, id);
    if (!before) return make_error(contract::err::kMemberNotFound);
    Member m = *before;
    m.status = change.status;
    m.status_date = change.date;
    m.status_reason = reason;
    const Json changes = audit::diff(audited(*before), audited(m));
    if (changes.empty()) return m;
    m.updated_at = now_seconds();
    save(sql, m);
    audit::record(sql, db_.dialect(), actor,
                  {.action = "member.status",
                   .object_type = "member",
                   .object_id = std::to_string(id),
                   .changes = changes});
    return m;
  });
}

}  // namespace lvzhi::member
