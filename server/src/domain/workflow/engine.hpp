#pragma once
// The one workflow engine: runs the transition tables of contract/workflows.json. It knows states,
// actions, capacities and guard names; what a guard means for a given record is answered by the
// caller (the proposal use-cases), so the same engine serves every table.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contract/workflows.hpp"
#include "core/result.hpp"

namespace lvzhi::workflow {

enum class Table { kProposal, kAssignment };

using contract::workflow::Transition;

// What the caller is towards the record ("first_proposer", "staff", "unit_clerk", …).
using Capacities = std::vector<std::string>;
// nullopt when the guard passes; the error to answer otherwise.
using GuardCheck = std::function<std::optional<Error>(std::string_view guard)>;

// The checked move: its table row and the capacity that allowed it.
struct Move {
  const Transition* row = nullptr;
  std::string capacity;
  [[nodiscard]] bool leads_to(std::string_view state) const;
};

// In this order: 400 workflow.unknown_action → 409 workflow.invalid_state (no row from this
// state) → 403 workflow.not_permitted (no capacity; rows by "system" never match a caller) →
// the first failing guard's error.
Result<Move> check(Table table, std::string_view state, std::string_view action,
                   const Capacities& capacities, const GuardCheck& guards);

// A move the server makes itself (a "system" row); throws std::logic_error when the table has no
// such row from this state (a programming error, not a user's).
Move system_move(Table table, std::string_view state, std::string_view action);

// The actions the caller may take now, in table order, each listed once. `guards` is asked with
// no request input: guards about the input (comment_given, …) should pass.
std::vector<std::string> available(Table table, std::string_view state,
                                   const Capacities& capacities, const GuardCheck& guards);

std::string_view state_name(Table table, std::string_view state);
std::string_view action_name(Table table, std::string_view action);
bool is_action(Table table, std::string_view action);

// Splits a space-separated contract list.
std::vector<std::string_view> words(std::string_view list);

}  // namespace lvzhi::workflow
