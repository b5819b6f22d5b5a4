// Members: list with filters and sort, profile, create/edit, status change, export and import.
import { api, type QueryValue } from '../client';
import { fetchAllPages, pageParams } from '../paging';
import type { ListResult } from '../types';
import type {
  ImportReport,
  MemberFilters,
  MemberInput,
  MemberProfile,
  MemberSort,
  MemberStatus,
  MemberStatusInput,
  MemberSummary,
} from './types';

export type * from './types';

export const MEMBER_STATUSES: readonly MemberStatus[] = ['active', 'resigned', 'removed', 'term_ended'];
export const MEMBER_SORTS: readonly MemberSort[] = [
  'pinyin',
  '-pinyin',
  'member_no',
  '-member_no',
  'birth_date',
  '-birth_date',
];
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The server refuses larger imports (413). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export function emptyMemberFilters(): MemberFilters {
  return {
    term_id: null,
    sector_id: null,
    party_id: null,
    special_committee_id: null,
    group_id: null,
    status: '',
    standing: '',
    hk_macao: '',
    q: '',
    sort: 'pinyin',
    page: 1,
    page_size: 20,
  };
}

/** The filters (without paging) as the list and the export take them; blank ones dropped. */
export function memberFilterQuery(filters: MemberFilters): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  if (filters.term_id) query.term_id = filters.term_id;
  if (filters.sector_id) query.sector_id = filters.sector_id;
  if (filters.party_id) query.party_id = filters.party_id;
  if (filters.special_committee_id) query.special_committee_id = filters.special_committee_id;
  if (filters.group_id) query.group_id = filters.group_id;
  if (filters.status) query.status = filters.status;
  if (filters.standing) query.standing = filters.standing;
  if (filters.hk_macao) query.hk_macao = filters.hk_macao;
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.sort) query.sort = filters.sort;
  return query;
}

/**
 * The filters as the page's address shows them (so that going back to the list, reloading or
 * sharing the link keeps them): the API's filters plus page and size when not the defaults.
 */
export function membersRouteQuery(filters: MemberFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(memberFilterQuery(filters))) {
    if (value !== undefined && value !== null && value !== '') query[key] = String(value);
  }
  if (query.sort === 'pinyin') delete query.sort;
  const defaults = emptyMemberFilters();
  if (filters.page !== defaults.page) query.page = String(filters.page);
  if (filters.page_size !== defaults.page_size) query.page_size = String(filters.page_size);
  return query;
}

/** The filters from a page address; anything unknown or malformed is left at its default. */
export function membersFromRouteQuery(query: Record<string, unknown>): MemberFilters {
  const filters = emptyMemberFilters();
  const text = (key: string) => {
    const value = Array.isArray(query[key]) ? (query[key] as unknown[])[0] : query[key];
    return typeof value === 'string' ? value : '';
  };
  const id = (key: string) => (/^[1-9]\d{0,15}$/.test(text(key)) ? Number(text(key)) : null);
  filters.term_id = id('term_id');
  filters.sector_id = id('sector_id');
  filters.party_id = id('party_id');
  filters.special_committee_id = id('special_committee_id');
  filters.group_id = id('group_id');
  const status = text('status');
  if ((MEMBER_STATUSES as readonly string[]).includes(status)) filters.status = status as MemberStatus;
  for (const key of ['standing', 'hk_macao'] as const) {
    const value = text(key);
    if (value === 'true' || value === 'false') filters[key] = value;
  }
  filters.q = text('q').slice(0, 64);
  const sort = text('sort');
  if ((MEMBER_SORTS as readonly string[]).includes(sort)) filters.sort = sort as MemberSort;
  filters.page = id('page') ?? filters.page;
  const size = id('page_size');
  if (size !== null && size <= 100) filters.page_size = size;
  return filters;
}

/** Filter form → query of GET /members. */
export function membersQuery(filters: MemberFilters): Record<string, QueryValue> {
  return { ...memberFilterQuery(filters), ...pageParams(filters.page, filters.page_size) };
}

export function listMembers(filters: MemberFilters) {
  return api.get<ListResult<MemberSummary>>('/members', membersQuery(filters));
}

/** Every active member of a term (the 换届 dialog's list of who may continue). */
export function listAllActiveMembers(termId: number): Promise<MemberSummary[]> {
  return fetchAllPages((page, page_size) =>
    api.get<ListResult<MemberSummary>>('/members', {
      term_id: termId,
      status: 'active',
      sort: 'pinyin',
      page,
      page_size,
    }),
  );
}

export function getMember(id: number) {
  return api.get<MemberProfile>(`/members/${id}`);
}

/** An account a roster entry may be linked to (GET /members/account-options). */
export interface AccountOption {
  id: number;
  username: string;
  display_name: string;
  linked_member: { id: number; name: string; member_no: string } | null;
}

export function listAccountOptions(q: string, termId: number | null) {
  return api.get<{ items: AccountOption[] }>('/members/account-options', { q: q.trim(), term_id: termId });
}

export function getMyMember() {
  return api.get<MemberProfile>('/me/member');
}

export function createMember(input: MemberInput) {
  return api.post<MemberProfile>('/members', input);
}

export function updateMember(id: number, input: Partial<MemberInput>) {
  return api.patch<MemberProfile>(`/members/${id}`, input);
}

export function setMemberStatus(id: number, input: MemberStatusInput) {
  return api.post<MemberProfile>(`/members/${id}/status`, {
    status: input.status,
    date: input.date,
    reason: input.reason.trim(),
  });
}

export function exportMembers(filters: MemberFilters) {
  return api.download('/members/export', memberFilterQuery(filters));
}

export function downloadImportTemplate() {
  return api.download('/members/import/template');
}

/**
 * Sends the .xlsx file as the raw body. `dryRun` checks it and writes nothing; a real run writes all
 * rows or none (422 import.invalid_rows with the report in `details`).
 */
export function importMembers(file: Blob, options: { termId: number | null; dryRun: boolean }) {
  return api.upload<ImportReport>(
    '/members/import',
    file,
    { dry_run: options.dryRun ? 'true' : 'false', term_id: options.termId ?? undefined },
    { contentType: XLSX_TYPE },
  );
}

/** The report carried by a failed real import (422 import.invalid_rows), if any. */
export function reportFromDetails(details: Record<string, unknown>): ImportReport | null {
  const source = (details.report && typeof details.report === 'object' ? details.report : details) as Record<
    string,
    unknown
  >;
  if (!Array.isArray(source.errors)) return null;
  return {
    dry_run: Boolean(source.dry_run),
    rows: Number(source.rows ?? 0),
    created: Number(source.created ?? 0),
    updated: Number(source.updated ?? 0),
    errors: (source.errors as ImportReport['errors']).filter((e) => e && typeof e === 'object'),
  };
}

/** The fields of a form that differ from the profile being edited (the PATCH body). */
export function changedMemberFields(original: MemberInput, next: MemberInput): Partial<MemberInput> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof MemberInput)[]) {
    const a = original[key];
    const b = next[key];
    const same =
      Array.isArray(a) && Array.isArray(b)
        ? a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i])
        : (a ?? null) === (b ?? null);
    if (!same) out[key] = b;
  }
  return out as Partial<MemberInput>;
}
