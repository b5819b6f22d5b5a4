// Generated from contract/*.json by scripts/gen-contract. Do not edit.
// The web tests fail when this file differs from what gen-contract writes.

/** Permission codes, as the server sends them in `/auth/me` `permissions`. */
export const Perm = {
  COMMITTEE_VIEW: 'committee.view',
  COMMITTEE_MANAGE: 'committee.manage',
  USER_VIEW: 'user.view',
  USER_MANAGE: 'user.manage',
  USER_SET_STATUS: 'user.set_status',
  USER_UNLOCK: 'user.unlock',
  USER_RESET_PASSWORD: 'user.reset_password',
  USER_RESET_MFA: 'user.reset_mfa',
  SETTINGS_SECURITY_VIEW: 'settings.security.view',
  SETTINGS_SECURITY_EDIT: 'settings.security.edit',
  AUDIT_VIEW: 'audit.view',
  ORG_VIEW: 'org.view',
  ORG_MANAGE: 'org.manage',
  MEMBER_VIEW: 'member.view',
  MEMBER_VIEW_PRIVATE: 'member.view_private',
  MEMBER_MANAGE: 'member.manage',
  PROPOSAL_SUBMIT: 'proposal.submit',
  PROPOSAL_VIEW_ALL: 'proposal.view_all',
  PROPOSAL_MANAGE: 'proposal.manage',
  PROPOSAL_SUPERVISE: 'proposal.supervise',
  PROPOSAL_HANDLE: 'proposal.handle',
  PROPOSAL_SIGN_OFF: 'proposal.sign_off',
  CALENDAR_MANAGE: 'calendar.manage',
} as const;
export type Permission = (typeof Perm)[keyof typeof Perm];

/** Chinese name of each permission. */
export const PERMISSION_NAMES: Record<Permission, string> = {
  'committee.view': '查看政协委员会',
  'committee.manage': '管理政协委员会',
  'user.view': '查看用户',
  'user.manage': '创建和编辑用户',
  'user.set_status': '停用和启用用户',
  'user.unlock': '解锁用户',
  'user.reset_password': '重置用户密码',
  'user.reset_mfa': '重置用户的双因素认证',
  'settings.security.view': '查看安全设置',
  'settings.security.edit': '修改安全设置',
  'audit.view': '查看审计日志',
  'org.view': '查看届次、基础数据、承办单位和专家',
  'org.manage': '维护届次、基础数据、承办单位和专家',
  'member.view': '查看委员名单和委员资料',
  'member.view_private': '查看委员的手机、邮箱和身份证号',
  'member.manage': '新增、编辑和导入委员',
  'proposal.submit': '起草和提交本人的提案、联名和评价',
  'proposal.view_all': '查看本会全部提案',
  'proposal.manage': '审查、立案、交办、审核答复和管理提案',
  'proposal.supervise': '重点提案督办',
  'proposal.handle': '承办交办给本单位的提案',
  'proposal.sign_off': '签发本单位的提案答复',
  'calendar.manage': '维护工作日历（节假日和调休）',
};

export const ROLE_CODES = [
  'member',
  'staff',
  'leader',
  'unit_clerk',
  'unit_head',
  'sysadmin',
  'secadmin',
  'auditor',
] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

export interface RoleDef {
  code: RoleCode;
  /** Chinese name. */
  name: string;
  /** One of the three separated admin roles (三员分立). */
  admin: boolean;
  permissions: readonly Permission[];
}

export const ROLES: Record<RoleCode, RoleDef> = {
  member: { code: 'member', name: '政协委员', admin: false, permissions: ['proposal.submit'] },
  staff: { code: 'staff', name: '机关工作人员', admin: false, permissions: ['org.view', 'org.manage', 'member.view', 'member.view_private', 'member.manage', 'proposal.view_all', 'proposal.manage', 'calendar.manage'] },
  leader: { code: 'leader', name: '主席会议成员', admin: false, permissions: ['org.view', 'member.view', 'proposal.view_all', 'proposal.supervise'] },
  unit_clerk: { code: 'unit_clerk', name: '承办单位经办人', admin: false, permissions: ['proposal.handle'] },
  unit_head: { code: 'unit_head', name: '承办单位负责人', admin: false, permissions: ['proposal.handle', 'proposal.sign_off'] },
  sysadmin: { code: 'sysadmin', name: '系统管理员', admin: true, permissions: ['committee.view', 'committee.manage', 'user.view', 'user.manage', 'user.set_status'] },
  secadmin: { code: 'secadmin', name: '安全管理员', admin: true, permissions: ['user.view', 'user.set_status', 'user.unlock', 'user.reset_password', 'user.reset_mfa', 'settings.security.view', 'settings.security.edit'] },
  auditor: { code: 'auditor', name: '审计管理员', admin: true, permissions: ['audit.view'] },
};

/** Stable error codes: clients switch on the code, never on the message. */
export const ERRORS = {
  'request.malformed': { status: 400, message: '请求格式有误' },
  'request.malformed_json': { status: 400, message: '请求内容不是有效的 JSON' },
  'request.bad_query': { status: 400, message: '查询参数有误' },
  'request.not_found': { status: 404, message: '请求的地址不存在' },
  'request.method_not_allowed': { status: 405, message: '该地址不支持此请求方法' },
  'request.body_too_large': { status: 413, message: '请求内容过大' },
  'request.unsupported_media_type': { status: 415, message: '请求内容类型不受支持，请使用 application/json' },
  'request.headers_too_large': { status: 431, message: '请求头过大' },
  'request.validation_failed': { status: 422, message: '提交的内容有误，请按提示修改后重试' },
  'request.conflict': { status: 409, message: '数据已被他人修改，请刷新后重试' },
  'server.internal_error': { status: 500, message: '服务器内部错误，请稍后重试' },
  'server.unavailable': { status: 503, message: '服务暂时不可用，请稍后重试' },
  'auth.unauthenticated': { status: 401, message: '请先登录' },
  'auth.session_expired': { status: 401, message: '登录已超时，请重新登录' },
  'auth.invalid_credentials': { status: 401, message: '用户名或密码错误' },
  'auth.account_locked': { status: 401, message: '登录失败次数过多，账户已临时锁定，请稍后再试或联系安全管理员' },
  'auth.account_disabled': { status: 403, message: '账户已停用，请联系系统管理员' },
  'auth.rate_limited': { status: 429, message: '尝试过于频繁，请稍后再试' },
  'auth.csrf_failed': { status: 403, message: '安全校验失败，请刷新页面后重试' },
  'auth.forbidden': { status: 403, message: '您没有执行此操作的权限' },
  'auth.password_change_required': { status: 403, message: '请先修改密码' },
  'auth.mfa_required': { status: 403, message: '请先输入身份验证器中的动态验证码' },
  'auth.mfa_enrollment_required': { status: 403, message: '您的角色须启用双因素认证，请先绑定身份验证器' },
  'auth.invalid_mfa_code': { status: 401, message: '动态验证码或恢复码错误' },
  'auth.mfa_not_pending': { status: 409, message: '当前无需输入动态验证码' },
  'auth.mfa_already_enabled': { status: 409, message: '已绑定身份验证器' },
  'auth.mfa_not_enrolling': { status: 409, message: '请先开始绑定身份验证器' },
  'auth.mfa_cannot_disable': { status: 409, message: '您的角色必须启用双因素认证，不能解绑' },
  'committee.not_found': { status: 404, message: '政协委员会不存在' },
  'committee.name_taken': { status: 409, message: '已有同名的政协委员会' },
  'term.not_found': { status: 404, message: '届次不存在' },
  'term.number_taken': { status: 409, message: '该届次已存在' },
  'term.session_not_found': { status: 404, message: '会议不存在' },
  'term.session_number_taken': { status: 409, message: '本届已有该次会议' },
  'term.no_current': { status: 409, message: '尚未设立当前届次，请先新建届次' },
  'reference.unknown_kind': { status: 404, message: '基础数据类别不存在' },
  'reference.not_found': { status: 404, message: '基础数据不存在' },
  'reference.name_taken': { status: 409, message: '已有同名的基础数据' },
  'reference.in_use': { status: 409, message: '该项已被使用，不能删除，可改为停用' },
  'unit.not_found': { status: 404, message: '承办单位不存在' },
  'unit.name_taken': { status: 409, message: '已有同名的承办单位' },
  'unit.in_use': { status: 409, message: '该承办单位已有账号，不能删除，可改为停用' },
  'expert.not_found': { status: 404, message: '专家不存在' },
  'member.not_found': { status: 404, message: '委员不存在' },
  'member.number_taken': { status: 409, message: '本届已有该委员编号' },
  'user.not_found': { status: 404, message: '用户不存在' },
  'user.username_taken': { status: 409, message: '用户名已被使用' },
  'user.not_locked': { status: 409, message: '该用户当前未被锁定' },
  'user.already_in_status': { status: 409, message: '该用户已处于此状态' },
  'user.mfa_not_enabled': { status: 409, message: '该用户尚未绑定身份验证器' },
  'user.cannot_change_self': { status: 409, message: '不能对自己的账户执行此操作' },
  'import.not_xlsx': { status: 422, message: '文件不是有效的 Excel（.xlsx）文件' },
  'import.too_large': { status: 413, message: '文件过大，请拆分后分批导入' },
  'import.too_many_entries': { status: 422, message: '文件内部条目过多，不是有效的 Excel（.xlsx）文件' },
  'import.too_many_rows': { status: 422, message: '表格行数超过上限，请拆分后分批导入' },
  'import.too_many_columns': { status: 422, message: '表格列数超过上限，请删除多余的列后重试' },
  'import.bad_header': { status: 422, message: '表头与导入模板不一致，请下载模板后按模板填写' },
  'import.empty': { status: 422, message: '表格中没有数据行' },
  'import.invalid_rows': { status: 422, message: '部分行有误，未导入任何数据，请按提示修改后重新导入' },
  'request.bad_multipart': { status: 400, message: '上传内容格式有误' },
  'proposal.not_found': { status: 404, message: '提案不存在' },
  'proposal.no_session': { status: 422, message: '尚未设置会议（届次与会议），无法起草提案' },
  'proposal.not_a_member': { status: 403, message: '只有本届委员可以以个人名义提出提案' },
  'proposal.version_conflict': { status: 409, message: '提案已在别处被修改，请刷新后再试' },
  'proposal.incomplete': { status: 422, message: '提案内容不完整' },
  'proposal.already_rated': { status: 409, message: '您已评价过本轮办理结果' },
  'proposal.all_rated': { status: 409, message: '所有提案人都已评价' },
  'proposal.consultation_not_required': { status: 409, message: '只有第二次评价不满意的提案才需面商后办结' },
  'proposal.already_published': { status: 409, message: '提案已公开' },
  'proposal.not_published': { status: 409, message: '提案尚未公开' },
  'proposal.already_key': { status: 409, message: '该提案已是重点提案' },
  'proposal.not_key': { status: 409, message: '该提案不是重点提案' },
  'proposal.bad_merge': { status: 422, message: '不能并入该提案' },
  'workflow.unknown_action': { status: 400, message: '不支持的操作' },
  'workflow.invalid_state': { status: 409, message: '提案当前状态不能执行该操作' },
  'workflow.not_permitted': { status: 403, message: '您不能对该提案执行此操作' },
  'workflow.comment_required': { status: 422, message: '请填写意见或理由' },
  'assignment.not_found': { status: 404, message: '交办记录不存在' },
  'assignment.reassign_window_closed': { status: 409, message: '已超过申请调整承办单位的期限' },
  'assignment.not_co_unit': { status: 409, message: '只有会办单位送会办意见' },
  'assignment.not_replying_unit': { status: 409, message: '会办单位不直接答复提案人，请向主办单位送会办意见' },
  'assignment.extension_used': { status: 409, message: '每件提案只能申请一次延期' },
  'assignment.no_extension_request': { status: 409, message: '没有待审批的延期申请' },
  'assignment.reply_incomplete': { status: 422, message: '答复内容不完整' },
  'assignment.co_opinions_missing': { status: 409, message: '会办单位的意见尚未全部送达' },
  'attachment.not_found': { status: 404, message: '附件不存在' },
  'attachment.too_large': { status: 413, message: '附件过大' },
  'attachment.bad_type': { status: 415, message: '只能上传图片、PDF、Word 或 Excel 文件' },
  'attachment.type_mismatch': { status: 415, message: '文件内容与扩展名不符' },
  'attachment.bad_name': { status: 422, message: '文件名不合法' },
  'attachment.too_many': { status: 409, message: '附件数量已达上限' },
  'notification.not_found': { status: 404, message: '通知不存在' },
  'calendar.bad_day': { status: 422, message: '日期不合法' },
} as const;
export type ErrorCode = keyof typeof ERRORS;

/** Capacities a caller may hold towards a proposal (contract/workflows.json). */
export const CAPACITIES: Record<string, string> = {
  first_proposer: '第一提案人（或集体提案的起草人）',
  cosigner: '被邀请的联名人',
  proposer: '提案人（第一提案人、已确认的联名人、并案提案人）',
  staff: '提案委工作人员',
  leader: '主席会议成员',
  supervising_leader: '督办领导',
  unit_clerk: '承办单位经办人',
  unit_head: '承办单位负责人',
  system: '系统',
};

export const PROPOSAL_STATES = {
  draft: '草稿',
  awaiting_cosigners: '待联名确认',
  submitted: '待初审',
  returned: '退回修改',
  under_review: '审查中',
  filed: '已立案',
  not_filed: '不予立案',
  merged: '已并案',
  assigned: '已交办',
  handling: '办理中',
  replied: '已答复',
  rehandling: '重新办理',
  closed: '已办结',
  withdrawn: '已撤回',
} as const;
export type ProposalState = keyof typeof PROPOSAL_STATES;

export const PROPOSAL_ACTIONS = {
  edit: '修改',
  submit: '提交',
  answer_cosign: '答复联名邀请',
  cosigners_answered: '联名确认完成',
  withdraw: '撤回',
  return: '退回修改',
  resubmit: '重新提交',
  accept: '初审通过',
  file: '立案',
  not_file: '不予立案',
  convert: '转为其他处理',
  merge_into: '并案',
  assign: '交办',
  all_acknowledged: '承办单位全部签收',
  all_replied: '答复全部审核通过',
  rate: '评价办理结果',
  rate_on_behalf: '代录纸质评价',
  close_after_consultation: '面商后办结',
  follow_up: '记录回头看',
  publish: '公开',
  unpublish: '取消公开',
  mark_key: '列为重点提案',
  unmark_key: '取消重点提案',
  record_supervision: '记录督办',
  upload_attachment: '上传附件',
  delete_attachment: '删除附件',
} as const;
export type ProposalAction = keyof typeof PROPOSAL_ACTIONS;

export const ASSIGNMENT_STATES = {
  pending: '待签收',
  handling: '办理中',
  reassign_requested: '申请调整中',
  cancelled: '已调整',
  reply_draft: '答复待签发',
  reply_review: '答复待审核',
  replied: '已答复',
  done: '已送会办意见',
} as const;
export type AssignmentState = keyof typeof ASSIGNMENT_STATES;

export const ASSIGNMENT_ACTIONS = {
  acknowledge: '签收',
  request_reassign: '申请调整承办单位',
  approve_reassign: '同意调整',
  reject_reassign: '不同意调整',
  send_opinion: '送会办意见',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  reject_extension: '不同意延期',
  save_reply: '保存答复',
  draft_reply: '提交答复签发',
  sign_off: '签发',
  return_draft: '退回经办人',
  accept_reply: '审核通过答复',
  return_reply: '退回答复',
  reopen: '重新办理',
  upload_attachment: '上传答复附件',
} as const;
export type AssignmentAction = keyof typeof ASSIGNMENT_ACTIONS;

/** The transition table: from states, action, to states ('same' = unchanged), capacities, guards. */
export interface Transition {
  from: readonly string[];
  action: string;
  to: readonly string[];
  by: readonly string[];
  when: readonly string[];
}

export const PROPOSAL_TRANSITIONS: readonly Transition[] = [
  { from: ['draft', 'returned'], action: 'edit', to: ['same'], by: ['first_proposer'], when: [] },
  { from: ['draft', 'returned'], action: 'upload_attachment', to: ['same'], by: ['first_proposer'], when: [] },
  { from: ['draft', 'returned'], action: 'delete_attachment', to: ['same'], by: ['first_proposer'], when: [] },
  { from: ['draft'], action: 'submit', to: ['awaiting_cosigners', 'submitted'], by: ['first_proposer'], when: ['content_complete'] },
  { from: ['awaiting_cosigners'], action: 'answer_cosign', to: ['same', 'submitted'], by: ['cosigner'], when: [] },
  { from: ['awaiting_cosigners'], action: 'cosigners_answered', to: ['submitted'], by: ['system'], when: [] },
  { from: ['draft', 'awaiting_cosigners', 'submitted'], action: 'withdraw', to: ['withdrawn'], by: ['first_proposer'], when: [] },
  { from: ['submitted'], action: 'return', to: ['returned'], by: ['staff'], when: ['comment_given'] },
  { from: ['returned'], action: 'resubmit', to: ['submitted'], by: ['first_proposer'], when: ['content_complete'] },
  { from: ['submitted'], action: 'accept', to: ['under_review'], by: ['staff'], when: [] },
  { from: ['under_review'], action: 'file', to: ['filed'], by: ['staff'], when: [] },
  { from: ['under_review'], action: 'not_file', to: ['not_filed'], by: ['staff'], when: [] },
  { from: ['not_filed'], action: 'convert', to: ['same'], by: ['staff'], when: [] },
  { from: ['under_review', 'filed'], action: 'merge_into', to: ['merged'], by: ['staff'], when: [] },
  { from: ['filed'], action: 'assign', to: ['assigned'], by: ['staff'], when: [] },
  { from: ['assigned'], action: 'all_acknowledged', to: ['handling'], by: ['system'], when: [] },
  { from: ['handling', 'rehandling'], action: 'all_replied', to: ['replied'], by: ['system'], when: [] },
  { from: ['replied'], action: 'rate', to: ['same', 'closed', 'rehandling'], by: ['proposer'], when: ['not_rated_yet'] },
  { from: ['replied'], action: 'rate_on_behalf', to: ['same', 'closed', 'rehandling'], by: ['staff'], when: ['someone_not_rated'] },
  { from: ['replied'], action: 'close_after_consultation', to: ['closed'], by: ['staff'], when: ['consultation_required', 'comment_given'] },
  { from: ['closed'], action: 'follow_up', to: ['same'], by: ['staff'], when: ['comment_given'] },
  { from: ['closed'], action: 'publish', to: ['same'], by: ['staff'], when: ['not_published'] },
  { from: ['closed'], action: 'unpublish', to: ['same'], by: ['staff'], when: ['published'] },
  { from: ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'], action: 'mark_key', to: ['same'], by: ['staff', 'leader'], when: ['not_key'] },
  { from: ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'], action: 'unmark_key', to: ['same'], by: ['staff', 'leader'], when: ['key'] },
  { from: ['filed', 'assigned', 'handling', 'replied', 'rehandling', 'closed'], action: 'record_supervision', to: ['same'], by: ['supervising_leader', 'staff'], when: ['key', 'comment_given'] },
];

export const ASSIGNMENT_TRANSITIONS: readonly Transition[] = [
  { from: ['pending'], action: 'acknowledge', to: ['handling'], by: ['unit_clerk', 'unit_head'], when: [] },
  { from: ['pending'], action: 'request_reassign', to: ['reassign_requested'], by: ['unit_head'], when: ['reassign_window_open', 'comment_given'] },
  { from: ['reassign_requested'], action: 'approve_reassign', to: ['cancelled'], by: ['staff'], when: [] },
  { from: ['reassign_requested'], action: 'reject_reassign', to: ['pending'], by: ['staff'], when: ['comment_given'] },
  { from: ['handling'], action: 'send_opinion', to: ['done'], by: ['unit_clerk', 'unit_head'], when: ['co_unit', 'comment_given'] },
  { from: ['handling'], action: 'request_extension', to: ['same'], by: ['unit_head'], when: ['replying_unit', 'extension_unused', 'comment_given'] },
  { from: ['handling'], action: 'approve_extension', to: ['same'], by: ['staff'], when: ['extension_requested'] },
  { from: ['handling'], action: 'reject_extension', to: ['same'], by: ['staff'], when: ['extension_requested', 'comment_given'] },
  { from: ['handling'], action: 'save_reply', to: ['same'], by: ['unit_clerk', 'unit_head'], when: ['replying_unit'] },
  { from: ['handling'], action: 'upload_attachment', to: ['same'], by: ['unit_clerk', 'unit_head'], when: ['replying_unit'] },
  { from: ['handling'], action: 'draft_reply', to: ['reply_draft'], by: ['unit_clerk', 'unit_head'], when: ['replying_unit', 'reply_complete', 'co_opinions_in'] },
  { from: ['reply_draft'], action: 'sign_off', to: ['reply_review'], by: ['unit_head'], when: [] },
  { from: ['reply_draft'], action: 'return_draft', to: ['handling'], by: ['unit_head'], when: ['comment_given'] },
  { from: ['reply_review'], action: 'accept_reply', to: ['replied'], by: ['staff'], when: [] },
  { from: ['reply_review'], action: 'return_reply', to: ['handling'], by: ['staff'], when: ['comment_given'] },
  { from: ['replied'], action: 'reopen', to: ['handling'], by: ['system'], when: [] },
];
