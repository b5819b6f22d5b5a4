// Public disclosure (提案公开): the proposals the committee published, for anyone, without a session.
// Every call is silent: a visitor is never sent to the login page by an answer of these endpoints.
import { api, type QueryValue } from './client';
import { pageParams } from './paging';
import type { SearchHighlight } from './proposals';
import type { ListResult } from './types';

export interface PublicProposalItem {
  id: number;
  committee_name: string;
  session_name: string;
  /** "第0012号". */
  number_label: string;
  title: string;
  category_name: string;
  /** "张三、李四" or the collective's name ("民革天河区基层委员会"). */
  proposer_label: string;
  /** YYYY-MM-DD */
  published_on: string;
  /** Only when searched (`q`). */
  highlight?: SearchHighlight;
}

/** The public list pages through the latest published proposals only (1,000 at most). */
export interface PublicListResult extends ListResult<PublicProposalItem> {
  /** False: there are more than `total`; only the latest `total` can be paged to. */
  total_exact: boolean;
}

export interface PublicReply {
  unit_name: string;
  role: string;
  role_name: string;
  reply_class: string;
  reply_class_name: string;
  reply_text: string;
  /** YYYY-MM-DD, or null. */
  replied_on: string | null;
}

export interface PublicProposal {
  id: number;
  committee_name: string;
  session_name: string;
  number_label: string;
  title: string;
  category_name: string;
  proposer_label: string;
  analysis: string;
  suggestions: string;
  published_on: string;
  closed_on: string | null;
  replies: PublicReply[];
}

/** The public list's search, kept in the page's address. */
export interface PublicListQuery {
  q: string;
  page: number;
  page_size: number;
}

export const PUBLIC_PAGE_SIZE = 20;
const Q_MAX = 64;

export function emptyPublicListQuery(): PublicListQuery {
  return { q: '', page: 1, page_size: PUBLIC_PAGE_SIZE };
}

/** The search from a page address; anything malformed is left at its default. */
export function publicListFromRoute(query: Record<string, unknown>): PublicListQuery {
  const text = (key: string) => {
    const value = Array.isArray(query[key]) ? (query[key] as unknown[])[0] : query[key];
    return typeof value === 'string' ? value : '';
  };
  const number = (key: string) => (/^[1-9]\d{0,5}$/.test(text(key)) ? Number(text(key)) : null);
  const out = emptyPublicListQuery();
  out.q = text('q').slice(0, Q_MAX);
  out.page = number('page') ?? out.page;
  const size = number('page_size');
  if (size !== null && size <= 100) out.page_size = size;
  return out;
}

/** The search as the page's address shows it: only what differs from the defaults. */
export function publicListRoute(query: PublicListQuery): Record<string, string> {
  const out: Record<string, string> = {};
  const q = query.q.trim();
  if (q) out.q = q;
  if (query.page !== 1) out.page = String(query.page);
  if (query.page_size !== PUBLIC_PAGE_SIZE) out.page_size = String(query.page_size);
  return out;
}

export function listPublicProposals(query: PublicListQuery) {
  const params: Record<string, QueryValue> = { ...pageParams(query.page, query.page_size) };
  const q = query.q.trim();
  if (q) params.q = q;
  return api.get<PublicListResult>('/public/proposals', params, { silent: true });
}

/** 404 proposal.not_found for anything not published. */
export function getPublicProposal(id: number) {
  return api.get<PublicProposal>(`/public/proposals/${id}`, undefined, { silent: true });
}
