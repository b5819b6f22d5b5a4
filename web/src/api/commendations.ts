// Commendation (表彰评选): staff propose excellent proposals (优秀提案) and model handling units
// (先进承办单位) of a year, a leader approves or rejects each. Viewing needs proposal.view_all; what
// the caller may do comes with the answer (can_propose, can_approve, each item's actions).
import { api } from './client';

export const COMMENDATION_KINDS = ['excellent_proposal', 'model_unit'] as const;
export type CommendationKind = (typeof COMMENDATION_KINDS)[number];

export const COMMENDATION_STATES = ['proposed', 'approved', 'rejected'] as const;
export type CommendationState = (typeof COMMENDATION_STATES)[number];

export type CommendationAction = 'approve' | 'reject' | 'delete';

/** Longest reason of a recommendation and comment of a decision. */
export const COMMENDATION_TEXT_MAX = 500;

export interface Commendation {
  id: number;
  kind: CommendationKind;
  kind_name: string;
  year: number;
  proposal: { id: number; number_label: string; title: string; proposer_label: string } | null;
  unit: { id: number; name: string } | null;
  reason: string;
  state: CommendationState;
  state_name: string;
  proposed_by_name: string;
  proposed_at: number;
  decided_by_name: string | null;
  decided_at: number | null;
  decision_comment: string | null;
  /** What the caller may do now. */
  actions: CommendationAction[];
}

export interface CommendationList {
  year: number;
  items: Commendation[];
  can_propose: boolean;
  can_approve: boolean;
}

/** A proposal or a unit that may be recommended; `already` when it has a recommendation this year. */
export interface CommendationCandidate {
  proposal_id?: number;
  unit_id?: number;
  label: string;
  detail: string;
  already: boolean;
}

export interface CommendationInput {
  kind: CommendationKind;
  year: number;
  proposal_id?: number;
  unit_id?: number;
  reason: string;
}

/** The id of a candidate, whichever kind it is (0 when it has none). */
export function candidateId(candidate: CommendationCandidate): number {
  return candidate.proposal_id ?? candidate.unit_id ?? 0;
}

export function listCommendations(year: number, kind?: CommendationKind) {
  return api.get<CommendationList>('/commendations', { year, kind });
}

export function listCommendationCandidates(year: number, kind: CommendationKind) {
  return api.get<{ items: CommendationCandidate[] }>('/commendations/candidates', { year, kind });
}

/** Body of POST /commendations for `id` as the kind's candidate. */
export function commendationInput(
  kind: CommendationKind,
  year: number,
  id: number,
  reason: string,
): CommendationInput {
  return kind === 'excellent_proposal'
    ? { kind, year, proposal_id: id, reason }
    : { kind, year, unit_id: id, reason };
}

export function createCommendation(input: CommendationInput) {
  return api.post<Commendation>('/commendations', input);
}

export function approveCommendation(id: number, comment = '') {
  return api.post<Commendation>(`/commendations/${id}/approve`, comment ? { comment } : {});
}

/** `comment` is required by the server. */
export function rejectCommendation(id: number, comment: string) {
  return api.post<Commendation>(`/commendations/${id}/reject`, { comment });
}

export function deleteCommendation(id: number) {
  return api.delete<void>(`/commendations/${id}`);
}
