#pragma once
// Shared by the proposal module's translation units (not part of its interface).
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/workdays.hpp"
#include "db/query.hpp"
#include "domain/proposal/proposal.hpp"
#include "domain/workflow/engine.hpp"

namespace lvzhi::proposal {

// [{code, name}] lists the options endpoint offers.
Json code_names(const std::vector<std::pair<std::string, std::string>>& list);
Json not_file_grounds_json();
Json dispositions_json();

}  // namespace lvzhi::proposal

namespace lvzhi::proposal::detail {

// What a request needs besides the record: settings, today's date and the calendar. The calendar
// is read on first use, inside the caller's transaction (day counts of open assignments,
// deadlines): a closed proposal's detail and most moves never need it.
class Context {
 public:
  Context(soci::session& sql, Settings settings, std::string today)
      : settings(std::move(settings)), today(std::move(today)), sql_(&sql) {}

  Settings settings;
  std::string today;
  [[nodiscard]] const workdays::Calendar& calendar() const;

 private:
  soci::session* sql_;
  mutable std::optional<workdays::Calendar> calendar_;
};
Context load_context(soci::session& sql, long long committee_id);

std::optional<Proposal> load(soci::session& sql, long long committee_id, long long id);
// How much of a proposal load_many reads: everything; what a list's summary shows (the long texts
// — the proposal's analysis and suggestions, the replies, opinions and notes of its assignments —
// are left empty); or a summary with the proposal's own analysis and suggestions, which a search's
// highlights quote (highlights() reads the replies it needs).
enum class Depth { kFull, kSummary, kSearch };
// Several at once in three queries (lists), in the order of `ids`; missing ones are left out.
std::vector<Proposal> load_many(soci::session& sql, long long committee_id,
                                const std::vector<long long>& ids, Depth depth = Depth::kFull);
// A list's page and its proposals in one statement: those of `page_sql` (a SELECT of p.id from
// proposals p, ordered and limited; its parameters in `params`, which this adds to), in the order
// `order_by` gives them (the page's own ORDER BY, over the same alias p); kept prepared as
// `reuse` says.
std::vector<Proposal> load_page(soci::session& sql, long long committee_id,
                                const std::string& page_sql, db::Params& params,
                                const std::string& order_by, Depth depth, db::Reuse reuse);
bool can_see(const Viewer& viewer, const Proposal& p);
// The caller's own proposer row, if any.
const Proposer* my_proposer(const Viewer& viewer, const Proposal& p);
Assignment* find_assignment(Proposal& p, long long assignment_id);

workflow::Capacities proposal_capacities(const Viewer& viewer, const Proposal& p);
workflow::Capacities assignment_capacities(const Viewer& viewer, const Assignment& a);
// input == nullptr: listing the available actions (guards about the input pass).
std::optional<Error> proposal_guard(std::string_view guard, const Viewer& viewer, const Proposal& p,
                                    const Json* input);
std::optional<Error> assignment_guard(std::string_view guard, const Proposal& p,
                                      const Assignment& a, const Context& ctx, const Json* input);

// code → Chinese name of the ways a unit talks to the proposer before replying.
const std::vector<std::pair<std::string, std::string>>& contact_methods();

// Units may act on their assignments only while the proposal is with them.
bool with_units(const Proposal& p);
// May the viewer fetch this attachment (0 = the proposal's own; else a reply's, visible as the
// reply is)? The detail lists exactly these, and the download serves exactly these.
bool attachment_visible(const Viewer& viewer, const Proposal& p, long long assignment_id);

Json summary_json(const Proposal& p, const std::string& today);
Json detail_json(soci::session& sql, const Viewer& viewer, const Proposal& p, const Context& ctx);

// A timeline row plus its audit row, inside the caller's transaction.
struct Step {
  long long assignment_id = 0;
  std::string action;
  std::string from_state;
  std::string to_state;
  std::string capacity;  // "system" for the server's own moves
  std::string comment;
  Json details = Json::object();
};
void record_step(soci::session& sql, const db::Dialect& dialect, const Actor& actor,
                 const Proposal& p, const Step& step);

// Notifications to one account, to every active account of a handling unit, or to the owner and
// every accepted proposer.
void notify_user(soci::session& sql, const db::Dialect& dialect, const Proposal& p,
                 long long user_id, const std::string& kind, const std::string& title);
void notify_unit(soci::session& sql, const db::Dialect& dialect, const Proposal& p,
                 long long unit_id, const std::string& kind, const std::string& title);
void notify_proposers(soci::session& sql, const db::Dialect& dialect, const Proposal& p,
                      const std::string& kind, const std::string& title);

// Statistics and list filters share these named conditions over proposals p (DOMAIN §9).
const std::vector<std::pair<std::string, std::string>>& stat_names();  // code → Chinese name
std::optional<std::string> stat_sql(std::string_view code, const std::string& today);
// Proposals submitted in `year` (Asia/Shanghai): [from, to) in unix seconds.
std::pair<long long, long long> year_range(int year);
void add_year(db::Where& where, int year);

// Full-text search (proposal_search.cpp). The proposal's search tokens are rebuilt after every
// write to it, inside the same transaction.
void reindex(soci::session& sql, const Proposal& p);
// A subquery of the ids of proposals whose tokens contain every token of `query` (at most 32 are
// used), of `committee` only unless it is 0 (the index narrows it: PostgreSQL by the committee's
// scope token, SQLite by the committee's stretch of FTS row numbers); nullopt when the query has
// no searchable token at all. The list runs it once and looks the matches up by id (instead of
// every proposal of the committee being read and tested).
std::optional<std::string> text_search_sql(db::Params& params, const db::Dialect& dialect,
                                           const std::vector<std::string>& query,
                                           long long committee);
// Which of the published proposals' matches a public search reads (PostgreSQL, whose GIN index
// keeps no order): all of them, or only those published in the latest publication's 30-day period
// (migration 0013) or on its day and the day before (migration 0015). A window holds every
// position from its start onwards, so its first n matches, if it has n, are the search's first n.
enum class PublicWindow { kAll, kLatestPeriod, kRecentDays };
// A subquery of (position, proposal_id) rows of the published proposals whose tokens contain
// every token of `query`, from the index of published proposals only (migration 0012); the
// position orders them by publication, so `ORDER BY position DESC LIMIT n` reads only the newest
// matches. `window` narrows PostgreSQL's (SQLite's index reads in position order anyway). nullopt
// when the query has no searchable token.
std::optional<std::string> public_search_sql(db::Params& params, const db::Dialect& dialect,
                                             const std::vector<std::string>& query,
                                             PublicWindow window = PublicWindow::kAll);
// PostgreSQL: how many published proposals hold the query's searchable words (migration 0016
// keeps each word's count), so a search need not count its matches in the index.
struct PublicTermCounts {
  std::size_t words = 0;  // distinct searchable words of the query
  std::size_t known = 0;  // of them, words some published proposal holds or held
  long long fewest = 0;   // the fewest proposals holding one of the known words
  // No published proposal holds every word.
  [[nodiscard]] bool none() const { return known < words || fewest == 0; }
};
PublicTermCounts public_term_counts(soci::session& sql, const std::vector<std::string>& query);
// Each search row's highlight, {"title": segments, "snippet": segments}: the snippet quotes the
// first of its analysis, its suggestions and its accepted replies (in assignment order) that holds
// a match of the `query` tokens. The replies are read, in one statement, only for the rows whose
// own texts hold none. The rows need their title, analysis and suggestions (Depth::kSearch).
std::vector<Json> highlights(soci::session& sql, const std::vector<const Proposal*>& rows,
                             const std::vector<std::string>& query);

// The collective body, or the accepted proposers' names (张三、李四): how documents and public
// pages name the proposer.
std::string proposer_label(const Proposal& p);
// 单办 | 分办 | 主办 | 会办
std::string role_name(const std::string& role);

std::string number_label(long long number);                     // 第0001号
std::string session_name(int term_number, int session_number);  // 十五届二次会议
std::string proposal_label(const Proposal& p);  // 「title」 or 第0001号「title」

}  // namespace lvzhi::proposal::detail
