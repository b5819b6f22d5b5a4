// Proposals (提案): lists and work queues, the draft with autosave, the two workflow tables' actions,
// the timeline and attachments (docs/API.md, "Proposals"). Dates are 'YYYY-MM-DD', instants unix seconds.
import { API_BASE, api, type QueryValue } from './client';
import { pageParams } from './paging';
import type { ListResult } from './types';
import {
  Perm,
  PROPOSAL_STATES,
  type AssignmentAction,
  type Permission,
  type AssignmentState,
  type ProposalAction,
  type ProposalState,
} from '@/generated/contract';

/** Anyone holding one of these works with proposals (member, staff, leader, unit). */
export const PROPOSAL_PERMISSIONS: readonly Permission[] = [
  Perm.PROPOSAL_SUBMIT,
  Perm.PROPOSAL_VIEW_ALL,
  Perm.PROPOSAL_MANAGE,
  Perm.PROPOSAL_SUPERVISE,
  Perm.PROPOSAL_HANDLE,
  Perm.PROPOSAL_SIGN_OFF,
];

export interface NamedRef {
  id: number;
  name: string;
}

export interface UserRef {
  id: number;
  display_name: string;
}

/** A code with its Chinese name (reply classes, not-file grounds, dispositions, contact methods). */
export interface CodeName {
  code: string;
  name: string;
}

export type ProposalKind = 'plenary' | 'inter_session';
export type ProposerKind = 'member' | 'collective';
export type AssignmentRole = 'single' | 'separate' | 'lead' | 'co';
export type AssignMode = 'single' | 'separate' | 'lead';
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';
export type ProposerRole = 'first' | 'cosigner' | 'merged';
export type ProposerStatus = 'invited' | 'accepted' | 'declined';
export type ExtensionStatus = '' | 'requested' | 'approved' | 'rejected';

export const PROPOSAL_KINDS: readonly ProposalKind[] = ['plenary', 'inter_session'];
export const ASSIGN_MODES: readonly AssignMode[] = ['single', 'separate', 'lead'];
export const RATINGS: readonly Rating[] = ['satisfied', 'basically_satisfied', 'dissatisfied'];
export const PROPOSAL_STATE_CODES = Object.keys(PROPOSAL_STATES) as ProposalState[];

/** Every work queue of GET /proposals?queue= (member, staff, unit, leader). */
export const PROPOSAL_QUEUE_CODES = [
  'my_drafts',
  'my_proposals',
  'cosign_invitations',
  'to_rate',
  'to_check',
  'to_review',
  'to_assign',
  'reassign_requests',
  'extension_requests',
  'replies_to_accept',
  'due_soon',
  'overdue',
  'unit_new',
  'unit_handling',
  'unit_due_soon',
  'unit_sent_back',
  'unit_to_sign',
  'supervising',
] as const;
export type ProposalQueueCode = (typeof PROPOSAL_QUEUE_CODES)[number];

/** The figures of the statistics page; each is a filter of the list too (GET /proposals?stat=). */
export const PROPOSAL_STAT_CODES = [
  'received',
  'filed',
  'assigned',
  'replied',
  'on_time',
  'closed',
  'key',
  'collective',
  'overdue',
  'rated',
  'satisfied',
  'first_round_satisfied',
] as const;
export type ProposalStatCode = (typeof PROPOSAL_STAT_CODES)[number];

/** A piece of a search result's text; `hit` pieces matched the query (shown in <mark>, never as HTML). */
export interface Segment {
  text: string;
  hit: boolean;
}
export type Segments = Segment[];

/** Where a full-text search matched: the title and a snippet of the text (may be []). */
export interface SearchHighlight {
  title: Segments;
  snippet: Segments;
}

/** Files the server accepts (content must match the extension). */
export const ATTACHMENT_EXTENSIONS = [
  '.png',
  '.jpg',
  '.jpeg',
  '.pdf',
  '.doc',
  '.docx',
  '.xls',
  '.xlsx',
] as const;

export interface ProposalUnit {
  id: number;
  name: string;
  role: AssignmentRole;
}

export interface ProposalSummary {
  id: number;
  number: number | null;
  /** "第0001号", or '' before filing. */
  number_label: string;
  session: NamedRef;
  kind: ProposalKind;
  proposer_kind: ProposerKind;
  collective: { id: number; name: string; kind: string } | null;
  first_proposer: { member_id: number; name: string } | null;
  /** "张三、李四". */
  proposer_names: string;
  title: string;
  category: NamedRef | null;
  state: ProposalState;
  state_name: string;
  is_key: boolean;
  is_published: boolean;
  /** The earliest open assignment deadline. */
  deadline: string | null;
  overdue: boolean;
  units: ProposalUnit[];
  updated_at: number;
  submitted_at: number | null;
  /** Only when the list was searched (`q`). */
  highlight?: SearchHighlight;
}

export interface Proposer {
  member_id: number;
  name: string;
  role: ProposerRole;
  status: ProposerStatus;
  /** '' (or null) until rated. */
  rating: Rating | '' | null;
  rating_round: number;
  rating_comment: string;
  rated_on_behalf: boolean;
}

export interface Assignment {
  id: number;
  unit: NamedRef;
  role: AssignmentRole;
  state: AssignmentState;
  state_name: string;
  assigned_on: string;
  deadline: string;
  overdue: boolean;
  days_left: number | null;
  extension_status: ExtensionStatus | null;
  extension_reason: string;
  opinion: string;
  reply_class: string;
  reply_text: string;
  contact_method: string;
  contact_date: string | null;
  contact_note: string;
  signed_by: UserRef | null;
  replied_on: string | null;
  actions: AssignmentAction[];
}

export interface Attachment {
  id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  assignment_id: number | null;
  uploaded_by: UserRef;
  created_at: number;
}

export interface Supervision {
  id: number;
  leader: UserRef;
  visit_date: string;
  note: string;
  created_at: number;
}

export interface ProposalDetail extends ProposalSummary {
  analysis: string;
  suggestions: string;
  owner_user_id: number;
  /** Optimistic lock of the draft autosave. */
  version: number;
  not_file_ground: string;
  disposition: string;
  merged_into: { id: number; title: string } | null;
  merged: { id: number; title: string }[];
  assign_mode: AssignMode | '' | null;
  rating_round: number;
  consultation_required: boolean;
  supervisor: UserRef | null;
  proposers: Proposer[];
  assignments: Assignment[];
  attachments: Attachment[];
  supervisions: Supervision[];
  /** Exactly the proposal-table moves the caller may make now. */
  actions: ProposalAction[];
  my_capacities: string[];
}

export interface TimelineEvent {
  id: number;
  action: string;
  action_name: string;
  from_state: string;
  to_state: string;
  assignment_id: number | null;
  unit_name: string;
  /** null: a move the system made itself. */
  /** null = the system; id null = a person without an account (paper records). */
  actor: { id: number | null; display_name: string } | null;
  capacity: string;
  comment: string;
  details: Record<string, unknown> | null;
  at: number;
}

export interface ProposalQueue {
  code: string;
  name: string;
  count: number;
}

export interface ProposalSettings {
  reply_months: number;
  extended_months: number;
  reassign_window_days: number;
  due_soon_days: number;
  max_attachment_mb: number;
  max_attachments: number;
}

export interface ProposalOptions {
  sessions: { id: number; name: string; is_current: boolean }[];
  categories: NamedRef[];
  /** The bodies the caller may submit for (staff: any; a member: their own). */
  collectives: { id: number; name: string; kind: string }[];
  reply_classes: CodeName[];
  not_file_grounds: CodeName[];
  dispositions: CodeName[];
  contact_methods: CodeName[];
  /** Staff only. */
  units: NamedRef[];
  /** Staff only. */
  leaders: UserRef[];
  settings: ProposalSettings;
}

export interface CosignerOption {
  member_id: number;
  name: string;
  member_no: string;
  /** The member's sector (界别): its name, or `{id, name}`; null when none. */
  sector: string | NamedRef | null;
}

/** Body of POST /proposals. */
export interface ProposalCreateInput {
  kind?: ProposalKind;
  proposer_kind?: ProposerKind;
  collective_id?: number;
  /**
   * Staff entering a paper proposal: the first proposer (or the contact member of a collective
   * proposal); required unless the caller is a member themselves.
   */
  first_member_id?: number;
  title?: string;
  analysis?: string;
  suggestions?: string;
  category_id?: number | null;
  cosigner_ids?: number[];
}

/** Body of PATCH /proposals/{id} (the draft autosave). */
export interface ProposalPatchInput {
  version: number;
  title?: string;
  analysis?: string;
  suggestions?: string;
  category_id?: number | null;
  kind?: ProposalKind;
  cosigner_ids?: number[];
}

/** What the list's filter bar holds (and the page's address keeps). */
export interface ProposalFilters {
  queue: ProposalQueueCode | '';
  session_id: number | null;
  state: ProposalState | '';
  kind: ProposalKind | '';
  category_id: number | null;
  unit_id: number | null;
  /** Key proposals (重点提案) only. */
  key: boolean;
  q: string;
  /** Submitted in this year (links from the statistics page). */
  year: number | null;
  /** The first proposer's sector (界别). */
  sector_id: number | null;
  /** The proposals behind one figure of the statistics page. */
  stat: ProposalStatCode | '';
  /** Replies of this class (A, B, …). */
  reply_class: string;
  page: number;
  page_size: number;
}

export function emptyProposalFilters(): ProposalFilters {
  return {
    queue: '',
    session_id: null,
    state: '',
    kind: '',
    category_id: null,
    unit_id: null,
    key: false,
    q: '',
    year: null,
    sector_id: null,
    stat: '',
    reply_class: '',
    page: 1,
    page_size: 20,
  };
}

/** The filters (without paging) as GET /proposals takes them; blank ones dropped. */
export function proposalFilterQuery(filters: ProposalFilters): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  if (filters.queue) query.queue = filters.queue;
  if (filters.session_id) query.session_id = filters.session_id;
  if (filters.state) query.state = filters.state;
  if (filters.kind) query.kind = filters.kind;
  if (filters.category_id) query.category_id = filters.category_id;
  if (filters.unit_id) query.unit_id = filters.unit_id;
  if (filters.key) query.key = 'true';
  if (filters.year) query.year = filters.year;
  if (filters.sector_id) query.sector_id = filters.sector_id;
  if (filters.stat) query.stat = filters.stat;
  if (filters.reply_class) query.reply_class = filters.reply_class;
  const q = filters.q.trim();
  if (q) query.q = q;
  return query;
}

/** The whole filtered list as .xlsx (same scope and filters as the list). */
export function exportProposals(filters: ProposalFilters) {
  return api.download('/proposals/export', proposalFilterQuery(filters));
}

/** Filter bar → query of GET /proposals. */
export function proposalsQuery(filters: ProposalFilters): Record<string, QueryValue> {
  return { ...proposalFilterQuery(filters), ...pageParams(filters.page, filters.page_size) };
}

/**
 * The filters as the page's address shows them (so that going back to the list, reloading or sharing
 * the link keeps them): the API's filters plus page and size when not the defaults.
 */
export function proposalsRouteQuery(filters: ProposalFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(proposalFilterQuery(filters))) {
    if (value !== undefined && value !== null && value !== '') query[key] = String(value);
  }
  const defaults = emptyProposalFilters();
  if (filters.page !== defaults.page) query.page = String(filters.page);
  if (filters.page_size !== defaults.page_size) query.page_size = String(filters.page_size);
  return query;
}

/** The filters from a page address; anything unknown or malformed is left at its default. */
export function proposalsFromRouteQuery(query: Record<string, unknown>): ProposalFilters {
  const filters = emptyProposalFilters();
  const text = (key: string) => {
    const value = Array.isArray(query[key]) ? (query[key] as unknown[])[0] : query[key];
    return typeof value === 'string' ? value : '';
  };
  const id = (key: string) => (/^[1-9]\d{0,15}$/.test(text(key)) ? Number(text(key)) : null);
  const queue = text('queue');
  if ((PROPOSAL_QUEUE_CODES as readonly string[]).includes(queue)) filters.queue = queue as ProposalQueueCode;
  filters.session_id = id('session_id');
  const state = text('state');
  if ((PROPOSAL_STATE_CODES as readonly string[]).includes(state)) filters.state = state as ProposalState;
  const kind = text('kind');
  if ((PROPOSAL_KINDS as readonly string[]).includes(kind)) filters.kind = kind as ProposalKind;
  filters.category_id = id('category_id');
  filters.unit_id = id('unit_id');
  filters.key = text('key') === 'true';
  filters.q = text('q').slice(0, 64);
  if (/^[12]\d{3}$/.test(text('year'))) filters.year = Number(text('year'));
  filters.sector_id = id('sector_id');
  const stat = text('stat');
  if ((PROPOSAL_STAT_CODES as readonly string[]).includes(stat)) filters.stat = stat as ProposalStatCode;
  if (/^[A-Za-z0-9_]{1,16}$/.test(text('reply_class'))) filters.reply_class = text('reply_class');
  filters.page = id('page') ?? filters.page;
  const size = id('page_size');
  if (size !== null && size <= 100) filters.page_size = size;
  return filters;
}

export function listProposals(filters: ProposalFilters) {
  return api.get<ListResult<ProposalSummary>>('/proposals', proposalsQuery(filters));
}

/** Up to 20 proposals whose title or number matches `q` (the 并案 picker). */
export function searchProposals(q: string) {
  return api.get<ListResult<ProposalSummary>>('/proposals', { q: q.trim(), page: 1, page_size: 20 });
}

export function getProposalQueues() {
  return api.get<{ queues: ProposalQueue[] }>('/proposals/queues');
}

export function getProposalOptions() {
  return api.get<ProposalOptions>('/proposals/options');
}

export function listCosignerOptions(q: string) {
  return api.get<{ items: CosignerOption[] }>('/proposals/cosigner-options', { q: q.trim() });
}

export function createProposal(input: ProposalCreateInput) {
  return api.post<ProposalDetail>('/proposals', input);
}

export function getProposal(id: number) {
  return api.get<ProposalDetail>(`/proposals/${id}`);
}

/** Draft autosave; 409 proposal.version_conflict when `version` is not the current one. */
export function patchProposal(id: number, input: ProposalPatchInput) {
  return api.patch<ProposalDetail>(`/proposals/${id}`, input);
}

export function getProposalTimeline(id: number) {
  return api.get<{ items: TimelineEvent[] }>(`/proposals/${id}/timeline`);
}

/** A proposal like another one (TF-IDF cosine of their words). */
export interface SimilarProposal {
  id: number;
  /** "第0012号", or '' before filing. */
  number_label: string;
  title: string;
  state: ProposalState;
  state_name: string;
  session_name: string;
  /** 0..1 */
  score: number;
  /** The caller may open /proposals/{id}. */
  can_open: boolean;
}

/** A unit that handled similar proposals: a suggestion when assigning (staff only). */
export interface UnitSuggestion {
  unit_id: number;
  unit_name: string;
  score: number;
  /** Why, in Chinese ("相似提案第0012号《…》（相似度 0.62）由该单位主办"). */
  reason: string;
  proposals: { id: number; number_label: string; title: string; score: number }[];
}

/** Body of POST /proposals/similar: the text being drafted. */
export interface SimilarInput {
  title: string;
  analysis: string;
  suggestions: string;
  /** The draft itself (0: not created yet). */
  exclude_id: number;
}

/** At most 5 proposals like the text being drafted, best first. */
export function similar(input: SimilarInput, signal?: AbortSignal) {
  return api.post<{ items: SimilarProposal[] }>('/proposals/similar', input, { signal });
}

/** Proposals like this one, and (staff) the units that handled them. */
export function similarFor(id: number) {
  return api.get<{ items: SimilarProposal[]; units: UnitSuggestion[] }>(`/proposals/${id}/similar`);
}

/** The proposal as a Word document (.docx), for whoever may see it. */
export function documentUrl(id: number): string {
  return `${API_BASE}/proposals/${id}/document`;
}

export function downloadProposalDocument(id: number) {
  return api.download(`/proposals/${id}/document`);
}

/** A proposal-table action (`{comment?, …}`) → the detail after it. */
export function proposalAction(
  id: number,
  action: ProposalAction | string,
  body: Record<string, unknown> = {},
) {
  return api.post<ProposalDetail>(`/proposals/${id}/actions/${encodeURIComponent(action)}`, body);
}

/** An assignment-table action → the proposal's detail after it. */
export function assignmentAction(
  id: number,
  assignmentId: number,
  action: AssignmentAction | string,
  body: Record<string, unknown> = {},
) {
  return api.post<ProposalDetail>(
    `/proposals/${id}/assignments/${assignmentId}/actions/${encodeURIComponent(action)}`,
    body,
  );
}

/** multipart/form-data: part `file`, and `assignment_id` for a reply's attachment. */
export function uploadProposalAttachment(id: number, file: File, assignmentId: number | null = null) {
  const form = new FormData();
  form.append('file', file, file.name);
  if (assignmentId !== null) form.append('assignment_id', String(assignmentId));
  return api.postForm<Attachment>(`/proposals/${id}/attachments`, form);
}

/** Where an attachment is served (a plain link works too: GET needs only the session cookie). */
export function attachmentPath(id: number, attachmentId: number): string {
  return `/proposals/${id}/attachments/${attachmentId}`;
}

export function downloadProposalAttachment(id: number, attachmentId: number) {
  return api.download(attachmentPath(id, attachmentId));
}

export function deleteProposalAttachment(id: number, attachmentId: number) {
  return api.delete<void>(attachmentPath(id, attachmentId));
}

/** Lower-case extension of a file name with its dot ('' when none). */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/**
 * Why a file may not be uploaded before sending it: 'type' (not PNG/JPEG/PDF/Word/Excel), 'size' (over
 * the limit), 'count' (the proposal has its maximum); null when it may go.
 */
export function attachmentProblem(
  file: { name: string; size: number },
  settings: Pick<ProposalSettings, 'max_attachment_mb' | 'max_attachments'> | null,
  existing: number,
): 'type' | 'size' | 'count' | null {
  if (!(ATTACHMENT_EXTENSIONS as readonly string[]).includes(fileExtension(file.name))) return 'type';
  const maxMb = settings?.max_attachment_mb ?? 20;
  if (file.size > maxMb * 1024 * 1024) return 'size';
  const maxCount = settings?.max_attachments ?? 10;
  if (existing >= maxCount) return 'count';
  return null;
}
