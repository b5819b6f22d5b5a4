// How proposals look in lists and on the detail page: state colours, deadline warnings, sizes.
import type { AssignmentState, ProposalState } from '@/generated/contract';
import type { CosignerOption } from '@/api/proposals';

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

const PROPOSAL_TAGS: Record<ProposalState, TagType> = {
  draft: 'info',
  awaiting_cosigners: 'warning',
  submitted: 'primary',
  returned: 'danger',
  under_review: 'primary',
  filed: 'primary',
  not_filed: 'info',
  merged: 'info',
  assigned: 'warning',
  handling: 'warning',
  replied: 'success',
  rehandling: 'danger',
  closed: 'success',
  withdrawn: 'info',
};

const ASSIGNMENT_TAGS: Record<AssignmentState, TagType> = {
  pending: 'warning',
  handling: 'primary',
  reassign_requested: 'warning',
  cancelled: 'info',
  reply_draft: 'primary',
  reply_review: 'primary',
  replied: 'success',
  done: 'success',
};

export function proposalStateTag(state: string | undefined): TagType {
  return PROPOSAL_TAGS[state as ProposalState] ?? 'info';
}

export function assignmentStateTag(state: string | undefined): TagType {
  return ASSIGNMENT_TAGS[state as AssignmentState] ?? 'info';
}

/** Whole days from `today` to `deadline` (both 'YYYY-MM-DD'); negative when past. */
export function daysUntil(deadline: string, today: string): number {
  const day = (text: string) =>
    Date.UTC(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  return Math.round((day(deadline) - day(today)) / 86400000);
}

/**
 * The warning next to a reply deadline: 'overdue' (the server says so), 'due_soon' (within
 * `dueSoonDays` calendar days of today, setting proposal.due_soon_days), or null.
 */
export function deadlineStatus(
  deadline: string | null | undefined,
  overdue: boolean,
  today: string,
  dueSoonDays: number,
): 'overdue' | 'due_soon' | null {
  if (overdue) return 'overdue';
  if (!deadline) return null;
  const left = daysUntil(deadline, today);
  if (left < 0) return 'overdue';
  return left <= dueSoonDays ? 'due_soon' : null;
}

/** 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** "王小明（0901 · 教育界）". */
export function cosignerLabel(option: CosignerOption): string {
  const sector = typeof option.sector === 'string' ? option.sector : (option.sector?.name ?? '');
  const extra = [option.member_no, sector].filter(Boolean).join(' · ');
  return extra ? `${option.name}（${extra}）` : option.name;
}

/** "HH:MM" of a moment, local time. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
