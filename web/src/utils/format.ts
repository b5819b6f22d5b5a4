/** Unix seconds → local "YYYY-MM-DD HH:mm"; '—' when absent. */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const d = new Date(seconds * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Unix seconds → "YYYY-MM-DD HH:mm:ss" in Asia/Shanghai (UTC+8, no daylight saving); '—' when absent. */
export function formatShanghai(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const d = new Date((seconds + 8 * 3600) * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/** A 'YYYY-MM-DD' date as is; '—' when absent. */
export function formatDate(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '—';
}

const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 109 → 一百零九 (for term names such as 第十届). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const rest = n % 100;
  const head = DIGITS[Math.floor(n / 100)] + '百';
  if (!rest) return head;
  if (rest < 10) return head + '零' + DIGITS[rest];
  return head + (rest < 20 ? '一' : '') + chineseNumber(rest);
}

/** 'YYYY-MM-DD' of the calendar day before `date` ('YYYY-MM-DD'). */
export function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y!, m! - 1, d! - 1));
  return t.toISOString().slice(0, 10);
}

/** Today's 'YYYY-MM-DD' in Asia/Shanghai. */
export function todayShanghai(now = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
