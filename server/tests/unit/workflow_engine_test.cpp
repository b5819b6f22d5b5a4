// The transition tables of contract/workflows.json, row by row: for every action, every state and
// every capacity, the engine allows exactly the moves the table lists, refuses the rest with the
// right code, and asks the row's guards.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "domain/workflow/engine.hpp"

namespace lvzhi::workflow {
namespace {

namespace wf = contract::workflow;

struct TableView {
  Table table;
  std::span<const Transition> rows;
  std::span<const wf::Label> states;
  std::span<const wf::Label> actions;
};

std::vector<TableView> tables() {
  return {{Table::kProposal, wf::kProposalTransitions, wf::kProposalStates, wf::kProposalActions},
          {Table::kAssignment, wf::kAssignmentTransitions, wf::kAssignmentStates,
           wf::kAssignmentActions}};
}

bool has(std::string_view list, std::string_view word) {
  const auto all = words(list);
  return std::find(all.begin(), all.end(), word) != all.end();
}

const GuardCheck kPass = [](std::string_view) { return std::optional<Error>(); };

TEST(WorkflowEngine, EveryActionStateAndCapacityIsDecidedByTheTable) {
  int allowed = 0;
  int refused = 0;
  for (const auto& t : tables()) {
    for (const auto& action : t.actions) {
      for (const auto& state : t.states) {
        // What the table says for this action from this state.
        bool from_state = false;
        std::set<std::string> holders;
        for (const auto& row : t.rows) {
          if (row.action != action.code || !has(row.from, state.code)) continue;
          from_state = true;
          for (const auto by : words(row.by)) holders.emplace(by);
        }
        for (const auto& capacity : wf::kCapacities) {
          SCOPED_TRACE(std::string(action.code) + " from " + std::string(state.code) + " as " +
                       std::string(capacity.code));
          const auto result =
              check(t.table, state.code, action.code, {std::string(capacity.code)}, kPass);
          const bool may = from_state && capacity.code != "system" &&
                           holders.contains(std::string(capacity.code));
          if (may) {
            ++allowed;
            ASSERT_TRUE(result.ok());
            EXPECT_EQ(result->capacity, capacity.code);
            continue;
          }
          ++refused;
          ASSERT_FALSE(result.ok());
          EXPECT_EQ(result.error().code(),
                    from_state ? "workflow.not_permitted" : "workflow.invalid_state");
          EXPECT_EQ(result.error().status(), from_state ? 403 : 409);
        }
      }
    }
  }
  EXPECT_GT(allowed, 50);
  EXPECT_GT(refused, 1000);
}

TEST(WorkflowEngine, AvailableListsExactlyTheAllowedActions) {
  for (const auto& t : tables()) {
    for (const auto& state : t.states) {
      for (const auto& capacity : wf::kCapacities) {
        const Capacities caps{std::string(capacity.code)};
        const auto listed = available(t.table, state.code, caps, kPass);
        for (const auto& action : t.actions) {
          const bool ok = check(t.table, state.code, action.code, caps, kPass).ok();
          const bool in_list = std::find(listed.begin(), listed.end(), action.code) != listed.end();
          EXPECT_EQ(ok, in_list) << action.code << " from " << state.code << " as "
                                 << capacity.code;
        }
      }
    }
  }
}

TEST(WorkflowEngine, AFailingGuardIsAnsweredWithItsOwnError) {
  const GuardCheck no_comment = [](std::string_view guard) -> std::optional<Error> {
    if (guard == "comment_given") return make_error(contract::err::kWorkflowCommentRequired);
    return std::nullopt;
  };
  const auto result = check(Table::kProposal, "submitted", "return", {"staff"}, no_comment);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), "workflow.comment_required");
  // The listing hides the action whose guard fails.
  const auto listed = available(Table::kProposal, "submitted", {"staff"}, no_comment);
  EXPECT_EQ(std::count(listed.begin(), listed.end(), "return"), 0);
  EXPECT_EQ(std::count(listed.begin(), listed.end(), "accept"), 1);
}

TEST(WorkflowEngine, UnknownActionsAndSystemMoves) {
  const auto unknown = check(Table::kProposal, "draft", "teleport", {"staff"}, kPass);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code(), "workflow.unknown_action");
  // No caller holds "system", even when asking for it.
  const auto system = check(Table::kProposal, "assigned", "all_acknowledged", {"system"}, kPass);
  ASSERT_FALSE(system.ok());
  EXPECT_EQ(system.error().code(), "workflow.not_permitted");
  EXPECT_TRUE(system_move(Table::kProposal, "assigned", "all_acknowledged").leads_to("handling"));
  EXPECT_THROW((void)system_move(Table::kProposal, "draft", "all_acknowledged"), std::logic_error);
  EXPECT_EQ(state_name(Table::kAssignment, "reply_draft"), "答复待签发");
  EXPECT_EQ(action_name(Table::kProposal, "merge_into"), "并案");
}

}  // namespace
}  // namespace lvzhi::workflow
