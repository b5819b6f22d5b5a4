// The statistics page's rules, kept apart from the page so they can be tested: how a rate reads, which
// period the address asks for, the list behind each figure, the league table's ranks and the charts.
import type { LocationQueryRaw, RouteLocationRaw } from 'vue-router';
import type {
  CategoryStat,
  ProposalStats,
  RatingStat,
  ReplyClassStat,
  StatCode,
  StatsPeriod,
  StatsScope,
  TrendYear,
  UnitStat,
} from '@/api/proposalStats';
import type { ChartOption } from '@/components/echarts';

/** 0.8917 → "89.2%" (one decimal); "—" when there is no rate (nothing to divide by). */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

const firstText = (value: unknown): string => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : '';
};

/** The period a page address asks for (?year= or ?session_id=; a session wins); malformed = none. */
export function periodFromRouteQuery(query: Record<string, unknown>): StatsPeriod {
  const session = firstText(query.session_id);
  if (/^[1-9]\d{0,15}$/.test(session)) return { year: null, session_id: Number(session) };
  const year = firstText(query.year);
  if (/^(19|20|21)\d\d$/.test(year)) return { year: Number(year), session_id: null };
  return { year: null, session_id: null };
}

/** The period as the page's address keeps it. */
export function periodRouteQuery(period: StatsPeriod): Record<string, string> {
  if (period.session_id) return { session_id: String(period.session_id) };
  if (period.year) return { year: String(period.year) };
  return {};
}

/** The period the server answered for, as the proposal list's filter (year or session_id). */
export function scopeQuery(scope: StatsScope): Record<string, string> {
  if (scope.session_id) return { session_id: String(scope.session_id) };
  if (scope.year) return { year: String(scope.year) };
  return {};
}

/** The extra filter of a breakdown cell (a unit's row, a category, a sector, a reply class). */
export interface Breakdown {
  unit_id?: number;
  category_id?: number;
  sector_id?: number;
  reply_class?: string;
}

/**
 * The proposal list behind a figure: /proposals?stat=…&year=…|session_id=… plus the breakdown's filter
 * (no stat for a reply class: its filter alone is the list). null when the breakdown cannot be
 * filtered on (id 0: 未分类, 集体提案/未填界别).
 */
export function statLink(
  stat: StatCode | null,
  scope: StatsScope,
  breakdown: Breakdown = {},
): RouteLocationRaw | null {
  const query: LocationQueryRaw = stat ? { stat, ...scopeQuery(scope) } : scopeQuery(scope);
  for (const key of ['unit_id', 'category_id', 'sector_id'] as const) {
    const id = breakdown[key];
    if (id === undefined) continue;
    if (!Number.isInteger(id) || id <= 0) return null;
    query[key] = String(id);
  }
  if (breakdown.reply_class !== undefined) {
    if (!breakdown.reply_class) return null;
    query.reply_class = breakdown.reply_class;
  }
  return { path: '/proposals', query };
}

/** No proposal was received in the period (the page then says so instead of showing zeros). */
export function isEmptyPeriod(stats: Pick<ProposalStats, 'counts'>): boolean {
  const received = stats.counts.find((c) => c.stat === 'received');
  return received ? received.count === 0 : stats.counts.every((c) => c.count === 0);
}

/** count ÷ total; null when the total is 0. */
export function shareOf(count: number, total: number): number | null {
  return total > 0 ? count / total : null;
}

export interface RankedUnit extends UnitStat {
  /** 1-based; units with equal rates share a rank (1, 1, 3); null when the unit has no rate yet. */
  rank: number | null;
}

/**
 * The league table in the server's order (best first), ranked: a unit with the same on-time and
 * satisfaction rates as the one above it shares its rank; a unit with neither rate is not ranked.
 */
export function rankUnits(units: readonly UnitStat[]): RankedUnit[] {
  const ranked: RankedUnit[] = [];
  units.forEach((unit, index) => {
    if (unit.on_time_rate === null && unit.satisfaction_rate === null) {
      ranked.push({ ...unit, rank: null });
      return;
    }
    const previous = ranked[index - 1];
    const tied =
      previous !== undefined &&
      previous.rank !== null &&
      previous.on_time_rate === unit.on_time_rate &&
      previous.satisfaction_rate === unit.satisfaction_rate;
    ranked.push({ ...unit, rank: tied ? previous.rank : index + 1 });
  });
  return ranked;
}

/** Sorting a rate column of el-table: a missing rate below every rate. */
export function compareRates(a: number | null, b: number | null): number {
  return (a ?? -1) - (b ?? -1);
}

// ---- Charts (the same numbers are always in a table next to each chart) ----

const TOOLTIP_ITEM = { trigger: 'item' as const, confine: true };

/** Names of the four counts of a category or a year, in the current language. */
export interface SeriesNames {
  received: string;
  filed: string;
  replied: string;
  closed: string;
}
const SERIES_KEYS = ['received', 'filed', 'replied', 'closed'] as const;

/** Grouped bars: per category, received/filed/replied/closed. */
export function categoryBarOption(rows: readonly CategoryStat[], names: SeriesNames): ChartOption {
  return {
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1 },
    series: SERIES_KEYS.map((key) => ({
      name: names[key],
      type: 'bar' as const,
      data: rows.map((r) => r[key]),
    })),
  };
}

function pieOption(seriesName: string, data: { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { ...TOOLTIP_ITEM, formatter: '{b}：{c}（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['35%', '65%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data,
      },
    ],
  };
}

/** The replies by reply class; `label` names a class briefly (the table has the long name). */
export function classPieOption(
  seriesName: string,
  classes: readonly ReplyClassStat[],
  label: (c: ReplyClassStat) => string,
): ChartOption {
  return pieOption(
    seriesName,
    classes.map((c) => ({ name: label(c), value: c.count })),
  );
}

/** The proposers' ratings (满意, 基本满意, 不满意). */
export function ratingPieOption(seriesName: string, ratings: readonly RatingStat[]): ChartOption {
  return pieOption(
    seriesName,
    ratings.map((r) => ({ name: r.name, value: r.count })),
  );
}

/** One line per count over the years, oldest first. */
export function trendLineOption(trend: readonly TrendYear[], names: SeriesNames): ChartOption {
  return {
    tooltip: { trigger: 'axis', confine: true },
    legend: { top: 0 },
    grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: trend.map((y) => String(y.year)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: SERIES_KEYS.map((key) => ({
      name: names[key],
      type: 'line' as const,
      data: trend.map((y) => y[key]),
    })),
  };
}
