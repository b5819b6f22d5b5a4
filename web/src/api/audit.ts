import { api, type QueryValue } from './client';
import type { ListResult } from './types';

export interface AuditEntry {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string | null;
  committee_id: number | null;
  ip: string | null;
  request_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | number | null;
  changes: Record<string, unknown> | null;
}

/** What the filter form holds. */
export interface AuditFilters {
  actor: string;
  action: string;
  object_type: string;
  object_id: string;
  /** [from, to] from the datetimerange picker, or null. */
  range: [Date, Date] | null;
  page: number;
  page_size: number;
}

export const MAX_PAGE_SIZE = 100;

export function emptyAuditFilters(): AuditFilters {
  return { actor: '', action: '', object_type: '', object_id: '', range: null, page: 1, page_size: 20 };
}

/** Filter form → query of GET /audit (blank fields dropped, times as unix seconds, page size ≤ 100). */
export function auditQuery(filters: AuditFilters): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  const text = (v: string) => v.trim() || undefined;
  query.actor = text(filters.actor);
  query.action = text(filters.action);
  query.object_type = text(filters.object_type);
  query.object_id = text(filters.object_id);
  if (filters.range) {
    query.from = Math.floor(filters.range[0].getTime() / 1000);
    query.to = Math.floor(filters.range[1].getTime() / 1000);
  }
  query.page = Math.max(1, Math.floor(filters.page));
  query.page_size = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(filters.page_size)));
  for (const key of Object.keys(query)) if (query[key] === undefined) delete query[key];
  return query;
}

export function listAudit(filters: AuditFilters) {
  return api.get<ListResult<AuditEntry>>('/audit', auditQuery(filters));
}

/** One line of the `changes` object: a field change (old → new) or an event detail. */
export type ChangeLine =
  | { kind: 'change'; field: string; old: string; new: string }
  | { kind: 'detail'; field: string; value: string };

export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '""' : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** `{"field": [old, new]}` → change lines; any other value → a detail line. */
export function formatChanges(changes: Record<string, unknown> | null | undefined): ChangeLine[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  return Object.entries(changes).map(([field, value]): ChangeLine => {
    if (Array.isArray(value) && value.length === 2) {
      return { kind: 'change', field, old: formatValue(value[0]), new: formatValue(value[1]) };
    }
    return { kind: 'detail', field, value: formatValue(value) };
  });
}

/** Actions that have a label in i18n `audit.actions` (key = code with dots turned into underscores). */
export const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.account_locked',
  'auth.logout',
  'auth.password_change',
  'auth.mfa_enroll_start',
  'auth.mfa_enable',
  'auth.mfa_verify',
  'auth.mfa_disable',
  'user.create',
  'user.update',
  'user.unlock',
  'user.reset_password',
  'user.reset_mfa',
  'user.disable',
  'user.enable',
  'committee.create',
  'committee.update',
  'settings.security.update',
] as const;

export function actionKey(action: string): string | null {
  return (KNOWN_ACTIONS as readonly string[]).includes(action)
    ? `audit.actions.${action.replace(/\./g, '_')}`
    : null;
}
