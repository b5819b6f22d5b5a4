// Proposal statistics (提案统计): the figures of one year or one plenary session, each count with the
// stat code of the list behind it (GET /proposals?stat=…). Permission proposal.view_all.
import { api } from './client';

/** The stat codes GET /proposals?stat= understands; every count of the statistics carries one. */
export const STAT_CODES = [
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
export type StatCode = (typeof STAT_CODES)[number];

export const RATE_CODES = [
  'filing_rate',
  'reply_rate',
  'on_time_rate',
  'closing_rate',
  'satisfaction_rate',
  'first_round_satisfaction_rate',
  'key_share',
  'collective_share',
] as const;
export type RateCode = (typeof RATE_CODES)[number];

/** The period the figures cover: a calendar year (submission year) or a plenary session. */
export interface StatsScope {
  year: number | null;
  session_id: number | null;
  /** "2021年" or "八届五次会议". */
  label: string;
}

export interface StatCount {
  stat: StatCode;
  name: string;
  count: number;
}

export interface StatRate {
  code: RateCode;
  name: string;
  /** How it is computed, e.g. "立案数 ÷ 收到提案数". */
  definition: string;
  numerator: StatCount;
  denominator: StatCount;
  /** 0..1; null when the denominator is 0. */
  rate: number | null;
}

/** Replies of one reply class (A, B, …) among all replies. */
export interface ReplyClassStat {
  code: string;
  name: string;
  count: number;
  denominator: number;
  rate: number | null;
}

export interface RatingStat {
  code: 'satisfied' | 'basically_satisfied' | 'dissatisfied' | (string & {});
  name: string;
  count: number;
}

/** One row of the handling units' league table. */
export interface UnitStat {
  unit_id: number;
  unit_name: string;
  assigned: number;
  replied: number;
  on_time: number;
  overdue: number;
  rated: number;
  satisfied: number;
  on_time_rate: number | null;
  satisfaction_rate: number | null;
}

export interface CategoryStat {
  /** 0 = 未分类. */
  id: number;
  name: string;
  received: number;
  filed: number;
  replied: number;
  closed: number;
}

export interface SectorStat {
  /** 0 = 集体提案/未填界别. */
  id: number;
  name: string;
  received: number;
  filed: number;
}

export interface TrendYear {
  year: number;
  received: number;
  filed: number;
  replied: number;
  closed: number;
}

export interface ProposalStats {
  scope: StatsScope;
  /** Years that have proposals, newest first (for the picker). */
  years: number[];
  sessions: { id: number; name: string }[];
  counts: StatCount[];
  rates: StatRate[];
  classes: ReplyClassStat[];
  ratings: RatingStat[];
  /** Best first. */
  by_unit: UnitStat[];
  by_category: CategoryStat[];
  by_sector: SectorStat[];
  /** Every year, oldest first. */
  trend: TrendYear[];
}

/** Which period to ask for: a year, a session, or neither (the server's current year). */
export interface StatsPeriod {
  year: number | null;
  session_id: number | null;
}

export function getProposalStats(period: StatsPeriod) {
  // One of the two: a session wins over a year.
  return api.get<ProposalStats>(
    '/proposals/stats',
    period.session_id ? { session_id: period.session_id } : { year: period.year },
  );
}
