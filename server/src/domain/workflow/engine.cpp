// The workflow engine over the generated transition tables.
#include "domain/workflow/engine.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

#include <fmt/format.h>

namespace lvzhi::workflow {
namespace {

namespace wf = contract::workflow;

std::span<const Transition> rows_of(Table table) {
  return table == Table::kProposal ? std::span<const Transition>(wf::kProposalTransitions)
                                   : std::span<const Transition>(wf::kAssignmentTransitions);
}

std::span<const wf::Label> states_of(Table table) {
  return table == Table::kProposal ? std::span<const wf::Label>(wf::kProposalStates)
                                   : std::span<const wf::Label>(wf::kAssignmentStates);
}

std::span<const wf::Label> actions_of(Table table) {
  return table == Table::kProposal ? std::span<const wf::Label>(wf::kProposalActions)
                                   : std::span<const wf::Label>(wf::kAssignmentActions);
}

std::string_view label(std::span<const wf::Label> labels, std::string_view code) {
  for (const auto& l : labels) {
    if (l.code == code) return l.name;
  }
  return code;
}

bool contains(std::string_view list, std::string_view word) {
  const auto all = words(list);
  return std::find(all.begin(), all.end(), word) != all.end();
}

// The first capacity of the row the caller holds ("" when none).
std::string held_capacity(const Transition& row, const Capacities& capacities) {
  for (const auto by : words(row.by)) {
    if (by == "system") continue;
    if (std::find(capacities.begin(), capacities.end(), by) != capacities.end()) {
      return std::string(by);
    }
  }
  return {};
}

}  // namespace

std::vector<std::string_view> words(std::string_view list) {
  std::vector<std::string_view> out;
  while (!list.empty()) {
    const auto space = list.find(' ');
    const auto word = list.substr(0, space);
    if (!word.empty()) out.push_back(word);
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
  return out;
}

bool Move::leads_to(std::string_view state) const {
  return row != nullptr && contains(row->to, state);
}

bool is_action(Table table, std::string_view action) {
  const auto actions = actions_of(table);
  return std::any_of(actions.begin(), actions.end(),
                     [&](const wf::Label& l) { return l.code == action; });
}

std::string_view state_name(Table table, std::string_view state) {
  return label(states_of(table), state);
}

std::string_view action_name(Table table, std::string_view action) {
  return label(actions_of(table), action);
}

Result<Move> check(Table table, std::string_view state, std::string_view action,
                   const Capacities& capacities, const GuardCheck& guards) {
  if (!is_action(table, action)) {
    return make_error(contract::err::kWorkflowUnknownAction,
                      fmt::format("不支持的操作：{}", action), Json{{"action", action}});
  }
  const Transition* from_state = nullptr;
  for (const auto& row : rows_of(table)) {
    if (row.action != action || !contains(row.from, state)) continue;
    from_state = &row;
    auto capacity = held_capacity(row, capacities);
    if (capacity.empty()) continue;
    for (const auto guard : words(row.when)) {
      if (auto failed = guards(guard)) return std::move(*failed);
    }
    return Move{&row, std::move(capacity)};
  }
  const Json details{{"action", action}, {"state", state}};
  if (from_state == nullptr) {
    return make_error(contract::err::kWorkflowInvalidState,
                      fmt::format("当前状态为“{}”，不能执行“{}”", state_name(table, state),
                                  action_name(table, action)),
                      details);
  }
  return make_error(contract::err::kWorkflowNotPermitted,
                    fmt::format("您不能对此执行“{}”", action_name(table, action)), details);
}

Move system_move(Table table, std::string_view state, std::string_view action) {
  for (const auto& row : rows_of(table)) {
    if (row.action == action && contains(row.from, state) && contains(row.by, "system")) {
      return Move{&row, "system"};
    }
  }
  throw std::logic_error(fmt::format("workflow: no system move {} from {}", action, state));
}

std::vector<std::string> available(Table table, std::string_view state,
                                   const Capacities& capacities, const GuardCheck& guards) {
  std::vector<std::string> out;
  for (const auto& row : rows_of(table)) {
    if (!contains(row.from, state) || held_capacity(row, capacities).empty()) continue;
    const std::string action(row.action);
    if (std::find(out.begin(), out.end(), action) != out.end()) continue;
    const auto guard_list = words(row.when);
    const bool passes = std::all_of(guard_list.begin(), guard_list.end(),
                                    [&](std::string_view g) { return !guards(g).has_value(); });
    if (passes) out.push_back(action);
  }
  return out;
}

}  // namespace lvzhi::workflow
