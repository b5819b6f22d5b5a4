// One proposal as a printable Word document in the usual official layout: the proposal form
// (title block, number, proposers, category, the text) and, for each accepted reply the caller
// may read, the unit's reply letter with its class mark.
#include <fmt/format.h>

#include "core/dates.hpp"
#include "domain/proposal/proposal_internal.hpp"
#include "excel/docx_writer.hpp"

namespace lvzhi::proposal {
namespace {

namespace err = contract::err;
using office::DocxParagraph;
using Style = office::DocxParagraph::Style;

DocxParagraph line(Style style, std::string text, bool bold = false) {
  return DocxParagraph{style, {{std::move(text), bold}}, false, false};
}

// "标签：value" with the label in bold.
DocxParagraph field(const std::string& label, std::string value) {
  return DocxParagraph{
      Style::kLabel, {{label + "：", true}, {std::move(value), false}}, false, false};
}

// Each line of the member's text is its own indented paragraph.
void body(std::vector<DocxParagraph>& out, const std::string& text) {
  std::size_t start = 0;
  bool any = false;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    auto part = text.substr(start, end - start);
    if (!part.empty() && part.back() == '\r') part.pop_back();
    if (!part.empty()) {
      out.push_back(line(Style::kBody, part));
      any = true;
    }
    start = end + 1;
  }
  if (!any) out.push_back(line(Style::kBody, "（无）"));
}

// 2021-03-05 → 2021年3月5日
std::string chinese_date(const std::string& day) {
  if (!dates::valid(day)) return day;
  return fmt::format("{}年{}月{}日", day.substr(0, 4), std::stoi(day.substr(5, 2)),
                     std::stoi(day.substr(8, 2)));
}

}  // namespace

Result<ProposalService::Download> ProposalService::document(const Viewer& viewer, long long id) {
  return db_.read([&](soci::session& sql) -> Result<Download> {
    const auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    const auto ctx = detail::load_context(sql, p->committee_id);
    // The signed-in detail decides which replies this caller may read.
    const Json detail = detail::detail_json(sql, viewer, *p, ctx);
    std::string committee;
    sql << "SELECT name FROM committees WHERE id = :id", soci::use(p->committee_id),
        soci::into(committee);

    const std::string proposers = detail::proposer_label(*p);
    std::string first_name;
    for (const auto& r : p->proposers) {
      if (r.status == "accepted" && first_name.empty()) first_name = r.name;
    }
    const std::string number =
        p->number != 0 ? detail::number_label(p->number) : std::string("（未立案）");

    std::vector<DocxParagraph> doc;
    doc.push_back(line(Style::kCenter, committee + " " + p->session_name));
    doc.push_back(line(Style::kTitle, "提  案"));
    doc.push_back(line(Style::kRight, number));
    doc.push_back(field("案由", p->title));
    doc.push_back(field("提案人", proposers));
    if (!p->category_name.empty()) doc.push_back(field("类别", p->category_name));
    doc.push_back(field("提出方式", p->kind == "plenary" ? "大会提案" : "平时提案"));
    if (p->submitted_at != 0) {
      doc.push_back(field("提交日期", chinese_date(dates::day_of(p->submitted_at))));
    }
    doc.push_back(
        field("办理状态", std::string(workflow::state_name(workflow::Table::kProposal, p->state))));
    auto heading = line(Style::kHeading, "一、情况分析");
    heading.keep_with_next = true;
    doc.push_back(heading);
    body(doc, p->analysis);
    heading = line(Style::kHeading, "二、具体建议");
    heading.keep_with_next = true;
    doc.push_back(heading);
    body(doc, p->suggestions);

    const auto class_name = [&](const std::string& code) {
      for (const auto& [c, name] : ctx.settings.reply_classes) {
        if (c == code) return name;
      }
      return std::string();
    };
    for (const auto& a : detail["assignments"]) {
      const std::string text = a.value("reply_text", std::string());
      if (a["state"] != "replied" || text.empty() || a["role"] == "co") continue;
      const std::string cls = a.value("reply_class", std::string());
      auto mark = line(Style::kLabel, cls.empty() ? "" : fmt::format("{}类", cls), true);
      mark.page_break_before = true;
      doc.push_back(mark);
      const std::string unit = a["unit"]["name"].get<std::string>();
      doc.push_back(
          line(Style::kTitle, fmt::format("{}关于{}{}提案的答复", unit, p->session_name, number)));
      if (!cls.empty()) doc.push_back(line(Style::kCenter, fmt::format("（{}）", class_name(cls))));
      doc.push_back(line(Style::kLabel, p->proposer_kind == "collective"
                                            ? p->collective_name + "："
                                            : "尊敬的" + first_name + "委员："));
      body(doc, text);
      doc.push_back(line(Style::kRight, unit));
      if (a["replied_on"].is_string()) {
        doc.push_back(line(Style::kRight, chinese_date(a["replied_on"].get<std::string>())));
      }
    }

    office::DocxMeta meta;
    meta.title = p->title;
    meta.author = committee;
    meta.subject = "提案" + (p->number != 0 ? number : std::string());
    meta.created_at = p->submitted_at != 0 ? p->submitted_at : p->created_at;
    Download out;
    out.file_name = fmt::format("提案{}.docx", p->number != 0 ? number : std::to_string(p->id));
    out.media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    out.content = office::build_docx(doc, meta);
    return out;
  });
}

}  // namespace lvzhi::proposal
