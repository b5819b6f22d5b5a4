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
  member: { code: 'member', name: '政协委员', admin: false, permissions: [] },
  staff: { code: 'staff', name: '机关工作人员', admin: false, permissions: ['org.view', 'org.manage', 'member.view', 'member.view_private', 'member.manage'] },
  leader: { code: 'leader', name: '主席会议成员', admin: false, permissions: ['org.view', 'member.view'] },
  unit_clerk: { code: 'unit_clerk', name: '承办单位经办人', admin: false, permissions: [] },
  unit_head: { code: 'unit_head', name: '承办单位负责人', admin: false, permissions: [] },
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
} as const;
export type ErrorCode = keyof typeof ERRORS;
