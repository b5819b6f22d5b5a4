// Terms and sessions, reference data, handling units and experts of the caller's committee.
import { api, type QueryValue } from '../client';
import { fetchAllPages, pageParams } from '../paging';
import type { ListResult } from '../types';
import type {
  Expert,
  ExpertInput,
  ExpertQuery,
  ReferenceInput,
  ReferenceItem,
  ReferenceKind,
  ReferenceQuery,
  Session,
  SessionInput,
  Term,
  TermChangeInput,
  TermDatesInput,
  TermInput,
  Unit,
  UnitCategory,
  UnitInput,
  UnitQuery,
} from './types';

export type * from './types';

/** `true`/`false` for the API's `active` filter; nothing when both are wanted. */
function activeParam(active: boolean | null | undefined): QueryValue {
  return active === true ? 'true' : active === false ? 'false' : undefined;
}

// ---- Terms and sessions ----

export function listTerms(query: { page?: number; page_size?: number } = {}) {
  return api.get<ListResult<Term>>('/terms', pageParams(query.page, query.page_size));
}

/** Every term, newest first (as the server orders them). */
export function listAllTerms(): Promise<Term[]> {
  return fetchAllPages((page, page_size) => listTerms({ page, page_size }));
}

export function createTerm(input: TermInput) {
  const body: TermInput = { number: input.number, start_date: input.start_date };
  if (input.end_date) body.end_date = input.end_date;
  return api.post<Term>('/terms', body);
}

export function updateTerm(id: number, input: TermDatesInput) {
  return api.patch<Term>(`/terms/${id}`, input);
}

export function createSession(termId: number, input: SessionInput) {
  return api.post<Session>(`/terms/${termId}/sessions`, input);
}

export function updateSession(id: number, input: Partial<Omit<SessionInput, 'number'>>) {
  return api.patch<Session>(`/sessions/${id}`, input);
}

/** 换届: closes the current term and opens term `number` with the continuing members. */
export function changeTerm(input: TermChangeInput) {
  return api.post<Term>('/terms/change', {
    number: input.number,
    start_date: input.start_date,
    continuing_member_ids: [...input.continuing_member_ids],
  });
}

// ---- Reference data ----

export const REFERENCE_KINDS: readonly ReferenceKind[] = [
  'sector',
  'party',
  'special_committee',
  'member_group',
  'street',
  'community',
  'building',
  'proposal_category',
];

export function referenceQuery(query: ReferenceQuery): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  const q = query.q?.trim();
  if (q) out.q = q;
  const active = activeParam(query.active);
  if (active) out.active = active;
  if (query.parent_id) out.parent_id = query.parent_id;
  return { ...out, ...pageParams(query.page, query.page_size) };
}

export function listReference(kind: ReferenceKind, query: ReferenceQuery = {}) {
  return api.get<ListResult<ReferenceItem>>(`/reference/${kind}`, referenceQuery(query));
}

/** Every item of a kind (for pickers: `active: true`). */
export function listAllReference(
  kind: ReferenceKind,
  query: Omit<ReferenceQuery, 'page' | 'page_size'> = {},
) {
  return fetchAllPages((page, page_size) => listReference(kind, { ...query, page, page_size }));
}

export function createReference(kind: ReferenceKind, input: ReferenceInput) {
  return api.post<ReferenceItem>(`/reference/${kind}`, input);
}

export function updateReference(kind: ReferenceKind, id: number, input: Partial<ReferenceInput>) {
  return api.patch<ReferenceItem>(`/reference/${kind}/${id}`, input);
}

export function deleteReference(kind: ReferenceKind, id: number) {
  return api.delete<void>(`/reference/${kind}/${id}`);
}

// ---- Handling units ----

export const UNIT_CATEGORIES: readonly UnitCategory[] = [
  'government',
  'court_procuratorate',
  'mass_organization',
  'enterprise',
  'other',
];

export function unitsQuery(query: UnitQuery): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  const q = query.q?.trim();
  if (q) out.q = q;
  const active = activeParam(query.active);
  if (active) out.active = active;
  return { ...out, ...pageParams(query.page, query.page_size) };
}

export function listUnits(query: UnitQuery = {}) {
  return api.get<ListResult<Unit>>('/units', unitsQuery(query));
}

export function createUnit(input: UnitInput) {
  return api.post<Unit>('/units', input);
}

export function updateUnit(id: number, input: Partial<UnitInput>) {
  return api.patch<Unit>(`/units/${id}`, input);
}

export function deleteUnit(id: number) {
  return api.delete<void>(`/units/${id}`);
}

// ---- Experts ----

export const EXPERT_KINDS: readonly Expert['kind'][] = ['invited', 'advisor'];

export function expertsQuery(query: ExpertQuery): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  const q = query.q?.trim();
  if (q) out.q = q;
  if (query.kind) out.kind = query.kind;
  const active = activeParam(query.active);
  if (active) out.active = active;
  return { ...out, ...pageParams(query.page, query.page_size) };
}

export function listExperts(query: ExpertQuery = {}) {
  return api.get<ListResult<Expert>>('/experts', expertsQuery(query));
}

export function createExpert(input: ExpertInput) {
  return api.post<Expert>('/experts', input);
}

export function updateExpert(id: number, input: Partial<ExpertInput>) {
  return api.patch<Expert>(`/experts/${id}`, input);
}

/** True when a private value came back masked (138****5678), so it must not be sent back as is. */
export function isMasked(value: string | null | undefined): boolean {
  return !!value && value.includes('*');
}
