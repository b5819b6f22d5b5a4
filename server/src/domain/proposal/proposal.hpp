#pragma once
// Proposals (提案), DOMAIN §3: drafting, co-signing, review, filing, assignment to handling
// units, replies, rating and closing. The moves are contract/workflows.json, run by
// domain/workflow; this module holds the records, the scope rules and what each move does.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <soci/soci.h>

#include "core/actor.hpp"
#include "core/result.hpp"
#include "db/database.hpp"
#include "domain/proposal/stats_cache.hpp"
#include "files/file_store.hpp"
#include "http/route.hpp"

namespace lvzhi::proposal {

struct Proposer {
  long long id = 0;
  long long member_id = 0;
  std::string name;
  long long user_id = 0;  // the member's account (0 = none)
  std::string role;       // first | cosigner | merged
  std::string status;     // invited | accepted | declined
  std::string rating;
  int rating_round = 0;
  std::string rating_comment;
  long long rated_by_user_id = 0;
};

struct Assignment {
  long long id = 0;
  long long proposal_id = 0;
  long long unit_id = 0;
  std::string unit_name;
  std::string role;  // single | separate | lead | co
  std::string state;
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
  long long signed_by_user_id = 0;
  std::string signed_by_name;
  std::string replied_on;
  long long replaced_by_id = 0;

  [[nodiscard]] bool replying() const { return role != "co"; }
  [[nodiscard]] bool open() const;  // still owes something (not cancelled, replied or done)
};

struct Proposal {
  long long id = 0;
  long long committee_id = 0;
  long long session_id = 0;
  std::string session_name;
  std::string kind;
  std::string proposer_kind;
  long long collective_id = 0;
  std::string collective_name;
  std::string collective_kind;
  long long owner_user_id = 0;
  std::string title;
  std::string analysis;
  std::string suggestions;
  long long category_id = 0;
  std::string category_name;
  std::string state;
  long long number = 0;  // 0 = not filed
  long long submitted_at = 0;
  long long filed_at = 0;
  long long closed_at = 0;
  std::string not_file_ground;
  std::string disposition;
  long long merged_into_id = 0;
  std::string assign_mode;
  int rating_round = 1;
  bool consultation_required = false;
  bool is_key = false;
  long long supervisor_user_id = 0;
  std::string supervisor_name;
  bool is_published = false;
  long long version = 1;
  long long created_at = 0;
  long long updated_at = 0;

  std::vector<Proposer> proposers;
  std::vector<Assignment> assignments;
};

// Who the caller is towards proposals: filled once per request.
struct Viewer {
  const Actor* actor = nullptr;
  std::vector<long long> member_ids;  // the caller's roster rows (one per term)
  long long unit_id = 0;              // for unit clerks and heads
  [[nodiscard]] bool staff() const;
  [[nodiscard]] bool view_all() const;
  [[nodiscard]] bool leader() const;
  [[nodiscard]] bool handles() const;
  [[nodiscard]] bool signs() const;
  [[nodiscard]] bool submits() const;
};

// The widest due-soon window a committee may set (the settings page's bound; reminders read no
// deadline further off).
constexpr int kMaxDueSoonDays = 90;

// Per-committee settings (table settings, keys proposal.*), with DOMAIN §3 defaults.
struct Settings {
  int reply_months = 3;
  int extended_months = 6;
  int rehandle_months = 1;  // a re-handled reply is due this long after the dissatisfied rating
  int reassign_window_days = 5;
  int due_soon_days = 15;  // at most kMaxDueSoonDays
  int max_attachment_mb = 20;
  int max_attachments = 10;
  std::vector<std::pair<std::string, std::string>> reply_classes;  // code → name
};
Settings load_settings(soci::session& sql, long long committee_id);

struct ListQuery {
  std::string queue;
  std::string state;
  long long session_id = 0;
  std::string kind;
  long long category_id = 0;
  long long unit_id = 0;
  bool key_only = false;
  int year = 0;             // submitted in this year
  long long sector_id = 0;  // the first proposer's sector
  std::string stat;         // a statistics figure's condition (detail::stat_sql)
  std::string reply_class;  // has an accepted reply of this class
  std::string q;
  int page = 1;
  int page_size = 20;
};

struct Draft {
  std::optional<long long> version;
  std::optional<std::string> kind;
  std::optional<std::string> proposer_kind;
  std::optional<long long> collective_id;
  std::optional<long long> first_member_id;  // staff entering a paper proposal
  std::optional<std::string> title;
  std::optional<std::string> analysis;
  std::optional<std::string> suggestions;
  std::optional<long long> category_id;  // 0 = clear
  std::optional<std::vector<long long>> cosigner_ids;
};

class ProposalService {
 public:
  ProposalService(db::Database& db, files::FileStore& files) : db_(db), files_(files) {}

  Viewer viewer(const Actor& actor);
  Result<Json> list(const Viewer& viewer, const ListQuery& query);
  // The whole filtered list (same scope and filters, at most kMaxExportRows rows) as .xlsx.
  Result<std::string> export_xlsx(const Viewer& viewer, ListQuery query);
  static constexpr int kMaxExportRows = 5000;
  Json queues(const Viewer& viewer);
  // DOMAIN §9 figures for a year (0 = this year) or a plenary session.
  Result<Json> stats(const Viewer& viewer, int year, long long session_id);
  // The most similar proposals to a text being drafted (TF-IDF cosine over search tokens), and
  // to an existing proposal plus, for staff, the units similar proposals went to.
  struct SimilarText {
    std::string title;
    std::string analysis;
    std::string suggestions;
    long long exclude_id = 0;
  };
  Result<Json> similar(const Viewer& viewer, const SimilarText& text);
  Result<Json> similar_to(const Viewer& viewer, long long id);

  // Public disclosure (no sign-in): closed and published proposals only, and of them only what
  // a citizen may read — title, text, proposers' names, the accepted replies.
  struct PublicQuery {
    std::string q;
    int page = 1;
    int page_size = 20;
  };
  Result<Json> public_list(const PublicQuery& query);
  Result<Json> public_get(long long id);

  // Yearly commendation (优秀提案, 先进承办单位): staff propose, leaders approve or reject.
  Result<Json> commendations(const Viewer& viewer, int year, const std::string& kind);
  Result<Json> commendation_candidates(const Viewer& viewer, int year, const std::string& kind);
  Result<Json> propose_commendation(const Viewer& viewer, const Json& input);
  Result<Json> decide_commendation(const Viewer& viewer, long long id, bool approve,
                                   const Json& input);
  Status remove_commendation(const Viewer& viewer, long long id);

  Json options(const Viewer& viewer);
  Json cosigner_options(const Viewer& viewer, const std::string& q);
  // The committee's proposal.* settings; update checks every field (422 per field) and audits.
  Json settings(const Viewer& viewer);
  Result<Json> update_settings(const Viewer& viewer, const Json& input);

  Result<Json> create(const Viewer& viewer, const Draft& draft);
  Result<Json> get(const Viewer& viewer, long long id);
  Result<Json> update(const Viewer& viewer, long long id, const Draft& draft);
  Result<Json> timeline(const Viewer& viewer, long long id);
  Result<Json> act(const Viewer& viewer, long long id, const std::string& action,
                   const Json& input);
  Result<Json> act_on_assignment(const Viewer& viewer, long long id, long long assignment_id,
                                 const std::string& action, const Json& input);

  struct Upload {
    std::string file_name;
    std::string content;
    long long assignment_id = 0;
  };
  Result<Json> upload(const Viewer& viewer, long long id, const Upload& upload);
  struct Download {
    std::string file_name;
    std::string media_type;
    std::string content;
  };
  Result<Download> download(const Viewer& viewer, long long id, long long attachment_id);
  // One proposal as a printable Word document (official layout).
  Result<Download> document(const Viewer& viewer, long long id);
  Status remove_attachment(const Viewer& viewer, long long id, long long attachment_id);

 private:
  db::Database& db_;
  files::FileStore& files_;
  StatsCache stats_cache_;
};

// Due-soon and overdue reminders to the handling units' accounts, as of `today` (once per
// assignment, deadline and kind, so running it again sends nothing new). Returns how many were
// sent.
long long send_deadline_reminders(db::Database& db, const std::string& today);

// Builds the search tokens of every proposal that has none yet (written before search existed,
// or by the demo seed). Returns how many it indexed.
long long index_unindexed(db::Database& db);

http::RouteTable proposal_routes(ProposalService& proposals);

}  // namespace lvzhi::proposal
