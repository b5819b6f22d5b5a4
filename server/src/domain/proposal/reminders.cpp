// Deadline reminders: each open assignment's unit hears once when its deadline comes within the
// due-soon window and once when it passes (per deadline, so an extension re-arms them).
#include <map>

#include <fmt/format.h>

#include "core/dates.hpp"
#include "domain/notify/notify.hpp"
#include "domain/proposal/proposal_internal.hpp"

namespace lvzhi::proposal {

long long send_deadline_reminders(db::Database& db, const std::string& today) {
  auto sent = db.write([&](soci::session& sql) -> Result<long long> {
    struct Due {
      long long committee_id = 0;
      long long proposal_id = 0;
      long long assignment_id = 0;
      long long unit_id = 0;
      std::string deadline;
      std::string title;
      long long number = 0;
    };
    // Only deadlines within the widest due-soon window a committee may set: at national scale
    // most open assignments are further off, and each row below costs queries.
    const auto horizon = dates::add_days(today, kMaxDueSoonDays).value_or(today);
    std::vector<Due> rows;
    Due d;
    soci::statement st =
        db::once(sql,
                 "SELECT p.committee_id, p.id, a.id, a.unit_id, a.deadline, p.title, "
                 "COALESCE(p.number, 0) FROM proposal_assignments a JOIN proposals p ON "
                 "p.id = a.proposal_id WHERE a.state IN ('pending', 'handling', "
                 "'reassign_requested', 'reply_draft', 'reply_review') AND a.deadline <= "
                 ":horizon ORDER BY a.id",
                 soci::use(horizon), soci::into(d.committee_id), soci::into(d.proposal_id),
                 soci::into(d.assignment_id), soci::into(d.unit_id), soci::into(d.deadline),
                 soci::into(d.title), soci::into(d.number));
    st.execute();
    while (st.fetch()) rows.push_back(d);
    // Settings per committee and accounts per unit, read once per pass.
    std::map<long long, std::string> soon_of;
    std::map<long long, std::vector<long long>> users_of;
    long long count = 0;
    for (const auto& r : rows) {
      auto soon_it = soon_of.find(r.committee_id);
      if (soon_it == soon_of.end()) {
        const auto settings = load_settings(sql, r.committee_id);
        soon_it = soon_of
                      .emplace(r.committee_id,
                               dates::add_days(today, settings.due_soon_days).value_or(today))
                      .first;
      }
      const bool overdue = r.deadline < today;
      if (!overdue && r.deadline > soon_it->second) continue;
      auto users_it = users_of.find(r.unit_id);
      if (users_it == users_of.end()) {
        std::vector<long long> found;
        long long user = 0;
        soci::statement us = db::once(sql,
                                      "SELECT id FROM users WHERE unit_id = :u AND status "
                                      "= 'active'",
                                      soci::use(r.unit_id), soci::into(user));
        us.execute();
        while (us.fetch()) found.push_back(user);
        users_it = users_of.emplace(r.unit_id, std::move(found)).first;
      }
      const auto& users = users_it->second;
      const std::string kind = overdue ? "overdue" : "due_soon";
      const auto label = fmt::format("{}「{}」", detail::number_label(r.number), r.title);
      for (const auto u : users) {
        const bool fresh = notify::send(
            sql, db.dialect(),
            {.user_id = u,
             .committee_id = r.committee_id,
             .kind = "proposal." + kind,
             .title = overdue ? fmt::format("提案已超过办理期限（{}）", r.deadline)
                              : fmt::format("提案办理期限将至（{}）", r.deadline),
             .body = label,
             .link = fmt::format("/proposals/{}", r.proposal_id),
             .dedupe_key = fmt::format("{}:{}:{}", kind, r.assignment_id, r.deadline)});
        if (fresh) ++count;
      }
    }
    return count;
  });
  return sent.ok() ? sent.value() : 0;
}

}  // namespace lvzhi::proposal
