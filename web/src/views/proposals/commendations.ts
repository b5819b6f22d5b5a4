// The commendation page's rules, kept apart from the page so they can be tested: the year and tab in
// the page's address, the years to offer, and how a recommendation is named in messages.
import { COMMENDATION_KINDS, type Commendation, type CommendationKind } from '@/api/commendations';
import { todayShanghai } from '@/utils/format';

/** How many years back the year picker goes. */
export const YEARS_BACK = 9;

export interface CommendationView {
  year: number;
  kind: CommendationKind;
}

/** This year in Asia/Shanghai. */
export function currentYear(now = Date.now()): number {
  return Number(todayShanghai(now).slice(0, 4));
}

const firstText = (value: unknown): string => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : '';
};

/** The year and tab a page address asks for; anything missing or malformed is the default. */
export function commendationsFromRouteQuery(
  query: Record<string, unknown>,
  thisYear: number,
): CommendationView {
  const yearText = firstText(query.year);
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  const kind = firstText(query.kind);
  return {
    year: year >= 1950 && year <= thisYear + 1 ? year : thisYear,
    kind: (COMMENDATION_KINDS as readonly string[]).includes(kind)
      ? (kind as CommendationKind)
      : 'excellent_proposal',
  };
}

/** The page's address: year always (the default changes on New Year's day), the tab unless the first. */
export function commendationRouteQuery(view: CommendationView): Record<string, string> {
  const query: Record<string, string> = { year: String(view.year) };
  if (view.kind !== 'excellent_proposal') query.kind = view.kind;
  return query;
}

/** The years to offer, newest first: this year and YEARS_BACK before it, plus `shown` if elsewhere. */
export function yearChoices(thisYear: number, shown: number): number[] {
  const years = Array.from({ length: YEARS_BACK + 1 }, (_, i) => thisYear - i);
  if (!years.includes(shown)) years.push(shown);
  return years.sort((a, b) => b - a);
}

/** "第0012号《关于…》" for a proposal, the unit's name for a unit. */
export function commendationTarget(item: Pick<Commendation, 'proposal' | 'unit'>): string {
  if (item.proposal) {
    const title = `《${item.proposal.title}》`;
    return item.proposal.number_label ? `${item.proposal.number_label}${title}` : title;
  }
  return item.unit?.name ?? '';
}
