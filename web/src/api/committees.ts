import { api } from './client';
import type { Committee, CommitteeLevel, ListResult } from './types';

export interface CommitteeInput {
  name: string;
  short_name: string | null;
  level: CommitteeLevel;
  parent_id: number | null;
  is_active?: boolean;
}

export const COMMITTEE_LEVELS: readonly CommitteeLevel[] = ['national', 'province', 'city', 'district'];

export function listCommittees(query: { q?: string; page?: number; page_size?: number }) {
  return api.get<ListResult<Committee>>('/committees', query);
}

export function createCommittee(input: CommitteeInput) {
  return api.post<Committee>('/committees', input);
}

export function updateCommittee(id: number, input: Partial<CommitteeInput>) {
  return api.patch<Committee>(`/committees/${id}`, input);
}
