// Attachments of a proposal and of a unit's reply: checked (name, type by content, size, count)
// before anything is stored; files on disk by checksum, rows in proposal_attachments.
#include <fmt/format.h>

#include "core/clock.hpp"
#include "domain/audit/audit.hpp"
#include "domain/proposal/proposal_internal.hpp"
#include "files/attachment_file.hpp"

namespace lvzhi::proposal {
namespace {

namespace err = contract::err;
using workflow::Table;

// May the viewer add or remove files here now? Proposal files follow the proposal table's
// upload/delete moves; a reply's files the assignment's upload move.
Status may_change(const Viewer& viewer, Proposal& p, long long assignment_id,
                  const char* proposal_action, const detail::Context& ctx) {
  if (assignment_id == 0) {
    auto move = workflow::check(Table::kProposal, p.state, proposal_action,
                                detail::proposal_capacities(viewer, p),
                                [](std::string_view) { return std::optional<Error>(); });
    if (!move.ok()) return move.take_error();
    return ok_status();
  }
  auto* a = detail::find_assignment(p, assignment_id);
  if (a == nullptr || a->state == "cancelled") return make_error(err::kAssignmentNotFound);
  if (!detail::with_units(p)) {
    return make_error(err::kWorkflowInvalidState);
  }
  auto move = workflow::check(
      Table::kAssignment, a->state, "upload_attachment", detail::assignment_capacities(viewer, *a),
      [&](std::string_view g) { return detail::assignment_guard(g, p, *a, ctx, nullptr); });
  if (!move.ok()) return move.take_error();
  return ok_status();
}

struct Row {
  long long id = 0;
  long long assignment_id = 0;
  std::string file_name;
  std::string media_type;
  std::string sha256;
};

std::optional<Row> find_row(soci::session& sql, long long proposal_id, long long attachment_id) {
  Row r;
  soci::indicator found = soci::i_null;
  sql << "SELECT id, COALESCE(assignment_id, 0), file_name, media_type, sha256 FROM "
         "proposal_attachments WHERE id = :id AND proposal_id = :p",
      soci::use(attachment_id), soci::use(proposal_id), soci::into(r.id, found),
      soci::into(r.assignment_id), soci::into(r.file_name), soci::into(r.media_type),
      soci::into(r.sha256);
  if (found != soci::i_ok) return std::nullopt;
  return r;
}

}  // namespace

Result<Json> ProposalService::upload(const Viewer& viewer, long long id, const Upload& upload) {
  return db_.write([&](soci::session& sql) -> Result<Json> {
    auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    const auto ctx = detail::load_context(sql, p->committee_id);
    if (auto allowed = may_change(viewer, *p, upload.assignment_id, "upload_attachment", ctx);
        !allowed.ok()) {
      return allowed.take_error();
    }
    // Everything is checked before the file is written.
    auto name = files::check_file_name(upload.file_name);
    if (!name.ok()) return name.take_error();
    const auto limit = static_cast<std::size_t>(ctx.settings.max_attachment_mb) << 20;
    if (upload.content.size() > limit) {
      return make_error(err::kAttachmentTooLarge,
                        fmt::format("附件不能超过 {} MB", ctx.settings.max_attachment_mb),
                        Json{{"max_bytes", limit}});
    }
    if (upload.content.empty()) return make_error(err::kRequestBadMultipart, "上传的文件是空的");
    auto media_type = files::sniff_media_type(name.value(), upload.content);
    if (!media_type.ok()) return media_type.take_error();
    long long count = 0;
    sql << "SELECT COUNT(*) FROM proposal_attachments WHERE proposal_id = :p", soci::use(p->id),
        soci::into(count);
    if (count >= ctx.settings.max_attachments) {
      return make_error(err::kAttachmentTooMany,
                        fmt::format("每件提案最多 {} 个附件", ctx.settings.max_attachments));
    }
    const auto sha = files_.put(upload.content);
    const long long now = now_seconds();
    long long assignment_id = upload.assignment_id;
    soci::indicator assignment_ind = assignment_id != 0 ? soci::i_ok : soci::i_null;
    const auto size = static_cast<long long>(upload.content.size());
    long long attachment_id = 0;
    sql << "INSERT INTO proposal_attachments (proposal_id, assignment_id, file_name, media_type, "
           "size_bytes, sha256, uploaded_by, created_at) VALUES (:p, :a, :n, :t, :s, :h, :u, "
           ":now) RETURNING id",
        soci::use(p->id), soci::use(assignment_id, assignment_ind), soci::use(name.value()),
        soci::use(media_type.value()), soci::use(size), soci::use(sha),
        soci::use(viewer.actor->user_id), soci::use(now), soci::into(attachment_id);
    audit::record(sql, db_.dialect(), *viewer.actor,
                  {"proposal.upload_attachment", "proposal", std::to_string(p->id),
                   Json{{"attachment_id", attachment_id},
                        {"file_name", name.value()},
                        {"media_type", media_type.value()},
                        {"size_bytes", size},
                        {"sha256", sha},
                        {"assignment_id", assignment_id}},
                   p->committee_id});
    return Json{{"id", attachment_id},
                {"file_name", name.value()},
                {"media_type", media_type.value()},
                {"size_bytes", size},
                {"sha256", sha},
                {"assignment_id", assignment_id != 0 ? Json(assignment_id) : Json(nullptr)},
                {"uploaded_by",
                 {{"id", viewer.actor->user_id}, {"display_name", viewer.actor->display_name}}},
                {"created_at", now}};
  });
}

Result<ProposalService::Download> ProposalService::download(const Viewer& viewer, long long id,
                                                            long long attachment_id) {
  auto row = db_.read([&](soci::session& sql) -> Result<Row> {
    const auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    auto r = find_row(sql, id, attachment_id);
    if (!r || !detail::attachment_visible(viewer, *p, r->assignment_id)) {
      return make_error(err::kAttachmentNotFound);
    }
    return *r;
  });
  if (!row.ok()) return row.take_error();
  auto content = files_.get(row->sha256);
  if (!content) {
    return make_error(err::kAttachmentNotFound, "附件文件缺失或已损坏，请联系系统管理员");
  }
  return Download{row->file_name, row->media_type, std::move(*content)};
}

Status ProposalService::remove_attachment(const Viewer& viewer, long long id,
                                          long long attachment_id) {
  return db_.write([&](soci::session& sql) -> Status {
    auto p = detail::load(sql, viewer.actor->committee_id, id);
    if (!p || !detail::can_see(viewer, *p)) return make_error(err::kProposalNotFound);
    const auto r = find_row(sql, id, attachment_id);
    if (!r) return make_error(err::kAttachmentNotFound);
    const auto ctx = detail::load_context(sql, p->committee_id);
    if (auto allowed = may_change(viewer, *p, r->assignment_id, "delete_attachment", ctx);
        !allowed.ok()) {
      return allowed;
    }
    sql << "DELETE FROM proposal_attachments WHERE id = :id", soci::use(attachment_id);
    audit::record(
        sql, db_.dialect(), *viewer.actor,
        {"proposal.delete_attachment", "proposal", std::to_string(p->id),
         Json{{"attachment_id", attachment_id}, {"file_name", r->file_name}}, p->committee_id});
    return ok_status();
  });
}

}  // namespace lvzhi::proposal
