// The demo proposals (seed_proposals.hpp). Each proposal is told as a story: a sequence of the
// moves of contract/workflows.json, each with its day, actor and capacity, changing the records
// exactly as the move's handler in domain/proposal does (state, proposers, assignments, the
// timeline row with its details). The stories are built in memory, numbered per session in filing
// order, then written.
#include "domain/seed/seed_proposals.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "core/result.hpp"
#include "core/text.hpp"
#include "core/workdays.hpp"
#include "domain/calendar/calendar.hpp"
#include "domain/org/term.hpp"
#include "domain/proposal/proposal_internal.hpp"
#include "domain/seed/demo_data.hpp"
#include "domain/seed/seed_proposal_texts.hpp"

namespace lvzhi::seed {
namespace {

// --- days and instants (Asia/Shanghai, UTC+8 without daylight saving) -------------------------

constexpr long long kShanghaiOffset = 8 * 3600;
constexpr long long kSecondsPerDay = 86400;
constexpr int kModelYear = 2021;
constexpr std::uint32_t kModelYearSeed = 20210111;
constexpr std::uint32_t kLiveSeed = 20260105;

std::chrono::sys_days to_days(const std::string& day) {
  if (!dates::valid(day)) throw std::invalid_argument("seed: bad date " + day);
  const int y = std::stoi(day.substr(0, 4));
  const auto m = static_cast<unsigned>(std::stoi(day.substr(5, 2)));
  const auto d = static_cast<unsigned>(std::stoi(day.substr(8, 2)));
  return std::chrono::sys_days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

std::string day_text(std::chrono::sys_days days) {
  const std::chrono::year_month_day ymd{days};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string add_days(const std::string& day, int n) {
  return day_text(to_days(day) + std::chrono::days{n});
}

int days_between(const std::string& from, const std::string& to) {
  return static_cast<int>((to_days(to) - to_days(from)).count());
}

// `minute` minutes after local midnight of `day`.
long long instant(const std::string& day, int minute) {
  return static_cast<long long>(to_days(day).time_since_epoch().count()) * kSecondsPerDay +
         minute * 60LL - kShanghaiOffset;
}

std::string day_of(long long at) {
  const long long days = (at + kShanghaiOffset) / kSecondsPerDay;
  return day_text(std::chrono::sys_days{std::chrono::days{days}});
}

// --- the committee as seed_demo wrote it -------------------------------------------------------

struct Person {
  long long id = 0;  // 0: no account (a unit without demo accounts); never the system
  std::string name;
  std::string post;
};

struct Unit {
  long long id = 0;
  std::string name;
  std::string short_name;
  std::string contact;
  Person clerk;
  Person head;
  [[nodiscard]] bool has_accounts() const { return clerk.id != 0; }
};

struct Member {
  long long id = 0;
  std::string member_no;
  std::string name;
  long long user_id = 0;
  long long party_id = 0;
};

struct Session {
  long long id = 0;
  int term = 0;
  int number = 0;
  std::string start;
  std::string end;
  [[nodiscard]] std::string name() const {
    return fmt::format("{}届{}次会议", org::chinese_number(term), org::chinese_number(number));
  }
};

struct World {
  long long committee = 0;
  std::string today;
  proposal::Settings settings;
  workdays::Calendar calendar;
  std::vector<Session> sessions;  // by start date
  std::map<std::string, long long, std::less<>> categories;
  std::map<std::string, long long, std::less<>> parties;
  std::map<long long, std::string> party_names;
  std::vector<Unit> units;
  Person office;                // 提案委员会办公室: most of the staff's moves
  Person office2;               // its second officer: paper proposals and ratings
  Person commender;             // proposes the year's commendations
  std::vector<Person> leaders;  // chair first
  std::vector<Member> term8;
  std::vector<Member> term9;

  [[nodiscard]] const Unit& unit(std::string_view name) const {
    for (const auto& u : units) {
      if (u.name == name) return u;
    }
    throw std::logic_error(fmt::format("seed: no handling unit {}", name));
  }
  [[nodiscard]] const Session& session_on(const std::string& day) const {
    const Session* found = nullptr;
    for (const auto& s : sessions) {
      if (s.start <= day) found = &s;
    }
    if (found == nullptr) throw std::logic_error("seed: no session on " + day);
    return *found;
  }
  [[nodiscard]] std::string deadline(const std::string& from, int months) const {
    return calendar.on_or_after(workdays::add_months(from, months).value_or(from));
  }
  [[nodiscard]] std::string workday_on_or_before(std::string day) const {
    while (!calendar.is_workday(day)) day = add_days(day, -1);
    return day;
  }
  [[nodiscard]] std::string workday_after(const std::string& day, int n) const {
    return calendar.add_workdays(day, n);
  }
  [[nodiscard]] const Person& leader(std::size_t i) const { return leaders[i % leaders.size()]; }
};

void load_world(soci::session& sql, World& w) {
  w.settings = proposal::load_settings(sql, w.committee);
  w.calendar = calendar::load(sql);
  {
    Session s;
    soci::statement st =
        (sql.prepare << "SELECT s.id, t.number, s.number, s.start_date, s.end_date FROM "
                        "plenary_sessions s JOIN terms t ON t.id = s.term_id WHERE "
                        "s.committee_id = :c ORDER BY s.start_date",
         soci::use(w.committee), soci::into(s.id), soci::into(s.term), soci::into(s.number),
         soci::into(s.start), soci::into(s.end));
    st.execute();
    while (st.fetch()) w.sessions.push_back(s);
  }
  {
    long long id = 0;
    std::string kind;
    std::string name;
    soci::statement st =
        (sql.prepare << "SELECT id, kind, name FROM reference_items WHERE "
                        "committee_id = :c AND kind IN ('proposal_category', "
                        "'party') ORDER BY id",
         soci::use(w.committee), soci::into(id), soci::into(kind), soci::into(name));
    st.execute();
    while (st.fetch()) {
      if (kind == "party") {
        w.parties[name] = id;
        w.party_names[id] = name;
      } else {
        w.categories[name] = id;
      }
    }
  }
  {
    Unit u;
    soci::statement st = (sql.prepare << "SELECT id, name, short_name, contact_name FROM "
                                         "handling_units WHERE committee_id = :c ORDER BY id",
                          soci::use(w.committee), soci::into(u.id), soci::into(u.name),
                          soci::into(u.short_name), soci::into(u.contact));
    st.execute();
    while (st.fetch()) w.units.push_back(u);
  }
  std::map<std::string, std::string> posts;
  for (const auto& a : demo_data().accounts) posts[a.username] = a.post;
  {
    long long id = 0;
    long long unit = 0;
    std::string username;
    std::string name;
    std::string role;
    soci::statement st =
        (sql.prepare << "SELECT u.id, u.username, u.display_name, r.role, COALESCE(u.unit_id, 0) "
                        "FROM users u JOIN user_roles r ON r.user_id = u.id WHERE "
                        "u.committee_id = :c AND r.role IN ('staff', 'leader', 'unit_clerk', "
                        "'unit_head') ORDER BY u.id",
         soci::use(w.committee), soci::into(id), soci::into(username), soci::into(name),
         soci::into(role), soci::into(unit));
    st.execute();
    while (st.fetch()) {
      const Person p{id, name, posts[username]};
      if (role == "leader") w.leaders.push_back(p);
      if (username == "tianhe_staff2") w.office = p;
      if (username == "tianhe_staff3") w.office2 = p;
      if (username == "tianhe_staff1") w.commender = p;
      for (auto& u : w.units) {
        if (u.id != unit) continue;
        if (role == "unit_clerk") u.clerk = p;
        if (role == "unit_head") u.head = p;
      }
    }
  }
  if (w.office.id == 0 || w.office2.id == 0 || w.leaders.empty()) {
    throw std::logic_error("seed: the demo staff and leader accounts are missing");
  }
  if (w.commender.id == 0) w.commender = w.office;
  {
    Member m;
    int term = 0;
    soci::statement st =
        (sql.prepare << "SELECT m.id, m.member_no, m.name, COALESCE(m.user_id, 0), "
                        "COALESCE(m.party_id, 0), t.number FROM members m JOIN terms t ON t.id = "
                        "m.term_id WHERE m.committee_id = :c ORDER BY t.number, m.member_no",
         soci::use(w.committee), soci::into(m.id), soci::into(m.member_no), soci::into(m.name),
         soci::into(m.user_id), soci::into(m.party_id), soci::into(term));
    st.execute();
    while (st.fetch()) (term == kTerm8Number ? w.term8 : w.term9).push_back(m);
  }
}

// --- the records of one proposal ---------------------------------------------------------------

// Timeline details that name rows written later.
enum class Ref { kNone, kNumber, kAssignedUnits, kPrimary, kMerged, kReplacement };

struct EventRow {
  long long at = 0;
  int assignment = -1;  // index into ProposalRow::assignments
  std::string action;
  std::string from;
  std::string to;
  bool system = false;
  Person actor;
  std::string capacity;
  std::string comment;
  Json details = Json::object();
  Ref ref = Ref::kNone;
  int ref_index = -1;  // a proposal (merge) or an assignment (reassignment)
};

struct ProposerRow {
  const Member* member = nullptr;
  std::string role;  // first | cosigner | merged
  std::string status;
  long long answered_at = 0;
  std::string rating;
  int rating_round = 0;
  std::string rating_comment;
  long long rated_at = 0;
  long long rated_by = 0;
};

struct AssignmentRow {
  const Unit* unit = nullptr;
  std::string role;  // single | separate | lead | co
  std::string state = "pending";
  std::string assigned_on;
  std::string deadline;
  std::string extension_status;
  std::string extension_reason;
  std::string opinion;
  std::string reply_class;
  std::string reply_text;
  std::string contact_method;
  std::string contact_date;
  std::string contact_note;
  long long signed_by = 0;
  std::string replied_on;
  int replaced_by = -1;
  long long created_at = 0;
  long long updated_at = 0;
  long long db_id = 0;
  [[nodiscard]] bool replying() const { return role != "co"; }
  [[nodiscard]] bool live() const { return state != "cancelled"; }
};

struct SupervisionRow {
  long long leader = 0;
  std::string day;
  std::string note;
  long long at = 0;
};

struct ProposalRow {
  int index = 0;
  const ProposalTopic* topic = nullptr;
  const Session* session = nullptr;
  std::string kind;
  std::string proposer_kind = "member";
  long long collective_id = 0;
  std::string collective_name;
  Person owner;
  std::string title;
  std::string analysis;
  std::string suggestions;
  long long category_id = 0;
  std::string state = "draft";
  long long number = 0;  // -1: filed, numbered once all stories are told
  long long submitted_at = 0;
  long long filed_at = 0;
  long long closed_at = 0;
  std::string not_file_ground;
  std::string disposition;
  int merged_into = -1;
  std::string assign_mode;
  int rating_round = 1;
  bool consultation_required = false;
  bool is_key = false;
  long long supervisor = 0;
  bool published = false;
  long long published_at = 0;
  long long created_at = 0;
  long long updated_at = 0;
  std::vector<ProposerRow> proposers;
  std::vector<AssignmentRow> assignments;
  std::vector<EventRow> events;
  std::vector<SupervisionRow> supervisions;
  long long db_id = 0;
  bool model_year = false;
};

// Titles are used once: (topic, variant) pairs.
// Titles are used once: (topic, variant) pairs. The choices have their own random sequence, so
// that which titles the live session takes — and so the model year's — do not depend on the day.
class TitlePool {
 public:
  explicit TitlePool(const std::vector<ProposalTopic>& topics)
      : topics_(topics), rng_(kTitleSeed) {}

  // A title of a topic led by `lead` (any lead when empty) in `category` (any when empty) that
  // fits `era`: a topic not used yet if there is one, else an unused variant of a used one.
  std::pair<const ProposalTopic*, std::size_t> take(std::string_view lead, Era era,
                                                    std::string_view category = {}) {
    for (const bool fresh : {true, false}) {
      std::vector<std::size_t> candidates;
      for (std::size_t i = 0; i < topics_.size(); ++i) {
        const auto& t = topics_[i];
        if (!lead.empty() && t.lead != lead) continue;
        if (!category.empty() && t.category != category) continue;
        if (t.era != Era::kAny && t.era != era) continue;
        if (free_variants(i) == 0 || (fresh && used_topics_.contains(i))) continue;
        candidates.push_back(i);
      }
      if (!candidates.empty()) return take_variant(candidates[rng_.below(candidates.size())]);
    }
    throw std::logic_error(fmt::format("seed: no title left for {} {}", lead, category));
  }

  // Another title of the same topic (a similar proposal, merged into the first), else one of
  // the same unit's, else one of the same category.
  std::pair<const ProposalTopic*, std::size_t> take_same(const ProposalTopic* topic, Era era) {
    const auto i = static_cast<std::size_t>(topic - topics_.data());
    if (free_variants(i) > 0) return take_variant(i);
    if (has_free(topic->lead, era)) return take(topic->lead, era);
    return take("", era, topic->category);
  }

 private:
  static constexpr std::uint32_t kTitleSeed = 20211231;

  [[nodiscard]] std::size_t free_variants(std::size_t i) const {
    std::size_t n = 0;
    for (std::size_t v = 0; v < 3; ++v) n += used_.contains({i, v}) ? 0 : 1;
    return n;
  }
  [[nodiscard]] bool has_free(std::string_view lead, Era era) const {
    for (std::size_t i = 0; i < topics_.size(); ++i) {
      const auto& t = topics_[i];
      if (t.lead == lead && (t.era == Era::kAny || t.era == era) && free_variants(i) > 0) {
        return true;
      }
    }
    return false;
  }
  std::pair<const ProposalTopic*, std::size_t> take_variant(std::size_t i) {
    std::vector<std::size_t> free;
    for (std::size_t v = 0; v < 3; ++v) {
      if (!used_.contains({i, v})) free.push_back(v);
    }
    const auto v = free[rng_.below(free.size())];
    used_.insert({i, v});
    used_topics_.insert(i);
    return {&topics_[i], v};
  }

  const std::vector<ProposalTopic>& topics_;
  TextRng rng_;
  std::set<std::pair<std::size_t, std::size_t>> used_;
  std::set<std::size_t> used_topics_;
};

// --- telling a proposal's story ----------------------------------------------------------------

class Story {
 public:
  Story(World& w, TextRng& rng, ProposalRow& p) : w_(w), rng_(rng), p_(p) {}

  ProposalRow& row() { return p_; }
  [[nodiscard]] const ProposalRow& row() const { return p_; }
  AssignmentRow& assignment(std::size_t i) { return p_.assignments[i]; }
  [[nodiscard]] std::string last_day() const { return last_ == 0 ? "" : day_of(last_); }

  // The owner drafts it (create): the session is the one running that day, or the latest begun.
  void create(const std::string& day) {
    const auto s = stamp(day);
    p_.session = &w_.session_on(s.day);
    p_.kind = s.day <= p_.session->end ? "plenary" : "inter_session";
    p_.created_at = s.at;
    for (auto& r : p_.proposers) {
      if (r.role == "first") r.answered_at = s.at;
    }
    event(s, -1, "create", "", "draft", &p_.owner, "first_proposer", "",
          Json{{"title", p_.title},
               {"kind", p_.kind},
               {"category_id", p_.category_id},
               {"proposer_kind", p_.proposer_kind},
               {"collective_id", p_.collective_id},
               {"analysis_chars", text::char_count(p_.analysis)},
               {"suggestions_chars", text::char_count(p_.suggestions)}});
  }

  void submit(const std::string& day) {
    const auto s = stamp(day);
    const bool waiting = std::any_of(p_.proposers.begin(), p_.proposers.end(), [](auto& r) {
      return r.role == "cosigner" && r.status == "invited";
    });
    p_.submitted_at = s.at;
    move(s, waiting ? "awaiting_cosigners" : "submitted", "submit", &p_.owner, "first_proposer");
  }

  // A co-signer answers; the last answer sends the proposal on (cosigners_answered).
  void answer(std::size_t proposer, const std::string& day, bool accept = true) {
    const auto s = stamp(day);
    auto& r = p_.proposers[proposer];
    r.status = accept ? "accepted" : "declined";
    r.answered_at = s.at;
    const Person who{r.member->user_id, r.member->name, ""};
    event(s, -1, "answer_cosign", p_.state, p_.state, &who, "cosigner", "",
          Json{{"accept", accept}});
    const bool waiting = std::any_of(p_.proposers.begin(), p_.proposers.end(),
                                     [](auto& o) { return o.status == "invited"; });
    if (!waiting) system_move(s, "submitted", "cosigners_answered");
  }

  void withdraw(const std::string& day) {
    move(stamp(day), "withdrawn", "withdraw", &p_.owner, "first_proposer");
  }

  void send_back(const std::string& day, std::string_view comment) {
    move(stamp(day), "returned", "return", &w_.office, "staff", std::string(comment));
  }

  void resubmit(const std::string& day) {
    move(stamp(day), "submitted", "resubmit", &p_.owner, "first_proposer");
  }

  void accept(const std::string& day) {
    move(stamp(day), "under_review", "accept", &w_.office, "staff");
  }

  void file(const std::string& day) {
    const auto s = stamp(day);
    p_.number = -1;
    p_.filed_at = s.at;
    const auto from = p_.state;
    p_.state = "filed";
    event(s, -1, "file", from, "filed", &w_.office, "staff", "", Json{{"number", 0}}, Ref::kNumber);
  }

  void not_file(const std::string& day, const std::string& ground) {
    const auto s = stamp(day);
    p_.not_file_ground = ground;
    const auto from = p_.state;
    p_.state = "not_filed";
    event(s, -1, "not_file", from, "not_filed", &w_.office, "staff",
          std::string(not_file_comment(ground)), Json{{"ground", ground}});
  }

  void convert(const std::string& day, const std::string& disposition) {
    const auto s = stamp(day);
    p_.disposition = disposition;
    event(s, -1, "convert", p_.state, p_.state, &w_.office, "staff", "",
          Json{{"disposition", disposition}});
  }

  // This proposal is merged into `primary`, whose proposers gain this one's (role merged).
  void merge_into(Story& primary, const std::string& day) {
    const auto s = stamp(day);
    const auto ps = primary.stamp(s.day);
    p_.merged_into = primary.p_.index;
    const auto from = p_.state;
    p_.state = "merged";
    event(s, -1, "merge_into", from, "merged", &w_.office, "staff", "", Json::object(),
          Ref::kPrimary, primary.p_.index);
    for (const auto& r : p_.proposers) {
      if (r.status != "accepted") continue;
      const bool present =
          std::any_of(primary.p_.proposers.begin(), primary.p_.proposers.end(),
                      [&](const ProposerRow& o) { return o.member->id == r.member->id; });
      if (present) continue;
      ProposerRow merged;
      merged.member = r.member;
      merged.role = "merged";
      merged.status = "accepted";
      merged.answered_at = ps.at;
      primary.p_.proposers.push_back(merged);
    }
    primary.event(ps, -1, "merge_into", primary.p_.state, primary.p_.state, &w_.office, "staff", "",
                  Json::object(), Ref::kMerged, p_.index);
  }

  // units: (unit, role) with roles as the mode requires (single; separate…; lead + co…).
  void assign(const std::string& day, const std::string& mode,
              const std::vector<std::pair<const Unit*, std::string>>& units) {
    const auto s = stamp(day);
    p_.assign_mode = mode;
    for (const auto& [unit, role] : units) add_assignment(s, unit, role);
    const auto from = p_.state;
    p_.state = "assigned";
    event(s, -1, "assign", from, "assigned", &w_.office, "staff", "", Json{{"mode", mode}},
          Ref::kAssignedUnits);
  }

  void mark_key(const std::string& day, const Person& leader, bool by_leader) {
    const auto s = stamp(day);
    p_.is_key = true;
    p_.supervisor = leader.id;
    event(s, -1, "mark_key", p_.state, p_.state, by_leader ? &leader : &w_.office,
          by_leader ? "leader" : "staff", "", Json{{"supervisor_user_id", leader.id}});
  }

  // The supervising leader's visit (督办) to the lead unit.
  void supervise(const std::string& day) {
    const auto s = stamp(day);
    const Person* leader = nullptr;
    for (const auto& l : w_.leaders) {
      if (l.id == p_.supervisor) leader = &l;
    }
    if (leader == nullptr) throw std::logic_error("seed: supervision without a key leader");
    const auto& lead = *p_.assignments.front().unit;
    const auto note = compose_supervision_note(*p_.topic, leader->post, lead.name, rng_);
    p_.supervisions.push_back({leader->id, s.day, note, s.at});
    event(s, -1, "record_supervision", p_.state, p_.state, leader, "supervising_leader", note,
          Json{{"visit_date", s.day}});
  }

  void acknowledge(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    assignment_move(s, i, "handling", "acknowledge", clerk(a), "unit_clerk");
    settle(s);
  }

  void request_reassign(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    assignment_move(s, i, "reassign_requested", "request_reassign", head(a), "unit_head",
                    std::string(reassign_reason(rng_)));
  }

  std::size_t approve_reassign(std::size_t i, const std::string& day, const Unit& to) {
    const auto s = stamp(day);
    const auto next = add_assignment(s, &to, p_.assignments[i].role);
    auto& a = p_.assignments[i];
    a.replaced_by = static_cast<int>(next);
    const auto from = a.state;
    a.state = "cancelled";
    a.updated_at = s.at;
    event(s, static_cast<int>(i), "approve_reassign", from, "cancelled", &w_.office, "staff", "",
          Json{{"new_unit_id", to.id}}, Ref::kReplacement, static_cast<int>(next));
    return next;
  }

  void send_opinion(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    a.opinion = compose_opinion(*p_.topic, a.unit->name, rng_);
    assignment_move(s, i, "done", "send_opinion", clerk(a), "unit_clerk", a.opinion);
  }

  void request_extension(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    a.extension_status = "requested";
    a.extension_reason = std::string(extension_reason(rng_));
    assignment_move(s, i, a.state, "request_extension", head(a), "unit_head", a.extension_reason);
  }

  void approve_extension(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    const auto longer = w_.deadline(a.assigned_on, w_.settings.extended_months);
    Json details{{"deadline", Json::array({a.deadline, longer})}};
    a.extension_status = "approved";
    a.deadline = longer;
    assignment_move(s, i, a.state, "approve_extension", &w_.office, "staff", "", details);
  }

  // The clerk writes the reply (class, text, contact record) and hands it to the head.
  void draft_reply(std::size_t i, const std::string& day, const std::string& reply_class) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    static constexpr auto kMethods = std::to_array<std::pair<const char*, int>>(
        {{"face_to_face", 35}, {"meeting", 15}, {"phone", 30}, {"email", 10}, {"letter", 10}});
    int roll = rng_.between(1, 100);
    for (const auto& [method, weight] : kMethods) {
      if (roll <= weight) {
        a.contact_method = method;
        break;
      }
      roll -= weight;
    }
    // The unit talked to the proposer a few days before, never before it took the proposal on.
    std::string contact = add_days(s.day, -rng_.between(2, 12));
    if (contact < a.assigned_on) contact = a.assigned_on;
    a.contact_date = contact;
    a.contact_note = compose_contact_note(a.contact_method, a.unit->short_name, addressee(), rng_);
    a.reply_class = reply_class;
    a.reply_text = compose_reply(*p_.topic,
                                 ReplyContext{.title = p_.title,
                                              .number_label = number_placeholder(),
                                              .addressee = addressee(),
                                              .unit_name = a.unit->name,
                                              .reply_class = reply_class,
                                              .year = std::stoi(s.day.substr(0, 4)),
                                              .collective = p_.proposer_kind == "collective"},
                                 rng_);
    assignment_move(s, i, "reply_draft", "draft_reply", clerk(a), "unit_clerk");
  }

  void sign_off(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    a.signed_by = head(a)->id;
    assignment_move(s, i, "reply_review", "sign_off", head(a), "unit_head");
  }

  void return_draft(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    assignment_move(s, i, "handling", "return_draft", head(a), "unit_head",
                    std::string(return_draft_comment(rng_)));
  }

  void accept_reply(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    auto& a = p_.assignments[i];
    a.replied_on = s.day;
    assignment_move(s, i, "replied", "accept_reply", &w_.office, "staff");
    settle(s);
  }

  void return_reply(std::size_t i, const std::string& day) {
    const auto s = stamp(day);
    assignment_move(s, i, "handling", "return_reply", &w_.office, "staff",
                    std::string(return_reply_comment(rng_)));
  }

  // A proposer rates the reply (staff enter it for one without an account); the proposal then
  // closes, goes back to the units, asks for a consultation or waits for the others.
  void rate(std::size_t proposer, const std::string& day, const std::string& rating) {
    const auto s = stamp(day);
    auto& r = p_.proposers[proposer];
    const bool on_behalf = r.member->user_id == 0;
    const int round = p_.rating_round;
    std::string comment = rating == "dissatisfied" ? std::string(dissatisfied_comment(round, rng_))
                                                   : std::string(rating_comment(rating, rng_));
    r.rating = rating;
    r.rating_round = round;
    r.rating_comment = comment;
    r.rated_at = s.at;
    r.rated_by = on_behalf ? w_.office2.id : 0;
    const char* label = rating == "satisfied"             ? "满意"
                        : rating == "basically_satisfied" ? "基本满意"
                                                          : "不满意";
    const std::string text = fmt::format("{}：{}{}", r.member->name, label,
                                         comment.empty() ? std::string() : "。" + comment);
    const Person who{r.member->user_id, r.member->name, ""};
    const Person* actor = on_behalf ? &w_.office2 : &who;
    const std::string action = on_behalf ? "rate_on_behalf" : "rate";
    const std::string capacity = on_behalf ? "staff" : "proposer";
    const auto from = p_.state;
    const bool dissatisfied = std::any_of(p_.proposers.begin(), p_.proposers.end(), [&](auto& o) {
      return o.rating_round == round && o.rating == "dissatisfied";
    });
    const bool all_rated = std::all_of(p_.proposers.begin(), p_.proposers.end(), [&](auto& o) {
      return o.status != "accepted" || o.rating_round >= round;
    });
    if (dissatisfied && round == 1) {
      p_.rating_round = 2;
      p_.state = "rehandling";
      event(s, -1, action, from, "rehandling", actor, capacity, text);
      const auto deadline = w_.deadline(s.day, w_.settings.rehandle_months);
      for (std::size_t i = 0; i < p_.assignments.size(); ++i) {
        auto& a = p_.assignments[i];
        if (a.state != "replied" || !a.replying()) continue;
        a.state = "handling";
        a.deadline = deadline;
        a.updated_at = s.at;
        system_event(s, static_cast<int>(i), "reopen", "replied", "handling",
                     Json{{"deadline", deadline}});
      }
      return;
    }
    if (dissatisfied) {
      p_.consultation_required = true;
      event(s, -1, action, from, from, actor, capacity, text);
      return;
    }
    if (all_rated) {
      p_.closed_at = s.at;
      p_.state = "closed";
      event(s, -1, action, from, "closed", actor, capacity, text);
      return;
    }
    event(s, -1, action, from, from, actor, capacity, text);
  }

  void close_after_consultation(const std::string& day) {
    const auto s = stamp(day);
    p_.closed_at = s.at;
    p_.consultation_required = false;
    move(s, "closed", "close_after_consultation", &w_.office, "staff",
         std::string(consultation_record(rng_)));
  }

  void publish(const std::string& day) {
    const auto s = stamp(day);
    p_.published = true;
    p_.published_at = s.at;
    event(s, -1, "publish", p_.state, p_.state, &w_.office, "staff");
  }

  void follow_up(const std::string& day) {
    const auto s = stamp(day);
    event(s, -1, "follow_up", p_.state, p_.state, &w_.office, "staff",
          std::string(follow_up_note(rng_)));
  }

  // Addressed as the reply and the contact record name the proposer.
  [[nodiscard]] std::string addressee() const {
    if (p_.proposer_kind == "collective") return p_.collective_name + "天河区基层委员会";
    const auto& first = p_.proposers.front();
    const bool joint = std::any_of(p_.proposers.begin(), p_.proposers.end(), [](auto& r) {
      return r.role != "first" && r.status == "accepted";
    });
    return fmt::format("{}委员{}", first.member->name, joint ? "等" : "");
  }

 private:
  struct Stamp {
    std::string day;
    long long at = 0;
  };

  // The instant of a step on `day` (office hours, after the story's previous step); a step can
  // never happen before the previous one, so a day before it becomes the previous step's day.
  Stamp stamp(const std::string& day) {
    std::string d = day;
    if (last_ != 0 && d < day_of(last_)) d = day_of(last_);
    constexpr int kNine = 9 * 60;
    constexpr int kOfficeMinutes = 7 * 60;
    long long at = instant(d, kNine + rng_.between(0, kOfficeMinutes));
    if (at <= last_) at = last_ + 60LL * rng_.between(3, 30);
    last_ = at;
    return {day_of(at), at};
  }

  void event(const Stamp& s, int assignment, const std::string& action, const std::string& from,
             const std::string& to, const Person* actor, const std::string& capacity,
             std::string comment = {}, Json details = Json::object(), Ref ref = Ref::kNone,
             int ref_index = -1) {
    EventRow e;
    e.at = s.at;
    e.assignment = assignment;
    e.action = action;
    e.from = from;
    e.to = to;
    e.actor = actor != nullptr ? *actor : Person{};
    e.capacity = capacity;
    e.comment = std::move(comment);
    e.details = std::move(details);
    e.ref = ref;
    e.ref_index = ref_index;
    p_.events.push_back(std::move(e));
    p_.updated_at = s.at;
  }

  void system_event(const Stamp& s, int assignment, const std::string& action,
                    const std::string& from, const std::string& to, Json details = Json::object()) {
    EventRow e;
    e.at = s.at;
    e.assignment = assignment;
    e.action = action;
    e.from = from;
    e.to = to;
    e.system = true;
    e.capacity = "system";
    e.details = std::move(details);
    p_.events.push_back(std::move(e));
    p_.updated_at = s.at;
  }

  void move(const Stamp& s, const std::string& to, const std::string& action, const Person* actor,
            const std::string& capacity, std::string comment = {}) {
    const auto from = p_.state;
    p_.state = to;
    event(s, -1, action, from, to, actor, capacity, std::move(comment));
  }

  void system_move(const Stamp& s, const std::string& to, const std::string& action) {
    const auto from = p_.state;
    p_.state = to;
    system_event(s, -1, action, from, to);
  }

  void assignment_move(const Stamp& s, std::size_t i, const std::string& to,
                       const std::string& action, const Person* actor, const std::string& capacity,
                       std::string comment = {}, Json details = Json::object()) {
    auto& a = p_.assignments[i];
    const auto from = a.state;
    a.state = to;
    a.updated_at = s.at;
    event(s, static_cast<int>(i), action, from, to, actor, capacity, std::move(comment),
          std::move(details));
  }

  std::size_t add_assignment(const Stamp& s, const Unit* unit, const std::string& role) {
    AssignmentRow a;
    a.unit = unit;
    a.role = role;
    a.assigned_on = s.day;
    a.deadline = w_.deadline(s.day, w_.settings.reply_months);
    a.created_at = a.updated_at = s.at;
    p_.assignments.push_back(a);
    return p_.assignments.size() - 1;
  }

  // The proposal follows its assignments (all_acknowledged, all_replied).
  void settle(const Stamp& s) {
    const auto live = [&](auto&& pred) {
      return std::all_of(p_.assignments.begin(), p_.assignments.end(),
                         [&](const AssignmentRow& a) { return !a.live() || pred(a); });
    };
    if (p_.state == "assigned" && live([](const AssignmentRow& a) {
          return a.state != "pending" && a.state != "reassign_requested";
        })) {
      system_move(s, "handling", "all_acknowledged");
      return;
    }
    if ((p_.state == "handling" || p_.state == "rehandling") &&
        live([](const AssignmentRow& a) { return !a.replying() || a.state == "replied"; })) {
      system_move(s, "replied", "all_replied");
    }
  }

  // A unit's people; a unit without demo accounts acted through people the demo does not have:
  // the step names its contact person and no account.
  const Person* clerk(const AssignmentRow& a) {
    scratch_ = a.unit->has_accounts() ? a.unit->clerk : Person{0, a.unit->contact, ""};
    return &scratch_;
  }
  const Person* head(const AssignmentRow& a) {
    scratch_ = a.unit->has_accounts() ? a.unit->head : Person{0, a.unit->contact, ""};
    return &scratch_;
  }

  // The number is given at filing, before any reply; replies name it once numbered (write()).
  [[nodiscard]] static std::string_view number_placeholder() { return "{number}"; }

  World& w_;
  TextRng& rng_;
  ProposalRow& p_;
  long long last_ = 0;
  Person scratch_;
};

// --- the stories of a year ---------------------------------------------------------------------

class Teller {
 public:
  Teller(World& w, std::deque<ProposalRow>& rows, TitlePool& titles, TextRng& rng, Era era)
      : w_(w), rows_(rows), titles_(titles), rng_(rng), era_(era) {}

  // A new proposal on a topic led by `lead` ("" = any), first proposer `first`, owner their
  // account (or staff typing in a paper proposal), with co-signers invited.
  Story story(std::string_view lead, const Member& first,
              const std::vector<const Member*>& cosigners, long long collective = 0) {
    const auto [topic, variant] = titles_.take(lead, era_);
    return story_on(topic, variant, first, cosigners, collective);
  }

  Story story_on(const ProposalTopic* topic, std::size_t variant, const Member& first,
                 const std::vector<const Member*>& cosigners, long long collective = 0) {
    auto& p = rows_.emplace_back();
    p.index = static_cast<int>(rows_.size() - 1);
    p.model_year = era_ == Era::kModelYear;
    p.topic = topic;
    p.title = std::string(topic->titles[variant]);
    p.analysis = compose_analysis(*topic, rng_);
    p.suggestions = compose_suggestions(*topic, rng_);
    p.category_id = w_.categories.at(std::string(topic->category));
    if (collective != 0) {
      p.proposer_kind = "collective";
      p.collective_id = collective;
      p.collective_name = w_.party_names.at(collective);
    }
    p.owner = first.user_id != 0 ? Person{first.user_id, first.name, ""} : w_.office2;
    p.proposers.push_back({&first, "first", "accepted"});
    for (const auto* c : cosigners) p.proposers.push_back({c, "cosigner", "invited"});
    return Story(w_, rng_, p);
  }

  // A title like the primary's, taken now for a proposal written later.
  std::pair<const ProposalTopic*, std::size_t> reserve_similar(const ProposalRow& primary) {
    return titles_.take_same(primary.topic, era_);
  }

  Story similar(const ProposalRow& primary, const Member& first) {
    const auto [topic, variant] = titles_.take_same(primary.topic, era_);
    return story_on(topic, variant, first, {});
  }

 private:
  World& w_;
  std::deque<ProposalRow>& rows_;
  TitlePool& titles_;
  TextRng& rng_;
  Era era_;
};

std::string reply_class(TextRng& rng) {
  const int roll = rng.between(1, 100);
  return roll <= 55 ? "A" : roll <= 90 ? "B" : "C";
}

// The model year: 八届五次会议 (2021).
struct ModelYear {
  std::vector<int> filed;  // row indexes
  int received = 0;
  int collective = 0;
  int not_filed = 0;
  int merged = 0;
};

ModelYear tell_model_year(World& w, std::deque<ProposalRow>& rows, TitlePool& titles) {
  ModelYear out;
  const Session* session = nullptr;
  for (const auto& s : w.sessions) {
    if (s.term == kTerm8Number && s.start.starts_with(std::to_string(kModelYear))) session = &s;
  }
  if (session == nullptr) throw std::logic_error("seed: the 2021 session is missing");
  TextRng rng(kModelYearSeed);
  Teller teller(w, rows, titles, rng, Era::kModelYear);

  std::vector<const Member*> everyone;
  std::vector<const Member*> with_account;
  std::map<long long, std::vector<const Member*>> by_party;
  for (const auto& m : w.term8) {
    everyone.push_back(&m);
    if (m.user_id != 0) with_account.push_back(&m);
    if (m.party_id != 0) by_party[m.party_id].push_back(&m);
  }
  // First proposers in turn from a shuffled roster: many members, none too often.
  std::vector<const Member*> turn = everyone;
  for (std::size_t i = turn.size(); i > 1; --i) std::swap(turn[i - 1], turn[rng.below(i)]);
  std::size_t next = 0;
  const auto first_proposer = [&]() -> const Member& { return *turn[next++ % turn.size()]; };
  const auto cosigners_for = [&](const Member& first, int n) {
    std::vector<const Member*> out;
    while (static_cast<int>(out.size()) < n) {
      const auto* c = rng.pick(with_account);
      if (c->id != first.id && std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
    }
    return out;
  };

  // The democratic parties' 28 collective proposals, most from the larger ones.
  constexpr auto kPartyShares = std::to_array<std::pair<std::string_view, int>>({{"民盟", 5},
                                                                                 {"民建", 5},
                                                                                 {"民进", 4},
                                                                                 {"九三学社", 4},
                                                                                 {"民革", 3},
                                                                                 {"农工党", 3},
                                                                                 {"致公党", 2},
                                                                                 {"台盟", 2}});
  constexpr int kCollective = 28;
  std::vector<long long> collective_parties;
  for (const auto& [party, share] : kPartyShares) {
    const auto it = w.parties.find(party);
    if (it == w.parties.end() || by_party[it->second].empty()) continue;
    for (int i = 0; i < share; ++i) collective_parties.push_back(it->second);
  }
  if (collective_parties.empty()) throw std::logic_error("seed: no party has term-8 members");
  for (std::size_t i = 0; collective_parties.size() < kCollective; ++i) {
    collective_parties.push_back(collective_parties[i]);
  }
  collective_parties.resize(kCollective);

  const std::string plenary_start = session->start;
  const std::string plenary_last = add_days(session->end, -1);
  const auto plenary_day = [&] { return add_days(plenary_start, rng.between(0, 2)); };
  // Plenary proposals are filed in the fortnight after the session.
  const std::string filing_start = add_days(plenary_start, 14);
  const auto inter_day = [&] {
    return add_days(add_days(session->end, 1), rng.between(0, 63));  // by about 20 March
  };

  // Submission and review; returns the day it was accepted (under review from then on).
  const auto intake = [&](Story& s, const std::string& created, bool plenary) {
    s.create(created);
    std::string submitted = plenary ? std::min(add_days(created, rng.between(0, 1)), plenary_last)
                                    : add_days(created, rng.between(0, 5));
    s.submit(submitted);
    std::string last = submitted;
    for (std::size_t i = 1; i < s.row().proposers.size(); ++i) {
      last = add_days(submitted, rng.between(0, 2));
      s.answer(i, last);
    }
    std::string accepted = w.workday_after(last, rng.between(1, 3));
    // Two proposals go back once for more work before they are accepted.
    if (s.row().index % 53 == 7) {
      s.send_back(w.workday_after(last, 1), return_comment(rng));
      s.resubmit(add_days(s.last_day(), rng.between(2, 4)));
      accepted = w.workday_after(s.last_day(), rng.between(1, 2));
    }
    s.accept(accepted);
    return accepted;
  };

  // Plans: 28 collective, 79 member proposals filed; 10 not filed; 2 merged.
  constexpr int kMemberFiled = 79;
  constexpr int kMemberPlenary = 55;
  constexpr int kNotFiled = 10;
  std::vector<Story> filed;
  for (int i = 0; i < kCollective; ++i) {
    const long long party = collective_parties[static_cast<std::size_t>(i)];
    const auto& drafters = by_party[party];
    const Member& drafter = *drafters[rng.below(drafters.size())];
    auto s = teller.story("", drafter, {}, party);
    const auto accepted = intake(s, plenary_day(), true);
    std::string file_day = w.workday_on_or_before(add_days(filing_start, rng.between(0, 11)));
    if (file_day <= accepted) file_day = w.workday_after(accepted, 2);
    s.file(file_day);
    filed.push_back(s);
    ++out.collective;
  }
  // Two filed proposals get a similar one, merged into them later: its title is set aside now.
  constexpr auto kPrimaries = std::to_array<std::size_t>({30, 45});
  std::map<std::size_t, std::pair<const ProposalTopic*, std::size_t>> similar_titles;
  for (int i = 0; i < kMemberFiled; ++i) {
    const bool plenary = i < kMemberPlenary;
    const Member& first = first_proposer();
    std::vector<const Member*> cosigners;
    if (rng.percent(30)) cosigners = cosigners_for(first, rng.between(1, 3));
    auto s = teller.story("", first, cosigners);
    if (std::find(kPrimaries.begin(), kPrimaries.end(), filed.size()) != kPrimaries.end()) {
      similar_titles[filed.size()] = teller.reserve_similar(s.row());
    }
    const auto accepted = intake(s, plenary ? plenary_day() : inter_day(), plenary);
    std::string file_day = plenary
                               ? w.workday_on_or_before(add_days(filing_start, rng.between(0, 11)))
                               : w.workday_after(accepted, rng.between(3, 8));
    if (file_day <= accepted) file_day = w.workday_after(accepted, 2);
    s.file(file_day);
    filed.push_back(s);
  }
  // Ten not filed, on grounds their texts fit (some converted), and two merged into similar
  // filed proposals before those were assigned.
  constexpr auto kGrounds = std::to_array<std::string_view>(
      {"not_competence", "no_suggestion", "multiple_matters", "not_competence", "no_suggestion",
       "multiple_matters", "not_competence", "no_suggestion", "multiple_matters",
       "not_competence"});
  constexpr auto kDispositions = std::to_array<std::string_view>(
      {"opinion_report", "", "reference", "", "opinion_report", "", "member_letter", "", "", ""});
  for (int i = 0; i < kNotFiled; ++i) {
    const bool plenary = i % 2 == 0;
    auto s = teller.story("", first_proposer(), {});
    const auto accepted = intake(s, plenary ? plenary_day() : inter_day(), plenary);
    const auto ground = std::string(kGrounds[static_cast<std::size_t>(i)]);
    s.not_file(w.workday_after(accepted, rng.between(3, 8)), ground);
    const auto disposition = std::string(kDispositions[static_cast<std::size_t>(i)]);
    if (!disposition.empty())
      s.convert(w.workday_after(s.last_day(), rng.between(2, 5)), disposition);
    ++out.not_filed;
  }
  for (const std::size_t primary : kPrimaries) {
    auto& p = filed[primary];
    const auto [topic, variant] = similar_titles.at(primary);
    auto s = teller.story_on(topic, variant, first_proposer(), {});
    const auto accepted = intake(s, plenary_day(), true);
    const auto day =
        std::max(w.workday_after(accepted, 1), w.workday_after(day_of(p.row().filed_at), 1));
    s.merge_into(p, day);
    ++out.merged;
  }

  // Assignment, handling and replies, all on time; then ratings and closing.
  constexpr auto kKeyLeaders = std::to_array<std::size_t>({0, 0, 1, 1, 2, 3, 3, 4});
  std::set<std::size_t> key;
  for (std::size_t i = 0; i < kKeyLeaders.size(); ++i) key.insert(3 + i * 13);
  int supervisions = 0;
  constexpr int kSupervisions = 6;
  for (std::size_t f = 0; f < filed.size(); ++f) {
    auto& s = filed[f];
    const auto& topic = *s.row().topic;
    std::vector<const Unit*> partners;
    for (const auto p : topic.partners) {
      if (!p.empty()) partners.push_back(&w.unit(p));
    }
    const Unit& lead = w.unit(topic.lead);
    std::string mode = "single";
    std::vector<std::pair<const Unit*, std::string>> units{{&lead, "single"}};
    const int roll = rng.between(1, 100);
    if (!partners.empty() && roll > 55) {
      if (roll <= 85) {
        mode = "lead";
        units = {{&lead, "lead"}};
        const std::size_t n = partners.size() > 1 && rng.percent(35) ? 2 : 1;
        for (std::size_t i = 0; i < n; ++i) units.emplace_back(partners[i], "co");
      } else {
        mode = "separate";
        units = {{&lead, "separate"}, {partners[0], "separate"}};
      }
    }
    const std::string assigned = w.workday_after(s.last_day(), rng.between(3, 8));
    s.assign(assigned, mode, units);

    // Steps of the units in day order.
    std::vector<std::pair<std::string, std::function<void(const std::string&)>>> steps;
    std::string replies_from = assigned;
    std::string co_done = assigned;
    std::string first_ack;
    for (std::size_t i = 0; i < s.row().assignments.size(); ++i) {
      const auto ack = w.workday_after(assigned, rng.between(1, 3));
      if (i == 0) first_ack = ack;
      steps.emplace_back(ack, [&s, i](const std::string& d) { s.acknowledge(i, d); });
      if (!s.assignment(i).replying()) {
        const auto opinion = w.workday_after(ack, rng.between(6, 18));
        steps.emplace_back(opinion, [&s, i](const std::string& d) { s.send_opinion(i, d); });
        co_done = std::max(co_done, opinion);
      }
      replies_from = std::max(replies_from, ack);
    }
    const bool is_key = key.contains(f);
    for (std::size_t i = 0; i < s.row().assignments.size(); ++i) {
      auto& a = s.assignment(i);
      if (!a.replying()) continue;
      const auto latest = w.workday_on_or_before(add_days(a.deadline, -21));
      std::string draft = w.workday_on_or_before(add_days(assigned, rng.between(35, 70)));
      draft = std::min(draft, latest);
      const auto floor = w.workday_after(std::max(replies_from, co_done), 2);
      draft = std::max(draft, floor);
      const auto sign = w.workday_after(draft, rng.between(1, 2));
      const auto accept = w.workday_after(sign, rng.between(1, 3));
      const auto cls = is_key ? "A" : reply_class(rng);
      steps.emplace_back(draft, [&s, i, cls](const std::string& d) { s.draft_reply(i, d, cls); });
      steps.emplace_back(sign, [&s, i](const std::string& d) { s.sign_off(i, d); });
      steps.emplace_back(accept, [&s, i](const std::string& d) { s.accept_reply(i, d); });
    }
    if (is_key) {
      const auto& leader =
          w.leader(kKeyLeaders[static_cast<std::size_t>(std::distance(key.begin(), key.find(f)))]);
      steps.emplace_back(w.workday_after(assigned, rng.between(4, 9)),
                         [&s, &leader](const std::string& d) { s.mark_key(d, leader, true); });
      if (supervisions < kSupervisions) {
        ++supervisions;
        steps.emplace_back(w.workday_after(first_ack, rng.between(15, 25)),
                           [&s](const std::string& d) { s.supervise(d); });
      }
    }
    std::stable_sort(steps.begin(), steps.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    for (const auto& [day, step] : steps) step(day);

    std::vector<std::pair<std::string, std::size_t>> ratings;
    for (std::size_t r = 0; r < s.row().proposers.size(); ++r) {
      if (s.row().proposers[r].status != "accepted") continue;
      ratings.emplace_back(add_days(s.last_day(), rng.between(3, 20)), r);
    }
    std::stable_sort(ratings.begin(), ratings.end());
    for (const auto& [day, r] : ratings) {
      s.rate(r, day, rng.percent(78) ? "satisfied" : "basically_satisfied");
    }
    // About 30 are published a few weeks after closing.
    if (f % 7 == 2 || f % 7 == 5) {
      s.publish(w.workday_after(s.last_day(), rng.between(10, 40)));
    }
    out.filed.push_back(s.row().index);
  }
  out.received = static_cast<int>(filed.size()) + out.not_filed + out.merged;
  return out;
}

// --- the live session --------------------------------------------------------------------------

struct Live {
  std::string session_name;
  int proposals = 0;
  std::vector<DemoMemberLogin> demo_members;
};

Live tell_live(World& w, std::deque<ProposalRow>& rows, TitlePool& titles) {
  Live out;
  TextRng rng(kLiveSeed);
  Teller teller(w, rows, titles, rng, Era::kLive);
  const std::size_t first_row = rows.size();
  const std::string& today = w.today;
  const Session& session = w.session_on(add_days(today, -1));
  out.session_name = session.name();
  // A working day at least n days before today.
  const auto ago = [&](int n) { return w.workday_on_or_before(add_days(today, -n)); };

  // The demo members (their logins are printed) and the other members of term 9.
  constexpr std::size_t kDemoMembers = 5;
  if (w.term9.size() < kDemoMembers + 40) throw std::logic_error("seed: term 9 roster too small");
  std::vector<const Member*> demo;
  for (std::size_t i = 0; i < kDemoMembers; ++i) {
    demo.push_back(&w.term9[i]);
    out.demo_members.push_back({"m" + w.term9[i].member_no, w.term9[i].name});
  }
  std::vector<const Member*> others;
  std::map<long long, std::vector<const Member*>> by_party;
  for (std::size_t i = kDemoMembers; i < w.term9.size(); ++i) {
    others.push_back(&w.term9[i]);
    if (w.term9[i].party_id != 0) by_party[w.term9[i].party_id].push_back(&w.term9[i]);
  }
  for (std::size_t i = others.size(); i > 1; --i) std::swap(others[i - 1], others[rng.below(i)]);
  std::size_t next = 0;
  const auto other = [&]() -> const Member& { return *others[next++ % others.size()]; };
  const auto party_member = [&](std::string_view party, long long& party_id) -> const Member& {
    party_id = w.parties.at(std::string(party));
    const auto& list = by_party[party_id];
    if (list.empty()) throw std::logic_error(fmt::format("seed: no term-9 member of {}", party));
    return *list[rng.below(list.size())];
  };
  const auto& m1 = *demo[0];
  const auto& m2 = *demo[1];
  const auto& m3 = *demo[2];
  const auto& m4 = *demo[3];
  const auto& m5 = *demo[4];

  // Drafted, submitted, co-signed and accepted before `accepted`; filed on `filed` if given.
  const auto intake = [&](Story& s, const std::string& accepted, const std::string& filed = {}) {
    const auto created = add_days(accepted, -rng.between(5, 9));
    s.create(created);
    const auto submitted = add_days(created, rng.between(0, 1));
    s.submit(submitted);
    for (std::size_t i = 1; i < s.row().proposers.size(); ++i) {
      s.answer(i, add_days(submitted, rng.between(0, 2)));
    }
    s.accept(accepted);
    if (!filed.empty()) s.file(filed);
  };
  // Filed and assigned on `assigned`.
  const auto to_units = [&](Story& s, const std::string& assigned, const std::string& mode,
                            const std::vector<std::pair<const Unit*, std::string>>& units) {
    const auto filed = w.workday_on_or_before(add_days(assigned, -rng.between(3, 6)));
    intake(s, w.workday_on_or_before(add_days(filed, -rng.between(2, 5))), filed);
    s.assign(assigned, mode, units);
  };
  const auto unit_of = [&](const Story& s) -> const Unit& { return w.unit(s.row().topic->lead); };
  const auto partner_of = [&](const Story& s, bool with_accounts) -> const Unit* {
    for (const auto p : s.row().topic->partners) {
      if (p.empty()) continue;
      const auto& u = w.unit(p);
      if (u.has_accounts() == with_accounts && u.name != s.row().topic->lead) return &u;
    }
    return nullptr;
  };
  // A co-handling or second unit without demo accounts: a partner of the topic, else finance.
  const auto other_unit = [&](const Story& s) -> const Unit* {
    const Unit* u = partner_of(s, false);
    return u != nullptr ? u : &w.unit("区财政局");
  };
  // A day to assign on so that the 3-month deadline falls within [today + lo, today + hi].
  const auto assigned_for_deadline = [&](int lo, int hi) {
    for (int n = 80; n < 110; ++n) {
      auto day = ago(n);
      const auto dl = w.deadline(day, w.settings.reply_months);
      if (dl >= add_days(today, lo) && dl <= add_days(today, hi)) return day;
    }
    return ago(85);
  };
  const auto reply = [&](Story& s, std::size_t i, const std::string& draft, const std::string& sign,
                         const std::string& accept, const std::string& cls) {
    s.draft_reply(i, draft, cls);
    s.sign_off(i, sign);
    s.accept_reply(i, accept);
  };
  const auto rate_all = [&](Story& s, const std::string& from) {
    std::string day = from;
    for (std::size_t r = 0; r < s.row().proposers.size(); ++r) {
      if (s.row().proposers[r].status != "accepted") continue;
      day = add_days(day, rng.between(0, 3));
      s.rate(r, day, rng.percent(75) ? "satisfied" : "basically_satisfied");
    }
  };

  std::vector<const Unit*> account_units;
  for (const auto& u : w.units) {
    if (u.has_accounts()) account_units.push_back(&u);
  }
  const auto lead_story = [&](const Unit& u, const Member& first,
                              const std::vector<const Member*>& cosigners = {}) {
    return teller.story(u.name, first, cosigners);
  };

  // 1. Closed earlier in the session: plenary proposals when the session began long enough ago.
  const bool plenary_closed = days_between(session.start, today) >= 200;
  const std::string base = plenary_closed ? session.start : ago(230);
  std::vector<Story> closed;
  for (int i = 0; i < 10; ++i) {
    const Member& first = i == 0 ? m1 : i == 1 ? m3 : other();
    std::vector<const Member*> cosigners;
    if (i == 1) cosigners = {&m5};
    if (i == 5) cosigners = {&other()};
    long long party = 0;
    const Member* drafter = &first;
    if (i == 3) drafter = &party_member("民建", party);
    auto s = teller.story("", *drafter, cosigners, party);
    const auto created = plenary_closed ? add_days(base, rng.between(0, 2)) : add_days(base, i);
    s.create(created);
    s.submit(plenary_closed ? std::min(add_days(created, 1), session.end) : created);
    for (std::size_t c = 1; c < s.row().proposers.size(); ++c) s.answer(c, s.last_day());
    s.accept(w.workday_after(s.last_day(), rng.between(2, 5)));
    s.file(w.workday_after(s.last_day(), rng.between(5, 9)));
    const auto& lead = w.unit(s.row().topic->lead);
    const auto assigned = w.workday_after(s.last_day(), rng.between(4, 8));
    const Unit* co = i % 3 == 0 ? partner_of(s, false) : nullptr;
    if (co != nullptr) {
      s.assign(assigned, "lead", {{&lead, "lead"}, {co, "co"}});
      s.acknowledge(0, w.workday_after(assigned, 1));
      s.acknowledge(1, w.workday_after(assigned, 2));
      s.send_opinion(1, w.workday_after(assigned, rng.between(10, 20)));
    } else {
      s.assign(assigned, "single", {{&lead, "single"}});
      s.acknowledge(0, w.workday_after(assigned, rng.between(1, 2)));
    }
    if (i == 2) s.mark_key(w.workday_after(assigned, 3), w.leader(0), true);
    if (i == 2) s.supervise(w.workday_after(assigned, 20));
    const auto draft = w.workday_after(assigned, rng.between(40, 55));
    const auto sign = w.workday_after(draft, 1);
    reply(s, 0, draft, sign, w.workday_after(sign, 2), reply_class(rng));
    rate_all(s, add_days(s.last_day(), rng.between(5, 15)));
    if (i % 4 == 1) s.publish(w.workday_after(s.last_day(), rng.between(10, 20)));
    if (i == 6) s.follow_up(w.workday_after(s.last_day(), 30));
    closed.push_back(s);
  }
  // Closed after a face-to-face consultation (dissatisfied twice).
  {
    auto s = teller.story("", other(), {});
    const auto assigned = ago(185);
    to_units(s, assigned, "single", {{&w.unit(s.row().topic->lead), "single"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    reply(s, 0, ago(140), ago(138), ago(136), "C");
    s.rate(0, ago(128), "dissatisfied");
    reply(s, 0, ago(112), ago(111), ago(110), "B");
    s.rate(0, ago(100), "dissatisfied");
    s.close_after_consultation(ago(85));
  }

  // 2. Every demo unit: a new assignment, one in hand and due soon, one sent back, one to sign.
  for (std::size_t k = 0; k < account_units.size(); ++k) {
    const Unit& u = *account_units[k];
    {  // unit_new
      auto s = lead_story(u, other());
      const auto assigned = ago(1 + static_cast<int>(k % 3));
      const Unit* co = k % 3 == 2 ? partner_of(s, false) : nullptr;
      if (co != nullptr) {
        to_units(s, assigned, "lead", {{&u, "lead"}, {co, "co"}});
      } else {
        to_units(s, assigned, "single", {{&u, "single"}});
      }
    }
    {  // unit_handling + unit_due_soon (and the staff's due_soon); five are key proposals
      auto s = lead_story(u, k == 1 ? m2 : other());
      const auto assigned = assigned_for_deadline(2 + static_cast<int>(k % 4), 13);
      const Unit* co = k % 4 == 1 ? account_units[(k + 1) % account_units.size()] : nullptr;
      if (k == 6) {
        // Re-assigned: first given to another unit, which asked to be relieved.
        const auto first = w.workday_on_or_before(add_days(assigned, -8));
        to_units(s, first, "single", {{&w.unit("区市场监督管理局"), "single"}});
        s.request_reassign(0, w.workday_after(first, 2));
        s.approve_reassign(0, assigned, u);
        s.acknowledge(1, w.workday_after(assigned, 1));
      } else if (co != nullptr) {
        to_units(s, assigned, "lead", {{&u, "lead"}, {co, "co"}});
        s.acknowledge(0, w.workday_after(assigned, 1));
        s.acknowledge(1, w.workday_after(assigned, 2));
      } else {
        to_units(s, assigned, "single", {{&u, "single"}});
        s.acknowledge(0, w.workday_after(assigned, rng.between(1, 2)));
      }
      if (k < 5) {
        s.mark_key(w.workday_after(assigned, 3), w.leader(k), k % 2 == 0);
        if (k % 2 == 0) s.supervise(w.workday_after(assigned, 25));
      }
      if (k == 0) {
        // A similar proposal merged into this one while it was with the units.
        auto m = teller.similar(s.row(), other());
        intake(m, ago(40));
        m.merge_into(s, ago(38));
      }
    }
    {  // unit_sent_back
      auto s = lead_story(u, other());
      const auto assigned = ago(45 + static_cast<int>(k));
      to_units(s, assigned, "single", {{&u, "single"}});
      s.acknowledge(0, w.workday_after(assigned, 1));
      s.draft_reply(0, ago(10), reply_class(rng));
      if (k % 2 == 0) {
        s.sign_off(0, ago(8));
        s.return_reply(0, ago(6));
      } else {
        s.return_draft(0, ago(7));
      }
    }
    {  // unit_to_sign
      auto s = lead_story(u, k == 2 ? m3 : other());
      const auto assigned = ago(55 + static_cast<int>(k));
      const Unit* co = k % 3 == 0 ? partner_of(s, false) : nullptr;
      if (co != nullptr) {
        to_units(s, assigned, "lead", {{&u, "lead"}, {co, "co"}});
        s.acknowledge(0, w.workday_after(assigned, 1));
        s.acknowledge(1, w.workday_after(assigned, 1));
        s.send_opinion(1, w.workday_after(assigned, 12));
      } else {
        to_units(s, assigned, "single", {{&u, "single"}});
        s.acknowledge(0, w.workday_after(assigned, 1));
      }
      s.draft_reply(0, ago(2 + static_cast<int>(k % 2)), reply_class(rng));
    }
  }
  const auto& fgj = w.unit("区发展和改革局");
  const auto& jyj = w.unit("区教育局");
  const auto& mzj = w.unit("区民政局");
  const auto& zjj = w.unit("区住房和城乡建设局");
  const auto& jtj = w.unit("区交通运输局");
  const auto& wjj = w.unit("区卫生健康局");
  const auto& cgj = w.unit("区城市管理和综合执法局");
  const auto& shahe = w.unit("沙河街道办事处");

  // 3. The staff's queues.
  {  // overdue: a demo unit, single
    auto s = lead_story(jtj, other());
    const auto assigned = ago(110);
    to_units(s, assigned, "single", {{&jtj, "single"}});
    s.acknowledge(0, w.workday_after(assigned, 2));
  }
  {  // overdue: a lead unit without demo accounts, its co-unit done
    auto s = teller.story("区人力资源和社会保障局", other(), {});
    const auto assigned = ago(104);
    const auto* co = other_unit(s);
    to_units(s, assigned, "lead", {{&unit_of(s), "lead"}, {co, "co"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    s.acknowledge(1, w.workday_after(assigned, 2));
    s.send_opinion(1, w.workday_after(assigned, 15));
  }
  {  // extension requested: a demo unit close to its deadline
    auto s = lead_story(cgj, other());
    const auto assigned = assigned_for_deadline(3, 14);
    to_units(s, assigned, "single", {{&cgj, "single"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    s.request_extension(0, ago(2));
  }
  {  // extension requested: a unit without demo accounts
    auto s = teller.story("区水务局", other(), {});
    const auto assigned = ago(82);
    to_units(s, assigned, "single", {{&unit_of(s), "single"}});
    s.acknowledge(0, w.workday_after(assigned, 2));
    s.request_extension(0, ago(4));
  }
  {  // extension approved earlier: handling on the 6-month deadline
    auto s = lead_story(wjj, other());
    const auto assigned = ago(150);
    to_units(s, assigned, "single", {{&wjj, "single"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    s.request_extension(0, ago(75));
    s.approve_extension(0, ago(72));
  }
  {  // reassign requested by a demo unit, within the window
    auto s = lead_story(shahe, other());
    const auto requested = ago(1);
    const auto assigned = w.workday_on_or_before(add_days(requested, -2));
    to_units(s, assigned, "single", {{&shahe, "single"}});
    s.request_reassign(0, requested);
  }
  {  // reassign requested by a co-unit without demo accounts; the lead has not signed yet
    auto s = lead_story(jtj, other());
    const auto requested = ago(2);
    const auto assigned = w.workday_on_or_before(add_days(requested, -1));
    const Unit* co = other_unit(s);
    to_units(s, assigned, "lead", {{&jtj, "lead"}, {co, "co"}});
    s.request_reassign(1, requested);
  }
  {  // reply to accept: single
    auto s = lead_story(fgj, other());
    const auto assigned = ago(60);
    to_units(s, assigned, "single", {{&fgj, "single"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    s.draft_reply(0, ago(6), "A");
    s.sign_off(0, ago(4));
  }
  {  // reply to accept: separate, the other unit already replied
    auto s = lead_story(wjj, other());
    const auto assigned = ago(70);
    const Unit* second = other_unit(s);
    to_units(s, assigned, "separate", {{&wjj, "separate"}, {second, "separate"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    s.acknowledge(1, w.workday_after(assigned, 2));
    reply(s, 0, ago(20), ago(18), ago(15), "B");
    s.draft_reply(1, ago(5), "A");
    s.sign_off(1, ago(3));
  }
  {  // reply to accept: lead + co, both demo units
    auto s = lead_story(mzj, other());
    const auto assigned = ago(65);
    to_units(s, assigned, "lead", {{&mzj, "lead"}, {&wjj, "co"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    s.acknowledge(1, w.workday_after(assigned, 1));
    s.send_opinion(1, w.workday_after(assigned, 14));
    s.draft_reply(0, ago(7), "B");
    s.sign_off(0, ago(5));
  }
  {  // re-handling after a first dissatisfaction: due again soon
    auto s = lead_story(zjj, other());
    const auto assigned = ago(100);
    to_units(s, assigned, "single", {{&zjj, "single"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    reply(s, 0, ago(55), ago(53), ago(50), "B");
    s.rate(0, ago(24), "dissatisfied");
  }
  {  // dissatisfied twice: the staff arrange a consultation
    auto s = teller.story("区市场监督管理局", other(), {});
    const auto assigned = ago(170);
    to_units(s, assigned, "single", {{&unit_of(s), "single"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    reply(s, 0, ago(125), ago(123), ago(118), "C");
    s.rate(0, ago(110), "dissatisfied");
    reply(s, 0, ago(95), ago(93), ago(90), "B");
    s.rate(0, ago(80), "dissatisfied");
  }

  // 4. The demo members: replies to rate, invitations to co-sign, drafts.
  {  // m1 and m2 rate; lead + co
    auto s = lead_story(jyj, m1, {&m2});
    const auto assigned = ago(80);
    const Unit* co = other_unit(s);
    to_units(s, assigned, "lead", {{&jyj, "lead"}, {co, "co"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    s.acknowledge(1, w.workday_after(assigned, 2));
    s.send_opinion(1, w.workday_after(assigned, 20));
    reply(s, 0, ago(15), ago(13), ago(10), "A");
  }
  {  // m4 rated, m3 and m5 still to rate
    auto s = lead_story(wjj, m4, {&m3, &m5});
    const auto assigned = ago(75);
    to_units(s, assigned, "single", {{&wjj, "single"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    reply(s, 0, ago(12), ago(10), ago(8), "A");
    s.rate(0, ago(3), "satisfied");
  }
  {  // m2 and m4 rate; two units answered separately
    auto s = lead_story(cgj, m2, {&m4});
    const auto assigned = ago(72);
    const Unit* second = other_unit(s);
    to_units(s, assigned, "separate", {{&cgj, "separate"}, {second, "separate"}});
    s.acknowledge(0, w.workday_after(assigned, 1));
    s.acknowledge(1, w.workday_after(assigned, 1));
    reply(s, 0, ago(16), ago(14), ago(12), "B");
    reply(s, 1, ago(9), ago(8), ago(6), "A");
  }
  {  // invitations: m1, m2 invited, m3 already accepted
    auto s = teller.story("", other(), {&m1, &m2, &m3});
    s.create(ago(4));
    s.submit(ago(3));
    s.answer(3, ago(1));
  }
  {  // invitations: m5, m3
    auto s = teller.story("", m4, {&m5, &m3});
    s.create(ago(5));
    s.submit(ago(2));
  }
  {  // invitation: m4
    auto s = teller.story("", m1, {&m4});
    s.create(ago(3));
    s.submit(ago(1));
  }
  // A draft each (m1's names a co-signer), in the session begun last even if it began yesterday.
  for (std::size_t i = 0; i < demo.size(); ++i) {
    auto s = teller.story("", *demo[i],
                          i == 0 ? std::vector<const Member*>{&m2} : std::vector<const Member*>{});
    s.create(std::max(ago(static_cast<int>(i) + 1), std::min(session.start, ago(1))));
  }

  {  // returned to m2 for more work
    auto s = teller.story("", m2, {});
    s.create(ago(21));
    s.submit(ago(20));
    s.send_back(ago(18), return_comment(rng));
  }

  // 5. Before filing: to check, to review, to assign; withdrawn, not filed.
  {
    auto s = teller.story("", m3, {});
    s.create(ago(3));
    s.submit(ago(2));
  }
  {
    long long party = 0;
    const Member& drafter = party_member("民进", party);
    auto s = teller.story("", drafter, {}, party);
    s.create(ago(5));
    s.submit(ago(4));
  }
  {  // a paper proposal the office typed in for a member
    auto s = teller.story("", other(), {});
    s.row().owner = w.office2;
    s.create(ago(2));
    s.submit(ago(1));
  }
  {
    auto s = teller.story("", m5, {});
    intake(s, ago(6));
  }
  {
    const Member& first = other();
    const Member& cosigner = other();
    auto s = teller.story("", first, {&cosigner});
    intake(s, ago(5));
  }
  {
    long long party = 0;
    const Member& drafter = party_member("九三学社", party);
    auto s = teller.story("", drafter, {}, party);
    intake(s, ago(8));
  }
  for (int i = 0; i < 3; ++i) {
    auto s = teller.story("", other(), {});
    intake(s, ago(8 + i), ago(2 + i));
  }
  {
    auto s = teller.story("", m5, {});
    s.create(ago(30));
    s.submit(ago(29));
    s.withdraw(ago(27));
  }
  {
    auto s = teller.story("", other(), {});
    intake(s, ago(42));
    s.not_file(ago(40), "not_competence");
  }
  {
    auto s = teller.story("", other(), {});
    intake(s, ago(37));
    s.not_file(ago(35), "multiple_matters");
    s.convert(ago(33), "reference");
  }
  out.proposals = static_cast<int>(rows.size() - first_row);
  return out;
}

// --- numbering and writing ---------------------------------------------------------------------

// Numbers per session in filing order, as the counter would have given them.
void number(std::deque<ProposalRow>& rows) {
  std::vector<ProposalRow*> filed;
  for (auto& p : rows) {
    if (p.number == -1) filed.push_back(&p);
  }
  std::stable_sort(filed.begin(), filed.end(), [](const ProposalRow* a, const ProposalRow* b) {
    return std::pair(a->session->id, a->filed_at) < std::pair(b->session->id, b->filed_at);
  });
  std::map<long long, long long> last;
  for (auto* p : filed) p->number = ++last[p->session->id];
}

void write(soci::session& sql, const World& w, std::deque<ProposalRow>& rows,
           ProposalSeedReport& report) {
  // Ids follow the order the proposals were drafted.
  std::vector<ProposalRow*> order;
  order.reserve(rows.size());
  for (auto& p : rows) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(), [](const ProposalRow* a, const ProposalRow* b) {
    return a->created_at < b->created_at;
  });
  const auto nullable = [](long long value) { return value != 0 ? soci::i_ok : soci::i_null; };
  for (auto* p : order) {
    long long collective = p->collective_id;
    long long category = p->category_id;
    long long number = p->number;
    long long submitted = p->submitted_at;
    long long filed = p->filed_at;
    long long closed = p->closed_at;
    long long supervisor = p->supervisor;
    long long published_at = p->published_at;
    soci::indicator collective_ind = nullable(collective);
    soci::indicator category_ind = nullable(category);
    soci::indicator number_ind = nullable(number);
    soci::indicator submitted_ind = nullable(submitted);
    soci::indicator filed_ind = nullable(filed);
    soci::indicator closed_ind = nullable(closed);
    soci::indicator supervisor_ind = nullable(supervisor);
    soci::indicator published_ind = nullable(published_at);
    const int consultation = p->consultation_required ? 1 : 0;
    const int key = p->is_key ? 1 : 0;
    const int published = p->published ? 1 : 0;
    const long long version = std::max<long long>(1, static_cast<long long>(p->events.size()));
    sql << "INSERT INTO proposals (committee_id, session_id, kind, proposer_kind, collective_id, "
           "owner_user_id, title, analysis, suggestions, category_id, state, number, "
           "submitted_at, filed_at, closed_at, not_file_ground, disposition, assign_mode, "
           "rating_round, consultation_required, is_key, supervisor_user_id, is_published, "
           "published_at, version, created_at, updated_at) VALUES (:c, :s, :k, :pk, :col, :o, "
           ":t, :a, :sg, :cat, :st, :n, :sub, :fil, :clo, :g, :d, :m, :rr, :cr, :key, :sup, :pub, "
           ":pat, :v, :ca, :ua) RETURNING id",
        soci::use(w.committee), soci::use(p->session->id), soci::use(p->kind),
        soci::use(p->proposer_kind), soci::use(collective, collective_ind), soci::use(p->owner.id),
        soci::use(p->title), soci::use(p->analysis), soci::use(p->suggestions),
        soci::use(category, category_ind), soci::use(p->state), soci::use(number, number_ind),
        soci::use(submitted, submitted_ind), soci::use(filed, filed_ind),
        soci::use(closed, closed_ind), soci::use(p->not_file_ground), soci::use(p->disposition),
        soci::use(p->assign_mode), soci::use(p->rating_round), soci::use(consultation),
        soci::use(key), soci::use(supervisor, supervisor_ind), soci::use(published),
        soci::use(published_at, published_ind), soci::use(version), soci::use(p->created_at),
        soci::use(p->updated_at), soci::into(p->db_id);
  }
  for (auto* p : order) {
    if (p->merged_into >= 0) {
      long long primary = rows[static_cast<std::size_t>(p->merged_into)].db_id;
      sql << "UPDATE proposals SET merged_into_id = :m WHERE id = :id", soci::use(primary),
          soci::use(p->db_id);
    }
    int sort = 0;
    for (const auto& r : p->proposers) {
      long long answered = r.answered_at;
      long long rated = r.rated_at;
      long long rated_by = r.rated_by;
      soci::indicator answered_ind = nullable(answered);
      soci::indicator rated_ind = nullable(rated);
      soci::indicator rated_by_ind = nullable(rated_by);
      sql << "INSERT INTO proposal_proposers (proposal_id, member_id, role, status, answered_at, "
             "rating, rating_round, rating_comment, rated_at, rated_by_user_id, sort_order) "
             "VALUES (:p, :m, :r, :s, :a, :rt, :rr, :rc, :ra, :rb, :o)",
          soci::use(p->db_id), soci::use(r.member->id), soci::use(r.role), soci::use(r.status),
          soci::use(answered, answered_ind), soci::use(r.rating), soci::use(r.rating_round),
          soci::use(r.rating_comment), soci::use(rated, rated_ind),
          soci::use(rated_by, rated_by_ind), soci::use(sort);
      ++sort;
    }
    const std::string label = proposal::detail::number_label(p->number);
    for (auto& a : p->assignments) {
      std::string reply = a.reply_text;
      if (const auto at = reply.find("{number}"); at != std::string::npos) {
        reply.replace(at, std::string("{number}").size(), label);
      }
      std::string contact_date = a.contact_date;
      std::string replied_on = a.replied_on;
      long long signed_by = a.signed_by;
      soci::indicator contact_ind = contact_date.empty() ? soci::i_null : soci::i_ok;
      soci::indicator replied_ind = replied_on.empty() ? soci::i_null : soci::i_ok;
      soci::indicator signed_ind = nullable(signed_by);
      sql << "INSERT INTO proposal_assignments (proposal_id, unit_id, role, state, assigned_on, "
             "deadline, extension_status, extension_reason, opinion, reply_class, reply_text, "
             "contact_method, contact_date, contact_note, signed_by_user_id, replied_on, "
             "created_at, updated_at) VALUES (:p, :u, :r, :s, :on, :dl, :es, :er, :op, :rc, :rt, "
             ":cm, :cd, :cn, :sb, :ro, :ca, :ua) RETURNING id",
          soci::use(p->db_id), soci::use(a.unit->id), soci::use(a.role), soci::use(a.state),
          soci::use(a.assigned_on), soci::use(a.deadline), soci::use(a.extension_status),
          soci::use(a.extension_reason), soci::use(a.opinion), soci::use(a.reply_class),
          soci::use(reply), soci::use(a.contact_method), soci::use(contact_date, contact_ind),
          soci::use(a.contact_note), soci::use(signed_by, signed_ind),
          soci::use(replied_on, replied_ind), soci::use(a.created_at), soci::use(a.updated_at),
          soci::into(a.db_id);
    }
    for (const auto& a : p->assignments) {
      if (a.replaced_by < 0) continue;
      long long replacement = p->assignments[static_cast<std::size_t>(a.replaced_by)].db_id;
      sql << "UPDATE proposal_assignments SET replaced_by_id = :n WHERE id = :id",
          soci::use(replacement), soci::use(a.db_id);
    }
  }
  for (auto* p : order) {
    for (auto& e : p->events) {
      switch (e.ref) {
        case Ref::kNumber:
          e.details["number"] = p->number;
          break;
        case Ref::kAssignedUnits: {
          Json units = Json::array();
          for (const auto& a : p->assignments) {
            if (a.created_at != e.at) continue;  // the rows this assignment made
            units.push_back(
                {{"assignment_id", a.db_id}, {"unit_id", a.unit->id}, {"role", a.role}});
          }
          e.details["units"] = units;
          break;
        }
        case Ref::kPrimary:
          e.details["primary_id"] = rows[static_cast<std::size_t>(e.ref_index)].db_id;
          break;
        case Ref::kMerged:
          e.details["merged_id"] = rows[static_cast<std::size_t>(e.ref_index)].db_id;
          break;
        case Ref::kReplacement:
          e.details["new_assignment_id"] =
              p->assignments[static_cast<std::size_t>(e.ref_index)].db_id;
          break;
        case Ref::kNone:
          break;
      }
      long long assignment =
          e.assignment >= 0 ? p->assignments[static_cast<std::size_t>(e.assignment)].db_id : 0;
      long long actor = e.system ? 0 : e.actor.id;
      std::string actor_name = e.system ? std::string() : e.actor.name;
      soci::indicator assignment_ind = nullable(assignment);
      soci::indicator actor_ind = nullable(actor);
      const std::string details = e.details.dump();
      sql << "INSERT INTO proposal_events (proposal_id, assignment_id, action, from_state, "
             "to_state, actor_user_id, actor_name, capacity, comment, details, at) VALUES (:p, "
             ":a, :action, :from, :to, :actor, :name, :cap, :comment, :details, :at)",
          soci::use(p->db_id), soci::use(assignment, assignment_ind), soci::use(e.action),
          soci::use(e.from), soci::use(e.to), soci::use(actor, actor_ind), soci::use(actor_name),
          soci::use(e.capacity), soci::use(e.comment), soci::use(details), soci::use(e.at);
      ++report.events;
    }
    for (const auto& s : p->supervisions) {
      sql << "INSERT INTO proposal_supervisions (proposal_id, leader_user_id, visit_date, note, "
             "created_at) VALUES (:p, :l, :d, :n, :at)",
          soci::use(p->db_id), soci::use(s.leader), soci::use(s.day), soci::use(s.note),
          soci::use(s.at);
    }
  }
  std::map<long long, long long> counters;
  for (const auto& p : rows) {
    if (p.number > 0) counters[p.session->id] = std::max(counters[p.session->id], p.number);
  }
  for (const auto& [session, last] : counters) {
    long long s = session;
    long long n = last;
    sql << "INSERT INTO proposal_number_counters (session_id, last_number) VALUES (:s, :n)",
        soci::use(s), soci::use(n);
  }
  // Search tokens, as every write through the API leaves them.
  for (auto* p : order) {
    if (const auto loaded = proposal::detail::load(sql, w.committee, p->db_id)) {
      proposal::detail::reindex(sql, *loaded);
    }
  }
}

// The year's commendations: 20 excellent proposals (key ones first, then class-A replies) and
// the 15 units that handled most of the year's proposals.
void commend(soci::session& sql, const World& w, const std::deque<ProposalRow>& rows,
             const ModelYear& year, ProposalSeedReport& report) {
  constexpr int kExcellent = 20;
  constexpr int kModelUnits = 15;
  TextRng rng(kModelYearSeed + 1);
  std::vector<const ProposalRow*> candidates;
  for (const int i : year.filed) {
    const auto& p = rows[static_cast<std::size_t>(i)];
    const bool all_a = std::all_of(p.assignments.begin(), p.assignments.end(),
                                   [](auto& a) { return !a.replying() || a.reply_class == "A"; });
    if (all_a) candidates.push_back(&p);
  }
  // The key proposals, then others spread over the year's numbers.
  std::vector<const ProposalRow*> excellent;
  std::vector<const ProposalRow*> others;
  for (const auto* p : candidates) (p->is_key ? excellent : others).push_back(p);
  const std::size_t want = static_cast<std::size_t>(kExcellent) - excellent.size();
  for (std::size_t i = 0; i < want && i < others.size(); ++i) {
    excellent.push_back(others[i * others.size() / want]);
  }
  std::map<long long, int> handled;
  for (const int i : year.filed) {
    for (const auto& a : rows[static_cast<std::size_t>(i)].assignments) {
      if (a.live()) ++handled[a.unit->id];
    }
  }
  std::vector<std::pair<int, long long>> ranked;
  ranked.reserve(handled.size());
  for (const auto& [unit, n] : handled) ranked.emplace_back(-n, unit);
  std::sort(ranked.begin(), ranked.end());
  if (ranked.size() < static_cast<std::size_t>(kModelUnits)) {
    throw std::logic_error("seed: fewer than 15 units handled the model year");
  }
  const Person& chair = w.leaders.front();
  int n = 0;
  const auto insert = [&](const std::string& kind, long long proposal, long long unit,
                          const std::string& reason) {
    const long long proposed = instant(add_days("2021-12-06", n % 4), 10 * 60 + n);
    const long long decided = instant("2021-12-16", 15 * 60 + n);
    soci::indicator proposal_ind = proposal != 0 ? soci::i_ok : soci::i_null;
    soci::indicator unit_ind = unit != 0 ? soci::i_ok : soci::i_null;
    const int y = kModelYear;
    const std::string comment = "同意";
    sql << "INSERT INTO commendations (committee_id, year, kind, proposal_id, unit_id, reason, "
           "state, proposed_by, proposed_at, decided_by, decided_at, decision_comment, "
           "updated_at) VALUES (:c, :y, :k, :p, :u, :r, 'approved', :by, :at, :dby, :dat, :cm, "
           ":ua)",
        soci::use(w.committee), soci::use(y), soci::use(kind), soci::use(proposal, proposal_ind),
        soci::use(unit, unit_ind), soci::use(reason), soci::use(w.commender.id),
        soci::use(proposed), soci::use(chair.id), soci::use(decided), soci::use(comment),
        soci::use(decided);
    ++n;
  };
  std::sort(excellent.begin(), excellent.end(),
            [](const ProposalRow* a, const ProposalRow* b) { return a->number < b->number; });
  for (const auto* p : excellent) {
    const auto& lead = *p->assignments.front().unit;
    insert("excellent_proposal", p->db_id, 0, compose_excellent_reason(*p->topic, lead.name, rng));
    ++report.excellent_proposals;
  }
  for (int i = 0; i < kModelUnits; ++i) {
    const auto& [count, unit] = ranked[static_cast<std::size_t>(i)];
    insert("model_unit", 0, unit, compose_model_unit_reason(-count, kModelYear, rng));
    ++report.model_units;
  }
  report.commendations = report.excellent_proposals + report.model_units;
}

}  // namespace

ProposalSeedReport seed_proposals(soci::session& sql, long long committee_id,
                                  const std::string& today) {
  World w;
  w.committee = committee_id;
  w.today = today;
  load_world(sql, w);
  ProposalSeedReport report;
  std::deque<ProposalRow> rows;
  TitlePool titles(proposal_topics());
  // The live session takes its titles first: it needs topics of particular units.
  std::deque<ProposalRow> live_rows;
  const auto live = tell_live(w, live_rows, titles);
  const auto year = tell_model_year(w, rows, titles);
  // One list, model year first; row indexes of the live stories shift by the model year's count.
  const int shift = static_cast<int>(rows.size());
  for (auto& p : live_rows) {
    p.index += shift;
    if (p.merged_into >= 0) p.merged_into += shift;
    for (auto& e : p.events) {
      if (e.ref == Ref::kPrimary || e.ref == Ref::kMerged) e.ref_index += shift;
    }
    rows.push_back(std::move(p));
  }
  number(rows);
  write(sql, w, rows, report);
  commend(sql, w, rows, year, report);
  report.model_year_received = year.received;
  report.model_year_filed = static_cast<int>(year.filed.size());
  report.model_year_collective = year.collective;
  report.model_year_not_filed = year.not_filed;
  report.model_year_merged = year.merged;
  report.live_session = live.session_name;
  report.live_proposals = live.proposals;
  report.demo_members = live.demo_members;
  return report;
}

}  // namespace lvzhi::seed
