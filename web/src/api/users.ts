import { api, type QueryValue } from './client';
import type { ListResult, User } from './types';
import { Perm, ROLE_CODES, type Permission, type RoleCode } from '@/generated/contract';

export type UserStatusFilter = '' | 'active' | 'disabled' | 'locked';

/** What the filter form holds. */
export interface UserFilters {
  q: string;
  role: RoleCode | '';
  status: UserStatusFilter;
  page: number;
  page_size: number;
}

export const MAX_PAGE_SIZE = 100;
export const USER_ROLES: readonly RoleCode[] = ROLE_CODES;

export function emptyUserFilters(): UserFilters {
  return { q: '', role: '', status: '', page: 1, page_size: 20 };
}

/** Filter form → query of GET /users (blank fields dropped, page size 1–100). */
export function usersQuery(filters: UserFilters): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.role) query.role = filters.role;
  if (filters.status) query.status = filters.status;
  query.page = Math.max(1, Math.floor(filters.page) || 1);
  query.page_size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(filters.page_size) || 20));
  return query;
}

export function listUsers(filters: UserFilters) {
  return api.get<ListResult<User>>('/users', usersQuery(filters));
}

export interface UserForm {
  username: string;
  display_name: string;
  committee_id: number | null;
  roles: RoleCode[];
  /** Only for unit clerks and heads. */
  unit_id: number | null;
}

export interface CreateUserBody {
  username: string;
  display_name: string;
  committee_id: number | null;
  roles: RoleCode[];
  unit_id: number | null;
}

const UNIT_ROLES: readonly RoleCode[] = ['unit_clerk', 'unit_head'];

/** Unit clerks and heads belong to a handling unit; nobody else does. */
export function needsUnit(roles: readonly RoleCode[]): boolean {
  return roles.some((r) => UNIT_ROLES.includes(r));
}

/** Active handling units of a committee, for the unit picker of unit accounts. */
export function listUnitOptions(committeeId: number) {
  return api.get<{ items: { id: number; name: string }[] }>('/users/unit-options', {
    committee_id: committeeId,
  });
}

/** Form → body of POST /users (username trimmed and lower-cased, display name trimmed). */
export function createUserBody(form: UserForm): CreateUserBody {
  return {
    username: form.username.trim().toLowerCase(),
    display_name: form.display_name.trim(),
    committee_id: form.committee_id,
    roles: [...form.roles],
    unit_id: needsUnit(form.roles) ? form.unit_id : null,
  };
}

export function createUser(form: UserForm) {
  return api.post<{ user: User; initial_password: string }>('/users', createUserBody(form));
}

export function updateUser(id: number, form: Omit<UserForm, 'username'>) {
  return api.patch<User>(`/users/${id}`, {
    display_name: form.display_name.trim(),
    committee_id: form.committee_id,
    roles: [...form.roles],
    unit_id: needsUnit(form.roles) ? form.unit_id : null,
  });
}

export type UserAction = 'edit' | 'unlock' | 'reset_password' | 'reset_mfa' | 'disable' | 'enable';

/**
 * The actions a row offers to someone holding `can`, given the row's state. On one's own row only
 * editing remains: the server refuses account actions on oneself (user.cannot_change_self).
 */
export function rowActions(
  row: Pick<User, 'status' | 'locked' | 'mfa_enabled'>,
  can: (p: Permission) => boolean,
  isSelf = false,
): UserAction[] {
  const out: UserAction[] = [];
  if (can(Perm.USER_MANAGE)) out.push('edit');
  if (isSelf) return out;
  if (can(Perm.USER_UNLOCK) && row.locked) out.push('unlock');
  if (can(Perm.USER_RESET_PASSWORD)) out.push('reset_password');
  if (can(Perm.USER_RESET_MFA) && row.mfa_enabled) out.push('reset_mfa');
  if (can(Perm.USER_SET_STATUS)) out.push(row.status === 'disabled' ? 'enable' : 'disable');
  return out;
}

export function runUserAction(id: number, action: Exclude<UserAction, 'edit'>) {
  return api.post<{ user: User; temporary_password?: string }>(`/users/${id}/actions/${action}`);
}
