// A filtered proposal list as .xlsx: what the caller sees in the list, one row per proposal.
#include <fmt/format.h>

#include "domain/proposal/proposal_internal.hpp"
#include "excel/xlsx_writer.hpp"

namespace lvzhi::proposal {

Result<std::string> ProposalService::export_xlsx(const Viewer& viewer, ListQuery query) {
  query.page = 1;
  query.page_size = kMaxExportRows;
  auto found = list(viewer, query);
  if (!found.ok()) return found.take_error();
  excel::XlsxWriter w;
  w.sheet("提案");
  w.header({"编号", "案由", "提案人", "类别", "提案类型", "会议", "状态", "承办单位", "办理期限",
            "是否逾期", "重点提案"});
  for (const auto& p : found.value()["items"]) {
    std::string units;
    for (const auto& u : p["units"]) {
      if (!units.empty()) units += "、";
      units += u["name"].get<std::string>();
      if (u["role"] == "lead") units += "（主办）";
      if (u["role"] == "co") units += "（会办）";
    }
    const auto& deadline = p["deadline"];
    w.row(
        {p["number_label"].get<std::string>(), p["title"].get<std::string>(),
         p["proposer_names"].get<std::string>(),
         p["category"].is_null() ? std::string() : p["category"]["name"].get<std::string>(),
         p["kind"] == "plenary" ? "大会提案" : "平时提案", p["session"]["name"].get<std::string>(),
         p["state_name"].get<std::string>(), units,
         deadline.is_null() ? excel::Cell() : excel::Cell(excel::Date{deadline.get<std::string>()}),
         p["overdue"].get<bool>() ? "是" : "否", p["is_key"].get<bool>() ? "是" : "否"});
  }
  return w.finish();
}

}  // namespace lvzhi::proposal
