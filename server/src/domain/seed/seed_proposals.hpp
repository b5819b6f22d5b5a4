#pragma once
// The demo committee's proposals (`lvzhi seed demo`, after seed_demo.cpp has written the
// committee): the model year 2021 and a live session around the day the seed runs.
//
// 2021 (八届五次会议): 119 proposals received from term-8 members and the democratic parties, 107
// of them filed (第0001号 … 第0107号, 28 collective party proposals), 10 not filed, 2 merged; all
// filed ones assigned, replied on time, rated satisfied or basically satisfied and closed; 8 key
// proposals with 6 supervision visits; 30 published; 20 excellent proposals and 15 model units.
// Deterministic: the same rows on every run.
//
// The live session (the plenary session current today): proposals in every state of the two
// transition tables, dated back from today, so that every work queue of every demo account —
// staff, leaders, the handling units' clerks and heads, and the demo members — has work, and the
// actions the screens offer on them work.
//
// Rows are written as the API writes them (proposals, proposers, assignments, the timeline in
// proposal_events, supervisions, number counters, search tokens) inside the caller's transaction;
// no audit rows and no notifications (the seed's own audit row counts them).
#include <string>
#include <vector>

#include <soci/soci.h>

namespace lvzhi::seed {

struct DemoMemberLogin {
  std::string username;  // m0901001
  std::string name;
};

struct ProposalSeedReport {
  int model_year_received = 0;    // submitted in 2021 (filed + not filed + merged)
  int model_year_filed = 0;       // numbered 第0001号 …
  int model_year_collective = 0;  // filed collective proposals of parties
  int model_year_not_filed = 0;
  int model_year_merged = 0;
  int commendations = 0;  // excellent proposals + model units, approved
  int excellent_proposals = 0;
  int model_units = 0;
  std::string live_session;  // 九届五次会议
  int live_proposals = 0;
  long long events = 0;                       // timeline rows
  std::vector<DemoMemberLogin> demo_members;  // every member queue of theirs has work
};

// The proposals and commendations of the demo committee `committee_id`. `today` (YYYY-MM-DD,
// Asia/Shanghai) anchors the live session: every live step happened before today.
ProposalSeedReport seed_proposals(soci::session& sql, long long committee_id,
                                  const std::string& today);

}  // namespace lvzhi::seed
